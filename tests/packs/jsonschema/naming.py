"""A schema file per unit; a `$defs` entry per model, named by its key (keys are unique)."""

from __future__ import annotations

import re

from kgen.ir.model import Unit


def file_name(unit: Unit) -> str:
    words = "-".join(re.sub(r"[^a-z0-9]+", "-", ".".join(segment)).strip("-") or "x" for segment in unit.path)
    return f"{words or 'root'}.schema.json"


def ref(key: str, unit: Unit, here: Unit) -> str:
    """The `$ref` to a model's entry, from a schema in the file of unit `here`."""
    pointer = "#/$defs/" + key.replace("~", "~0").replace("/", "~1")
    return pointer if unit == here else file_name(unit) + pointer
