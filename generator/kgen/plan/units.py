"""Each unit's files and the other units they refer to, decided once for every target.

A unit gets a models file when it holds models and an operations file when
it holds operations. What those files import is the set of units whose
models they name: the target only spells the imports (a module, a package, a
file), and tells the plan what it writes without naming the models inside
(`Spelling`: Go writes a union as json.RawMessage), so that no file imports a
unit it does not use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kgen.ir.model import Api, ArrayOf, Field, MapOf, Model, ModelRef, Operation, Param, TupleOf, TypeRef, UnionOf, Unit


def _every_field(model: Model, f: Field) -> bool:
    return True


def _nothing_opaque(t: TypeRef) -> bool:
    return False


@dataclass(frozen=True)
class Spelling:
    """How a target writes types, as far as references go: what it writes whole, which fields it writes at all."""

    opaque: Callable[[TypeRef], bool] = _nothing_opaque  # a type written without naming the models inside it
    writes_field: Callable[[Model, Field], bool] = _every_field  # whether a struct or class declares this field's type


@dataclass(frozen=True)
class UnitPlan:
    unit: Unit
    models: Sequence[Model]  # a models file when there are any, in document order
    operations: Sequence[Operation]  # an operations file when there are any, in name order
    model_refs: frozenset[Unit]  # the other units whose models the unit's models name
    operation_refs: frozenset[Unit]  # the units whose models its operations' signatures name: itself too (its models are another file)
    option_refs: frozenset[Unit]  # the units whose models its operations' optional parameters name


def unit_plans(api: Api, spelling: Spelling = Spelling()) -> dict[Unit, UnitPlan]:
    """Every unit of the API, in unit order, with its models, operations and references."""
    models_by_unit, operations_by_unit = api.models_by_unit(), api.operations_by_unit()
    units_of = {key: m.unit for key, m in api.models.items()}

    def refs(types: Iterable[TypeRef | None]) -> frozenset[Unit]:
        return frozenset(units_of[key] for key in _named(types, spelling.opaque))

    plans = {}
    for unit in api.units:
        models, ops = models_by_unit.get(unit, []), operations_by_unit.get(unit, [])
        model_types = [t for m in models for t in (m.alias, *(f.type for f in m.fields if spelling.writes_field(m, f)))]
        plans[unit] = UnitPlan(
            unit,
            models,
            ops,
            refs(model_types) - {unit},
            refs(t for op in ops for t in signature_types(api, op)),
            refs(p.type for op in ops for p in optional_params(op)),
        )
    return plans


def signature_types(api: Api, op: Operation) -> list[TypeRef]:
    """The types an operation's signature names: path and required parameters, a body (not a patch's), a JSON result, a watch's items.

    An object-or-Status result names both; text, binary and empty results name none.
    """
    types = [p.type for p in op.params if p.location == "path" or p.required]
    if op.body is not None and not op.is_patch:
        types.append(op.body.type)
    returns = op.returns
    if returns.type is not None and returns.media not in ("none", "text", "binary"):
        types.extend(returns.object_or_status() if returns.or_status else [returns.type])
    if op.watch_name and isinstance(returns.type, ModelRef):
        types.extend(f.type.item for f in api.models[returns.type.key].fields if f.wire_name == "items" and isinstance(f.type, ArrayOf))
    return types


def optional_params(op: Operation) -> list[Param]:
    """The optional parameters that are not path parameters; a watchable list's `watch` belongs to its watch call."""
    return [p for p in op.params if not p.required and p.location != "path" and not (op.watch_name and p.wire_name == "watch")]


def _named(types: Iterable[TypeRef | None], opaque: Callable[[TypeRef], bool]) -> Iterable[str]:
    """Keys of the models these types name, not looking inside what `opaque` says is written whole."""
    stack = [t for t in types if t is not None]
    while stack:
        t = stack.pop()
        if opaque(t):
            continue
        if isinstance(t, ModelRef):
            yield t.key
        elif isinstance(t, ArrayOf):
            stack.append(t.item)
        elif isinstance(t, MapOf):
            stack.append(t.value)
        elif isinstance(t, (UnionOf, TupleOf)):
            stack.extend(t.options if isinstance(t, UnionOf) else t.items)
