"""Shared fixtures: real documents from KGEN_SPECS_DIR, and generating into temporary directories."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "specs" / "demo-cluster.json"
FIXTURES_OBJECTS = REPO / "tests" / "fixtures" / "objects"
SPECS_DIR = Path(os.environ.get("KGEN_SPECS_DIR", REPO.parent / "shared" / "specs"))
REAL_SPECS = ("k8s-1.36", "k8s-1.30", "argo-workflows", "cluster-1.36-small-crds")
CRDS_DIR = SPECS_DIR.parent / "crds"  # the CRD manifests that cluster-1.36-small-crds was built from
CRD_SETS = ("cert-manager", "gateway-api")
LENIENT = {"cluster-1.36-small-crds"}  # cluster documents may carry Go regex syntax
SCALE_CRDS = 10  # synthetic CRDs in the tests' cluster-scale document (benchmarks use 137; the shapes are the same)
SCALE_BUILDER = REPO / "benchmarks" / "scale_document.py"


def scale_document() -> Path:
    """Kubernetes 1.36 plus SCALE_CRDS synthetic CRDs (benchmarks/scale_document.py): long names, deep inline schemas.

    Built once per machine and builder version, into the temporary directory
    (it is deterministic, so a copy left by another run is the same document).
    """
    base = SPECS_DIR / "k8s-1.36.json"
    digest = hashlib.sha256(SCALE_BUILDER.read_bytes() + base.read_bytes()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"kgen-cluster-{SCALE_CRDS}-crds-{digest}.json"
    if not path.is_file():
        spec = importlib.util.spec_from_file_location("scale_document", SCALE_BUILDER)
        assert spec is not None and spec.loader is not None
        builder = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(builder)
        partial = path.with_suffix(f".{os.getpid()}.part")
        builder.write(base, SCALE_CRDS, partial)
        partial.replace(path)
    return path


def runtime_has_client() -> bool:
    """Whether generated packages export the runtime's Client yet (the runtime task adds it)."""
    from kgen.targets.python.target import RUNTIME_EXPORTS

    return any("Client" in names for names in RUNTIME_EXPORTS.values())


def real_spec(name: str) -> Path:
    path = SPECS_DIR / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"{path} not found: set KGEN_SPECS_DIR to the directory of the shared upstream documents")
    return path


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's kgen cache."""
    os.environ.setdefault("KGEN_CACHE_DIR", str(tmp_path_factory.mktemp("kgen-cache")))


def run_kgen(
    *args: str, input: bytes | None = None, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """The kgen CLI in a subprocess, as a user runs it (`timeout` bounds it: subprocess.TimeoutExpired fails the test)."""
    return subprocess.run(
        [sys.executable, "-m", "kgen", *args],
        input=input.decode() if input is not None else None,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=timeout,
    )


def generate(spec: Path | str, out: Path, *extra: str) -> Path:
    """Generate with the CLI and fail the test with kgen's stderr if it does not succeed."""
    result = run_kgen("generate", "--spec", str(spec), "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out


def generate_and_build(target: Any, document: dict[str, Any], tmp_path: Path, *extra: str, package: str = "ex") -> Path:
    """Generate `document` for a tests/targets.py Target and fail the test with what its compile and type checks find
    (the target is skipped where its toolchain is missing); the output directory."""
    from targets import Generated

    if reason := target.missing():
        pytest.skip(reason)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    out = generate(spec, tmp_path / "work" / package.rsplit("/", 1)[-1], "--package-name", package, "--target", target.name, *extra)
    problems = target.check_packages({spec.stem: Generated(out, package)}, tmp_path / "work")
    assert not problems, problems
    return out


@pytest.fixture(scope="session")
def real_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every real document generated once per session (the expensive part of several tests)."""
    outputs: dict[str, Path] = {}
    for name in REAL_SPECS:
        path = SPECS_DIR / f"{name}.json"
        if path.is_file():
            extra = ("--lenient",) if name in LENIENT else ()
            outputs[name] = generate(path, tmp_path_factory.mktemp(name), *extra)
    if not outputs:
        pytest.skip(f"no documents in {SPECS_DIR}: set KGEN_SPECS_DIR to the shared upstream documents")
    return outputs


@pytest.fixture(scope="session")
def typescript_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The real documents generated once per session with --target typescript."""
    outputs: dict[str, Path] = {}
    for name in REAL_SPECS:
        path = SPECS_DIR / f"{name}.json"
        if path.is_file():
            extra = ("--lenient",) if name in LENIENT else ()
            outputs[name] = generate(path, tmp_path_factory.mktemp(f"ts-{name}"), "--target", "typescript", *extra)
    return outputs


@pytest.fixture(scope="session")
def go_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every real document generated once per session with --target go."""
    import gotools

    if reason := gotools.missing():
        pytest.skip(reason)
    outputs: dict[str, Path] = {}
    for name in REAL_SPECS:
        path = SPECS_DIR / f"{name}.json"
        if path.is_file():
            extra = ("--lenient",) if name in LENIENT else ()
            outputs[name] = generate(path, tmp_path_factory.mktemp(f"{name}-go"), "--target", "go", *extra)
    if not outputs:
        pytest.skip(f"no documents in {SPECS_DIR}: set KGEN_SPECS_DIR to the shared upstream documents")
    return outputs


def crd_dirs() -> list[Path]:
    dirs = [CRDS_DIR / name for name in CRD_SETS]
    missing = [d for d in dirs if not d.is_dir()]
    if missing:
        pytest.skip(f"{missing[0]} not found: the shared CRD manifests live beside KGEN_SPECS_DIR, in ../crds")
    return dirs


@pytest.fixture(scope="session")
def crd_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shared CRDs generated the two CRD ways: joined to k8s-1.36, and alone (with the Kubernetes definitions kgen ships)."""
    dirs = [str(d) for d in crd_dirs()]
    outputs = {"crd-only": generate_crds(dirs, tmp_path_factory.mktemp("crd-only"))}
    spec = SPECS_DIR / "k8s-1.36.json"
    if spec.is_file():
        outputs["crd+k8s-1.36"] = generate_crds(dirs, tmp_path_factory.mktemp("crd-k8s"), "--spec", str(spec))
    return outputs


def generate_crds(crds: list[str], out: Path, *extra: str) -> Path:
    result = run_kgen("generate", "--crd", *crds, "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out


def import_all(root: Path, package: str = "kube") -> subprocess.CompletedProcess[str]:
    """Import every module of a generated package in a fresh interpreter."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"import {package} as p\n"
        "names = [m.name for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.')]\n"
        "for n in names: importlib.import_module(n)\n"
        "print(len(names))\n"
    )
    return run_python(root, code)


def run_python(root: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter whose working directory (so import path) is a generated output."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=300)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many hostile cases were checked for how many targets (see tests/targets.py)."""
    from targets import CHECKED

    suites: dict[str, dict[str, int]] = {}
    for (suite, target), count in sorted(CHECKED.items()):
        suites.setdefault(suite, {})[target] = count
    for suite, counts in suites.items():
        per_target = ", ".join(f"{target}: {count}" for target, count in counts.items())
        terminalreporter.write_line(f"{suite}: {sum(counts.values())} cases x targets checked ({per_target})")
