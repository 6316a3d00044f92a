"""Column alignment as gofmt does it, for the shapes kgen emits: struct fields and const blocks.

gofmt aligns the cells of consecutive lines (name, type, tag) with spaces,
each column as wide as its widest cell plus one; a comment line or a blank
line ends the run. Only the last cell of a line is never padded. Widths are
counted in characters (runes), as gofmt's tabwriter counts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest


def aligned(rows: Sequence[Sequence[str]], indent: str) -> list[str]:
    """One line per row, its cells aligned with those of the other rows (one run of lines)."""
    if len(rows) <= 1:  # most runs of a struct: one field after its comment
        return [indent + " ".join(row) for row in rows]
    padded = [max(map(len, column)) + 1 for column in zip_longest(*(row[:-1] for row in rows), fillvalue="")]
    return [indent + "".join(map(str.ljust, row[:-1], padded)) + row[-1] for row in rows]


def body(entries: Sequence[tuple[Sequence[str], Sequence[str]]], indent: str) -> list[str]:
    """Lines of a block whose entries are (comment lines, cells): a comment starts a new run of aligned lines."""
    lines: list[str] = []
    run: list[Sequence[str]] = []
    for comment, cells in entries:
        if comment and run:
            lines += aligned(run, indent)
            run = []
        lines += comment
        run.append(cells)
    return lines + aligned(run, indent)
