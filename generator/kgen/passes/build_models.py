"""One model per definition: objects with properties become models, everything else an alias."""

from __future__ import annotations

from typing import Any

from kgen.diagnostics import child
from kgen.ir.model import GVK
from kgen.passes.context import Context
from kgen.passes.types import TypeBuilder


def run(ctx: Context) -> None:
    builder = TypeBuilder(ctx)
    for name in sorted(ctx.spec.definitions):
        schema = ctx.spec.definitions[name]
        model = builder.model(name, schema, (name.rsplit(".", 1)[-1],), inline=False, parent=None)
        model.gvks = parse_gvks(ctx, schema.extensions.get("x-kubernetes-group-version-kind"), schema.pointer)


def parse_gvks(ctx: Context, value: Any, pointer: str) -> tuple[GVK, ...]:
    """`x-kubernetes-group-version-kind`: one mapping or a list of them."""
    if value is None:
        return ()
    entries = value if isinstance(value, list) else [value]
    gvks = []
    for entry in entries:
        if isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("group", "version", "kind")):
            gvks.append(GVK(entry["group"], entry["version"], entry["kind"]))
        else:
            ctx.sink.warning(
                child(pointer, "x-kubernetes-group-version-kind"),
                "ignored a malformed group/version/kind",
                "each entry needs string group, version and kind",
                kind="other",
            )
    return tuple(sorted(set(gvks)))
