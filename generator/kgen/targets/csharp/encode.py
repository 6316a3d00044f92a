"""Encoders for every context where spec text reaches C# source, the project file and the README.

REMOVING OR BYPASSING THESE HAS SECURITY IMPLICATIONS: spec text is
untrusted (CRD authors write descriptions, enum values, names), and these
functions are the only way it may enter generated code.

C# ends a line (and so a `//` comment) at CR, LF, NEL (U+0085), LINE
SEPARATOR and PARAGRAPH SEPARATOR, so:

  * string literals hold printable ASCII only: a quote and a backslash are
    escaped, controls are the short escapes or `\\uXXXX`, and everything beyond
    ASCII (line separators, bidi and other format characters included) is
    `\\uXXXX`, one per UTF-16 unit;
  * XML doc comments (`///`) are printable ASCII too: `&`, `<` and `>` are
    entities, anything beyond ASCII is a numeric entity (a control, a lone
    surrogate or a noncharacter, which XML cannot hold, is U+FFFD), whitespace
    runs (line breaks included) are collapsed;
  * the header, a `//` line comment, keeps printable ASCII and puts `?` for the rest.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape as _xml_escape

from kgen.targets.common import fill, replaced, special, utf16_units

_SHORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPACE = re.compile(r"\s+")
# The characters _literal_char and _doc_char change: all but printable ASCII, and the ones each escapes.
_LITERAL_SPECIAL = special('"\\')
_DOC_SPECIAL = special("&<>")
WIDTH = 120  # doc comments are filled to this column


def _literal_char(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return ch
    return "".join(f"\\u{unit:04x}" for unit in utf16_units(ch))


@functools.lru_cache(maxsize=4096)
def string_literal(text: str) -> str:
    """A C# string literal whose value is `text`, written in printable ASCII. Cached: a cluster's models repeat their wire names."""
    return '"' + replaced(text, _LITERAL_SPECIAL, _literal_char) + '"'


def _xml_char_allowed(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def _doc_char(ch: str) -> str:
    if ch in _ENTITIES:
        return _ENTITIES[ch]
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return ch
    if code < 0xA0 or not _xml_char_allowed(code):
        return "&#xFFFD;"
    return f"&#x{code:X};"


def doc_text(text: str) -> str:
    """Spec text as XML doc words: entities for markup and non-ASCII, whitespace collapsed."""
    return replaced(" ".join(text.split()), _DOC_SPECIAL, _doc_char)



def xml_doc(paragraphs: list[str], indent: str, params: Sequence[tuple[str, str]] = ()) -> str:
    """A `///` doc comment: a <summary> of paragraphs (spec text, escaped here) and <param> entries (name, text)."""
    prefix = f"{indent}/// "
    texts = [t for t in (_paragraph(p, prefix) for p in paragraphs) if t]
    lines = [f"{prefix}<summary>"]
    if texts:
        lines.append(f"\n{prefix}<para/>\n".join(texts))
    lines.append(f"{prefix}</summary>")
    for name, text in params:
        lines.append(f'{prefix}<param name="{_xml_escape(name, {chr(34): "&quot;"})}">{doc_text(text) or name}</param>')
    return "\n".join(lines)


@functools.lru_cache(maxsize=4096)
def _paragraph(text: str, prefix: str) -> str:
    """A paragraph's lines of doc comment, each starting with `prefix` ("" when it has no words).

    Cached: a cluster repeats long descriptions close together (a CRD's versions, the common parameters).
    """
    words = doc_text(text)
    if not words:
        return ""
    return prefix + f"\n{prefix}".join(fill(words, WIDTH - len(prefix)))


def line_comment(text: str) -> str:
    """A `//` comment of one line: printable ASCII, `?` for anything else."""
    return "// " + "".join(ch if 0x20 <= ord(ch) < 0x7F else "?" for ch in _SPACE.sub(" ", text)).strip()


def xml_text(text: str) -> str:
    """Text of an XML element (the project file): escaped, printable ASCII, `?` for controls."""
    visible = "".join(ch if ch.isprintable() and _xml_char_allowed(ord(ch)) else "?" for ch in text)
    return _xml_escape(visible)


def xml_comment(text: str) -> str:
    """The text of an XML comment: no `--`, printable ASCII."""
    visible = "".join(ch if 0x20 <= ord(ch) < 0x7F else "?" for ch in _SPACE.sub(" ", text))
    return visible.replace("--", "- -").rstrip("-")
