"""What targets merely share: union types, unit titles."""

from __future__ import annotations

from kgen.ir.model import Unit
from kgen.targets import common


def test_union_flattens_members_and_drops_repeats() -> None:
    assert common.union(["int | str", "str", "None"], lambda t: t.split(" | ")) == "int | str | None"


def test_unit_titles() -> None:
    assert common.unit_title(Unit((("core",), ("v1",)), group="", version="v1")) == "core/v1"
    assert common.unit_title(Unit((("apps",),), group="apps")) == "the apps API group"
    assert common.unit_title(Unit((("well", "known"),))) == "well known"
