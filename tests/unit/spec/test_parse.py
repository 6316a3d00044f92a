"""The typed Swagger 2.0 model: structure errors with pointers, quirks under --lenient."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kgen.diagnostics import Level, Sink
from kgen.sources.loading import Document, Limits
from kgen.spec.model import MISSING, Spec
from kgen.spec.parse import parse_spec

BASE: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/things/{name}": {
            "parameters": [{"name": "name", "in": "path", "required": True, "type": "string"}],
            "get": {"operationId": "readThing", "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Thing"}}}},
        }
    },
    "definitions": {"Thing": {"type": "object", "properties": {"id": {"type": "string", "pattern": "^[a-z]+$"}}}},
}


def _parse(doc: Any, lenient: bool = False) -> Sink:
    sink = Sink("t.json", lenient=lenient)
    parse_spec(Document("t.json", doc, "0" * 64), sink)
    return sink


def _with(path: list[Any], value: Any) -> dict[str, Any]:
    """BASE with `value` at `path` (MISSING: without the key)."""
    doc = copy.deepcopy(BASE)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    if value is MISSING:
        del node[path[-1]]
    return doc


def test_valid_document_has_no_problems() -> None:
    assert _parse(BASE).items == []


@pytest.mark.parametrize(("root", "found"), [(["a"], "found a list"), (None, "found nothing: it is empty or null")])  # None: an empty file
def test_not_a_mapping(root: Any, found: str) -> None:
    (d,) = _parse(root).errors
    assert d.pointer == "" and d.message == f"the document must be a mapping, {found}" and "kubectl get --raw /openapi/v2" in d.hint


def test_openapi3_is_recognised_with_a_hint() -> None:
    (d,) = _parse({"openapi": "3.0.0"}).errors
    assert d.pointer == "/swagger" and "/openapi/v2" in d.hint


@pytest.mark.parametrize("info", [None, MISSING])
def test_no_info_is_one_error(info: Any) -> None:
    (d,) = _parse(_with(["info"], info)).errors
    assert (d.pointer, d.message) == ("/info", "'info' is null" if info is None else "'info' is missing") and "title" in d.hint


@pytest.mark.parametrize(
    ("root", "message", "hint"),
    [
        ({"info": {}}, "not a Swagger 2.0 document: it has no 'swagger' key", 'add swagger: "2.0" if the document is one'),
        ({"swaggerVersion": "1.2", "apis": []}, "not a Swagger 2.0 document: it has no 'swagger' key", "this looks like Swagger 1.2 (swaggerVersion)"),
        ({"swagger": "3.0"}, 'not a Swagger 2.0 document: swagger is "3.0", not "2.0"', "kgen reads Swagger 2.0"),
    ],
)
def test_a_document_of_another_format_says_what_it_looks_like(root: dict[str, Any], message: str, hint: str) -> None:
    (d,) = _parse(root).errors
    assert (d.pointer, d.message) == ("/swagger", message) and hint in d.hint and "None" not in d.message


@pytest.mark.parametrize(
    ("path", "value", "pointer", "words"),
    [
        (["definitions", "Thing", "properties", "id", "type"], "strin", "/definitions/Thing/properties/id/type", "unknown schema type"),
        (["definitions", "Thing", "properties"], [], "/definitions/Thing/properties", "must be a mapping"),
        (["paths", "/things/{name}", "get", "parameters"], {"a": 1}, "/paths/~1things~1{name}/get/parameters", "must be a list"),
        (["definitions", "Thing", "properties", "id", "$ref"], "other.json#/X", "/definitions/Thing/properties/id/$ref", "references another document"),
        (["paths", "/things/{name}", "parameters"], [], "/paths/~1things~1{name}/get", "path parameter 'name'"),
        (["paths", "/things/{name}", "get", "parameters"], [{"$ref": "#/parameters/missing"}], "/paths/~1things~1{name}/get/parameters/0/$ref", "missing parameter"),
        (["definitions", "Thing", "properties", "id", "$ref"], "#/x-schemas/Id", "/definitions/Thing/properties/id/$ref", "points at nothing in this document: the document has no 'x-schemas'"),
    ],
)
def test_structural_errors_name_their_location(path: list[Any], value: Any, pointer: str, words: str) -> None:
    errors = _parse(_with(path, value)).errors
    assert any(d.pointer == pointer and words in d.message for d in errors), [e.render() for e in errors]


def test_a_shared_path_parameter_not_in_the_path_is_reported_where_each_operation_uses_it() -> None:
    doc = copy.deepcopy(BASE)
    doc["parameters"] = {"stray": {"name": "stray", "in": "path", "required": True, "type": "string"}}
    stray = [{"$ref": "#/parameters/stray"}]
    doc["paths"]["/things/{name}"]["get"]["parameters"] = stray
    doc["paths"]["/others"] = {m: {"operationId": f"{m}Other", "parameters": stray, "responses": {}} for m in ("get", "put")}
    errors = _parse(doc).errors
    assert [(d.pointer, d.message) for d in errors] == [
        (f"/paths/{where}", f"path parameter 'stray' (#/parameters/stray) is not in the path {path!r}; it is left out")
        for where, path in (("~1things~1{name}/get", "/things/{name}"), ("~1others/get", "/others"), ("~1others/put", "/others"))
    ]


def test_a_discriminator_is_a_warning_that_subtypes_decode_as_the_base() -> None:
    doc = _with(["definitions", "Thing", "discriminator"], "kind")
    sink = _parse(doc)
    assert sink.errors == []
    (d,) = sink.warnings
    assert d.pointer == "/definitions/Thing/discriminator" and d.kind == "discriminator" and "decodes as this one" in d.message


def test_operations_under_x_ms_paths_are_said_to_be_left_out() -> None:
    doc = _with(["x-ms-paths"], {"/things?next={n}": {"get": {"responses": {}}, "post": {"responses": {}}, "x-note": 1}})
    sink = _parse(doc)
    (d,) = sink.warnings
    assert (d.pointer, d.kind) == ("/x-ms-paths", "x-ms-paths") and d.message.startswith("2 operations under x-ms-paths")


def test_duplicate_operation_ids() -> None:
    doc = _with(["paths", "/other"], {"get": {"operationId": "readThing", "responses": {}}})
    (d,) = _parse(doc).errors
    assert "also used" in d.message and d.pointer == "/paths/~1other/get/operationId"


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (["definitions", "Thing", "properties", "id", "pattern"], "^a(?i)b$", "not an ECMA 262 regular expression"),
        (["info"], {"title": "t"}, "'info.version' is missing"),
        (["paths"], None, "'paths' is null"),
        (["paths"], MISSING, "'paths' is missing"),
        (["paths", "/things/{name}", "get", "parameters"], [{"name": "other", "in": "path", "required": True, "type": "string"}],
         "path parameter 'other' is not in the path '/things/{name}'; it is left out"),
        (["definitions", "Thing", "properties", "id", "type"], ["string", "null"], "type is a list"),
        (["definitions", "Thing", "properties", "id", "type"], "null", "type 'null' is JSON Schema, not Swagger 2.0"),
        (["info", "version"], 1.0, 'info.version is the number 1.0, not a string; it is read as "1.0"'),
        (["paths", "/things/{name}", "get", "responses", "200", "schema", "$ref"], "Thing", "bare-name reference 'Thing'"),
        (["paths", "/things/{name}", "get", "responses", "200", "schema", "$ref"], "https://k8s.io/swagger.json#/definitions/Thing", "another document"),
        (["paths", "/things/{name}", "parameters"], [], "'name' of '/things/{name}' is not declared"),
        (["swagger"], 2.0, 'swagger is the number 2.0, not the string "2.0"'),
        (["info"], MISSING, "'info' is missing"),
        (["info"], None, "'info' is null"),
        (["info", "title"], MISSING, "'info.title' is missing"),
        (["info", "version"], MISSING, "'info.version' is missing"),
        (["paths", "/things/{name}", "get", "responses", "200"], {"$ref": "#/definitions/Thing"}, "a response references the definition"),
    ],
)
def test_quirks_are_errors_unless_lenient(path: list[Any], value: Any, words: str) -> None:
    doc = _with(path, value)
    (strict,) = _parse(doc).errors
    assert words in strict.message and "--lenient" in strict.hint
    lenient = _parse(doc, lenient=True)
    assert lenient.errors == [] and [w.level for w in lenient.warnings] == [Level.WARNING]


SCHEMA_REF = ["paths", "/things/{name}", "get", "responses", "200", "schema", "$ref"]
PARAMETER = ["paths", "/things/{name}", "get", "parameters"]


@pytest.mark.parametrize(
    ("path", "value", "message", "lenient_helps"),
    [  # --lenient is offered where it reads something: any definition, a parameter it has, or a schema as any value
        (SCHEMA_REF, "common.yaml#/definitions/Thing", "references another document ('common.yaml', at '#/definitions/Thing'); "
         "kgen reads one document: 'Thing' is looked up in this one", True),
        (SCHEMA_REF, "schemas/definitions/pet.yaml", "references another document ('schemas/definitions/pet.yaml'); kgen reads one document: "
         "the value is typed as any JSON value", True),
        (SCHEMA_REF, "common.json", "references another document ('common.json'); kgen reads one document: the value is typed as any JSON value", True),
        (SCHEMA_REF, "common.yaml#/definitions/Thing/properties/id", "references another document ('common.yaml', at '#/definitions/Thing/properties/id'); "
         "kgen reads one document: the value is typed as any JSON value", True),
        (PARAMETER, [{"$ref": "common.yaml#/parameters/limit"}], "references another document ('common.yaml', at '#/parameters/limit'); "
         "kgen reads one document", False),
        (PARAMETER, [{"$ref": "params.yaml#/limit"}], "references another document ('params.yaml', at '#/limit'); kgen reads one document", False),
        (PARAMETER, [{"$ref": "common.yaml#/parameters/name"}], "references another document ('common.yaml', at '#/parameters/name'); "
         "kgen reads one document: 'name' is looked up in this one", True),
    ],
)
def test_a_reference_into_another_document_is_one_diagnostic_offering_lenient_only_where_it_helps(
    path: list[Any], value: Any, message: str, lenient_helps: bool
) -> None:
    doc = _with(path, value)
    doc["parameters"] = {"name": {"name": "name", "in": "query", "type": "string"}}
    ref = "/" + "/".join(p.replace("/", "~1") for p in path) + ("/0/$ref" if path == PARAMETER else "")
    (strict,) = _parse(doc).items
    assert (strict.level, strict.pointer, strict.message) == (Level.ERROR, ref, message), strict.render()
    assert "redocly bundle" in strict.hint and ("--lenient" in strict.hint) == lenient_helps, strict.hint
    (lenient,) = _parse(doc, lenient=True).items
    assert (lenient.level, lenient.pointer, lenient.message) == (Level.WARNING if lenient_helps else Level.ERROR, ref, message)


@pytest.mark.parametrize(("path", "ref"), [(SCHEMA_REF, "#definitions/Thing"), (SCHEMA_REF, "/definitions/Thing"),
                                           (["paths", "/things/{name}", "get", "responses", "200", "$ref"], "/definitions/Thing")])
def test_a_json_pointer_written_without_its_hash_or_slash_is_one_error_saying_what_was_meant(path: list[Any], ref: str) -> None:
    (d,) = _parse(_with(path, ref), lenient=True).items
    assert d.message == f"reference {ref!r} is not a reference into this document: those start with '#/'" and d.hint == "write '#/definitions/Thing'"


def test_format_unknown_to_kgen_is_legal_and_ignored() -> None:
    sink = _parse(_with(["definitions", "Thing", "properties", "id", "format"], "k8s-name"))
    assert sink.items == []


def test_ecma_patterns_python_spells_differently_are_accepted_and_kept() -> None:
    for pattern in (r"^[\w- ]+$", r"^(?<year>\d{4})$", r"[-\d]"):
        doc = _with(["definitions", "Thing", "properties", "id", "pattern"], pattern)
        sink = Sink("t.json")
        spec = parse_spec(Document("t.json", doc, "0" * 64), sink)
        assert sink.items == [] and spec.definitions["Thing"].properties["id"].pattern == pattern


def test_type_arrays_read_as_nullable_or_a_union_under_lenient() -> None:
    doc = _with(["definitions", "Thing", "properties"], {"a": {"type": ["string", "null"]}, "b": {"type": ["string", "integer", "number"]}})
    sink = Sink("t.json", lenient=True)
    props = parse_spec(Document("t.json", doc, "0" * 64), sink).definitions["Thing"].properties
    assert (props["a"].type, props["a"].nullable, props["a"].types) == ("string", True, ())
    assert (props["b"].type, props["b"].types) == (None, ("string", "integer", "number"))
    assert {w.kind for w in sink.warnings} == {"type-array"}


def test_go_restful_regex_and_undeclared_path_parameters_become_required_strings_under_lenient() -> None:
    doc = _with(["paths"], {"/ns/{namespace:[a-z0-9][a-z0-9\\-]*}/x/{n:\\d{1,3}}": {"get": {"operationId": "x", "responses": {}}}})
    sink = Sink("t.json", lenient=True)
    (op,) = parse_spec(Document("t.json", doc, "0" * 64), sink).operations
    assert op.path == "/ns/{namespace}/x/{n}"
    assert [(p.name, p.location, p.required, p.type) for p in op.parameters] == [("namespace", "path", True, "string"), ("n", "path", True, "string")]
    assert {w.kind for w in sink.warnings} == {"undeclared-path-parameter"} and not sink.errors


def test_a_declared_path_parameter_with_a_colon_in_its_name_is_not_a_regex() -> None:
    doc = _with(["paths"], {"/x/{a:b}": {"get": {"operationId": "x", "parameters": [{"name": "a:b", "in": "path", "required": True, "type": "string"}], "responses": {}}}})
    sink = Sink("t.json")
    (op,) = parse_spec(Document("t.json", doc, "0" * 64), sink).operations
    assert op.path == "/x/{a:b}" and sink.items == []


def test_tuple_items_keep_a_schema_per_position() -> None:
    doc = _with(["definitions", "Thing", "properties", "id"], {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]})
    sink = Sink("t.json")
    schema = parse_spec(Document("t.json", doc, "0" * 64), sink).definitions["Thing"].properties["id"]
    assert [s.type for s in schema.tuple_items or ()] == ["string", "integer"] and sink.items == []
    assert schema.tuple_items is not None and schema.tuple_items[1].pointer == "/definitions/Thing/properties/id/items/1"


def test_made_up_operation_ids_that_collide_are_renamed_without_a_problem() -> None:
    doc = _with(["paths"], {"/a": {"get": {"responses": {}}}, "/a/": {"get": {"responses": {}}}})
    sink = Sink("t.json")
    spec = parse_spec(Document("t.json", doc, "0" * 64), sink)
    assert [(op.operation_id, op.key, op.repeats) for op in spec.operations] == [("getA", "getA", None), ("getA", "getA2", None)]
    assert sink.items == []


def test_a_duplicate_operation_id_keeps_its_words_and_gets_a_key_of_its_own_under_lenient() -> None:
    """The key is numbered in document order; the warning waits for the name the operation gets in its API."""
    doc = _with(["paths", "/other"], {"get": {"operationId": "readThing", "responses": {}}})
    sink = Sink("t.json", lenient=True)
    own, other = parse_spec(Document("t.json", doc, "0" * 64), sink).operations
    assert [(op.operation_id, op.key) for op in (own, other)] == [("readThing", "readThing"), ("readThing", "readThing2")]
    assert own.repeats is None and other.repeats is not None and other.repeats.quirk and sink.items == []
    assert other.repeats.pointer == "/paths/~1other/get/operationId" and "also used by /paths/~1things~1{name}/get" in other.repeats.why


def test_a_numbered_key_takes_no_operations_own_operation_id() -> None:
    doc = _with(["paths"], {f"/{n}": {"get": {"operationId": op_id, "responses": {}}} for n, op_id in enumerate(["x", "x", "x2"])})
    spec = parse_spec(Document("t.json", doc, "0" * 64), Sink("t.json", lenient=True))
    assert [op.key for op in spec.operations] == ["x", "x3", "x2"]


def test_missing_operation_id_is_derived_from_method_and_path() -> None:
    doc = copy.deepcopy(BASE)
    del doc["paths"]["/things/{name}"]["get"]["operationId"]
    sink = Sink("t.json")
    spec = parse_spec(Document("t.json", doc, "0" * 64), sink)
    assert [op.operation_id for op in spec.operations] == ["getThingsName"]


def test_path_level_parameters_are_merged_and_overridden() -> None:
    doc = _with(["paths", "/things/{name}", "get", "parameters"], [{"name": "name", "in": "path", "required": True, "type": "string", "description": "own"}])
    spec = parse_spec(Document("t.json", doc, "0" * 64), Sink())
    (param,) = spec.operations[0].parameters
    assert param.description == "own"


def test_grpc_gateways_stream_definitions_are_definitions() -> None:
    """protoc-gen-swagger's x-stream-definitions hold the results of streaming calls, named as the messages they
    wrap: one whose name a definition has is read as `…StreamResult`, with a warning, and references follow it."""
    result = {"type": "object", "properties": {"result": {"$ref": "#/definitions/Thing"}}}
    doc = _with(["x-stream-definitions"], {"Other": result, "Thing": result})
    doc["definitions"]["ThingStreamResult"] = {"type": "object"}
    responses = doc["paths"]["/things/{name}"]["get"]["responses"]
    responses["200"]["schema"], responses["201"] = {"$ref": "#/x-stream-definitions/Thing"}, {"description": "", "schema": {"$ref": "#/x-stream-definitions/Other"}}
    sink = Sink("t.json")
    spec = parse_spec(Document("t.json", doc, "0" * 64), sink)
    assert [(d.level, d.pointer, d.kind) for d in sink.items] == [(Level.WARNING, "/x-stream-definitions/Thing", "name")]
    assert spec.definitions["ThingStreamResult2"].pointer == "/x-stream-definitions/Thing" and spec.definitions["Other"].pointer == "/x-stream-definitions/Other"
    assert [spec.operations[0].responses[code].schema.ref for code in ("200", "201")] == ["ThingStreamResult2", "Other"]


@pytest.mark.parametrize(
    ("kind", "default", "enum", "dropped"),
    [
        ("string", "", ["NoExecute", "NoSchedule"], True),  # Taint.effect in the 1.24 apiserver's document
        ("integer", 0, [1, 2], True),
        ("number", 0.0, [1.5], True),
        ("boolean", False, [True], True),
        ("string", "", ["", "a"], False),  # the enum allows it
        ("integer", False, [1, 2], False),  # JSON's false is not 0: the validator's to report
        ("string", "x", ["a"], False),
        ("string", "", None, False),  # no enum
    ],
)
def test_the_zero_default_an_enum_forbids_is_read_as_none_with_a_warning_even_in_strict_runs(
    kind: str, default: Any, enum: list[Any] | None, dropped: bool
) -> None:
    field = {"type": kind, "default": default, **({"enum": enum} if enum is not None else {})}
    doc = _with(["definitions", "Thing", "properties", "effect"], field)
    doc["paths"]["/things/{name}"]["get"]["parameters"] = [{"name": "mode", "in": "query", **field}]
    sink = Sink("t.json")
    spec = parse_spec(Document("t.json", doc, "0" * 64), sink)
    pointers = ["/definitions/Thing/properties/effect/default", "/paths/~1things~1{name}/get/parameters/0/default"]
    assert [(d.level, d.pointer, d.kind) for d in sink.items] == ([(Level.WARNING, p, "zero-default") for p in pointers] if dropped else [])
    schema = spec.definitions["Thing"].properties["effect"]
    (parameter,) = [p for p in spec.operations[0].parameters if p.name == "mode"]
    assert (schema.default is MISSING, parameter.default is MISSING) == (dropped, dropped)


OK_RESPONSES: dict[str, Any] = {"200": {"description": "ok"}}
ISSUE_2137: dict[str, Any] = {  # go-swagger's fixture for its issue 2137
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {"/test/a": {"$ref": "#/paths/~1test"}, "/test": {"get": {"responses": OK_RESPONSES}}},
}


def _spec(doc: Any, sink: Sink, limits: Limits = Limits()) -> Spec:
    return parse_spec(Document("t.json", doc, "0" * 64), sink, limits)


def test_a_path_item_reference_reads_the_item_it_names_under_the_referring_path() -> None:
    sink = Sink("t.json")
    operations = _spec(ISSUE_2137, sink).operations
    assert sink.items == []
    assert [(op.method, op.path, op.operation_id, op.pointer, op.via) for op in operations] == [
        ("get", "/test/a", "getTestA", "/paths/~1test/get", "/paths/~1test~1a"),
        ("get", "/test", "getTest", "/paths/~1test/get", None),
    ]


def test_a_referenced_operationid_gets_the_second_key_in_the_copy_without_an_error_in_strict_runs() -> None:
    """The copy repeats the operationId of what it references: not the author's mistake, so no error; the
    document's own operation keeps its key whatever the order of the paths."""
    doc = _with(["paths"], {"/things/{name}/alias": {"$ref": "#/paths/~1things~1%7Bname%7D"}, **BASE["paths"]})
    sink = Sink("t.json")
    alias, own = _spec(doc, sink).operations
    assert (own.key, alias.key, alias.operation_id, alias.path) == ("readThing", "readThing2", "readThing", "/things/{name}/alias")
    assert [p.name for p in alias.parameters] == ["name"] and alias.parameters[0] is own.parameters[0]
    assert sink.items == [] and alias.repeats is not None and not alias.repeats.quirk
    assert alias.repeats.pointer == "/paths/~1things~1{name}~1alias/$ref"
    assert "'readThing' is also used by get /things/{name}" in alias.repeats.why


