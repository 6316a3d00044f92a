"""Page names of units, and types in words."""

from __future__ import annotations

import re

from kgen.ir.model import ArrayOf, EnumOf, MapOf, ModelRef, Primitive, Special, TypeRef, UnionOf

from .encode import text


def page_name(unit) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", ".".join(segment)).strip("-") or "x" for segment in unit.path) or "index"


def type_name(t: TypeRef, api) -> str:
    if isinstance(t, Primitive):
        return t.kind
    if isinstance(t, Special):
        return t.kind.replace("_", "-")
    if isinstance(t, EnumOf):
        return "one of " + ", ".join(text(str(v)) for v in t.values)
    if isinstance(t, ArrayOf):
        return f"list of {type_name(t.item, api)}"
    if isinstance(t, MapOf):
        return f"map of {type_name(t.value, api)}"
    if isinstance(t, UnionOf):
        return " or ".join(type_name(o, api) for o in t.options)
    assert isinstance(t, ModelRef)
    return text(api.models[t.key].name)
