"""The C# toolchain for the tests: Debian's Mono (mcs, mono) and Newtonsoft.Json, a clear skip when absent.

CI installs `mono-devel` and `libnewtonsoft-json-cil-dev` from apt (no .NET SDK or
NuGet feed is reachable here). Everything is compiled with `mcs -langversion:7.2
-warnaserror`: generated code is plain C# 7.2 that .NET 8 compiles too, and a
warning fails the test that compiled it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

NEWTONSOFT = "newtonsoft-json"  # its pkg-config name (libnewtonsoft-json-cil-dev)
MCS_FLAGS = ("-langversion:7.2", "-warnaserror+", "-nowarn:1591", "-debug-", "-optimize+", "-nologo")
FRAMEWORK = ("System.dll", "System.Core.dll", "System.Net.Http.dll", "System.Numerics.dll", "System.Runtime.Serialization.dll")
INSTALL = "apt-get install mono-devel libnewtonsoft-json-cil-dev (CI does)"


def missing() -> str | None:
    """Why C# tests cannot run here, or None."""
    for tool in ("mcs", "mono", "pkg-config"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed: {INSTALL}"
    if newtonsoft() is None:
        return f"Newtonsoft.Json is not installed: {INSTALL}"
    return None


def newtonsoft() -> Path | None:
    """Newtonsoft.Json.dll as pkg-config names it (Debian ships 6.0.8)."""
    result = subprocess.run(["pkg-config", "--libs", NEWTONSOFT], capture_output=True, text=True)
    for flag in result.stdout.split():
        if flag.startswith("-r:") and Path(flag[3:]).is_file():
            return Path(flag[3:])
    return None


def sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.cs"))


def mcs(files: Iterable[Path], out: Path, *, exe: bool = False, references: Iterable[Path] = ()) -> Path:
    """Compile `files` into `out` (a library, or a console program), failing with mcs's diagnostics."""
    dll = newtonsoft()
    assert dll is not None, INSTALL
    out.parent.mkdir(parents=True, exist_ok=True)
    listing = out.with_suffix(".sources")  # a response file: thousands of files exceed the command line
    listing.write_text("\n".join(f'"{f}"' for f in files) + "\n", "utf-8")
    command = [
        "mcs",
        *MCS_FLAGS,
        f"-target:{'exe' if exe else 'library'}",
        f"-out:{out}",
        f"-r:{dll}",
        *(f"-r:{r}" for r in FRAMEWORK),
        *(f"-r:{r}" for r in references),
        f"@{listing}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, f"mcs failed ({result.returncode}):\n{(result.stdout + result.stderr)[-20000:]}"
    return out


def run(program: Path, *args: str, timeout: float = 120, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a compiled program with mono, Newtonsoft.Json and the program's own directory on MONO_PATH."""
    dll = newtonsoft()
    assert dll is not None, INSTALL
    paths = [str(program.parent), str(dll.parent)]
    merged = {**os.environ, **(env or {}), "MONO_PATH": os.pathsep.join(paths)}
    return subprocess.run(["mono", "--debug", str(program), *args], capture_output=True, text=True, timeout=timeout, env=merged, **kwargs)  # type: ignore[call-overload, no-any-return]
