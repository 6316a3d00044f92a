"""kgen.sources.openapi_v3: what /openapi/v3 adds to /openapi/v2 (enums, nullable, nullable CRD fields' schemas)."""

from __future__ import annotations

import copy
from typing import Any

from kgen.sources.openapi_v3 import merge, schemas, to_v2

V2: dict[str, Any] = {
    "definitions": {
        "io.k8s.api.core.v1.ServiceSpec": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "description": "how the Service is exposed"},
                "ports": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.ServicePort"}},
                "policy": {"type": "string", "enum": ["Local"]},
            },
        },
        "io.example.v1.Thing": {
            "type": "object",
            "properties": {"spec": {"type": "object", "properties": {"owner": {"description": "who owns it"}, "tags": {"type": "array", "items": {"type": "string"}}}}},
        },
    }
}
V3 = {
    "components": {
        "schemas": {
            "io.k8s.api.core.v1.ServiceSpec": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "enum": ["ClusterIP", "NodePort", None], "description": "how the Service is exposed"},
                    "ports": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.ServicePort"}], "default": {}}},
                    "policy": {"type": "string", "enum": ["Cluster", "Local"]},
                },
            },
            "io.example.v1.Thing": {
                "type": "object",
                "properties": {
                    "spec": {
                        "type": "object",
                        "properties": {
                            "owner": {
                                "type": "object",
                                "nullable": True,
                                "description": "who owns it",
                                "properties": {"ref": {"allOf": [{"$ref": "#/components/schemas/io.example.v1.Ref"}], "nullable": True}},
                                "oneOf": [{"required": ["ref"]}],
                            },
                            "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
                        },
                    }
                },
            },
        }
    }
}


def test_enums_nullable_and_cleared_schemas_come_back() -> None:
    v2 = copy.deepcopy(V2)
    counts = merge(v2, schemas([V3, {"components": {"schemas": {"io.other.v1.X": {}}}}, "not a document"]))
    spec = v2["definitions"]["io.k8s.api.core.v1.ServiceSpec"]["properties"]
    assert spec["type"]["enum"] == ["ClusterIP", "NodePort"]
    assert spec["policy"]["enum"] == ["Local"]  # v2's own enum stays
    assert spec["ports"] == V2["definitions"]["io.k8s.api.core.v1.ServiceSpec"]["properties"]["ports"]
    thing = v2["definitions"]["io.example.v1.Thing"]["properties"]["spec"]["properties"]
    assert thing["owner"] == {
        "description": "who owns it",
        "type": "object",
        "x-nullable": True,
        "properties": {"ref": {"allOf": [{"$ref": "#/definitions/io.example.v1.Ref"}], "x-nullable": True}},
    }
    assert thing["tags"]["items"]["enum"] == ["a", "b"]
    assert dict(counts) == {"enum": 2, "nullable": 1, "schema": 1}


def test_to_v2_converts_references_and_drops_what_v2_cannot_say() -> None:
    schema = {"anyOf": [{"type": "integer"}], "not": {}, "nullable": False, "x-kubernetes-int-or-string": True, "items": [{"$ref": "#/components/schemas/A"}]}
    assert to_v2(schema) == {"x-kubernetes-int-or-string": True, "items": [{"$ref": "#/definitions/A"}]}
