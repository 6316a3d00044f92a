"""Every Java identifier, package name and path kgen emits is made here.

Rules:
  * identifiers are ASCII letters and digits only, whatever the input (an
    allowlist: anything else separates words), never empty and never
    starting with a digit;
  * types are PascalCase, of at most MAX_CLASS characters (a class is a
    file, and javac writes Name$Codec.class beside it: file names end at 255
    bytes); a longer one keeps its leading words and ends in a short hash of
    the whole, so it stays unique; a model keeps its definition's own spelling when
    that already is one (CSIDriver); the API class of a unit is its words and
    `Api` (CoreV1Api, RbacAuthorizationV1Api), as the official client names it;
  * members (fields, methods, parameters) are lowerCamelCase, keeping a wire
    name's own spelling when it already is one (podIP, apiVersion); keywords,
    literals, `_` and the contextual keywords (var, yield, record, sealed,
    permits) get a trailing underscore, and so do fields named like Object's
    methods (wait, notify, ...) or a model's own members (unknownFields);
  * a property's accessors are get/set and its name unescaped, since a
    keyword inside an identifier is no keyword: `continue` is the field
    `continue_` with getContinue() and setContinue(). An accessor never takes
    the name of a method the class has besides (getClass, getUnknownFields,
    its fluent setters) nor another property's: the property's name then gets
    2, 3, ... (a property `class` has getClass2(), setClass2());
  * constants are UPPER_SNAKE_CASE;
  * package segments are lower-case letters and digits, never a keyword nor a
    Windows device name; names still clashing in one scope get 2, 3, ...,
    types compared without case (files of a package share a directory);
  * --package-name is checked, not rewritten: a dotted Java package name.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

from kgen.plan.scopes import unique as unique  # the rule every name of the target is made unique by
from kgen.targets import common
from kgen.targets.base import OptionError, unusable_dir
from kgen.targets.common import ascii_words as _ascii
from kgen.targets.common import pascal as pascal
from kgen.words import Words, split_words

KEYWORDS = frozenset(
    "abstract assert boolean break byte case catch char class const continue default do double else enum extends "
    "final finally float for goto if implements import instanceof int interface long native new package private "
    "protected public return short static strictfp super switch synchronized this throw throws transient try void "
    "volatile while true false null _ var yield record sealed permits".split()
)
# Fields (and fluent setters) no property takes: Object's methods and what every model declares.
RESERVED_MEMBERS = frozenset({"class", "unknownFields", "wait", "notify", "notifyAll", "hashCode", "equals", "toString", "clone", "finalize"})
# Methods of the get/set form a class has besides its properties' accessors: Object's, and a model's own.
OBJECT_ACCESSORS = frozenset({"getClass"})
MODEL_ACCESSORS = OBJECT_ACCESSORS | {"getUnknownFields", "setUnknownFields"}
RUNTIME_PACKAGE = "client"
MAX_CLASS = 200
_TYPE = re.compile(r"[A-Z][A-Za-z0-9]*")
_MEMBER = re.compile(r"[a-z][A-Za-z0-9]*")
_PACKAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def type_name(name: str) -> str:
    """A model's class name: the spec's own spelling when it is a PascalCase ASCII identifier, else its words."""
    return class_name(name if _TYPE.fullmatch(name) else pascal(split_words(name), "Model"))


def class_name(name: str) -> str:
    """A PascalCase name bounded to MAX_CLASS characters: its leading words and a hash of the whole when longer."""
    return common.bounded(name, MAX_CLASS)


def camel(words: Words) -> str:
    """lowerCamelCase, not escaped: a property's name as its accessors spell it."""
    kept = _ascii(words) or ["x"]
    name = kept[0] + pascal(tuple(kept[1:]), "")
    return "x" + name if name[0].isdigit() else name


def escaped(name: str, reserved: Set[str] = frozenset()) -> str:
    """A lowerCamelCase name as an identifier of its own: keywords and `reserved` get a trailing underscore."""
    return name + "_" if name in KEYWORDS or name in reserved else name


def member(words: Words, reserved: Set[str] = frozenset()) -> str:
    """lowerCamelCase; keywords and `reserved` get a trailing underscore."""
    return escaped(camel(words), reserved)


def property_name(wire_name: str) -> str:
    """A model property's name, unescaped: the wire name when it is already lowerCamelCase ASCII, else its words."""
    return wire_name if _MEMBER.fullmatch(wire_name) else camel(split_words(wire_name))


def field_member(wire_name: str) -> str:
    """A model field's name: its property name, escaped."""
    return escaped(property_name(wire_name), RESERVED_MEMBERS)


def accessor(prefix: str, name: str) -> str:
    """getX / setX of a property name."""
    return prefix + name[:1].upper() + name[1:]


@dataclass(frozen=True)
class Property:
    member: str  # the private field, the fluent setter and the setter's parameter
    getter: str
    setter: str


def properties(names: list[str], reserved: Set[str], methods: Set[str]) -> list[Property]:
    """The members and accessors of a class's properties, from their unescaped names (in order).

    Members are escaped and made unique among themselves and `reserved`; a
    getter and setter pair takes the next of name, name2, name3, ... whose
    getName and setName no method of the class has: `methods` (those it
    declares or inherits besides its properties'), the fluent setters (the
    members), and the accessors of the properties before it.
    """
    members = unique([escaped(n, reserved) for n in names], reserved)
    used = set(methods) | set(members)
    found = []
    for name, field in zip(names, members):
        suffix, n = accessor("", name), 1
        while "get" + suffix in used or "set" + suffix in used:
            n += 1
            suffix = accessor("", f"{name}{n}")
        getter, setter = "get" + suffix, "set" + suffix
        used.update((getter, setter))
        found.append(Property(field, getter, setter))
    return found


def constant(words: Words) -> str:
    """UPPER_SNAKE_CASE: ("cluster", "ip") -> CLUSTER_IP."""
    name = "_".join(w.upper() for w in _ascii(words)) or "VALUE"
    return "VALUE_" + name if name[0].isdigit() else name


def package_segment(words: Words) -> str:
    """A package (and directory) name: lower-case letters and digits."""
    name = "".join(w.lower() for w in _ascii(words)) or "x"
    if name[0].isdigit():
        name = "x" + name
    return name + "_" if name in KEYWORDS or unusable_dir(name) else name


def check_package_name(name: str) -> str:
    """The package users import the client by; refused (OptionError) unless javac accepts it as is."""
    segments = name.split(".")
    if len(name) > 200 or not _PACKAGE.fullmatch(name) or any(s in KEYWORDS for s in segments):
        raise OptionError(
            f"--package-name {name!r} is not a Java package name: use dot-separated identifiers of ASCII "
            "letters, digits and _ that are not Java keywords, such as com.example.kube"
        )
    if segments[0] == "java" or any(unusable_dir(s) for s in segments):
        raise OptionError(f"--package-name {name!r}: a package may not start with java, nor have a segment that is a device name")
    return name
