"""Code generation targets: each turns the IR into the files of one language.

A target is a module kgen.targets.<name>.target with `render(api, options)`,
and a template pack templates/<name>/ whose hash goes into kgen.lock.
"""

from __future__ import annotations

import hashlib
import importlib
from importlib import resources
from pathlib import Path
from types import ModuleType

# name -> what it generates (shown by `kgen targets`)
TARGETS: dict[str, str] = {
    "python": "Python 3.10+ package: msgspec models, httpx sync and asyncio API classes, typed (py.typed)",
    "typescript": "TypeScript ESM package: strict interfaces, a function per operation, fetch, no dependencies",
    "go": "Go 1.19+ module (--package-name is its path): a package per group/version, encoding/json and net/http only",
}


def load(name: str) -> ModuleType:
    if name not in TARGETS:
        raise ValueError(f"unknown target {name!r}: kgen has {', '.join(sorted(TARGETS))}")
    return importlib.import_module(f"kgen.targets.{name}.target")


def templates_dir(name: str) -> Path:
    return Path(str(resources.files("kgen.templates"))) / name


def templates_hash(name: str) -> str:
    return tree_sha256(templates_dir(name))


def tree_sha256(root: Path) -> str:
    """sha256 over a directory's files (relative paths and contents, in path order; caches left out): kgen.lock's template hashes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
