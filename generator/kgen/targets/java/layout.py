"""Line layout as google-java-format writes it, for the shapes kgen emits.

A call or declaration that fits in WIDTH columns stays on one line; else its
arguments move to the next line, indented four more; if they still do not
fit, each argument gets a line of its own.
"""

from __future__ import annotations

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
    return f"{indent}{head}(\n" + ",\n".join(inner + item for item in items) + f"){tail}"


def declaration(indent: str, head: str, name: str, params: list[str], throws: str = "") -> str:
    """A method `head name(params) throws ... {`: `head` is its modifiers and result type.

    Too long, the throws clause moves to the next line if that is enough; else
    the parameters are wrapped; the name moves after `head` if it must.
    """
    tail = f" throws {throws} {{" if throws else " {"
    if len(f"{indent}{head} {name}(") > WIDTH:
        return f"{indent}{head}\n" + wrapped(indent + "    ", name, params, tail)
    bare = f"{indent}{head} {name}({', '.join(params)})"
    if throws and len(bare + tail) > WIDTH and len(bare) <= WIDTH:
        return f"{bare}\n{indent}    throws {throws} {{"
    return wrapped(indent, f"{head} {name}", params, tail)


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


def switch_rule(indent: str, label: str, target: str, value: str) -> str:
    """`case label -> target = value;`, broken after the arrow, then after the `=`, as needed."""
    one = f"{indent}case {label} -> {target} = {value};"
    if len(one) <= WIDTH:
        return one
    inner = indent + "    "
    return f"{indent}case {label} ->\n" + variable(inner, f"{target} =", value)
