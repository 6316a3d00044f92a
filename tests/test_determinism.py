"""Determinism under stress: the same document gives the same bytes whatever the hash seed, locale,
working directory or key order of the input.

The document is the richest shared one (a cluster with CRDs: inline schemas,
hoisted models, fixups, --lenient quirks), generated through the CLI with
black (gofmt for Go) and validation, as users run it, for every target.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import real_spec, run_kgen

DOCUMENT = "cluster-1.36-small-crds"
VARIANTS = {
    "hash seed 1": {"PYTHONHASHSEED": "1"},
    "hash seed 4242": {"PYTHONHASHSEED": "4242"},
    "C locale, ASCII": {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    "C.UTF-8 locale": {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
}


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


TARGETS = ("python", "go", "java", "csharp")


def kgen(spec: Path, out: Path, target: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, bytes]:
    result = run_kgen("generate", "--spec", str(spec), "--out", str(out), "--lenient", "--target", target, env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return tree(out if out.is_absolute() else (cwd or Path.cwd()) / out)


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    return sorted(set(expected) ^ set(actual)) + [path for path in expected if path in actual and expected[path] != actual[path]]


@pytest.fixture(scope="module", params=TARGETS)
def target(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def baseline(target: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return kgen(real_spec(DOCUMENT), tmp_path_factory.mktemp("baseline") / "out", target, {"PYTHONHASHSEED": "0"})


@pytest.mark.parametrize("variant", VARIANTS)
def test_same_bytes_whatever_the_environment(variant: str, target: str, baseline: dict[str, bytes], tmp_path: Path) -> None:
    assert not differences(baseline, kgen(real_spec(DOCUMENT), tmp_path / "out", target, VARIANTS[variant]))


def test_same_bytes_whatever_the_working_directory(target: str, baseline: dict[str, bytes], tmp_path: Path) -> None:
    cwd = tmp_path / "somewhere" / "else"
    cwd.mkdir(parents=True)
    spec = Path(os.path.relpath(real_spec(DOCUMENT), cwd))
    assert not differences(baseline, kgen(spec, Path("../out"), target, cwd=cwd))


def shuffled(value: Any, rng: random.Random) -> Any:
    """Every mapping's keys in a random order, recursively (lists keep theirs: their order is meaning)."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {key: shuffled(item, rng) for key, item in items}
    if isinstance(value, list):
        return [shuffled(item, rng) for item in value]
    return value


def test_same_bytes_whatever_the_key_order(target: str, baseline: dict[str, bytes], tmp_path: Path) -> None:
    original = real_spec(DOCUMENT).read_bytes()
    text = json.dumps(shuffled(json.loads(original), random.Random(20260126)), indent=1)
    assert text != json.dumps(json.loads(original), indent=1)
    spec = tmp_path / "shuffled.json"
    spec.write_text(text, "utf-8")
    actual = kgen(spec, tmp_path / "out", target)
    # The input bytes differ, so the spec hash in headers and the lock does too; nothing else may.
    digests = hashlib.sha256(original).hexdigest().encode(), hashlib.sha256(spec.read_bytes()).hexdigest().encode()
    normalised = {path: data.replace(digests[1], digests[0]) for path, data in actual.items() if path != "kgen.lock"}
    assert not differences({p: d for p, d in baseline.items() if p != "kgen.lock"}, normalised)
    assert json.loads(actual["kgen.lock"])["files"].keys() == json.loads(baseline["kgen.lock"])["files"].keys()
