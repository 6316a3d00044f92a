"""The generated package's README: the API groups it holds and example calls per API class.

Every name shown is a sanitised identifier the target made (module paths,
class and method names); spec values in examples (enum values) go through
the string encoder.
"""

from __future__ import annotations

from kgen.ir.model import Api, Operation, Resource, TypeRef, Unit
from kgen.targets import examples
from kgen.targets.common import unit_title
from kgen.targets.python import api_module, encode, models, naming
from kgen.targets.python.types import ModelName
from kgen.targets.python.views import CallView, GroupRow, UnitExample


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


def unit_examples(api: Api, modules: dict[Unit, str], names: dict[str, ModelName], package: str) -> list[UnitExample]:
    """Per API class: its imports, then the calls of examples.unit_examples with every required argument."""
    found = []
    for example in examples.unit_examples(api):
        imports = _Imports()
        cls = imports.use(modules[example.unit], api_module.class_names(example.unit)[0])
        spell = _Speller(api, modules, names, package, imports)
        calls = [
            CallView(naming.snake(c.op.name), spell.args(c), _returns(c.op), naming.snake(c.op.watch_name) if c.op.watch_name else "")
            for c in example.calls
        ]
        found.append(UnitExample(encode.markdown_text(unit_title(example.unit)), imports.lines(), cls, calls))
    return found


def _returns(op: Operation) -> bool:
    return op.returns.type is not None and op.returns.media != "none"


class _Imports:
    """Names an example imports, by module; a class name two modules share is imported the second time as Name2."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[str, str]] = {}  # local name -> (module, name)

    def use(self, module: str, name: str) -> str:
        local = naming.unique([name], {n for n, source in self.names.items() if source != (module, name)})[0]
        self.names[local] = (module, name)
        return local

    def lines(self) -> list[str]:
        by_module: dict[str, list[str]] = {}
        for local, (module, name) in sorted(self.names.items()):
            by_module.setdefault(module, []).append(name if local == name else f"{name} as {local}")
        return [f"from {module} import {', '.join(names)}" for module, names in sorted(by_module.items())]


EMPTY = {"array": "[]", "map": "{}", "object": "{}", "any": "None", "binary": 'b""'}


class _Speller(examples.Speller):
    """Example values as Python expressions, importing the model classes they build."""

    namespace = "client.namespace"

    def __init__(self, api: Api, modules: dict[Unit, str], names: dict[str, ModelName], package: str, imports: _Imports):
        self.api, self.modules, self.names, self.package, self.imports = api, modules, names, package, imports

    def args(self, call: examples.Call) -> str:
        """Path arguments and a required body positionally, required query, header and form parameters by keyword."""
        op = call.op
        attrs = api_module.param_attrs(op)
        positional = [self.spell(v) for p in op.params if p.location == "path" and (v := call.value(p))]
        if op.body is not None and (body := call.value(op.body)):
            positional.append(self.spell(body))
        keyword = [f"{attrs[id(p)]}={self.spell(v)}" for p in op.params if p.location != "path" and (v := call.value(p))]
        return ", ".join(positional + keyword)

    def model(self, key: str, v: examples.Value) -> str:
        attrs = dict(zip(map(id, self.api.models[key].fields), models.field_attributes(self.api.models[key])))
        cls = self.imports.use(self.modules[self.names[key].unit], self.names[key].cls)
        return f"{cls}({', '.join(f'{attrs[id(f)]}={self.spell(fv)}' for f, fv in v.fields)})"

    def tuple(self, items: list[str]) -> str:
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"

    def literal(self, value: object, t: TypeRef) -> str:
        return encode.string_literal(value) if isinstance(value, str) else repr(value)

    def empty(self, kind: str) -> str:
        return self.imports.use(self.package, "NO_RAW") if kind == "raw" else EMPTY[kind]


def _resources_by_group_version(api: Api) -> dict[tuple[str, str], list[Resource]]:
    grouped: dict[tuple[str, str], list[Resource]] = {}
    for r in api.resources:
        grouped.setdefault((r.gvk.group, r.gvk.version), []).append(r)
    return grouped
