"""Encoders for every context where spec text reaches Go source.

REMOVING OR BYPASSING THESE HAS SECURITY IMPLICATIONS: spec text is
untrusted (CRD authors write descriptions, enum values, names), and these
functions are the only way it may enter generated code.

  * string literals are what strconv.Quote writes: quotes, backslashes and
    every character that is not printable (controls, bidi and other format
    characters, separators) escaped, so no raw control or bidi character
    reaches a file;
  * comments are `//` lines and never carry a line break: text is split into
    lines first, and characters that are not printable are written as the
    escapes a string literal would use (\\t, \\x1b, \\u202e); a line that
    would read as a `+build` constraint has its `+` written as \\u002b, so
    `go vet` never sees one;
  * top-level doc comments, which gofmt reformats (indented lines become code
    blocks, lone lines headings), are paragraphs that each start with an
    identifier and a colon and whose whitespace runs are collapsed, wrapped
    at WRAP columns: nothing in them is indented, so gofmt keeps them as
    they are; and since gofmt turns two ' or two ` into a curly quote, the
    second of such a pair is written \x27 or \x60. Comments inside
    declarations (struct fields), which gofmt leaves alone, keep their lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kgen.targets.common import fill, replaced, special

WRAP = 100
_QUOTE_PAIR = re.compile(r"''|``")
_LITERAL_SPECIAL = special('"\\')
_SHORT = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def _escape(ch: str) -> str:
    """How a string literal writes a character that is not printable."""
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF:  # not Unicode text: Go refuses it in a literal (JSON decoding gives U+FFFD too)
        return "\\ufffd"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with every character that is not printable written as an escape (for comments)."""
    return text if text.isprintable() else "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def string_literal(text: str) -> str:
    """A Go interpreted string literal whose value is `text` (strconv.Quote's escapes)."""
    return '"' + replaced(text, _LITERAL_SPECIAL, _literal_char) + '"'


def _literal_char(ch: str) -> str:
    if ch == '"' or ch == "\\":
        return "\\" + ch
    return ch if ch.isprintable() else _escape(ch)


def _break_pair(match: re.Match[str]) -> str:
    pair = match.group(0)
    return pair[0] + ("\\x27" if pair[0] == "'" else "\\x60")


def tag_pair(key: str, value: str) -> str:
    """One `key:"value"` pair of a struct tag, as reflect.StructTag.Get reads it back."""
    return f"{key}:{string_literal(value)}"


def tag_literal(pairs: list[str]) -> str:
    """A struct tag: a raw string when it can be one (the usual form), else an interpreted one."""
    content = " ".join(pairs)
    return f"`{content}`" if "`" not in content and content.isprintable() else string_literal(content)


def _comments(lines: Iterable[str], indent: str) -> list[str]:
    """One `//` line per line of text: escaped, its end stripped, never a `+build` constraint (one loop: a cluster has
    hundreds of thousands of comment lines)."""
    slashes = indent + "//"
    result = []
    for line in lines:
        line = visible(line).rstrip()
        if "+build" in line:
            line = _unconstrained(line)
        result.append(f"{slashes} {line}" if line else slashes)
    return result


def _unconstrained(line: str) -> str:
    """The line, its `+` written \\u002b when it starts (after spaces) with `+build`."""
    stripped = line.lstrip()
    return line[: len(line) - len(stripped)] + "\\u002b" + stripped[1:] if stripped.startswith("+build") else line


def comment_lines(text: str, indent: str) -> list[str]:
    """A comment inside a declaration (gofmt leaves those alone): the text's own lines, ends stripped."""
    lines = text.replace("\r\n", "\n").strip().split("\n")
    return _comments(lines, indent) if lines != [""] else []


def line_comment(text: str, indent: str = "") -> str:
    """One comment line, whatever `text` holds: its whitespace runs become single spaces."""
    return _comments([" ".join(text.split())], indent)[0]


def doc_comment(paragraphs: list[str], indent: str = "") -> str:
    """A top-level doc comment: each paragraph's whitespace runs collapsed, then wrapped at WRAP columns.

    Every paragraph starts with an identifier kgen made (followed by a colon or
    a space): then no paragraph can become a heading, a list, a link
    definition or a code block when gofmt reformats the comment.
    """
    blocks = []
    for paragraph in paragraphs:
        assert paragraph[:1].isascii() and paragraph[:1].isalpha(), f"a doc paragraph must start with an identifier: {paragraph!r}"
        words = visible(" ".join(paragraph.split()))
        if "''" in words or "``" in words:  # no pair or escape spans a space
            words = _QUOTE_PAIR.sub(_break_pair, words)
        lines = fill(words, WRAP - len(indent) - 3)  # escaped, and neither starts nor ends with a space
        blocks.append("\n".join(_comments(lines, indent)) if "+build" in words else f"{indent}// " + f"\n{indent}// ".join(lines))
    return f"\n{indent}//\n".join(blocks)
