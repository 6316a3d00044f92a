"""IR types -> TypeScript type expressions, recording the modules each one needs.

Kubernetes specials: int-or-string is `number | string`; a Quantity keeps the
JSON form it arrived in (`string | number`); untyped and raw JSON values
(RawExtension, FieldsV1) are `unknown`, free-form objects `Record<string, unknown>`.
Open enums are unions of their documented literals that still accept any
value of their base type: `"TCP" | "UDP" | (string & {})` (the `& {}` keeps
editors offering the literals instead of collapsing the union to `string`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from kgen.ir.model import ArrayOf, EnumOf, MapOf, ModelRef, Primitive, Special, TupleOf, TypeRef, UnionOf, Unit
from kgen.targets import common
from kgen.targets.typescript import encode

PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}
SPECIALS = {
    "int_or_string": "number | string",
    "quantity": "string | number",
    "any": "unknown",
    "object": "Record<string, unknown>",
    "binary": "Uint8Array",
    "raw": "unknown",
}
OPEN = {"string": "(string & {})", "integer": "(number & {})", "number": "(number & {})"}
MAX_SAFE_INTEGER = 2**53 - 1


@dataclass(frozen=True)
class ModelName:
    unit: Unit
    name: str  # the interface or type alias name in its unit's models module


@dataclass
class TypeNamer:
    """Spells types as seen from one module; models of other units go through a namespace import."""

    names: dict[str, ModelName]
    unit: Unit | None  # the unit whose models module this is; None outside models modules
    aliases: dict[Unit, str]  # unit -> namespace alias (_metaV1)

    def spell(self, t: TypeRef) -> str:
        if isinstance(t, Primitive):
            return "Uint8Array" if t.kind == "string" and t.format == "binary" else PRIMITIVES[t.kind]
        if isinstance(t, Special):
            return SPECIALS[t.kind]
        if isinstance(t, EnumOf):
            return enum_union(t)
        if isinstance(t, ArrayOf):
            item = self.spell(t.item)
            return f"({item})[]" if len(top_level_parts(item)) > 1 else f"{item}[]"
        if isinstance(t, TupleOf):
            return f"[{', '.join(self.spell(item) for item in t.items)}]"
        if isinstance(t, MapOf):
            return f"Record<string, {self.spell(t.value)}>"
        if isinstance(t, UnionOf):
            return common.union((self.spell(option) for option in t.options), top_level_parts)
        return self.model(t)

    def model(self, ref: ModelRef) -> str:
        target = self.names[ref.key]
        if target.unit == self.unit:
            return target.name
        return f"{self.aliases[target.unit]}.{target.name}"


def enum_union(enum: EnumOf) -> str:
    """The documented literals, then the open member of the base type (booleans and unsafe integers stay plain)."""
    if enum.base.kind not in OPEN or not all(_exact(v) for v in enum.values):
        return PRIMITIVES[enum.base.kind]
    return " | ".join([*(literal(v) for v in enum.values), OPEN[enum.base.kind]])


def _exact(value: object) -> bool:
    """Whether TypeScript spells the value exactly as a literal type (JSON allows NaN-free floats only)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return not isinstance(value, int) or abs(value) <= MAX_SAFE_INTEGER


def literal(value: object) -> str:
    """A literal type for an enum value: strings through the string encoder, numbers as JSON writes them."""
    return encode.string_literal(value) if isinstance(value, str) else json.dumps(value)


def top_level_parts(text: str) -> list[str]:
    """The members of a union type, not looking inside brackets, parentheses or string literals."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif ch in "([<{":
            depth += 1
        elif ch in ")]>}":
            depth -= 1
        elif depth == 0 and text.startswith(" | ", i):
            parts.append(text[start:i])
            start = i + 3
            i += 2
        i += 1
    parts.append(text[start:])
    return parts