def test_keys_beside_a_reference_win_and_chains_are_followed_to_items_anywhere_in_the_document() -> None:
    query = lambda name, description: {"name": name, "in": "query", "type": "string", "description": description}  # noqa: E731
    doc = _with(["paths"], {
        "/pets": {"$ref": "#/x-shared/items/a~1b~0c", "post": {"responses": OK_RESPONSES}, "parameters": [query("q", "pets")]},
    })
    doc["x-shared"] = {"items": {
        "a/b~c": {"$ref": "#/x-shared/items/base", "get": {"operationId": "listPets", "responses": OK_RESPONSES}, "parameters": [query("q", "a/b~c")]},
        "base": {"get": {"responses": {}}, "put": {"responses": OK_RESPONSES}, "parameters": [query("q", "base"), query("r", "base")]},
    }}
    sink = Sink("t.json")
    operations = _spec(doc, sink).operations
    assert sink.items == []
    assert [(op.method, op.pointer, op.operation_id) for op in operations] == [
        ("get", "/x-shared/items/a~1b~0c/get", "listPets"),
        ("put", "/x-shared/items/base/put", "putPets"),
        ("post", "/paths/~1pets/post", "postPets"),
    ]
    assert [(p.name, p.description) for p in operations[0].parameters] == [("r", "base"), ("q", "pets")]


