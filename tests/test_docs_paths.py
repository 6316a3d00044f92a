"""The documents that name kgen's files name real ones: a reader follows them in a plain clone."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

PATH = re.compile(r"`((?:generator|templates|tests|docs|benchmarks|specs)/[\w./<>-]*)`")


@pytest.mark.parametrize("document", ["ARCHITECTURE.md", "README.md", "docs/targets.md"])
def test_every_path_a_document_names_exists(document: str) -> None:
    text = (REPO / document).read_text("utf-8")
    named = {p.rstrip("/") for p in PATH.findall(text) if "<" not in p}
    assert named, f"{document} names no paths"
    missing = sorted(p for p in named if not (REPO / p).exists())
    assert not missing, f"{document} names files that do not exist: {missing}"
