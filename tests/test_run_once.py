"""One output's run reads its inputs and its template pack once, whichever way it goes (kgen.app.pipeline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO, REPO

from kgen import sources
from kgen.app import cli
from kgen.targets import packs

PACK = REPO / "tests" / "packs" / "markdown"


@pytest.mark.parametrize("target", ["markdown", "python"])
def test_each_run_reads_once(target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    calls: dict[str, int] = {}

    def counted(name: str, read: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] = calls.get(name, 0) + 1
            return read(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(packs, "read", counted("pack", packs.read))
    monkeypatch.setattr(sources, "read", counted("inputs", sources.read))
    pack = PACK if target == "markdown" else REPO / "tests" / "packs" / "python-readme"
    base = ["generate", "--spec", str(DEMO), "--out", str(tmp_path / "out"), "--templates", str(pack), "--no-format"]
    runs = {"generated": [], "up to date": [], "checked from the lock": ["--check"], "checked in memory": ["--check", "--full"], "regenerated": ["--full"]}
    for run, extra in runs.items():
        calls.clear()
        assert cli.main([*base, *extra]) == 0, run
        assert calls == {"pack": 1, "inputs": 1}, run
    assert "nothing written" in capsys.readouterr().out
