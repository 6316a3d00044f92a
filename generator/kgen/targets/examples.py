"""The example calls a generated README shows, chosen and filled in alike for every target.

A Kubernetes document has hundreds of operations: its README calls one per
unit (a namespaced list with a watch where there is one, else a list with a
watch, else a read, else the unit's first operation). Any other document's
README calls every operation: it is the reader's map of that API. Each call
passes every argument its operation requires, as a neutral `Value` that the
target spells; a body is built from its model, with the fields that model
requires (and, within them, the fields their models require).
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.ir.model import (
    OBJECT,
    Api,
    ArrayOf,
    EnumOf,
    Field,
    MapOf,
    Model,
    ModelRef,
    Operation,
    Param,
    Primitive,
    Special,
    TupleOf,
    TypeRef,
    UnionOf,
    Unit,
)

# Example literals by primitive kind (and for the specials whose JSON is a scalar).
LITERALS: dict[str, object] = {"string": "example", "integer": 1, "number": 1, "boolean": False, "int_or_string": "example", "quantity": "1"}


@dataclass(frozen=True)
class Value:
    """An example value: a literal, a model with its required fields, or an empty container.

    `type` is resolved through model aliases (a `Pets` alias of a list is a list);
    `declared` is the type as written where the value goes, for targets that name it.
    """

    type: TypeRef
    declared: TypeRef
    literal: object = None  # for primitives, enums and scalar specials
    fields: tuple[tuple[Field, Value], ...] = ()  # for models: the required fields
    items: tuple[Value, ...] = ()  # for tuples
    namespace: bool = False  # the client's namespace (a Kubernetes namespace path argument)


@dataclass(frozen=True)
class Call:
    op: Operation
    values: dict[int, Value]  # id(param) -> its value: every required parameter, and a required body

    def value(self, param: Param) -> Value | None:
        return self.values.get(id(param))


@dataclass(frozen=True)
class UnitExample:
    unit: Unit
    calls: list[Call]  # each shown with its watch when the operation has one


def unit_examples(api: Api) -> list[UnitExample]:
    """The calls each unit with operations shows, in unit order."""
    operations = api.operations_by_unit()
    found = []
    for unit in api.units:
        ops = operations.get(unit)
        if ops:
            chosen = [_representative(ops)] if api.kubernetes else ops
            found.append(UnitExample(unit, [_call(api, op) for op in chosen]))
    return found


@dataclass(frozen=True)
class Features:
    """What a README describes besides calls; a target's README view inherits these fields."""

    kubernetes: bool  # kubeconfig and clusters (a Kubernetes document)
    watches: bool
    patches: bool


def readme_features(api: Api) -> Features:
    return Features(api.kubernetes, any(op.watch_name for op in api.operations), any(op.is_patch for op in api.operations))


def _representative(ops: list[Operation]) -> Operation:
    watchable = [o for o in ops if o.watch_name]
    namespaced = [o for o in watchable if any(p.wire_name == "namespace" and p.location == "path" for p in o.params)]
    return (namespaced or watchable or [o for o in ops if o.action == "get"] or ops)[0]


def _call(api: Api, op: Operation) -> Call:
    values = {}
    for p in op.params:
        if p.location == "path" or p.required:
            namespace = api.kubernetes and p.location == "path" and p.wire_name == "namespace"
            values[id(p)] = Value(p.type, p.type, namespace=True) if namespace else value_of(api.models, p.type)
    body = op.body
    if body is not None and body.required:  # a patch takes any document: the empty merge patch
        values[id(body)] = Value(OBJECT, OBJECT) if op.is_patch else value_of(api.models, body.type)
    return Call(op, values)


def value_of(models: dict[str, Model], declared: TypeRef, within: frozenset[str] = frozenset()) -> Value:
    """An example of `declared`; `within` holds the models being built (one that a required field leads back to is left empty)."""
    t = declared
    while isinstance(t, ModelRef) and (alias := models[t.key].alias) is not None:
        t = alias
    if isinstance(t, UnionOf):
        return value_of(models, t.options[0], within)
    if isinstance(t, EnumOf):
        first = t.values[0] if t.values else None
        return Value(t, declared, first if t.base.kind == "string" and isinstance(first, str) else LITERALS[t.base.kind])
    if isinstance(t, Primitive):
        return Value(t, declared, None if t.format == "binary" else LITERALS[t.kind])
    if isinstance(t, Special):
        return Value(t, declared, LITERALS.get(t.kind))
    if isinstance(t, TupleOf):
        return Value(t, declared, items=tuple(value_of(models, item, within) for item in t.items))
    if isinstance(t, (ArrayOf, MapOf)):
        return Value(t, declared)
    return Value(t, declared, fields=() if t.key in within else _required_fields(models[t.key], models, within | {t.key}))


def _required_fields(model: Model, models: dict[str, Model], within: frozenset[str]) -> tuple[tuple[Field, Value], ...]:
    """The fields a model requires, but a resource's apiVersion and kind (every target fills them in)."""
    type_meta = ("apiVersion", "kind") if model.resource_gvk else ()
    return tuple((f, value_of(models, f.type, within)) for f in model.fields if f.required and f.wire_name not in type_meta)


class Speller:
    """Writes example values in a target's syntax: the walk is shared, each target says how each kind is written."""

    namespace = ""  # the expression of the client's namespace

    def spell(self, v: Value) -> str:
        t = v.type
        if v.namespace:
            return self.namespace
        if isinstance(t, ModelRef):
            return self.model(t.key, v)
        if isinstance(t, TupleOf):
            return self.tuple([self.spell(item) for item in v.items])
        if v.literal is not None:
            return self.literal(v.literal, t)
        return self.empty(empty_kind(t))

    def model(self, key: str, v: Value) -> str:
        raise NotImplementedError

    def tuple(self, items: list[str]) -> str:
        raise NotImplementedError

    def literal(self, value: object, t: TypeRef) -> str:
        raise NotImplementedError

    def empty(self, kind: str) -> str:
        raise NotImplementedError


def empty_kind(t: TypeRef) -> str:
    """What a value without a literal is: array, map, binary, or a special's kind (object, any, raw, binary)."""
    if isinstance(t, ArrayOf):
        return "array"
    if isinstance(t, MapOf):
        return "map"
    return t.kind if isinstance(t, Special) else "binary"


def read_modify_write(api: Api, api_classes: dict[Unit, str]) -> str | None:
    """The API class of core/v1 when the document reads and replaces pods there (the README's read-modify-write)."""
    ops = {op.id: op for op in api.operations}
    read, replace = ops.get("readCoreV1NamespacedPod"), ops.get("replaceCoreV1NamespacedPod")
    if read is None or replace is None or read.unit != replace.unit or read.returns.type != ModelRef("io.k8s.api.core.v1.Pod"):
        return None
    pod = api.models["io.k8s.api.core.v1.Pod"]
    return api_classes.get(read.unit) if [f.wire_name for f in pod.fields if f.wire_name == "spec"] else None
