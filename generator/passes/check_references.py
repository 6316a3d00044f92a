"""Every `$ref` names an existing definition, and no definition is only a reference to itself.

Recursion through properties (JSONSchemaProps) is legitimate; a chain of
definitions that are nothing but references back to each other is not.
"""

from __future__ import annotations

from kgen.diagnostics import child
from kgen.passes.context import Context
from kgen.passes.schemas import walk
from kgen.spec.model import Schema

MAX_CHAIN = 64


def run(ctx: Context) -> None:
    definitions = ctx.spec.definitions
    for schema in walk(ctx.spec):
        if schema.ref is not None and schema.ref not in definitions:
            ctx.sink.error(
                child(schema.pointer, "$ref"),
                f"reference to a missing definition {schema.ref!r}",
                "add the definition under /definitions or correct the name",
            )
    for name in sorted(definitions):
        _check_chain(ctx, name)


def _alias_target(schema: Schema) -> str | None:
    """The definition a schema merely points to, if that is all it does."""
    if schema.ref is not None and not schema.properties:
        return schema.ref
    if len(schema.all_of) == 1 and not schema.properties and schema.all_of[0].ref is not None:
        return schema.all_of[0].ref
    return None


def _check_chain(ctx: Context, start: str) -> None:
    definitions = ctx.spec.definitions
    seen = [start]
    target = _alias_target(definitions[start])
    while target is not None and target in definitions:
        if target in seen:
            cycle = " -> ".join(seen[seen.index(target) :] + [target])
            ctx.sink.error(
                definitions[start].pointer,
                f"definitions only refer to each other in a cycle: {cycle}",
                "give one of them a real schema",
            )
            return
        if len(seen) > MAX_CHAIN:
            ctx.sink.error(
                definitions[start].pointer,
                f"a chain of more than {MAX_CHAIN} definitions that only refer to the next",
                "point the reference at the final definition",
            )
            return
        seen.append(target)
        target = _alias_target(definitions[target])
