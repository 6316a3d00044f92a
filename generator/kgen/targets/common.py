"""Small facts every target reads alike: unit titles, union types.

What targets decide alike (option sets, enum sets, names per scope) is
planned in kgen.plan; this module holds what they merely share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kgen.ir.model import Unit


def unit_title(unit: Unit) -> str:
    """How docs name a unit: core/v1, the apps API group, or a tag's words."""
    if unit.group is not None:
        group = unit.group or "core"
        return f"{group}/{unit.version}" if unit.version else f"the {group} API group"
    return " ".join(" ".join(s) for s in unit.path) or "the API"


def union(members: Iterable[str], parts: Callable[[str], list[str]]) -> str:
    """A union type written `A | B`: members that are unions themselves are flattened (`parts`), repeats dropped."""
    found: list[str] = []
    for member in members:
        found.extend(p for p in parts(member) if p not in found)
    return " | ".join(found)
