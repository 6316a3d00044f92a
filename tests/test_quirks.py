"""What real cluster documents contain: each generates, with a warning where something was lost or renamed.

The test document is the demo cluster with, added: Go-only regex syntax in a
pattern, no info.version, a CRD field without a type (how /openapi/v2 shows a
nullable one), a kind served in two versions, a Kind in two groups whose
names give the same words (and so the same operationIds), a very long group
name, and an enum of thousands of values.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO, generate, run_kgen, run_python

LONG_GROUP = "reconciliation-controller-for-distributed-volume-snapshots.storage.example.com"
ZONES = [f"zone-{i:04d}" for i in range(3000)]


def _resource(group: str, version: str, kind: str, spec: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
            "spec": spec or {"type": "object", "properties": {"size": {"type": "integer"}}},
        },
        "x-kubernetes-group-version-kind": [{"group": group, "version": version, "kind": kind}],
    }


def _list_path(group: str, version: str, plural: str, kind: str, definition: str) -> dict[str, Any]:
    operation_id = "list" + "".join(w.title() for w in group.replace("-", ".").split(".")) + version.title() + kind + "ForAllNamespaces"
    return {
        "get": {
            "operationId": operation_id,
            "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/" + definition}}},
            "x-kubernetes-action": "list",
            "x-kubernetes-group-version-kind": {"group": group, "version": version, "kind": kind},
        }
    }


@pytest.fixture(scope="module")
def quirky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc = json.loads(DEMO.read_text())
    del doc["info"]["version"]
    widget = doc["definitions"]["com.example.v1.Widget"]
    spec = widget["properties"]["spec"]["properties"]
    spec["name"] = {"type": "string", "pattern": "^[a-z]+(?i)[a-z]*$"}
    spec["owner"] = {"description": "Who owns the widget (nullable in the CRD)."}
    spec["zone"] = {"type": "string", "enum": ZONES}
    definitions = {
        "com.example.v1beta1.Widget": _resource("example.com", "v1beta1", "Widget"),
        "com.example.gateway.v1.Gateway": _resource("gateway.example.com", "v1", "Gateway"),
        "com.gateway-example.v1.Gateway": _resource("gateway-example.com", "v1", "Gateway"),
        f"{'.'.join(reversed(LONG_GROUP.split('.')))}.v1.Snapshot": _resource(LONG_GROUP, "v1", "Snapshot"),
    }
    doc["definitions"].update(definitions)
    for name, definition in definitions.items():
        gvk = definition["x-kubernetes-group-version-kind"][0]
        plural = gvk["kind"].lower() + "s"
        path = f"/apis/{gvk['group']}/{gvk['version']}/{plural}"
        doc["paths"][path] = _list_path(gvk["group"], gvk["version"], plural, gvk["kind"], name)
    path = tmp_path_factory.mktemp("quirks") / "cluster.json"
    path.write_text(json.dumps(doc))
    return path


def test_strict_runs_stop_at_the_quirks_and_name_the_way_on(quirky: Path, tmp_path: Path) -> None:
    result = run_kgen("generate", "--spec", str(quirky), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert "'info.version' is missing" in result.stderr
    assert "#/definitions/com.example.v1.Widget/properties/spec/properties/name/pattern: pattern is not an ECMA 262 regular expression" in result.stderr
    assert "operationId 'listGatewayExampleComV1GatewayForAllNamespaces' is also used by" in result.stderr
    assert result.stderr.count("or pass --lenient to continue with a warning") == 3


@pytest.fixture(scope="module")
def generated(quirky: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("quirks-out")
    result = run_kgen("generate", "--spec", str(quirky), "--out", str(out), "--lenient", "-v")
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


def test_each_quirk_generates_with_a_warning(generated: tuple[Path, str], quirky: Path) -> None:
    out, stderr = generated
    warnings = _warnings(stderr)
    expected = {
        "go regex": f"warning: {quirky}#/definitions/com.example.v1.Widget/properties/spec/properties/name/pattern: pattern is not an ECMA 262 regular expression",
        "info.version": f"warning: {quirky}#/info: 'info.version' is missing",
        "no type": f"warning: {quirky}#/definitions/com.example.v1.Widget/properties/spec/properties/owner: field 'owner' has no type",
        "same operationId": f"warning: {quirky}#/paths/~1apis~1gateway-example.com~1v1~1gateways/get/operationId: operationId 'listGatewayExampleComV1GatewayForAllNamespaces' is also used by",
        "same words": f"warning: {quirky}#/: API groups 'gateway-example.com' and 'gateway.example.com' would share the package path 'gateway_example_com'",
        "long name": f"warning: {quirky}#/: the package name '{LONG_GROUP.replace('-', '_').replace('.', '_')}' (78 characters) is too long",
        "enum": f"warning: {quirky}#/definitions/com.example.v1.Widget/properties/spec/properties/zone: an enum of 3000 values is typed as a plain string",
    }
    for quirk, start in expected.items():
        assert any(w.startswith(start) for w in warnings), f"{quirk}: {start!r} not in\n" + "\n".join(warnings)
    assert len(warnings) == len(expected)  # and nothing else: a kind in two versions loses nothing


def test_what_the_quirks_generate(generated: tuple[Path, str]) -> None:
    out, _ = generated
    kube = out / "kube"
    assert (kube / "gateway_example_com" / "v1").is_dir() and (kube / "gateway_example_com_2" / "v1").is_dir()
    (long,) = [p for p in kube.iterdir() if p.name.startswith("reconciliation_controller")]
    assert len(long.name) <= 64 and (long / "v1" / "models.py").is_file()
    code = (
        "from kube.example_com.v1 import Widget, WidgetSpec\n"
        "from kube.example_com.v1beta1 import Widget as Beta\n"
        "import kube.gateway_example_com.v1 as a, kube.gateway_example_com_2.v1 as b\n"
        f"import kube.{long.name}.v1 as snapshots\n"
        "from kube import decode\n"
        "spec = decode(WidgetSpec, b'{\"size\": 1, \"zone\": \"zone-2999\", \"owner\": {\"team\": \"a\"}, \"name\": \"Ab\"}')\n"
        "print(Widget.API_VERSION, Beta.API_VERSION, a.Gateway.API_VERSION, b.Gateway.API_VERSION,"
        " snapshots.Snapshot.API_VERSION.split('.')[0], spec.zone, spec.owner)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "example.com/v1", "example.com/v1beta1", "gateway-example.com/v1", "gateway.example.com/v1",
        "reconciliation-controller-for-distributed-volume-snapshots", "zone-2999", "{'team':", "'a'}",
    ]  # fmt: skip
    models = (kube / "example_com" / "v1" / "models.py").read_text()
    assert "    zone: str | None = None\n" in models and "zone-0001" not in models


def test_the_apiservers_zero_defaults_outside_enums_generate_in_strict_runs(tmp_path: Path) -> None:
    """Since 1.24 the apiserver's /openapi/v2 has enums, and a required field's zero value as its default
    (Taint.effect: default "", enum [NoExecute, NoSchedule, PreferNoSchedule]), which the enum forbids. The user
    cannot change what the cluster serves: a strict run validates and generates, and says what it read."""
    doc = json.loads(DEMO.read_text())
    spec = doc["definitions"]["com.example.v1.Widget"]["properties"]["spec"]["properties"]
    spec["effect"] = {"type": "string", "default": "", "enum": ["NoExecute", "NoSchedule", "PreferNoSchedule"]}
    spec["other"] = {"type": "string", "default": "Sometimes", "enum": ["NoExecute"]}
    path = tmp_path / "cluster.json"
    path.write_text(json.dumps(doc))
    refused = run_kgen("generate", "--spec", str(path), "--out", str(tmp_path / "refused"))
    assert refused.returncode == 2 and "spec/properties/other/default: validation: 'Sometimes' is not one of ['NoExecute']" in refused.stderr
    del spec["other"]
    path.write_text(json.dumps(doc))
    result = run_kgen("generate", "--spec", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert _warnings(result.stderr) == [
        f"warning: {path}#/definitions/com.example.v1.Widget/properties/spec/properties/effect/default: default '' is not one of the enum's values;"
        " it is read as no default (the Kubernetes apiserver writes a required field's zero value as its default)"
    ]
    assert "1 warning (1 zero default outside its enum)" in result.stdout


def test_path_item_references_generate_in_strict_runs(tmp_path: Path) -> None:
    """go-swagger's fixture for its issue 2137: `/test/a` is `$ref: "#/paths/~1test"`, valid Swagger 2.0. Each path
    gets the operation, under its own template, the same in every run."""
    spec = tmp_path / "issue2137.yaml"
    spec.write_text('swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /test/a:\n    $ref: "#/paths/~1test"\n'
                    "  /test:\n    get:\n      responses: {200: {description: OK}}\n")
    out = generate(spec, tmp_path / "out", "--target", "python")
    code = "from kube.default.api import _GET_TEST, _GET_TEST_A, DefaultApi\nprint(_GET_TEST.path, _GET_TEST_A.path, DefaultApi.get_test_a.__doc__)"
    done = run_python(out, code)
    assert done.stdout.split() == ["/test", "/test/a", "Operation", "getTestA."], done.stderr
    again = generate(spec, tmp_path / "again", "--target", "python")
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*.py")} == {p.relative_to(again): p.read_bytes() for p in again.rglob("*.py")}


def test_extensions_among_the_paths_are_valid_and_a_path_parameter_outside_its_path_is_a_quirk(tmp_path: Path) -> None:
    """`paths` may hold `x-` keys of any value (the validator's walk took them for paths); a path parameter the
    template does not name is an error (each target made it a required argument, never sent), left out under --lenient."""
    doc = json.loads(DEMO.read_text())
    doc["paths"]["x-note"] = "value"
    path = tmp_path / "cluster.json"
    path.write_text(json.dumps(doc))
    result = run_kgen("generate", "--spec", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and _warnings(result.stderr) == [], result.stderr
    (first, item), *_ = [(p, i) for p, i in doc["paths"].items() if not p.startswith("x-")]
    operation = next(op for method, op in item.items() if method in ("get", "put", "post", "delete", "patch"))
    operation.setdefault("parameters", []).append({"name": "stray", "in": "path", "required": True, "type": "string"})
    path.write_text(json.dumps(doc))
    refused = run_kgen("generate", "--spec", str(path), "--out", str(tmp_path / "refused"))
    assert refused.returncode == 2 and f"path parameter 'stray' is not in the path {first!r}" in refused.stderr, refused.stderr
    assert refused.stderr.count("error:") == 1  # not again as the validator's "was not resolved"
    lenient = run_kgen("generate", "--spec", str(path), "--out", str(tmp_path / "lenient"), "--lenient")
    assert lenient.returncode == 0 and "stray" not in "".join(p.read_text() for p in (tmp_path / "lenient").rglob("*.py"))
