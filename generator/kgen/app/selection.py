"""Which API groups and versions a run keeps: `--groups core/v1,apps/v1,cert-manager.io/*` and `--exclude-groups`.

A pattern is GROUP/VERSION, or GROUP alone for every version of it; both parts
are case-sensitive shell globs. Groups are spelled as in `apiVersion`
(`networking.k8s.io`), the core group as `core`. A group's own discovery
endpoint (/apis/apps/) belongs to the group: it is kept with any kept version
of it. A pattern without a slash also names a unit outside every API group by
its label, as `kgen list` shows it: `version` (/version/), `logs`, or a tag
of a document that is not a Kubernetes API.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time only attributes are read: --check's fast path does not load the IR
    from kgen.ir.model import Unit

CORE = "core"
_PART = re.compile(r"[A-Za-z0-9.*?\[\]!_-]+")


@dataclass(frozen=True, order=True)
class Pattern:
    group: str
    version: str | None = None  # None: every version, and the group itself

    @classmethod
    def parse(cls, text: str) -> Pattern:
        """GROUP or GROUP/VERSION; raises ValueError with a message that says what is wrong."""
        group, slash, version = text.strip().partition("/")
        if not group:
            raise ValueError(f"{text!r} has no group: write the core group as {CORE!r} (core/v1)")
        if slash and not version:
            raise ValueError(f"{text!r} has no version after the slash: write {group!r} or {group + '/*'!r} for every version")
        for part in (group, version) if slash else (group,):
            if not _PART.fullmatch(part):
                raise ValueError(f"{text!r} is not GROUP or GROUP/VERSION (letters, digits, . _ - and the globs * ? [...])")
        return cls(group, version if slash else None)

    def __str__(self) -> str:
        return self.group if self.version is None else f"{self.group}/{self.version}"

    def matches(self, unit: Unit) -> bool:
        group, version = label(unit)
        if not fnmatchcase(group, self.group):
            return False
        if version is not None:  # a group/version
            return fnmatchcase(version, self.version or "*")
        return self.version is None or (unit.group is not None and self.version == "*")


@dataclass(frozen=True)
class Selection:
    include: tuple[Pattern, ...] = ()  # empty: everything
    exclude: tuple[Pattern, ...] = ()

    @classmethod
    def parse(cls, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> Selection:
        return cls(parse_patterns(include), parse_patterns(exclude))

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    def picks(self, unit: Unit) -> bool:
        """Whether the unit is selected by the patterns themselves (before its group's versions are considered)."""
        return (not self.include or any(p.matches(unit) for p in self.include)) and not self.excludes(unit)

    def excludes(self, unit: Unit) -> bool:
        return any(p.matches(unit) for p in self.exclude)

def parse_patterns(values: Iterable[str]) -> tuple[Pattern, ...]:
    """Patterns from values that may each be a comma-separated list; duplicates dropped, order kept."""
    patterns: list[Pattern] = []
    for value in values:
        for text in value.split(","):
            if text.strip():
                pattern = Pattern.parse(text)
                if pattern not in patterns:
                    patterns.append(pattern)
    return tuple(patterns)


def canonical(values: Iterable[str]) -> list[str]:
    """Patterns as kgen.lock records them: sorted, so that flag order changes nothing."""
    return sorted(map(str, parse_patterns(values)))


def label(unit: Unit) -> tuple[str, str | None]:
    """(group, version) as users write them: core for "", a unit outside every group by its words."""
    if unit.group is not None:
        return unit.group or CORE, unit.version
    return ".".join("-".join(segment) for segment in unit.path), None


def describe(unit: Unit) -> str:
    group, version = label(unit)
    return f"{group}/{version}" if version is not None else group or "(root)"
