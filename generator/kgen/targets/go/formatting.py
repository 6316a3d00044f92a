"""gofmt over the generated Go files, where it is installed.

The templates write gofmt's layout themselves (and the tests hold them to
it), so gofmt finds nothing to change: it runs as a check that costs one
process for the whole output, and output without it is the same.

The check's cost is gofmt's own (parsing and printing every file) and
writing the files for it: they go to /dev/shm where it has room (memory,
not a disk), and gofmt collects garbage less often (GOGC, unless the
environment sets it: less CPU for a few tens of MB more memory). The
formatting column of `benchmarks/generate.py --scale --targets go` is this
check's cost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kgen.diagnostics import Diagnostic, KgenError, Level
from kgen.targets.base import GeneratedFile

SHM = "/dev/shm"
GOGC = "400"


def format_files(files: list[GeneratedFile]) -> list[GeneratedFile]:
    """The files as gofmt writes them; unchanged when gofmt is not installed."""
    gofmt = shutil.which("gofmt")
    sources = {f.path: f.content.encode("utf-8") for f in files if f.formattable}
    if gofmt is None or not sources:
        return files
    with tempfile.TemporaryDirectory(prefix="kgen-gofmt-", dir=_scratch_dir(sum(map(len, sources.values())))) as tmp:
        root = Path(tmp)
        _write(root, sources)
        result = subprocess.run([gofmt, "-l", "-w", "."], cwd=root, capture_output=True, text=True, env={"GOGC": GOGC, **os.environ})
        if result.returncode != 0:
            raise KgenError(
                [Diagnostic(Level.ERROR, f"gofmt refused the generated code: {result.stderr.strip()[:2000]}", hint="this is a bug in kgen: please report it with the document")]
            )
        changed = {line.strip().removeprefix("./") for line in result.stdout.splitlines() if line.strip()}
        formatted = {path: (root / path).read_text("utf-8") for path in changed}
    return [GeneratedFile(f.path, formatted[f.path], f.formattable) if f.path in formatted else f for f in files]


def _scratch_dir(size: int) -> str | None:
    """/dev/shm when it has room for `size` bytes twice over (a container's may hold 64 MB), else the system's temp dir."""
    try:
        stat = os.statvfs(SHM)
    except OSError:
        return None
    return SHM if os.access(SHM, os.W_OK | os.X_OK) and stat.f_bavail * stat.f_frsize > 2 * size else None


def _write(root: Path, sources: dict[str, bytes]) -> None:
    """Each file under root, its directories made once each."""
    for directory in {os.path.dirname(path) for path in sources}:
        (root / directory).mkdir(parents=True, exist_ok=True)
    for path, content in sources.items():
        (root / path).write_bytes(content)
