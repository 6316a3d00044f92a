"""Column alignment as gofmt does it, for the shapes kgen emits: struct fields and const blocks.

gofmt aligns the cells of consecutive lines (name, type, tag) with spaces,
each column as wide as its widest cell plus one; a comment line or a blank
line ends the run. Only the last cell of a line is never padded. Widths are
counted in characters (runes), as gofmt's tabwriter counts them.
"""

from __future__ import annotations


def aligned(rows: list[list[str]], indent: str) -> list[str]:
    """One line per row, its cells aligned with those of the other rows (one run of lines)."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows if i < len(row) - 1) for i in range(max(len(r) for r in rows) - 1)]
    return [indent + "".join(cell.ljust(widths[i] + 1) for i, cell in enumerate(row[:-1])) + row[-1] for row in rows]


def body(entries: list[tuple[list[str], list[str]]], indent: str) -> list[str]:
    """Lines of a block whose entries are (comment lines, cells): a comment starts a new run of aligned lines."""
    lines: list[str] = []
    run: list[list[str]] = []
    for comment, cells in entries:
        if comment:
            lines += aligned(run, indent)
            run = []
            lines += comment
        run.append(cells)
    return lines + aligned(run, indent)
