"""Every TypeScript name kgen emits is made here: identifiers, property keys, module aliases, file names.

Rules:
  * identifiers are ASCII letters, digits and underscores (an allowlist: any
    other character becomes an underscore), never empty, never starting with a
    digit (an `x` is put in front);
  * functions and parameters are camelCase; types keep a Kind's spelling when it
    is already a valid identifier (CSIDriver), else PascalCase words;
  * an exported function is never named `then`, which makes a module a thenable;
  * reserved words of JavaScript (strict mode, ES modules) and TypeScript's
    predefined type names get a trailing underscore (default -> default_,
    string -> string_), and so do the names generated modules use themselves
    (client, options, Promise, Record, ...);
  * property keys are the wire names themselves: bare when they are plain
    identifiers, else string literals (every wire name is a valid key);
  * names that still clash within one scope get 2, 3, ... in a stable order;
  * module aliases (`_metaV1`) start with an underscore, which no other
    generated identifier does, so they cannot clash;
  * file and directory names are lower-case snake words, never a device name and
    never starting with an underscore (the runtime lives in src/_runtime/).
"""

from __future__ import annotations

import re

from kgen.ir.model import Unit
from kgen.plan import scopes
from kgen.plan.scopes import unique as unique  # the rule every name of the target is made unique by
from kgen.targets.base import unusable_dir
from kgen.targets.typescript import encode
from kgen.words import Words, split_words

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # fullmatch only: `$` would accept a final newline
_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NOT_IDENTIFIER = re.compile(r"[^A-Za-z0-9_]")
# ECMAScript reserved words, strict-mode and module reserved words, and names strict code cannot bind.
RESERVED = frozenset(
    "break case catch class const continue debugger default delete do else enum export extends false finally for "
    "function if import in instanceof new null return super switch this throw true try typeof var void while with "
    "yield let static implements interface package private protected public await arguments eval".split()
)
# TypeScript's predefined types: no interface or type alias may have these names.
PREDEFINED_TYPES = frozenset("any bigint boolean never number object string symbol undefined unknown void".split())
# What the package's index exports from the runtime (tests hold this to runtime/index.ts). The root unit's modules
# are in src/ and that index exports them too: their models and functions never take these names (`taken_in`).
RUNTIME_EXPORTS = frozenset(
    "AlreadyExists ApiError BadRequest Bookmark Client ClientError ClientOptions Config ConfigError Conflict DeadlineExceeded "
    "DecodeError ExecConfig Forbidden Gone HttpRequest HttpResponse InternalError Invalid InvalidPathArgument KubeconfigOptions "
    "MethodNotAllowed NetworkError NotAcceptable NotFound Op PatchBody PatchType RequestEntityTooLarge ResponseTooLarge "
    "ServerTimeout ServiceUnavailable Status Timeout TooManyRequests Transport Unauthorized UnsupportedMediaType Watch "
    "WatchEvent decode encode errorFromStatus fetchTransport inClusterConfig loadKubeconfig".split()
)
# Names generated modules use themselves: a generated identifier must not shadow them.
MODULE_NAMES = frozenset(
    "client body options patchType Promise Record Array Partial Client Watch PatchType PatchBody Op".split()
)


def taken_in(unit: Unit) -> frozenset[str]:
    """The names a unit's models and functions may not take: the runtime's exports for the root unit (see RUNTIME_EXPORTS)."""
    return RUNTIME_EXPORTS if not unit.path else frozenset()


def _safe(name: str) -> str:
    name = _NOT_IDENTIFIER.sub("_", name)
    if not name:
        return "x"
    if name[0].isdigit():
        name = "x" + name
    return name + "_" if name in RESERVED or name in PREDEFINED_TYPES or name in MODULE_NAMES else name


def camel(words: Words) -> str:
    """A function or parameter name: listNamespacedPod."""
    first, *rest = words or ("x",)
    return _safe(first + "".join(w[:1].upper() + w[1:] for w in rest))


# A module whose namespace has a `then` is a thenable: `await import()` of it calls that function instead of giving the module.
THENABLE = "then"


def function(words: Words) -> str:
    """An exported function's name: camelCase, never `then` (it becomes `then_`)."""
    name = camel(words)
    return name + "_" if name == THENABLE else name


def pascal(words: Words) -> str:
    """A type name made of words: WatchListQuery."""
    return _safe("".join(w[:1].upper() + w[1:] for w in words))


def constant(words: Words) -> str:
    """A module-private constant: _LIST_NAMESPACED_POD (the leading underscore keeps it apart from every other name)."""
    return "_" + _NOT_IDENTIFIER.sub("_", "_".join(words).upper()).strip("_")


def type_name(name: str) -> str:
    """A model's type name: the spec's own spelling when usable, else its words in PascalCase."""
    if _IDENTIFIER.fullmatch(name) and name[:1].isupper() and name not in MODULE_NAMES:
        return name
    return pascal(split_words(name))


def property_key(wire_name: str) -> str:
    """An interface member or object key: the wire name, quoted unless it is a plain identifier."""
    return wire_name if _KEY.fullmatch(wire_name) else encode.string_literal(wire_name)


def module_alias(dirs: tuple[str, ...]) -> str:
    """The namespace import of a unit's models module: _metaV1 for meta/v1, _root for the root."""
    return "_" + camel(tuple(w for d in dirs for w in d.split("_") if w)) if dirs else "_root"


def path_segment(words: Words) -> str:
    """A directory name: lower-case snake words, safe on every file system."""
    name = _NOT_IDENTIFIER.sub("_", "_".join(words)) or "x"
    if name[0].isdigit():
        name = "x" + name
    return name + "_" if unusable_dir(name) else name


def unit_dirs(units: list[Unit]) -> dict[Unit, tuple[str, ...]]:
    """Each unit's directory under src/, unique after sanitising."""
    return scopes.unit_dirs(units, path_segment)
