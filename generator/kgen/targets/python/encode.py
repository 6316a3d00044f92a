"""Encoders for every context where spec text reaches Python source.

REMOVING OR BYPASSING THESE HAS SECURITY IMPLICATIONS: spec text is
untrusted (CRD authors write descriptions, enum values, names), and these
functions are the only way it may enter generated code.

The output is already in black's canonical form (double quotes unless that
needs more escapes, lower-case hex escapes, no trailing whitespace in
docstrings), so formatting never changes what the encoders produced.
"""

from __future__ import annotations

import re

from kgen.targets.common import special


def _escape_char(ch: str, quote: str) -> str:
    if ch == "\\":
        return "\\\\"
    if ch == quote:
        return "\\" + quote
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch.isprintable():
        return ch
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# Characters that may need an escape: the backslash, quotes, and everything outside printable ASCII; in a
# docstring (no quote to escape: `_break_quote_runs` handles runs of them), quotes are left to the scan.
_SPECIAL = special("\\\"'")
_DOC_SPECIAL = special("\\")


def _escape(text: str, quote: str) -> str:
    return (_SPECIAL if quote else _DOC_SPECIAL).sub(lambda m: _escape_char(m.group(0), quote), text)


def string_literal(text: str) -> str:
    """A Python string literal that evaluates to `text`: quotes, backslashes, controls, bidi and surrogates escaped."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + _escape(text, quote) + quote


def _docstring_line(line: str) -> str:
    """Escape one line; whitespace at its ends becomes escapes so that formatting cannot strip it."""
    body = line.rstrip()
    trailing = line[len(body) :]
    return _escape(body, "") + "".join(_escape_char(ch, "") if ch != " " else "\\x20" for ch in trailing)


_SURROGATE = re.compile("[\ud800-\udfff]")


def docstring(text: str, indent: str) -> str:
    """A triple-quoted docstring whose value, once its indentation is removed, is `text`.

    Lone surrogates (valid in JSON strings) become U+FFFD: CPython encodes a
    class's docstring to UTF-8 when it creates the class, and would fail.
    """
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n"))
    lines = [_docstring_line(line) for line in text.split("\n")]
    first = lines[0]
    if first[:1] == " ":  # formatting strips leading blanks of the first line
        first = "\\x20" + first[1:]
    lines[0] = first
    continuation = [i for i, line in enumerate(lines[1:], 1) if line]
    if continuation and all(lines[i].startswith(" ") for i in continuation):
        i = continuation[0]  # keep relative indentation: formatting removes the common indent
        lines[i] = "\\x20" + lines[i][1:]
    joined = _break_quote_runs("\n".join(lines))  # from here on, every '"' is a quote of the text itself
    if joined.startswith('"'):  # it would merge with the opening quotes
        joined = "\\x22" + joined[1:]
    if len(lines) == 1:
        if joined.endswith('"'):  # and with the closing ones
            joined = joined[:-1] + "\\x22"
        return f'"""{joined}"""'
    first, *rest = joined.split("\n")
    body = "\n".join([first, *(indent + line if line else "" for line in rest)])
    return f'"""{body}\n{indent}"""'


def _break_quote_runs(text: str) -> str:
    """No three double quotes in a row may remain: they would end the docstring. Every third becomes \\x22."""
    return re.sub(r'"{3,}', lambda m: '""\\x22' * (len(m.group(0)) // 3) + '"' * (len(m.group(0)) % 3), text)


def comment(text: str) -> str:
    """A single-line comment: line breaks and controls are escaped, never emitted raw."""
    return "# " + "".join(_escape_char(ch, "") for ch in text)


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and controls escaped; lone surrogates replaced."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        elif code < 0x20 or code == 0x7F or not ch.isprintable():
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def markdown_text(text: str) -> str:
    """Spec text inside Markdown: one line, markup and HTML characters escaped, controls dropped."""
    plain = "".join(ch if ch.isprintable() else " " for ch in text)
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+!<>|&~=-" else ch for ch in " ".join(plain.split()))
