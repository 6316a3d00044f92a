"""Line layout in black's style, so that generated code is formatted as it is written.

Black splits an over-long bracketed construct at its brackets: the contents
go on one indented line if they fit there, otherwise one item per line with
a trailing comma. Templates call these helpers for every construct that can
grow with the spec (signatures, calls, imports, lists); a test formats the
full Kubernetes output with black and requires no change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from kgen.targets.python.formatting import width

LINE_LENGTH = 88
INDENT = "    "
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""")


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


def assigned_call(target: str, call: str, arguments: Callable[[str], list[str]]) -> str:
    """`target = call(arguments)` at module level, split as black splits it.

    `arguments(indent)` gives the arguments laid out for an item line at
    `indent`. When the split call's first line is still too long, black's
    second opinion puts the whole call in parentheses, one level in, and
    takes that if all its lines fit (only a plain name is tried). An
    annotated target's first line is split at the annotation's brackets.
    """
    split = bracket(f"{target} = {call}(", arguments(INDENT), ")")
    first, _, rest = split.partition("\n")
    if width(first) <= LINE_LENGTH:
        return split
    if ":" in target:  # an annotated target: black splits the annotation's brackets (`NAME: Op[`, `] = op(`)
        if not (rest and _is_subscript(target)):
            return split
        flat = ", ".join(arguments(INDENT))
        whole = f" = {call}({flat})"  # the call after `]`, kept whole where it fits (black omits its trailer first)
        if "\n" not in flat and width(f"]{whole}") <= LINE_LENGTH and width(target[: _opening(target) + 1]) <= LINE_LENGTH:
            return type_expression(target, "", whole)
        return f"{type_expression(target, '', f' = {call}(')}\n{rest}"
    inside = bracket(f"{call}(", arguments(INDENT * 2), ")", INDENT)
    fits = width(f"{target} = (") <= LINE_LENGTH and all(width(line) <= LINE_LENGTH for line in inside.split("\n"))
    return f"{target} = (\n{inside}\n)" if fits else split


def _def_comma(head: str, items: list[str]) -> int:
    """Black ends a split signature of one parameter with a comma (it has no commas of its own to keep)."""
    return int(len(items) == 1 and head.startswith(("def ", "async def ")))


def signature(head: str, items: list[str], returns: str, indent: str) -> str:
    """`def name(...) -> returns:` split as black splits it, parameters and return annotation included."""
    tail = f") -> {returns}:"
    inner = indent + INDENT
    if width(f"{indent}{head}{', '.join(items)}{tail}") > LINE_LENGTH:
        items = [_parameter(item, inner) for item in items]
        if width(indent + tail) > LINE_LENGTH:
            tail = _returns(returns, indent)
    return bracket(head, items, tail, indent)


def _parameter(item: str, indent: str) -> str:
    """A parameter of an exploded signature (`name: annotation`, maybe ` = default`) that is too long: black puts a
    union's or a defaulted parameter's annotation in parentheses (a lone name only where it then fits), and splits
    any other annotation at its brackets."""
    if width(f"{indent}{item},") <= LINE_LENGTH:
        return item
    head, equals, default = item.rpartition(" = ")
    name, _, annotation = (head if equals else item).partition(": ")
    tail = f" = {default}" if equals else ""
    lone = _NAME.fullmatch(annotation) is not None and "." not in annotation
    if annotation and (equals or len(_top_level(annotation, " | ")) > 1) and not (lone and width(indent + INDENT + annotation) > LINE_LENGTH):
        return f"{name}: (\n{type_expression(annotation, indent + INDENT)}\n{indent}){tail}"
    if not _is_subscript(item):
        return item
    return type_expression(item, indent)[len(indent) :]


