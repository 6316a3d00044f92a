"""Each target's runtime, checked where it lives (templates/<target>/runtime/), not only as generated.

The Python tree is a package importable as kgen.templates.python.runtime:
`mypy --strict` checks it in place. The TypeScript and Go trees are linked
into a temporary package or module whose config files are rendered from the
target's own templates, so the tree is checked with the settings generated
clients build with: `tsc --strict --noEmit`, `go vet` and `go build`. The Java
tree compiles in place (its package is kgen.templates.java.runtime) with
`javac --release 17 -Xlint:all -Werror`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gotools
import javatools
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


@pytest.mark.skipif(javatools.missing() is not None, reason=javatools.missing() or "")
def test_java_runtime_compiles_warning_free(tmp_path: Path) -> None:
    """The tree as package kgen.templates.java.runtime, compiled with the generated clients' flags (javac --release 17 -Xlint:all -Werror)."""
    tree = TEMPLATES / "java" / "runtime"
    files = javatools.sources(tree)
    for file in files:
        first, *rest = file.read_text("utf-8").splitlines()
        assert first == "// kgen:header", f"{file.name}: the first line is where the generated header goes"
        assert "package kgen.templates.java.runtime;" in rest, f"{file.name}: declares the tree's package"
    javatools.javac(files, tmp_path / "classes")
    compiled = {p.stem for p in (tmp_path / "classes" / "kgen" / "templates" / "java" / "runtime").glob("*.class")}
    assert {p.stem for p in files} <= compiled
