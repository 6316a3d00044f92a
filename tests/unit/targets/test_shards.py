"""Rendering shared between processes (kgen.targets.shards) gives the files of one process, in every target."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import scale_document

from kgen import __version__
from kgen.app.pipeline import build_api
from kgen.app.request import Request
from kgen.ir.model import Api
from kgen.targets import registry, shards
from kgen.targets.base import GeneratedFile, Options

TARGETS = ["csharp", "go", "java", "python", "typescript"]


@pytest.fixture(scope="module")
def api() -> Api:
    """Kubernetes 1.36 with synthetic CRDs: units of every size, one of them (core/v1) far the heaviest."""
    return build_api(Request(str(scale_document()), Path("."), lenient=True, validate=False))[0]


def rendered(api: Api, target: str, workers: int) -> list[GeneratedFile]:
    options = Options(package_name="kube", project_name=None, project_version="0.1.0", kgen_version=__version__, spec_sha256=api.sha256)
    return shards.render(lambda: list(registry.builtin(target).render(api, options)), workers)


@pytest.mark.parametrize("target", TARGETS)
def test_shared_rendering_writes_the_files_of_one_process(api: Api, target: str) -> None:
    serial = rendered(api, target, 1)
    for workers in (2, 3):
        assert rendered(api, target, workers) == serial


def test_shares_cover_every_item_once_and_balance_the_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [("core", 900), *((f"crd{i}", 40 + i % 7) for i in range(60))]
    owned = []
    for index in range(3):
        monkeypatch.setattr(shards, "_share", (index, 3))
        owned.append(shards.share(items, lambda item: item[1]))
    assert sorted(i for share in owned for i in share) == sorted(items)
    loads = [sum(weight for _, weight in share) for share in owned]
    assert max(loads) - min(loads) <= 46 + 20  # at most the lightest item's weight apart, with each item's + 1
    monkeypatch.setattr(shards, "_share", (0, 1))
    assert shards.share(items, lambda item: item[1]) == items


def test_a_failing_share_renders_again_in_one_process() -> None:
    """A worker's error is not the user's: the serial run raises the error a user sees, in the order of one process."""
    calls = []

    def produce() -> list[GeneratedFile]:
        shards.share([1, 2], lambda item: item)  # the workers fork here
        calls.append(shards._share)
        if shards._share == (1, 2):
            raise ValueError("only in the worker")
        if shards._share == (0, 1):
            raise KeyError("the serial error")
        return []

    with pytest.raises(KeyError, match="the serial error"):
        shards.render(produce, 2)
    assert calls == [(0, 2), (0, 1)]  # the worker's call happened in its own process


def test_what_a_render_does_before_its_first_share_is_done_once() -> None:
    """A target plans the whole API before sharing its units: the workers fork after that, and inherit the plan."""
    planned: list[int] = []

    def produce() -> list[GeneratedFile]:
        planned.append(os.getpid())  # in the parent only, before any worker exists
        mine = shards.share(range(40), lambda item: item)
        return [GeneratedFile(f"unit{i}", f"planned by {planned}, rendered by {os.getpid()}\n") for i in mine]

    files = shards.render(produce, 3)
    assert [f.path for f in files] == sorted(f"unit{i}" for i in range(40))
    assert {f.content.split(", rendered")[0] for f in files} == {f"planned by {[os.getpid()]}"}
    assert len({f.content for f in files}) == 3  # three processes rendered
    assert planned == [os.getpid()] and shards._share == (0, 1) and not shards._workers
