"""Go encoders: literals that read back, comments that stay comments, doc paragraphs gofmt keeps."""

from __future__ import annotations

import subprocess
from pathlib import Path

import gotools
import pytest

from kgen.targets.go import encode

TEXTS = ["plain", 'quote " and backslash \\', "line\nbreak\r\n", "\x00\x07\x1b\x7f", "\u202e bidi \u2066", "\ufeff\u200b", "caf\xe9 \U0001f600", "`raw`", "\u2028\u2029\x85"]


def test_string_literals_escape_what_is_not_printable() -> None:
    assert encode.string_literal('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    assert encode.string_literal("\x1b\xa0\u202e\U0001f600") == '"\\x1b\\u00a0\\u202e\U0001f600"'
    assert all(encode.string_literal(t).isprintable() for t in TEXTS)


def test_string_literals_read_back_in_go(tmp_path: Path) -> None:
    """strconv.Unquote of each literal gives the text back: Go itself is the judge."""
    if reason := gotools.missing():
        pytest.skip(reason)
    literals = ",\n".join(f"\t{encode.string_literal(t)}" for t in TEXTS)
    main = f'package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc main() {{\n\tjson.NewEncoder(os.Stdout).Encode([]string{{\n{literals},\n\t}})\n}}\n'
    program = tmp_path / "p"
    program.mkdir()
    (program / "go.mod").write_text("module p\n\ngo 1.19\n")
    (program / "main.go").write_text(main)
    gotools.go("build", "-o", "p", ".", cwd=program)
    import json

    assert json.loads(subprocess.run([str(program / "p")], capture_output=True, check=True).stdout) == TEXTS


def test_comments_never_carry_a_line_break_or_a_build_constraint() -> None:
    lines = encode.comment_lines("  first\r\nsecond \t\n+build linux\n\n  +build x\u2028y", "\t")
    assert lines == ["\t// first", "\t// second \\t", "\t// \\u002bbuild linux", "\t//", "\t//   \\u002bbuild x\\u2028y"]
    assert encode.line_comment("a\nb\u202ec") == "// a b\\u202ec"


def test_doc_paragraphs_are_collapsed_wrapped_and_never_curled() -> None:
    doc = encode.doc_comment(["Name: " + "word " * 40 + "it''s ``x``", "param: \ttwo\n  lines"])
    lines = doc.split("\n")
    assert all(len(line) <= encode.WRAP for line in lines) and "//" in lines
    assert "it'\\x27s `\\x60x`\\x60" in doc and lines[-1] == "// param: two lines"
    with pytest.raises(AssertionError):
        encode.doc_comment(["# heading"])


def test_tags_are_raw_strings_when_they_can_be() -> None:
    assert encode.tag_literal([encode.tag_pair("json", "a,omitempty")]) == '`json:"a,omitempty"`'
    assert encode.tag_literal([encode.tag_pair("query", "a`b")]) == '"query:\\"a`b\\""'
