"""The package's `_queries` module: one TypedDict per distinct set of optional parameters.

Kubernetes repeats the same optional query parameters (pretty, dryRun,
labelSelector, ...) on hundreds of operations in dozens of group/versions;
each set is declared and documented once for the whole package. API modules
import these names for type checkers only, so they cost nothing at run time.
Sets are named after what their users share (kgen.plan.options):
ListQuery, ConnectNamespacedPodProxyQuery.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kgen.ir.model import ROOT, Api, Operation, Unit
from kgen.plan import options as plan_options
from kgen.plan.units import optional_params
from kgen.targets.python import encode, layout, naming
from kgen.targets.python.types import ModelName, TypeNamer
from kgen.targets.python.views import QueriesModule, QueryView

if TYPE_CHECKING:
    from kgen.targets.python.target import Package

CLASS_INDENT = "    "


@dataclass(frozen=True)
class Queries:
    module: QueriesModule  # the _queries module (it has no classes when no operation has optional parameters)
    by_operation: dict[str, QueryView]  # operation id -> its optional parameters


Attributes = tuple[tuple[str, str, str], ...]  # of each parameter: attribute, annotation, description


def build(api: Api, names: dict[str, ModelName], package: Package, header: str, refs: frozenset[Unit]) -> Queries:
    """`package` is the target's Package: module paths and aliases of the units; `refs` the units the optional parameters name."""
    from kgen.targets.python.api_module import param_attrs

    namer = TypeNamer(names, ROOT, package.aliases, local=False)
    def key_of(op: Operation) -> Attributes:
        attrs = param_attrs(op)
        return tuple((attrs[id(p)], namer.spell(p.type), " ".join((p.description or "").split())) for p in optional_params(op))

    by_operation: dict[str, QueryView] = {}
    classes: list[QueryView] = []
    for found in plan_options.option_sets(api.operations, key_of, lambda words: naming.pascal(words + ("query",))):
        head = layout.bracket(f"class {found.type_name}(", ["TypedDict", "total=False"], "):")
        view = QueryView(found.type_name, head, _docstring(found.users, found.key), [layout.annotated(attr, annotation, "", CLASS_INDENT) for attr, annotation, _ in found.key])
        classes.append(view)
        for op in found.users:
            by_operation[op.id] = view
    module = QueriesModule(
        header,
        package.name,
        docstring=encode.docstring("Optional parameters of the operations, one TypedDict per distinct set.", ""),
        imports=package.imports(refs),
        uses_any=namer.uses_any,
        queries=sorted(classes, key=lambda v: v.name),
    )
    return Queries(module, by_operation)


def _docstring(users: list[Operation], key: Attributes) -> str:
    named = ", ".join(naming.snake(u.name) for u in users[:3]) + (", ..." if len(users) > 3 else "")
    doc = f"Optional parameters of {named}."
    documented = [f"    {attr}: {desc}" for attr, _, desc in key if desc]
    if documented:
        doc += "\n\nAttributes:\n" + "\n".join(documented)
    return encode.docstring(doc, CLASS_INDENT)
