"""The Go target on the shared upstream documents: formatted, vetted and built with the machine's Go, and
realistic objects decoded and encoded back exactly by a Go program.

CI installs Debian's golang-go (Go 1.19, the oldest Go the output supports);
every go command of the session shares one build cache (tests/gotools.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import gotools
import pytest
from conftest import DEMO, LENIENT, REAL_SPECS, SPECS_DIR, generate
from test_roundtrip import CASES, FIXTURES, _without_nulls

from kgen.app.pipeline import Request, build_api
from kgen.targets.go.target import model_locations

ROUND_TRIP = """package main

import (
	"os"

	"{module}/client"
{imports}
)

// roundTrip decodes data into a T and encodes it back as the client sends it (json.Marshal gives the same
// JSON, with <, > and & escaped).
func roundTrip[T any](data []byte) ([]byte, error) {{
	var value T
	if err := client.Decode(data, &value); err != nil {{
		return nil, err
	}}
	return client.Marshal(value)
}}

var cases = map[string]func([]byte) ([]byte, error){{
{cases}
}}

func main() {{
	data, err := os.ReadFile(os.Args[2])
	if err == nil {{
		data, err = cases[os.Args[1]](data)
	}}
	if err != nil {{
		os.Stderr.WriteString(err.Error())
		os.Exit(1)
	}}
	os.Stdout.Write(data)
}}
"""


@pytest.mark.parametrize("name", REAL_SPECS)
def test_gofmt_vet_and_build(name: str, go_outputs: dict[str, Path]) -> None:
    if name not in go_outputs:
        pytest.skip(f"{name} not in KGEN_SPECS_DIR ({SPECS_DIR})")
    out = go_outputs[name]
    assert not gotools.gofmt_changes(out)
    gotools.go("vet", "./...", cwd=out)
    gotools.go("build", "./...", cwd=out)


def _program(spec: str, out: Path, types: dict[str, tuple[str, str]], work: Path) -> Path:
    """A round-trip program for `types` (case name -> (package directory, type name)), built."""
    directories = sorted({d for d, _ in types.values()})
    aliases = {d: "p" + str(i) for i, d in enumerate(directories)}
    source = ROUND_TRIP.format(
        module="kube",
        imports="\n".join(f'\t{aliases[d]} "kube/{d}"' for d in directories),
        cases="\n".join(f'\t"{case}": roundTrip[{aliases[d]}.{name}],' for case, (d, name) in sorted(types.items())),
    )
    program = gotools.program(work / f"roundtrip-{spec}", "kube", out, source)
    gotools.go("build", "-o", "roundtrip", ".", cwd=program)
    return program / "roundtrip"


def _locations(spec: str, kinds: set[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Where the Go output has the resource types of these (apiVersion, kind) pairs."""
    api, _ = build_api(Request(spec=str(SPECS_DIR / f"{spec}.json"), out=Path("."), lenient=spec in LENIENT, validate=False))
    found = model_locations(api, "kube")
    by_gvk = {(m.resource_gvk.api_version, m.resource_gvk.kind): found[key] for key, m in api.models.items() if m.resource_gvk}
    return {kind: by_gvk[(api_version, kind)] for api_version, kind in kinds}


def _round_trip(binary: Path, case: str, document: Path) -> Any:
    result = subprocess.run([str(binary), case, str(document)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("spec", sorted({spec for spec, *_ in CASES}))
def test_exact_round_trip_in_go(spec: str, go_outputs: dict[str, Path], tmp_path: Path) -> None:
    """The Python suite's fixtures (tests/fixtures/objects) decode and encode back to the same JSON; nulls may go."""
    if spec not in go_outputs:
        pytest.skip(f"{spec} not in KGEN_SPECS_DIR ({SPECS_DIR})")
    fixtures = {fixture: json.loads((FIXTURES / fixture).read_text()) for s, fixture, *_ in CASES if s == spec}
    types = _locations(spec, {(f["apiVersion"], f["kind"]) for f in fixtures.values()} | {("v1", "PodList")})
    binary = _program(spec, go_outputs[spec], types, tmp_path)
    for fixture, original in fixtures.items():
        assert _round_trip(binary, original["kind"], FIXTURES / fixture) == _without_nulls(original), fixture
    podgen = SPECS_DIR.parent / "bench" / "runtime" / "podgen.py"
    if spec == "k8s-1.36" and podgen.is_file():  # the benchmark's Deployment pods: managedFields, int and named ports, quantities
        data = subprocess.run([sys.executable, str(podgen), "200"], capture_output=True, check=True).stdout
        (tmp_path / "list.json").write_bytes(data)
        original = json.loads(data)
        assert len(original["items"]) == 200 and _round_trip(binary, "PodList", tmp_path / "list.json") == _without_nulls(original)


def test_tokens_absent_and_empty_survive(tmp_path: Path) -> None:
    """What parsed-JSON equality cannot see: a quantity keeps its token, and absent stays absent while empty stays empty."""
    if reason := gotools.missing():
        pytest.skip(reason)
    out = generate(DEMO, tmp_path / "demo", "--target", "go")
    binary = _program("demo", out, {"Pod": ("core/v1", "Pod"), "ConfigMap": ("core/v1", "ConfigMap")}, tmp_path)
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "labels": {}, "creationTimestamp": "2025-03-01T08:13:02.120000Z"},
        "spec": {
            "containers": [
                {
                    "name": "c",
                    "args": [],
                    "resources": {"limits": {"cpu": 0.50, "memory": "1Gi"}, "requests": {"cpu": 1e3}},
                    "livenessProbe": {"httpGet": {"port": 8080, "path": "/<&>"}},
                    "readinessProbe": {"httpGet": {"port": "http"}},
                }
            ]
        },
    }
    (tmp_path / "pod.json").write_text(json.dumps(pod).replace("0.5,", "0.50,").replace("1000.0", "1e3"))
    text = subprocess.run([str(binary), "Pod", str(tmp_path / "pod.json")], capture_output=True, text=True, check=True).stdout
    assert json.loads(text) == pod
    assert '"cpu":0.50,' in text and '"cpu":1e3' in text and '"path":"/<&>"' in text and '"labels":{}' in text and '"args":[]' in text
    assert '"creationTimestamp":"2025-03-01T08:13:02.120000Z"' in text
    (tmp_path / "cm.json").write_text('{"kind":"ConfigMap","data":{},"immutable":false}')
    text = subprocess.run([str(binary), "ConfigMap", str(tmp_path / "cm.json")], capture_output=True, text=True, check=True).stdout
    assert json.loads(text) == {"kind": "ConfigMap", "data": {}, "immutable": False}


