"""References to schemas that are not definitions (`#/responses/Err/schema`, `#/definitions/Page/allOf/1/properties/meta`,
`#/parameters/p/schema`, go-openapi's fixture-1602 and fixture-pointers) build in every target: each such schema is
one type, named where it is written, and a cycle through a definition is a recursive type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import generate_and_build, run_kgen
from targets import Target, all_targets

META = "#/definitions/Page/allOf/1/properties/meta"
SPEC = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/pages": {
            "post": {
                "operationId": "createPage",
                "parameters": [{"$ref": "#/parameters/p"}],
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": META}},
                    "default": {"$ref": "#/responses/Err"},
                },
            },
            "get": {
                "operationId": "listPages",
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": "#/definitions/Page/properties/items"}},
                    "201": {"description": "ok", "schema": {"$ref": "#/responses/Err/schema"}},
                    "202": {"description": "ok", "schema": {"type": "object", "additionalProperties": {"$ref": META}}},
                },
            },
        }
    },
    "parameters": {"p": {"name": "body", "in": "body", "schema": {"$ref": "#/responses/Err/schema"}}},
    "responses": {
        "Err": {
            "description": "an error",
            "schema": {"type": "object", "properties": {"message": {"type": "string"}, "page": {"$ref": "#/definitions/Page"}}},
        }
    },
    "definitions": {
        "Alpha": {"type": "object", "properties": {"meta": {"$ref": META}, "pair": {"$ref": "#/definitions/Page/properties/pair"}}},
        "Page": {
            "allOf": [
                {"type": "object", "properties": {
                    "items": {"type": "array", "items": {"$ref": "#/definitions/Page/allOf/1/properties/meta"}},
                    "pair": {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]},
                    "error": {"$ref": "#/responses/Err/schema"},
                }},
                {"type": "object", "properties": {"meta": {"type": "object", "properties": {"total": {"type": "integer"}}}}},
            ],
            "properties": {"items": {"$ref": "#/definitions/Page/allOf/0/properties/items"}, "pair": {"$ref": "#/definitions/Page/allOf/0/properties/pair"}},
        },
    },
}


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_references_to_schemas_outside_definitions_build(target: Target, tmp_path: Path) -> None:
    generate_and_build(target, SPEC, tmp_path)


def test_a_shape_go_cannot_spell_is_told_once_where_it_is_written(tmp_path: Path) -> None:
    """Page.pair and Alpha.pair are one tuple, written once: one warning."""
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC))
    result = run_kgen("generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "--target", "go", "--package-name", "example.com/ex", "-v")
    assert result.returncode == 0, result.stderr
    assert "; 1 warning (1 tuple)" in result.stdout and "spec.json#/definitions/Page/allOf/0/properties/pair: tuple-style items" in result.stderr
