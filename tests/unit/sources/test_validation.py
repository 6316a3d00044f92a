"""Validation by units: the same verdict as the whole document, each unit validated once per content."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kgen.cache import Cache
from kgen.diagnostics import pointer
from kgen.sources.validation import (
    ALREADY_REPORTED_TEXT,
    Quiet,
    Unit,
    UnitCheck,
    _drop_what_kgen_reads,
    units,
    validate_document,
)


def document() -> dict[str, Any]:
    """Two APIs and two namespaces of definitions, one path referencing a definition through another."""
    return {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/apis/apps/v1/deployments": {
                "get": {"operationId": "listDeployments", "parameters": [{"name": "limit", "in": "query", "type": "integer"}],
                        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentList"}}}},
            },
            "/api/v1/pods/{name}": {
                "parameters": [{"name": "name", "in": "path", "required": True, "type": "string"}],
                "get": {"operationId": "readPod", "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/io.k8s.api.core.v1.Pod"}}}},
            },
        },
        "definitions": {
            "io.k8s.api.apps.v1.DeploymentList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.apps.v1.Deployment"}}}},
            "io.k8s.api.apps.v1.Deployment": {"type": "object", "properties": {"replicas": {"type": "integer"}}},
            "io.k8s.api.core.v1.Pod": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
    }


def broken(change: str) -> dict[str, Any]:
    doc = document()
    deployments = doc["paths"]["/apis/apps/v1/deployments"]
    pods = doc["paths"]["/api/v1/pods/{name}"]
    if change == "parameter":
        deployments["get"]["parameters"].append({"name": "watch", "in": "cookie", "type": "boolean"})
    elif change == "duplicate parameters":
        deployments["get"]["parameters"].append(copy.deepcopy(deployments["get"]["parameters"][0]))
    elif change == "path-level parameter":
        pods["parameters"][0]["type"] = "strin"
    elif change == "parameters not a list":
        deployments["get"]["parameters"] = {"name": "limit"}
    elif change == "operation":
        deployments["get"]["responses"] = "none"
    elif change == "definition":
        doc["definitions"]["io.k8s.api.core.v1.Pod"]["properties"]["name"]["type"] = 3
    elif change == "frame":
        del doc["info"]["title"]
        doc["paths"]["pods"] = {}
    elif change == "default against its schema":
        deployments["get"]["parameters"][0]["default"] = "ten"
    elif change == "definitions not an object":
        doc["definitions"] = 5
    elif change == "default deep in a definition":  # beside subtrees the walk skips (Quiet)
        doc["definitions"]["io.k8s.api.core.v1.Pod"]["properties"]["spec"] = {"type": "object", "properties": {
            "quiet": {"type": "object", "properties": {"a": {"type": "string"}}},
            "replicas": {"type": "object", "properties": {"count": {"type": "integer", "default": "three"}}},
        }}
    elif change == "allOf without the required property":  # reported at a root only
        pods["get"]["responses"]["200"]["schema"] = {"allOf": [{"$ref": "#/definitions/io.k8s.api.core.v1.Pod"}], "required": ["b"]}
    elif change == "default behind a cycle":  # the path reaches B, B reaches A, A reaches B again and the broken default
        doc["paths"]["/api/v1/pods/{name}"]["get"]["responses"]["200"]["schema"] = {"$ref": "#/definitions/io.k8s.api.core.v1.B"}
        doc["definitions"]["io.k8s.api.core.v1.B"] = {"type": "object", "properties": {"a": {"$ref": "#/definitions/io.k8s.api.core.v1.A"}}}
        doc["definitions"]["io.k8s.api.core.v1.A"] = {"type": "object", "properties": {
            "b": {"$ref": "#/definitions/io.k8s.api.core.v1.B"}, "c": {"type": "integer", "default": "x"}}}
    return doc


def reported(problems: list[Any]) -> list[str]:
    return sorted({json.dumps(p) for p in problems if not ALREADY_REPORTED_TEXT.fullmatch(p[1])})


@pytest.mark.parametrize("change", ["parameter", "duplicate parameters", "path-level parameter", "parameters not a list", "operation",
                                    "definition", "frame", "default against its schema", "definitions not an object",
                                    "default deep in a definition", "allOf without the required property", "default behind a cycle"])
def test_units_report_exactly_what_the_whole_document_reports(change: str, tmp_path: Path) -> None:
    doc = broken(change)
    whole = reported(validate_document(copy.deepcopy(doc)))
    check = UnitCheck(doc, Cache("validation", tmp_path))
    assert whole  # each change is an error the validator finds
    assert reported([p for unit in units(doc) for p in check.problems(unit)]) == whole


def test_definitions_are_grouped_by_namespace_and_paths_by_api() -> None:
    doc = document()
    doc["paths"]["/pet/{petId}"] = {}
    doc["definitions"]["Pet"] = {}
    assert set(units(doc)) == {
        Unit("document"),
        Unit("paths", ("/apis/apps/v1/deployments",)),
        Unit("paths", ("/api/v1/pods/{name}",)),
        Unit("paths", ("/pet/{petId}",)),
        Unit("definitions", ("io.k8s.api.apps.v1.DeploymentList", "io.k8s.api.apps.v1.Deployment")),
        Unit("definitions", ("io.k8s.api.core.v1.Pod",)),
        Unit("definitions", ("Pet",)),
    }


def validated(doc: dict[str, Any], cache: Cache, monkeypatch: pytest.MonkeyPatch) -> list[Unit]:
    """The units of `doc` that were validated rather than answered from the cache."""
    seen: list[Unit] = []
    original = UnitCheck._validate

    def counting(self: UnitCheck, unit: Unit) -> Any:
        seen.append(unit)
        return original(self, unit)

    monkeypatch.setattr(UnitCheck, "_validate", counting)
    check = UnitCheck(doc, cache)
    for unit in units(doc):
        check.problems(unit)
    return seen


def test_a_unit_is_validated_once_per_content_with_what_it_references(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache("validation", tmp_path)
    assert len(validated(document(), cache, monkeypatch)) == len(units(document()))
    assert validated(document(), cache, monkeypatch) == []

    # A cluster with one more API: only it, and the frame that lists its keys, are validated.
    cluster = document()
    cluster["paths"]["/apis/example.com/v1/widgets"] = {"get": {"operationId": "listWidgets", "responses": {"200": {"description": "ok"}}}}
    cluster["definitions"]["com.example.v1.Widget"] = {"type": "object"}
    assert set(validated(cluster, cache, monkeypatch)) == {
        Unit("document"), Unit("paths", ("/apis/example.com/v1/widgets",)), Unit("definitions", ("com.example.v1.Widget",))}

    # A definition that changes is validated again, and so is every API whose paths reach it, through other definitions too.
    changed = document()
    changed["definitions"]["io.k8s.api.apps.v1.Deployment"]["properties"]["paused"] = {"type": "boolean"}
    assert set(validated(changed, cache, monkeypatch)) == {
        Unit("paths", ("/apis/apps/v1/deployments",)), Unit("definitions", ("io.k8s.api.apps.v1.DeploymentList", "io.k8s.api.apps.v1.Deployment"))}


def test_keys_hold_yaml_values_json_cannot(tmp_path: Path) -> None:
    """YAML gives dates and non-string keys; a unit's key is still made, and stable."""
    import datetime

    doc = document()
    doc["definitions"]["io.k8s.api.core.v1.Pod"]["x-since"] = {datetime.date(2024, 1, 1): "released"}
    unit = Unit("definitions", ("io.k8s.api.core.v1.Pod",))
    assert UnitCheck(doc, Cache("validation", tmp_path))._key(unit) == UnitCheck(copy.deepcopy(doc), Cache("validation", tmp_path))._key(unit)


