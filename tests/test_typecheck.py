"""The generated package for Kubernetes 1.36 is clean under `mypy --strict` and pyright (strict), and black-stable.

Until the runtime's Client lands (the runtime task), API modules type against
a missing class; the check then covers the models, the runtime's model
module and every package __init__ (its explicit re-exports), and widens to
the whole package by itself once Client is exported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import real_spec, runtime_has_client
from target_python import PYRIGHT_CONFIG


@pytest.fixture(scope="module")
def k8s(real_outputs: dict[str, Path]) -> Path:
    real_spec("k8s-1.36")
    return real_outputs["k8s-1.36"]


def _targets(root: Path) -> list[str]:
    if runtime_has_client():
        return ["kube"]
    files = sorted(root.glob("kube/**/models.py")) + sorted(root.glob("kube/**/__init__.py")) + [root / "kube" / "_runtime" / "model.py"]
    return [p.relative_to(root).as_posix() for p in files]


def test_mypy_strict(k8s: Path, tmp_path: Path) -> None:
    follow = [] if runtime_has_client() else ["--follow-imports=silent"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), *follow, *_targets(k8s)],
        capture_output=True, text=True, cwd=k8s, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "Success: no issues found" in result.stdout


def _pyright(root: Path, tmp_path: Path) -> None:
    config = tmp_path / "pyrightconfig.json"
    config.write_text(json.dumps({**PYRIGHT_CONFIG, "extraPaths": [str(root)]}))  # the config lives outside the package
    result = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "-p", str(config), "--pythonpath", sys.executable, *_targets(root)],
        capture_output=True, text=True, cwd=root, timeout=900,
    )  # fmt: skip
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"pyright did not run: {result.stdout[-2000:]} {result.stderr[-2000:]}")
    problems = [f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}" for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert not problems, "\n".join(problems[:50])
    assert report["summary"]["filesAnalyzed"] >= len(_targets(root)) or runtime_has_client()


def test_pyright_strict(k8s: Path, tmp_path: Path) -> None:
    _pyright(k8s, tmp_path)


def test_pyright_strict_with_open_enums(real_outputs: dict[str, Path], tmp_path: Path) -> None:
    """The cluster document's CRDs bring open enums: string and integer ones, shared between fields."""
    real_spec("cluster-1.36-small-crds")
    _pyright(real_outputs["cluster-1.36-small-crds"], tmp_path)


def test_black_stable(k8s: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "black", "--check", "--quiet", "kube"], capture_output=True, text=True, cwd=k8s, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
