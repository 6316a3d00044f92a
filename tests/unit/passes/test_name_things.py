from __future__ import annotations

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
