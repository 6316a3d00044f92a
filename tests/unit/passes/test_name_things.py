from __future__ import annotations

from typing import Any

import pytest

from kgen.diagnostics import KgenError, Level, Sink

from .helpers import NAME, NS, doc, ir, k8s_op, obj


def test_operation_names_drop_their_group_version() -> None:
    gvk = ("", "v1", "Pod")
    list_params = [{"name": "watch", "in": "query", "type": "boolean"}]
    paths = {
        "/api/v1/namespaces/{namespace}/pods": {"parameters": [NS], "get": k8s_op("listCoreV1NamespacedPod", "list", gvk, parameters=list_params)},
        "/api/v1/namespaces/{namespace}/pods/{name}": {"parameters": [NS, NAME], "get": k8s_op("readCoreV1NamespacedPod", "get", gvk)},
        "/api/v1/watch/namespaces/{namespace}/pods/{name}": {"parameters": [NS, NAME], "get": k8s_op("watchCoreV1NamespacedPod", "watch", gvk)},
        "/api/v1/watch/namespaces/{namespace}/pods": {"parameters": [NS], "get": k8s_op("watchCoreV1NamespacedPodList", "watchlist", gvk)},
    }
    api = ir(doc({}, paths))
    names = {op.id: (op.name, op.watch_name) for op in api.operations}
    assert names == {
        "listCoreV1NamespacedPod": (("list", "namespaced", "pod"), ("watch", "namespaced", "pod")),
        "readCoreV1NamespacedPod": (("read", "namespaced", "pod"), ()),
        "watchCoreV1NamespacedPod": (("watch", "namespaced", "pod", "endpoint"), ()),
        "watchCoreV1NamespacedPodList": (("watch", "namespaced", "pod", "list"), ()),
    }


def test_parameter_names_are_unique_per_operation() -> None:
    params = [NAME, {"name": "name", "in": "query", "type": "string"}, {"name": "listOptions.labelSelector", "in": "query", "type": "string"}]
    api = ir(doc({}, {"/x/{name}": {"get": {"operationId": "getX", "parameters": params, "responses": {}}}}))
    assert [p.name for p in api.operations[0].params] == [("name",), ("list", "options", "label", "selector"), ("name", "query")]


def test_model_names_clash_within_a_unit_only() -> None:
    api = ir(doc({
        "io.example.v1.Thing": obj(spec=obj(a={"type": "string"})),
        "io.example.v1.ThingSpec": obj(b={"type": "string"}),
        "io.other.v1.Thing": obj(c={"type": "string"}),
    }))
    names = sorted((m.unit.path, m.name) for m in api.models.values())
    assert names == [
        ((("example", "io"), ("v1",)), "Thing"),
        ((("example", "io"), ("v1",)), "ThingSpec"),
        ((("example", "io"), ("v1",)), "ThingSpec2"),
        ((("other", "io"), ("v1",)), "Thing"),
    ]
    hoisted = next(m for m in api.models.values() if m.inline)
    assert hoisted.name == "ThingSpec2"  # the definition keeps the plain name


def _listing(group: str, op_id: str = "listThing") -> dict[str, Any]:
    return {"get": k8s_op(op_id, "list", (group, "v1", "Thing"))}


def test_an_operation_id_repeated_in_other_groups_keeps_its_name_in_each() -> None:
    sink = Sink("t.json", lenient=True)
    api = ir(doc({}, {f"/apis/{g}/v1/things": _listing(g) for g in ("a.io", "b.io")}), sink)
    assert [(op.id, op.name) for op in api.operations] == [("listThing", ("list", "thing")), ("listThing2", ("list", "thing"))]
    (warning,) = sink.items
    assert (warning.kind, warning.pointer) == ("duplicate-operation-id", "/paths/~1apis~1b.io~1v1~1things/get/operationId")
    assert warning.message == (
        "operationId 'listThing' is also used by /paths/~1apis~1a.io~1v1~1things/get;"
        " this operation keeps the name listThing among those of b.io/v1, where it is unique"
    )


def test_an_operation_id_repeated_in_its_own_group_is_numbered_after_the_first_in_the_document() -> None:
    sink = Sink("t.json", lenient=True)
    paths = {"/apis/a.io/v1/things": _listing("a.io"), "/apis/a.io/v1/alpha": _listing("a.io"), "/apis/b.io/v1/things": _listing("b.io")}
    api = ir(doc({}, paths), sink)
    names = {op.path: op.name for op in api.operations}
    assert names == {"/apis/a.io/v1/things": ("list", "thing"), "/apis/a.io/v1/alpha": ("list", "thing2"), "/apis/b.io/v1/things": ("list", "thing")}
    assert [w.message.split("; ")[1] for w in sink.items] == [
        "this operation is named listThing2 among those of a.io/v1",
        "this operation keeps the name listThing among those of b.io/v1, where it is unique",
    ]


def test_a_repeated_operation_id_is_an_error_in_strict_runs_wherever_it_is() -> None:
    with pytest.raises(KgenError) as stopped:
        ir(doc({}, {f"/apis/{g}/v1/things": _listing(g) for g in ("a.io", "b.io")}))
    (error,) = stopped.value.diagnostics
    assert error.message == "operationId 'listThing' is also used by /paths/~1apis~1a.io~1v1~1things/get" and "--lenient" in error.hint


def test_an_operation_a_path_item_reference_repeats_is_renamed_with_a_warning_only_where_its_name_clashes() -> None:
    reference = {"$ref": "#/paths/~1apis~1a.io~1v1~1things"}
    paths = {"/apis/a.io/v1/alias": reference, "/apis/a.io/v1/things": _listing("a.io"), "/apis/b.io/v1/things": reference}
    sink = Sink("t.json")
    api = ir(doc({}, paths), sink)
    names = {op.path: op.name for op in api.operations}
    assert names == {"/apis/a.io/v1/alias": ("list", "thing2"), "/apis/a.io/v1/things": ("list", "thing"), "/apis/b.io/v1/things": ("list", "thing")}
    (warning,) = sink.items
    assert (warning.level, warning.kind, warning.pointer) == (Level.WARNING, "name", "/paths/~1apis~1a.io~1v1~1alias/$ref")
    assert warning.message.endswith("'listThing' is also used by get /apis/a.io/v1/things; this operation is named listThing2 among those of a.io/v1")


def test_a_numbered_name_splits_as_a_numbered_operation_id_would() -> None:
    """`getA2`, not `get_a_2`, in Python: as the names kgen made up for /a and /a/ always were."""
    api = ir(doc({}, {"/a": {"get": {"responses": {}}}, "/a/": {"get": {"responses": {}}}}))
    assert [op.name for op in api.operations] == [("get", "a"), ("get", "a2")]
