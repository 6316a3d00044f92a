"""What every target provides, and the files it produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # relative, POSIX separators, built only from sanitised names
    content: str
    formattable: bool = False  # source the formatter may touch


@dataclass(frozen=True)
class Options:
    package_name: str = "kube"
    project_name: str | None = None  # distribution name; defaults to the package name
    project_version: str = "0.1.0"
    kgen_version: str = ""
    spec_sha256: str = ""  # every file's header names it: a file says which document it came from
    extra: dict[str, str] = field(default_factory=dict)


def check_relative(path: str) -> str:
    """Refuse any path that could leave the output root (defence in depth: names are already sanitised)."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or "\x00" in path or not pure.parts:
        raise ValueError(f"refusing to write outside the output root: {path!r}")
    return path
