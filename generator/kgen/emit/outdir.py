"""The output directory: every path kgen reads or writes beneath the root, walked without following symlinks.

An output directory is often a repository that anyone can commit to, and a
repository can hold symlinks anywhere (`.kgen-staging -> ~/.ssh`). So every
path beneath the root is opened one component at a time, relative to its
parent's descriptor, with O_NOFOLLOW: a symlink there is an error naming it,
never a way out of the root. The root itself is the user's choice (--out) and
may be a symlink.

The descriptors of the directories last walked are kept for the run (a few
dozen; files are written in path order), so that writing a cluster's ten
thousand files does not open every component of every path five times over.
A kept descriptor names the directory kgen opened, wherever it is moved to:
a directory kgen removes or renames is forgotten first.

Any other OSError becomes a KgenError naming the path (exit 2).
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from kgen.diagnostics import Diagnostic, KgenError, Level

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
RUN_LOCK = ".kgen-run.lock"  # held with flock for a whole run, removed at its end
_KEPT = 32  # directory descriptors kept open, the least recently used closed first


def fail(message: str, hint: str) -> KgenError:
    return KgenError([Diagnostic(Level.ERROR, message, hint=hint)])


class OutputDir:
    """The root, opened once; a root that does not exist (only when not `create`d) holds nothing.

    Directories created for the root are removed again when the block fails with them empty:
    a failed first run leaves no trace.
    """

    def __init__(self, root: Path, create: bool):
        self.root = root
        if root.exists() and not root.is_dir():
            raise fail(f"the output path {root} exists and is not a directory", "choose another --out")
        self.made: list[Path] = []
        self.kept: OrderedDict[str, int] = OrderedDict()  # directory (relative to the root) -> its descriptor
        with self._io("create", ""):
            if create:
                self.made = [p for p in (root, *root.parents) if not p.exists()]
                root.mkdir(parents=True, exist_ok=True)
            self.fd: int | None = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC) if root.is_dir() else None

    def __enter__(self) -> OutputDir:
        return self

    def __exit__(self, failed: type[BaseException] | None, *exc: object) -> None:
        self._forget("")
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        for directory in self.made if failed else ():
            try:
                directory.rmdir()
            except OSError:
                return  # not empty: something else was put there

    @contextmanager
    def _io(self, doing: str, rel: str) -> Iterator[None]:
        """OSErrors as KgenErrors that name the path: a permission or disk problem, not a bug."""
        try:
            yield
        except OSError as exc:
            raise fail(
                f"cannot {doing} {self.root / rel}: {exc.strerror or exc}",
                "check the permissions of the output directory and the free space of its file system",
            ) from None

    def _refuse_symlink(self, rel: str) -> KgenError:
        return fail(
            f"refusing to follow the symlink {self.root / rel}: kgen never follows a symlink inside the output directory",
            "remove the symlink (or replace it with a plain file or directory); it could make kgen read or write outside the output",
        )

    @contextmanager
    def _parent(self, rel: str, create: bool) -> Iterator[tuple[int, str] | None]:
        """A descriptor of rel's directory (the caller's own) and rel's last component; None when a directory is missing (and not `create`)."""
        directory, _, name = rel.rpartition("/")
        kept = self._directory(directory, create) if self.fd is not None else None
        fd = None if kept is None else os.dup(kept)
        if fd is None:
            yield None
            return
        try:
            yield fd, name
        finally:
            os.close(fd)

    def _directory(self, rel: str, create: bool) -> int | None:
        """The kept descriptor of the directory rel ("" for the root), opened component by component from the root."""
        assert self.fd is not None
        if not rel:
            return self.fd
        fd = self.kept.get(rel)
        if fd is not None:
            self.kept.move_to_end(rel)
            return fd
        parent = self._directory(rel.rpartition("/")[0], create)
        fd = None if parent is None else self._open_dir(parent, rel, create)
        if fd is not None:
            self.kept[rel] = fd
            while len(self.kept) > _KEPT:
                os.close(self.kept.popitem(last=False)[1])
        return fd

    def _forget(self, rel: str) -> None:
        """Close the kept descriptors of rel and of the directories beneath it ("" for all): they are about to go."""
        for kept in [k for k in self.kept if not rel or k == rel or k.startswith(rel + "/")]:
            os.close(self.kept.pop(kept))

    def _open_dir(self, parent: int, rel: str, create: bool) -> int | None:
        name = rel.rsplit("/", 1)[-1]
        with self._io("open the directory", rel):
            try:
                return os.open(name, _DIRECTORY, dir_fd=parent)
            except FileNotFoundError:
                if not create:
                    return None
                os.mkdir(name, dir_fd=parent)
                return os.open(name, _DIRECTORY, dir_fd=parent)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    self._check_kind(parent, name, rel, stat.S_ISDIR, "a directory")
                raise

    def _check_kind(self, parent: int, name: str, rel: str, wanted: Callable[[int], bool], what: str) -> None:
        mode = os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            raise self._refuse_symlink(rel)
        if not wanted(mode):
            raise fail(f"{self.root / rel} is not {what}", f"move it away: kgen needs {what} there")

    def kind(self, rel: str) -> str | None:
        """'file', 'dir', 'link' or 'other' without following a symlink; None when absent."""
        with self._parent(rel, create=False) as found, self._io("inspect", rel):
            if found is None:
                return None
            try:
                mode = os.stat(found[1], dir_fd=found[0], follow_symlinks=False).st_mode
            except FileNotFoundError:
                return None
            return "file" if stat.S_ISREG(mode) else "dir" if stat.S_ISDIR(mode) else "link" if stat.S_ISLNK(mode) else "other"

    def identity(self, rel: str) -> int | None:
        """The inode of a directory kgen made: a journal names the staging directory it belongs to."""
        kind = self.kind(rel)
        if kind == "link":
            raise self._refuse_symlink(rel)
        with self._parent(rel, create=False) as found, self._io("inspect", rel):
            if found is None or kind != "dir":
                return None
            return os.stat(found[1], dir_fd=found[0], follow_symlinks=False).st_ino

    def read(self, rel: str) -> bytes | None:
        """A regular file's bytes; None when absent. A symlink or a directory in its place is an error."""
        with self._parent(rel, create=False) as found, self._io("read", rel):
            if found is None:
                return None
            fd = self._open_file(found[0], found[1], rel, _READ)
            if fd is None:
                return None
            with os.fdopen(fd, "rb") as fh:
                return fh.read()

    def read_many(self, paths: Iterable[str]) -> dict[str, bytes]:
        """The regular files among `paths` that exist (see `read`), by path. Each directory is listed once, and only the
        names in it are opened: a cluster's first output would otherwise open ten thousand absent files."""
        found: dict[str, bytes] = {}
        for directory, names in _by_directory(paths).items():
            present = self._names(directory)
            for name in names:
                rel = _joined(directory, name)
                data = self.read(rel) if name in present else None
                if data is not None:
                    found[rel] = data
        return found

    def _names(self, rel: str) -> set[str]:
        """The names in the directory rel ("" for the root); none when it is absent."""
        fd = self._directory(rel, create=False) if self.fd is not None else None
        if fd is None:
            return set()
        with self._io("list", rel):
            return set(os.listdir(fd))

    def write_new(self, rel: str, data: bytes, sync: bool = False) -> None:
        """Create a file that must not exist yet (kgen's staging, its journal's temporary file), with its directories."""
        with self._parent(rel, create=True) as found, self._io("write", rel):
            assert found is not None
            self._create(found[0], found[1], rel, data, sync)

    def write_many(self, files: dict[str, bytes]) -> None:
        """`write_new` for each of `files` (path -> content), opening each directory once: a cluster's staging."""
        for directory, names in _by_directory(files).items():
            fd = self._directory(directory, create=True)
            assert fd is not None
            for name in names:
                rel = _joined(directory, name)
                with self._io("write", rel):
                    self._create(fd, name, rel, files[rel])

    def _create(self, parent: int, name: str, rel: str, data: bytes, sync: bool = False) -> None:
        try:
            fd = os.open(name, _CREATE, 0o666, dir_fd=parent)
        except FileExistsError:
            self._check_kind(parent, name, rel, stat.S_ISREG, "a regular file")
            raise
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)

    def move(self, source: str, dest: str) -> None:
        """Rename within the root (atomic; a symlink at dest is replaced, never written through), creating dest's directories."""
        self._forget(source)
        self._forget(dest)
        with self._parent(source, create=False) as src, self._parent(dest, create=True) as dst, self._io("move into place", dest):
            assert src is not None and dst is not None
            os.replace(src[1], dst[1], src_dir_fd=src[0], dst_dir_fd=dst[0])

    def sync(self, rel: str) -> None:
        """Make the renames in rel's directory durable."""
        with self._parent(rel, create=False) as found, self._io("sync", rel):
            if found is not None:
                os.fsync(found[0])

    def remove_file(self, rel: str) -> None:
        """Remove a regular file, then its directories left empty; a symlink is refused, an absent file ignored."""
        kind = self.kind(rel)
        if kind == "link":
            raise self._refuse_symlink(rel)
        if kind is None:
            return
        with self._parent(rel, create=False) as found, self._io("remove", rel):
            assert found is not None
            os.unlink(found[1], dir_fd=found[0])
        self.remove_empty_parents(rel)

    def remove_empty_parents(self, rel: str) -> None:
        parts = rel.split("/")[:-1]
        while parts:
            self._forget("/".join(parts))
            with self._parent("/".join(parts), create=False) as found:
                if found is None:
                    return
                try:
                    os.rmdir(found[1], dir_fd=found[0])
                except OSError:
                    return  # not empty, or not ours to remove
            parts.pop()

    def entries(self, rel: str) -> dict[str, str]:
        """Everything beneath the directory rel but its directories: path (relative to the root) -> kind (see `kind`),
        never following a symlink; empty when rel is not a directory."""
        if self.kind(rel) != "dir":
            return {}
        with self._parent(rel, create=False) as found, self._io("list", rel):
            assert found is not None
            fd = os.open(found[1], _DIRECTORY, dir_fd=found[0])
            try:
                return dict(_entries(fd, rel))
            finally:
                os.close(fd)

    def remove_tree(self, rel: str) -> None:
        """Remove a directory kgen made, never following a symlink in it; a symlink in its place is refused."""
        kind = self.kind(rel)
        if kind in ("link", "file", "other"):
            raise self._refuse_symlink(rel) if kind == "link" else fail(f"{self.root / rel} is not a directory", "remove it: kgen makes a directory of that name")
        if kind is None:
            return
        self._forget(rel)
        with self._parent(rel, create=False) as found, self._io("remove", rel):
            assert found is not None
            fd = os.open(found[1], _DIRECTORY, dir_fd=found[0])
            try:
                _clear(fd)
            finally:
                os.close(fd)
            os.rmdir(found[1], dir_fd=found[0])

    @contextmanager
    def lock(self, exclusive: bool, waiting: Callable[[str], None]) -> Iterator[None]:
        """flock RUN_LOCK for the block: one writer, or readers (--check) that never create it.

        The writer removes the file at its end, so a waiter may wake up holding a
        file no longer in the directory: it then locks the one that is. The kernel
        drops the lock of a killed run, so no run is ever wedged by another's death.
        """
        if self.fd is None:
            yield
            return
        while True:
            fd = self._open_lock(exclusive)
            if fd is None:  # --check, and no run is writing
                yield
                return
            if self._acquire(fd, exclusive, waiting):
                break
        try:
            yield
        finally:
            if exclusive:
                with suppress(OSError):  # a lock file left behind is harmless: never hide the run's own error
                    os.unlink(RUN_LOCK, dir_fd=self.fd)
            os.close(fd)

    def _open_lock(self, exclusive: bool) -> int | None:
        assert self.fd is not None
        with self._io("open", RUN_LOCK):
            return self._open_file(self.fd, RUN_LOCK, RUN_LOCK, (os.O_RDWR | os.O_CREAT if exclusive else os.O_RDONLY) | os.O_NOFOLLOW | os.O_CLOEXEC)

    def _open_file(self, parent: int, name: str, rel: str, flags: int) -> int | None:
        """A regular file opened without following a symlink (refused, naming rel); None when the file is absent.

        O_NONBLOCK: opening a FIFO (or a device) in its place must not wait for a writer; it is refused instead.
        """
        try:
            fd = os.open(name, flags | os.O_NONBLOCK, 0o666, dir_fd=parent)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise self._refuse_symlink(rel) from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise fail(f"{self.root / rel} is not a regular file", "move it away: kgen keeps a regular file of that name there")
        return fd

    def _acquire(self, fd: int, exclusive: bool, waiting: Callable[[str], None]) -> bool:
        """Lock fd, waiting (and saying so) while another run holds it; False when the file was removed meanwhile."""
        assert self.fd is not None
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            with self._io("lock", RUN_LOCK):
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                except BlockingIOError:
                    waiting(f"kgen: waiting for another kgen run to finish writing {self.root}")
                    fcntl.flock(fd, mode)
                try:
                    current = os.stat(RUN_LOCK, dir_fd=self.fd, follow_symlinks=False).st_ino
                except FileNotFoundError:
                    current = None
        except BaseException:
            os.close(fd)
            raise
        if current == os.fstat(fd).st_ino:
            return True
        os.close(fd)
        return False


