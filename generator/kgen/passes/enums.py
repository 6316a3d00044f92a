"""Open enums: the values a field documents, from `enum` or from the "Possible enum values" of its description.

Kubernetes' documents leave `enum` out for built-in types and list the values
in descriptions instead (kube-openapi writes them for Go `+enum` types):

    Possible enum values:
     - `"ClusterIP"` means a cluster-internal IP address.
     - `"NodePort"` builds on ClusterIP ...

This pass makes such a string field (or the items of such a list) an EnumOf
of those values, keeps only values of the field's own type (in every enum of
models and parameters, inside lists, maps and unions too), and leaves an
enum too large to spell out as its plain type, with a warning. The values
stay open: targets accept any value, documented or not (kubernetes#113830:
several enums are meant to grow).
"""

from __future__ import annotations

import json
import re
from typing import Any

from kgen.ir.model import ArrayOf, EnumOf, MapOf, Primitive, TupleOf, TypeRef, UnionOf
from kgen.passes.context import Context

MAX_VALUES = 500
MARKER = "Possible enum values:"
_ITEM = re.compile(r'^[ \t]*- `"((?:[^"\\]|\\.)*)"`', re.MULTILINE)
_KINDS: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,)}


def run(ctx: Context) -> None:
    for model in ctx.api.models.values():
        if model.alias is not None:
            model.alias = _open(ctx, model.alias, model.description, model.pointer)
        for f in model.fields:
            f.type = _open(ctx, f.type, f.description, f.pointer)
    for op in ctx.api.operations:
        for p in op.params:
            p.type = _open(ctx, p.type, None, p.pointer)  # their enums are checked; descriptions are not read


def documented_values(description: str | None) -> tuple[str, ...]:
    """The values a description lists after "Possible enum values:", in its order."""
    if not description or MARKER not in description:
        return ()
    listing = description.split(MARKER, 1)[1]
    return tuple(dict.fromkeys(_unquote(m.group(1)) for m in _ITEM.finditer(listing)))


def _unquote(text: str) -> str:
    """A Go-quoted string's content (the listing quotes values with %q)."""
    try:
        value = json.loads(f'"{text}"')
    except ValueError:
        return text
    return value if isinstance(value, str) else text


def _open(ctx: Context, t: TypeRef, description: str | None, pointer: str) -> TypeRef:
    if isinstance(t, ArrayOf):
        return ArrayOf(_open(ctx, t.item, description, pointer))  # a list's description documents its items
    if isinstance(t, MapOf):
        return MapOf(_open(ctx, t.value, None, pointer))
    if isinstance(t, UnionOf):
        return UnionOf(tuple(_open(ctx, option, None, pointer) for option in t.options))
    if isinstance(t, TupleOf):
        return TupleOf(tuple(_open(ctx, item, None, pointer) for item in t.items))
    if isinstance(t, Primitive) and t.kind == "string":
        values = documented_values(description)
        return _checked(ctx, EnumOf(t, values), pointer) if values else t
    if isinstance(t, EnumOf):
        return _checked(ctx, t, pointer)
    return t


def _checked(ctx: Context, enum: EnumOf, pointer: str) -> TypeRef:
    kinds = _KINDS.get(enum.base.kind, ())
    values = tuple(dict.fromkeys(v for v in enum.values if _of_kind(v, kinds)))
    if not values:
        return enum.base
    if len(values) > MAX_VALUES:
        ctx.sink.warning(
            pointer,
            f"an enum of {len(values)} values is typed as a plain {enum.base.kind}: more than {MAX_VALUES} are not spelled out as constants",
            "the values are left out of the generated code; the document lists them",
            kind="enum",
        )
        return enum.base
    return EnumOf(enum.base, values)


def _of_kind(value: Any, kinds: tuple[type, ...]) -> bool:
    return isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
