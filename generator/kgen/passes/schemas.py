"""Walking the schemas of a document, without recursion (nesting may be deep)."""

from __future__ import annotations

from collections.abc import Iterator

from kgen.spec.model import Schema, Spec


def children(schema: Schema) -> Iterator[Schema]:
    yield from schema.properties.values()
    if schema.items is not None:
        yield schema.items
    yield from schema.tuple_items or ()
    if isinstance(schema.additional_properties, Schema):
        yield schema.additional_properties
    yield from schema.all_of


def roots(spec: Spec) -> Iterator[Schema]:
    """Every top-level schema: definitions, then parameters and responses of operations."""
    yield from spec.definitions.values()
    for op in spec.operations:
        for param in op.parameters:
            if param.schema is not None:
                yield param.schema
            if param.items is not None:
                yield param.items
        for response in op.responses.values():
            if response.schema is not None:
                yield response.schema


def walk(spec: Spec) -> Iterator[Schema]:
    stack = list(roots(spec))
    seen: set[int] = set()
    while stack:
        schema = stack.pop()
        if id(schema) in seen:  # shared parameters appear under many operations
            continue
        seen.add(id(schema))
        yield schema
        stack.extend(children(schema))
