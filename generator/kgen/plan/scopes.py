"""Names unique within a scope (a module, a package), given in one order by every target."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from kgen.ir.model import Model

S = TypeVar("S", bound=Hashable)  # a scope: a unit, or a target's package of units


def unique(names: list[str], taken: Iterable[str] = (), fold: bool = False) -> list[str]:
    """Make names unique in order: a clash gets 2, 3, ... appended. `fold`: compare case-insensitively (directories)."""
    key = (lambda n: n.lower()) if fold else (lambda n: n)
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
