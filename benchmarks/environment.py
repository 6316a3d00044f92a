"""Where the benchmarks find the documents, the shared peer harnesses and the peers, and how they run kgen.

Each location can be moved with an environment variable, so the scripts run unchanged
from any checkout:

    KGEN_SPECS_DIR     upstream documents (default: ../shared/specs beside the repository)
    KGEN_SHARED_BENCH  peer harnesses and podgen.py (default: ../shared/bench)
    KGEN_PEERS_DIR     what setup_peers.sh installed (default: $TMPDIR/kgen-peers)

Stdlib only: these scripts orchestrate, the measured code runs in subprocesses.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
SPECS_DIR = Path(os.environ.get("KGEN_SPECS_DIR", REPO.parent / "shared" / "specs"))
SHARED_BENCH = Path(os.environ.get("KGEN_SHARED_BENCH", REPO.parent / "shared" / "bench"))
PEERS_DIR = Path(os.environ.get("KGEN_PEERS_DIR", Path(tempfile.gettempdir()) / "kgen-peers"))
SETUP_HINT = f"set the peers up with: bash {REPO.name}/benchmarks/setup_peers.sh"


def spec_path(name: str) -> Path:
    """A document of KGEN_SPECS_DIR by name; exits with the fix when it is absent."""
    path = SPECS_DIR / f"{name}.json"
    if not path.is_file():
        sys.exit(f"{path} not found: set KGEN_SPECS_DIR to the directory of the shared upstream documents")
    return path


def kgen_command() -> list[str]:
    """kgen as a user runs it, from this interpreter; exits with the fix when kgen is not installed here.

    kgen is byte-compiled first, as `pip install .` leaves it: an editable install
    run with PYTHONDONTWRITEBYTECODE set would compile its sources on every run.
    """
    spec = importlib.util.find_spec("kgen")
    if spec is None or spec.origin is None:
        sys.exit(f"kgen is not installed for {sys.executable}: run this script with the python of a venv "
                 "where `pip install -e .` was run")
    byte_compile(sys.executable, Path(spec.origin).parent)
    return [sys.executable, "-m", "kgen"]


def byte_compile(python: str, directory: Path) -> None:
    """Write the .pyc files of a package for `python`, as pip does on install."""
    subprocess.run([python, "-m", "compileall", "-q", str(directory)], check=True, stdout=subprocess.DEVNULL)


def load_harness(relative: str, name: str) -> ModuleType:
    """A module of the shared harnesses (read-only, never copied), imported from its file."""
    path = SHARED_BENCH / relative
    if not path.is_file():
        sys.exit(f"{path} not found: set KGEN_SHARED_BENCH to the shared peer harnesses")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_directory(scratch: Path, prefix: str) -> Path:
    """A fresh directory for one timed run, removed only with `scratch`, after every run: on a file system that
    discards freed blocks (ext4 mounted with `discard`, as on this project's machines), creating files soon after
    thousands were removed is slower by an amount that varies from run to run, which would charge one run for the
    previous run's cleanup. On ext4 without a journal it lasts minutes: new inodes skip those freed in the last
    60 to 360 s (`recently_deleted`), so pass --scratch on another file system (or wait) after removing many files."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=scratch))


def settle() -> None:
    """Before each timed run: the page cache the runs before it dirtied is written back now (sync), so that no run
    pays for writing back another's output (15,000 files for Java or C# at cluster scale)."""
    os.sync()


def file_system(path: Path) -> str:
    """The type and mount options of the file system `path` is on (Linux), for the report: disk effects differ."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "unknown"
    resolved = str(path.resolve())
    found = max((m for m in mounts if len(m) > 3 and (resolved + "/").startswith(m[1].rstrip("/") + "/")), key=lambda m: len(m[1]), default=None)
    return f"{found[2]} ({found[3]})" if found else "unknown"


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the report."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def generate_client(target: str, out: Path, package_name: str, spec: str = "k8s-1.36") -> str | None:
    """kgen's client of a shared document in `out`, as a user generates it; why it failed otherwise."""
    log(f"kgen: generating {spec} --target {target} into {out}")
    command = [*kgen_command(), "generate", "--spec", str(spec_path(spec)), "--target", target,
               "--out", str(out), "--package-name", package_name, "-q"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        return f"kgen generate failed (exit {done.returncode}):\n{done.stderr[-3000:]}"
    return None
