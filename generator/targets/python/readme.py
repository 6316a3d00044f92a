"""The generated package's README: the API groups it holds and a first call, for the groups generated.

Every name shown is a sanitised identifier the target made (module paths,
class and method names), never spec text.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.ir.model import Api, Operation, Resource, Unit
from kgen.targets.python import api_module, naming
from kgen.targets.python.types import ModelName
from kgen.words import split_words

EXAMPLE_SERVER = "http://127.0.0.1:8001"  # where `kubectl proxy` listens


@dataclass
class GroupRow:
    module: str
    kinds: str  # Markdown: `Kind`, `Kind`
    classes: str  # Markdown: `CoreV1Api`, `AsyncCoreV1Api`


def group_rows(api: Api, modules: dict[Unit, str], names: dict[str, ModelName]) -> list[GroupRow]:
    """One row per API group/version with operations."""
    rows = []
    for unit in api.units:
        if unit.group is None or unit.version is None or not api.operations_in(unit):
            continue
        kinds = sorted({names[r.model].cls for r in _resources(api, unit) if r.model in names})
        rows.append(
            GroupRow(modules[unit], ", ".join(f"`{k}`" for k in kinds) or "-", ", ".join(f"`{c}`" for c in api_module.class_names(unit)))
        )
    return rows


def example(api: Api, package: str, modules: dict[Unit, str]) -> str | None:
    """Reading one object: of the core group if it was generated, namespaced if possible; None without a candidate."""
    operations = {op.id: op for op in api.operations}
    candidates = []
    for unit in api.units:
        if unit.group is None or unit.version is None:
            continue
        for resource in _resources(api, unit):
            read = next((operations[i] for i in resource.operations if operations[i].action == "get" and _simple(operations[i])), None)
            if read is not None and read.unit == unit:
                candidates.append((unit.group != "", not resource.namespaced, resource.gvk.kind, unit, read))
    if not candidates:
        return None
    *_, kind, unit, read = min(candidates, key=lambda c: c[:3])
    api_class = api_module.class_names(unit)[0]
    attrs = api_module.param_attrs(read)
    args = ", ".join(f'{attrs[id(p)]}="{"default" if p.wire_name == "namespace" else "example"}"' for p in read.params if p.required)
    variable = naming.snake(split_words(kind)) or "obj"
    return "\n".join(
        [
            f"from {package} import Client",
            f"from {modules[unit]} import {api_class}",
            "",
            f'api = {api_class}(Client("{EXAMPLE_SERVER}"))  # e.g. behind `kubectl proxy`',
            f"{variable} = api.{naming.snake(read.name)}({args})",
        ]
    )


def _resources(api: Api, unit: Unit) -> list[Resource]:
    return [r for r in api.resources if r.gvk.group == unit.group and r.gvk.version == unit.version]


def _simple(op: Operation) -> bool:
    """Every required argument is a path parameter: the example can name them all."""
    return (op.body is None or not op.body.required) and all(p.location == "path" for p in op.params if p.required)
