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
    document = {
        "swagger": "2.0", "info": {"title": "t", "version": "1"},
        "paths": {"/a/{b}": {"get": {"parameters": [{"name": "c", "in": "query", "type": "integer", "default": "ten"}],
                                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/D"}}}}}},
        "definitions": {"D": {"type": "object", "properties": {"e": {"type": "string", "default": 3}}, "allOf": [{"required": ["f"]}]}},
    }
    protocol = accessors.Subscriptable
    before = ([isinstance(v, protocol) for v in values], walk_paths(document))
    speedups.install()
    assert accessors.Subscriptable is not protocol
    after = ([isinstance(v, accessors.Subscriptable) for v in values], walk_paths(document))
    print(json.dumps([before, after]))
    """
)


def test_speedups_answer_as_the_library() -> None:
    ran = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True)
    before, after = json.loads(ran.stdout)
    assert after == before
    checks, problems = before
    assert True in checks and False in checks
    assert len(problems) >= 3  # the unresolved path parameter, and both defaults against their schemas
