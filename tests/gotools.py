"""The Go toolchain for the tests: one build cache per test session, a clear skip when absent.

CI installs Debian's golang-go (Go 1.19, the oldest Go the generated code
must build with); elsewhere `apt-get install golang-go`. Every go command of
a session shares one GOCACHE (a temporary directory, removed at exit), so the
runtime package and the standard library compile once per session. The one
module generated code requires (sigs.k8s.io/yaml, for kubeconfig files) comes
from the user's module cache (GOMODCACHE), checked against the generated
go.sum; .ci/run fills it (`go mod download` in tests/golden/demo-go), and
elsewhere GOPROXY fetches it the first time only.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

PROBE = Path(__file__).parent / "go" / "probe"


def missing() -> str | None:
    """Why Go tests cannot run here, or None."""
    if shutil.which("go") is None or shutil.which("gofmt") is None:
        return "the Go toolchain is not installed: apt-get install golang-go (CI does)"
    return None


@lru_cache(maxsize=1)
def environment() -> dict[str, str]:
    """os.environ plus the session's GOCACHE and GOPATH, and the user's lasting module cache."""
    home = Path(tempfile.mkdtemp(prefix="kgen-go-"))
    atexit.register(shutil.rmtree, home, True)
    modules = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    return {
        **os.environ,
        "GOCACHE": os.environ.get("KGEN_TEST_GOCACHE", str(home / "cache")),
        "GOPATH": str(home / "path"),
        "GOMODCACHE": modules,
        "GOFLAGS": "-mod=mod",
        "CGO_ENABLED": "0",
    }


def go(*args: str, cwd: Path, timeout: float = 900, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a go command; with `check`, a failure fails the test with its output."""
    result = subprocess.run(["go", *args], cwd=cwd, env=environment(), capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, f"go {' '.join(args)} failed in {cwd}:\n{result.stdout[-3000:]}{result.stderr[-6000:]}"
    return result


def gofmt_changes(root: Path) -> list[str]:
    """The files gofmt would change (gofmt -l)."""
    result = subprocess.run(["gofmt", "-l", str(root)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@lru_cache(maxsize=1)
def probe() -> Path:
    """tests/go/probe, built once per session."""
    binary = Path(environment()["GOPATH"]) / "bin" / "kgen-probe"
    go("build", "-o", str(binary), ".", cwd=PROBE)
    return binary


def program(directory: Path, module: str, root: Path, main: str) -> Path:
    """A main package in `directory` that may import the generated module `module` found at `root`."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "go.mod").write_text(f"module kgentest\n\ngo 1.19\n\nrequire {module} v0.0.0\n\nreplace {module} => {root}\n", "utf-8")
    (directory / "main.go").write_text(main, "utf-8")
    shutil.copy(root / "go.sum", directory / "go.sum")  # the hashes of what the generated module requires
    return directory
