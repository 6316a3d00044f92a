"""The Kubernetes definitions kgen ships (generator/kgen/sources/kubernetes.json) are what their documented command builds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO, real_spec

from kgen.sources import KUBERNETES_RELEASE, SHIPPED
from kgen.sources.kubernetes import build


def test_the_shipped_file_is_what_the_command_builds_from_the_shared_document(tmp_path: Path) -> None:
    source = real_spec(f"k8s-{KUBERNETES_RELEASE}")
    out = tmp_path / SHIPPED
    command = [sys.executable, "-m", "kgen.sources.kubernetes", "--from", str(source), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (REPO / "generator" / "kgen" / "sources" / SHIPPED).read_bytes(), f"rebuild it: {' '.join(command[1:5])}"


def test_only_documentation_is_dropped_and_each_definition_is_a_line() -> None:
    documented = {"description": "d", "type": "object", "properties": {"description": {"type": "string", "description": "d"}}}
    document = {
        "definitions": {
            "io.k8s.api.core.v1.Thing": {
                **documented,
                "properties": {
                    "description": {"type": "string", "description": "a property called description stays"},
                    "list": {"type": "array", "items": documented, "description": "d"},
                    "map": {"type": "object", "additionalProperties": documented, "x-kubernetes-map-type": "atomic"},
                    "both": {"allOf": [documented], "default": {"description": "a value stays"}},
                },
            },
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": documented,
            "com.example.v1.Widget": documented,
        }
    }
    text = build(document)
    undocumented = {"type": "object", "properties": {"description": {"type": "string"}}}
    assert json.loads(text)["definitions"] == {
        "io.k8s.api.core.v1.Thing": {
            "type": "object",
            "properties": {
                "description": {"type": "string"},
                "list": {"type": "array", "items": undocumented},
                "map": {"type": "object", "additionalProperties": undocumented, "x-kubernetes-map-type": "atomic"},
                "both": {"allOf": [undocumented], "default": {"description": "a value stays"}},
            },
        },
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": documented,  # apimachinery keeps its documentation
    }
    lines = text.splitlines()  # one definition a line, keys sorted, compact
    assert lines[1].startswith('"io.k8s.api.core.v1.Thing":{"properties":{"both":{"allOf":')
    assert lines[2] == '"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta":{"description":"d","properties":{"description":{"description":"d","type":"string"}},"type":"object"}'
