"""The demo spec's output is committed under tests/golden/; any difference fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEMO, generate
from regen_golden import CASES, GOLDEN


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.mark.parametrize("case", sorted(CASES))
def test_demo_matches_golden(case: str, tmp_path: Path) -> None:
    args = CASES[case]
    assert args[:2] == ["--spec", "specs/demo-cluster.json"] and DEMO.is_file()
    out = generate(DEMO, tmp_path / case, *args[2:])
    expected, actual = _tree(GOLDEN / case), _tree(out)
    assert sorted(actual) == sorted(expected), "files differ: run `python tests/regen_golden.py` if intended"
    changed = [path for path in expected if expected[path] != actual[path]]
    assert not changed, f"{changed} differ from tests/golden/{case}: run `python tests/regen_golden.py` if intended"
