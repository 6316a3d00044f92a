"""The meta-schema validators with their references resolved once report what the validators they replace report."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema.exceptions import SchemaError, best_match
from openapi_spec_validator.schemas import openapi_v2_schema_validator
from openapi_spec_validator.validation.keywords import OpenAPIV30SchemaValidator

from kgen.sources import metaschemas

# A CRD-like schema: nesting through properties, items, additionalProperties, allOf and a reference.
SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A cluster's \"addon\".",
    "required": ["spec"],
    "properties": {
        "spec": {
            "type": "object",
            "properties": {
                "replicas": {"type": "integer", "format": "int32", "minimum": 0, "default": 1},
                "selector": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"},
                "ports": {"type": "array", "items": {"type": "object", "properties": {"port": {"type": "integer"}}, "required": ["port"]}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "mode": {"type": "string", "enum": ["a", "b"]},
                "size": {"allOf": [{"type": "string"}, {"pattern": "^[0-9]+$"}], "x-kubernetes-int-or-string": True},
            },
        },
        "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
    },
}
# Where a mutation goes (a path of keys into SCHEMA), and what it writes there.
PLACES = [(), ("properties", "spec"), ("properties", "spec", "properties", "ports", "items"), ("properties", "spec", "properties", "size", "allOf", 1)]
MUTATIONS: list[tuple[str, Any]] = [
    ("type", 3), ("type", "strin"), ("type", ["string", "null"]), ("required", "spec"), ("required", []), ("required", [1]),
    ("properties", []), ("properties", {"a": 1}), ("items", "x"), ("items", [{"type": "string"}, 2]), ("enum", []),
    ("multipleOf", 0), ("minimum", "1"), ("maxLength", -1), ("additionalProperties", "no"), ("allOf", {}), ("allOf", [3]),
    ("$ref", 5), ("$ref", "#/definitions/Other"), ("format", 7), ("x-anything", {"$ref": 1}), ("default", {"$ref": "x"}),
    ("readOnly", "yes"), ("discriminator", 1), ("title", None), ("uniqueItems", "true"), ("pattern", 1), ("nullable", True),
    ("properties", {"$ref": {"type": "string"}}), ("properties", {"$ref": "#/definitions/A"}), ("not", {"type": 1}), ("anyOf", [{}]),
]


def mutants() -> Iterator[Any]:
    yield SCHEMA
    for place in PLACES:
        for keyword, value in MUTATIONS:
            mutant = copy.deepcopy(SCHEMA)
            node = mutant
            for key in place:
                node = node[key]
            node[keyword] = value
            yield mutant
    yield from ([], "schema", 3, None, {"properties": {"a": {"properties": {"b": {"type": 5}}}}})


def reported(errors: Iterator[Any]) -> list[tuple[list[Any], str, str]]:
    return [(list(e.absolute_path), e.message, e.validator) for e in errors]


@pytest.mark.parametrize("definition", ["schema", "pathItem", "parametersList"])
def test_definition_validator_reports_what_resolving_each_reference_reports(definition: str) -> None:
    plain = openapi_v2_schema_validator.evolve(schema={**openapi_v2_schema_validator.schema, "$ref": f"#/definitions/{definition}"})
    fast = metaschemas.definition_validator(definition)
    instances = list(mutants())
    instances += [{"get": {"responses": {"200": {"description": "ok", "schema": s}}}} for s in mutants()]
    instances += [[{"name": "a", "in": "body", "schema": s}, {"name": "b", "in": "query", "type": "strin"}] for s in mutants()]
    failing = 0
    for instance in instances:
        expected = reported(plain.iter_errors(instance))
        assert reported(fast.iter_errors(instance)) == expected, instance
        if expected:
            failing += 1
            assert reported(iter([best_match(fast.iter_errors(instance))])) == reported(iter([best_match(plain.iter_errors(instance))]))
    assert failing > len(instances) // 3  # the mutations are errors for this definition, not only valid variants


def test_schema_checker_raises_what_check_schema_raises() -> None:
    cls = OpenAPIV30SchemaValidator.schema_validator_cls
    check = metaschemas.schema_checker(cls)
    failing = 0
    for instance in mutants():
        try:
            cls.check_schema(instance)
            expected = None
        except SchemaError as error:
            expected = (list(error.absolute_path), error.message, error.validator)
            failing += 1
        try:
            check(instance)
            got = None
        except SchemaError as error:
            got = (list(error.absolute_path), error.message, error.validator)
        assert got == expected, instance
    assert failing > 20


KEYWORDS = sorted(metaschemas.TEXTS | metaschemas.FLAGS | metaschemas.BOUNDS | metaschemas.COUNTS) + [
    "type", "properties", "items", "additionalProperties", "allOf", "required", "enum", "multipleOf", "pattern",
    "default", "example", "x-kubernetes-int-or-string", "nullable", "anyOf", "exclusiveMinimum", "definitions", "not",
]
VALUES = st.one_of(
    st.sampled_from(["string", "object", "integer", "strin", "[a-", "^a+$", "(?<name>x)", "", "a"]),
    st.integers(min_value=-3, max_value=3), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.lists(st.sampled_from(["a", "b", "a", 1, 1.0, 2, True, None, "1"]), max_size=3),
)


def schemas() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.dictionaries(st.sampled_from(KEYWORDS), VALUES, max_size=4),
        lambda inner: st.one_of(
            st.dictionaries(st.sampled_from(KEYWORDS), st.one_of(VALUES, inner, st.lists(inner, max_size=2), st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)), max_size=4),
        ),
        max_leaves=12,
    )


@settings(max_examples=3000, deadline=None)
@given(schemas())
def test_a_plain_schema_is_valid_for_both_validators(schema: Any) -> None:
    swagger = metaschemas.definition_validator("schema")
    cls = OpenAPIV30SchemaValidator.schema_validator_cls
    if metaschemas.plain(schema, swagger.format_checker):
        assert not list(swagger.iter_errors(schema)), schema
    if metaschemas.plain(schema, cls.FORMAT_CHECKER):
        cls.check_schema(schema)


def test_plain_schemas_are_the_common_case() -> None:
    cls = OpenAPIV30SchemaValidator.schema_validator_cls
    assert metaschemas.plain(SCHEMA, cls.FORMAT_CHECKER)
    assert metaschemas.plain({"type": "string", "pattern": "^[a-z]+$", "maxLength": 63, "enum": ["a", "b"], "x-kubernetes-validations": [{"rule": "self != ''"}]}, cls.FORMAT_CHECKER)
    assert not metaschemas.plain({"type": "string", "pattern": "[a-"}, cls.FORMAT_CHECKER)  # its format checker rejects it
    assert metaschemas.plain({"type": "string", "pattern": "[a-"}, None)  # Swagger 2.0's validator has no format checker
    assert metaschemas.plain({"type": "integer", "enum": [301, 302, "303"]}, cls.FORMAT_CHECKER)
    assert not metaschemas.plain({"type": "string", "nullable": True}, cls.FORMAT_CHECKER)
    assert sum(metaschemas.plain(m, cls.FORMAT_CHECKER) for m in mutants()) > 10


NEAR_MISSES = [
    {"required": ["a", "a"]}, {"required": []}, {"required": [1]}, {"enum": ["a", "a"]}, {"enum": [301, 301]},
    {"enum": []}, {"allOf": []},
    {"allOf": [1]}, {"items": True}, {"properties": {"a": 1}}, {"properties": {"a": True}}, {"type": "strin"}, {"minLength": -1},
    {"minLength": 1.5}, {"minLength": True}, {"maximum": "1"}, {"maximum": True}, {"multipleOf": 0}, {"readOnly": 1}, {"format": 1},
    {"nullable": True}, {"exclusiveMaximum": True}, {"additionalProperties": "no"}, {"properties": {"a": {"properties": {"b": {"type": 5}}}}},
]  # each rejected by one validator or both


@pytest.mark.parametrize("schema", NEAR_MISSES, ids=repr)
def test_a_near_miss_is_not_plain(schema: Any) -> None:
    swagger = metaschemas.definition_validator("schema")
    cls = OpenAPIV30SchemaValidator.schema_validator_cls
    assert not metaschemas.plain(schema, swagger.format_checker) and not metaschemas.plain(schema, cls.FORMAT_CHECKER)
    try:
        cls.check_schema(schema)
        draft4_valid = True
    except SchemaError:
        draft4_valid = False
    assert list(swagger.iter_errors(schema)) or not draft4_valid  # not plain because one of them rejects it


def path_items() -> st.SearchStrategy[Any]:
    def mapping(keys: list[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
        return st.dictionaries(st.sampled_from(keys), values, max_size=4)

    texts = st.one_of(VALUES, st.lists(st.sampled_from(["a", "b", "a", "https", "ftp", 1]), max_size=3))
    response = st.one_of(mapping(["description", "schema", "headers", "x-a", "$ref"], st.one_of(texts, schemas())), texts)
    responses = st.one_of(mapping(["200", "default", "x-a", "2000", "20", "Default"], response), texts)
    operation = st.one_of(
        mapping(["responses", "summary", "description", "operationId", "tags", "produces", "schemes", "deprecated", "parameters", "security", "x-a"],
                st.one_of(texts, responses)),
        texts,
    )
    return mapping(["get", "post", "$ref", "parameters", "x-a", "summary"], st.one_of(operation, texts, st.just([])))


@settings(max_examples=3000, deadline=None)
@given(path_items())
def test_a_plain_path_item_is_valid(item: Any) -> None:
    if metaschemas.plain_path_item(item):
        assert not list(metaschemas.definition_validator("pathItem").iter_errors(item)), item


OPERATION = {
    "description": "list or watch objects of kind Pod", "operationId": "listCoreV1NamespacedPod", "tags": ["core_v1"],
    "consumes": ["*/*"], "produces": ["application/json", "application/yaml"], "schemes": ["https"], "parameters": [],
    "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/io.k8s.api.core.v1.PodList"}}, "401": {"description": "Unauthorized"}},
    "x-kubernetes-action": "list", "x-kubernetes-group-version-kind": {"group": "", "kind": "Pod", "version": "v1"},
}


@pytest.mark.parametrize("change", [
    {"responses": {}}, {"responses": {"x-a": 1}}, {"responses": {"2000": {"description": "x"}}}, {"responses": {"200": {"$ref": "#/responses/a"}}},
    {"responses": {"200": {"schema": {}}}}, {"responses": {"200": {"description": "x", "schema": {"type": "file"}}}}, {"tags": ["a", "a"]},
    {"schemes": ["ftp"]}, {"deprecated": "no"}, {"operationId": 1}, {"security": [{"a": []}]}, {"parameters": [{"name": "a", "in": "query", "type": "string"}]},
], ids=repr)
def test_a_path_item_off_the_plain_path_is_left_to_the_validator(change: dict[str, Any]) -> None:
    assert metaschemas.plain_path_item({"get": OPERATION, "parameters": []})
    item = {"get": {**OPERATION, **change}, "parameters": []}
    assert not metaschemas.plain_path_item(item)
