"""kgen's own wheel: every module and template of the checkout is in it (pyproject lists packages by hand)."""

from __future__ import annotations

import fnmatch
import sys

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_generator_package_is_listed() -> None:
    found = {"kgen" + "".join("." + part for part in p.parent.relative_to(REPO / "generator").parts) for p in (REPO / "generator").rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"]) - {"kgen.templates"}
    assert listed == found, f"pyproject.toml [tool.setuptools] packages: add {sorted(found - listed)}, drop {sorted(listed - found)}"


def test_every_template_is_package_data() -> None:
    patterns = SETUPTOOLS["package-data"]["kgen.templates"]
    templates = [p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"]
    assert templates
    missed = [t for t in templates if not any(fnmatch.fnmatchcase(t, pattern) and t.count("/") == pattern.count("/") for pattern in patterns)]
    assert not missed, f"templates the wheel would leave out (pyproject.toml package-data): {missed}"
