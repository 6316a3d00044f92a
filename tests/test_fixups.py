"""The named upstream fixups (kgen.fixups): each on a tiny document, and on every real document it claims.

On the shared real documents a fixup that claims a document must change
something there: if upstream fixed the bug, these tests fail and the fixup
is revisited. A user's run only warns in that case (see kgen.fixups).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REAL_SPECS, generate, real_spec, run_kgen

from kgen.app.pipeline import Request, build
from kgen.fixups import delete_status, exec_command, fields_v1, json_schema_props, portforward_ports, quantity, registry
from kgen.ir.model import ArrayOf, ModelRef, Primitive, Special, UnionOf

META = "io.k8s.apimachinery.pkg.apis.meta.v1."
PROBE = Path(__file__).with_name("python_probe.py")
PODS = "/api/v1/namespaces/{namespace}/pods/{name}"
# Which real documents each fixup claims (the test below fails if one stops claiming or stops firing).
CLAIMS = {
    "quantity-accepts-numbers": set(REAL_SPECS),
    "delete-returns-object-or-status": {"k8s-1.36", "k8s-1.30", "cluster-1.36-small-crds"},
    "exec-command-is-a-list": {"k8s-1.36", "k8s-1.30", "cluster-1.36-small-crds"},
    "portforward-ports-is-a-list": {"k8s-1.36", "k8s-1.30", "cluster-1.36-small-crds"},
    "json-schema-props-unions": {"k8s-1.36", "k8s-1.30", "cluster-1.36-small-crds"},
    "fields-v1-kept-verbatim": set(REAL_SPECS),
}


def build_api(tmp_path: Path, definitions: dict[str, Any], paths: dict[str, Any] | None = None):
    doc = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths or {}, "definitions": definitions}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(doc), "utf-8")
    return build(Request(spec=str(spec), out=tmp_path / "out", format=False, validate=False))


def ref(name: str) -> dict[str, str]:
    return {"$ref": "#/definitions/" + name}


NAMED = [{"name": name, "in": "path", "type": "string", "required": True} for name in ("namespace", "name")]


def connect(path: str, name: str, param: dict[str, Any]) -> dict[str, Any]:
    op = {"operationId": name, "x-kubernetes-action": "connect", "responses": {"200": {"description": "OK", "schema": {"type": "string"}}}}
    return {path: {"parameters": [*NAMED, param], "get": op, "post": {**op, "operationId": name + "Post"}}}


def generated(tmp_path: Path, definitions: dict[str, Any], paths: dict[str, Any] | None = None) -> tuple[Path, dict[str, Any]]:
    """Generate with the CLI; return the output and what its code says (tests/python_probe.py)."""
    spec = tmp_path / "generated.json"
    spec.write_text(json.dumps({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths or {}, "definitions": definitions}))
    out = generate(spec, tmp_path / "generated")
    probe = subprocess.run([sys.executable, str(PROBE), str(out), "kube"], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    return out, json.loads(probe.stdout)["ok"]["modules"]


def op_facts(modules: dict[str, Any], path: str) -> list[dict[str, Any]]:
    return [op for module in modules.values() for op in module["ops"].values() if op["path"] == path]


def decodes(out: Path, script: str) -> None:
    result = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr


def warnings_about(warnings: list, name: str) -> list:
    return [w for w in warnings if f"fixup {name!r} found nothing to correct" in w.message]


# -- each fixup on a tiny document --------------------------------------------------------
DECODE_QUANTITIES = """
import json, sys
sys.path.insert(0, sys.argv[1])
from kube._runtime.model import decode, encode
from kube.core.v1 import Limits
for value in ({"cpu": 1}, {"cpu": 0.5}, {"cpu": "500m"}, {"cpu": 1e3}):
    assert json.loads(encode(decode(Limits, json.dumps(value)))) == value, value
