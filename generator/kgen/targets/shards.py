"""Rendering shared between processes: each renders its share of the units, the first also the files no unit owns.

A cluster's document renders into ten thousand classes, in one process on one
core while the others idle once validation is done. A target's render loops
over its units through `share` and renders the files no unit owns only where
`leads`; `render` forks the workers once the IR is built (they read it without
a copy), runs the same render in each with its own share, and joins the files
by path. Shares depend on the units' weights alone and every unit is rendered
whole by one process, so the files are the same whatever the number of
processes (tests hold every target to that). Any failure renders again in one
process, so that errors are exactly those of a serial run.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from kgen import collector
from kgen.ir.model import Api, Unit
from kgen.targets.base import GeneratedFile

T = TypeVar("T")
PARALLEL_FROM = 400  # models and operations; below, forking costs more than it saves
_share: tuple[int, int] = (0, 1)  # (this process's index, the number of processes) while rendering


def _keyed(item: Any) -> tuple[Unit]:  # noqa: ANN401 - any (unit, anything) pair
    """The unit of a (unit, anything) item: how most targets hold their units."""
    return (item[0],)


def share(items: Iterable[T], weight: Callable[[T], int]) -> list[T]:
    """This process's share of `items`: the heaviest first, each to the least loaded process (ties to the lowest index)."""
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
    """`produce()`'s files, rendered by `workers` processes (forked; one where the platform cannot fork)."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return produce()
    context = multiprocessing.get_context("fork")
    started: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    try:
        for index in range(1, workers):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(produce, (index, workers), send), daemon=True)
            process.start()
            send.close()
            started.append((process, receive))
        files = _sharing((0, workers), produce)
        for _, receive in started:
            answer = receive.recv()
            if not isinstance(answer, list):
                raise RuntimeError(answer)
            files += answer
    except Exception:  # noqa: BLE001 - the serial run below raises the error a user should see
        return produce()
    finally:
        for worker, pipe in started:
            pipe.close()
            worker.join()
    return _joined(files)


def _sharing(share: tuple[int, int], produce: Callable[[], list[GeneratedFile]]) -> list[GeneratedFile]:
    """`produce()` with `share` of the units."""
    global _share
    _share = share
    try:
        return produce()
    finally:
        _share = (0, 1)


def _worker(produce: Callable[[], list[GeneratedFile]], share: tuple[int, int], send: Connection) -> None:
    collector.in_worker()
    try:
        files: list[GeneratedFile] | str = _sharing(share, produce)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which renders again in one process
        files = f"{type(exc).__name__}: {exc}"
    send.send(files)
    send.close()


def _joined(files: list[GeneratedFile]) -> list[GeneratedFile]:
    """The files by path; two processes that wrote the same path must have written the same file."""
    by_path: dict[str, GeneratedFile] = {}
    for f in files:
        if by_path.setdefault(f.path, f) != f:
            raise AssertionError(f"two render processes wrote {f.path} differently")
    return sorted(by_path.values(), key=lambda f: f.path)