def test_what_is_wrong_in_a_referenced_item_is_reported_once_where_it_is_written() -> None:
    doc = copy.deepcopy(ISSUE_2137)
    doc["paths"]["/test/{id}"] = {"$ref": "#/paths/~1test"}
    doc["paths"]["/test"]["get"]["parameters"] = [{"name": "mode", "in": "query", "type": "string", "default": "", "enum": ["a"]}]
    doc["paths"]["/test"]["x-note"], doc["paths"]["/test"]["note"] = "kept", "ignored"
    sink = Sink("t.json", lenient=True)
    _spec(doc, sink)
    assert [(d.kind, d.pointer) for d in sink.items] == [
        ("unknown-key", "/paths/~1test/note"),
        ("zero-default", "/paths/~1test/get/parameters/0/default"),
        ("undeclared-path-parameter", "/paths/~1test~1{id}"),  # the referring path's template: fixed beside its $ref
    ]


@pytest.mark.parametrize(
    ("ref", "pointer", "words", "hint"),
    [
        ("#/paths/~1missing", "/paths/~1test~1a/$ref", "points at nothing in this document", "'~1'"),
        ("#/paths/~1test~1a", "/paths/~1test~1a/$ref", "leads back to /paths/~1test~1a: the references form a cycle", "write the operations out"),
        ("#/paths/~1b", "/paths/~1b/$ref", "leads back to /paths/~1test~1a: the references form a cycle", "write the operations out"),
        ("#/info/title", "/paths/~1test~1a/$ref", "points at a string, not a path item", "a mapping of operations"),
        ("other.yaml#/paths/~1test", "/paths/~1test~1a/$ref", "references another document ('other.yaml', at '#/paths/~1test')", "redocly bundle"),
        ("https://example.com/api.json#/paths/~1test", "/paths/~1test~1a/$ref", "references another document", "redocly bundle"),
        ("#test", "/paths/~1test~1a/$ref", "is not a JSON pointer", "'#/'"),
    ],
)
def test_a_path_item_reference_kgen_cannot_follow_is_one_error_at_the_reference(ref: str, pointer: str, words: str, hint: str) -> None:
    doc = _with(["paths"], {"/test/a": {"$ref": ref}, "/b": {"$ref": "#/paths/~1test~1a"}, "/test": {"get": {"responses": OK_RESPONSES}}})
    sink = Sink("t.json", lenient=True)
    _spec(doc, sink)
    (error,) = sink.items
    assert (error.level, error.pointer) == (Level.ERROR, pointer) and words in error.message and hint in error.hint, error.render()


