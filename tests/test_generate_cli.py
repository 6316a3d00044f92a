"""kgen generate on bad input: exit 2, every problem located, no traceback, previous output untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import DEMO, generate, run_kgen

MINIMAL = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": {"A": {"type": "object", "properties": {"b": {"type": "string"}}}}}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("broken.json", b'{"swagger": "2.0",\n "info": }', "broken.json:2:"),
        ("list.yaml", b"- a\n- b\n", "list.yaml#/"),
        ("v3.json", json.dumps({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}).encode(), "#/swagger"),
        ("dangling.json", json.dumps({**MINIMAL, "definitions": {"A": {"type": "object", "properties": {"b": {"$ref": "#/definitions/Nope"}}}}}).encode(), "#/definitions/A/properties/b/$ref"),
        ("types.json", json.dumps({**MINIMAL, "paths": {"/x": {"get": {"operationId": "x", "parameters": {"a": 1}, "responses": {}}}}}).encode(), "#/paths/~1x/get/parameters"),
        ("badtype.json", json.dumps({**MINIMAL, "definitions": {"A": {"type": "object", "properties": {"b": {"type": 7}}}}}).encode(), "#/definitions/A/properties/b/type"),
    ],
)
def test_invalid_documents(tmp_path: Path, name: str, content: bytes, where: str) -> None:
    spec = tmp_path / name
    spec.write_bytes(content)
    out = generate(DEMO, tmp_path / "out")
    before = _tree(out)
    result = run_kgen("generate", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 2
    assert where in result.stderr and "error:" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(out) == before


def test_validator_findings_are_reported(tmp_path: Path) -> None:
    spec = tmp_path / "s.json"
    spec.write_text(json.dumps({**MINIMAL, "paths": {"/x": {"get": {"operationId": "x", "responses": {"200": {"schema": {"type": "string"}}}}}}}))
    result = run_kgen("generate", "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "validation:" in result.stderr and "'description' is a required property" in result.stderr
    assert not (tmp_path / "out").exists()


def test_lenient_turns_quirks_into_warnings(tmp_path: Path) -> None:
    spec = tmp_path / "q.json"
    doc = json.loads(json.dumps(MINIMAL))
    del doc["info"]["version"]
    doc["definitions"]["A"]["properties"]["b"]["pattern"] = "^a(?i)b$"
    spec.write_text(json.dumps(doc))
    strict = run_kgen("generate", "--spec", str(spec), "--out", str(tmp_path / "strict"))
    assert strict.returncode == 2 and strict.stderr.count("error:") == 2
    lenient = run_kgen("generate", "--spec", str(spec), "--out", str(tmp_path / "lenient"), "--lenient")
    assert lenient.returncode == 0 and lenient.stderr.count("warning:") == 2
    assert (tmp_path / "lenient" / "kube" / "models.py").is_file()


def test_stdin(tmp_path: Path) -> None:
    result = run_kgen("generate", "--spec", "-", "--out", str(tmp_path / "out"), input=DEMO.read_bytes())
    assert result.returncode == 0, result.stderr
    assert _tree(tmp_path / "out") == _tree(generate(DEMO, tmp_path / "from-file"))


def test_regeneration_removes_stale_files_and_keeps_user_files(tmp_path: Path) -> None:
    out = generate(DEMO, tmp_path / "out")
    (out / "kube" / "core" / "v1" / "mine.py").write_text("# mine\n")
    (out / "NOTES.md").write_text("notes\n")
    small = tmp_path / "small.json"
    doc = json.loads(DEMO.read_text())
    doc["paths"] = {p: v for p, v in doc["paths"].items() if "/apps/" not in p}
    doc["definitions"] = {k: v for k, v in doc["definitions"].items() if ".apps." not in k}
    small.write_text(json.dumps(doc))
    generate(small, out)
    assert not (out / "kube" / "apps").exists()
    assert (out / "kube" / "core" / "v1" / "mine.py").read_text() == "# mine\n" and (out / "NOTES.md").is_file()
    lock = json.loads((out / "kgen.lock").read_text())
    assert "kube/core/v1/mine.py" not in lock["files"] and "kube/core/v1/models.py" in lock["files"]


def test_a_file_kgen_did_not_write_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "kube").mkdir(parents=True)
    (out / "kube" / "__init__.py").write_text("# a user's package\n")
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out))
    assert result.returncode == 2 and "was not written by kgen" in result.stderr
    assert (out / "kube" / "__init__.py").read_text() == "# a user's package\n"


ANCHORED = """\
swagger: "2.0"
info: {title: anchors, version: "1"}
paths:
  /pets/{id}:
    parameters: [&id {name: id, in: path, required: true, type: string}]
    get:
      operationId: getPet
      responses: {"200": {description: ok, schema: {$ref: "#/definitions/Pet"}}, default: &err {description: error}}
    delete:
      operationId: deletePet
      parameters: [*id]
      responses: {"204": {description: gone}, default: *err}
definitions:
  Pet: {type: object, properties: {name: &name {type: string, description: its name}, owner: *name}}
"""


def test_a_hand_written_yaml_document_sharing_parts_through_anchors_generates_as_if_written_out(tmp_path: Path) -> None:
    anchored = tmp_path / "anchored.yaml"
    anchored.write_text(ANCHORED)
    written_out = tmp_path / "written-out.json"
    written_out.write_text(json.dumps(yaml.safe_load(ANCHORED)))
    from_yaml, from_json = (_without_headers(_tree(generate(spec, tmp_path / spec.stem))) for spec in (anchored, written_out))
    assert from_yaml == from_json
    assert any(b"owner" in content and b"its name" in content for content in from_yaml.values())


def _without_headers(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The files but kgen.lock, each without its first line (the header names the document's sha256)."""
    return {path: content.split(b"\n", 1)[-1] for path, content in tree.items() if path != "kgen.lock"}
