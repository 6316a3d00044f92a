"""Names unique within a scope (a module, a package, a directory), given in one order by every target."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Set
from typing import TypeVar

from kgen.ir.model import Model, Operation, Unit, Words

S = TypeVar("S", bound=Hashable)  # a scope: a unit, or a target's package of units


def unique(names: list[str], taken: Iterable[str] = (), fold: bool = False) -> list[str]:
    """Make names unique in order: a clash gets 2, 3, ... appended. `fold`: compare case-insensitively (directories).

    Names that already are unique and free (nearly always) are found so by set operations, without copying
    `taken` (a package's names) for each of a cluster's tens of thousands of classes.
    """
    if not fold and isinstance(taken, Set) and len(set(names)) == len(names) and taken.isdisjoint(names):
        return list(names)
    key: Callable[[str], str] = str.lower if fold else str
    used = {key(n) for n in taken}
    result = []
    for name in names:
        candidate, n = name, 1
        while key(candidate) in used:
            n += 1
            candidate = f"{name}{n}"
        used.add(key(candidate))
        result.append(candidate)
    return result


def model_names(models: Iterable[Model], scope_of: Callable[[Model], S], spell: Callable[[Model], str], taken: Callable[[S], set[str]]) -> dict[str, str]:
    """Each model's type name (by key), unique among its scope's models and the names `taken` gives the scope.

    Models keep document order within a scope: the first of two models spelled
    alike keeps the plain name in every target.
    """
    by_scope: dict[S, list[Model]] = {}
    for model in models:
        by_scope.setdefault(scope_of(model), []).append(model)
    names: dict[str, str] = {}
    for scope, scoped in by_scope.items():
        names.update(zip((m.key for m in scoped), unique([spell(m) for m in scoped], taken(scope))))
    return names


def unit_dirs(
    units: Iterable[Unit], spell: Callable[[Words], str], refused: Callable[[tuple[str, ...]], bool] = lambda d: False, fold: bool = False
) -> dict[Unit, tuple[str, ...]]:
    """Each unit's directory: its path's segments spelled, the last numbered (2, 3, ...) when taken or `refused`.

    Units come sorted, so that the same unit keeps the plain directory in every run and every target.
    `fold`: directories are compared without case, for a target whose spellings keep it (Pets and PeTs
    are one directory on case-insensitive file systems).
    """
    key: Callable[[str], str] = str.lower if fold else str
    dirs: dict[Unit, tuple[str, ...]] = {}
    taken: set[tuple[str, ...]] = set()
    for unit in units:
        base = tuple(spell(segment) for segment in unit.path)
        candidate, n = base, 1
        while tuple(map(key, candidate)) in taken or refused(candidate):
            n += 1
            candidate = base[:-1] + (f"{base[-1]}{n}",)
        taken.add(tuple(map(key, candidate)))
        dirs[unit] = candidate
    return dirs


def operation_names(ops: list[Operation], spell: Callable[[Words], str], taken: Set[str] = frozenset()) -> dict[str, tuple[str, str | None]]:
    """Each operation's name and its watch helper's (None without one), by id: the operations are named first, then the watch helpers."""
    calls = unique([spell(op.name) for op in ops], taken)
    watches = iter(unique([spell(op.watch_name) for op in ops if op.watch_name], taken | set(calls)))
    return {op.id: (call, next(watches) if op.watch_name else None) for op, call in zip(ops, calls)}
