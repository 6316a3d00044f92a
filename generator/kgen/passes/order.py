"""A stable order for everything a target iterates, independent of the input's key order."""

from __future__ import annotations

from kgen.passes.context import Context


def run(ctx: Context) -> None:
    api = ctx.api
    api.models = dict(sorted(api.models.items(), key=lambda kv: (kv[1].unit, kv[1].name, kv[0])))
    api.operations.sort(key=lambda o: (o.unit, o.name, o.path, o.method))
    for op in api.operations:
        # Path parameters keep the document's order (name, namespace): the official clients take them so, positionally.
        path = [p for p in op.params if p.location == "path"]
        rest = sorted((p for p in op.params if p.location != "path"), key=lambda p: (not p.required, p.wire_name, p.location))
        op.params = path + rest
    api.resources.sort(key=lambda r: (r.gvk, r.plural))
    api.units.sort()

