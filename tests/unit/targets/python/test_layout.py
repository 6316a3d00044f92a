"""layout.* produce what black produces, so that generated files need no formatting."""

from __future__ import annotations

import black
import pytest

from kgen.targets.python.formatting import needs_black
from kgen.targets.python import layout

MODE = black.Mode(target_versions={black.TargetVersion.PY310})


def _stable(source: str) -> None:
    """Black changes nothing, or the file is one the formatting step sends through black."""
    assert black.format_str(source, mode=MODE) == source or needs_black(source)


@pytest.mark.parametrize("n", [1, 3, 8, 20])
def test_signatures(n: int) -> None:
    args = ["self"] + [f"argument_{i}: str | None = None" for i in range(n)]
    _stable("class A:\n" + layout.bracket("def method(", args, ") -> int:", "    ") + "\n        return 1\n")


@pytest.mark.parametrize("n", [1, 4, 30])
def test_collections_and_imports(n: int) -> None:
    names = [f'"Name{i}"' for i in range(n)]
    _stable(layout.bracket("__all__ = [", names, "]", collection=True) + "\n")
    _stable(layout.import_from("package.module", [f"Name{i}" for i in range(n)]) + "\n")


@pytest.mark.parametrize("annotation", ["int | None", "list[VeryLongModelNameForTesting" + "X" * 40 + "] | None", "A" * 70 + " | None", "B" * 90, "list[" + "C" * 90 + "]"])
@pytest.mark.parametrize("value", ["", "None", 'field(name="someWireName", default=None)'])
def test_annotated_assignments(annotation: str, value: str) -> None:
    if not value and annotation.endswith("None"):
        value = "None"
    _stable("class A:\n" + layout.annotated("some_attribute_name", annotation, value, "    ") + "\n")


def test_keyword_dict_inside_a_call() -> None:
    entries = [f'"key_{i}": "wireName{i}"' for i in range(8)]
    item = layout.keyword_dict("wire", entries, layout.INDENT)
    _stable(layout.bracket("_OP = Op(", ['"GET"', '"/a/path"', "Thing", item], ")") + "\n")
