"""Long string literals split into `+` chains, as google-java-format does after laying out lines.

The formatter first lays out code with each string literal unbreakable (what
layout.py writes); then every literal on a line still longer than WIDTH is
cut into pieces: before each space or `\\t` escape and after each run of
newline escapes, the pieces packed greedily into lines, the later lines
indented four past the literal's column and starting `+ `. Spec text reaches
literals, so kgen must write the same pieces, or the output would not be
formatter-stable.
"""

from __future__ import annotations

import re
from collections import deque

from kgen.targets.java.layout import WIDTH

COMMENT_STARTS = ("*", "/*", "//")
NEWLINE_ESCAPES = ("\\r\\n", "\\r", "\\n")
# What the formatter takes for whitespace (Guava's CharMatcher.whitespace()).
WHITESPACE = frozenset(" \t\n\x0b\x0c\r\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}


def reflowed(source: str) -> str:
    """`source` (a laid-out Java file) with the literals of its too-long lines split.

    Only a line with a `"` holds a literal: the file is searched for quotes (a few per class), not split into lines.
    """
    parts, done, at = [], 0, source.find('"')
    while at >= 0:
        start, end = source.rfind("\n", 0, at) + 1, source.find("\n", at)
        end = len(source) if end < 0 else end
        if end - start > WIDTH:
            parts += [source[done:start], _line(source[start:end])]
            done = end
        at = source.find('"', end)
    return "".join([*parts, source[done:]]) if parts else source


def _line(line: str) -> str:
    if line.lstrip().startswith(COMMENT_STARTS):
        return line
    for start, end in reversed(list(literal_spans(line))):
        if line[end : end + 1] != ".":  # the receiver of a call is left whole
            line = line[:start] + _chain(line, start, end) + line[end:]
    return line


def _chain(line: str, start: int, end: int) -> str:
    """The literal at line[start:end] as a `+` chain: its `+` lines four past a literal that starts its line, else (a case label) eight past the line's indent.

    The formatter's own split indents by four past the literal, but formats the
    chain it made at the statement's continuation indent when run again; if a
    piece is then still too long (a word no line holds), at four past the
    label's expression instead: nine past the indent.
    """
    text, trailing, indent = line[start + 1 : end - 1], len(line) - end, len(line) - len(line.lstrip())
    if start == indent:
        return split_literal(text, start, trailing, start + 4)
    chain = split_literal(text, start, trailing, indent + 8)
    later = (chain + line[end:]).split("\n")[1:]
    return chain if all(len(piece) <= WIDTH for piece in later) else split_literal(text, start, trailing, indent + 9)


def literal_spans(line: str) -> list[tuple[int, int]]:
    """Where the string literals of a code line are: (opening quote, one past the closing quote); an unclosed one
    runs one past the line's end (two after a lone backslash). Character literals are skipped, `//` ends the code."""
    spans = []
    for token in _TOKEN.finditer(line):
        if token[0] == "//":
            break
        if token[0][0] == '"':
            spans.append((token.start(), token.end() + (0 if token["closed"] else 1 + len(token["open"]))))
    return spans


# A string or character literal (closed, or running to the line's end), or a line comment's start.
_TOKEN = re.compile(r"""//|(?P<quote>["'])(?:(?!(?P=quote))[^\\]|\\.)*(?:(?P<closed>(?P=quote))|(?P<open>\\?)\Z)""", re.S)


def pieces(text: str) -> list[str]:
    """A literal's source text (without quotes) cut before whitespace and after runs of newline escapes."""
    result, start, i = [], 0, 0
    while i < len(text):
        if not (text[i] in WHITESPACE or text.startswith("\\t", i) or _newline_escape(text, i)):
            i += 1
            continue
        while _newline_escape(text, i):
            i += _newline_escape(text, i)
        result.append(text[start:i])
        start = i
        i += 1
    if start < len(text):
        result.append(text[start:])
    return result


def _newline_escape(text: str, i: int) -> int:
    return next((len(e) for e in NEWLINE_ESCAPES if text.startswith(e, i)), 0)


def split_literal(text: str, column: int, trailing: int, continuation: int) -> str:
    """The literal with source `text` at `column`, `trailing` characters after it on its line, as a `+` chain."""
    width = WIDTH - column - 2
    todo, lines = deque(pieces(text)), []
    while todo:
        if sum(map(len, todo)) <= width:  # the last line: what follows the literal must fit too
            width -= trailing
        line = [todo.popleft()]
        while todo and (len("".join(line)) <= 4 or len("".join(line)) + len(todo[0]) <= width) and not line[-1].endswith(("\\n", "\\r")):
            line.append(todo.popleft())
        lines.append("".join(line))
        if len(lines) == 1:
            width -= 6  # the later lines' four more columns and `+ `
    return '"' + f'"\n{" " * continuation}+ "'.join(lines) + '"'