def test_decode_keeps_numbers_and_unknown_members_on_both_paths(tmp_path: Path) -> None:
    """client.Decode uses json.Unmarshal for a type that cannot reach a value typed any, a Decoder with UseNumber
    for one that can: tests/go/decode (go test in the client package) checks which each demo type takes and
    that on both numbers keep their tokens, unknown members are kept and trailing data is refused."""
    if reason := gotools.missing():
        pytest.skip(reason)
    out = generate(DEMO, tmp_path / "demo", "--target", "go")
    for source in sorted((Path(__file__).parent / "go" / "decode").glob("*_test.go")):
        shutil.copy(source, out / "client" / source.name)
    result = gotools.go("test", "-count=1", "-v", "./client/", cwd=out)
    for name in ("TestPaths", "TestReachingAnyKeepsNumbersAndUnknownMembers", "TestNotReachingAnyKeepsUnknownMembers"):
        assert f"--- PASS: {name}" in result.stdout, result.stdout


def test_units_that_refer_to_each_other_share_a_package(tmp_path: Path) -> None:
    """Go forbids import cycles, Swagger does not: two group/versions whose models refer to each other become one package."""
    if reason := gotools.missing():
        pytest.skip(reason)
    ref = {"$ref": "#/definitions/io.b.v1.B"}
    definitions = {
        "io.a.v1.A": {"type": "object", "properties": {"b": ref, "self": {"$ref": "#/definitions/io.a.v1.A"}}},
        "io.b.v1.B": {"type": "object", "properties": {"a": {"$ref": "#/definitions/io.a.v1.A"}}},
        "io.c.v1.C": {"type": "object", "properties": {"b": ref}},
    }
    spec = tmp_path / "cycle.json"
    spec.write_text(json.dumps({"swagger": "2.0", "info": {"title": "cycle", "version": "1"}, "paths": {}, "definitions": definitions}))
    out = generate(spec, tmp_path / "out", "--target", "go")
    api, _ = build_api(Request(spec=str(spec), out=out, validate=False))
    locations = model_locations(api, "kube")
    assert locations["io.a.v1.A"][0] == locations["io.b.v1.B"][0] != locations["io.c.v1.C"][0]
    gotools.go("vet", "./...", cwd=out)


def test_enum_values_a_go_constant_cannot_hold_are_left_out(tmp_path: Path) -> None:
    """Enums inside maps list what the spec lists: only values of the base type become constants, the rest are never spelled."""
    if reason := gotools.missing():
        pytest.skip(reason)
    thing = {
        "type": "object",
        "properties": {
            "m": {"type": "object", "additionalProperties": {"type": "string", "enum": [5, True, None, "ok"]}},
            "n": {"type": "object", "additionalProperties": {"type": "integer", "enum": [1.5, True, 3, "x", 2**63]}},
        },
    }
    spec = tmp_path / "enums.json"
    spec.write_text(json.dumps({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": {"io.example.v1.Thing": thing}}))
    out = generate(spec, tmp_path / "out", "--target", "go", "--lenient")
    models = (out / "exampleio" / "v1" / "models.go").read_text()
    constants = [line.split() for line in models.splitlines() if " = " in line and line.startswith("\tThing")]
    assert constants == [["ThingMOk", "ThingM", "=", '"ok"'], ["ThingNValue3", "ThingN", "=", "3"]]
    gotools.go("vet", "./...", cwd=out)
    gotools.go("build", "./...", cwd=out)


MISSPELLED = """package main

import (
	"context"

	"kube/client"
	corev1 "kube/core/v1"
)

func main() {
	c, _ := client.New(client.Config{Server: "http://127.0.0.1:1"})
	_, _ = corev1.NewCoreV1Client(c).ListNamespacedConfigMap(context.Background(), "default", &corev1.ListOptions{%s: client.Ptr("app=web")})
}
"""


def test_a_misspelled_option_does_not_compile(tmp_path: Path) -> None:
    """Options are struct fields: what the Python and TypeScript clients refuse at run time, Go refuses at build time."""
    if reason := gotools.missing():
        pytest.skip(reason)
    out = generate(DEMO, tmp_path / "demo", "--target", "go")
    gotools.go("build", ".", cwd=gotools.program(tmp_path / "right", "kube", out, MISSPELLED % "LabelSelector"))
    wrong = gotools.go("build", ".", cwd=gotools.program(tmp_path / "wrong", "kube", out, MISSPELLED % "LabelSelectr"), check=False)
    assert wrong.returncode != 0 and "unknown field" in wrong.stderr and "LabelSelectr" in wrong.stderr, wrong.stderr
