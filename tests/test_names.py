"""Generated names that must not collide with what the generated code itself uses, or with what tools skip."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO, generate, generate_and_build
from targets import Target, all_targets
from typescript_tools import compile_to

from kgen.targets.python.naming import MODULE_NAMES

# Every capitalised name a Python models module may import (lower-case ones cannot be class names).
IMPORTED = sorted(n for n in MODULE_NAMES if n[:1].isupper())


def _shadowing_spec() -> dict[str, object]:
    """A resource per imported name, each with an enum (Final, Literal), an untyped and a preserved field, and a reference."""
    definitions = {}
    for i, name in enumerate(IMPORTED):
        definitions[f"io.k8s.api.core.v1.{name}"] = {
            "type": "object",
            "properties": {
                "phase": {"type": "string", "enum": ["A", "B"]},
                "raw": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                "any": {},
                "next": {"$ref": f"#/definitions/io.k8s.api.core.v1.{IMPORTED[(i + 1) % len(IMPORTED)]}"},
            },
            "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": name}],
        }
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": definitions}


def test_definitions_named_like_imports_shadow_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "shadowing.json"
    spec.write_text(json.dumps(_shadowing_spec()))
    out = generate(spec, tmp_path / "out")
    models = (out / "kube" / "core" / "v1" / "models.py").read_text()
    imported = {name.strip() for line in re.findall(r"^from (?:typing|kube\._runtime\.model) import (.+)$", models, re.M) for name in line.split(",")}
    assert {"Final", "Literal", "Model", "TYPE_CHECKING"} <= imported
    assert {n for n in imported if " as _" not in n} <= MODULE_NAMES, "a models module imports a name MODULE_NAMES does not reserve"
    defined = set(re.findall(r"^class (\w+)", models, re.M))
    assert not defined & imported and len(defined) > len(IMPORTED)  # a class per definition, and their enum class
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "kube"], capture_output=True, text=True, cwd=out, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:]


NODE_MODULES_SPEC = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "definitions": {
        "io.example.node-modules.v1.Thing": {
            "type": "object",
            "properties": {"a": {"type": "string"}},
            "x-kubernetes-group-version-kind": [{"group": "node-modules", "version": "v1", "kind": "Thing"}],
        }
    },
    "paths": {
        "/apis/node-modules/v1/things": {
            "get": {
                "operationId": "listNodeModulesV1Thing",
                "x-kubernetes-action": "list",
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/io.example.node-modules.v1.Thing"}}},
            }
        }
    },
}


@pytest.mark.parametrize(("target", "package"), [("python", "kube"), ("typescript", "kube"), ("go", "example.com/kube")])
def test_no_generated_directory_is_named_node_modules(tmp_path: Path, target: str, package: str) -> None:
    """tsc (and pyright, ruff) skip node_modules: a group of that name would be missing from the build."""
    spec = tmp_path / "node-modules.json"
    spec.write_text(json.dumps(NODE_MODULES_SPEC))
    out = generate(spec, tmp_path / "out", "--target", target, "--package-name", package)
    directories = [p.name.lower() for p in out.rglob("*") if p.is_dir()]
    assert "node_modules" not in directories and any("node" in d for d in directories), directories
    if target == "typescript":
        compile_to(out, tmp_path / "dist")
        assert list((tmp_path / "dist").rglob("v1/api.js")), "the group's module was not compiled"


# One operation whose options clash: a query and a header parameter per name, and keys named like Object.prototype's.
OPTIONS_SPEC = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "definitions": {},
    "paths": {
        "/api/v1/things": {
            "get": {
                "operationId": "listCoreV1Thing",
                "x-kubernetes-action": "list",
                "parameters": [
                    {"name": "x", "in": "header", "type": "string"},
                    {"name": "x", "in": "query", "type": "string"},
                    {"name": "constructor", "in": "query", "type": "string"},
                    {"name": "toString", "in": "query", "type": "string"},
                    {"name": "y", "in": "query", "type": "string", "required": True},
                    {"name": "y", "in": "header", "type": "string", "required": True},
                ],
                "responses": {"200": {"description": "ok", "schema": {"type": "string"}}},
            }
        }
    },
}


PYTHON_OPTIONS = """
import json, httpx
from kube import Client
from kube.core.v1 import CoreV1Api
seen = []
def handler(request):
    seen.append({"query": sorted(request.url.params.multi_items()), "x": request.headers.get("x"), "y": request.headers.get("y")})
    return httpx.Response(200, stream=httpx.ByteStream(b"ok"))  # unread, as a server's response is