def test_operations_reached_through_references_count_against_the_limit() -> None:
    sink = Sink("t.json")
    assert _spec(ISSUE_2137, sink, Limits(max_operations=1)).operations == []
    (error,) = sink.errors
    assert (error.pointer, error.message) == ("/paths", "the document has 2 operations, more than the limit of 1")


def test_a_path_parameter_named_in_braces_is_in_its_path_whatever_its_name() -> None:
    """`{:}` is not a template kgen rewrites (go-restful's `{name:regex}` needs a name), but it names ':' as the validator reads it."""
    doc = copy.deepcopy(BASE)
    doc["paths"] = {"/a/{:}": {"get": {"parameters": [{"name": ":", "in": "path", "required": True, "type": "string"}], "responses": {"200": {"description": "ok"}}}}}
    assert _parse(doc).items == []


@pytest.mark.parametrize(
    ("ref", "name"),
    [("#/definitions/a~1b~0c", "a/b~c"), ("#/definitions/a%20b", "a b"), ("#/definitions/a%7E1b", "a/b"), ("Thing", "Thing")],
)
def test_a_definition_reference_is_a_json_pointer_in_a_uri_fragment(ref: str, name: str) -> None:
    sink = Sink("t.json", lenient=True)
    spec = parse_spec(Document("t.json", _with(["definitions", "Thing", "properties", "id"], {"$ref": ref}), "0" * 64), sink)
    assert spec.definitions["Thing"].properties["id"].ref == name
    assert not sink.errors


