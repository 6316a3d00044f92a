"""IR types -> Python annotations, recording the imports each module needs.

Kubernetes specials: int-or-string is `int | str`; a Quantity keeps the
JSON form it arrived in (`str | int | float` to type checkers, decoded untyped
so that a number keeps its token: the runtime's QuantityValue); JSON numbers are `int | float`
so that `1` and `1.0` both survive a round trip; untyped values are `Any`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kgen.ir.model import ArrayOf, EnumOf, MapOf, ModelRef, Primitive, Special, TupleOf, TypeRef, UnionOf, Unit
from kgen.targets import common
from kgen.targets.python import enums

PRIMITIVES = {"string": "str", "integer": "int", "number": "int | float", "boolean": "bool"}
SPECIALS = {
    "int_or_string": "int | str",
    "quantity": "QuantityValue",
    "any": "Any",
    "object": "dict[str, Any]",
    "binary": "bytes",
    "raw": "Raw",
}


@dataclass
class ModelName:
    unit: Unit
    cls: str
    raw: bool = False  # an alias of Raw: fields of it default to NO_RAW, not None
    enum: bool = False  # an open enum: its class's Value is the type


@dataclass
class TypeNamer:
    """Spells types as seen from one module; cross-unit references go through a module alias."""

    names: dict[str, ModelName]  # model key -> where it lives and its class name
    unit: Unit
    aliases: dict[Unit, str]  # unit -> module alias, e.g. _meta_v1
    local: bool = True  # whether this module is the unit's models module
    enums: dict[enums.EnumKey, str] = field(default_factory=dict)  # this module's open-enum classes
    uses_any: bool = False
    uses_raw: bool = False
    uses_quantity: bool = False

    def spell(self, t: TypeRef) -> str:
        if isinstance(t, Primitive):
            if t.kind == "string" and t.format == "binary":
                return "bytes"
            return PRIMITIVES[t.kind]
        if isinstance(t, EnumOf):
            found = enums.key(t)
            return f"{self.enums[found]}.Value" if found in self.enums else self.spell(t.base)
        if isinstance(t, Special):
            self.uses_any |= "Any" in SPECIALS[t.kind]
            self.uses_raw |= t.kind == "raw"
            self.uses_quantity |= t.kind == "quantity"
            return SPECIALS[t.kind]
        if isinstance(t, ArrayOf):
            return f"list[{self.spell(t.item)}]"
        if isinstance(t, TupleOf):
            return f"tuple[{', '.join(self.spell(item) for item in t.items)}]"
        if isinstance(t, MapOf):
            return f"dict[str, {self.spell(t.value)}]"
        if isinstance(t, UnionOf):
            return common.union((self.spell(option) for option in t.options), top_level_parts)
        return self.model(t)

    def model(self, ref: ModelRef) -> str:
        target = self.names[ref.key]
        cls = f"{target.cls}.Value" if target.enum else target.cls
        if target.unit == self.unit and self.local:
            return cls
        return f"{self.aliases[target.unit]}.{cls}"

    def is_raw(self, t: TypeRef) -> bool:
        """Raw JSON cannot share a union with None: it holds null itself, and is unset when empty."""
        return t == Special("raw") or (isinstance(t, ModelRef) and self.names[t.key].raw)

    def optional(self, t: TypeRef) -> str:
        text = self.spell(t)
        return text if text == "Any" or "None" in top_level_parts(text) else f"{text} | None"


def top_level_parts(annotation: str) -> list[str]:
    """The members of a union annotation, not looking inside brackets."""
    if " | " not in annotation:
        return [annotation]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(annotation):
        depth += ch == "["
        depth -= ch == "]"
        if depth == 0 and annotation.startswith(" | ", i):
            parts.append(annotation[start:i])
            start = i + 3
    parts.append(annotation[start:])
    return parts
