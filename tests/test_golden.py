"""The demo spec's output of every target is committed under tests/golden/; any difference fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEMO, REPO, run_kgen
from regen_golden import CASES, GOLDEN


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.mark.parametrize("name", CASES)
def test_demo_matches_golden(name: str, tmp_path: Path) -> None:
    assert DEMO.is_file()
    out = tmp_path / name
    result = run_kgen("generate", *CASES[name], "--out", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    expected, actual = _tree(GOLDEN / name), _tree(out)
    assert sorted(actual) == sorted(expected), "files differ: run `python tests/regen_golden.py` if intended"
    changed = [path for path in expected if expected[path] != actual[path]]
    assert not changed, f"{changed} differ from tests/golden/{name}: run `python tests/regen_golden.py` if intended"
