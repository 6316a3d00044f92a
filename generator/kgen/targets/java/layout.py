"""Line layout as google-java-format writes it, for the shapes kgen emits.

A call or declaration that fits in WIDTH columns stays on one line; else its
arguments move to the next line, indented four more; if they still do not
fit, each argument gets a line of its own.
"""

from __future__ import annotations

import functools
import re

WIDTH = 100
FILL_BELOW = 10  # a call whose arguments are all shorter has them filled into lines, not one per line
INDENT = "  "
_BRACKET_OR_SPACE = re.compile(r"[<> ]")
_TYPE_PART = re.compile(r"\.[A-Z]")  # a qualified name's dot before a capitalised part: a type's name
_PLAIN_NAME = re.compile(r"[\w.:]*")  # letters, digits, `_`, `.` and `:` (\w is str.isalnum's characters and `_`)


def wrapped(indent: str, head: str, items: list[str], tail: str) -> str:
    """`head(items...)tail` at `indent`: `head` ends just before the opening parenthesis.

    Arguments that fit on no line together go one per line, or, when every one is shorter than FILL_BELOW
    characters, as many per line as fit (the formatter's fill mode).
    """
    one = f"{indent}{head}({', '.join(items)}){tail}"
    if len(one) <= WIDTH or not items:
        return one
    inner = indent + "    "
    two = f"{inner}{', '.join(items)}){tail}"
    if len(two) <= WIDTH:
        return f"{indent}{head}(\n{two}"
    if all(len(item) < FILL_BELOW for item in items):
        return f"{indent}{head}(\n" + _fill(inner, inner, [f"{item}," for item in items[:-1]] + [f"{items[-1]}){tail}"], " ")
    lines = [expression(inner, item, ",") for item in items[:-1]] + [expression(inner, items[-1], f"){tail}")]
    return f"{indent}{head}(\n" + "\n".join(lines)


def _fill(first: str, indent: str, pieces: list[str], separator: str) -> str:
    """Pieces packed greedily into lines of at most WIDTH columns: the first line starts with `first`, the later ones with `indent`."""
    lines, line = [], first + pieces[0]
    for piece in pieces[1:]:
        if len(line) + len(separator) + len(piece) > WIDTH:
            lines.append(line)
            line = indent + piece
        else:
            line += separator + piece
    return "\n".join([*lines, line])


def expression(indent: str, text: str, tail: str) -> str:
    """An expression and what follows it; too long, a call's arguments are wrapped (its last call's, in a chain)."""
    if len(indent + text + tail) <= WIDTH:
        return indent + text + tail
    if not text.endswith(")"):
        return _name(indent, text, tail)
    start = _opening(text)
    if start <= 0:
        return indent + text + tail
    return wrapped(indent, text[:start], split_arguments(text[start + 1 : -1]), tail)


def _name(indent: str, text: str, tail: str) -> str:
    """A name too long for its line: a type's or this's member (`Foo.CODEC`, `Foo::of`, `this.x`) breaks before its `.` or `::`,
    a package-qualified one (`a.b.Foo.CODEC`) before its type; four further in.

    A local variable's field (`m.member`) is left whole, as the formatter leaves it.
    """
    if _qualified(text):
        return _filled(indent, "", text, tail, 4)
    cut = text.rfind("::") if "::" in text else text.rfind(".")
    plain = cut > 0 and _PLAIN_NAME.fullmatch(text) is not None and (text[0].isupper() or text.startswith("this."))
    return f"{indent}{text[:cut]}\n{indent}    {text[cut:]}{tail}" if plain else indent + text + tail


def _qualified(name: str) -> bool:
    """Whether `name` is package-qualified (`a.b.Foo`, `a.b.Foo.CODEC`; not a variable's field, `m.member`)."""
    return name[:1].islower() and _PLAIN_NAME.fullmatch(name) is not None and _TYPE_PART.search(name) is not None and not name.startswith("this.")


def _filled(indent: str, lead: str, name: str, tail: str, step: int) -> str:
    """A package-qualified name too long for its line, as the formatter fills it: as many of its dotted parts as fit
    on each line (`lead` before them on the first, `tail` after them on the last), the later lines `step` further in."""
    first, *parts = name.split(".")
    pieces = [first, *(f".{part}" for part in parts)]
    pieces[-1] += tail
    return _fill(indent + lead, indent + " " * step, pieces, "")


def _opening(text: str) -> int:
    """Where the parenthesis that ends `text` opens (-1: nowhere); string literals may hold parentheses."""
    opened: list[int] = []
    start = -1
    for token in _tokens("()").finditer(text):
        if token[0] == "(":
            opened.append(token.start())
        elif token[0] == ")":
            start = opened.pop() if opened else -1
    return start


def split_arguments(text: str, brackets: str = "()") -> list[str]:
    """The top-level comma-separated arguments of a call (or, with "<>", of a generic type); string literals may hold anything."""
    if "," not in text:
        return [text.strip()] if text.strip() else []
    args, depth, start = [], 0, 0
    for token in _tokens(brackets + ",").finditer(text):
        depth += {brackets[0]: 1, brackets[1]: -1}.get(token[0], 0)
        if token[0] == "," and depth == 0:
            args.append(text[start : token.start()].strip())
            start = token.end()
    args.append(text[start:].strip())
    return [a for a in args if a]


