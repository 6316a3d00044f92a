"""Option sets: operations grouped by their optional parameters, and named alike in every target.

A user moving between the Python, TypeScript and Go clients finds ReadQuery /
ReadOptions under the same words: the set is named here, each target spells it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from kgen.ir.model import Operation, Words
from kgen.plan.scopes import unique

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


Key = TypeVar("Key", bound=tuple[Hashable, ...])  # a target's rendering of an operation's optional parameters


@dataclass(frozen=True)
class OptionSet(Generic[Key]):
    key: Key  # the optional parameters as the target renders them
    users: list[Operation]
    name: tuple[str, ...]  # words naming the set after what its users share, never after one of several users
    type_name: str  # the name spelled by the target, unique among the sets and the names taken in their scope


def option_sets(
    operations: Iterable[Operation],
    key_of: Callable[[Operation], Key],
    spell: Callable[[Words], str],
    taken: Iterable[str] = (),
    fold: bool = False,
) -> list[OptionSet[Key]]:
    """Operations grouped by their optional parameters (`key_of`; an empty key has no set), in unit and name order.

    `spell` turns a set's words into the target's type name; a name that
    another set or `taken` already has gets a number (scopes.unique), in this order;
    `fold` compares names case-insensitively (a target whose type names are file names).

    Sets are named after what all their users share, never after one user of
    several. The set most used by operations of some actions is named after
    them (ReadQuery, CreateOrReplaceQuery), even where another set has those
    actions too; that other set adds the words its users' names share
    (ReadNamespacedPodLogQuery, CreateOrReplacePriorityClassQuery), and a set
    of operations without Kubernetes actions has those words alone
    (ConnectNamespacedPodProxyQuery).
    """
    sets: dict[Key, list[Operation]] = defaultdict(list)
    for op in sorted(operations, key=lambda o: (o.unit, o.name, o.path, o.method)):
        key = key_of(op)
        if key:
            sets[key].append(op)
    ordered = sorted(sets.items(), key=lambda kv: (kv[1][0].unit, kv[1][0].name, kv[1][0].path))
    most_used: dict[tuple[str, ...], Key] = {}
    for key, users in ordered:
        actions = _action_words(users)
        if actions and (actions not in most_used or len(users) > len(sets[most_used[actions]])):
            most_used[actions] = key
    named_by_actions = {key: actions for actions, key in most_used.items()}
    words = [named_by_actions.get(key) or _shared_words(users) for key, users in ordered]
    type_names = unique([spell(w) for w in words], taken, fold)
    return [OptionSet(key, users, w, name) for (key, users), w, name in zip(ordered, words, type_names)]


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
