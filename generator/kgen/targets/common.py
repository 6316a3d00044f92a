"""Small facts every target reads alike: unit titles, union types, what aliases and tuples stand for.

What targets decide alike (option sets, enum sets, names per scope) is
planned in kgen.plan; this module holds what they merely share.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from kgen.ir.model import EnumOf, Model, ModelRef, Operation, TupleOf, TypeRef, UnionOf, Unit, Words

EnumKey = frozenset[str]  # the documented values of a string enum: targets that write open-enum classes key them by it


def unit_title(unit: Unit) -> str:
    """How docs name a unit: core/v1, the apps API group, or a tag's words."""
    if unit.group is not None:
        group = unit.group or "core"
        return f"{group}/{unit.version}" if unit.version else f"the {group} API group"
    return " ".join(" ".join(s) for s in unit.path) or "the API"


def operation_summary(op: Operation) -> str:
    """An operation in one line, for its doc comment: the description, else the summary, else the operationId."""
    return next(filter(None, (" ".join(t.split()) for t in (op.description or "", op.summary or "", f"Operation {op.operation_id}."))))


def union(members: Iterable[str], parts: Callable[[str], list[str]]) -> str:
    """A union type written `A | B`: members that are unions themselves are flattened (`parts`), repeats dropped."""
    found: list[str] = []
    for member in members:
        found.extend(p for p in parts(member) if p not in found)
    return " | ".join(found)


def enum_key(enum: EnumOf) -> EnumKey | None:
    """The value set of a string enum (an open-enum class); None for other enums, spelled as their plain type."""
    return frozenset(v for v in enum.values if isinstance(v, str)) if enum.base.kind == "string" and enum.base.format is None else None


def tuple_item(t: TupleOf) -> TypeRef:
    """What a tuple's list holds, in a language without tuples: its one item type, else any JSON value."""
    items = set(t.items)
    return items.pop() if len(items) == 1 else UnionOf(t.items)


def resolve_alias(models: dict[str, Model], key: str) -> TypeRef | None:
    """What an alias model stands for, through aliases of aliases (the IR has no alias cycles); None for a class or an open enum."""
    model = models[key]
    alias = model.alias
    if alias is None or (isinstance(alias, EnumOf) and enum_key(alias) is not None):
        return None
    while isinstance(alias, ModelRef) and models[alias.key].alias is not None and not _enum_class(models[alias.key]):
        alias = models[alias.key].alias
    return alias


def _enum_class(model: Model) -> bool:
    return isinstance(model.alias, EnumOf) and enum_key(model.alias) is not None


def ascii_words(words: Words) -> list[str]:
    """The words that are ASCII letters and digits: what identifiers of Java and C# are made of (an allowlist)."""
    return [w for w in words if w.isascii() and w.isalnum()]


def pascal(words: Words, empty: str = "X") -> str:
    """PascalCase of the ASCII words: ("core", "v1", "api") -> CoreV1Api; `empty` when none is left; X before a digit."""
    name = "".join(w[:1].upper() + w[1:] for w in ascii_words(words))
    if not name:
        return empty
    return name if not name[0].isdigit() else "X" + name


def bounded(name: str, limit: int) -> str:
    """A PascalCase name of at most `limit` characters (a type is a file): its leading words and a hash of the whole when longer."""
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    room = limit - len(digest)
    cut = max((i for i in range(1, room + 1) if name[i].isupper()), default=room)
    return name[:cut] + digest


def utf16_units(ch: str) -> list[int]:
    """The UTF-16 code units of a character: what \\uXXXX escapes of Java and C# string literals stand for."""
    code = ord(ch)
    if code <= 0xFFFF:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]


def described(text: str | None, fallback: str) -> str:
    """`text` if it leaves any doc words, else `fallback`. Doc encoders write every character as itself or an entity
    but whitespace, which they collapse: only whitespace (as `str.split` knows it) leaves no words."""
    return text if text and not text.isspace() else fallback


def fill(text: str, width: int) -> list[str]:
    """Words of `text` (single-spaced, one line) filled into lines of at most `width` columns (a longer word stands
    alone): each line ends at the last space that leaves it within the width. Found with str.rfind, in C: a
    cluster's documents fill tens of millions of characters of descriptions."""
    lines, start, end = [], 0, len(text)
    while start < end:
        if width > 0 and start + width >= end:
            lines.append(text[start:])
            break
        cut = text.rfind(" ", start + 1, start + width + 1) if width > 0 else -1
        if cut == -1 and text[start] == " ":  # nothing fits and no word starts here
            start += 1
            continue
        if cut == -1:  # a word longer than the width stands alone
            cut = text.find(" ", start)
            cut = end if cut == -1 else cut
        lines.append(text[start:cut])
        start = cut + 1
    return lines or [""]


def special(escaped: str) -> re.Pattern[str]:
    """The characters an encoder changes: all but printable ASCII, and those of `escaped`. One character class: the
    same set written as an alternation (`[^\\x20-\\x7e]|[...]`) scans four times slower."""
    kept = "".join(re.escape(chr(code)) for code in range(0x20, 0x7F) if chr(code) not in escaped)
    return re.compile(f"[^{kept}]")


def replaced(text: str, special: re.Pattern[str], replacement: Callable[[str], str]) -> str:
    """`text` with each character that `special` matches replaced: the scan runs in C, Python sees only the characters
    that change (a cluster's documents hold tens of millions of characters of descriptions)."""
    return special.sub(lambda match: replacement(match.group()), text)
