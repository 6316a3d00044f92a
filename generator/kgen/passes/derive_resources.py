"""Resources (kind, plural, scope, verbs, subresources) from the paths of Kubernetes operations.

A resource path is /api/{version}/… or /apis/{group}/{version}/…, optionally
namespaces/{namespace}/, then the plural, optionally {name}, optionally a
subresource. The /watch/ prefix marks the deprecated watch endpoints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kgen.ir.model import GVK, Operation, Resource
from kgen.passes.context import Context

PATH = re.compile(
    r"/(?:api|apis/(?P<group>[^/{}]+))/(?P<version>[^/{}]+)/"
    r"(?:watch/)?(?P<ns>namespaces/\{[^/{}]+\}/)?(?P<plural>[^/{}]+)"
    r"(?:/(?P<name>\{[^/{}]+\})(?:/(?P<sub>[^/{}]+))?)?/?(?:\{[^/{}]+\})?"
)
VERBS = {
    "get": "get",
    "list": "list",
    "post": "create",
    "put": "update",
    "patch": "patch",
    "delete": "delete",
    "deletecollection": "deletecollection",
    "watch": "watch",
    "watchlist": "watch",
}


@dataclass
class _Draft:
    group: str
    version: str
    plural: str
    kind: str | None = None
    namespaced: bool = False
    verbs: set[str] = field(default_factory=set)
    subresources: dict[str, set[str]] = field(default_factory=dict)
    operations: list[str] = field(default_factory=list)


def run(ctx: Context) -> None:
    drafts: dict[tuple[str, str, str], _Draft] = {}
    for op in sorted(ctx.api.operations, key=lambda o: (o.path, o.method)):
        match = PATH.fullmatch(op.path) if op.action else None
        if match is None:
            continue
        group, version, plural = match.group("group") or "", match.group("version"), match.group("plural")
        if plural == "namespaces" and match.group("ns"):
            continue  # /namespaces/{namespace}/namespaces cannot be a collection
        draft = drafts.setdefault((group, version, plural), _Draft(group, version, plural))
        draft.operations.append(op.id)
        draft.namespaced |= match.group("ns") is not None
        verb = _verb(op)
        sub = match.group("sub")
        if sub:
            draft.subresources.setdefault(sub, set()).add(verb)
        else:
            draft.verbs.add(verb)
            if op.gvk is not None and draft.kind is None:
                draft.kind = op.gvk.kind
    by_gvk = {m.resource_gvk: m.key for m in ctx.api.models.values() if m.resource_gvk is not None}
    for draft in drafts.values():
        if draft.kind is None:
            continue  # only subresources or connect endpoints: not a resource of its own
        gvk = GVK(draft.group, draft.version, draft.kind)
        ctx.api.resources.append(
            Resource(
                gvk=gvk,
                plural=draft.plural,
                namespaced=draft.namespaced,
                model=by_gvk.get(gvk),
                verbs=tuple(sorted(draft.verbs)),
                subresources={k: tuple(sorted(v)) for k, v in sorted(draft.subresources.items())},
                operations=tuple(draft.operations),
            )
        )


def _verb(op: Operation) -> str:
    return VERBS.get(op.action or "", op.method.lower())
