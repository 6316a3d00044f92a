"""Following TypeRefs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kgen.ir.model import ArrayOf, EnumOf, MapOf, ModelRef, TupleOf, TypeRef, UnionOf


def referenced_models(types: Iterable[TypeRef | None]) -> Iterator[str]:
    """Keys of the models that these types name directly (not through other models)."""
    return (t.key for t in parts(types) if isinstance(t, ModelRef))


def enums_in(t: TypeRef | None) -> list[EnumOf]:
    """The enums in a type, in order (through arrays, maps and unions; not into other models)."""
    if isinstance(t, EnumOf):
        return [t]
    if isinstance(t, ArrayOf):
        return enums_in(t.item)
    if isinstance(t, MapOf):
        return enums_in(t.value)
    if isinstance(t, UnionOf):
        return [e for option in t.options for e in enums_in(option)]
    if isinstance(t, TupleOf):
        return [e for item in t.items for e in enums_in(item)]
    return []


def parts(types: Iterable[TypeRef | None]) -> Iterator[TypeRef]:
    """These types and every type inside them (through arrays, tuples, maps and unions; not into other models)."""
    stack = [t for t in types if t is not None]
    while stack:
        t = stack.pop()
        yield t
        if isinstance(t, ArrayOf):
            stack.append(t.item)
        elif isinstance(t, MapOf):
            stack.append(t.value)
        elif isinstance(t, UnionOf):
            stack.extend(t.options)
        elif isinstance(t, TupleOf):
            stack.extend(t.items)
