"""kgen's own package: imports that follow its folders, and a wheel that holds every module, template and data file."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "generator" / "kgen"


def _sources(root: Path) -> list[Path]:
    """The files under `root`, through the link generator/kgen/templates (to the top-level templates/)."""
    return sorted(Path(d, f) for d, dirs, files in os.walk(root, followlinks=True) if "__pycache__" not in Path(d).parts for f in files)


def _module_path(name: str) -> Path | None:
    """Where a plain clone holds the module `name` (kgen.x.y): generator/kgen/x/y.py or its package's __init__.py."""
    base = REPO / "generator" / Path(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> list[str]:
    """The kgen modules a file imports; `from kgen.x import y` names kgen.x.y when y is a module, else kgen.x."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(a.name for a in node.names if a.name.split(".")[0] == "kgen")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.split(".")[0] == "kgen":
            found.extend(f"{node.module}.{a.name}" if _module_path(f"{node.module}.{a.name}") else node.module for a in node.names)
    return found


def test_every_kgen_import_is_a_file_under_generator_kgen() -> None:
    """A reader (or a tool) in a plain clone follows `kgen.x.y` to generator/kgen/x/y.py, nothing installed."""
    files = [p for p in _sources(PACKAGE) if p.suffix == ".py"] + [p for p in _sources(REPO / "tests") if p.suffix == ".py" and "golden" not in p.parts]
    imports = {(path.relative_to(REPO).as_posix(), name) for path in files for name in _imports(path)}
    assert len(imports) > 200
    unresolved = sorted((where, name) for where, name in imports if _module_path(name) is None)
    assert not unresolved, unresolved


def test_the_wheel_holds_every_module_template_and_data_file(tmp_path: Path) -> None:
    """Packages are found, not listed: a module, template or data file added to the checkout is in the wheel."""
    source = tmp_path / "source"  # a copy: setuptools' build/ of an earlier build in the checkout would leak into the wheel
    for name in ("generator", "templates"):
        shutil.copytree(REPO / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 and "No module named" in done.stderr:
        pytest.fail(f"install the build backend into the test environment (pip install '.[test]'): {done.stderr}")
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("kgen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        held = {name for name in archive.namelist() if name.startswith("kgen/")}
    wanted = {"kgen/" + p.relative_to(PACKAGE).as_posix() for p in _sources(PACKAGE)}
    assert any(name.startswith("kgen/templates/python/") for name in wanted) and "kgen/sources/kubernetes.json" in wanted
    assert held == wanted, f"left out: {sorted(wanted - held)[:10]}; not in the checkout: {sorted(held - wanted)[:10]}"
