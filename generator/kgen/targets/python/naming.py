"""Every Python identifier kgen emits is made here, from neutral words or spec names.

Rules:
  * identifiers are ASCII letters, digits and underscores, never empty, never
    starting with a digit (an `x` is put in front);
  * attributes and parameters are snake_case; classes keep a Kind's spelling
    when it is already a valid identifier (CSIDriver), else PascalCase words;
  * only ASCII letters, digits and underscores survive, whatever the input
    (other characters become underscores: identifiers are an allowlist);
  * Python keywords and names that would shadow what the generated code
    itself uses get a trailing underscore (continue -> continue_, str -> str_:
    annotations name `str`, `list`, ... and methods call `locals()`). Soft
    keywords (match, case, type) are ordinary names, and the list of them
    grows with Python versions: output must not depend on the Python running kgen;
  * names that still clash within one scope get 2, 3, ... in a stable order.
"""

from __future__ import annotations

import functools
import keyword
import re

from kgen.plan.scopes import unique as unique  # the rule every name of the target is made unique by
from kgen.targets.base import unusable_dir
from kgen.words import Words, split_words

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # use fullmatch: $ would accept a final newline
_NOT_IDENTIFIER = re.compile(r"[^A-Za-z0-9_]")
RESERVED = frozenset(keyword.kwlist) | {"self", "cls"}
# Names that annotations and method bodies use: an attribute or argument must not shadow them.
SHADOWING = frozenset({"locals", "str", "int", "float", "bool", "bytes", "list", "dict"})
# Names the generated modules define or import themselves (from typing and the runtime's model
# module): a class of one of these names would shadow the import. Every name a models module imports
# must be here; tests/test_names.py generates a class of each and checks the imports against this set.
MODULE_NAMES = frozenset(
    {"Any", "ClassVar", "Final", "Literal", "TypeAlias", "TypedDict", "TYPE_CHECKING", "Model", "NO_RAW", "QuantityValue", "Raw", "Resource", "field"}
)
# Attributes of msgspec.Struct that a field must not shadow.
STRUCT_ATTRIBUTES = frozenset({"API_VERSION", "KIND"})


@functools.cache  # a cluster's models repeat the same few thousand field names
def _safe(name: str) -> str:
    name = _NOT_IDENTIFIER.sub("_", name)
    if not name:
        return "x"
    if name[0].isdigit():
        name = "x" + name
    return name + "_" if name in RESERVED or name in SHADOWING or keyword.iskeyword(name) else name


def snake(words: Words) -> str:
    return _safe("_".join(words))


def pascal(words: Words) -> str:
    return _safe("".join(w[:1].upper() + w[1:] for w in words))


def class_name(name: str) -> str:
    """A model class name: the spec's own spelling when usable, else its words in PascalCase."""
    if _IDENTIFIER.fullmatch(name) and name.isascii() and name[:1].isupper() and name not in MODULE_NAMES and not keyword.iskeyword(name):
        return name
    result = pascal(split_words(name))
    return result if result not in MODULE_NAMES else result + "_"


@functools.cache
def msgspec_camel(attribute: str) -> str:
    """What msgspec's rename="camel" sends for an attribute kgen made (no leading underscores)."""
    parts = [p for p in attribute.rstrip("_").split("_") if p]
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else attribute


def package_segment(words: Words) -> str:
    """A package directory name: lower-case snake words, safe as an identifier and as a path on every system."""
    name = snake(words)
    return name + "_" if unusable_dir(name) else name