def _pointing(**paths: Any) -> dict[str, Any]:
    """BASE with a definition Page, a response Err and a body parameter p, and each `path` (x-ref-1 ...) of the
    operation answering 200 with the schema it names."""
    doc = copy.deepcopy(BASE)
    doc["definitions"]["Page"] = {"allOf": [{"$ref": "#/definitions/Thing"}, {"properties": {"meta": {"type": "object", "properties": {"n": {"type": "integer"}}}}}]}
    doc["responses"] = {"Err": {"description": "error", "schema": {"type": "object", "properties": {"code": {"type": "string", "pattern": "(?i)a(?i)"}}}}}
    doc["parameters"] = {"p": {"name": "p", "in": "body", "schema": {"$ref": "#/responses/Err/schema"}}}
    get = doc["paths"]["/things/{name}"]["get"]
    get["responses"] = {code: {"description": "ok", "schema": {"$ref": ref}} for code, ref in paths.items()}
    return doc


def test_a_reference_to_a_schema_outside_definitions_reads_it_where_it_is_written() -> None:
    sink = Sink("t.json", lenient=True)
    doc = _pointing(**{"200": "#/definitions/Page/allOf/1/properties/meta", "201": "#/responses/Err/schema", "202": "#/parameters/p/schema", "203": "#/definitions/Page/allOf/0"})
    doc["paths"]["/things/{name}"]["get"]["parameters"] = [{"$ref": "#/parameters/p"}]
    spec = parse_spec(Document("t.json", doc, "0" * 64), sink)
    (get,) = spec.operations
    meta = spec.definitions["Page"].all_of[1].properties["meta"]
    assert get.responses["200"].schema is meta and meta.pointer == "/definitions/Page/allOf/1/properties/meta"
    assert get.responses["201"].schema is get.responses["202"].schema is get.parameters[-1].schema  # read once, through a chain
    assert get.responses["201"].schema.pointer == "/responses/Err/schema" and "code" in get.responses["201"].schema.properties
    assert get.responses["203"].schema.ref == "Thing"  # a reference to a definition, followed
    assert spec.referenced == {"/definitions/Page/allOf/1/properties/meta", "/responses/Err/schema", "/parameters/p/schema", "/definitions/Page/allOf/0"}
    (pattern,) = sink.warnings  # what is wrong in it is reported once, where it is written
    assert pattern.pointer == "/responses/Err/schema/properties/code/pattern" and not sink.errors


