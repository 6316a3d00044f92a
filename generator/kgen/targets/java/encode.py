"""Encoders for every context where spec text reaches Java source, the pom and the README.

REMOVING OR BYPASSING THESE HAS SECURITY IMPLICATIONS: spec text is
untrusted (CRD authors write descriptions, enum values, names), and these
functions are the only way it may enter generated code.

javac translates every `\\uXXXX` escape before it lexes anything, in
literals and comments alike: `\\u0022` in a string literal is a quote that
ends it, `\\u002a/` in a comment ends the comment. So:

  * string literals hold printable ASCII only: a quote and a backslash are
    escaped (a backslash doubled, so a spec's `\\u` can never start an escape),
    controls are the short or octal escapes (never `\\u000a`, which would be a
    real line break), and everything beyond ASCII (bidi and other format
    characters included) is `\\uXXXX`, one per UTF-16 unit, which can only
    ever stand for a character that is harmless inside a literal;
  * Javadoc is printable ASCII too: `&`, `<`, `>`, `@` (block and inline
    tags), `\\` and `/` after `*` are HTML entities, anything beyond ASCII is a
    numeric entity, and whitespace runs (line breaks included) are collapsed;
    the text is wrapped as google-java-format wraps it;
  * the header, a one-line block comment, doubles backslashes and breaks `*/`.
"""

from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape as _xml_escape

from kgen.targets.common import fill, replaced, special, utf16_units
from kgen.targets.java.layout import WIDTH

_SHORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\r": "\\r"}
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", "\\": "&#92;"}
_SPACE = re.compile(r"\s+")
# The characters _literal_char and _doc_char change: all but printable ASCII, and the ones each escapes.
_LITERAL_SPECIAL = special('"\\')
_DOC_SPECIAL = special("&<>@\\")


def _literal_char(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return ch
    if code < 0x80:
        return f"\\{code:03o}"
    return "".join(f"\\u{unit:04x}" for unit in utf16_units(ch))


def string_literal(text: str) -> str:
    """A Java string literal whose value is `text`, written in printable ASCII."""
    return '"' + replaced(text, _LITERAL_SPECIAL, _literal_char) + '"'


def _doc_char(ch: str) -> str:
    if ch in _ENTITIES:
        return _ENTITIES[ch]
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return ch
    if code < 0x80 or 0xD800 <= code <= 0xDFFF:  # controls (not whitespace) and lone surrogates
        return "&#xfffd;"
    return f"&#x{code:x};"


@functools.lru_cache(maxsize=1024)
def doc_text(text: str) -> str:
    """Spec text as Javadoc words: entities for markup and non-ASCII, whitespace collapsed.

    A leading `*` becomes an entity too: javac drops the asterisks a comment's line starts with, so
    `/** *x */` would read back as `x`.

    Cached: a third of a cluster's doc text repeats within a few hundred paragraphs (`Required.`, the
    parameters every operation documents).
    """
    escaped = replaced(" ".join(text.split()), _DOC_SPECIAL, _doc_char).replace("*/", "*&#47;")
    return "&#42;" + escaped[1:] if escaped.startswith("*") else escaped



def javadoc(paragraphs: list[str], indent: str) -> str:
    """A Javadoc comment of paragraphs (spec text, escaped here) as google-java-format lays it out.

    It fits on one line when it can; else each line is filled up to WIDTH columns
    and later paragraphs start with <p>.
    """
    texts = [t for t in map(doc_text, paragraphs) if t]
    if not texts:
        return ""
    if len(texts) == 1 and len(indent) + len(texts[0]) + 7 <= WIDTH:
        return f"{indent}/** {texts[0]} */"
    width, star = WIDTH - len(indent) - 3, f"\n{indent} * "
    filled = [star.join(_lines(text, width)) for text in [texts[0], *(f"<p>{t}" for t in texts[1:])]]
    return f"{indent}/**{star}" + f"\n{indent} *{star}".join(filled) + f"\n{indent} */"


@functools.lru_cache(maxsize=1024)
def _lines(text: str, width: int) -> tuple[str, ...]:
    """`fill`, cached as `doc_text` is, and without its scan for a paragraph that fits on one line."""
    return (text,) if len(text) <= width else tuple(fill(text, width))


def block_comment(text: str) -> str:
    """A `/* */` comment of one line (google-java-format never rewraps one): printable ASCII, backslashes doubled."""
    visible = "".join(ch if 0x20 <= ord(ch) < 0x7F else "?" for ch in _SPACE.sub(" ", text))
    return "/* " + visible.replace("\\", "\\\\").replace("*/", "* /") + " */"


def xml_text(text: str) -> str:
    """Text for an XML element of the pom (printable ASCII; anything else as a character reference)."""
    escaped = _xml_escape(text, {'"': "&quot;"})
    return "".join(ch if 0x20 <= ord(ch) < 0x7F else f"&#x{ord(ch):x};" for ch in escaped if ord(ch) >= 0x20)