def _returns(returns: str, indent: str) -> str:
    """The tail `) -> returns:` of a split signature whose one line is too long."""
    if _is_subscript(returns):
        return type_expression(f") -> {returns}", indent, ":")[len(indent) :]
    if len(_top_level(returns, " | ")) > 1 or "." in returns or width(indent + INDENT + returns) <= LINE_LENGTH:
        return f") -> (\n{type_expression(returns, indent + INDENT)}\n{indent}):"
    return f") -> {returns}:"


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
    wrap the value in parentheses if that fits; else split the annotation: a
    subscript at its brackets, anything else inside parentheses (a union one
    member per line). A type expression (an alias's value) that does not fit
    is left over-long, for black.
    """
    line = f"{indent}{attr}: {annotation} = {value}" if value else f"{indent}{attr}: {annotation}"
    if width(line) <= LINE_LENGTH:
        return line
    inner = indent + INDENT
    if value:
        if value.endswith(")") and "(" in value:
            opening = value[: value.index("(") + 1]
            if width(f"{indent}{attr}: {annotation} = {opening}") <= LINE_LENGTH:
                args = [a.strip() for a in _split_args(value[len(opening) : -1])]
                return bracket(f"{attr}: {annotation} = {opening}", args, ")", indent)
        elif _is_string(value):  # an enum's constant: black wraps it in parentheses wherever the head fits
            if width(f"{indent}{attr}: {annotation} = (") <= LINE_LENGTH:
                return f"{indent}{attr}: {annotation} = (\n{inner}{value}\n{indent})"
        elif _is_subscript(value) and len(_top_level(value, " | ")) == 1:  # an alias's type: split at its brackets
            if width(f"{indent}{attr}: {annotation} = {value[: _opening(value) + 1]}") <= LINE_LENGTH:
                return type_expression(f"{attr}: {annotation} = {value}", indent)
            return line
        elif len(_top_level(value, " | ")) > 1:  # an alias's union: in parentheses, one member per line
            if width(f"{indent}{attr}: {annotation} = (") <= LINE_LENGTH:
                return f"{indent}{attr}: {annotation} = (\n{type_expression(value, inner)}\n{indent})"
            return line
        elif not _NAME.fullmatch(value):
            return line
        if width(f"{indent}{attr}: {annotation} = (") <= LINE_LENGTH and width(inner + value) <= LINE_LENGTH:
            return f"{indent}{attr}: {annotation} = (\n{inner}{value}\n{indent})"
    tail = f" = {value}" if value else ""
    if len(_top_level(annotation, " | ")) == 1:
        if _is_subscript(annotation):
            return type_expression(f"{attr}: {annotation}", indent, tail)
        if not ("." in annotation or value.endswith(")") or width(inner + annotation) <= LINE_LENGTH):
            # Black wraps a lone name in parentheses where it fits; a dotted one, or one before a call, even where not.
            return line
    return f"{indent}{attr}: (\n{type_expression(annotation, inner)}\n{indent}){tail}"


def _is_string(value: str) -> bool:
    """Whether `value` is one string literal, as encode.string_literal writes it."""
    return _STRING.fullmatch(value) is not None


def type_expression(expression: str, indent: str, suffix: str = "") -> str:
    """A type expression from `indent`, followed by `suffix`: split at its trailing brackets while too long.

    The brackets' contents go on one line if they fit there; else one argument
    per line with a trailing comma, or a union one member per line led by `| `,
    each split the same way in turn.
    """
    line = f"{indent}{expression}{suffix}"
    if width(line) <= LINE_LENGTH:
        return line
    parts = _top_level(expression, " | ")
    if len(parts) > 1:
        return "\n".join(type_expression(part if i == 0 else f"| {part}", indent, suffix * (i == len(parts) - 1)) for i, part in enumerate(parts))
    if not _is_subscript(expression):
        return line
    head = expression[: _opening(expression) + 1]
    contents = expression[len(head) : -1]
    inner = indent + INDENT
    args = _split_args(contents)
    if width(inner + contents) <= LINE_LENGTH or len(args) == 1:
        body = type_expression(contents, inner)
    else:
        body = "\n".join(type_expression(arg, inner, ",") for arg in args)
    return f"{indent}{head}\n{body}\n{indent}]{suffix}"


def type_argument(expression: str, indent: str) -> str:
    """A type expression as an item of an exploded call at `indent` (an Op's decode type): a subscript too long for its
    line is split at its brackets, its first line left for the call's indent; anything else is left as it is."""
    if not _is_subscript(expression) or len(_top_level(expression, " | ")) > 1:
        return expression
    return type_expression(expression, indent, ",")[len(indent) : -1]  # the call writes the comma


def _is_subscript(expression: str) -> bool:
    return expression.endswith("]") and _opening(expression) > 0


def _opening(expression: str) -> int:
    """Where the bracket that the last character of `expression` closes opens; -1 if none (string literals skipped)."""
    depth, opened = 0, -1
    for token in _tokens("").finditer(expression):
        if token[0] in "([{":
            opened = token.start() if depth == 0 else opened
            depth += 1
        elif token[0] in ")]}":
            depth = max(depth - 1, 0)  # a bracket closed before the expression (`) -> ...`) is not its own
    return opened if expression.endswith(("]", ")")) and depth == 0 else -1


def _top_level(text: str, separator: str) -> list[str]:
    """`text` split at `separator`, outside brackets and string literals."""
    if separator not in text:
        return [text]
    parts, depth, start = [], 0, 0
    for token in _tokens(separator).finditer(text):
        if token[0] in "([{":
            depth += 1
        elif token[0] in ")]}":
            depth -= 1
        elif token[0] == separator and depth == 0:
            parts.append(text[start : token.start()])
            start = token.end()
    parts.append(text[start:])
    return parts


@functools.cache
def _tokens(separator: str) -> re.Pattern[str]:
    """A string literal (encode.string_literal's: one line, backslash escapes; an unclosed one runs to the end), a
    bracket, or `separator` (no quote or bracket in it)."""
    literal = "|".join(rf"{q}(?:[^{q}\\]|\\.)*(?:{q}|\\?\Z)" for q in "'\"")
    return re.compile(literal + r"|[()\[\]{}]" + (f"|{re.escape(separator)}" if separator else ""), re.DOTALL)


def _split_args(args: str) -> list[str]:
    return _top_level(args, ", ")


def keyword_collection(keyword: str, brackets: str, entries: list[str], indent: str) -> str:
    """`keyword={...}` or `keyword=(...)` (`brackets`: "{}" or "()") as an item of an exploded call at `indent`:
    exploded itself, one entry per line, when too long (a tuple of many required arguments, a dict of wire names)."""
    opening, closing = brackets[0], brackets[1]
    one = "," if opening == "(" and len(entries) == 1 else ""  # a one-tuple's comma
    flat = f"{keyword}={opening}{', '.join(entries)}{one}{closing}"
    if width(f"{indent}{flat},") <= LINE_LENGTH:
        return flat
    body = "".join(f"{indent}{INDENT}{entry},\n" for entry in entries)  # the comma after it made it too long: explode
    return f"{keyword}={opening}\n{body}{indent}{closing}"
