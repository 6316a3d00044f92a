"""How units map onto Go packages: directories, package names, import paths and aliases.

Go forbids import cycles, which Swagger does not: when models of two units
refer to each other (directly or through others), those units share one
package, the first of them in sorted order. Kubernetes' own documents have
no such cycles, so each group/version keeps a package of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kgen.ir.model import Api, TypeRef, Unit
from kgen.ir.walk import referenced_models
from kgen.plan import scopes
from kgen.targets.go import encode, naming

if TYPE_CHECKING:
    from kgen.targets.go.types import TypeNamer

# Names a generated file may import besides unit packages: no unit package may be imported under them.
FILE_IMPORTS = frozenset({"context", "json", "client"})


@dataclass(frozen=True, order=True)
class GoPackage:
    dirs: tuple[str, ...]  # below the module root; () is the root
    name: str  # the package clause
    import_path: str
    alias: str  # what other files import it as


@dataclass
class Layout:
    module: str
    of: dict[Unit, GoPackage]  # every unit -> its package (units in an import cycle share one)
    units: dict[GoPackage, list[Unit]]  # every package -> its units, sorted

    @property
    def runtime_import(self) -> str:
        return f"{self.module}/{naming.RUNTIME_DIR}"

    def path(self, package: GoPackage, leaf: str) -> str:
        return "/".join((*package.dirs, leaf))

    def imported(self, package: GoPackage, refs: Iterable[Unit]) -> set[GoPackage]:
        """The packages a file of `package` imports for the units it refers to (kgen.plan.units)."""
        return {self.of[unit] for unit in refs} - {package}


def layout(api: Api, module: str) -> Layout:
    naming.check_module_path(module)
    representative = _merge_cycles(api)
    # directories are lower case: no clash on case-insensitive systems
    dirs = scopes.unit_dirs(sorted({representative[u] for u in api.units}), naming.package_dir)
    root = naming.root_package(module)
    aliases = dict(zip(dirs, naming.unique([naming.import_alias(d) if d else root for d in dirs.values()], naming.KEYWORDS | naming.PREDECLARED | FILE_IMPORTS)))
    packages = {
        unit: GoPackage(d, d[-1] if d else root, "/".join((module, *d)), aliases[unit]) for unit, d in dirs.items()
    }
    of = {unit: packages[representative[unit]] for unit in api.units}
    units: dict[GoPackage, list[Unit]] = defaultdict(list)
    for unit in api.units:
        units[of[unit]].append(unit)
    return Layout(module, of, dict(sorted(units.items())))


def import_block(namer: TypeNamer, std: set[str], layout: Layout, imported: Iterable[GoPackage]) -> str:
    """The import block gofmt keeps: standard packages, a blank line, then the module's, each sorted by path."""
    standard = sorted(std | ({"encoding/json"} if namer.uses_json else set()))
    own = ([encode.string_literal(layout.runtime_import)] if namer.uses_client else []) + [
        f"{p.alias} {encode.string_literal(p.import_path)}" for p in sorted(imported, key=lambda p: p.import_path)
    ]
    groups = [[encode.string_literal(s) for s in standard], sorted(own, key=lambda line: line.rsplit(" ", 1)[-1])]
    lines = "\n\n".join("\n".join(f"\t{line}" for line in group) for group in groups if group)
    return f"import (\n{lines}\n)" if lines else ""


def _merge_cycles(api: Api) -> dict[Unit, Unit]:
    """Each unit -> the first unit of its strongly connected group in the graph of references between units."""
    unit_of = {key: m.unit for key, m in api.models.items()}
    types: dict[Unit, list[TypeRef | None]] = defaultdict(list)  # each unit's types, walked in one pass per unit
    for model in api.models.values():
        types[model.unit] += [model.alias, *(f.type for f in model.fields)]
    for op in api.operations:
        types[op.unit] += [op.returns.type, op.body.type if op.body else None, *(p.type for p in op.params)]
    edges = {unit: {unit_of[k] for k in referenced_models(found)} - {unit} for unit, found in types.items()}
    groups = _strongly_connected(sorted(api.units), {u: sorted(edges.get(u, ())) for u in api.units})
    return {unit: min(group) for group in groups for unit in group}


def _strongly_connected(nodes: list[Unit], edges: dict[Unit, list[Unit]]) -> list[list[Unit]]:
    """Tarjan's algorithm without recursion (a document may chain thousands of units)."""
    index: dict[Unit, int] = {}
    low: dict[Unit, int] = {}
    on_stack: set[Unit] = set()
    stack: list[Unit] = []
    groups: list[list[Unit]] = []
    for start in nodes:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, [])
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups
