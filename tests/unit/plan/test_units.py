"""Each unit's files, and the units its models, signatures and optional parameters refer to."""

from __future__ import annotations

from kgen.ir.model import (
    Api,
    ArrayOf,
    Field,
    Model,
    ModelRef,
    Operation,
    Param,
    Primitive,
    Returns,
    TypeRef,
    UnionOf,
    Unit,
)
from kgen.plan.units import Spelling, unit_plans

CORE = Unit((("core",), ("v1",)))
APPS = Unit((("apps",), ("v1",)))
META = Unit((("meta",), ("v1",)))
TAGS = Unit((("tags",),))
STRING = Primitive("string")


def _model(key: str, unit: Unit, *fields: tuple[str, TypeRef], alias: TypeRef | None = None) -> Model:
    return Model(key, "", (key,), fields=[Field(name, t) for name, t in fields], alias=alias, unit=unit)


def _api(models: list[Model], operations: tuple[Operation, ...] = (), units: list[Unit] | None = None) -> Api:
    found = units or sorted({m.unit for m in models} | {op.unit for op in operations})
    return Api("t", "1", None, "", "", models={m.key: m for m in models}, operations=list(operations), units=found)


def test_two_units_whose_models_refer_to_each_other_refer_to_each_other() -> None:
    api = _api(
        [
            _model("Pod", CORE, ("owner", ModelRef("Deployment")), ("self", ModelRef("Pod"))),
            _model("Deployment", APPS, ("template", ArrayOf(ModelRef("Pod")))),
        ]
    )
    plans = unit_plans(api)
    assert plans[CORE].model_refs == {APPS}  # never itself: a unit's models share a file
    assert plans[APPS].model_refs == {CORE}
    assert [m.key for m in plans[CORE].models] == ["Pod"] and not plans[CORE].operations


def test_a_unit_with_only_operations_has_no_models_and_refers_to_the_units_its_signatures_name() -> None:
    op = Operation(
        "readPod",
        "GET",
        "/pods/{name}",
        "",
        params=[Param("name", "path", STRING, required=True), Param("selector", "query", ModelRef("Selector"))],
        returns=Returns(ModelRef("Pod")),
        unit=TAGS,
    )
    api = _api([_model("Pod", CORE), _model("Selector", META)], (op,), units=[CORE, META, TAGS])
    plan = unit_plans(api)[TAGS]
    assert not plan.models and plan.operations == [op]
    assert plan.model_refs == frozenset()
    assert plan.operation_refs == {CORE}
    assert plan.option_refs == {META}  # optional parameters go where the target declares them


def test_signatures_name_both_parts_of_object_or_status_the_watched_items_and_not_a_patch_body() -> None:
    status_union = UnionOf((ModelRef("Pod"), ModelRef("Status")))
    patch = Operation(
        "patchPod",
        "PATCH",
        "/pods",
        "",
        body=Param("body", "body", ModelRef("Patch"), required=True),
        consumes=("application/merge-patch+json",),
        returns=Returns(status_union, or_status=True),
        unit=APPS,
    )
    listing = Operation(
        "listPods",
        "GET",
        "/pods",
        "",
        params=[Param("watch", "query", Primitive("boolean"))],
        returns=Returns(ModelRef("PodList")),
        unit=APPS,
        watch_name=("watch", "pods"),
    )
    text = Operation("log", "GET", "/log", "", returns=Returns(ModelRef("Status"), media="text"), unit=APPS)
    api = _api(
        [_model("Pod", CORE), _model("Status", META), _model("Patch", TAGS), _model("PodList", APPS, ("items", ArrayOf(ModelRef("Pod"))))],
        (patch, listing, text),
    )
    plan = unit_plans(api)[APPS]
    assert plan.operation_refs == {CORE, META, APPS}  # the list's own unit too: its models are another file
    assert plan.option_refs == frozenset()  # a watchable list's `watch` belongs to its watch call


def test_a_target_leaves_out_what_it_writes_whole_and_fields_it_does_not_write() -> None:
    union = UnionOf((ModelRef("Pod"), STRING))
    api = _api([_model("Pod", CORE), _model("Any", APPS, ("either", union), ("-skipped", ModelRef("Selector"))), _model("Selector", META)])
    assert unit_plans(api)[APPS].model_refs == {CORE, META}
    go_like = Spelling(opaque=lambda t: isinstance(t, UnionOf), writes_field=lambda model, f: not f.wire_name.startswith("-"))
    assert unit_plans(api, go_like)[APPS].model_refs == frozenset()


def test_every_unit_is_planned_in_unit_order_even_when_empty() -> None:
    api = _api([_model("Pod", CORE)], units=[APPS, CORE])
    plans = unit_plans(api)
    assert list(plans) == [APPS, CORE]
    assert not plans[APPS].models and not plans[APPS].operations