def test_the_walk_skips_only_schemas_where_it_finds_nothing() -> None:
    doc = broken("default deep in a definition")
    pod = doc["definitions"]["io.k8s.api.core.v1.Pod"]
    spec = pod["properties"]["spec"]
    quiet = Quiet(doc)
    assert all(map(quiet, [spec["properties"]["quiet"], spec["properties"]["quiet"]["properties"]["a"], pod["properties"]["name"]]))
    assert not any(map(quiet, [pod, spec, spec["properties"]["replicas"], spec["properties"]["replicas"]["properties"]["count"]]))
    assert not quiet({"$ref": "#/definitions/io.k8s.api.core.v1.Pod"})  # the walk reads its target, judged on its own
    cycle_doc = broken("default behind a cycle")
    cycle = cycle_doc["definitions"]
    assert not any(map(Quiet(cycle_doc), [cycle["io.k8s.api.core.v1.A"], cycle["io.k8s.api.core.v1.B"]]))


@pytest.mark.parametrize("first", ["A", "B", "C"])
def test_a_schema_on_or_reaching_a_cycle_is_never_quiet_whichever_the_walk_meets_first(first: str) -> None:
    ref = lambda name: {"$ref": f"#/definitions/{name}"}  # noqa: E731
    definitions = {
        "A": {"type": "object", "properties": {"b": ref("B")}},
        "B": {"type": "object", "properties": {"a": ref("A"), "s": {"type": "string"}}},
        "C": {"type": "object", "properties": {"a": ref("A")}},
        "D": {"type": "object", "properties": {"s": {"type": "string"}}},
    }
    quiet = Quiet({"definitions": definitions})
    assert not quiet(definitions[first])
    assert [quiet(definitions[name]) for name in "ABCD"] == [False, False, False, True]
    assert quiet(definitions["B"]["properties"]["s"])


