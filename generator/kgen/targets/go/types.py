"""IR types -> Go types, and the pointer-or-value choice that keeps the JSON round trip exact.

  * strings, integers (int32 where the format says so, else int64),
    numbers (float64) and booleans are Go's own; date-times stay strings
    (their exact spelling survives); `binary` is []byte;
  * int-or-string and quantity are the runtime's IntOrString and Quantity,
    which keep the JSON form they arrived in; any JSON value is `any`, a
    free-form object map[string]any, and raw JSON (FieldsV1) or a union
    Go cannot express json.RawMessage;
  * a field whose type is a model is a pointer (an absent object stays
    absent, and recursive models are possible); an optional (or nullable)
    scalar is a pointer too, so that absent and "" or 0 differ; slices, maps
    and raw JSON are nil when absent, and the generated MarshalJSON keeps an
    empty one (`[]`, `{}`) that encoding/json's omitempty would drop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kgen.ir.model import ArrayOf, EnumOf, MapOf, ModelRef, Primitive, Special, TupleOf, TypeRef, UnionOf
from kgen.targets.go.packages import GoPackage

Shape = Literal["struct", "scalar", "nilable"]
SPECIALS = {
    "int_or_string": "client.IntOrString",
    "quantity": "client.Quantity",
    "any": "any",
    "object": "map[string]any",
    "binary": "[]byte",
    "raw": "json.RawMessage",
}
EnumKey = tuple[str, frozenset[object]]  # (Go base type, documented values)


@dataclass
class ModelName:
    package: GoPackage
    name: str
    shape: Shape  # what a field of this model's type is: a struct, a scalar (aliases, enums), or nil-able


def primitive(t: Primitive) -> str:
    if t.kind == "string":
        return "[]byte" if t.format == "binary" else "string"
    if t.kind == "integer":
        return "int32" if t.format == "int32" else "int64"
    return "float64" if t.kind == "number" else "bool"


def enum_key(enum: EnumOf) -> EnumKey | None:
    """What identifies a value set; None for enums Go spells as their plain type (numbers, booleans, bytes)."""
    base = primitive(enum.base)
    return (base, frozenset(held(base, enum.values))) if base in ("string", "int32", "int64") else None


INT_LIMITS = {"int32": 2**31, "int64": 2**63}


def held(base: str, values: tuple[object, ...]) -> list[object]:
    """The values a Go constant of `base` (string, int32, int64) can hold, in order; a spec may list others."""
    if base == "string":
        return [v for v in values if isinstance(v, str)]
    limit = INT_LIMITS[base]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool) and -limit <= v < limit]


def shape(t: TypeRef, names: dict[str, ModelName]) -> Shape:
    if isinstance(t, ModelRef):
        return names[t.key].shape
    if isinstance(t, Primitive):
        return "nilable" if primitive(t) == "[]byte" else "scalar"
    if isinstance(t, EnumOf):
        return "scalar"
    if isinstance(t, Special):
        return "scalar" if t.kind in ("int_or_string", "quantity") else "nilable"
    return "nilable"  # slices, maps, unions (json.RawMessage)


@dataclass
class TypeNamer:
    """Spells types as seen from one package, recording what the file must import."""

    names: dict[str, ModelName]
    here: GoPackage
    enums: dict[EnumKey, str] = field(default_factory=dict)  # this package's enum types (empty: plain types)
    packages: set[GoPackage] = field(default_factory=set)
    uses_json: bool = False
    uses_client: bool = False

    def spell(self, t: TypeRef) -> str:
        if isinstance(t, Primitive):
            return primitive(t)
        if isinstance(t, EnumOf):
            key = enum_key(t)
            return self.enums[key] if key in self.enums else primitive(t.base)
        if isinstance(t, Special):
            text = SPECIALS[t.kind]
            self.uses_json |= text.startswith("json.")
            self.uses_client |= text.startswith("client.")
            return text
        if isinstance(t, ArrayOf):
            return "[]" + self.spell(t.item)
        if isinstance(t, MapOf):
            return "map[string]" + self.spell(t.value)
        if isinstance(t, TupleOf):  # Go has no tuples: a slice of the one item type, else of raw JSON values
            items = set(t.items)
            return "[]" + self.spell(items.pop() if len(items) == 1 else UnionOf(t.items))
        if isinstance(t, UnionOf):
            self.uses_json = True
            return "json.RawMessage"
        return self.model(t)

    def model(self, ref: ModelRef) -> str:
        target = self.names[ref.key]
        if target.package == self.here:
            return target.name
        self.packages.add(target.package)
        return f"{target.package.alias}.{target.name}"

    def field(self, t: TypeRef, required: bool) -> str:
        """The type of a struct field or argument: see the module docstring for when it is a pointer."""
        kind = shape(t, self.names)
        text = self.spell(t)
        return "*" + text if kind == "struct" or (kind == "scalar" and not required) else text

    def result(self, t: TypeRef) -> str:
        """What an operation returns or a watch carries: a pointer to a model, else the plain type."""
        text = self.spell(t)
        return "*" + text if shape(t, self.names) == "struct" else text
