"""Structural hostility: every document gets bounded time and memory, and a clear error past a documented limit.

Each test hits one limit (README, "Options and limits") and checks the error
and that the run ends within a generous bound (the subprocess timeout).
Legitimate recursion still generates, and collisions after sanitising or
ignoring case are resolved, not written over each other.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import run_kgen
from targets import CHECKED, Target, all_targets, check_contained, check_output, definition_ref, snapshot

from kgen.app.pipeline import Request, build
from kgen.diagnostics import KgenError
from kgen.emit.output import locked, write_output
from kgen.passes.check_references import MAX_CHAIN
from kgen.sources.loading import MAX_BYTES, MAX_DEFINITIONS, MAX_DEPTH, MAX_DEPTH_CEILING, MAX_OPERATIONS
from kgen.targets.base import GeneratedFile

BOUND = 120  # seconds: far above what each case needs, low enough to catch a hang or a quadratic blow-up


def document(definitions: dict[str, Any], paths: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"swagger": "2.0", "info": {"title": "limits", "version": "1"}, "paths": paths or {}, "definitions": definitions}


def obj(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, "utf-8")
    return path


def kgen(spec: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_kgen("generate", "--spec", str(spec), "--out", str(out), *extra, timeout=BOUND)


def assert_error(result: subprocess.CompletedProcess[str], message: str, where: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ") and message in line]
    assert lines and where in lines[0], f"expected {message!r} at {where!r} in:\n{result.stderr}"
    assert "  hint: " in result.stderr


# -- $ref cycles and chains ------------------------------------------------------------
def test_reference_cycle_is_an_error(tmp_path: Path) -> None:
    spec = write(tmp_path / "s.json", document({"io.x.v1.A": definition_ref("io.x.v1.B"), "io.x.v1.B": definition_ref("io.x.v1.A")}))
    result = kgen(spec, tmp_path / "out")
    assert_error(result, "definitions only refer to each other in a cycle: io.x.v1.A -> io.x.v1.B -> io.x.v1.A", "#/definitions/io.x.v1.A")


def test_reference_chain_longer_than_the_limit_is_an_error(tmp_path: Path) -> None:
    def chain(length: int) -> dict[str, Any]:
        defs = {f"io.x.v1.D{i}": definition_ref(f"io.x.v1.D{i + 1}") for i in range(length)}
        return document({**defs, f"io.x.v1.D{length}": obj(a={"type": "string"})})

    result = kgen(write(tmp_path / "long.json", chain(MAX_CHAIN + 10)), tmp_path / "out")
    assert_error(result, f"a chain of more than {MAX_CHAIN} definitions that only refer to the next", "#/definitions/io.x.v1.D0")
    assert kgen(write(tmp_path / "ok.json", chain(MAX_CHAIN - 4)), tmp_path / "ok").returncode == 0


RECURSIVE = document(
    {
        # JSONSchemaProps-style: recursion through fields, direct and mutual
        "io.x.v1.Props": obj(properties={"type": "object", "additionalProperties": definition_ref("io.x.v1.Props")}, items=definition_ref("io.x.v1.Items")),
        "io.x.v1.Items": obj(schema=definition_ref("io.x.v1.Props"), many={"type": "array", "items": definition_ref("io.x.v1.Props")}),
        # aliases that refer back to themselves: within a package, and across two packages
        "io.x.v1.Nested": {"type": "array", "items": definition_ref("io.x.v1.Nested")},
        "io.x.v1.Ping": {"type": "array", "items": definition_ref("io.y.v1.Pong")},
        "io.y.v1.Pong": {"type": "array", "items": definition_ref("io.x.v1.Ping")},
        "io.x.v1.Holder": obj(nested=definition_ref("io.x.v1.Nested"), ping=definition_ref("io.x.v1.Ping")),
    }
)
DECODE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from kube._runtime.model import decode, encode
from kube.x_io.v1 import Holder, Props
data = {"properties": {"a": {"items": {"schema": {"properties": {}}, "many": [{}]}}}}
assert json.loads(encode(decode(Props, json.dumps(data)))) == data
holder = {"nested": [[[]], []], "ping": [[[[]]]]}
assert json.loads(encode(decode(Holder, json.dumps(holder)))) == holder
print("ok")
"""


