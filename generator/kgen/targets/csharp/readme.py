"""The README's examples: per unit, its usings and the calls of examples.unit_examples.

Each value is spelled for the C# type of the slot it fills, as the generated
signatures and classes declare it: a model is `new Type { ... }` setting the
properties it requires, a scalar a literal, a list or map an empty one.
Spec values (enum values) go through the string encoder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kgen.ir.model import Api, ArrayOf, MapOf, ModelRef, TypeRef, Unit
from kgen.targets import examples
from kgen.targets.common import unit_title
from kgen.targets.csharp import api as api_module
from kgen.targets.csharp import encode, models
from kgen.targets.csharp.types import TypeName, TypeNamer
from kgen.targets.python.encode import markdown_text

OUTSIDE = "Example"  # the namespace a reader's code is in: it names every type it uses through a using
NUMBERS = {"long?": "{}L", "int?": "{}", "double?": "{}.0"}


@dataclass
class CallView:
    call: str  # api.MethodAsync(...)
    result: bool  # whether it returns something to print
    watch: str  # api.WatchMethod(...), "" when the operation has none
    watch_type: str  # Watch<T> of its events


@dataclass
class UnitExample:
    title: str  # Markdown
    usings: str
    api_class: str
    console: str  # System.Console, as the block spells it
    calls: list[CallView]


class _Speller(examples.Speller):
    """C# expressions of example values, recording the usings they need."""

    namespace = '"default"'

    def __init__(self, api: Api, namer: TypeNamer):
        self.api, self.namer = api, namer

    def typed(self, v: examples.Value) -> str:
        if v.namespace:
            return self.namespace
        if isinstance(v.type, (ArrayOf, MapOf)):
            return self.collection(v.type)
        cs_type = self.namer.spell(v.declared)
        if v.literal is None or isinstance(v.type, ModelRef):
            return self.spell(v)
        if cs_type in NUMBERS:
            return NUMBERS[cs_type].format(int(v.literal) if isinstance(v.literal, (int, float)) else 1)
        if cs_type == "bool?":
            return json.dumps(bool(v.literal))
        text = encode.string_literal(str(v.literal))
        return text if cs_type == "string" else f"{cs_type}.Of({text})"

    def collection(self, t: ArrayOf | MapOf) -> str:
        if isinstance(t, ArrayOf):
            return f"new {self.namer.ref('List')}<{self.namer.spell(t.item)}>()"
        return f"new {self.namer.ref('Dictionary')}<string, {self.namer.spell(t.value)}>()"

    def model(self, key: str, v: examples.Value) -> str:
        model = self.api.models[key]
        name = self.namer.spell(ModelRef(key))
        found = dict(zip(map(id, model.fields), models.property_names(model, name.rsplit(".", 1)[-1])))
        members = ", ".join(f"{found[id(f)]} = {self.typed(fv)}" for f, fv in v.fields)
        return f"new {name} {{ {members} }}" if members else f"new {name}()"

    def tuple(self, items: list[str]) -> str:
        return f"new {self.namer.ref('List')}<{self.namer.ref('RawJson')}>()"

    def literal(self, value: object, t: TypeRef) -> str:
        return encode.string_literal(str(value))

    def empty(self, kind: str) -> str:
        return "new byte[0]" if kind == "binary" else f'{self.namer.ref("RawJson")}.Of("{{}}")'


def unit_examples(api: Api, api_classes: dict[Unit, str], types: dict[str, TypeName], runtime: str) -> list[UnitExample]:
    """`api_classes`: each unit with operations -> the qualified name of its API class."""
    operations = api.operations_by_unit()
    found = []
    for example in examples.unit_examples(api):
        namer = TypeNamer(types, OUTSIDE, set(), runtime)
        console = namer.ref("Console")
        api_class = namer.ref(api_classes[example.unit])
        names = api_module.operation_names(operations[example.unit], api_class.rsplit(".", 1)[-1])
        spell = _Speller(api, namer)
        calls = []
        for call in example.calls:
            op = call.op
            method, watch, _ = names[op.id]
            args = [spell.typed(v) for p in op.params if (v := call.value(p))]
            body = []
            if op.is_patch:
                body = [f"{namer.ref('PatchType')}.Merge", f'{namer.ref("RawJson")}.Of("{{}}")']
            elif op.body is not None:
                value = call.value(op.body)
                body = [spell.typed(value) if value else "null"]
            returns = op.returns.type is not None and op.returns.media != "none"
            watch_type = f"{namer.ref('Watch')}<{api_module.watch_item(api, op, namer)[0]}>" if watch else ""
            watch_call = f"api.{watch}({', '.join(args)})" if watch else ""
            calls.append(CallView(f"api.{method}({', '.join(args + body)})", returns, watch_call, watch_type))
        found.append(UnitExample(markdown_text(unit_title(example.unit)), namer.usings(""), api_class, console, calls))
    return found
