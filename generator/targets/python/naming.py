"""Every Python identifier kgen emits is made here, from neutral words or spec names.

Rules:
  * identifiers are ASCII letters, digits and underscores, never empty, never
    starting with a digit (an `x` is put in front);
  * attributes and parameters are snake_case; classes keep a Kind's spelling
    when it is already a valid identifier (CSIDriver), else PascalCase words;
  * Python keywords, soft keywords and names that would shadow what the
    generated module itself uses get a trailing underscore (continue -> continue_),
    and so do model attributes named like a builtin type (int -> int_);
  * names that still clash within one scope get 2, 3, ... in a stable order.
"""

from __future__ import annotations

import keyword
import re

from kgen.words import Words, split_words

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"self", "cls"}
# Names the generated modules define or import themselves.
MODULE_NAMES = frozenset({"Any", "ClassVar", "TypeAlias", "TypedDict", "TYPE_CHECKING", "Model", "Resource", "field"})
# Attributes of msgspec.Struct that a field must not shadow.
STRUCT_ATTRIBUTES = frozenset({"API_VERSION", "KIND"})
# Builtins that field annotations name: a field spelled like one would shadow it
# in the class body (for type checkers), so it gets a trailing underscore.
ANNOTATION_BUILTINS = frozenset({"bool", "bytes", "dict", "float", "int", "list", "str"})


def _safe(name: str) -> str:
    if not name:
        return "x"
    if name[0].isdigit():
        name = "x" + name
    return name + "_" if name in RESERVED or keyword.iskeyword(name) else name


def snake(words: Words) -> str:
    return _safe("_".join(words))


def pascal(words: Words) -> str:
    return _safe("".join(w[:1].upper() + w[1:] for w in words))


def class_name(name: str) -> str:
    """A model class name: the spec's own spelling when usable, else its words in PascalCase."""
    if _IDENTIFIER.match(name) and name.isascii() and name[:1].isupper() and name not in MODULE_NAMES:
        return name
    result = pascal(split_words(name))
    return result if result not in MODULE_NAMES else result + "_"


def msgspec_camel(attribute: str) -> str:
    """What msgspec's rename="camel" sends for an attribute kgen made (no leading underscores)."""
    parts = [p for p in attribute.rstrip("_").split("_") if p]
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else attribute


def unique(names: list[str], taken: set[str] | None = None) -> list[str]:
    """Make names unique in order: a clash gets 2, 3, ... appended."""
    used = set(taken or ())
    result = []
    for name in names:
        candidate, n = name, 1
        while candidate in used:
            n += 1
            candidate = f"{name}{n}"
        used.add(candidate)
        result.append(candidate)
    return result


def attribute(words: Words) -> str:
    """A model attribute: snake_case, and never the name of a builtin type its class's annotations use."""
    name = snake(words)
    return name + "_" if name in ANNOTATION_BUILTINS else name


def package_segment(words: Words) -> str:
    """A package directory name: lower-case snake words, safe as an identifier and as a path."""
    return snake(words)
