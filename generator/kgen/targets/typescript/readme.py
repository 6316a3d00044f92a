"""The README's example calls: per unit, the functions it imports and the calls of examples.unit_examples.

Names are the target's sanitised identifiers; spec values (enum values,
property keys) go through the string encoder and property_key.
"""

from __future__ import annotations

import json

from kgen.ir.model import Api, Operation, TypeRef, Unit
from kgen.targets import examples
from kgen.targets.common import unit_title
from kgen.targets.python.encode import markdown_text
from kgen.targets.typescript import encode, naming, operations
from kgen.targets.typescript.types import ModelName
from kgen.targets.typescript.views import CallView, UnitExample

EMPTY = {"array": "[]", "map": "{}", "object": "{}", "any": "null", "raw": "null", "binary": "new Uint8Array()"}


def unit_examples(api: Api, dirs: dict[Unit, tuple[str, ...]], names: dict[str, ModelName], package: str) -> list[UnitExample]:
    operations_by_unit, types = api.operations_by_unit(), operations.type_names(names)
    found = []
    for example in examples.unit_examples(api):
        functions = operations.function_names(example.unit, operations_by_unit[example.unit], types.get(example.unit, set()))
        calls = [_call(call, *functions[call.op.id]) for call in example.calls]
        imported = sorted({name for c in calls for name in (c.function, c.watch) if name})
        module = "/".join((package, *dirs[example.unit]))
        found.append(UnitExample(markdown_text(unit_title(example.unit)), module, imported, calls))
    return found


def _call(call: examples.Call, function: str, watch: str | None) -> CallView:
    """The arguments: the client, path arguments, the body, and an options object of the required options."""
    op, spell = call.op, _Speller()
    paths = [spell.spell(v) for p in op.params if p.location == "path" and (v := call.value(p))]
    keys = operations.option_keys(op)
    required = [f"{naming.property_key(keys[id(p)])}: {spell.spell(v)}" for p in op.params if p.location != "path" and (v := call.value(p))]
    options = ["{ " + ", ".join(required) + " }"] if required else []
    body = call.value(op.body) if op.body is not None else None
    # An optional body before required options is passed as undefined.
    bodies = [spell.spell(body)] if body is not None else ["undefined"] if op.body is not None and required else []
    return CallView(function, ", ".join(["client", *paths, *bodies, *options]), _returns(op), watch, ", ".join(["client", *paths, *options]))


def _returns(op: Operation) -> bool:
    return op.returns.type is not None and op.returns.media != "none"


class _Speller(examples.Speller):
    """Example values as TypeScript expressions: models are object literals."""

    namespace = "client.namespace"

    def model(self, key: str, v: examples.Value) -> str:
        members = [f"{naming.property_key(f.wire_name)}: {self.spell(fv)}" for f, fv in v.fields]
        return "{ " + ", ".join(members) + " }" if members else "{}"

    def tuple(self, items: list[str]) -> str:
        return "[" + ", ".join(items) + "]"

    def literal(self, value: object, t: TypeRef) -> str:
        return encode.string_literal(value) if isinstance(value, str) else json.dumps(value)

    def empty(self, kind: str) -> str:
        return EMPTY[kind]
