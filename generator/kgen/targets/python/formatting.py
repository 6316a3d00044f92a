"""Format generated Python with black: in-process, on all cores, skipping what needs no formatting.

The Python target lays code out the way black would (kgen.targets.python.layout),
and the test suite holds it to that on every document it knows. Black runs
on the files where the layout could not be exact: those with code lines
over the limit. Its results are cached by content, black version and mode.
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor

from kgen.cache import Cache
from kgen.sources.validation import start_context as _context
from kgen.targets.base import GeneratedFile

UNCHANGED = b"="


def _mode_key() -> str:
    """Black's version without importing black (a fifth of a second): most runs never need it."""
    from importlib.metadata import version

    return f"black-{version('black')}-py310-88"


def format_source(text: str) -> str:
    """`text` as black formats it (kgen's mode: Python 3.10, 88 columns)."""
    import black
    from black.mode import TargetVersion
    from black.report import NothingChanged

    mode = black.Mode(target_versions={TargetVersion.PY310}, line_length=88)
    try:
        return black.format_str(text, mode=mode)
    except NothingChanged:
        return text


def _format_batch(texts: list[str]) -> list[str]:
    return [format_source(t) for t in texts]


def format_files(files: list[GeneratedFile], workers: int | None = None) -> list[GeneratedFile]:
    """Black-formatted copies of the formattable files; the others unchanged."""
    result = list(files)
    pending: list[tuple[int, str]] = []
    flagged = [i for i, f in enumerate(files) if f.formattable and needs_black(f.content)]
    if not flagged:
        return result
    cache = Cache("format/" + _mode_key())
    for index in flagged:
        f = files[index]
        key = hashlib.sha256(f.content.encode("utf-8", "surrogatepass")).hexdigest()
        cached = cache.get(key)
        if cached == UNCHANGED:
            continue
        if cached is not None:
            result[index] = GeneratedFile(f.path, cached.decode("utf-8"), f.formattable)
            continue
        pending.append((index, key))
    if not pending:
        return result
    texts = [files[i].content for i, _ in pending]
    formatted = _run(texts, workers or os.cpu_count() or 1)
    for (index, key), text in zip(pending, formatted):
        original = files[index]
        cache.put(key, UNCHANGED if text == original.content else text.encode("utf-8"))
        result[index] = GeneratedFile(original.path, text, original.formattable)
    return result


def _run(texts: list[str], workers: int) -> list[str]:
    if workers <= 1 or len(texts) < 4:
        return _format_batch(texts)
    # Largest first, dealt round-robin: batches of about equal work, few round trips.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    batches = [order[w::workers] for w in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        results = list(pool.map(_format_batch, [[texts[i] for i in batch] for batch in batches]))
    out: list[str] = [""] * len(texts)
    for batch, formatted in zip(batches, results):
        for i, text in zip(batch, formatted):
            out[i] = text
    return out


# A code line black cannot shorten: one string literal (any prefix), or a "key": "value" entry, with an optional comma;
# or the string an annotation split over lines is assigned (`) = "VALUE"`: an enum constant with a long name).
_ATOM_LINE = re.compile(r"""^\s*(?:\) = )?[rRfFbBuU]{0,2}(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')(?:: "(?:[^"\\]|\\.)*")?,?$""")


def needs_black(text: str, limit: int = 88) -> bool:
    """Whether a code line (not docstring, comment or unsplittable string) is longer than the limit.

    Generated docstrings start a line with triple quotes and, when multi-line,
    close on a line of their own; their text never holds three quotes in a row
    (encode.docstring). A string literal elsewhere may hold them, so only a
    line's start opens a docstring.
    """
    in_docstring = False
    for line in text.split("\n"):
        stripped = line.lstrip()
        if in_docstring:
            in_docstring = '"""' not in line
        elif stripped.startswith('"""'):
            in_docstring = len(stripped) < 6 or not stripped.endswith('"""')
        elif width(line) > limit and not _exempt(line, limit):
            return True
    return False


# Lines black cannot shorten either: a class or def statement's head (`class Name(`, `class Name:`,
# `def name(`), a parameter annotated with a name (`body: a.Name,`), an import's (`import a.b as c`,
# `from a.b import (`, `name as name,`, `from a.b import *` with its comment), a lone (dotted) name, an attribute whose
# annotation is split (`NAME: (`).
_UNSPLITTABLE = re.compile(
    r"^\s*(?:class [A-Za-z_]\w*[(:]|(?:async )?def \w+\(|\w+: [A-Za-z_][\w.]*,|\w+: \(|import [\w.]+ as \w+"
    r"|from [\w.]+ import \*(?:  #.*)?|from [\w.]+ import \(|\w+ as \w+,|[A-Za-z_][\w.]*,?)$"
)
# `attribute: Name` or `) -> Name:` (what the layout leaves of an over-long type): black parenthesises
# the name when it fits one level further in, and leaves the line alone otherwise (a dotted name it
# always wraps, so the layout does).
_LONE_TYPE = re.compile(r"^(\s*)(?:[A-Za-z_]\w*: ([A-Za-z_]\w*)|\) -> ([A-Za-z_]\w*):)$")
# `NAME = call(` opening a split module-level call: layout.assigned_call leaves it long only where
# black's alternative (the call inside parentheses) does not fit either.
_ASSIGNED_CALL = re.compile(r"^[A-Za-z_]\w* = [A-Za-z_][\w.]*\($")


def _exempt(line: str, limit: int) -> bool:
    if line.lstrip().startswith("#") or _ATOM_LINE.match(line) or _UNSPLITTABLE.match(line):
        return True
    lone = _LONE_TYPE.match(line)
    if lone:
        return width(lone.group(1) + "    " + (lone.group(2) or lone.group(3))) > limit
    return _ASSIGNED_CALL.match(line) is not None


def width(text: str) -> int:
    """Columns as black counts them: East Asian wide characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    from black.strings import str_width

    return str_width(text)
