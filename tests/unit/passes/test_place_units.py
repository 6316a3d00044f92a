from __future__ import annotations

from kgen.ir.model import Unit

from .helpers import NS, doc, ir, k8s_op, obj


def _paths(api) -> dict[str, tuple]:
    return {key: m.unit.path for key, m in api.models.items() if not m.inline}


def _resource(gvk: list[dict]) -> dict:
    return {**obj(apiVersion={"type": "string"}, kind={"type": "string"}), "x-kubernetes-group-version-kind": gvk}


def test_definitions_are_placed_by_group_version() -> None:
    api = ir(doc({
        "io.k8s.api.core.v1.Pod": _resource([{"group": "", "version": "v1", "kind": "Pod"}]),
        "io.k8s.api.core.v1.PodSpec": obj(x={"type": "string"}),
        "io.k8s.api.networking.v1.Ingress": _resource([{"group": "networking.k8s.io", "version": "v1", "kind": "Ingress"}]),
        "io.k8s.api.networking.v1.IngressSpec": obj(x={"type": "string"}),
        "io.k8s.apimachinery.pkg.apis.meta.v1.Status": _resource([{"group": "", "version": "v1", "kind": "Status"}]),
        "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": _resource([{"group": "", "version": "v1", "kind": "DeleteOptions"}, {"group": "apps", "version": "v1", "kind": "DeleteOptions"}]),
        "io.cert-manager.v1.Certificate": _resource([{"group": "cert-manager.io", "version": "v1", "kind": "Certificate"}]),
        "io.k8s.networking.gateway.v1.Gateway": _resource([{"group": "gateway.networking.k8s.io", "version": "v1", "kind": "Gateway"}]),
        "io.argoproj.workflow.v1alpha1.Workflow": obj(x={"type": "string"}),
        "github.com.argoproj.argo_events.pkg.apis.events.v1alpha1.Sensor": obj(x={"type": "string"}),
        "io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": "string"},
        "Pet": obj(x={"type": "string"}),
    }))
    assert _paths(api) == {
        "io.k8s.api.core.v1.Pod": (("core",), ("v1",)),
        "io.k8s.api.core.v1.PodSpec": (("core",), ("v1",)),
        "io.k8s.api.networking.v1.Ingress": (("networking",), ("v1",)),
        "io.k8s.api.networking.v1.IngressSpec": (("networking",), ("v1",)),
        "io.k8s.apimachinery.pkg.apis.meta.v1.Status": (("meta",), ("v1",)),
        "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": (("meta",), ("v1",)),
        "io.cert-manager.v1.Certificate": (("cert", "manager", "io"), ("v1",)),
        "io.k8s.networking.gateway.v1.Gateway": (("gateway", "networking"), ("v1",)),
        "io.argoproj.workflow.v1alpha1.Workflow": (("workflow", "argoproj", "io"), ("v1alpha1",)),
        "github.com.argoproj.argo_events.pkg.apis.events.v1alpha1.Sensor": (("events",), ("v1alpha1",)),
        "io.k8s.apimachinery.pkg.api.resource.Quantity": (("resource",),),
        "Pet": (),
    }
    assert api.models["io.k8s.api.networking.v1.Ingress"].unit.group == "networking.k8s.io"


def test_versionless_namespaces_that_collide_take_more_segments() -> None:
    api = ir(doc({"io.k8s.apimachinery.pkg.runtime.RawExtension": {"type": "object"}, "grpc.gateway.runtime.Error": obj(x={"type": "string"})}))
    # the first namespace in sorted order keeps the short name
    assert _paths(api) == {"grpc.gateway.runtime.Error": (("runtime",),), "io.k8s.apimachinery.pkg.runtime.RawExtension": (("pkg", "runtime"),)}


def test_kubernetes_operations_by_path_others_by_tag() -> None:
    gvk = ("apps", "v1", "Deployment")
    paths = {
        "/apis/apps/v1/namespaces/{namespace}/deployments": {"parameters": [NS], "get": k8s_op("listAppsV1NamespacedDeployment", "list", gvk)},
        "/apis/apps/": {"get": {"operationId": "getAppsAPIGroup", "tags": ["apps"], "responses": {}}},
        "/api/v1/pods": {"get": k8s_op("listCoreV1PodForAllNamespaces", "list", ("", "v1", "Pod"))},
        "/version/": {"get": {"operationId": "getCodeVersion", "tags": ["version"], "responses": {}}},
    }
    api = ir(doc({}, paths))
    units = {op.id: op.unit for op in api.operations}
    assert units["listAppsV1NamespacedDeployment"] == Unit((("apps",), ("v1",)))
    assert units["listAppsV1NamespacedDeployment"].group == "apps"
    assert units["getAppsAPIGroup"] == Unit((("apps",),))
    assert units["listCoreV1PodForAllNamespaces"] == Unit((("core",), ("v1",)))
    assert units["getCodeVersion"] == Unit((("version",),))


def test_documents_without_kubernetes_operations_group_by_tag() -> None:
    paths = {"/api/v1/workflows": {"get": {"operationId": "WorkflowService_ListWorkflows", "tags": ["WorkflowService"], "responses": {}}},
             "/pets": {"get": {"operationId": "listPets", "responses": {}}}}
    api = ir(doc({}, paths))
    assert {op.unit.path for op in api.operations} == {(("workflow", "service"),), (("default",),)}
