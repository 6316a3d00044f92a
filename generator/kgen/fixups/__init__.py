"""Named fixups for known bugs and gaps in upstream Kubernetes documents.

Each fixup lives in its own module and declares which documents it claims
(for example: those that serve pod exec). When a claimed document no longer
has what a fixup corrects, upstream has changed and the fixup must be
revisited, not silently kept:

* a user's run warns (and goes on): their cluster may simply be newer than
  the fix, and they can do nothing about it but report it;
* the test suite fails (tests/test_fixups.py): on the shared real documents,
  every fixup must correct something in every document it claims.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kgen.ir.model import Api


@dataclass(frozen=True)
class Fixup:
    name: str
    reference: str  # where the upstream problem is described
    claims: Callable[[Api], bool]  # is this a document the fixup is meant for?
    apply: Callable[[Api], int]  # changes made


def registry() -> tuple[Fixup, ...]:
    from kgen.fixups import delete_status, exec_command, fields_v1, json_schema_props, portforward_ports, quantity

    return (
        quantity.FIXUP,
        fields_v1.FIXUP,
        delete_status.FIXUP,
        exec_command.FIXUP,
        portforward_ports.FIXUP,
        json_schema_props.FIXUP,
    )