def test_recursive_schemas_generate_and_decode(tmp_path: Path) -> None:
    result = kgen(write(tmp_path / "s.json", RECURSIVE), tmp_path / "out", "-v")  # -v: every warning, not one per kind
    assert result.returncode == 0, result.stderr
    cut = [line for line in result.stderr.splitlines() if "closes a cycle of definitions that are not objects" in line]
    assert len(cut) == 2 and "#/definitions/io.x.v1.Nested" in cut[0], result.stderr  # one per cycle, the rest keeps its type
    decoded = subprocess.run([sys.executable, "-c", DECODE, str(tmp_path / "out")], capture_output=True, text=True, timeout=BOUND)
    assert decoded.stdout.strip() == "ok", decoded.stderr


# -- size and nesting -------------------------------------------------------------------
def test_nesting_10000_deep_is_an_error(tmp_path: Path) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    json_spec = write(tmp_path / "deep.json", '{"swagger": "2.0", "definitions": {"x": ' + deep + "}}")
    yaml_spec = write(tmp_path / "deep.yaml", "swagger: '2.0'\ndefinitions:\n  x: " + deep + "\n")
    block_yaml = write(tmp_path / "block.yaml", "swagger: '2.0'\ndefinitions:\n  x:\n    " + "- " * 10_000 + "end\n")
    for spec, where in ((json_spec, "#/"), (yaml_spec, "deep.yaml:3:"), (block_yaml, "block.yaml:")):
        assert_error(kgen(spec, tmp_path / "out"), f"nesting is deeper than the limit of {MAX_DEPTH} levels", where)


def nested_arrays(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "array", "items": schema}
    return document({"io.x.v1.Deep": obj(deep=schema)})


def test_the_deepest_document_allowed_generates(tmp_path: Path) -> None:
    """At --max-depth's ceiling (arrays: the most schema levels per JSON level), every stage still works."""
    levels = MAX_DEPTH_CEILING - 5  # root, definitions, Deep, properties, deep
    spec = write(tmp_path / "s.json", nested_arrays(levels))
    out = tmp_path / "out"
    assert kgen(spec, out, "--max-depth", str(MAX_DEPTH_CEILING)).returncode == 0
    models = (out / "kube" / "x_io" / "v1" / "models.py").read_text("utf-8")
    assert "list[" * levels + "str" + "]" * levels in models.replace("\n", "").replace(" ", "")
    imported = subprocess.run([sys.executable, "-c", "import kube.x_io.v1.models"], cwd=out, capture_output=True, text=True, timeout=BOUND)
    assert imported.returncode == 0, imported.stderr
    result = kgen(spec, tmp_path / "refused", "--max-depth", str(MAX_DEPTH_CEILING + 1))
    assert result.returncode == 2 and f"is not between 1 and {MAX_DEPTH_CEILING}" in result.stderr


def test_a_document_over_max_bytes_is_an_error(tmp_path: Path) -> None:
    big = document({"io.x.v1.D": obj(a={"type": "string", "description": "x" * MAX_BYTES})})
    spec = write(tmp_path / "big.json", big)
    assert spec.stat().st_size > MAX_BYTES
    message = f"document is larger than the limit of {MAX_BYTES} bytes"
    assert_error(kgen(spec, tmp_path / "out"), message, "big.json#/")
    assert_error(run_kgen("generate", "--spec", "-", "--out", str(tmp_path / "out"), input=spec.read_bytes(), timeout=BOUND), message, "<stdin>#/")


def test_100000_definitions_or_operations_are_an_error(tmp_path: Path) -> None:
    definitions = {f"io.x.v1.D{i}": obj(a={"type": "string"}) for i in range(100_000)}
    result = kgen(write(tmp_path / "defs.json", document(definitions)), tmp_path / "out")
    assert_error(result, f"the document has 100000 definitions, more than the limit of {MAX_DEFINITIONS}", "#/definitions")
    paths = {f"/p{i}": {"get": {"operationId": f"op{i}", "responses": {"200": {"description": "OK"}}}} for i in range(100_000)}
    result = kgen(write(tmp_path / "ops.json", document({}, paths)), tmp_path / "out")
    assert_error(result, f"the document has 100000 operations, more than the limit of {MAX_OPERATIONS}", "#/paths")


