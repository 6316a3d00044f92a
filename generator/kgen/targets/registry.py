"""The targets kgen can generate: its own, and those template packs add (kgen.targets.packs).

Both are modules that satisfy kgen.targets.protocol.Target; the pipeline,
the lock and `kgen targets` find them here and nowhere else.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from kgen.targets import packs
from kgen.targets.protocol import Target, conforming

BUILTIN = ("csharp", "go", "java", "python", "typescript")  # each is the module kgen.targets.<name>.target


@dataclass(frozen=True)
class Listed:
    """A line of `kgen targets`: a target, or a pack that only overrides templates (name None)."""

    name: str | None
    description: str
    pack: packs.Pack | None  # None for kgen's own


def builtin(name: str) -> Target:
    if name not in BUILTIN:
        raise ValueError(f"unknown target {name!r}: kgen has {', '.join(BUILTIN)}")
    module = importlib.import_module(f"kgen.targets.{name}.target")
    return conforming(module, module.__file__ or name, hint="this is a bug in kgen: please report it")


def of_pack(pack: packs.Pack) -> Target:
    """The target a pack defines (this runs the pack's code)."""
    return conforming(packs.run(pack), str(pack.path / packs.TARGET_MODULE), hint="see docs/targets.md for what a target provides")


def listed(pack_dirs: list[str]) -> list[Listed]:
    """kgen's targets, then the packs named and those on the search path (read, not run)."""
    own = [Listed(t.NAME, t.DESCRIPTION, None) for t in map(builtin, BUILTIN)]
    return own + [Listed(p.name, p.description, p) for p in packs.found(pack_dirs)]
