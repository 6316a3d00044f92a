"""Encoders for every context where spec text reaches TypeScript source or package metadata.

REMOVING OR BYPASSING THESE HAS SECURITY IMPLICATIONS: spec text is untrusted
(CRD authors write descriptions, enum values, names), and these functions are
the only way it may enter generated code. Template literals are never used
for spec text, so backticks and `${` are ordinary characters everywhere here.

  * string_literal: a double-quoted literal, as JSON.stringify writes it, with
    every character that is not printable escaped (controls, bidi controls,
    U+2028/U+2029, which end lines in older engines, lone surrogates), and `</`
    written `<\\/` so that no `</script` appears if the code is inlined in HTML.
  * doc_comment: a JSDoc block. Its text is HTML-entity encoded where it must
    be (`&`, `*/`, `@`, a backslash before `u`, non-printable characters), which
    TypeScript's hover and TSDoc render back; the encoding is reversible, so
    the text can be read back exactly (`doc_text` does it for tests).
"""

from __future__ import annotations

import re

from kgen.targets.common import special

_SPECIAL = re.compile(r'[^\x20-\x7e]|[\\"]|</')
_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "</": "<\\/"}


def _utf16_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _escape(match: re.Match[str]) -> str:
    text = match.group(0)
    if text in _SHORT:
        return _SHORT[text]
    return text if text.isprintable() else _utf16_escape(text)


def string_literal(text: str) -> str:
    """A TypeScript string literal that evaluates to `text` (lone surrogates included)."""
    return '"' + _SPECIAL.sub(_escape, text) + '"'


# Entity-encoded in comments: `&` (the escape itself), `/` after `*` (`*/` would end the comment),
# `@` (a JSDoc tag such as @internal would change what tools do), a backslash before `u` (Java-style
# unicode escapes: inert in TypeScript, neutralised all the same), and every non-printable character.
# One character class finds them (an alternation with look-arounds scans several times slower); _entity looks
# at the neighbours of a `/` or a backslash. A comment's lines hold no newline.
_COMMENT_SPECIAL = special("&/@\\")


def _entity(match: re.Match[str]) -> str:
    ch, text, at = match.group(0), match.string, match.start()
    if ch in "&@" or (ch == "/" and text[at - 1 : at] == "*") or (ch == "\\" and text[at + 1 : at + 2] == "u") or not ch.isprintable():
        return f"&#{ord(ch)};"
    return ch


def _comment_line(line: str) -> str:
    """One line of text, with blanks at its ends kept as entities (editors and formatters strip them)."""
    body = _COMMENT_SPECIAL.sub(_entity, line)
    stripped = body.rstrip(" ")
    return stripped + "&#32;" * (len(body) - len(stripped))


def doc_comment(text: str, indent: str = "") -> str:
    """A JSDoc block whose text, read back with doc_text, is `text` (CRLF read as LF)."""
    lines = [_comment_line(line) for line in text.replace("\r\n", "\n").split("\n")]
    if len(lines) == 1 and lines[0]:
        first = lines[0]
        return f"{indent}/** {'&#32;' + first[1:] if first.startswith(' ') else first} */"
    body = "\n".join(f"{indent} * {line}" if line else f"{indent} *" for line in lines)
    return f"{indent}/**\n{body}\n{indent} */"


_ENTITY = re.compile(r"&#([0-9]+);")
_STAR_LINE = re.compile(r"[ \t]*\*(?: (.*))?")


def doc_text(comment: str) -> str:
    """The text a doc_comment carries (for tools and tests that read generated code back)."""
    lines = comment.strip().split("\n")
    if len(lines) == 1:
        inner = lines[0].removeprefix("/** ").removesuffix(" */")
    else:
        inner = "\n".join(((m.group(1) or "") if (m := _STAR_LINE.fullmatch(line)) else "") for line in lines[1:-1])
    return _ENTITY.sub(lambda m: chr(int(m.group(1))), inner)


def line_comment(text: str) -> str:
    """A `//` comment on one line: line breaks and other non-printable characters become escapes."""
    return "// " + re.sub(r"[^\x20-\x7e]", lambda m: m.group(0) if m.group(0).isprintable() else _utf16_escape(m.group(0)), text)
