"""Naming decisions every target makes the same way, whatever it spells.

Each target keeps its own spelling (case, reserved words, suffixes) in its
naming module; what is shared here is the order in which names are given, so
that the same document names its option sets and enum types alike in every
language: a user moving between the Python, TypeScript and Go clients finds
ReadQuery / ReadOptions and ServiceSpecType under the same names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from kgen.fixups.delete_status import STATUS
from kgen.ir.model import EnumOf, Model, ModelRef, Operation, TypeRef, UnionOf, Unit
from kgen.ir.walk import enums_in
from kgen.words import Words, split_words

# operation action -> the name of an option set all of whose users have that action
ACTION_NAMES = {
    "get": "Read",
    "list": "List",
    "post": "Create",
    "put": "Replace",
    "patch": "Patch",
    "delete": "Delete",
    "deletecollection": "DeleteCollection",
    "watch": "Watch",
    "watchlist": "WatchList",
}

# the request bodies of PATCH: an operation consuming one of them gets a patch type argument
PATCH_TYPES = frozenset(
    {
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    }
)


def is_patch(op: Operation) -> bool:
    return op.method == "PATCH" and bool(PATCH_TYPES & set(op.consumes))


def or_status(t: TypeRef | None) -> bool:
    """Whether a response is a model or a Status (fixups.delete_status: a delete that completed at once)."""
    return isinstance(t, UnionOf) and len(t.options) == 2 and t.options[1] == ModelRef(STATUS) and isinstance(t.options[0], ModelRef)


def unit_title(unit: Unit) -> str:
    """How docs name a unit: core/v1, the apps API group, or a tag's words."""
    if unit.group is not None:
        group = unit.group or "core"
        return f"{group}/{unit.version}" if unit.version else f"the {group} API group"
    return " ".join(" ".join(s) for s in unit.path) or "the API"


def unique(names: list[str], taken: Iterable[str] = (), fold: bool = False) -> list[str]:
    """Make names unique in order: a clash gets 2, 3, ... appended. `fold`: compare case-insensitively (directories)."""
    key = (lambda n: n.lower()) if fold else (lambda n: n)
    used = {key(n) for n in taken}
    result = []
    for name in names:
        candidate, n = name, 1
        while key(candidate) in used:
            n += 1
            candidate = f"{name}{n}"
        used.add(key(candidate))
        result.append(candidate)
    return result


def union(members: Iterable[str], parts: Callable[[str], list[str]]) -> str:
    """A union type written `A | B`: members that are unions themselves are flattened (`parts`), repeats dropped."""
    found: list[str] = []
    for member in members:
        found.extend(p for p in parts(member) if p not in found)
    return " | ".join(found)


@dataclass(frozen=True)
class OptionSet:
    key: tuple  # the optional parameters as the target renders them
    users: list[Operation]
    action: str | None  # the action naming the set: set when all its users, and no other set's, have it


def option_sets(operations: Iterable[Operation], key_of: Callable[[Operation], tuple]) -> list[OptionSet]:
    """Operations grouped by their optional parameters (`key_of`; an empty key has no set), in unit and name order.

    A set whose users all share one action that no other set has is named
    after it (ReadQuery); the others after their first user.
    """
    sets: dict[tuple, list[Operation]] = defaultdict(list)
    for op in sorted(operations, key=lambda o: (o.unit, o.name, o.path, o.method)):
        key = key_of(op)
        if key:
            sets[key].append(op)
    shared = {key: _shared_action(users) for key, users in sets.items()}
    per_action: dict[str | None, int] = defaultdict(int)
    for action in shared.values():
        per_action[action] += 1
    ordered = sorted(sets.items(), key=lambda kv: (kv[1][0].unit, kv[1][0].name, kv[1][0].path))
    return [OptionSet(key, users, shared[key] if shared[key] in ACTION_NAMES and per_action[shared[key]] == 1 else None) for key, users in ordered]


def _shared_action(users: list[Operation]) -> str | None:
    actions = {u.action for u in users}
    return actions.pop() if len(actions) == 1 else None


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
