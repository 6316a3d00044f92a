"""Open enums in Go: a string (or integer) type with the documented values as constants.

    // ServiceSpecType: values of ServiceSpec.type that the API documents; it may send others, which are kept.
    type ServiceSpecType string

    const (
        ServiceSpecTypeClusterIP    ServiceSpecType = "ClusterIP"
        ServiceSpecTypeExternalName ServiceSpecType = "ExternalName"
    )

A field typed ServiceSpecType still holds any string, so a value a newer
server sends decodes, is kept and is sent back. Fields of one package with
the same values share a type (named after the first of them); a definition
that is itself an enum gives the type its name. Integer values the base
type cannot hold (beyond int32 or int64) are left out: no field could hold
them either.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.ir.model import ArrayOf, EnumOf, MapOf, Model, TypeRef, UnionOf
from kgen.targets.go import encode, layout, naming
from kgen.targets.go.types import EnumKey, enum_key
from kgen.words import split_words

LIMITS = {"int32": 2**31, "int64": 2**63}


@dataclass
class EnumView:
    name: str
    base: str
    doc: str  # the doc comment, laid out
    constants: list[str]  # the const block's lines, aligned


def plan(models: list[Model], types: dict[str, str], taken: set[str]) -> dict[EnumKey, str]:
    """The type name of each value set that these models' fields use (`types`: model key -> type name)."""
    names: dict[EnumKey, str] = {}
    for model in models:
        found = enum_key(model.alias) if isinstance(model.alias, EnumOf) else None
        if found is not None:
            names.setdefault(found, types[model.key])
    used = set(taken) | set(names.values())
    for model in models:
        for f in model.fields:
            for enum in enums_in(f.type):
                found = enum_key(enum)
                if found is not None and found not in names:
                    names[found] = naming.unique([types[model.key] + naming.exported(split_words(f.wire_name), "Value")], used)[0]
                    used.add(names[found])
    return names


def enums_in(t: TypeRef | None) -> list[EnumOf]:
    if isinstance(t, EnumOf):
        return [t]
    if isinstance(t, ArrayOf):
        return enums_in(t.item)
    if isinstance(t, MapOf):
        return enums_in(t.value)
    if isinstance(t, UnionOf):
        return [e for option in t.options for e in enums_in(option)]
    return []


def values(key: EnumKey, enum: EnumOf) -> list[object]:
    """The documented values a Go constant of the base type can hold, in the document's order."""
    limit = LIMITS.get(key[0])
    return [v for v in enum.values if limit is None or -limit <= v < limit]  # type: ignore[operator]


def views(models: list[Model], names: dict[EnumKey, str], types: dict[str, str], taken: set[str]) -> list[EnumView]:
    """The enum types of a package, in the order their first user appears; constant names join `taken`."""
    first: dict[EnumKey, tuple[EnumOf, str, str | None]] = {}  # the enum, what uses it first, its description
    for model in models:
        owner = types[model.key]
        if isinstance(model.alias, EnumOf) and (found := enum_key(model.alias)) is not None:
            first.setdefault(found, (model.alias, owner, model.description))
        for f in model.fields:
            for enum in enums_in(f.type):
                if (found := enum_key(enum)) is not None:
                    first.setdefault(found, (enum, f"{owner}.{f.wire_name}", None))
    return [_view(names[k], k, enum, user, description, taken) for k, (enum, user, description) in first.items()]


def _view(name: str, key: EnumKey, enum: EnumOf, user: str, description: str | None, taken: set[str]) -> EnumView:
    kept = values(key, enum)
    constants = naming.unique([name + _constant(v) for v in kept], taken)
    taken.update(constants)
    literals = [encode.string_literal(v) if isinstance(v, str) else str(v) for v in kept]
    text = f"values of {user} that the API documents; it may send others, which are kept. {description or ''}"
    return EnumView(
        name=name,
        base=key[0],
        doc=encode.doc_comment([f"{name}: {text}"]),
        constants=layout.aligned([[c, name, f"= {literal}"] for c, literal in zip(constants, literals)], "\t"),
    )


def _constant(value: object) -> str:
    """The part of a constant's name after its type: ClusterIP, Empty, Value3, ValueMinus3."""
    if isinstance(value, int):
        return f"Value{value}" if value >= 0 else f"ValueMinus{-value}"
    words = split_words(str(value))
    if not words:
        return "Empty" if value == "" else "Value"
    return naming.exported(words)