@functools.cache
def _tokens(characters: str) -> re.Pattern[str]:
    """A string literal (backslash escapes; an unclosed one runs to the end), or one of `characters` outside them."""
    return re.compile(rf'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[{re.escape(characters)}]', re.DOTALL)


def declaration(indent: str, head: str, name: str, params: list[str], throws: str = "") -> str:
    """A method `head name(params) throws ... {`: `head` is its modifiers and result type.

    Too long, the throws clause moves to a line of its own if that is enough;
    else the parameters are wrapped (the throws clause after them, or on its own
    line); the name moves after `head` if even `head name(` is too long.
    """
    start = f"{indent}{head} {name}(" if head else f"{indent}{name}("
    tail = f" throws {throws} {{" if throws else " {"
    bare = f"{start}{', '.join(params)})"
    if len(bare) + len(tail) <= WIDTH:  # most declarations: checked first, as it implies `head name(` fits too
        return bare + tail
    if head and (len(start) > WIDTH or (not params and len(start) + 3 > WIDTH)):
        if split := _off_modifiers(indent, head, f" {name}("):
            return f"{indent}{split[0]}\n" + declaration(indent, split[1], name, params, throws)
        return typed(indent, head) + "\n" + declaration(indent + "    ", "", name, params, throws)
    if not params:
        return bare + tail
    own_line = f"\n{indent}    throws {throws} {{"
    if throws and len(bare) <= WIDTH:
        return bare + own_line
    inner = indent + "    "
    two = f"{inner}{', '.join(params)})"
    reserve = 0 if throws else len(tail)
    lines = [two] if len(two) + reserve <= WIDTH else [_parameter(inner, p, ",") for p in params[:-1]] + [_parameter(inner, params[-1], ")", reserve)]
    last = lines[-1]
    fits = len(last + tail) <= WIDTH and "\n" not in last  # a parameter broken across lines puts throws on its own
    lines[-1] += tail if fits or not throws else own_line
    return start + "\n" + "\n".join(lines)


def _parameter(indent: str, param: str, tail: str, reserve: int = 0) -> str:
    """`type name` and what follows (and `reserve` columns more); too long, the name goes on the next line, four further in."""
    one = f"{indent}{param}{tail}"
    if len(one) + reserve <= WIDTH:
        return one
    kind, name = _last_word(param)
    return f"{_type_lines(indent, kind, '', 8)}\n{indent}    {name}{tail}"


def variable(indent: str, head: str, name: str, tail: str = ";") -> str:
    """`head name tail` (an assignment's left side and right side), broken after `head` if too long.

    A `this.member =` head too long for its line breaks before the dot, eight further in.
    """
    one = f"{indent}{head} {name}{tail}"
    if len(one) <= WIDTH:
        return one
    left = f"{indent}{head}"
    if len(left) > WIDTH and head.startswith("this."):
        left = f"{indent}this\n{indent}        {head[4:]}"
    return f"{left}\n{indent}    {name}{tail}"


def member(indent: str, head: str, name: str) -> str:
    """A field `modifiers type name;`, broken after the type if too long (and the type itself, see `typed`)."""
    one = f"{indent}{head} {name};"
    if len(one) <= WIDTH:
        return one
    if split := _off_modifiers(indent, head, f" {name};"):
        return f"{indent}{split[0]}\n{indent}{split[1]} {name};"
    return f"{typed(indent, head)}\n{indent}    {name};"


def assignment(indent: str, head: str, function: str, args: list[str]) -> str:
    """`head function(args);`, broken after `head`, then in the arguments, as needed."""
    call = f"{function}({', '.join(args)});"
    one = f"{indent}{head} {call}"
    if len(one) <= WIDTH:
        return one
    inner = indent + "    "
    return f"{indent}{head}\n" + (inner + call if len(inner + call) <= WIDTH else wrapped(inner, function, args, ";"))


def switch_rule(indent: str, label: str, target: str, function: str, args: list[str]) -> str:
    """`label -> target = function(args);` (`label` is `case x` or `default`), broken after the arrow, then as an assignment."""
    one = f"{indent}{label} -> {target} = {function}({', '.join(args)});"
    if len(one) <= WIDTH:
        return one
    return f"{indent}{label} ->\n" + assignment(indent + "    ", f"{target} =", function, args)


def class_head(indent: str, head: str, supertype: str = "") -> str:
    """`modifiers class Name implements supertype {` (or extends, or none).

    Too long, the supertype clause goes on the next line (its type arguments
    broken if still too long), and if `modifiers class Name` alone is too long,
    `class Name` goes on a line of its own.
    """
    one = f"{indent}{head} {supertype} {{" if supertype else f"{indent}{head} {{"
    if len(one) <= WIDTH:
        return one
    modifiers, name = head.split(" class ")
    alone = f"{indent}{head}" if supertype else f"{indent}{head} {{"
    first = f"{indent}{head}" if len(alone) <= WIDTH else f"{indent}{modifiers}\n{indent}class {name}"
    if not supertype:
        return first + " {"
    keyword, kind = supertype.split(" ", 1)
    return f"{first}\n{_type_lines(indent + '    ', kind, ' {', 4, keyword + ' ')}"


