"""Decide where every model and operation lives.

Models are placed by the namespace of their definition name
(io.k8s.api.core.v1.Pod -> core/v1). A namespace whose resources all carry
the same API group in `x-kubernetes-group-version-kind` is that group's
unit (io.k8s.api.networking.v1 -> networking.k8s.io/v1 -> networking/v1);
otherwise the name decides (…pkg.apis.meta.v1 -> meta/v1, io.argoproj.workflow.v1alpha1 ->
workflow.argoproj.io/v1alpha1). Hoisted inline models follow their parent.

Kubernetes operations are placed by path (/api/v1, /apis/{group}/{version},
and the group-level /api/ and /apis/{group}/); everything else by its first tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kgen.ir.model import ROOT, Model, Operation, Unit
from kgen.ir.walk import referenced_models
from kgen.passes.context import Context
from kgen.words import Words, group_words, split_words

VERSION_WORD = r"v\d+(?:(?:alpha|beta)\d*)?"
VERSION = re.compile(VERSION_WORD)  # a whole segment: use fullmatch
TOP_LEVEL_DOMAINS = frozenset("io com org net dev sh cloud app ai co tech xyz me us eu de uk info".split())
API_PATH = re.compile(rf"^/api/({VERSION_WORD})(?:/|\Z)")
APIS_PATH = re.compile(rf"^/apis/([^/{{}}]+)/({VERSION_WORD})(?:/|\Z)")
API_GROUP_PATH = re.compile(r"^/api/?\Z")
APIS_GROUP_PATH = re.compile(r"^/apis/([^/{}]+)/?\Z")


def run(ctx: Context) -> None:
    groups = _namespace_groups(ctx.api.models.values())
    namespace_units = _namespace_units(sorted({_namespace(m.key) for m in ctx.api.models.values() if not m.inline}), groups)
    for model in ctx.api.models.values():
        if not model.inline:
            model.unit = namespace_units[_namespace(model.key)]
    for model in ctx.api.models.values():
        if model.inline:
            model.unit = _owner(ctx, model).unit
    for op in ctx.api.operations:
        op.unit = _operation_unit(op, ctx.api.kubernetes)
    for op in sorted(ctx.api.operations, key=lambda o: (o.path, o.method)):
        for key in _inline_roots(ctx, op):  # bodies and responses declared inline live with their operation
            ctx.api.models[key].unit = op.unit
    for model in ctx.api.models.values():  # and so do the models nested in them
        if model.inline and model.parent is not None:
            model.unit = _owner(ctx, model).unit
    ctx.api.units = distinct_units([m.unit for m in ctx.api.models.values()] + [o.unit for o in ctx.api.operations])


def distinct_units(units: list[Unit]) -> list[Unit]:
    """One unit per path, keeping the most informative metadata whatever the input order."""
    best: dict[tuple[Words, ...], Unit] = {}
    for unit in units:
        rank = (unit.group is not None, unit.group or "", unit.version is not None, unit.version or "")
        current = best.get(unit.path)
        if current is None or rank > (current.group is not None, current.group or "", current.version is not None, current.version or ""):
            best[unit.path] = unit
    return sorted(best.values())


def _namespace(definition: str) -> str:
    return definition.rsplit(".", 1)[0] if "." in definition else ""


def _namespace_groups(models: Iterable[Model]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for model in models:
        if not model.inline:
            groups.setdefault(_namespace(model.key), set()).update(g.group for g in model.gvks)
    return groups


def _namespace_units(namespaces: list[str], groups: dict[str, set[str]]) -> dict[str, Unit]:
    """Units for definition namespaces; versionless namespaces that collide take more segments."""
    units: dict[str, Unit] = {}
    versionless: list[str] = []
    for ns in namespaces:
        segments = ns.split(".") if ns else []
        version_at = max((i for i, s in enumerate(segments) if VERSION.fullmatch(s)), default=None)
        if not ns:
            units[ns] = ROOT
        elif version_at is None:
            versionless.append(ns)
        else:
            version = segments[version_at]
            group = _group_of(segments[:version_at], groups.get(ns, set()))
            units[ns] = Unit((group_words(group), (version,)), group, version)
    taken = {u.path for u in units.values()}
    for ns in versionless:
        segments = ns.split(".")
        for width in range(1, len(segments) + 1):
            path = (tuple(w for s in segments[-width:] for w in split_words(s)) or ("x",),)
            if path not in taken or width == len(segments):
                break
        taken.add(path)
        units[ns] = Unit(path)
    return units


def _group_of(segments: list[str], gvk_groups: set[str]) -> str:
    """The group of the resources in the namespace; else what its name says.

    The core group ("") is only taken from resources in a namespace named core:
    apimachinery's meta/v1 Status and options are registered in core/v1 as well.
    """
    named = _named_group(segments)
    if len(gvk_groups) == 1 and (next(iter(gvk_groups)) != "" or named == "core"):
        return next(iter(gvk_groups))
    return named


def _named_group(segments: list[str]) -> str:
    if "apis" in segments and segments.index("apis") + 1 < len(segments):  # Go package path: …/pkg/apis/<group>
        return ".".join(segments[segments.index("apis") + 1 :])
    if segments[:3] == ["io", "k8s", "api"] and len(segments) > 3:
        return ".".join(segments[3:])
    if segments and segments[0] in TOP_LEVEL_DOMAINS:
        return ".".join(reversed(segments))
    return ".".join(segments)


def _owner(ctx: Context, model: Model) -> Model:
    owner = model
    while owner.inline and owner.parent is not None:
        owner = ctx.api.models[owner.parent]
    return owner


def _operation_unit(op: Operation, kubernetes: bool) -> Unit:
    if kubernetes:
        if match := API_PATH.match(op.path):
            return Unit((("core",), (match.group(1),)), "", match.group(1))
        if match := APIS_PATH.match(op.path):
            group, version = match.groups()
            return Unit((group_words(group), (version,)), group, version)
        if API_GROUP_PATH.match(op.path):
            return Unit((("core",),), "")
        if match := APIS_GROUP_PATH.match(op.path):
            return Unit((group_words(match.group(1)),), match.group(1))
    tag = op.tags[0] if op.tags else "default"
    return Unit((split_words(tag) or ("default",),))


def _inline_roots(ctx: Context, op: Operation) -> list[str]:
    """Hoisted models with no owning definition that this operation's types refer to."""
    types = [p.type for p in op.params] + ([op.body.type] if op.body else []) + [op.returns.type]
    keys = []
    for key in referenced_models(types):
        model = ctx.api.models[key]
        if model.inline and model.parent is None and model.unit == ROOT:
            keys.append(key)
    return keys
