"""The IR is built by an ordered list of small passes, each with one job.

Order matters: references are checked before anything follows them, types
exist before fixups patch them, group selection needs placement and precedes
resources, alias cycles are cut among the models that are kept, and placement
precedes naming because names only need to be unique within a unit.
"""

from __future__ import annotations

from collections.abc import Callable

from kgen.app.selection import Selection
from kgen.diagnostics import Sink
from kgen.ir.model import Api
from kgen.passes import (
    base_path,
    break_alias_cycles,
    build_models,
    build_operations,
    check_references,
    derive_resources,
    enums,
    fixups,
    name_things,
    or_status,
    order,
    place_units,
    select_groups,
    unit_paths,
)
from kgen.passes.context import Context
from kgen.spec.model import Spec

Pass = Callable[[Context], None]

PIPELINE: tuple[Pass, ...] = (
    check_references.run,
    build_models.run,
    build_operations.run,
    fixups.run,
    or_status.run,
    enums.run,
    place_units.run,
    unit_paths.run,
    select_groups.run,
    break_alias_cycles.run,
    derive_resources.run,
    name_things.run,
    base_path.run,
    order.run,
)


def build_ir(spec: Spec, sink: Sink, selection: Selection = Selection()) -> Api:
    """Run every pass; stops at the first pass that reported errors."""
    api = Api(spec.info.title, spec.info.version, spec.info.description, spec.sha256, spec.source)
    ctx = Context(spec, sink, api, selection)
    for step in PIPELINE:
        step(ctx)
        sink.raise_if_errors()
    return ctx.api
