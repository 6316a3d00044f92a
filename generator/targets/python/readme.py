"""The generated package's README: the API groups it holds and a first call per API class.

Every name shown is a sanitised identifier the target made (module paths,
class and method names), never spec text.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.ir.model import Api, Operation, Resource, Unit
from kgen.targets.python import api_module, encode, naming
from kgen.targets.python.types import ModelName

@dataclass
class GroupRow:
    module: str
    kinds: str  # Markdown: `Kind`, `Kind`
    classes: str  # Markdown: `CoreV1Api`, `AsyncCoreV1Api`


def group_rows(api: Api, modules: dict[Unit, str], names: dict[str, ModelName]) -> list[GroupRow]:
    """One row per API group/version with operations."""
    rows = []
    operations = api.operations_by_unit()
    resources = _resources_by_group_version(api)
    for unit in api.units:
        if unit.group is None or unit.version is None or unit not in operations:
            continue
        kinds = sorted({names[r.model].cls for r in resources.get((unit.group, unit.version), []) if r.model in names})
        rows.append(
            GroupRow(modules[unit], ", ".join(f"`{k}`" for k in kinds) or "-", ", ".join(f"`{c}`" for c in api_module.class_names(unit)))
        )
    return rows


@dataclass
class UnitExample:
    module: str
    cls: str
    title: str  # Markdown
    method: str
    args: str
    call: str
    watch: str  # "" when the example's operation has no watch helper


def unit_example(unit: Unit, ops: list[Operation], module: str, title: str) -> UnitExample:
    """One call per API class (`ops`: its unit's operations): a list (and its watch) where there is one, else a read."""
    watchable = [o for o in ops if o.watch_name]
    namespaced = [o for o in watchable if any(p.wire_name == "namespace" for p in o.params)]
    op = (namespaced or watchable or [o for o in ops if o.action == "get"] or ops)[0]
    attrs = api_module.param_attrs(op)
    args = ", ".join(
        "client.namespace" if p.wire_name == "namespace" else f'{attrs[id(p)]}="example"'
        for p in op.params
        if p.location == "path" and p.required
    )
    method = naming.snake(op.name)
    return UnitExample(
        module=module,
        cls=api_module.class_names(unit)[0],
        title=encode.markdown_text(title),
        method=method,
        args=args,
        call=f"{method}({args})",
        watch=f"{naming.snake(op.watch_name)}({args})" if op.watch_name else "",
    )


def _resources_by_group_version(api: Api) -> dict[tuple[str, str], list[Resource]]:
    grouped: dict[tuple[str, str], list[Resource]] = {}
    for r in api.resources:
        grouped.setdefault((r.gvk.group, r.gvk.version), []).append(r)
    return grouped
