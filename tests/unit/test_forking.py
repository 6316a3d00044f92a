"""A forked child hands its parent one answer, or its failure as EOF and status 1, and never returns into the parent's code."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from kgen import forking


def _child(answer: object, marker: Path) -> tuple[int, object]:
    """Fork a child that answers with `answer()`; the code after `exit_with` writes `marker`, which must never happen."""
    pid, pipe = forking.fork()
    if pid == 0:
        forking.exit_with(pipe, answer)  # type: ignore[arg-type]
        marker.write_text("the child returned into its parent's code")
    try:
        received: object = pipe.recv()
    except EOFError:
        received = EOFError
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), received


def _fails() -> NoReturn:
    raise RuntimeError("the child's work failed")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is what this module wraps; platforms without it never call it")
@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (lambda: ["a", "b"], (0, ["a", "b"])),
        (_fails, (1, EOFError)),
        (lambda: (lambda: None), (1, EOFError)),  # an answer that cannot be pickled: nothing sent, status 1
    ],
)
def test_a_child_answers_once_and_ends(tmp_path: Path, answer: object, expected: tuple[int, object]) -> None:
    marker = tmp_path / "returned"
    assert _child(answer, marker) == expected
    assert not marker.exists()