def test_100000_enum_values(tmp_path: Path) -> None:
    """The generated code does not grow with an enum (its values are documentation); validating one can be quadratic.

    Distinct strings and integers are plainly valid (kgen.sources.metaschemas): numbers with fractions beside
    strings go to jsonschema, whose uniqueness check of mixed types is quadratic.
    """
    strings = document({"io.x.v1.E": obj(e={"type": "string", "enum": [f"v{i}" for i in range(100_000)]})})
    assert kgen(write(tmp_path / "strings.json", strings), tmp_path / "strings").returncode == 0
    mixed = write(tmp_path / "mixed.json", document({"io.x.v1.E": obj(e={"enum": [i + 0.5 if i % 2 else str(i) for i in range(100_000)]})}))
    result = kgen(mixed, tmp_path / "mixed", "--validation-timeout", "3")
    assert_error(result, "validation did not finish within 3 s (the limit set by --validation-timeout)", "mixed.json#/")
    lenient = kgen(mixed, tmp_path / "lenient", "--validation-timeout", "3", "--lenient")
    assert lenient.returncode == 0 and "warning: " in lenient.stderr and "going on without it" in lenient.stderr


def test_a_catastrophic_pattern_is_bounded_by_the_validation_timeout(tmp_path: Path) -> None:
    """Validators match a default against its own pattern (in schemas that operations use); kgen never matches spec patterns itself.

    Every validation process is stuck (each API's paths are a unit of their own), and none outlives the run.
    """
    get = {"responses": {"200": {"description": "OK", "schema": definition_ref("io.x.v1.R")}}}
    paths = {f"/r{i}": {"get": {"operationId": f"get{i}", **get}} for i in range(8)}
    doc = document({"io.x.v1.R": obj(r={"type": "string", "pattern": "^(a+)+$", "default": "a" * 64 + "!"})}, paths)
    spec = write(tmp_path / "s.json", doc)
    assert_error(kgen(spec, tmp_path / "out", "--validation-timeout", "3"), "validation did not finish", "s.json#/")
    deadline = time.monotonic() + 10
    while (left := _processes_naming(str(spec))) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"validation processes outlived the run: {left}"


def _processes_naming(argument: str) -> list[int]:
    """The live processes whose command line has `argument` (a run's workers have their parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and argument.encode() in (entry / "cmdline").read_bytes().split(b"\0") and b"Z" not in (entry / "stat").read_bytes().rsplit(b")", 1)[1][:3]:
                found.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile
    return found


# -- collisions -------------------------------------------------------------------------
COLLIDING = ["a-b", "a_b", "aB", "a b", "A-B", "a__b", "a.b", "AB", "ab", "a--b"]


def colliding_document() -> dict[str, Any]:
    definitions = {f"io.x.v1.{name}": obj(**{n: {"type": "string", "description": n} for n in COLLIDING}) for name in COLLIDING}
    definitions |= {"io.Example.v1.Thing": obj(a={"type": "string"}), "io.example.v1.thing": obj(b={"type": "string"})}
    definitions |= {"io.x.v1.Foo": obj(foo={"type": "string"}, Foo={"type": "string"}, FOO={"type": "string"}), "io.x.v1.foo": obj()}
    params = [{"name": n, "in": "query", "type": "string"} for n in COLLIDING]
    paths = {
        f"/ops/{i}": {"get": {"operationId": name, "tags": [tag], "parameters": params, "responses": {"200": {"description": "OK"}}}}
        for i, (name, tag) in enumerate(zip(COLLIDING, ["Pets", "pets", "PETS", "pe-ts", "pe_ts"] * 2))
    }
    return document(definitions, paths)


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_names_that_collide_after_sanitising_or_case_folding(target: Target, tmp_path: Path) -> None:
    if reason := target.missing():
        pytest.skip(reason)
    spec = write(tmp_path / "s.json", colliding_document())
    out = tmp_path / "out"
    before = snapshot(tmp_path)
    result = kgen(spec, out, "--target", target.name)
    assert result.returncode == 0, result.stderr
    check_contained(tmp_path, before, out)
    written = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert len({p.casefold() for p in written}) == len(written), "paths that differ only by case"
    api, _, _ = build(Request(spec=str(spec), out=out, format=False, validate=False))
    assert len(api.models) == len(colliding_document()["definitions"]) and len(api.operations) == len(COLLIDING)
    with target.loader(tmp_path) as loader:
        check_output(target, api, out, "kube", loader, tmp_path / "canary", formatted=True)  # every name kept apart, every wire name intact
    CHECKED[("limits: collisions", target.name)] += 1


def test_writing_refuses_paths_that_differ_only_by_case(tmp_path: Path) -> None:
    """The last line of defence, for any target: macOS and Windows would write one file over the other."""
    files = [GeneratedFile("pkg/Models.py", "a = 1\n"), GeneratedFile("pkg/models.py", "b = 2\n")]
    with pytest.raises(KgenError, match="differ only by case"), locked(tmp_path / "out") as out:
        write_output(out, files, {})
    assert not (tmp_path / "out" / "pkg").exists()
