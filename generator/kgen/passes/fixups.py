"""Apply the named upstream fixups (kgen.fixups) to the IR and record what each changed."""

from __future__ import annotations

from kgen.fixups import registry
from kgen.passes.context import Context


def run(ctx: Context) -> None:
    for fixup in registry():
        if not fixup.claims(ctx.api):
            continue
        changed = fixup.apply(ctx.api)
        ctx.api.fixups[fixup.name] = changed
        if changed == 0:
            ctx.sink.warning(
                "",
                f"fixup {fixup.name!r} found nothing to correct in a document it is meant for ({fixup.reference})",
                "upstream may have fixed this; please report it to kgen so the fixup can be retired",
                kind="fixup",
            )
