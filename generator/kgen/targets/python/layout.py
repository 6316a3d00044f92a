"""Line layout in black's style, so that generated code is formatted as it is written.

Black splits an over-long bracketed construct at its brackets: the contents
go on one indented line if they fit there, otherwise one item per line with
a trailing comma. Templates call these helpers for every construct that can
grow with the spec (signatures, calls, imports, lists); a test formats the
full Kubernetes output with black and requires no change.
"""

from __future__ import annotations

import re

from kgen.targets.python.formatting import width

LINE_LENGTH = 88
INDENT = "    "
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def bracket(head: str, items: list[str], tail: str, indent: str = "", *, collection: bool = False) -> str:
    """`head` + items joined by ", " + `tail`, split the way black splits it.

    `head` ends with the opening bracket, `tail` starts with the closing one.
    A split call or signature keeps its contents on one line when they fit
    there; a split list, dict or import always goes one item per line.
    Anything these helpers cannot lay out exactly is left over-long, and the
    formatting step sends files with over-long code lines through black.
    Lengths are display widths, as black measures them (formatting.width).
    """
    flat = ", ".join(items)
    one_line = f"{indent}{head}{flat}{tail}"
    if "\n" not in flat and width(one_line) <= LINE_LENGTH:
        return one_line
    inner = indent + INDENT
    hug = not collection and not _is_import(head)  # black always explodes split literals and imports
    if hug and items and "\n" not in flat and width(inner + flat) + _def_comma(head, items) <= LINE_LENGTH:
        return f"{indent}{head}\n{inner}{flat}{',' * _def_comma(head, items)}\n{indent}{tail}"
    body = "".join(f"{_indent_item(item, inner)},\n" for item in items)
    return f"{indent}{head}\n{body}{indent}{tail}"


def _def_comma(head: str, items: list[str]) -> int:
    """Black ends a split signature of one parameter with a comma (it has no commas of its own to keep)."""
    return int(len(items) == 1 and head.startswith(("def ", "async def ")))


def signature(head: str, items: list[str], returns: str, indent: str) -> str:
    """`def name(...) -> returns:` split as black splits it, return annotation included."""
    tail = f") -> {returns}:"
    if width(indent + tail) > LINE_LENGTH and width(indent + INDENT + returns) <= LINE_LENGTH:
        flat = f"{indent}{head}{', '.join(items)}{tail}"
        if width(flat) > LINE_LENGTH:
            tail = f") -> (\n{indent}{INDENT}{returns}\n{indent}):"
    return bracket(head, items, tail, indent)


def _indent_item(item: str, inner: str) -> str:
    """A multi-line item comes laid out for the inner indent, except its first line."""
    return inner + item


def _is_import(head: str) -> bool:
    return head.startswith("from ") and " import " in head


def import_from(module: str, names: list[str], indent: str = "") -> str:
    """`from module import names`, exploded one name per line when too long (as black does for imports)."""
    unique = sorted(set(names))
    return bracket(f"from {module} import (", unique, ")", indent) if width(
        f"{indent}from {module} import {', '.join(unique)}"
    ) > LINE_LENGTH else f"{indent}from {module} import {', '.join(unique)}"


def annotated(attr: str, annotation: str, value: str, indent: str) -> str:
    """`attr: annotation = value` (value: a name, a call, a type expression, or nothing), split as black splits it.

    Black's preference: split the value's own brackets if its head fits; else
    wrap the value in parentheses if that fits; else parenthesise the
    annotation (and split a union one member per line). A type expression
    (an alias's value) that does not fit is left over-long, for black.
    """
    line = f"{indent}{attr}: {annotation} = {value}" if value else f"{indent}{attr}: {annotation}"
    if width(line) <= LINE_LENGTH:
        return line
    inner = indent + INDENT
    single = len(_top_level(annotation, " | ")) == 1
    if value:
        if value.endswith(")") and "(" in value:
            opening = value[: value.index("(") + 1]
            if width(f"{indent}{attr}: {annotation} = {opening}") <= LINE_LENGTH:
                args = [a.strip() for a in _split_args(value[len(opening) : -1])]
                return bracket(f"{attr}: {annotation} = {opening}", args, ")", indent)
        elif not _NAME.fullmatch(value):
            return line
        if width(f"{indent}{attr}: {annotation} = (") <= LINE_LENGTH and width(inner + value) <= LINE_LENGTH:
            return f"{indent}{attr}: {annotation} = (\n{inner}{value}\n{indent})"
    fits_inside = width(inner + annotation) <= LINE_LENGTH
    if single and (annotation.endswith("]") and not value or not fits_inside):
        # Black splits a lone subscript at its brackets; an atom that fits nowhere stays long.
        if not annotation.endswith("]"):
            return line
        return _subscript(f"{attr}: {annotation}", indent, "") + (f" = {value}" if value else "")
    tail = f") = {value}" if value else ")"
    return f"{indent}{attr}: (\n{union_lines(annotation, inner)}\n{indent}{tail}"


def union_lines(annotation: str, indent: str) -> str:
    """A union on one line, or one member per line led by `| `, each member split at its brackets if needed."""
    if width(indent + annotation) <= LINE_LENGTH:
        return indent + annotation
    parts = _top_level(annotation, " | ")
    lines = [_subscript(part, indent, "" if i == 0 else "| ") for i, part in enumerate(parts)]
    return "\n".join(lines)


def _subscript(part: str, indent: str, lead: str) -> str:
    text = f"{indent}{lead}{part}"
    if width(text) <= LINE_LENGTH or not part.endswith("]") or "[" not in part:
        return text
    head = part[: part.index("[") + 1]
    inner = part[len(head) : -1]
    return f"{indent}{lead}{head}\n{union_lines(inner, indent + INDENT)}\n{indent}]"


def _top_level(text: str, separator: str) -> list[str]:
    """`text` split at `separator`, outside brackets and string literals."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "'\"":
            i = _string_end(text, i)
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _string_end(text: str, start: int) -> int:
    """The index after the string literal that starts at `start` (encode.string_literal's output: one line, backslash escapes)."""
    i = start + 1
    while i < len(text) and text[i] != text[start]:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _split_args(args: str) -> list[str]:
    return _top_level(args, ", ")


def keyword_dict(keyword: str, entries: list[str], indent: str) -> str:
    """`keyword={...}` as an item of an exploded call at `indent`: exploded itself when too long."""
    flat = f"{keyword}={{{', '.join(entries)}}}"
    if width(f"{indent}{flat},") <= LINE_LENGTH:
        return flat
    return bracket(f"{keyword}={{", entries, "}", indent, collection=True)[len(indent) :]
