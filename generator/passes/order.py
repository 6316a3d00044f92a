"""A stable order for everything a target iterates, independent of the input's key order."""

from __future__ import annotations

from kgen.passes.context import Context


def run(ctx: Context) -> None:
    api = ctx.api
    api.models = dict(sorted(api.models.items(), key=lambda kv: (kv[1].unit, kv[1].name, kv[0])))
    api.operations.sort(key=lambda o: (o.unit, o.name, o.path, o.method))
    for op in api.operations:
        order = {name: i for i, name in enumerate(_path_parameter_order(op.path))}
        op.params.sort(key=lambda p: (p.location != "path", order.get(p.wire_name, 0), not p.required, p.wire_name, p.location))
    api.resources.sort(key=lambda r: (r.gvk, r.plural))
    api.units.sort()


def _path_parameter_order(path: str) -> list[str]:
    names, rest = [], path
    while "{" in rest:
        rest = rest.split("{", 1)[1]
        name, rest = rest.split("}", 1) if "}" in rest else (rest, "")
        names.append(name)
    return names