print("ok")
"""


def test_quantity_accepts_numbers(tmp_path: Path) -> None:
    definitions = {quantity.QUANTITY: {"type": "string"}, "io.k8s.api.core.v1.Limits": {"type": "object", "properties": {"cpu": ref(quantity.QUANTITY)}}}
    api, _, warnings = build_api(tmp_path, definitions)
    assert api.models[quantity.QUANTITY].alias == Special("quantity")
    assert api.fixups[quantity.FIXUP.name] == 1 and not warnings
    out, _ = generated(tmp_path, definitions)
    decodes(out, DECODE_QUANTITIES)


def test_delete_returns_the_object_or_a_status(tmp_path: Path) -> None:
    pod, status = "io.k8s.api.core.v1.Pod", META + "Status"
    definitions = {pod: {"type": "object", "properties": {"kind": {"type": "string"}}}, status: {"type": "object", "properties": {"status": {"type": "string"}}}}
    delete = {"operationId": "deletePod", "x-kubernetes-action": "delete", "parameters": NAMED, "responses": {"200": {"description": "OK", "schema": ref(pod)}}}
    collection = {"operationId": "deletePods", "x-kubernetes-action": "deletecollection", "responses": {"200": {"description": "OK", "schema": ref(status)}}}
    api, _, _ = build_api(tmp_path, definitions, {PODS: {"delete": delete}, "/api/v1/pods": {"delete": collection}})
    ops = {op.id: op for op in api.operations}
    assert ops["deletePod"].returns.type == UnionOf((ModelRef(pod), ModelRef(status)))
    assert ops["deletePods"].returns.type == ModelRef(status)  # already a Status: nothing to add
    assert api.fixups[delete_status.FIXUP.name] == 1
    _, modules = generated(tmp_path, definitions, {PODS: {"delete": delete}, "/api/v1/pods": {"delete": collection}})
    assert [op["or_status"] for op in op_facts(modules, PODS)] == ["Status"]
    assert [op["or_status"] for op in op_facts(modules, "/api/v1/pods")] == [None]


SCHEMALESS_CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.org}
spec:
  group: example.org
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
"""


