"""Enum definitions are types of their own: one with the values of another still gets its class (go-swagger's swagger-gsma.json).

Both definitions below document "active" and "inactive"; fields refer to the second by name, so its
class must exist, or the first decode through the model raises NameError.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import generate, run_python

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