def _problems(doc: dict[str, Any], tmp_path: Path) -> list[tuple[str, str]]:
    check = UnitCheck(doc, Cache("validation", tmp_path))
    return sorted({(pointer(*path), message) for unit in units(doc) for path, message in check.problems(unit)})


def test_problems_the_walk_finds_are_located_where_the_user_fixes_them(tmp_path: Path) -> None:
    """A default deep in a referenced definition, a parameter's default, a definition reached through a response's
    reference (once, at the definition), and an unknown key of a header (not the Reference alternative's complaint)."""
    doc = broken("default deep in a definition")
    deployments = doc["paths"]["/apis/apps/v1/deployments"]["get"]
    deployments["parameters"][0]["default"] = "ten"
    doc["definitions"]["io.k8s.api.apps.v1.Deployment"]["properties"]["replicas"]["enum"] = [1, 1]
    deployments["responses"]["200"]["headers"] = {"X-Id": {"type": "string", "required": True}}
    assert _problems(doc, tmp_path) == [
        ("/definitions/io.k8s.api.apps.v1.Deployment/properties/replicas/enum", "[1, 1] has non-unique elements"),
        ("/definitions/io.k8s.api.core.v1.Pod/properties/spec/properties/replicas/properties/count/default", "'three' is not of type 'integer'"),
        ("/paths/~1apis~1apps~1v1~1deployments/get/parameters/0/default", "'ten' is not of type 'integer'"),
        ("/paths/~1apis~1apps~1v1~1deployments/get/responses/200/headers/X-Id/required", "unexpected 'required': Swagger 2.0 allows only its own keys and x- extensions here"),
    ]


def test_path_item_references_are_validated_where_their_items_are_written(tmp_path: Path) -> None:
    """kgen reads a path item's `$ref` itself: the validator would walk only what it names (not the keys beside it),
    and could not follow it into another API's unit. Each item is validated where it is written, a path or not."""
    doc = document()
    pods = doc["paths"]["/api/v1/pods/{name}"]
    pods["get"]["parameters"] = [{"name": "limit", "in": "query", "type": "integer", "default": "ten"}]
    doc["paths"]["/apis/apps/v1/pods/{name}"] = {"$ref": "#/paths/~1api~1v1~1pods~1%7Bname%7D"}  # another API's unit
    doc["paths"]["/apis/apps/v1/pets"] = {
        "$ref": "#/x-shared/items/pets",
        "post": {"parameters": [{"name": "n", "in": "query", "type": "integer", "default": "two"}], "responses": {"200": {"description": "ok"}}},
    }
    doc["x-shared"] = {"items": {"pets": {"$ref": "#/x-shared/items/base", "get": {"responses": {"200": {"description": "ok"}}}},
                                 "base": {"put": {"responses": {"200": {"description": "ok"}, "201": {"schema": {}}}}}}}
    _drop_what_kgen_reads(doc)
    assert Unit("path items", ("/x-shared/items/base", "/x-shared/items/pets")) in units(doc)
    assert _problems(doc, tmp_path) == [
        ("/paths/~1apis~1apps~1v1~1pets/post/parameters/0/default", "'two' is not of type 'integer'"),
        ("/paths/~1api~1v1~1pods~1{name}/get/parameters/0/default", "'ten' is not of type 'integer'"),
        ("/x-shared/items/base/put/responses/201", "'description' is a required property"),
    ]
    doc["x-shared"]["items"]["base"]["put"]["responses"]["201"]["description"] = "created"  # validated again, not cached
    assert [where for where, _ in _problems(doc, tmp_path)] == [
        "/paths/~1apis~1apps~1v1~1pets/post/parameters/0/default", "/paths/~1api~1v1~1pods~1{name}/get/parameters/0/default"]


