"""Writing generated files: staged, committed through a journal, never touching what kgen did not write.

A run holds an exclusive lock on the output directory from start to end (see
OutputDir.lock), so two runs never mix their files. It stages every new or
changed file under <out>/.kgen-staging/new, then writes a journal (the commit
point) and moves the staged files into place, keeping the files it replaces
or removes under .kgen-staging/old until the end:
  * a run killed before the commit leaves the previous output as it was;
  * a run killed after it is completed by the next run, before anything else;
  * a run that fails during the commit (a permission or disk error) moves the
    previous files back, and exits 2 with the previous output intact.
The journal names the staging directory it belongs to (its inode) and the
sha256 of every staged file: a journal or staging directory committed to a
repository, or edited, is refused before anything moves.

The lock file (kgen.lock) records what produced the output and the hash of
every file kgen wrote. Only those files are kgen's: a file kgen would write
that exists and is not listed there is an error, even when its content is
what kgen would write, and stale files are removed only if listed there with
the hash they still have: a stale file changed since kgen wrote it is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kgen.diagnostics import KgenError
from kgen.emit.outdir import OutputDir, fail
from kgen.targets.base import GeneratedFile, check_relative

LOCK = "kgen.lock"
STAGING = ".kgen-staging"
JOURNAL = ".kgen-journal.json"
_NEW, _OLD = f"{STAGING}/new/", f"{STAGING}/old/"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SHOWN_CONFLICTS = 10


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # stale, but changed since kgen wrote them: left in place


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def encode_file(f: GeneratedFile) -> bytes:
    return f.content.encode("utf-8")


def _plain(path: object) -> bool:
    """A plain relative path under the root: what kgen itself writes."""
    if not isinstance(path, str):
        return False
    try:
        check_relative(path)
    except KgenError:
        return False
    return True


def read_lock(out: OutputDir) -> dict[str, Any] | None:
    """The lock, or None when it is missing or not a lock (its `files` must map paths to hashes).

    A lock that lists a path outside the output directory (`../x`, `/etc/x`) is refused:
    kgen would delete or compare that path.
    """
    try:
        data = json.loads(out.read(LOCK) or b"null")
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    files = data["files"]
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None
    outside = sorted(path for path in files if not _plain(path))
    if outside:
        raise fail(
            f"{out.root / LOCK} lists {outside[0]!r}, outside the output directory (or not a path kgen writes)",
            f"restore {LOCK} from version control, or delete it (kgen then owns no file in {out.root} and refuses to overwrite any)",
        )
    return data


def lock_text(provenance: dict[str, Any], files: dict[str, str]) -> str:
    return json.dumps({**provenance, "files": dict(sorted(files.items()))}, indent=2, sort_keys=True) + "\n"


@contextmanager
def locked(root: Path, waiting: Callable[[str], None] = lambda message: None) -> Iterator[OutputDir]:
    """The output directory, created if missing and locked for this run, with an interrupted run finished first."""
    with OutputDir(root, create=True) as out, out.lock(exclusive=True, waiting=waiting):
        recover(out)
        yield out


def write_output(out: OutputDir, files: list[GeneratedFile], provenance: dict[str, Any]) -> WriteReport:
    """Write `files` and their lock into `out` (locked by `locked`), or refuse with the output untouched."""
    lock = read_lock(out)
    previous = (lock or {}).get("files") or {}
    contents = {f.path: encode_file(f) for f in files}
    _check_case_collisions(list(contents) + [LOCK])
    report = WriteReport()
    changed: list[str] = []
    conflicts: list[str] = []
    existing = out.read_many(contents)
    for path, data in sorted(contents.items()):
        current = existing.get(path)
        if current is not None and path not in previous:
            conflicts.append(path)
        elif current == data:
            report.unchanged.append(path)
        else:
            changed.append(path)
    if conflicts:
        raise _conflict(out, conflicts, lock is not None)
    stale, report.kept = _stale(out, previous, contents)
    digests = {path: digest(data) for path, data in contents.items()}
    lock_bytes = lock_text(provenance, digests).encode()
    staged = {path: contents[path] for path in changed}
    if out.read(LOCK) != lock_bytes:
        staged[LOCK] = lock_bytes  # moved last: the lock describes the output only once it is complete
        digests[LOCK] = digest(lock_bytes)
    if not staged and not stale:
        return report
    _commit(out, staged, {path: digests[path] for path in staged}, stale)
    report.written = changed
    report.removed = [p for p in stale if out.kind(p) is None]
    return report


def _stale(out: OutputDir, previous: dict[str, Any], contents: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """The files the lock lists that this run does not write: those still as kgen wrote them (removed), and
    those changed since (kept: an edited file, or a lock edited to name someone's file, is never deleted)."""
    listed = sorted(p for p in previous if p not in contents and p != LOCK)
    found = out.read_many(p for p in listed if out.kind(p) == "file")  # what is no longer a file is left alone
    changed = [p for p in listed if p in found and digest(found[p]) != previous[p]]
    return [p for p in listed if p not in changed], changed


def _conflict(out: OutputDir, paths: list[str], has_lock: bool) -> KgenError:
    shown = ", ".join(paths[:_SHOWN_CONFLICTS]) + (f" and {len(paths) - _SHOWN_CONFLICTS} more" if len(paths) > _SHOWN_CONFLICTS else "")
    why = f"not listed in {out.root / LOCK}" if has_lock else f"{out.root / LOCK} is missing or unreadable"
    return fail(
        f"{out.root}: {shown} exist{'s' if len(paths) == 1 else ''} and {'was' if len(paths) == 1 else 'were'} not written by kgen ({why})",
        f"move them away, or choose another --out; kgen never overwrites files it did not write, even identical ones (or restore {LOCK} if kgen wrote them)",
    )


def _commit(out: OutputDir, staged: dict[str, bytes], digests: dict[str, str], stale: list[str]) -> None:
    """Stage the files (`digests` are theirs), commit the journal, then move them into place."""
    out.remove_tree(STAGING)
    try:
        out.write_many({_NEW + path: data for path, data in staged.items()})
        journal = {"staging": out.identity(STAGING), "replace": digests, "delete": stale}
        out.remove_file(JOURNAL + ".tmp")
        out.write_new(JOURNAL + ".tmp", json.dumps(journal).encode(), sync=True)
        out.move(JOURNAL + ".tmp", JOURNAL)  # the commit point
    except KgenError as failure:
        with suppress(KgenError):  # uncommitted: the next run would discard them too
            out.remove_file(JOURNAL + ".tmp")
        with suppress(KgenError):
            out.remove_tree(STAGING)
        raise _noted(failure, "nothing was changed: the previous output is intact") from None
    try:
        out.sync(JOURNAL)
        _apply(out, journal)
    except KgenError as failure:
        try:
            _undo(out, journal)
        except KgenError:
            raise _noted(failure, "the output is partly updated: the next kgen run in this directory completes it") from None
        raise _noted(failure, "nothing was changed: the previous output is intact") from None


def _noted(error: KgenError, note: str) -> KgenError:
    first, *rest = error.diagnostics
    return KgenError([replace(first, hint=f"{first.hint}; {note}" if first.hint else note), *rest])


def recover(out: OutputDir) -> None:
    """Finish a committed run that was interrupted (after checking its journal), or discard an uncommitted one."""
    data = out.read(JOURNAL)
    if data is not None:
        _apply(out, _valid_journal(out, data))
    out.remove_file(JOURNAL + ".tmp")
    out.remove_tree(STAGING)


def _valid_journal(out: OutputDir, data: bytes) -> dict[str, Any]:
    """The journal, if this directory's own staging directory and files are what it was written for."""

    def refuse(why: str) -> KgenError:
        return fail(
            f"{out.root / JOURNAL} is not the journal of a kgen run interrupted here: {why}",
            f"if no kgen run was killed while writing {out.root}, delete {JOURNAL} and {STAGING}; kgen moves nothing by this journal",
        )

    try:
        journal = json.loads(data)
    except ValueError:
        raise refuse("it is not JSON") from None
    if not isinstance(journal, dict) or set(journal) != {"staging", "replace", "delete"}:
        raise refuse("it does not have kgen's journal fields")
    replaced, deleted = journal["replace"], journal["delete"]
    if not isinstance(replaced, dict) or not isinstance(deleted, list):
        raise refuse("it does not have kgen's journal fields")
    bad = [p for p in [*replaced, *deleted] if not (p == LOCK or _plain(p))]
    if bad:
        raise refuse(f"it names {bad[0]!r}, not a path kgen writes")
    if not all(isinstance(sha, str) and _SHA256.fullmatch(sha) for sha in replaced.values()):
        raise refuse("its hashes are not sha256 digests")
    if journal["staging"] is None or journal["staging"] != out.identity(STAGING):
        raise refuse(f"it belongs to another {STAGING} directory than the one here")
    for path, sha in replaced.items():
        staged = out.read(_NEW + path)
        if staged is not None and digest(staged) != sha:
            raise refuse(f"the staged {path} is not the file kgen staged")
    return journal


def _apply(out: OutputDir, journal: dict[str, Any]) -> None:
    """Move the staged files into place, keeping what they replace; removing stale files the same way. Repeatable.

    A staged directory whose place in the output is free moves whole, when it holds only files the journal
    stages: one rename instead of one per file (a cluster's first output has ten thousand files).
    """
    replaced, moved = set(journal["replace"]), set[str]()
    for path in journal["replace"]:
        if not moved.isdisjoint(_ancestors(path)) or out.kind(_NEW + path) != "file":
            continue  # moved already: alone, or with its directory
        free = _free_directory(out, path)
        if free is not None and all(kind == "file" and p.removeprefix(_NEW) in replaced for p, kind in out.entries(_NEW + free).items()):
            out.move(_NEW + free, free)
            moved.add(free)
            continue
        if out.kind(path) is not None:
            out.move(path, _OLD + path)
        out.move(_NEW + path, path)
    for path in journal["delete"]:
        if out.kind(path) == "file":
            out.move(path, _OLD + path)
            out.remove_empty_parents(path)
    out.sync(LOCK)
    out.remove_file(JOURNAL)
    out.remove_tree(STAGING)


def _ancestors(path: str) -> list[str]:
    """The directories `path` is in, outermost first: `a/b/c.py` is in `a` and `a/b`."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]


def _free_directory(out: OutputDir, path: str) -> str | None:
    """The outermost directory of `path` that is absent from the output, if any."""
    return next((directory for directory in _ancestors(path) if out.kind(directory) is None), None)


def _undo(out: OutputDir, journal: dict[str, Any]) -> None:
    """Put back what _apply had moved when it failed: the staged files to staging, the previous files to their place."""
    for path in journal["replace"]:
        if out.kind(_NEW + path) is None and out.kind(path) == "file":
            out.move(path, _NEW + path)
            out.remove_empty_parents(path)
    for path in [*journal["replace"], *journal["delete"]]:
        if out.kind(_OLD + path) is not None:
            out.move(_OLD + path, path)
    out.remove_file(JOURNAL)
    out.remove_tree(STAGING)


def _check_case_collisions(paths: list[str]) -> None:
    """Two paths that differ only by case would overwrite each other on macOS and Windows."""
    seen: dict[str, str] = {}
    for path in paths:
        folded = path.casefold()
        if folded in seen and seen[folded] != path:
            raise fail(f"{path!r} and {seen[folded]!r} differ only by case", "report this to kgen: names must be unique ignoring case")
        seen[folded] = path
