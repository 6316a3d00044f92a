from __future__ import annotations

import json
import random

from .helpers import NAME, doc, ir, obj


def _shuffled(value, rng: random.Random):
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def _fingerprint(api) -> str:
    return json.dumps(
        [[(k, m.name, [f.wire_name for f in m.fields]) for k, m in api.models.items()],
         [(o.id, o.name, [p.wire_name for p in o.params]) for o in api.operations],
         [u.path for u in api.units]],
        default=str,
    )


def test_input_key_order_does_not_matter() -> None:
    document = doc(
        {f"io.x.v1.T{i}": obj(**{f"f{j}": {"type": "string"} for j in range(5)}) for i in range(10)},
        {f"/p{i}/{{name}}": {"parameters": [NAME], "get": {"operationId": f"get{i}", "tags": [f"t{i % 3}"], "parameters": [{"name": f"q{j}", "in": "query", "type": "string"} for j in range(4)], "responses": {}}} for i in range(10)},
    )
    expected = _fingerprint(ir(document))
    for seed in range(5):
        assert _fingerprint(ir(_shuffled(document, random.Random(seed)))) == expected