api = CoreV1Api(Client("http://127.0.0.1", transport=httpx.MockTransport(handler)))
api.list_thing(y="y-query", y_header="y-header", x="to-query", x_header="to-header", constructor="c")
print(json.dumps(seen[0]))
"""


@pytest.mark.parametrize("header_first", [True, False])
def test_python_query_and_header_of_one_name(tmp_path: Path, header_first: bool) -> None:
    """The query parameter keeps the name and the header's says so (x, x_header), whatever the document's order."""
    spec = json.loads(json.dumps(OPTIONS_SPEC))
    parameters = spec["paths"]["/api/v1/things"]["get"]["parameters"]
    parameters.sort(key=lambda p: p["in"] != "header" if header_first else p["in"] == "header")
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    out = generate(tmp_path / "spec.json", tmp_path / "out")
    result = subprocess.run([sys.executable, "-c", PYTHON_OPTIONS], capture_output=True, text=True, cwd=out, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    sent = json.loads(result.stdout)
    assert sent == {"query": [["constructor", "c"], ["x", "to-query"], ["y", "y-query"]], "x": "to-header", "y": "y-header"}


# The names the demo's apps/v1 gives its options and API classes in some target (C# and Java: ListParams, Go:
# ListOptions, AppsV1Api, AppsV1Client), each also the name of a definition in another namespace that an apps/v1
# model refers to.
CLASS_NAMES = ["ListParams", "ListOptions", "ReadParams", "DeleteOptions", "AppsV1Api", "AppsV1Client", "Api", "Client"]


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_a_model_refers_to_another_namespaces_type_named_like_its_own_options_class(target: Target, tmp_path: Path) -> None:
    """C# named such a type by a using alias that its namespace's own ListParams class conflicts with (CS0576)."""
    doc = json.loads(DEMO.read_text())
    definitions = doc["definitions"]
    spec_properties = definitions["io.k8s.api.apps.v1.DeploymentSpec"]["properties"]
    for name in CLASS_NAMES:
        definitions[f"com.example.widgets.v1.{name}"] = {"type": "object", "properties": {"limit": {"type": "integer"}}}
        spec_properties[f"uses{name}"] = {"$ref": f"#/definitions/com.example.widgets.v1.{name}"}
    generate_and_build(target, doc, tmp_path, package="example.com/kube" if target.name == "go" else "kube")


def _listing(path: str, operation_id: str, tag: str) -> dict[str, Any]:
    parameters = [{"name": "namespace", "in": "path", "required": True, "type": "string"}] if "{namespace}" in path else []
    response = {"200": {"description": "OK", "schema": {"$ref": "#/definitions/v1.APIResourceList"}}}
    return {path: {"get": {"tags": [tag], "operationId": operation_id, "parameters": parameters, "responses": response}}}


def _repeated_operation_ids() -> dict[str, Any]:
    """The Kubernetes clients' processed document: each group version repeats getAPIResources and the names of its
    kinds' operations; here v1beta1 also repeats one of its own."""
    paths: dict[str, Any] = {}
    for version in ("v1", "v1beta1"):
        base, tag = f"/apis/rbac.authorization.k8s.io/{version}", f"rbacAuthorization_{version}"
        paths |= _listing(f"{base}/", "getAPIResources", tag) | _listing(f"{base}/namespaces/{{namespace}}/roles", "listNamespacedRole", tag)
    paths |= _listing("/apis/rbac.authorization.k8s.io/v1beta1/roles", "listNamespacedRole", "rbacAuthorization_v1beta1")
    definitions = {"v1.APIResourceList": {"type": "object", "required": ["groupVersion"], "properties": {"groupVersion": {"type": "string"}}}}
    return {"swagger": "2.0", "info": {"title": "Kubernetes", "version": "v1.10.0"}, "paths": paths, "definitions": definitions}


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_an_operation_id_repeated_across_groups_keeps_its_plain_name_in_each(target: Target, tmp_path: Path) -> None:
    """Only v1beta1's second listNamespacedRole is numbered: the others clash with nothing in their own API."""
    package = "example.com/kube" if target.name == "go" else "kube"
    out = generate_and_build(target, _repeated_operation_ids(), tmp_path, "--lenient", package=package)
    sources = "\n".join(p.read_text() for p in out.rglob("*") if p.is_file() and p.parent != out and "runtime" not in p.parts)
    assert re.search(r"(?i)resources\d", sources) is None
    assert set(re.findall(r"(?i)namespaced_?role(\d+)", sources)) == {"2"}
