"""The README's examples: per unit, its imports and the calls of examples.unit_examples, and a read-modify-write.

Each value is spelled for the Java type of the slot it fills, as the
generated signatures and classes declare it: a model is `new Type()` with
the fluent setters of the fields it requires, a scalar a literal, a list or
map an empty one. Results are held in `var`. Spec values (enum values) go
through the string encoder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kgen.ir.model import Api, ModelRef, TypeRef, Unit
from kgen.targets import examples
from kgen.targets.common import unit_title
from kgen.targets.java import api as api_module
from kgen.targets.java import encode, models
from kgen.targets.java.types import ClassName, TypeNamer
from kgen.targets.python.encode import markdown_text

OUTSIDE = "example"  # the package a reader's code is in: it imports every class it uses
EMPTY = {"array": "new {ArrayList}<>()", "map": "new {LinkedHashMap}<>()", "binary": "new byte[0]"}
NUMBERS = {"Long": "{}L", "Integer": "{}", "Double": "{}.0"}


@dataclass
class CallView:
    call: str  # api.method(...)
    result: bool  # whether it returns something to print
    watch: str  # api.watchMethod(...), "" when the operation has none


@dataclass
class UnitExample:
    title: str  # Markdown
    imports: str
    api_class: str
    calls: list[CallView]


class _Speller(examples.Speller):
    """Java expressions of example values, importing what they name."""

    namespace = '"default"'

    def __init__(self, api: Api, namer: TypeNamer):
        self.api, self.namer = api, namer

    def typed(self, v: examples.Value) -> str:
        if v.namespace:
            return self.namespace
        java_type = self.namer.spell(v.declared)
        if v.literal is None or isinstance(v.type, ModelRef):
            return self.spell(v)
        if java_type in NUMBERS:
            return NUMBERS[java_type].format(int(v.literal) if isinstance(v.literal, (int, float)) else 1)
        if java_type == "Boolean":
            return json.dumps(bool(v.literal))
        text = encode.string_literal(str(v.literal))
        if java_type == "String":
            return text
        return f"{java_type}.of({text})"

    def model(self, key: str, v: examples.Value) -> str:
        expression = f"new {self.namer.spell(ModelRef(key))}()"
        found = dict(zip(map(id, self.api.models[key].fields), models.field_properties(self.api.models[key])))
        for f, fv in v.fields:
            expression += f".{found[id(f)].member}({self.typed(fv)})"
        return expression

    def tuple(self, items: list[str]) -> str:
        return self.empty("array")

    def literal(self, value: object, t: TypeRef) -> str:
        return encode.string_literal(str(value))

    def empty(self, kind: str) -> str:
        if kind in EMPTY:
            return EMPTY[kind].format(ArrayList=self.namer.ref("java.util.ArrayList"), LinkedHashMap=self.namer.ref("java.util.LinkedHashMap"))
        return f'{self.namer.ref("RawJson")}.of("{{}}")'


def unit_examples(api: Api, api_classes: dict[Unit, str], classes: dict[str, ClassName], runtime: str) -> list[UnitExample]:
    """`api_classes`: each unit with operations -> the qualified name of its API class."""
    operations = api.operations_by_unit()
    found = []
    for example in examples.unit_examples(api):
        namer = TypeNamer(classes, OUTSIDE, set(), runtime)
        api_class = namer.ref(api_classes[example.unit])
        names = api_module.operation_names(operations[example.unit])
        spell = _Speller(api, namer)
        calls = []
        for call in example.calls:
            op = call.op
            method, watch, _ = names[op.id]
            args = [spell.typed(v) for p in op.params if (v := call.value(p))]
            body = []
            if op.is_patch:
                body = [f"{namer.ref('PatchType')}.MERGE", f'{namer.ref("RawJson")}.of("{{}}")']
            elif op.body is not None:
                value = call.value(op.body)
                body = [spell.typed(value) if value else "null"]
            returns = op.returns.type is not None and op.returns.media != "none"
            watch_call = f"api.{watch}({', '.join(args)})" if watch else ""
            calls.append(CallView(f"api.{method}({', '.join(args + body)})", returns, watch_call))
        if any(c.watch for c in calls):
            namer.ref("Watch")
        found.append(UnitExample(markdown_text(unit_title(example.unit)), namer.import_block(), api_class, calls))
    return found


