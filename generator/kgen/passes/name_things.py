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
  method, those that repeat an earlier operation's operationId last) keeps
  the name, later ones get 2, 3, ... appended. An operationId that the
  document repeats in other units clashes with nothing: it keeps its name.
"""

from __future__ import annotations

from collections import defaultdict

from kgen.app.selection import describe
from kgen.diagnostics import Sink
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
        redundant = unit.words if ctx.api.kubernetes else ()
        _name_operations(redundant, ops)
        _say_repeats(ctx.sink, unit, redundant, ops)
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
    """Name a unit's operations; `redundant`: the words (of the unit) an operationId says again and its name leaves out.

    An operation that repeats an earlier one's operationId comes after those that do not, so that the first
    in the document keeps the plain name where the two meet.
    """
    ordered = sorted(ops, key=lambda o: (o.id != o.operation_id, o.path, o.method, o.id))
    for op in ordered:
        op.name = _words(op, redundant)
        if op.watchable and op.name[0] == "list":
            op.watch_name = ("watch",) + op.name[1:]
    helpers = {op.watch_name for op in ordered if op.watch_name}
    used: set[Words] = set()
    for op in ordered:
        base = op.name + ("endpoint",) if op.name in helpers else op.name
        name, n = base, 1
        while name in used or name in helpers:
            n += 1
            name = base[:-1] + (base[-1] + str(n),)  # as an operationId numbered so splits: x2
        used.add(name)
        op.name = name


def _words(op: Operation, redundant: Words) -> Words:
    return remove_run(split_words(op.operation_id), redundant) or ("call",)


def _say_repeats(sink: Sink, unit: Unit, redundant: Words, ops: list[Operation]) -> None:
    """Finish the warning of each operation that repeats an earlier one's operationId with the name it got: the
    document's own repeat is a quirk whatever the name; a path item reference's is said only where it renames."""
    for op in ops:
        if op.repeats is None:
            continue
        spelled = op.name[0] + pascal(op.name[1:])
        if op.name != _words(op, redundant):
            said = f"this operation is named {spelled} among those of {describe(unit)}"
        elif op.repeats.quirk:
            said = f"this operation keeps the name {spelled} among those of {describe(unit)}, where it is unique"
        else:
            continue
        message = f"{op.repeats.why}; {said}"
        if op.repeats.quirk:
            sink.quirk(op.repeats.pointer, message, op.repeats.hint, "duplicate-operation-id")
        else:
            sink.warning(op.repeats.pointer, message, op.repeats.hint, "name")


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
