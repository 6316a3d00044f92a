"""gofmt over the generated Go files, where it is installed.

The templates write gofmt's layout themselves (and the tests hold them to
it), so gofmt finds nothing to change: it runs as a check that costs one
process for the whole output, and output without it is the same.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kgen.diagnostics import Diagnostic, KgenError, Level
from kgen.targets.base import GeneratedFile


def format_files(files: list[GeneratedFile]) -> list[GeneratedFile]:
    """The files as gofmt writes them; unchanged when gofmt is not installed."""
    gofmt = shutil.which("gofmt")
    sources = {f.path: f for f in files if f.formattable}
    if gofmt is None or not sources:
        return files
    with tempfile.TemporaryDirectory(prefix="kgen-gofmt-") as tmp:
        root = Path(tmp)
        for path, f in sources.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(f.content, "utf-8")
        result = subprocess.run([gofmt, "-l", "-w", "."], cwd=root, capture_output=True, text=True)
        if result.returncode != 0:
            raise KgenError(
                [Diagnostic(Level.ERROR, f"gofmt refused the generated code: {result.stderr.strip()[:2000]}", hint="this is a bug in kgen: please report it with the document")]
            )
        changed = {line.strip().removeprefix("./") for line in result.stdout.splitlines() if line.strip()}
        formatted = {path: (root / path).read_text("utf-8") for path in changed}
    return [GeneratedFile(f.path, formatted[f.path], f.formattable) if f.path in formatted else f for f in files]
