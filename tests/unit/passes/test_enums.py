"""The open-enum pass: documented values from `enum` and from "Possible enum values" in descriptions."""

from __future__ import annotations

from kgen.diagnostics import Sink
from kgen.ir.model import ArrayOf, EnumOf, MapOf, Primitive
from kgen.passes.enums import MAX_VALUES, documented_values

from .helpers import doc, ir, obj

STRING = Primitive("string")
SERVICE_TYPE = (
    "type determines how the Service is exposed. Defaults to ClusterIP.\n\nPossible enum values:\n"
    ' - `"ClusterIP"` means a cluster-internal IP address.\n'
    ' - `"ExternalName"` maps to the specified externalName.\n'
    ' - `"NodePort"` builds on ClusterIP and allocates a port on every node.'
)


def test_documented_values_are_read_in_order() -> None:
    assert documented_values(SERVICE_TYPE) == ("ClusterIP", "ExternalName", "NodePort")
    escaped = 'Possible enum values:\n - `""` is the default.\n - `"a \\"b\\""` is quoted.\n - `""` again.'
    assert documented_values(escaped) == ("", 'a "b"')
    assert documented_values("Valid values are A and B.") == ()
    assert documented_values(None) == ()


def _types(schema: dict) -> dict:
    api = ir(doc({"A": obj(**schema)}))
    return {f.wire_name: f.type for f in api.models["A"].fields}


def test_descriptions_make_string_fields_and_lists_open_enums() -> None:
    types = _types({
        "type": {"type": "string", "description": SERVICE_TYPE},
        "types": {"type": "array", "items": {"type": "string"}, "description": SERVICE_TYPE},
        "count": {"type": "integer", "description": SERVICE_TYPE},
        "plain": {"type": "string", "description": "no values listed"},
    })  # fmt: skip
    assert types["type"] == EnumOf(STRING, ("ClusterIP", "ExternalName", "NodePort"))
    assert types["types"] == ArrayOf(EnumOf(STRING, ("ClusterIP", "ExternalName", "NodePort")))
    assert types["count"] == Primitive("integer") and types["plain"] == STRING


def test_an_explicit_enum_wins_and_keeps_only_values_of_its_type() -> None:
    types = _types({
        "proto": {"type": "string", "enum": ["TCP", "UDP", None, 3, "TCP"], "description": SERVICE_TYPE},
        "level": {"type": "integer", "enum": [1, 2, True, "3"]},
        "nothing": {"type": "string", "enum": [None]},
    })  # fmt: skip
    assert types["proto"] == EnumOf(STRING, ("TCP", "UDP"))
    assert types["level"] == EnumOf(Primitive("integer"), (1, 2))
    assert types["nothing"] == STRING


def test_an_enum_too_large_to_spell_out_is_its_plain_type_with_a_warning() -> None:
    sink = Sink("t.json")
    values = [f"zone-{i}" for i in range(MAX_VALUES + 1)]
    api = ir(doc({"A": obj(zone={"type": "string", "enum": values}, small={"type": "string", "enum": values[:3]})}), sink)
    types = {f.wire_name: f.type for f in api.models["A"].fields}
    assert types["zone"] == STRING and types["small"] == EnumOf(STRING, tuple(values[:3]))
    (warning,) = sink.warnings
    assert warning.pointer == "/definitions/A/properties/zone" and f"an enum of {MAX_VALUES + 1} values" in warning.message


def test_a_definition_that_is_an_enum_stays_an_alias_of_it() -> None:
    api = ir(doc({"Mode": {"type": "string", "enum": ["On", "Off"]}}))
    assert api.models["Mode"].alias == EnumOf(STRING, ("On", "Off"))


def test_enums_inside_maps_keep_only_values_of_their_type() -> None:
    types = _types({
        "labels": {"type": "object", "additionalProperties": {"type": "string", "enum": [5, True, None, "ok", {"a": 1}]}},
        "counts": {"type": "object", "additionalProperties": {"type": "integer", "enum": [1.5, True, 3, "x"]}},
        "none": {"type": "object", "additionalProperties": {"type": "string", "enum": [1, 2]}},
    })  # fmt: skip
    assert types["labels"] == MapOf(EnumOf(STRING, ("ok",)))
    assert types["counts"] == MapOf(EnumOf(Primitive("integer"), (3,)))
    assert types["none"] == MapOf(STRING)
