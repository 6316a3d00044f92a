"""The cycle collector is off while a run builds what it keeps, and on (over what they make) in forked workers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DEMO

from kgen import collector
from kgen.app.pipeline import build
from kgen.app.request import Request
from kgen.sources import validation
from kgen.sources.loading import load
from kgen.targets import shards
from kgen.targets.base import GeneratedFile


def _state() -> str:
    return f"enabled={gc.isenabled()} frozen={gc.get_freeze_count() > 0}"


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """The test process as it was: nothing left frozen, the collector on."""
    assert gc.isenabled() and gc.get_freeze_count() == 0
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_turns_the_collector_off_and_back_to_what_it_was(enabled: bool, unfrozen: None) -> None:
    if not enabled:
        gc.disable()
    with pytest.raises(RuntimeError), collector.paused():
        assert not gc.isenabled()
        raise RuntimeError("the block failed")
    assert gc.isenabled() is enabled


def test_a_run_builds_with_the_collector_off_and_leaves_it_on(tmp_path: Path, unfrozen: None) -> None:
    seen: dict[str, bool] = {}
    build(Request(str(DEMO), tmp_path, target="go", validate=False), stage=lambda name: seen.setdefault(name, gc.isenabled()))
    assert seen == {"reading": False, "parsing": False, "building the IR": False, "rendering": False, "formatting": False}
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # only forked workers freeze


def test_render_workers_collect_only_what_they_make(unfrozen: None) -> None:
    def produce() -> list[GeneratedFile]:
        shards.share([], len)  # the workers fork here
        return [GeneratedFile(f"share-{shards._share[0]}", _state())]

    with collector.paused():
        files = shards.render(produce, 2)
    assert {f.path: f.content for f in files} == {"share-0": "enabled=False frozen=False", "share-1": "enabled=True frozen=True"}


def test_validation_workers_collect_only_what_they_make(monkeypatch: pytest.MonkeyPatch, unfrozen: None) -> None:
    """Each worker reports its collector's state as the one problem of every unit it takes (forked: the patch is inherited)."""
    monkeypatch.setattr(validation.UnitCheck, "problems", lambda self, unit: [(["paths"], _state())])
    monkeypatch.setenv("KGEN_CACHE_DIR", "")
    document = load(str(DEMO))
    with collector.paused():
        found = validation.Validation(document.data, document.sha256, document.source, lenient=True).result()
    assert found and {d.message for d in found} == {"validation: enabled=True frozen=True"}
