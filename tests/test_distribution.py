"""kgen's own wheel: every module, template and data file of the checkout is in it (pyproject lists packages by hand)."""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_generator_package_is_listed() -> None:
    found = {_package(p) for p in (REPO / "generator").rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"]) - {"kgen.templates"}
    assert listed == found, f"pyproject.toml [tool.setuptools] packages: add {sorted(found - listed)}, drop {sorted(listed - found)}"


def test_every_template_is_package_data() -> None:
    patterns = SETUPTOOLS["package-data"]["kgen.templates"]
    templates = [p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"]
    assert templates
    missed = [t for t in templates if not _matched(t, patterns)]
    assert not missed, f"templates the wheel would leave out (pyproject.toml package-data): {missed}"


def test_every_data_file_of_the_generator_is_package_data() -> None:
    """Such as sources/kubernetes.json, the Kubernetes definitions dangling references and CRDs are resolved from."""
    data = [p for p in (REPO / "generator").rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]
    assert any(p.name == "kubernetes.json" for p in data)
    package_data = SETUPTOOLS["package-data"]
    missed = [p.name for p in data if not _matched(p.name, package_data.get(_package(p), []))]
    assert not missed, f"data files the wheel would leave out (pyproject.toml package-data): {missed}"


def _package(path: Path) -> str:
    """The package a file of generator/ belongs to, as pyproject names it."""
    return ".".join(["kgen", *path.parent.relative_to(REPO / "generator").parts])


def _matched(name: str, patterns: list[str]) -> bool:
    """Whether setuptools' package-data `patterns` take the file at `name` (relative to its package; '*' stops at '/')."""
    return any(fnmatch.fnmatchcase(name, pattern) and name.count("/") == pattern.count("/") for pattern in patterns)