def field(indent: str, head: str, name: str, value: str) -> str:
    """`head name = value;`: broken after the `=`, or if even `head name =` is too long, before the name."""
    one = f"{indent}{head} {name} = {value};"
    if len(one) <= WIDTH:
        return one
    inner = indent + "    "
    if len(f"{indent}{head} {name} =") <= WIDTH:
        return f"{indent}{head} {name} =\n" + expression(inner, value, ";")
    if split := _off_modifiers(indent, head, f" {name} ="):
        return f"{indent}{split[0]}\n" + field(indent, split[1], name, value)
    rest = f"{inner}{name} = {value};"
    return typed(indent, head) + "\n" + (rest if len(rest) <= WIDTH else f"{inner}{name} =\n" + expression(inner + "    ", value, ";"))


def typed(indent: str, head: str) -> str:
    """Modifiers and a type on their line(s), as the formatter breaks a type too long for its line.

    A generic type keeps its modifiers and breaks its type arguments, one per
    line (`_type_lines`), and a package-qualified one its dotted parts
    (`_filled`); another plain type too long goes on a line of its own, at
    the same indent as its modifiers.
    """
    if len(indent + head) <= WIDTH:
        return indent + head
    modifiers, kind = _last_word(head)
    if "<" in kind or _qualified(kind):
        return _type_lines(indent, kind, "", 8, f"{modifiers} " if modifiers else "")
    return f"{indent}{modifiers}\n{indent}{kind}" if modifiers else indent + head


def _off_modifiers(indent: str, head: str, rest: str) -> tuple[str, str] | None:
    """(modifiers, type) of a `head` whose plain type must leave its modifiers' line, if `type rest` fits on the next one.

    The formatter then goes on after the type on its own line (`Foo a =`,
    `Foo of(`), as on any line; else (None) the name goes on a line of its own.
    """
    modifiers, kind = _last_word(head)
    if modifiers and "<" not in kind and not _qualified(kind) and len(indent + head) > WIDTH and len(f"{indent}{kind}{rest}") <= WIDTH:
        return modifiers, kind
    return None


def _type_lines(indent: str, kind: str, tail: str, step: int, lead: str = "") -> str:
    """`lead kind tail` at `indent`; too long, a generic type's arguments go on the next line, `step` further in
    (nested ones four), all on one if they fit there, else one per line."""
    one = f"{indent}{lead}{kind}{tail}"
    if len(one) <= WIDTH:
        return one
    if not kind.endswith(">"):
        return _filled(indent, lead, kind, tail, step) if _qualified(kind) else one
    at = kind.index("<") + 1
    arguments = split_arguments(kind[at:-1], "<>")
    inner = indent + " " * step
    joined = f"{inner}{', '.join(arguments)}>{tail}"
    if len(joined) <= WIDTH:
        return f"{indent}{lead}{kind[:at]}\n{joined}"
    lines = [_type_lines(inner, a, ",", 4) for a in arguments[:-1]] + [_type_lines(inner, arguments[-1], ">" + tail, 4)]
    return f"{indent}{lead}{kind[:at]}\n" + "\n".join(lines)


def _last_word(text: str) -> tuple[str, str]:
    """`text` split at its last space outside `<...>`: (modifiers and type, name) or (modifiers, type)."""
    head, space, tail = text.rpartition(" ")
    if space and tail.count("<") == tail.count(">"):  # the last space is outside brackets: the common case
        return head, tail
    depth = 0
    for token in reversed(list(_BRACKET_OR_SPACE.finditer(text))):
        depth += {">": 1, "<": -1}.get(token[0], 0)
        if token[0] == " " and depth == 0:
            return text[: token.start()], text[token.end() :]
    return "", text


def rule(indent: str, label: str, value: str) -> str:
    """`label -> value;` (`label` is `case x` or `default`), broken after the arrow if too long."""
    one = f"{indent}{label} -> {value};"
    return one if len(one) <= WIDTH else f"{indent}{label} ->\n" + expression(indent + "    ", value, ";")


def constructor(indent: str, modifiers: str, name: str, params: list[str], empty: bool = False) -> str:
    """A constructor's first line(s) through `{` (`{}` if `empty`); too long, the name goes under its modifiers."""
    body = " {}" if empty else " {"
    one = f"{indent}{modifiers} {name}({', '.join(params)}){body}"
    if len(one) <= WIDTH:
        return one
    if params and len(f"{indent}{modifiers} {name}(") <= WIDTH:
        return declaration(indent, modifiers, name, params)
    return f"{indent}{modifiers}\n" + declaration(indent, "", name, params) + ("}" if empty else "")