@pytest.mark.parametrize(
    ("where", "value", "key", "message"),
    [  # each object is told apart from the other branches by `in` or `type`: the message is about its own branch
        ("parameter", {"name": "q", "in": "query", "type": "string", "example": "x"}, "/example", "unexpected 'example'"),
        ("parameter", {"name": "n", "in": "path", "type": "string"}, "", "'required' is a required property"),
        ("schema", {"type": "string", "name": "x"}, "/name", "unexpected 'name'"),
    ],
)
def test_the_message_comes_from_the_branch_the_object_is_meant_for(tmp_path: Path, where: str, value: dict[str, Any], key: str, message: str) -> None:
    doc = document()
    operation = doc["paths"]["/apis/apps/v1/deployments"]["get"]
    if where == "parameter":
        operation["parameters"] = [value]
        at = "/paths/~1apis~1apps~1v1~1deployments/get/parameters/0"
    else:
        operation["responses"]["200"]["schema"] = value
        at = "/paths/~1apis~1apps~1v1~1deployments/get/responses/200/schema"
    problems = [(p, m) for p, m in _problems(doc, tmp_path) if not ALREADY_REPORTED_TEXT.fullmatch(m)]
    assert [p for p, _ in problems] == [at + key], problems
    assert problems[0][1].startswith(message) and "is not one of" not in problems[0][1], problems


def _definition_problems(tmp_path: Path, definition: dict[str, Any]) -> list[tuple[str, str]]:
    doc = document()
    doc["definitions"]["io.k8s.api.core.v1.Pod"] = definition
    return _problems(doc, tmp_path)


@pytest.mark.parametrize(
    ("definition", "expected"),
    [  # the schema branch of additionalProperties (not "is not of type 'boolean'"), of items (not "'array'"): the key at fault
        ({"type": "object", "additionalProperties": {"type": "object", "patternProperties": {"^z-": {"type": "integer"}}}},
         ("/definitions/io.k8s.api.core.v1.Pod/additionalProperties/patternProperties",
          "unexpected 'patternProperties': Swagger 2.0 allows only its own keys and x- extensions here")),
        ({"type": "array", "items": {"type": "file"}},
         ("/definitions/io.k8s.api.core.v1.Pod/items/type", "'file' is not one of ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']")),
    ],
)
def test_the_message_comes_from_the_branch_of_the_values_json_type(tmp_path: Path, definition: dict[str, Any], expected: tuple[str, str]) -> None:
    assert _definition_problems(tmp_path, definition) == [expected]


def test_each_unexpected_key_is_reported_at_its_own_pointer(tmp_path: Path) -> None:
    at = "/definitions/io.k8s.api.core.v1.Pod"
    assert [p for p, _ in _definition_problems(tmp_path, {"type": "object", "Pattern": "x", "additionalItems": False, "x-ok": 1})] == [
        f"{at}/Pattern", f"{at}/additionalItems"]


def test_a_long_value_is_cut_in_the_message(tmp_path: Path) -> None:
    """A value of no branch's JSON type falls back to jsonschema's message, which repeats the value: not whole."""
    problems = _definition_problems(tmp_path, {"type": "object", "additionalProperties": list(range(100))})
    assert problems and {where for where, _ in problems} == {"/definitions/io.k8s.api.core.v1.Pod/additionalProperties"}, problems
    assert all(message.startswith("[0, 1, 2, 3") and "99" not in message and len(message) < 120 for _, message in problems), problems
