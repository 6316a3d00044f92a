"""The encoders give back their input, whatever it holds, in black's canonical form."""

from __future__ import annotations

import ast
import inspect

import black
import pytest

from kgen.targets.python.encode import comment, docstring, markdown_text, string_literal, toml_string

NASTY = [
    "plain",
    'quote " and \'',
    '"""triple""" and \'\'\'single\'\'\'',
    "trailing backslash \\",
    "new\nline\r\nand\rreturn",
    "tab\tand   trailing spaces   ",
    "   leading spaces",
    "nul\x00 and \x1b escape",
    "bidi \u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069 controls",
    "line\u2028sep\u2029para\x85next",
    "surrogate \ud800 alone",
    "emoji \U0001f600 and é",
    "\"quote at both ends\"",
    "''",
    "${x} `cmd` */ \\u002a/",
]


@pytest.mark.parametrize("text", NASTY)
def test_string_literal_round_trips(text: str) -> None:
    literal = string_literal(text)
    assert ast.literal_eval(literal) == text
    assert black.format_str(f"x = {literal}\n", mode=black.Mode()) == f"x = {literal}\n"
    assert all(ch.isprintable() for ch in literal)


@pytest.mark.parametrize("text", NASTY)
def test_docstring_round_trips_and_is_black_stable(text: str) -> None:
    source = f"class A:\n    {docstring(text, '    ')}\n"
    assert black.format_str(source, mode=black.Mode()) == source
    namespace: dict[str, object] = {}
    exec(compile(source, "<test>", "exec"), namespace)  # noqa: S102 - our own generated text
    doc = namespace["A"].__doc__  # type: ignore[attr-defined]
    expected = text.replace("\r\n", "\n").replace("\ud800", "\ufffd")
    assert inspect.cleandoc(doc) == inspect.cleandoc(expected) or doc.replace("\n    ", "\n") == expected
    assert all(ch.isprintable() or ch == "\n" for ch in source)


def test_comment_stays_one_line() -> None:
    assert "\n" not in comment("a\nb\u2028c") and comment("a\nb").startswith("# ")


def test_toml_and_markdown() -> None:
    import tomllib

    for text in NASTY:
        assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text.replace("\ud800", "\ufffd")
    assert markdown_text("<script>*x*</script>\n# h") == "\\<script\\>\\*x\\*\\</script\\> \\# h"
