"""Names unique within a scope, in document order."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from kgen.ir.model import Model, Operation, Unit
from kgen.plan import scopes


def test_unique_appends_numbers_and_folds_case_when_asked() -> None:
    assert scopes.unique(["Pod", "Pod", "pod"], {"Pod"}) == ["Pod2", "Pod3", "pod"]
    assert scopes.unique(["Pod", "pod", "POD"], fold=True) == ["Pod", "pod2", "POD3"]


@pytest.mark.parametrize("taken", [{"Node"}, frozenset({"Node"}), ["Node"], ("Node",)])
def test_unique_names_come_back_as_they_are_whatever_holds_the_taken_ones(taken: Iterable[str]) -> None:
    names = ["Pod", "pod", "Service"]
    found = scopes.unique(names, taken)
    assert found == names and found is not names
    assert scopes.unique(["Pod", "Node"], taken) == ["Pod", "Node2"]
    assert scopes.unique(["Pod", "POD"], taken, fold=True) == ["Pod", "POD2"]




def test_model_names_are_unique_per_scope_after_the_names_taken_there() -> None:
    models = [Model(key, "", (), name=(word,)) for key, word in (("a", "pod"), ("b", "pod"), ("c", "pod"), ("d", "node"))]
    scope = {"a": "core", "b": "core", "c": "apps", "d": "core"}
    names = scopes.model_names(models, lambda m: scope[m.key], lambda m: m.name[0].title(), lambda s: {"Node"} if s == "core" else set())
    assert names == {"a": "Pod", "b": "Pod2", "c": "Pod", "d": "Node2"}


def test_unit_dirs_number_the_last_segment_of_a_later_unit_spelled_alike_or_refused() -> None:
    units = [Unit((("apps",), ("v1",))), Unit((("apps",), ("V1",))), Unit((("runtime",),)), Unit(())]
    dirs = scopes.unit_dirs(units, lambda words: "_".join(words).lower(), lambda d: d[:1] == ("runtime",))
    assert dirs == {units[0]: ("apps", "v1"), units[1]: ("apps", "v12"), units[2]: ("runtime2",), units[3]: ()}


def test_unit_dirs_folded_tell_apart_spellings_that_differ_only_in_case() -> None:
    """Pets and PeTs are one directory on a case-insensitive file system: the later one is numbered."""
    units = [Unit((("pets",),)), Unit((("pe", "ts"),))]
    dirs = scopes.unit_dirs(units, lambda words: "".join(w[:1].upper() + w[1:] for w in words), fold=True)
    assert dirs == {units[0]: ("Pets",), units[1]: ("PeTs2",)}
    assert scopes.unit_dirs(units, lambda words: "".join(w[:1].upper() + w[1:] for w in words)) == {units[0]: ("Pets",), units[1]: ("PeTs",)}


def test_operation_names_come_before_watch_helpers_and_after_the_names_taken() -> None:
    ops = [
        Operation("a", "GET", "/pods", "", name=("list", "pod"), watch_name=("watch", "pod", "list")),
        Operation("b", "GET", "/pods/w", "", name=("watch", "pod", "list")),
        Operation("c", "GET", "/pod", "", name=("pod",)),
    ]
    names = scopes.operation_names(ops, lambda words: "".join(w.title() for w in words), {"Pod"})
    assert names == {"a": ("ListPod", "WatchPodList2"), "b": ("WatchPodList", None), "c": ("Pod2", None)}
