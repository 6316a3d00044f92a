"""The validator's speed-ups change no answer: run in a fresh interpreter, as in a validation worker."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

PROGRAM = textwrap.dedent(
    """
    import json
    from collections import UserDict
    from pathable import accessors
    from kgen.sources import speedups
    from kgen.sources.validation import walk_paths

    class Lookup:
        def __getitem__(self, key): return key
        def __contains__(self, key): return True
        def __len__(self): return 1

    class NoLength:
        def __getitem__(self, key): return key
        def __contains__(self, key): return True

    values = [*speedups.JSON_VALUES, {"a": [1]}, [{}], "text", 2.5, False, b"x", (1,), {1}, UserDict(), Lookup(), NoLength(), object()]
    ok = {"200": {"description": "ok"}}
    document = {
        "swagger": "2.0", "info": {"title": "t", "version": "1"},
        "paths": {"/a/{b}": {"get": {"parameters": [{"name": "c", "in": "query", "type": "integer", "default": "ten"}],
                                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/D"}}}}}},
        "parameters": {"Y": {"name": "y", "in": "path", "type": "string"}, "N": {"name": 5, "in": "path"},
                       "D": {"name": "d", "in": "query", "type": "integer", "default": "x"}, "R": {"$ref": "#/parameters/Y"}},
        "definitions": {"D": {"type": "object", "properties": {"e": {"type": "string", "default": 3}}, "allOf": [{"required": ["f"]}]}},
    }
    # parameters read plainly, through references (and chains of them), or odd; repeated; with a default or a schema
    # to check (each in a document of its own: the walk stops at a raise)
    shared = [{"name": "x", "in": "path", "type": "string"}, {"$ref": "#/parameters/Y"}, {"name": "w", "in": "path"}]
    operations = [
        [{"name": "z", "in": "path", "type": "string"}, {"$ref": "#/parameters/Y"}],
        [{"name": 7, "in": "path"}],
        [{"name": "z", "in": 0}],
        [{"name": "z", "in": "path", "$ref": "#/parameters/Y"}],
        [{"$ref": "#/parameters/N"}],
        [{"name": "z", "in": "path"}, {"name": "z", "in": "path"}],
        [{"name": "z", "in": "PATH"}, {"name": "", "in": "path"}],
        [{"name": "z", "in": "path", "type": "string"}, {"$ref": "#/parameters/Y"}, {"name": "y", "in": "path", "type": "string"}],
        [{"name": "z", "in": "path", "type": "string"}, {"$ref": "#/parameters/D"}],
        [{"name": "z", "in": "path", "type": "string"}, {"$ref": "#/parameters/R"}],
        [{"name": "z", "in": "path", "type": "string"}, {"name": "b", "in": "body", "schema": {"type": "string", "default": 1}}],
    ]
    documents = [document] + [
        dict(document, paths={"/p/{x}/{y}/{z}": {"parameters": shared, "get": {"parameters": parameters, "responses": ok}}})
        for parameters in operations
    ]

    def walked():
        found = []
        for each in documents:
            try:
                found.append(walk_paths(each))
            except Exception as error:  # the library raises on some broken input: the same error either way
                found.append(repr(error))
        return found

    protocol = accessors.Subscriptable
    before = ([isinstance(v, protocol) for v in values], walked())
    speedups.install()
    assert accessors.Subscriptable is not protocol
    after = ([isinstance(v, accessors.Subscriptable) for v in values], walked())
    print(json.dumps([before, after]))
    """
)


def test_speedups_answer_as_the_library() -> None:
    ran = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True)
    before, after = json.loads(ran.stdout)
    assert after == before
    checks, problems = before
    assert True in checks and False in checks
    assert len(problems[0]) >= 3  # the unresolved path parameter, and both defaults against their schemas
    assert all(problems[1:]), problems  # each odd parameter list finds something
