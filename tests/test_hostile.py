"""The hostile corpus (tests/hostile/), for every target: nothing escapes its context.

Each document in tests/hostile/ aims at one sink (string literal, docstring,
identifier, file path, URL path, the generator host) and says what must
happen in its `x-kgen-hostile` entry: generation succeeds, or fails with a
located error. Payloads that try to run code try to create the file named by
@CANARY@; it must exist neither after generating nor after importing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_kgen
from targets import (
    CHECKED,
    Generated,
    all_targets,
    check_cli_outcome,
    check_contained,
    check_output,
    no_canary,
    snapshot,
    substitute,
)

from kgen.app.pipeline import Request, build
from kgen.diagnostics import pointer

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".json", ".yaml"))


class _InertLoader(yaml.SafeLoader):
    """Reads the corpus' own expectations: unknown tags become None instead of failing."""


_InertLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_case(path: Path) -> Any:
    text = path.read_text("utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_InertLoader)  # noqa: S506


def write_case(path: Path, destination: Path, canary: Path) -> None:
    if path.suffix == ".json":
        destination.write_text(json.dumps(substitute(json.loads(path.read_text("utf-8")), canary), ensure_ascii=True), "utf-8")
    else:
        destination.write_text(path.read_text("utf-8").replace("@CANARY@", str(canary)), "utf-8")


def check_ir_keeps_spec_text(document: dict[str, Any], api, warnings: list) -> None:
    """Nothing is lost on the way in: what the round trip compares with is the spec's own text.

    Only properties whose names no client field can carry are left out, each with a warning.
    """
    left_out = {w.pointer for w in warnings if "is left out of the model" in w.message}
    for key, schema in document.get("definitions", {}).items():
        model = api.models[key]
        assert model.description == schema.get("description"), key
        properties = schema.get("properties", {})
        carried = [name for name in properties if pointer("definitions", key, "properties", name) not in left_out]
        assert sorted(f.wire_name for f in model.fields) == sorted(carried), key
        assert all(re.search(r'[\x00-\x1f"\\]', name) for name in set(properties) - set(carried)), key
    routes = {(op.method, op.path): op for op in api.operations}
    for path, item in document.get("paths", {}).items():
        for method, spec_op in item.items():
            op = routes[(method.upper(), path)]
            assert sorted(p.wire_name for p in op.params + ([op.body] if op.body else [])) == sorted(p["name"] for p in spec_op.get("parameters", []))
            assert (op.description, op.summary) == (spec_op.get("description"), spec_op.get("summary"))


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_hostile_document(case: Path, target, tmp_path: Path) -> None:
    if reason := target.missing():
        pytest.skip(reason)
    expect = read_case(case)["x-kgen-hostile"]
    sandbox, canary = tmp_path / "sandbox", tmp_path / "canary"
    sandbox.mkdir()
    spec = sandbox / f"spec{case.suffix}"
    write_case(case, spec, canary)
    out = sandbox / "a" / "b" / "out"  # ../../x from a package directory would still land in the sandbox
    out.parent.mkdir(parents=True)
    before = snapshot(sandbox)
    lenient = ["--lenient"] if expect["lenient"] else []
    with no_canary(canary, "generation"):
        result = run_kgen("generate", "--spec", str(spec), "--out", str(out), "--target", target.name, *lenient, cwd=sandbox)
    check_cli_outcome(result, expect if expect["expect"] == "error" else None, out)
    if expect["expect"] == "generated":
        check_contained(sandbox, before, out)
        api, _, warnings = build(Request(spec=str(spec), out=out, lenient=bool(lenient), format=False, validate=False))
        check_ir_keeps_spec_text(json.loads(spec.read_text("utf-8")), api, warnings)
        with target.loader(sandbox) as loader:
            check_output(target, api, out, "kube", loader, canary, formatted=True)
    CHECKED[("hostile corpus", target.name)] += 1


# A package name as long as teams use, where the target takes a dotted one: class names qualified against the models'
# (Json, String, Map) make long lines, which must be laid out as the formatter lays them out.
LONG_PACKAGES = {"java": "io.example.platform.generated.kubernetes"}


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_names_at_the_packages_root_build_as_users_build_them(target, tmp_path: Path) -> None:
    """Types and namespaces at the root named like the platform's (System, java) or the runtime's (Client, Task): the
    whole output, runtime included, builds as one project, as users build it (the corpus' loaders may build the
    runtime apart)."""
    if reason := target.missing():
        pytest.skip(reason)
    package = LONG_PACKAGES.get(target.name, "kube")
    work = tmp_path / "work"
    out = work / "kube"
    result = run_kgen("generate", "--spec", str(CORPUS / "root-names.json"), "--out", str(out), "--target", target.name, "--package-name", package)
    assert result.returncode == 0, result.stderr
    problems = target.check_packages({"root-names": Generated(out, package)}, work)
    assert not problems, problems
