"""Keep the selected API groups and versions, and every model they need.

Runs after placement, so each model and operation has its unit. A unit is
kept when the selection picks it; a group's own unit (its discovery
endpoint) also when any version of that group is kept. The operations of
kept units stay, and so do their models plus every model those reach
through fields, aliases, parameters, bodies and responses, wherever it
lives: a vendored core/v1 brings the meta/v1 models it refers to, and
nothing else of meta/v1.

An --groups pattern that matches nothing is an error (a typo would silently
give an empty package); an --exclude-groups pattern that matches nothing is
a warning.
"""

from __future__ import annotations

import difflib

from kgen.app.selection import Pattern, Selection, describe
from kgen.diagnostics import Diagnostic, Level
from kgen.ir.model import Api, Model, Operation, TypeRef, Unit
from kgen.ir.walk import referenced_models
from kgen.passes.context import Context
from kgen.passes.place_units import distinct_units

MAX_LISTED = 12


def run(ctx: Context) -> None:
    selection = ctx.selection
    if not selection:
        return
    api = ctx.api
    units = [m.unit for m in api.models.values()] + [o.unit for o in api.operations]
    if not _check(selection, units, ctx):
        return
    kept_groups = {u.group for u in units if u.group is not None and u.version is not None and selection.picks(u)}

    def kept(unit: Unit) -> bool:
        if unit.group is not None and unit.version is None:
            return selection.picks(unit) or (unit.group in kept_groups and not selection.excludes(unit))
        return selection.picks(unit)

    api.operations = [o for o in api.operations if kept(o.unit)]
    needed = _closure(api, [k for k, m in api.models.items() if kept(m.unit)], api.operations)
    api.models = {k: m for k, m in api.models.items() if k in needed}
    api.units = distinct_units([m.unit for m in api.models.values()] + [o.unit for o in api.operations])


def _check(selection: Selection, units: list[Unit], ctx: Context) -> bool:
    """Report patterns that match nothing; False when the run cannot go on."""
    available = sorted({describe(u) for u in units if u.path})

    def unmatched(patterns: tuple[Pattern, ...]) -> list[Pattern]:
        return [p for p in patterns if not any(p.matches(u) for u in units)]

    shown = ", ".join(available[:MAX_LISTED]) + (f", ... ({len(available)} in all)" if len(available) > MAX_LISTED else "")

    def hint(pattern: Pattern) -> str:
        close = difflib.get_close_matches(str(pattern), available, 1, 0.8)
        listed = f"this document has {shown}; `kgen list` shows them all"
        return f"did you mean {close[0]}? {listed}" if close else listed

    for pattern in unmatched(selection.include):
        ctx.sink.items.append(Diagnostic(Level.ERROR, f"--groups {str(pattern)!r} matches nothing in {ctx.spec.source}", hint=hint(pattern)))
    for pattern in unmatched(selection.exclude):
        ctx.sink.items.append(Diagnostic(Level.WARNING, f"--exclude-groups {str(pattern)!r} matches nothing in {ctx.spec.source}", hint=hint(pattern), kind="selection"))
    return not ctx.sink.errors


def _closure(api: Api, roots: list[str], operations: list[Operation]) -> set[str]:
    """The root models and every model reachable from them or from the operations."""
    types = [t for op in operations for t in _operation_types(op)]
    pending = list(roots) + list(referenced_models(types))
    needed: set[str] = set()
    while pending:
        key = pending.pop()
        if key in needed:
            continue
        needed.add(key)
        pending.extend(referenced_models(_model_types(api.models[key])))
    return needed


def _operation_types(op: Operation) -> list[TypeRef | None]:
    return [p.type for p in op.params] + ([op.body.type] if op.body else []) + [op.returns.type]


def _model_types(model: Model) -> list[TypeRef | None]:
    return [f.type for f in model.fields] + [model.alias]
