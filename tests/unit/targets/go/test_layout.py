"""Go layout: what kgen aligns is what gofmt aligns, and gofmt leaves kgen's doc comments alone."""

from __future__ import annotations

import subprocess

import gotools
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgen.targets.go import encode, layout

names = st.from_regex(r"[A-Z][A-Za-z0-9]{0,20}", fullmatch=True)
types = st.sampled_from(["string", "*int64", "[]Container", "map[string]client.Quantity", "*metav1.ObjectMeta", "json.RawMessage"])
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


def _gofmt(source: str) -> str:
    result = subprocess.run(["gofmt"], input=source, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(autouse=True)
def _needs_gofmt() -> None:
    if reason := gotools.missing():
        pytest.skip(reason)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), texts), names, types), min_size=1, max_size=8, unique_by=lambda f: f[1]))
def test_struct_fields_align_as_gofmt_does(fields: list[tuple[str | None, str, str]]) -> None:
    entries = [(encode.comment_lines(doc or "", "\t"), [name, go_type, encode.tag_literal([encode.tag_pair("json", name)])]) for doc, name, go_type in fields]
    source = "package p\n\ntype T struct {\n" + "\n".join(layout.body(entries, "\t")) + "\n}\n"
    assert _gofmt(source) == source


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, min_size=1, max_size=3), texts)
def test_doc_comments_survive_gofmt(paragraphs: list[str], text: str) -> None:
    doc = encode.doc_comment([f"Name{i}: {p}" for i, p in enumerate(paragraphs)])
    source = f"package p\n\n{doc}\ntype T int\n\n{encode.doc_comment(['Package p ' + text])}\nvar V = 1\n"
    assert _gofmt(source) == source
