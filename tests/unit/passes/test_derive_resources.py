from __future__ import annotations

from kgen.ir.model import GVK

from .helpers import NAME, NS, doc, ir, k8s_op, obj


def test_resources_from_paths() -> None:
    gvk = ("example.com", "v1", "Widget")
    widget = {**obj(apiVersion={"type": "string"}, kind={"type": "string"}), "x-kubernetes-group-version-kind": [dict(zip(("group", "version", "kind"), gvk))]}
    base = "/apis/example.com/v1/namespaces/{namespace}/widgets"
    paths = {
        base: {"parameters": [NS], "get": k8s_op("listW", "list", gvk), "post": k8s_op("createW", "post", gvk)},
        base + "/{name}": {"parameters": [NS, NAME], "get": k8s_op("readW", "get", gvk), "delete": k8s_op("deleteW", "delete", gvk)},
        base + "/{name}/status": {"parameters": [NS, NAME], "patch": k8s_op("patchWStatus", "patch", gvk)},
        "/apis/example.com/v1/widgets": {"get": k8s_op("listWAll", "list", gvk)},
        "/apis/example.com/v1/clusterthings": {"get": k8s_op("listT", "list", ("example.com", "v1", "ClusterThing"))},
    }
    api = ir(doc({"com.example.v1.Widget": widget}, paths))
    by_plural = {r.plural: r for r in api.resources}
    widgets = by_plural["widgets"]
    assert widgets.gvk == GVK(*gvk) and widgets.namespaced and widgets.model == "com.example.v1.Widget"
    assert widgets.verbs == ("create", "delete", "get", "list") and widgets.subresources == {"status": ("patch",)}
    things = by_plural["clusterthings"]
    assert not things.namespaced and things.model is None and things.verbs == ("list",)
