"""Quantity fields and untyped values keep the JSON number token they arrived as: the round trip is byte-exact.

The demo's golden clients (tests/golden/) decode a ResourceRequirements (Quantity
values) and a WidgetSpec (`config`: untyped values, a list of them too) and
encode them back; the output must equal the input byte for byte. A float would
re-spell `1.5e9` as `1500000000.0` and `0.50` as `0.5`.

Python keeps an integer `-0` too, which msgspec decodes as `0` (it has a hook
for float tokens only): the runtime finds the token in the JSON, where it stands
as a number, not inside a string, and only in positions of open type (an int
field holds 0). A decoded resource does so when encoded, from the JSON it keeps.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gotools
import pytest
from typescript_tools import node, with_programs

GOLDEN = Path(__file__).parent / "golden"
TS_PROGRAMS = Path(__file__).parent / "typescript"
NO_BYTECODE = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # nothing is written into tests/golden
TOKENS = ["1.5e9", "0.50", "1e3", "-0", "12345678901234567890", "-1.25E-7", "0.0000001", "123456789.123456789", '"500m"']


def _documents(tokens: list[str]) -> tuple[bytes, bytes]:
    """(ResourceRequirements, WidgetSpec) in compact JSON, holding each token in a Quantity or untyped position."""
    limits = ",".join(f'"q{i}":{t}' for i, t in enumerate(tokens))
    config = ",".join(f'"v{i}":{t}' for i, t in enumerate(tokens))
    requirements = f'{{"limits":{{{limits}}},"requests":{{"cpu":{tokens[0]}}}}}'
    widget = f'{{"config":{{"list":[{",".join(tokens)}],"nested":{{"x":[{{"y":{tokens[1]}}}]}},{config}}},"size":3}}'  # keys sorted, as Go writes them
    return requirements.encode(), widget.encode()


PYTHON_PROBE = """
import sys
from kube import decode, encode
from kube.core.v1 import ResourceRequirements
from kube.example_com.v1 import WidgetSpec
for cls, path in ((ResourceRequirements, sys.argv[1]), (WidgetSpec, sys.argv[2])):
    data = open(path, "rb").read()
    sys.stdout.buffer.write(encode(decode(cls, data)) + b"\\n")
"""


def test_python_round_trip_keeps_number_tokens(tmp_path: Path) -> None:
    inputs = _write(tmp_path, _documents(TOKENS))
    result = subprocess.run([sys.executable, "-c", PYTHON_PROBE, *map(str, inputs)], capture_output=True, cwd=GOLDEN / "demo", env=NO_BYTECODE, timeout=120)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    assert result.stdout.splitlines() == [p.read_bytes() for p in inputs]


def test_python_numbers_of_open_type_are_still_numbers() -> None:
    code = (
        "from kube import decode, to_dict\n"
        "from kube.example_com.v1 import WidgetSpec\n"
        "w = decode(WidgetSpec, b'{\"config\": {\"a\": 0.50, \"b\": 7}, \"size\": 1}')\n"
        "assert w.config is not None and w.config['a'] * 2 == 1.0 and w.config['b'] == 7\n"
        "assert to_dict(w) == {'config': {'a': 0.5, 'b': 7}, 'size': 1} and type(to_dict(w)['config']['a']) is float\n"
    )
    _in_golden_demo(code)


GO_PROBE = """package main

import (
	"os"

	"kube/client"
	corev1 "kube/core/v1"
	examplev1 "kube/examplecom/v1"
)

