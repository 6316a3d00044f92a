"""`kgen list`: the groups, versions, kinds and operation counts of a document, as a table or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from kgen.app.selection import label
from kgen.ir.model import Api


@dataclass
class Row:
    group: str  # as --groups spells it: core for "", a label for units outside every API group
    version: str | None
    kinds: list[str]  # of the resources served (with REST endpoints)
    operations: int
    models: int


def rows(api: Api) -> list[Row]:
    result = []
    operations, models = api.operations_by_unit(), api.models_by_unit()
    kinds: dict[tuple[str | None, str | None], set[str]] = {}
    for r in api.resources:
        kinds.setdefault((r.gvk.group, r.gvk.version), set()).add(r.gvk.kind)
    for unit in api.units:
        group, version = label(unit)
        found = kinds.get((unit.group, unit.version), set())
        result.append(Row(group or "(root)", version, sorted(found), len(operations.get(unit, [])), len(models.get(unit, []))))
    return result


def table(found: list[Row], width: int | None = None, base_path: str = "") -> list[str]:
    """Aligned columns; the kinds column is cut to `width` characters in all (None: never cut); the base path, if any."""
    header = ("GROUP", "VERSION", "OPERATIONS", "MODELS", "KINDS")
    cells = [(r.group, r.version or "-", str(r.operations), str(r.models), ", ".join(r.kinds) or "-") for r in found]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(4)]
    lines = []
    for row in [header, *cells]:
        line = "  ".join(cell.rjust(w) if i >= 2 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))) + "  " + row[4]
        if width is not None and len(line) > width:
            line = line[: max(width - 3, 0)] + "..."
        lines.append(line)
    total_ops = sum(r.operations for r in found)
    total_models = sum(r.models for r in found)
    lines.append(f"{len(found)} packages, {total_ops} operations, {total_models} models")
    if base_path:
        lines.append(f"every operation is called under the base path {base_path}")
    return lines


def as_json(api: Api, found: list[Row]) -> str:
    return json.dumps(
        {"title": api.title, "version": api.version, "spec_sha256": api.sha256, "base_path": api.base_path, "groups": [asdict(r) for r in found]},
        indent=2,
    )
