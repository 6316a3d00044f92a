"""The Java encoders: spec text reaches generated source only through them, whatever it holds."""

from __future__ import annotations

import re

import pytest

from kgen.targets.common import described
from kgen.targets.java import encode
from kgen.targets.java.layout import WIDTH

HOSTILE = [
    'quote " and backslash \\',
    "\\u0022); System.exit(1); //",  # a \u escape javac would translate before lexing
    "\\\\u0022 even backslashes",
    "line\nbreak\r\nand \u2028 separators \u2029",
    "controls \x00\x07\x1b[31m\x7f",
    "bidi \u202e\u2066 trojan \u200f",
    "astral \U0001f600 and lone \ud800 surrogate",
    "*/ ends a comment, /* starts one",
    "@Override {@code x} <script>&amp;",
]


def unicode_escapes(source: str) -> str:
    """What javac reads: \\uXXXX escapes translated first, where an even number of backslashes precedes the \\ (JLS 3.3)."""
    out, i = [], 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            run = len(source[:i]) - len(source[:i].rstrip("\\"))
            match = re.match(r"\\u+([0-9a-fA-F]{4})", source[i:])
            if run % 2 == 0 and match:
                out.append(chr(int(match.group(1), 16)))
                i += match.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def literal_value(literal: str) -> str:
    """The value of a Java string literal, as javac reads it."""
    text = unicode_escapes(literal)
    assert text[0] == text[-1] == '"'
    body = text[1:-1]
    assert "\n" not in body and "\r" not in body, "a line terminator ends the literal"
    value, i = [], 0
    short = {"n": "\n", "t": "\t", "b": "\b", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "'": "'"}
    while i < len(body):
        ch = body[i]
        if ch == '"':
            raise AssertionError(f"the literal ends early at {i}: {literal}")
        if ch == "\\":
            octal = re.match(r"[0-7]{1,3}", body[i + 1 :])
            if octal:
                value.append(chr(int(octal.group(0), 8)))
                i += 1 + octal.end()
                continue
            value.append(short[body[i + 1]])
            i += 2
            continue
        value.append(ch)
        i += 1
    return "".join(value).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")  # Java strings are UTF-16


@pytest.mark.parametrize("text", HOSTILE)
def test_string_literal_gives_back_the_text(text: str) -> None:
    literal = encode.string_literal(text)
    assert re.fullmatch(r"[\x20-\x7e]*", literal)
    assert literal_value(literal) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_javadoc_cannot_be_escaped(text: str) -> None:
    doc = encode.javadoc([text, text], "  ")
    seen = unicode_escapes(doc)
    assert re.fullmatch(r"[\x20-\x7e\n]*", doc)
    assert seen.count("*/") == 1 and seen.endswith("*/")
    assert not re.search(r"[@<>\\]", seen[3:-2].replace("<p>", ""))
    assert all(line.startswith("  /**") or line.startswith("   *") for line in doc.splitlines())


def test_javadoc_layout() -> None:
    assert encode.javadoc(["A pod."], "  ") == "  /** A pod. */"
    assert encode.javadoc([" "], "") == ""
    long = " ".join(["word"] * 60)
    doc = encode.javadoc([long, "Second & last."], "  ").splitlines()
    assert doc[0] == "  /**" and doc[-1] == "   */"
    assert all(len(line) <= WIDTH for line in doc)
    assert "   *" in doc and "   * <p>Second &amp; last." in doc


@pytest.mark.parametrize("text", HOSTILE)
def test_block_comment_stays_one_comment(text: str) -> None:
    comment = encode.block_comment(text)
    seen = unicode_escapes(comment)
    assert "\n" not in seen and seen.count("*/") == 1 and seen.endswith("*/")


def test_xml_text() -> None:
    assert encode.xml_text('a<b>&"c"\x01\u00e9') == "a&lt;b&gt;&amp;&quot;c&quot;&#xe9;"


@pytest.mark.parametrize("description", [None, "", "\t", " \n\u2028 "])
def test_a_description_without_words_gives_the_fallback(description: str | None) -> None:
    """A getter's Javadoc is never empty: an empty one would leave a blank line google-java-format removes."""
    assert described(description, "The x member.") == "The x member."
    assert encode.javadoc([described(description, "The x member.")], "  ") == "  /** The x member. */"


def test_a_description_with_words_is_kept() -> None:
    assert described(" \tgiven ", "fallback") == " \tgiven "