func main() {
	for i, v := range []any{&corev1.ResourceRequirements{}, &examplev1.WidgetSpec{}} {
		data, err := os.ReadFile(os.Args[i+1])
		if err != nil {
			panic(err)
		}
		if err := client.Decode(data, v); err != nil {
			panic(err)
		}
		out, err := client.Marshal(v)
		if err != nil {
			panic(err)
		}
		os.Stdout.Write(append(out, '\\n'))
	}
}
"""


def test_go_round_trip_keeps_number_tokens(tmp_path: Path) -> None:
    if reason := gotools.missing():
        pytest.skip(reason)
    inputs = _write(tmp_path, _documents(TOKENS))
    program = gotools.program(tmp_path / "probe", "kube", GOLDEN / "demo-go", GO_PROBE)
    gotools.go("build", "-o", "probe", ".", cwd=program)
    result = subprocess.run([str(program / "probe"), *map(str, inputs)], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    assert result.stdout.splitlines() == [p.read_bytes() for p in inputs]


def test_typescript_round_trip_keeps_number_tokens(tmp_path: Path) -> None:
    inputs = _write(tmp_path, _documents(TOKENS))
    package = with_programs(TS_PROGRAMS, GOLDEN / "demo-typescript", tmp_path, "exact.ts")
    script = package / "dist" / "_check" / "exact.js"
    result = subprocess.run([node(), str(script), *map(str, inputs)], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    lines = result.stdout.decode().splitlines()
    assert [line.encode() for line in lines[:2]] == [p.read_bytes() for p in inputs]
    assert lines[2:] == [
        '{"limits":{"cpu":3,"memory":2.0},"requests":{"cpu":-0}}',  # the edited value as JS writes it, the others kept
        '{"limits":{"cpu":1.5}}',  # an object built in code has no tokens
        '{"config":{"s":"\\u0000kgen-number-0","n":1.5}}',  # the data holds encode's mark: right, without tokens
        'number 10 {"size":1e1,"config":{"kept":[null]}}',  # typed numbers stay numbers; null members are left out
        '{"config":{"s":"a:1.50,","k:2.0,":[2.0,"x]1e3]"],"d":3.0},"size":1}',
        str(len('{"config":{"deep":' + "[" * 4000 + "1.5" + "]" * 4000 + '},"size":1}')),
    ]


def _write(directory: Path, documents: tuple[bytes, ...]) -> list[Path]:
    paths = []
    for i, data in enumerate(documents):
        path = directory / f"input{i}.json"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_python_unknown_members_of_a_resource_keep_their_number_tokens() -> None:
    """Members a newer server sends (kept through read -> modify -> replace) are written back with their tokens too."""
    code = (
        "from kube import decode, encode\n"
        "from kube.example_com.v1 import Widget\n"
        "w = decode(Widget, b'{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},\"newer\":{\"t\":[0.50,1.5e9,-1.25E-7]}}')\n"
        "print(encode(w).decode())\n"
    )
    assert '"newer":{"t":[0.50,1.5e9,-1.25E-7]}' in _in_golden_demo(code)


def test_python_decoded_resources_in_plain_lists_and_dicts_keep_their_unknown_members() -> None:
    """`encode([pod, other])` writes each decoded resource back whole, as `encode(pod)` does; a resource built by hand beside them is as it is."""
    code = (
        "from kube import decode, encode\n"
        "from kube.example_com.v1 import Widget\n"
        "w = decode(Widget, b'{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},\"newer\":{\"t\":0.50}}')\n"
        "fresh = Widget(metadata=w.metadata)\n"
        "print(encode([w, {'kept': (w, fresh)}]).decode())\n"
        "print(encode([fresh]).decode())\n"
    )
    listed, alone = _in_golden_demo(code).splitlines()
    whole = '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"newer":{"t":0.50}}'
    fresh = '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}'
    assert listed == f'[{whole},{{"kept":[{whole},{fresh}]}}]'
    assert alone == f"[{fresh}]"


def _in_golden_demo(code: str) -> str:
    """What `code` printed, run against the golden Python package; it must succeed."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=GOLDEN / "demo", env=NO_BYTECODE, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


# Compact JSON in the order encode writes it (fields as declared, unknown members last).
# `-0` stands as a number token, inside strings (names, JSON held as text), as floats,
# and in an int field (size, containerPort), which encode writes as 0.
WIDGET_SPEC = rb'{"config":{"floats":[-0.0,-0e0,-0E+0],"json":"{\"a\":-0,\"b\":[-0]}","name":"web-0","zero":-0},"size":-0,"tags":["web-0","a -0 b",":-0,"]}'
POD = (
    rb'{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"applied":"{\"cpu\":-0}"},"name":"web-0"},'
    rb'"spec":{"containers":[{"name":"web-0","ports":[{"containerPort":-0}],"resources":{"limits":{"cpu":-0,"memory":"-0"}}}]},'
    rb'"newer":{"t":[-0,-0.0,0],"u":-0}}'
)


def test_python_negative_zero_stands_only_where_a_number_token_does() -> None:
    """Names and JSON held as text keep their `-0` as text, -0.0 and -0e0 are floats kept as sent, an int field holds the int 0."""
    code = f"""
from kube import Number, decode, encode
from kube.example_com.v1 import WidgetSpec
data = {WIDGET_SPEC!r}
spec = decode(WidgetSpec, data)
assert encode(spec) == data.replace(b'"size":-0', b'"size":0'), encode(spec)
assert type(spec.size) is int and spec.size == 0
config = spec.config or {{}}
assert isinstance(config["zero"], Number) and config["zero"].token == "-0" and config["zero"] == 0
assert [f.token for f in config["floats"]] == ["-0.0", "-0e0", "-0E+0"]
assert config["json"] == '{{"a":-0,"b":[-0]}}' and config["name"] == "web-0" and spec.tags == ["web-0", "a -0 b", ":-0,"]
"""
    _in_golden_demo(code)


def test_python_resource_writes_back_its_negative_zeros() -> None:
    """A decoded resource holds 0 (a list decodes unslowed) and encode writes -0 back: in Quantities, untyped and unknown members, as a list item, beside a container added since."""
    code = f"""
from kube import decode, encode
from kube.core.v1 import Container, Pod, PodList
data = {POD!r}
expected = data.replace(b'"containerPort":-0', b'"containerPort":0')
pod = decode(Pod, data)
assert encode(pod) == expected, encode(pod)
listed = decode(PodList, b'{{"items":[' + data + b']}}')
assert encode(listed.items[0]) == expected, encode(listed.items[0])
pod.spec.containers.insert(0, Container(name="sidecar"))
assert encode(pod) == expected.replace(b'"containers":[', b'"containers":[{{"name":"sidecar"}},'), encode(pod)
"""
    _in_golden_demo(code)
