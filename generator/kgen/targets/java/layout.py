"""Line layout as google-java-format writes it, for the shapes kgen emits.

A call or declaration that fits in WIDTH columns stays on one line; else its
arguments move to the next line, indented four more; if they still do not
fit, each argument gets a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

WIDTH = 100
INDENT = "  "


def wrapped(indent: str, head: str, items: list[str], tail: str) -> str:
    """`head(items...)tail` at `indent`: `head` ends just before the opening parenthesis."""
    one = f"{indent}{head}({', '.join(items)}){tail}"
    if len(one) <= WIDTH or not items:
        return one
    inner = indent + "    "
    two = f"{inner}{', '.join(items)}){tail}"
    if len(two) <= WIDTH:
        return f"{indent}{head}(\n{two}"
    lines = [expression(inner, item, ",") for item in items[:-1]] + [expression(inner, items[-1], f"){tail}")]
    return f"{indent}{head}(\n" + "\n".join(lines)


def expression(indent: str, text: str, tail: str) -> str:
    """An expression and what follows it; too long, a call's arguments are wrapped (its last call's, in a chain)."""
    if len(indent + text + tail) <= WIDTH or not text.endswith(")"):
        return indent + text + tail
    start = _opening(text)
    if start <= 0:
        return indent + text + tail
    return wrapped(indent, text[:start], split_arguments(text[start + 1 : -1]), tail)


def _opening(text: str) -> int:
    """Where the parenthesis that ends `text` opens (-1: nowhere); string literals may hold parentheses."""
    opened: list[int] = []
    start = -1
    for i, ch in _unquoted(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            start = opened.pop() if opened else -1
    return start


def split_arguments(text: str) -> list[str]:
    """The top-level comma-separated arguments of a call; string literals may hold anything."""
    args, depth, start = [], 0, 0
    for i, ch in _unquoted(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    args.append(text[start:].strip())
    return [a for a in args if a]


def _unquoted(text: str) -> Iterator[tuple[int, str]]:
    """The characters of `text` (with their indexes) that are outside its string literals."""
    quoted, escaped = False, False
    for i, ch in enumerate(text):
        if quoted:
            quoted, escaped = (ch != '"' or escaped), (ch == "\\" and not escaped)
        elif ch == '"':
            quoted = True
        else:
            yield i, ch


def declaration(indent: str, head: str, name: str, params: list[str], throws: str = "") -> str:
    """A method `head name(params) throws ... {`: `head` is its modifiers and result type.

    Too long, the throws clause moves to a line of its own if that is enough;
    else the parameters are wrapped (the throws clause after them, or on its own
    line); the name moves after `head` if even `head name(` is too long.
    """
    if head and (len(f"{indent}{head} {name}(") > WIDTH or (not params and len(f"{indent}{head} {name}() {{") > WIDTH)):
        return f"{indent}{head}\n" + declaration(indent + "    ", "", name, params, throws)
    start = f"{indent}{head} {name}(" if head else f"{indent}{name}("
    tail = f" throws {throws} {{" if throws else " {"
    own_line = f"\n{indent}    throws {throws} {{"
    bare = f"{start}{', '.join(params)})"
    if len(bare + tail) <= WIDTH or not params:
        return bare + tail
    if throws and len(bare) <= WIDTH:
        return bare + own_line
    inner = indent + "    "
    two = f"{inner}{', '.join(params)})"
    lines = [two] if len(two + ("" if throws else tail)) <= WIDTH else [f"{inner}{p}," for p in params[:-1]] + [f"{inner}{params[-1]})"]
    last = lines[-1]
    lines[-1] = last + tail if len(last + tail) <= WIDTH or not throws else last + own_line
    return start + "\n" + "\n".join(lines)


def variable(indent: str, head: str, name: str, tail: str = ";") -> str:
    """`head name tail` (a field or an assignment's left side and right side), broken after `head` if too long."""
    one = f"{indent}{head} {name}{tail}"
    return one if len(one) <= WIDTH else f"{indent}{head}\n{indent}    {name}{tail}"


def assignment(indent: str, head: str, function: str, args: list[str]) -> str:
    """`head function(args);`, broken after `head`, then in the arguments, as needed."""
    call = f"{function}({', '.join(args)});"
    one = f"{indent}{head} {call}"
    if len(one) <= WIDTH:
        return one
    inner = indent + "    "
    return f"{indent}{head}\n" + (inner + call if len(inner + call) <= WIDTH else wrapped(inner, function, args, ";"))


def switch_rule(indent: str, label: str, target: str, function: str, args: list[str]) -> str:
    """`case label -> target = function(args);`, broken after the arrow, then as an assignment."""
    one = f"{indent}case {label} -> {target} = {function}({', '.join(args)});"
    if len(one) <= WIDTH:
        return one
    return f"{indent}case {label} ->\n" + assignment(indent + "    ", f"{target} =", function, args)


def class_head(indent: str, head: str, supertype: str) -> str:
    """`head implements supertype {` (or extends), broken before the supertype clause if too long."""
    one = f"{indent}{head} {supertype} {{"
    return one if len(one) <= WIDTH else f"{indent}{head}\n{indent}    {supertype} {{"


def field(indent: str, head: str, name: str, value: str) -> str:
    """`head name = value;`: broken after the `=`, or if even `head name =` is too long, before the name."""
    one = f"{indent}{head} {name} = {value};"
    if len(one) <= WIDTH:
        return one
    inner = indent + "    "
    if len(f"{indent}{head} {name} =") <= WIDTH:
        return f"{indent}{head} {name} =\n" + expression(inner, value, ";")
    rest = f"{inner}{name} = {value};"
    return _type(indent, head) + "\n" + (rest if len(rest) <= WIDTH else f"{inner}{name} =\n" + expression(inner + "    ", value, ";"))


def _type(indent: str, head: str) -> str:
    """Modifiers and a type on their line; a generic type too long for it is broken after its first `<`."""
    if len(indent + head) <= WIDTH or "<" not in head or not head.endswith(">"):
        return indent + head
    at = head.index("<") + 1
    return f"{indent}{head[:at]}\n{indent}        {head[at:]}"


def rule(indent: str, label: str, value: str) -> str:
    """`case label -> value;`, broken after the arrow if too long."""
    one = f"{indent}case {label} -> {value};"
    return one if len(one) <= WIDTH else f"{indent}case {label} ->\n{indent}    {value};"
