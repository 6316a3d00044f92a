"""Enum sets: which value sets a scope's models use, the type each is named after, and its constants' words.

The order in which names are given is shared, so that the same document names
its enum types alike in every language (ServiceSpecType); targets spell them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from kgen.ir.model import EnumOf, Model
from kgen.ir.walk import enums_in
from kgen.plan.scopes import unique
from kgen.words import Words, split_words

K = TypeVar("K", bound=Hashable)  # what identifies a value set in a target (its key_of gives None for enums spelled as their plain type)


def enum_names(
    models: list[Model],
    owners: dict[str, str],
    taken: set[str],
    key_of: Callable[[EnumOf], K | None],
    field_type_name: Callable[[str, str], str],
) -> dict[K, str]:
    """The type name of each value set that these models use.

    `owners` maps model keys to their type names, `taken` holds the names the
    unit already uses. An enum definition keeps its own name; a value set
    first used by a field is named `field_type_name(owner, wire name)`.
    """
    names: dict[K, str] = {}
    for model in models:
        found = key_of(model.alias) if isinstance(model.alias, EnumOf) else None
        if found is not None:
            names.setdefault(found, owners[model.key])
    used = set(taken) | set(names.values())
    for model in models:
        for f in model.fields:
            for enum in enums_in(f.type):
                found = key_of(enum)
                if found is not None and found not in names:
                    names[found] = unique([field_type_name(owners[model.key], f.wire_name)], used)[0]
                    used.add(names[found])
    return names


def constant_words(value: object) -> Words:
    """The words naming an enum value's constant: ClusterIP -> cluster IP, "" -> empty, -3 -> value minus 3."""
    if isinstance(value, int):
        return ("value", str(value)) if value >= 0 else ("value", "minus", str(-value))
    return split_words(str(value)) or (("empty",) if value == "" else ("value",))


def enum_first_users(models: list[Model], owners: dict[str, str], key_of: Callable[[EnumOf], K | None]) -> dict[K, tuple[EnumOf, str, str | None]]:
    """Each value set's enum, what uses it first ("Owner" or "Owner.field") and that definition's description, in order of use."""
    first: dict[K, tuple[EnumOf, str, str | None]] = {}
    for model in models:
        owner = owners[model.key]
        if isinstance(model.alias, EnumOf) and (found := key_of(model.alias)) is not None:
            first.setdefault(found, (model.alias, owner, model.description))
        for f in model.fields:
            for enum in enums_in(f.type):
                if (found := key_of(enum)) is not None:
                    first.setdefault(found, (enum, f"{owner}.{f.wire_name}", None))
    return first
