"""Generated code is black-formatted: black changes nothing in any output (the layout is exact,
and files it could not lay out exactly went through black during generation)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import DEMO, REAL_SPECS, generate, scale_document


def _unstable(path: str) -> str | None:
    import black

    text = Path(path).read_text()
    mode = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)
    return None if black.format_str(text, mode=mode) == text else path


def _check(root: Path) -> list[str]:
    files = sorted(str(p) for p in root.rglob("*.py"))
    with ProcessPoolExecutor() as pool:
        return [p for p in pool.map(_unstable, files, chunksize=4) if p]


def test_demo_output_is_black_stable(tmp_path: Path) -> None:
    assert _check(generate(DEMO, tmp_path / "demo")) == []


@pytest.mark.parametrize("name", REAL_SPECS)
def test_real_outputs_are_black_stable(name: str, real_outputs: dict[str, Path]) -> None:
    if name not in real_outputs:
        pytest.skip(f"{name} not in KGEN_SPECS_DIR")
    assert _check(real_outputs[name]) == []


def test_no_format_output_needs_black_only_where_flagged(tmp_path: Path) -> None:
    from kgen.targets.python.formatting import needs_black

    root = generate(DEMO, tmp_path / "raw", "--no-format")
    unstable = set(_check(root))
    flagged = {str(p) for p in root.rglob("*.py") if needs_black(p.read_text())}
    assert unstable <= flagged


def test_cluster_scale_output_leaves_black_nothing_to_do(tmp_path: Path) -> None:
    """Long dotted names, deep nesting, long unions: laid out exactly, so no file goes through black (issue 17)."""
    from kgen.targets.python.formatting import needs_black

    root = generate(scale_document(), tmp_path / "raw", "--no-format")
    assert [str(p.relative_to(root)) for p in sorted(root.rglob("*.py")) if needs_black(p.read_text())] == []
    assert _check(root) == []
