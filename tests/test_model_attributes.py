"""Model attributes named like a builtin type would shadow it for the annotations after them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import generate, run_python

SPEC = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "definitions": {
        "io.example.v1.Attribute": {
            "type": "object",
            "properties": {
                "bool": {"type": "boolean"},
                "bools": {"type": "array", "items": {"type": "boolean"}},
                "int": {"type": "integer"},
                "ints": {"type": "array", "items": {"type": "integer"}},
                "str": {"type": "string"},
            },
        }
    },
}


def test_builtin_named_attributes_get_an_underscore_and_keep_their_wire_name(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC))
    out = generate(spec, tmp_path / "out", "--package-name", "kx")
    code = (
        "import msgspec\n"
        "from kx.example_io.v1 import Attribute\n"
        "a = msgspec.json.decode(b'{\"bool\": true, \"bools\": [false], \"int\": 5, \"ints\": [1], \"str\": \"s\"}', type=Attribute)\n"
        "assert (a.bool_, a.bools, a.int_, a.ints, a.str_) == (True, [False], 5, [1], 's'), a\n"
        "print(msgspec.json.encode(a).decode())\n"
    )
    result = run_python(out, code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"bool": True, "bools": [False], "int": 5, "ints": [1], "str": "s"}
