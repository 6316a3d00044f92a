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
from typing import Generic, TypeGuard, TypeVar

from kgen.fixups.delete_status import STATUS
from kgen.ir.model import EnumOf, Model, ModelRef, Operation, TypeRef, UnionOf, Unit
from kgen.ir.walk import enums_in
from kgen.words import Words, split_words

# operation action -> the name of an option set all of whose users have that action
ACTION_WORDS = {  # an action's words in option type names (ReadQuery)
    "get": ("read",),
    "list": ("list",),
    "post": ("create",),
    "put": ("replace",),
    "patch": ("patch",),
    "delete": ("delete",),
    "deletecollection": ("delete", "collection"),
    "watch": ("watch",),
    "watchlist": ("watch", "list"),
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


def or_status(t: TypeRef | None) -> TypeGuard[UnionOf]:
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
    key: Callable[[str], str] = (lambda n: n.lower()) if fold else (lambda n: n)
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


Options = TypeVar("Options", bound=tuple[Hashable, ...])  # a target's rendering of an operation's optional parameters


@dataclass(frozen=True)
class OptionSet(Generic[Options]):
    key: Options  # the optional parameters as the target renders them
    users: list[Operation]
    name: tuple[str, ...]  # words naming the set after what its users share, never after one of several users


def option_sets(operations: Iterable[Operation], key_of: Callable[[Operation], Options]) -> list[OptionSet[Options]]:
    """Operations grouped by their optional parameters (`key_of`; an empty key has no set), in unit and name order.

    Sets are named after what all their users share, never after one user of
    several. The set most used by operations of some actions is named after
    them (ReadQuery, CreateOrReplaceQuery), even where another set has those
    actions too; that other set adds the words its users' names share
    (ReadNamespacedPodLogQuery, CreateOrReplacePriorityClassQuery), and a set
    of operations without Kubernetes actions has those words alone
    (ConnectNamespacedPodProxyQuery).
    """
    sets: dict[Options, list[Operation]] = defaultdict(list)
    for op in sorted(operations, key=lambda o: (o.unit, o.name, o.path, o.method)):
        key = key_of(op)
        if key:
            sets[key].append(op)
    ordered = sorted(sets.items(), key=lambda kv: (kv[1][0].unit, kv[1][0].name, kv[1][0].path))
    most_used: dict[tuple[str, ...], Options] = {}
    for key, users in ordered:
        actions = _action_words(users)
        if actions and (actions not in most_used or len(users) > len(sets[most_used[actions]])):
            most_used[actions] = key
    named_by_actions = {key: actions for actions, key in most_used.items()}
    return [OptionSet(key, users, named_by_actions.get(key) or _shared_words(users)) for key, users in ordered]


def _action_words(users: list[Operation]) -> tuple[str, ...]:
    """The users' actions as words: `read`; `watch` for watch and watchlist; `create or replace`. None if one has no action."""
    if any(u.action not in ACTION_WORDS for u in users):
        return ()
    words = [w for action, w in ACTION_WORDS.items() if any(u.action == action for u in users)]
    common = _common_prefix(words)
    return common or tuple(w for i, action in enumerate(words) for w in (("or",) if i else ()) + action)


def _shared_words(users: list[Operation]) -> tuple[str, ...]:
    """The users' actions, then the words at the start and the end of every user's name (`options` if none)."""
    names = [u.name for u in users]
    prefix = _common_prefix(names)
    rest = [n[len(prefix) :] for n in names]
    shared = prefix + tuple(reversed(_common_prefix([tuple(reversed(r)) for r in rest])))
    actions = _action_words(users)
    if actions and shared[:1] != actions[:1]:
        shared = actions + shared
    return shared or ("options",)


def _common_prefix(names: list[tuple[str, ...]]) -> tuple[str, ...]:
    shortest = min(names, key=len)
    for i, word in enumerate(shortest):
        if any(n[i] != word for n in names):
            return shortest[:i]
    return shortest


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
