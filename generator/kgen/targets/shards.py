"""Rendering shared between processes: each renders its share of the units, the first also the files no unit owns.

A cluster's document renders into ten thousand classes, in one process on one
core while the others idle once validation is done. A target's render loops
over its units through `share` and renders the files no unit owns only where
`leads`; `render` runs it, and the first `share` forks the workers there (they
read the IR and what the render planned before it without a copy: a target's
plan of the whole API is made once), each goes on with its own share, and the
files are joined by path. Shares depend on the units' weights alone and every
unit is rendered whole by one process, so the files are the same whatever the number of
processes (tests hold every target to that). Any failure renders again in one
process, so that errors are exactly those of a serial run.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable
from contextlib import suppress
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from kgen import forking
from kgen.ir.model import Api, Unit
from kgen.targets.base import GeneratedFile

T = TypeVar("T")
PARALLEL_FROM = 400  # models and operations; below, forking costs more than it saves
_share: tuple[int, int] = (0, 1)  # (this process's index, the number of processes) while rendering
_waiting = 1  # the processes the next `share` forks into (render sets it; 1: none)
_workers: list[tuple[int, Connection]] = []  # the parent's forked workers: pid, and where their files come from
_sending: Connection | None = None  # in a worker: where its files go


def _keyed(item: Any) -> tuple[Unit]:  # noqa: ANN401 - any (unit, anything) pair
    """The unit of a (unit, anything) item: how most targets hold their units."""
    return (item[0],)


def share(items: Iterable[T], weight: Callable[[T], int]) -> list[T]:
    """This process's share of `items`: the heaviest first, each to the least loaded process (ties to the lowest index)."""
    _fork()
    index, count = _share
    listed = list(items)
    if count == 1:
        return listed
    weights = [weight(item) for item in listed]
    loads, mine = [0] * count, set()
    for position in sorted(range(len(listed)), key=lambda i: -weights[i]):
        owner = min(range(count), key=lambda k: loads[k])
        loads[owner] += weights[position] + 1  # + 1: a unit costs its files even when empty
        if owner == index:
            mine.add(position)
    return [item for i, item in enumerate(listed) if i in mine]


def share_units(api: Api, items: Iterable[T], units: Callable[[T], Iterable[Unit]] = _keyed) -> list[T]:
    """This process's share of `items`, each weighed by the models and operations of its `units` (by default its key)."""
    models, operations = api.models_by_unit(), api.operations_by_unit()
    return share(items, lambda item: sum(len(models.get(u, ())) + len(operations.get(u, ())) for u in units(item)))


def leads() -> bool:
    """Whether this process renders the files no unit owns (the runtime, the README, the project file)."""
    return _share[0] == 0


def workers_for(api: Api, cores: int) -> int:
    """How many processes render this API."""
    return cores if len(api.models) + len(api.operations) >= PARALLEL_FROM else 1


def render(produce: Callable[[], list[GeneratedFile]], workers: int) -> list[GeneratedFile]:
    """`produce()`'s files, rendered by `workers` processes (forked at its first `share`; one where the platform cannot fork)."""
    if workers <= 1 or not hasattr(os, "fork"):
        return produce()
    try:
        files = _forking(produce, workers)
    except BaseException as exc:
        _stop(kill=True)
        if not isinstance(exc, Exception):
            raise
        return produce()  # the serial run raises the error a user should see
    _stop(kill=False)
    return _joined(files)


def _forking(produce: Callable[[], list[GeneratedFile]], workers: int) -> list[GeneratedFile]:
    """`produce()`, its first `share` forking the other workers; in the parent, the files of all of them."""
    global _waiting
    _waiting = workers
    try:
        files = produce()
    except BaseException as exc:
        if _sending is not None:  # a worker hands its error to the parent, which renders again in one process
            error = f"{type(exc).__name__}: {exc}"
            forking.exit_with(_sending, lambda: error)
        raise
    finally:
        _waiting = 1
    if _sending is not None:
        forking.exit_with(_sending, lambda: files)
    for _, receive in _workers:
        answer = receive.recv()
        if not isinstance(answer, list):
            raise RuntimeError(answer)
        files += answer
    return files


def _fork() -> None:
    """At the first `share` of a render: fork the workers, each to go on from here with its own share."""
    global _waiting, _share, _sending
    count, _waiting = _waiting, 1
    for index in range(1, count):
        pid, pipe = forking.fork()
        if pid == 0:
            for _, earlier in _workers:
                earlier.close()
            _workers.clear()
            _share, _sending = (index, count), pipe
            return
        _workers.append((pid, pipe))
    if count > 1:
        _share = (0, count)


def _stop(kill: bool) -> None:
    """In the parent, after a render: its workers ended (`kill`ed if it failed) and reaped, its share reset."""
    global _share
    for pid, receive in _workers:
        receive.close()
        if kill:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with suppress(ChildProcessError):
            os.waitpid(pid, 0)
    _workers.clear()
    _share = (0, 1)


def _joined(files: list[GeneratedFile]) -> list[GeneratedFile]:
    """The files by path; two processes that wrote the same path must have written the same file."""
    by_path: dict[str, GeneratedFile] = {}
    for f in files:
        if by_path.setdefault(f.path, f) != f:
            raise AssertionError(f"two render processes wrote {f.path} differently")
    return sorted(by_path.values(), key=lambda f: f.path)
