"""An item kept from a decoded list does not keep the whole response alive (issue 17).

A decoded resource remembers the JSON it came from (to send back the members
its models lack) and holds managedFields' fieldsV1 as `msgspec.Raw`, which
points into the JSON it was cut from. Were both the response buffer, keeping
one pod of a 5,000-pod list would keep its ~70 MB. The runtime decodes a list's
items each from a copy of its own bytes; these tests check, with a weak
reference to the buffer (a bytearray subclass, since bytearray itself takes
none), that the buffer is freed once the list is dropped, and that the kept
item still encodes back exactly. No timing is measured.

Runs against the golden demo package, in its own interpreter (as
tests/test_exact_numbers.py does).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

GOLDEN_DEMO = Path(__file__).parent / "golden" / "demo"
NO_BYTECODE = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # nothing is written into tests/golden

PRELUDE = r'''
import gc, json, weakref
from kube import decode, encode
from kube.core.v1 import Pod, PodList

class Buffer(bytearray):  # the response body is a bytearray; a subclass can be weakly referenced
    pass

# A pod with fieldsV1, members the models lack at three depths, and number tokens a float would re-spell.
FIELDS_V1 = '{"f:status":{"f:phase":{},".":{}},"n":[0.50,-0]}'
def pod(i):
    return (
        '{"metadata":{"name":"web-%d","managedFields":[{"fieldsType":"FieldsV1","fieldsV1":%s,"manager":"kubelet"}],'
        '"newerMeta":{"x":0.50}},"spec":{"containers":[{"image":"nginx","name":"web","newerContainer":[1e3]}]},'
        '"newer":{"t":-0}}' % (i, FIELDS_V1)
    )
def tokens(data):
    # JSON with every number as its token: equal when the same members hold the same tokens, in any order.
    return json.loads(data, parse_int=str, parse_float=str)
def pod_list(head, count=3):
    return ('{%s"items":[%s]}' % (head, ",".join(pod(i) for i in range(count)))).encode()

def kept_from(data):
    buffer = Buffer(data)
    alive = weakref.ref(buffer)
    listed = decode(PodList, buffer)
    kept = listed.items[1]
    del listed, buffer
    gc.collect()
    return kept, alive
'''


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", PRELUDE + code], capture_output=True, text=True, cwd=GOLDEN_DEMO, env=NO_BYTECODE, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_a_kept_item_does_not_keep_the_response_buffer() -> None:
    _run(r'''
kept, alive = kept_from(pod_list('"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"7"},'))
assert alive() is None, "the response buffer is still referenced by the kept item"
assert kept.metadata.name == "web-1"
assert bytes(kept.metadata.managed_fields[0].fields_v1) == FIELDS_V1.encode()  # fieldsV1 as it came
assert tokens(encode(kept)) == tokens(pod(1)), encode(kept)  # and what the models lack, with its tokens
''')


def test_the_items_of_a_large_list_are_copied_in_shared_blocks_and_let_go_of_the_buffer() -> None:
    # Over 128 KB of items: copied into shared anonymous mappings (a heap copy each would fragment the heap).
    _run(r'''
data = pod_list('"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"7"},', count=2000)
assert len(data) > 2 * 128 * 1024
listed = decode(PodList, data)
assert tokens(encode(listed)) == tokens(data)
assert [tokens(encode(p)) for p in listed.items[::397]] == [tokens(pod(i)) for i in range(0, 2000, 397)]
del listed
kept, alive = kept_from(data)
del data
gc.collect()
assert alive() is None
assert kept.metadata.name == "web-1" and tokens(encode(kept)) == tokens(pod(1))
assert type(kept._kgen_source) is memoryview  # the way under test was taken (the JSON it remembers)
assert bytes(kept.metadata.managed_fields[0].fields_v1) == FIELDS_V1.encode()
''')


def test_a_list_with_members_the_models_lack_lets_go_of_the_buffer_too() -> None:
    # A newer server's member at the top of the list takes another way; it is kept, and so are each item's.
    _run(r'''
data = pod_list('"apiVersion":"v1","kind":"PodList","newerList":{"y":0.50},')
assert tokens(encode(decode(PodList, data))) == tokens(data)
kept, alive = kept_from(data)
assert alive() is None
assert tokens(encode(kept)) == tokens(pod(1))
''')


def test_the_whole_list_round_trips_and_errors_name_the_item() -> None:
    _run(r'''
data = pod_list('"kind":"PodList",')
listed = decode(PodList, data)
assert listed.api_version is None and listed.kind == "PodList" and listed.metadata is None
assert tokens(encode(listed)) == tokens(data)
assert [p.metadata.name for p in listed.items] == ["web-0", "web-1", "web-2"]
for other in (data.decode(), memoryview(data), bytearray(data)):  # every input type takes the same way
    assert tokens(encode(decode(PodList, other))) == tokens(data), type(other)
assert decode(PodList, b'{"items":[]}').items == []
bad_name = data.replace(b'"name":"web-2"', b'"name":3')
for bad, where in ((bad_name, "$.items[2].metadata.name"), (b'{"items":[{"spec":[]}]}', "$.items[0].spec"),
                   (b'{"items":[1]}', "$.items[0]"), (b'{"items":null}', "$.items"), (b'{"kind":"PodList"}', "items"),
                   (b'[]', "object")):
    try:
        decode(PodList, bad)
    except Exception as error:
        assert type(error).__name__ == "ValidationError" and where in str(error), (bad, repr(error))
    else:
        raise AssertionError(bad)
''')


def test_a_single_resource_keeps_its_own_json() -> None:
    # A read's object holds its own response (all of it, no copy) for as long as it lives.
    _run(r'''
buffer = Buffer(pod(0).encode())
alive = weakref.ref(buffer)
kept = decode(Pod, buffer)
del buffer
gc.collect()
assert alive() is not None
assert tokens(encode(kept)) == tokens(pod(0))
del kept
gc.collect()
assert alive() is None
''')
