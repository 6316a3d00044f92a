"""Named fixups for known bugs and gaps in upstream Kubernetes documents.

Each fixup lives in its own module and declares which documents it claims
(for example: those that serve pod exec). When a claimed document no longer
has what a fixup corrects, the run reports it loudly: upstream has changed
and the fixup must be revisited, not silently kept.
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
