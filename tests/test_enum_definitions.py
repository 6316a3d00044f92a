"""Enum definitions are types of their own: one with the values of another still gets its class (go-swagger's swagger-gsma.json),
and an alias naming a shared enum's class builds wherever it is used.

Both definitions below document "active" and "inactive"; fields refer to the second by name, so its
class must exist, or the first decode through the model raises NameError.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import generate, generate_and_build, run_python
from targets import Target, all_targets

SPEC = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "definitions": {
        "Mandate": {
            "type": "object",
            "properties": {"status": {"$ref": "#/definitions/mandateStatusEnum"}, "link": {"$ref": "#/definitions/linkStatusEnum"}},
        },
        "linkStatusEnum": {"type": "string", "enum": ["active", "inactive"]},
        "mandateStatusEnum": {"type": "string", "enum": ["active", "inactive"], "description": "The mandate's status."},
    },
}


def test_an_enum_definition_with_the_values_of_another_has_its_own_class(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC))
    out = generate(spec, tmp_path / "out", "--package-name", "ex")
    code = (
        "import msgspec\n"
        "from ex.models import LinkStatusEnum, Mandate, MandateStatusEnum\n"
        "m = msgspec.json.decode(b'{\"status\": \"inactive\", \"link\": \"gone\"}', type=Mandate)\n"
        "assert (m.status, m.link) == (MandateStatusEnum.INACTIVE, 'gone'), m\n"
        "assert LinkStatusEnum.ACTIVE == MandateStatusEnum.ACTIVE == 'active'\n"
        "assert \"The mandate's status.\" in MandateStatusEnum.__doc__\n"
        "print(msgspec.json.encode(m).decode())\n"
    )
    result = run_python(out, code)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == {"status": "inactive", "link": "gone"}


# An array alias of an inline enum whose values another model's field shares: the enum's class lives with the models,
# and the alias, used by an operation in another package, names it from there.
SHARED_ENUM = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {"/colors": {"post": {
        "operationId": "postColors",
        "parameters": [{"in": "body", "name": "body", "schema": {"$ref": "#/definitions/Colors"}}],
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Colors"}}},
    }}},
    "definitions": {
        "Colors": {"type": "array", "items": {"type": "string", "enum": ["red", "green"]}},
        "Palette": {"type": "object", "properties": {"main": {"type": "string", "enum": ["red", "green"]}}},
    },
}


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_an_alias_of_a_shared_enum_builds_where_another_package_uses_it(target: Target, tmp_path: Path) -> None:
    generate_and_build(target, SHARED_ENUM, tmp_path)
