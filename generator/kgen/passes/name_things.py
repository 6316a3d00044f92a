"""Neutral names: model names, operation and parameter words, unique within their scope.

* A model is named by its definition's last segment (Pod); a hoisted inline
  model by its parent's name plus the words of the path to it
  (Certificate + spec + privateKey -> CertificateSpecPrivateKey).
* An operation of a Kubernetes document is named by its operationId without
  the words of its unit, the way Kubernetes' own clients do:
  readCoreV1NamespacedPod in core/v1 -> read namespaced pod. Any other
  operationId keeps all its words: listPets under the tag pets is list pets
  (without them it would be `list`, which says nothing of what it lists).
* A list operation that accepts watch=true also gets a watch helper named
  watch + the rest of its name. The helper keeps that name; an operation
  that wanted it (the deprecated /watch/ endpoints) gets `endpoint` appended.
* Remaining clashes within a unit: the first claimant in a stable order
  (definitions before inline models, then by key; operations by path and
  method) keeps the name, later ones get 2, 3, ... appended.
"""

from __future__ import annotations

from collections import defaultdict

from kgen.ir.model import LOCATIONS, Model, Operation, Unit
from kgen.passes.context import Context
from kgen.words import Words, remove_run, split_words


def run(ctx: Context) -> None:
    by_unit: dict[Unit, list[Model]] = defaultdict(list)
    for model in ctx.api.models.values():
        by_unit[model.unit].append(model)
    for models in by_unit.values():
        _name_models(ctx, models)
    ops_by_unit: dict[Unit, list[Operation]] = defaultdict(list)
    for op in ctx.api.operations:
        ops_by_unit[op.unit].append(op)
    for unit, ops in ops_by_unit.items():
        _name_operations(unit.words if ctx.api.kubernetes else (), ops)
    for op in ctx.api.operations:
        _name_params(op)


def pascal(words: Words) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words)


def model_base_name(ctx: Context, model: Model) -> str:
    first = model.name_hint[0]
    base = pascal(split_words(first)) if model.inline and model.parent is None else first  # inline: in an operation
    return base + "".join(pascal(split_words(part)) for part in model.name_hint[1:])


def _name_models(ctx: Context, models: list[Model]) -> None:
    taken: set[str] = set()
    for model in sorted(models, key=lambda m: (m.inline, m.key)):
        base = model_base_name(ctx, model)
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}{n}"
        taken.add(name.lower())
        model.name = name


def _name_operations(redundant: Words, ops: list[Operation]) -> None:
    """Name a unit's operations; `redundant`: the words (of the unit) an operationId says again and its name leaves out."""
    ordered = sorted(ops, key=lambda o: (o.path, o.method, o.id))
    for op in ordered:
        op.name = remove_run(split_words(op.id), redundant) or ("call",)
        if op.watchable and op.name[0] == "list":
            op.watch_name = ("watch",) + op.name[1:]
    helpers = {op.watch_name for op in ordered if op.watch_name}
    used: set[Words] = set()
    for op in ordered:
        base = op.name + ("endpoint",) if op.name in helpers else op.name
        name, n = base, 1
        while name in used or name in helpers:
            n += 1
            name = base + (str(n),)
        used.add(name)
        op.name = name


def _name_params(op: Operation) -> None:
    taken: set[Words] = set()
    params = op.params + ([op.body] if op.body else [])
    for param in sorted(params, key=lambda p: LOCATIONS.index(p.location)):  # stable: document order within a location
        words = split_words(param.wire_name) or ("param",)
        if words in taken:
            words = words + (param.location.lower(),)
        while words in taken:
            words = words + ("2",)
        taken.add(words)
        param.name = words
