"""Node.js and the pinned TypeScript compiler, for the tests of the TypeScript target.

.ci/run installs typescript and yaml (the generated package's one dependency, imported only
when a kubeconfig is read) into .ci/node; KGEN_TSC names another tsc, with yaml installed beside
it. Tests that need them skip with the reason when they are absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / ".ci" / "node" / "node_modules"
INSTALL_HINT = "run `npm install --prefix .ci/node typescript@5.9.3 yaml@2.9.1` (as .ci/run does) or set KGEN_TSC"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed: the TypeScript target's tests run generated code with Node.js 20+")
    return found


def tsc() -> list[str]:
    """The command that runs tsc (node and the compiler's script)."""
    script = Path(os.environ["KGEN_TSC"]) if "KGEN_TSC" in os.environ else NODE_MODULES / "typescript" / "bin" / "tsc"
    if not script.is_file():
        pytest.skip(f"tsc not found at {script}: {INSTALL_HINT}")
    return [node(), str(script)]


def typescript_module() -> Path:
    """The typescript package's directory (for Node scripts that use the compiler API)."""
    script = Path(os.environ["KGEN_TSC"]) if "KGEN_TSC" in os.environ else NODE_MODULES / "typescript" / "bin" / "tsc"
    package = script.resolve().parent.parent
    if not (package / "lib" / "typescript.js").is_file():
        pytest.skip(f"the typescript package was not found beside {script}: {INSTALL_HINT}")
    return package


def with_dependencies(package: Path) -> Path:
    """The package with a node_modules holding its dependency (yaml, installed beside the compiler), as npm install would leave it."""
    found = typescript_module().parent / "yaml"
    if not (found / "package.json").is_file():
        pytest.skip(f"the yaml package was not found at {found}: {INSTALL_HINT}")
    (package / "node_modules").mkdir(exist_ok=True)
    (package / "node_modules" / "yaml").symlink_to(found, target_is_directory=True)
    return package


def run_tsc(project: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*tsc(), "-p", str(project), *args], capture_output=True, text=True, timeout=timeout)


def compile_to(project: Path, out: Path) -> None:
    """Type-check the package strictly and emit JavaScript into `out` (fails the test with tsc's messages)."""
    result = run_tsc(project, "--strict", "--outDir", str(out), "--declaration", "false", "--sourceMap", "false")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def with_programs(programs: Path, package: Path, work: Path, *names: str, extra: dict[str, str] | None = None) -> Path:
    """A copy of a generated package with the named programs (from `programs`) and extra files in src/_check/, compiled to dist/."""
    copy = work / "package"
    shutil.copytree(package, copy)
    check = copy / "src" / "_check"
    check.mkdir()
    for name in names:
        shutil.copy(programs / name, check / name)
    for name, text in (extra or {}).items():
        (check / name).write_text(text, "utf-8")
    compile_to(copy, copy / "dist")
    return copy
