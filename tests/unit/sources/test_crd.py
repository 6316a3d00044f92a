"""kgen.sources.crd: CRD manifests -> the definitions and routes the apiserver publishes for them."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from kgen.diagnostics import Diagnostic, KgenError, Level, Sink
from kgen.sources import Inputs, crd, document

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "spec": {
            "type": "object",
            "required": ["size"],
            "properties": {
                "size": {"type": "integer", "default": 1, "minimum": 0},
                "note": {"type": "string", "nullable": True},
                "choice": {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": True, "properties": {"a": {"type": "string"}}},
                "pod": {"type": "object", "x-kubernetes-embedded-resource": True, "properties": {"spec": {"type": "object"}}},
                "tags": {"type": "array", "items": {"type": "string"}, "oneOf": [{"maxItems": 1}], "x-kubernetes-list-type": "set"},
                "empty": {"type": "object", "required": []},
            },
        }
    },
}


def _manifest(scope: str = "Namespaced", versions: list[dict[str, Any]] | None = None, **names: str) -> dict[str, Any]:
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.example.com"},
        "spec": {
            "group": "example.com",
            "names": {"kind": "Widget", "plural": "widgets", **names},
            "scope": scope,
            "versions": versions
            or [
                {"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": copy.deepcopy(SCHEMA)}, "subresources": {"status": {}, "scale": {}}},
                {"name": "v1beta1", "served": True, "storage": False, "schema": {"openAPIV3Schema": {"type": "object"}}},
                {"name": "v1alpha1", "served": False, "storage": False, "schema": {"openAPIV3Schema": {"type": "object"}}},
            ],
        },
    }


def _publish(*manifests: dict[str, Any], base: dict[str, Any] | None = None) -> crd.Published:
    files = [crd.ManifestFile(f"m{i}.json", f"m{i}.json", json.dumps(m).encode()) for i, m in enumerate(manifests)]
    return crd.publish(files, base or {}, "base.json")


def _operations(published: crd.Published) -> dict[str, tuple[str, str]]:
    return {op["operationId"]: (method, path) for path, item in published.paths.items() for method, op in item.items() if method != "parameters"}


def test_definitions_are_named_by_the_reversed_group_for_each_served_version() -> None:
    published = _publish(_manifest())
    assert sorted(published.definitions) == [
        "com.example.v1.Widget", "com.example.v1.WidgetList", "com.example.v1beta1.Widget", "com.example.v1beta1.WidgetList",
    ]  # fmt: skip
    widget = published.definitions["com.example.v1.Widget"]
    assert widget["x-kubernetes-group-version-kind"] == [{"group": "example.com", "kind": "Widget", "version": "v1"}]
    assert widget["properties"]["metadata"]["$ref"] == "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
    listed = published.definitions["com.example.v1.WidgetList"]
    assert listed["properties"]["items"]["items"] == {"$ref": "#/definitions/com.example.v1.Widget"}
    assert listed["x-kubernetes-group-version-kind"][0]["kind"] == "WidgetList"


def test_namespaced_routes_and_operation_ids_are_the_apiservers() -> None:
    ops = _operations(_publish(_manifest()))
    assert ops["listExampleComV1WidgetForAllNamespaces"] == ("get", "/apis/example.com/v1/widgets")
    assert ops["listExampleComV1NamespacedWidget"] == ("get", "/apis/example.com/v1/namespaces/{namespace}/widgets")
    assert ops["deleteExampleComV1CollectionNamespacedWidget"] == ("delete", "/apis/example.com/v1/namespaces/{namespace}/widgets")
    assert ops["patchExampleComV1NamespacedWidgetStatus"] == ("patch", "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status")
    assert ops["replaceExampleComV1NamespacedWidgetScale"] == ("put", "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale")
    assert "readExampleComV1beta1NamespacedWidgetStatus" not in ops  # v1beta1 has no subresources
    assert not [path for _, path in ops.values() if "/watch/" in path]
    assert len([op for op in ops if "V1beta1" in op]) == 8


def test_cluster_scoped_routes_and_operation_details() -> None:
    published = _publish(_manifest("Cluster", listKind="WidgetCollection"))
    ops = _operations(published)
    assert ops["createExampleComV1Widget"] == ("post", "/apis/example.com/v1/widgets")
    assert ops["readExampleComV1WidgetScale"] == ("get", "/apis/example.com/v1/widgets/{name}/scale")
    assert not any("Namespaced" in op or "ForAllNamespaces" in op for op in ops)
    assert "com.example.v1.WidgetCollection" in published.definitions
    item = published.paths["/apis/example.com/v1/widgets/{name}"]
    assert [p["name"] for p in item["parameters"]] == ["name", "pretty"]
    patch = item["patch"]
    assert patch["consumes"] == crd.PATCH_MEDIA and patch["tags"] == ["exampleCom_v1"] and patch["x-kubernetes-action"] == "patch"
    assert patch["parameters"][0] == {"in": "body", "name": "body", "required": True, "schema": {"$ref": "#/definitions/" + crd.PATCH}}
    assert [p["name"] for p in patch["parameters"][1:]] == ["dryRun", "fieldManager", "fieldValidation", "force"]
    delete = item["delete"]
    assert "required" not in delete["parameters"][0] and sorted(delete["responses"]) == ["200", "202", "401"]
    assert item["get"]["description"] == "read the specified Widget" and delete["description"] == "delete a Widget"
    scale = published.paths["/apis/example.com/v1/widgets/{name}/scale"]["put"]
    assert scale["parameters"][0]["schema"] == {"$ref": "#/definitions/" + crd.SCALE}


def test_the_schema_keeps_what_v2_drops() -> None:
    spec = _publish(_manifest()).definitions["com.example.v1.Widget"]["properties"]["spec"]
    fields = spec["properties"]
    assert fields["size"] == {"type": "integer", "default": 1, "minimum": 0}
    assert fields["note"] == {"type": "string", "x-nullable": True}
    assert fields["choice"] == {"x-kubernetes-int-or-string": True}  # anyOf only validates
    assert fields["extra"] == {"type": "object", "x-kubernetes-preserve-unknown-fields": True}  # free-form, still an object
    assert set(fields["pod"]["properties"]) == {"apiVersion", "kind", "metadata", "spec"}
    assert fields["pod"]["required"] == ["kind", "apiVersion"]
    assert fields["tags"] == {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"}
    assert fields["empty"] == {"type": "object"}
    assert spec["required"] == ["size"]


def test_parameters_are_described_as_the_joined_document_describes_them() -> None:
    base = {
        "parameters": {"pretty-x": {"in": "query", "name": "pretty", "type": "string", "description": "pretty, by the document"}},
        "paths": {
            "/api/v1/pods": {
                "parameters": [{"$ref": "#/parameters/pretty-x"}],
                "get": {"x-kubernetes-action": "list", "parameters": [{"in": "query", "name": "limit", "type": "integer", "description": "limit, listed"}]},
            }
        },
    }
    item = _publish(_manifest(), base=base).paths["/apis/example.com/v1/namespaces/{namespace}/widgets"]
    listing = {p["name"]: p for p in item["get"]["parameters"]}
    assert listing == {"limit": {"description": "limit, listed", "in": "query", "name": "limit", "type": "integer"}}  # the rest it lacks
    assert item["parameters"][-1]["description"] == "pretty, by the document"
    own = _publish(_manifest()).paths["/apis/example.com/v1/namespaces/{namespace}/widgets"]["get"]["parameters"]
    assert [p["name"] for p in own] == list(crd.LIST_OPTIONS)  # a document without operations: all, with kgen's texts


def _problems(manifest: Any) -> list[Diagnostic]:
    with pytest.raises(KgenError) as info:
        _publish(manifest)
    return info.value.diagnostics


def test_manifest_problems_name_the_file_and_pointer() -> None:
    bad = _manifest()
    bad["spec"]["group"] = "Example_Com"
    bad["spec"]["names"]["plural"] = "Widgets"
    bad["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]["size"]["type"] = ["integer"]
    found = {(d.source, d.pointer) for d in _problems(bad)}
    assert found == {("m0.json", "/spec/group"), ("m0.json", "/spec/names/plural")}  # the schema is not read when names are wrong
    bad = _manifest()
    bad["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]["size"]["type"] = ["integer"]
    (problem,) = _problems(bad)
    assert problem.pointer == "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type"
    assert "unknown type ['integer']" in problem.message and problem.hint
    missing = _manifest(versions=[{"name": "v1", "served": True}])
    assert [d.pointer for d in _problems(missing)] == ["/spec/versions/0/schema"]


def test_lists_of_crds_are_read_item_by_item() -> None:
    listed = {"apiVersion": "v1", "kind": "List", "items": [_manifest(), {"kind": "Service"}]}
    files = [crd.ManifestFile("all.json", "all.json", json.dumps(listed).encode())]
    published = crd.publish(files, {}, "base.json")
    assert "com.example.v1.Widget" in published.definitions
    assert [d.message for d in published.warnings] == ["skipped a document that is not a CustomResourceDefinition (Service)"]
    broken = {"apiVersion": "v1", "kind": "List", "items": [{**_manifest(), "apiVersion": "apiextensions.k8s.io/v1beta1"}]}
    with pytest.raises(KgenError) as info:
        crd.publish([crd.ManifestFile("all.json", "all.json", json.dumps(broken).encode())], {}, "base.json")
    assert info.value.diagnostics[0].pointer == "/items/0/apiVersion"


def test_diagnostics_about_published_parts_point_into_the_manifest() -> None:
    files = (crd.ManifestFile("crds/widget.json", "widget.json", json.dumps(_manifest()).encode()),)
    _, origins, _ = document(Inputs(None, files))
    sink = Sink("<doc>", origins=origins)
    sink.warning("/definitions/com.example.v1.Widget/properties/spec/properties/size", "look")
    sink.quirk("/definitions/com.example.v1.Widget/properties/spec/properties/note/pattern", "Go regex", "fix it", "pattern")
    sink.error("/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "not from a manifest")
    where = [(d.level, d.source, d.pointer) for d in sink.items]
    assert where == [
        (Level.WARNING, "crds/widget.json", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size"),
        (Level.WARNING, "crds/widget.json", "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/note/pattern"),
        (Level.ERROR, "<doc>", "/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
    ]


def test_the_document_takes_only_missing_core_definitions_from_kgens_set() -> None:
    files = (crd.ManifestFile("w.json", "w.json", json.dumps(_manifest()).encode()),)
    alone = document(Inputs(None, files))[0].data["definitions"]
    kubernetes = sorted(name.rpartition(".")[2] for name in alone if name.startswith("io.k8s."))
    assert kubernetes == [
        "DeleteOptions", "FieldsV1", "ListMeta", "ManagedFieldsEntry", "ObjectMeta", "OwnerReference", "Patch", "Preconditions",
        "Scale", "ScaleSpec", "ScaleStatus", "ShardInfo", "Status", "StatusCause", "StatusDetails", "Time",
    ]  # fmt: skip  # what the routes use, and what that uses; no WatchEvent: the runtimes decode watch events themselves
    assert "com.example.v1.Widget" in alone
    base = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": {crd.OBJECT_META: {"type": "object"}}}
    joined = document(Inputs(("base.json", json.dumps(base).encode()), files))[0].data["definitions"]
    assert joined[crd.OBJECT_META] == {"type": "object"}  # the document's own
    assert crd.STATUS in joined and crd.SCALE in joined and "io.k8s.api.autoscaling.v1.ScaleSpec" in joined
    assert "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent" not in joined  # nothing here refers to it


def test_a_yaml_manifest_reads_as_kubectl_reads_it() -> None:
    """An operator's enum of operators: `=` must load as a string (PyYAML's safe loader stops on it), `y`/`on` as booleans."""
    manifest = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: y
    storage: on
    schema:
      openAPIV3Schema:
        type: object
        properties:
          op: {type: string, enum: [=, "!=", <, 1:20]}
"""
    published = crd.publish([crd.ManifestFile("m.yaml", "m.yaml", manifest.encode())], {}, "base.json")
    schema = next(d for d in published.definitions.values() if "op" in d.get("properties", {}))
    assert schema["properties"]["op"]["enum"] == ["=", "!=", "<", "1:20"]