AT = "/paths/~1things~1{name}/get/responses/200/schema/$ref"
SELF = "#/definitions/Page/allOf/1/properties/meta/properties/n/x-self"  # {$ref: itself}


@pytest.mark.parametrize(
    ("ref", "at", "message"),
    [
        ("#/definitions/a~1b/properties/c", AT, "reference '#/definitions/a~1b/properties/c' points at nothing in this document: #/definitions has no 'a/b'"),
        ("#/definitions/Page/allOf/2", AT, "reference '#/definitions/Page/allOf/2' points at nothing in this document: #/definitions/Page/allOf has no '2'"),
        ("#/x-schemas/Id", AT, "reference '#/x-schemas/Id' points at nothing in this document: the document has no 'x-schemas'"),
        ("#/info/title", AT, "reference '#/info/title' points at a string, not a schema"),
        (SELF, SELF[1:] + "/$ref", f"reference '{SELF}' leads back to {SELF}, which holds it: a cycle of references through no definition"),
        ("#/responses/Err/schema", "/responses/Err/schema/properties/all/items/$ref",
         "reference '#/responses/Err/schema' leads back to #/responses/Err/schema, which holds it: a cycle of references through no definition"),
    ],
)
def test_a_reference_to_no_schema_or_to_one_that_holds_it_is_one_error_at_the_reference(ref: str, at: str, message: str) -> None:
    doc = _pointing(**{"200": ref})
    doc["definitions"]["Page"]["allOf"][1]["properties"]["meta"]["properties"]["n"]["x-self"] = {"$ref": SELF}
    doc["responses"]["Err"]["schema"]["properties"]["all"] = {"type": "array", "items": {"$ref": "#/responses/Err/schema"}}
    (d,) = _parse(doc, lenient=True).errors
    assert (d.pointer, d.message) == (at, message)
    if "holds it" in message:
        assert d.hint.startswith("only a definition may contain itself: move the schema under definitions")


