"""Every C# identifier, namespace and path kgen emits is made here.

Rules:
  * identifiers are ASCII letters and digits only, whatever the input (an
    allowlist: anything else separates words), never empty and never
    starting with a digit;
  * types, properties, methods and constants are PascalCase; a model keeps
    its definition's own spelling when that already is one (CSIDriver); a
    type name is at most MAX_TYPE characters (a type is a file): a longer one
    keeps its leading words and ends in a short hash of the whole;
  * the API class of a unit is its words and `Api` (CoreV1Api), as the
    official client names it;
  * parameters are camelCase; one that is a keyword or a contextual keyword
    is written with `@` (`@namespace`, `@continue`), which C# reads as the
    plain identifier;
  * a member never takes its class's name (C# forbids it) nor a name the class
    declares besides (Codec, UnknownFields, ToString, Equals, ...): it gets
    2, 3, ...; names still clashing in one scope get 2, 3, ..., types
    compared without case (the files of a namespace share a directory);
  * namespace segments are PascalCase, never a device name; --package-name is
    checked, not rewritten: a dotted C# namespace.
"""

from __future__ import annotations

import re
from collections.abc import Set

from kgen.plan.scopes import unique as unique  # the rule every name of the target is made unique by
from kgen.targets import common
from kgen.targets.base import OptionError, unusable_dir
from kgen.targets.common import ascii_words as _ascii
from kgen.targets.common import pascal as pascal
from kgen.words import Words, split_words

KEYWORDS = frozenset(
    "abstract as base bool break byte case catch char checked class const continue decimal default delegate do double "
    "else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal "
    "is lock long namespace new null object operator out override params private protected public readonly ref return "
    "sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked "
    "unsafe ushort using virtual void volatile while".split()
)
CONTEXTUAL = frozenset(
    "add alias and ascending async await by descending dynamic equals from get global group init into join let managed "
    "nameof nint not notnull nuint on or orderby partial record remove required scoped select set unmanaged value var "
    "when where with yield file".split()
)
# What every class has besides its properties: object's members, and those a generated model declares.
OBJECT_MEMBERS = frozenset({"Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals"})
MODEL_MEMBERS = OBJECT_MEMBERS | {"Codec", "UnknownFields", "JsonCodec"}
RUNTIME_NAMESPACE = "Client"
MAX_TYPE = 200
_TYPE = re.compile(r"[A-Z][A-Za-z0-9]*")
_PROPERTY = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_NAMESPACE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def type_name(name: str) -> str:
    """A model's type name: the spec's own spelling when it is a PascalCase ASCII identifier, else its words."""
    return bounded(name if _TYPE.fullmatch(name) else pascal(split_words(name), "Model"))


def bounded(name: str) -> str:
    """A PascalCase name of at most MAX_TYPE characters: its leading words and a hash of the whole when longer."""
    return common.bounded(name, MAX_TYPE)


def property_name(wire_name: str) -> str:
    """A property's name: the wire name's words in PascalCase (podIP -> PodIP)."""
    if _PROPERTY.fullmatch(wire_name):
        return wire_name[:1].upper() + wire_name[1:]
    return pascal(split_words(wire_name), "Value")


def members(names: list[str], owner: str, reserved: Set[str]) -> list[str]:
    """Names of a class's members, unique, never the class's own name nor one of `reserved`."""
    return unique(names, {owner, *reserved})


def camel(words: Words) -> str:
    """camelCase, not escaped."""
    kept = _ascii(words) or ["x"]
    name = kept[0][:1].lower() + kept[0][1:] + pascal(tuple(kept[1:]), "")
    return "x" + name if name[0].isdigit() else name


def identifier(name: str) -> str:
    """A name as C# source writes it: a keyword or contextual keyword with `@`."""
    return "@" + name if name in KEYWORDS or name in CONTEXTUAL else name


def namespace_segment(words: Words) -> str:
    """A namespace (and directory) segment: PascalCase letters and digits."""
    name = pascal(words)
    return name + "_" if unusable_dir(name) else name


def check_namespace(name: str) -> str:
    """The namespace users import the client by; refused (OptionError) unless C# accepts it as is."""
    segments = name.split(".")
    if len(name) > 200 or not _NAMESPACE.fullmatch(name) or any(s in KEYWORDS for s in segments):
        raise OptionError(
            f"--package-name {name!r} is not a C# namespace: use dot-separated identifiers of ASCII "
            "letters, digits and _ that are not C# keywords, such as Example.Kube"
        )
    if segments[0] in ("System", "Microsoft", "Newtonsoft", "global") or any(unusable_dir(s) for s in segments):
        raise OptionError(f"--package-name {name!r}: a namespace may not start with System, Microsoft or Newtonsoft, nor have a segment that is a device name")
    return name


def file_name(type_name: str) -> str:
    """The file of a type: its name, with a `_` when that is a device name (Con.cs cannot be opened on Windows)."""
    return f"{type_name}_.cs" if unusable_dir(type_name) else f"{type_name}.cs"
