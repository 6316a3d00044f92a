"""TypeScript names: exported functions never make their module a thenable."""

from __future__ import annotations

from kgen.targets.typescript import naming


def test_an_exported_function_is_never_named_then() -> None:
    """`await import()` of a module exporting `then` would call it: Then and then become then_."""
    assert naming.function(("then",)) == "then_"
    assert naming.function(("then", "all")) == "thenAll"
    assert naming.function(("list", "pods")) == "listPods"
