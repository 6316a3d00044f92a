"""What every target provides, and the files it produces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kgen.diagnostics import Diagnostic, KgenError, Level


class OptionError(ValueError):
    """An option the language cannot take (a package name that is a reserved word): the user's to change.

    Any other exception a target raises is a bug in kgen and is reported as one.
    """


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # relative, POSIX separators, built only from sanitised names
    content: str
    formattable: bool = False  # source the formatter may touch


@dataclass(frozen=True)
class Options:
    """What a target renders with: the settings kgen.app.settings hands to targets (it holds their defaults), and the run's facts."""

    package_name: str
    project_name: str | None  # distribution name; defaults to the package name
    project_version: str
    kgen_version: str = ""
    spec_sha256: str = ""  # every file's header names it: a file says which document it came from
    extra: dict[str, str] = field(default_factory=dict)


_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# Names Windows reserves for devices, with or without an extension: a file or directory cannot have them.
DEVICE_NAMES = frozenset(["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)])
# Directory names that tools skip when they walk a tree (tsc's include globs, pyright, ruff): a package there goes missing.
SKIPPED_DIRS = frozenset(["node_modules"])


def unusable_dir(name: str) -> bool:
    """Whether a generated directory may not have this name: a Windows device name, or one that tools skip."""
    return name.split(".")[0].lower() in DEVICE_NAMES or name.lower() in SKIPPED_DIRS


def check_relative(path: str) -> str:
    """Refuse any path but plain relative segments (defence in depth: targets build paths from sanitised names only)."""
    parts = path.split("/")
    if not all(_SEGMENT.fullmatch(part) and part.strip(".") and part.split(".")[0].lower() not in DEVICE_NAMES for part in parts):
        raise KgenError(
            [Diagnostic(Level.ERROR, f"refusing to write {path!r}: not a plain relative path", hint="this is a bug in kgen: please report it with the document")]
        )
    return path