def test_a_cycle_through_a_definition_is_a_recursive_definition() -> None:
    doc = _pointing(**{"200": "#/responses/Err/schema"})
    doc["responses"]["Err"]["schema"]["properties"]["page"] = {"$ref": "#/definitions/Page"}
    doc["definitions"]["Page"]["allOf"][1]["properties"]["err"] = {"$ref": "#/responses/Err/schema"}
    assert not _parse(doc, lenient=True).errors


def test_references_nest_schemas_only_as_deep_as_the_limit() -> None:
    doc = _pointing(**{"200": "#/x-chain/0"})
    doc["x-chain"] = [{"type": "array", "items": {"$ref": f"#/x-chain/{i + 1}"}} for i in range(2000)] + [{"type": "string"}]
    sink = Sink("t.json")
    parse_spec(Document("t.json", doc, "0" * 64), sink, Limits(max_depth=40))
    (d,) = sink.errors
    assert d.message == "references nest schemas deeper than the limit of 40 levels" and d.pointer == "/x-chain/19/items/$ref"  # two levels a link: the array, its items


def test_a_numeric_swagger_version_is_told_as_a_number_in_json_or_yaml() -> None:
    (d,) = _parse(_with(["swagger"], 2)).errors
    assert d.message == 'swagger is the number 2, not the string "2.0"'
    assert d.hint.startswith('write it as a string, "2.0" (YAML reads an unquoted 2.0 as a number: swagger: "2.0")')