def test_a_custom_resource_without_a_schema_is_not_claimed_by_the_delete_fixup(tmp_path: Path) -> None:
    """Katib's CRDs: Widget is a free-form object with no type to offer beside Status, so the fixup has nothing to do
    there, and its self-check must not tell the user that upstream fixed something."""
    manifest = tmp_path / "widget.yaml"
    manifest.write_text(SCHEMALESS_CRD)
    result = run_kgen("generate", "--crd", str(manifest), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "found nothing to correct" not in result.stderr, result.stderr


def test_exec_command_is_a_list(tmp_path: Path) -> None:
    command = {"name": "command", "in": "query", "type": "string"}
    paths = connect(PODS + "/exec", "connectExec", command) | connect(PODS + "/attach", "connectAttach", {**command, "name": "container"})
    api, _, _ = build_api(tmp_path, {}, paths)
    params = {(op.id, p.wire_name): p for op in api.operations for p in op.params}
    for op_id in ("connectExec", "connectExecPost"):
        assert params[(op_id, "command")].type == ArrayOf(Primitive("string"))
        assert params[(op_id, "command")].collection_format == "multi"
    assert params[("connectAttach", "container")].type == Primitive("string")  # attach takes no command upstream
    assert api.fixups[exec_command.FIXUP.name] == 2
    _, modules = generated(tmp_path, {}, paths)
    assert [op["formats"] for op in op_facts(modules, PODS + "/exec")] == [{"command": "multi"}] * 2


def test_portforward_ports_is_a_list(tmp_path: Path) -> None:
    paths = connect(PODS + "/portforward", "connectPortForward", {"name": "ports", "in": "query", "type": "integer"})
    api, _, _ = build_api(tmp_path, {}, paths)
    for op in api.operations:
        assert op.params[-1].type == ArrayOf(Primitive("integer")) and op.params[-1].collection_format == "multi"
    assert api.fixups[portforward_ports.FIXUP.name] == 2
    _, modules = generated(tmp_path, {}, paths)
    assert [op["formats"] for op in op_facts(modules, PODS + "/portforward")] == [{"ports": "multi"}] * 2


JSP = json_schema_props.PREFIX + "JSONSchemaProps"
UNION_DEFINITIONS = {
    JSP: {
        "type": "object",
        "properties": {
            "items": ref(JSP + "OrArray"),
            "additionalProperties": ref(JSP + "OrBool"),
            "dependencies": {"type": "object", "additionalProperties": ref(JSP + "OrStringArray")},
            "type": {"type": "string"},
        },
    },
    JSP + "OrArray": {"description": "a schema or an array of schemas"},
    JSP + "OrBool": {"description": "a schema or a boolean"},
    JSP + "OrStringArray": {"description": "a schema or a list of strings"},
}
DECODE_UNIONS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from kube._runtime.model import decode, encode
from kube.apiextensions.v1 import JSONSchemaProps
for value in (
    {"items": {"type": "string"}}, {"items": [{"type": "string"}, {}]},
    {"additionalProperties": False}, {"additionalProperties": {"type": "integer"}},
    {"dependencies": {"a": ["b", "c"], "d": {"type": "object"}}},
):
    assert json.loads(encode(decode(JSONSchemaProps, json.dumps(value)))) == value, value
print("ok")
"""


def test_json_schema_props_unions(tmp_path: Path) -> None:
    api, _, _ = build_api(tmp_path, UNION_DEFINITIONS)
    props = ModelRef(JSP)
    assert api.models[JSP + "OrArray"].alias == UnionOf((props, ArrayOf(props)))
    assert api.models[JSP + "OrBool"].alias == UnionOf((props, Primitive("boolean")))
    assert api.models[JSP + "OrStringArray"].alias == UnionOf((props, ArrayOf(Primitive("string"))))
    assert api.fixups[json_schema_props.FIXUP.name] == 3
    out, _ = generated(tmp_path, UNION_DEFINITIONS)
    decodes(out, DECODE_UNIONS)


def test_fields_v1_kept_verbatim(tmp_path: Path) -> None:
    api, _, _ = build_api(tmp_path, {fields_v1.FIELDS_V1: {"type": "object"}})
    assert api.models[fields_v1.FIELDS_V1].alias == Special("raw")
    assert api.fixups[fields_v1.FIXUP.name] == 1


def test_a_fixup_with_nothing_to_correct_warns(tmp_path: Path) -> None:
    """Upstream fixed it (here: exec's command already a list): the run goes on, and says so."""
    command = {"name": "command", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
    api, _, warnings = build_api(tmp_path, {}, connect(PODS + "/exec", "connectExec", command))
    assert api.fixups[exec_command.FIXUP.name] == 0
    (warning,) = warnings_about(warnings, exec_command.FIXUP.name)
    assert exec_command.FIXUP.reference in warning.message and "report it to kgen" in warning.hint


# -- each fixup on the real documents it claims --------------------------------------------
@pytest.mark.parametrize("name", REAL_SPECS)
def test_every_claimed_real_document_is_corrected(name: str, tmp_path: Path) -> None:
    api, _, warnings = build(Request(spec=str(real_spec(name)), out=tmp_path, lenient=True, format=False, validate=False))
    claimed = {fixup.name for fixup in registry() if fixup.name in api.fixups}
    assert claimed == {fixup for fixup, documents in CLAIMS.items() if name in documents}
    for fixup in claimed:
        assert api.fixups[fixup] > 0, f"{fixup} found nothing to correct in {name}: upstream changed, revisit the fixup"
        assert not warnings_about(warnings, fixup)


def test_every_fixup_is_tested_on_a_real_document() -> None:
    assert set(CLAIMS) == {fixup.name for fixup in registry()} and all(CLAIMS.values())


def test_attach_takes_no_command_upstream() -> None:
    """Why exec-command-is-a-list leaves attach alone: upstream publishes no `command` for attach at all."""
    doc = json.loads(real_spec("k8s-1.36").read_text("utf-8"))

    def names(params: list[dict[str, Any]]) -> set[str]:
        return {(doc["parameters"][p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p)["name"] for p in params}

    for verb, claimed in (("attach", False), ("exec", True)):
        item = doc["paths"][PODS + "/" + verb]
        found = names(item.get("parameters", [])).union(*(names(item[m].get("parameters", [])) for m in ("get", "post")))
        assert ("command" in found) is claimed
