"""Writing generated files: staged, committed through a journal, never touching what kgen did not write.

A run stages every new or changed file under <out>/.kgen-staging, then
writes a journal (the commit point) and moves the staged files into place.
A run killed before the commit leaves the previous output as it was; one
killed after it is completed by the next run, before anything else.

The lock file (kgen.lock) records what produced the output and the hash of
every file kgen wrote: stale files are removed only if they are listed
there, and a file kgen never wrote is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgen.diagnostics import Diagnostic, KgenError, Level
from kgen.targets.base import GeneratedFile, check_relative

LOCK = "kgen.lock"
STAGING = ".kgen-staging"
JOURNAL = ".kgen-journal.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def encode_file(f: GeneratedFile) -> bytes:
    return f.content.encode("utf-8")


def read_lock(root: Path) -> dict[str, Any] | None:
    """The lock, or None when it is missing or not a lock (its `files` must map paths to hashes)."""
    try:
        data = json.loads((root / LOCK).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    files = data["files"]
    return data if all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()) else None


def lock_text(provenance: dict[str, Any], files: dict[str, str]) -> str:
    return json.dumps({**provenance, "files": dict(sorted(files.items()))}, indent=2, sort_keys=True) + "\n"


def _fail(message: str, hint: str) -> KgenError:
    return KgenError([Diagnostic(Level.ERROR, message, hint=hint)])


def destination(root: Path, rel: str) -> Path:
    """The path of `rel` under root, refusing anything that would leave it (through '..' or symlinks)."""
    try:
        check_relative(rel)
    except KgenError:  # generated paths are checked when made: this one comes from a lock
        raise _fail(f"{root / LOCK} lists {rel!r}, outside the output directory", f"restore {LOCK} from version control, or delete it") from None
    dest = root / rel
    current = root
    for part in Path(rel).parts[:-1]:
        current = current / part
        if current.is_symlink():
            raise _fail(f"refusing to write through the symlink {current}", "replace the symlink with a directory")
    if dest.is_symlink():
        raise _fail(f"refusing to overwrite the symlink {dest}", "remove the symlink")
    return dest


def recover(root: Path) -> None:
    """Finish a committed run that was interrupted, or discard an uncommitted one."""
    journal = root / JOURNAL
    if journal.exists():
        _apply(root, json.loads(journal.read_text("utf-8")))
    shutil.rmtree(root / STAGING, ignore_errors=True)


def write_output(root: Path, files: list[GeneratedFile], provenance: dict[str, Any]) -> WriteReport:
    if root.exists() and not root.is_dir():
        raise _fail(f"the output path {root} exists and is not a directory", "choose another --out")
    root.mkdir(parents=True, exist_ok=True)
    recover(root)
    previous = (read_lock(root) or {}).get("files") or {}
    contents = {f.path: encode_file(f) for f in files}
    _check_case_collisions(list(contents) + [LOCK])
    hashes = {path: digest(data) for path, data in contents.items()}
    report = WriteReport()
    changed: list[str] = []
    for path, data in sorted(contents.items()):
        dest = destination(root, path)
        if dest.exists():
            current = dest.read_bytes()
            if path not in previous and current != data:
                raise _fail(
                    f"{dest} exists and was not written by kgen",
                    "move it away, or choose another --out; kgen never overwrites files it did not write",
                )
            if current == data:
                report.unchanged.append(path)
                continue
        changed.append(path)
    stale = sorted(p for p in previous if p not in contents and p != LOCK)
    lock = lock_text(provenance, hashes).encode()
    lock_changed = not (root / LOCK).exists() or (root / LOCK).read_bytes() != lock
    if not changed and not stale and not lock_changed:
        return report
    staging = root / STAGING
    for path in changed + ([LOCK] if lock_changed else []):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(lock if path == LOCK else contents[path])
    _write_atomic(root / JOURNAL, json.dumps({"replace": changed + ([LOCK] if lock_changed else []), "delete": stale}).encode())
    _apply(root, {"replace": changed + ([LOCK] if lock_changed else []), "delete": stale})
    report.written = changed
    report.removed = [p for p in stale if not (root / p).exists()]
    return report


def _apply(root: Path, journal: dict[str, list[str]]) -> None:
    staging = root / STAGING
    for path in journal["replace"]:
        source, dest = staging / path, destination(root, path)
        if source.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, dest)
    for path in journal["delete"]:
        dest = destination(root, path)
        if dest.is_file():
            dest.unlink()
            _remove_empty_parents(root, dest.parent)
    (root / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def _remove_empty_parents(root: Path, directory: Path) -> None:
    while directory != root and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _check_case_collisions(paths: list[str]) -> None:
    """Two paths that differ only by case would overwrite each other on macOS and Windows."""
    seen: dict[str, str] = {}
    for path in paths:
        folded = path.casefold()
        if folded in seen and seen[folded] != path:
            raise _fail(f"{path!r} and {seen[folded]!r} differ only by case", "report this to kgen: names must be unique ignoring case")
        seen[folded] = path
