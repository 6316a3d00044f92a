"""TypeScript names: exported functions never make their module a thenable, and the root unit's never clash with the runtime's."""

from __future__ import annotations

import re

from kgen.targets.typescript import naming
from kgen.targets.typescript.target import TEMPLATES


def test_an_exported_function_is_never_named_then() -> None:
    """`await import()` of a module exporting `then` would call it: Then and then become then_."""
    assert naming.function(("then",)) == "then_"
    assert naming.function(("then", "all")) == "thenAll"
    assert naming.function(("list", "pods")) == "listPods"


def test_runtime_exports_are_what_the_runtime_index_exports() -> None:
    """The root unit's names avoid RUNTIME_EXPORTS because the package's index exports both: the list must be the runtime's."""
    source = (TEMPLATES / "runtime" / "index.ts").read_text()
    exported = {re.sub(r"^type\s+", "", name.strip()) for block in re.findall(r"export (?:type )?\{([^}]*)\}", source) for name in block.split(",")}
    assert exported - {""} == naming.RUNTIME_EXPORTS