def _by_directory(paths: Iterable[str]) -> dict[str, list[str]]:
    """The names of `paths` by their directory ("" for the root), in the order given."""
    grouped: dict[str, list[str]] = {}
    for path in paths:
        directory, _, name = path.rpartition("/")
        grouped.setdefault(directory, []).append(name)
    return grouped


def _joined(directory: str, name: str) -> str:
    return f"{directory}/{name}" if directory else name


def _entries(fd: int, rel: str) -> Iterator[tuple[str, str]]:
    """(path, kind) of everything but directories beneath the directory open at fd, whose path is rel."""
    for entry in sorted(os.scandir(fd), key=lambda e: e.name):
        path = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            sub = os.open(entry.name, _DIRECTORY, dir_fd=fd)
            try:
                yield from _entries(sub, path)
            finally:
                os.close(sub)
        else:
            yield path, "file" if entry.is_file(follow_symlinks=False) else "link" if entry.is_symlink() else "other"


def _clear(fd: int) -> None:
    """Empty the directory open at fd: symlinks in it are removed, never followed."""
    for entry in list(os.scandir(fd)):
        if entry.is_dir(follow_symlinks=False):
            sub = os.open(entry.name, _DIRECTORY, dir_fd=fd)
            try:
                _clear(sub)
            finally:
                os.close(sub)
            os.rmdir(entry.name, dir_fd=fd)
        else:
            os.unlink(entry.name, dir_fd=fd)
