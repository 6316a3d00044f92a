"""The README's example calls: per unit, its import block and the calls of examples.unit_examples.

Each value is spelled for the Go type of the slot it fills (an argument or
a struct field), as the generated signatures and structs declare it: a
struct is `&pkg.Type{...}` with the fields its model requires, a scalar a
literal; what Go holds as nil (slices, maps, optional pointers, raw JSON)
is nil, and left out of struct literals. Spec values (enum values) go
through the string encoder.
"""

from __future__ import annotations

import json

from kgen.ir.model import Api, ModelRef, Operation, Special, TypeRef, Unit
from kgen.plan.units import optional_params
from kgen.targets import examples
from kgen.targets.common import unit_title
from kgen.targets.go import api as api_module
from kgen.targets.go import encode, models, naming
from kgen.targets.go.packages import GoPackage, Layout, import_block
from kgen.targets.go.types import ModelName, TypeNamer, shape
from kgen.targets.go.views import CallView, UnitExample
from kgen.targets.python.encode import markdown_text

# Where the examples are written: a package of the reader's, outside the module, which imports every package it uses.
OUTSIDE = GoPackage((), "main", "", "")
SCALAR_SPECIALS = {"int_or_string": "client.StringValue", "quantity": "client.StringQuantity"}


def unit_examples(api: Api, layout: Layout, names: dict[str, ModelName], clients: dict[Unit, str]) -> list[UnitExample]:
    operations = api.operations_by_unit()
    found = []
    for example in examples.unit_examples(api):
        package = layout.of[example.unit]
        methods, watches, _ = api_module.operation_names(operations[example.unit], set())
        namer = TypeNamer(names, OUTSIDE, packages={package})
        spell = _Speller(api, namer)
        calls = [spell.call(c, methods[c.op.id], watches.get(c.op.id, "")) for c in example.calls]
        std = {"log"} | ({"fmt"} if any(c.results or c.watch for c in calls) else set())
        constructor = f"{package.alias}.New{clients[example.unit]}"
        found.append(UnitExample(markdown_text(unit_title(example.unit)), import_block(namer, std, layout, namer.packages), constructor, calls))
    return found


def _results(op: Operation) -> str:
    """What a method returns before its error (see api._Method._returns)."""
    returns = op.returns
    if returns.type is None or returns.media == "none":
        return ""
    return "result, status" if returns.media == "json" and returns.or_status else "result"


class _Speller:
    """Go expressions of example values, recording the packages they name."""

    def __init__(self, api: Api, namer: TypeNamer):
        self.api, self.namer = api, namer

    def call(self, call: examples.Call, method: str, watch: str) -> CallView:
        """Arguments as the method takes them: the context, path and required parameters, patch type, body, options."""
        op = call.op
        args = ["ctx"] + [self.value(p.type, True, v) for p in op.params if (v := call.value(p))]
        opts = ["nil"] if optional_params(op) else []
        body = []
        if op.is_patch:
            self.namer.uses_client = True
            body = ["client.MergePatch", "map[string]any{}"]
        elif op.body is not None:
            value = call.value(op.body)
            body = [self.value(op.body.type, op.body.required, value) if value else "nil"]
        watch_call = f"api.{watch}({', '.join(args + opts)})" if watch else ""
        return CallView(f"api.{method}({', '.join(args + body + opts)})", _results(op), watch_call)

    def value(self, t: TypeRef, required: bool, v: examples.Value) -> str:
        """The value for a slot of type `t`: "nil" for what Go holds as nil."""
        kind = shape(t, self.namer.names)
        go_type = self.namer.field(t, required)
        if v.namespace:
            return '"default"'
        if kind == "struct" and isinstance(v.type, ModelRef):
            return f"&{go_type[1:]}{{{self.fields(v.type.key, v)}}}"
        if kind == "nilable" or go_type.startswith("*"):
            return "nil"
        if isinstance(v.type, Special) and v.type.kind in SCALAR_SPECIALS:
            self.namer.uses_client = True
            return f"{SCALAR_SPECIALS[v.type.kind]}({encode.string_literal(str(v.literal))})"
        return encode.string_literal(v.literal) if isinstance(v.literal, str) else json.dumps(v.literal)

    def fields(self, key: str, v: examples.Value) -> str:
        """The required fields Go does not hold as nil, by their Go names."""
        model = self.api.models[key]
        carried = dict(zip(map(id, (f for f in model.fields if naming.json_name_carried(f.wire_name))), models.field_names(model)))
        written = [(f, self.value(f.type, f.required and not f.nullable, fv)) for f, fv in v.fields if id(f) in carried]
        return ", ".join(f"{carried[id(f)]}: {text}" for f, text in written if text != "nil")
