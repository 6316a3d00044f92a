"""Each target's runtime, checked where it lives (templates/<target>/runtime/), not only as generated.

The Python tree is a package importable as kgen.templates.python.runtime:
`mypy --strict` checks it in place. The TypeScript and Go trees are linked
into a temporary package or module whose config files are rendered from the
target's own templates, so the tree is checked with the settings generated
clients build with: `tsc --strict --noEmit`, `go vet` and `go build`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gotools
import pytest
import typescript_tools

from conftest import REPO
from kgen.targets.go.target import GO_VERSION
from kgen.targets.templating import environment

TEMPLATES = REPO / "templates"


def test_python_runtime_is_clean_under_mypy_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "-p", "kgen.templates.python.runtime._runtime"],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "MYPYPATH": str(REPO / "generator")}, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "Success: no issues found in 9 source files" in result.stdout


def test_typescript_runtime_is_clean_under_tsc_strict(tmp_path: Path) -> None:
    """The tree as src/_runtime/ of an ES module package with the generated tsconfig.json."""
    (tmp_path / "package.json").write_text('{"type": "module"}\n', "utf-8")
    (tmp_path / "tsconfig.json").write_text(environment("typescript").get_template("tsconfig.json.jinja").render(), "utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "_runtime").symlink_to(TEMPLATES / "typescript" / "runtime", target_is_directory=True)
    result = typescript_tools.run_tsc(tmp_path, "--strict", "--noEmit", "--listFilesOnly")
    listed = {Path(line).name for line in result.stdout.split()}
    assert {p.name for p in (TEMPLATES / "typescript" / "runtime").glob("*.ts")} <= listed
    result = typescript_tools.run_tsc(tmp_path, "--strict", "--noEmit")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.skipif(gotools.missing() is not None, reason=gotools.missing() or "")
def test_go_runtime_vets_and_builds(tmp_path: Path) -> None:
    """The tree as the client/ package of a module with the generated go.mod and go.sum."""
    env = environment("go")
    (tmp_path / "go.mod").write_text(env.get_template("go.mod.jinja").render(module="kgen.invalid/runtime", go_version=GO_VERSION), "utf-8")
    (tmp_path / "go.sum").write_text(env.get_template("go.sum.jinja").render(), "utf-8")
    (tmp_path / "client").symlink_to(TEMPLATES / "go" / "runtime", target_is_directory=True)
    assert not gotools.gofmt_changes(TEMPLATES / "go" / "runtime")
    gotools.go("vet", "./client", cwd=tmp_path)
    gotools.go("build", "./client", cwd=tmp_path)
