"""Option sets are named after what all their users share."""

from __future__ import annotations

from kgen.ir.model import Operation, Param, Primitive
from kgen.plan import options

STRING = Primitive("string")


def _op(op_id: str, action: str | None, name: tuple[str, ...], *optional: str) -> Operation:
    params = [Param(p, "query", STRING, required=False) for p in optional]
    return Operation(op_id, "GET", f"/{op_id}", "", params=params, action=action, name=name)


def _key(op: Operation) -> tuple:
    return tuple(p.wire_name for p in op.params)


def _pascal(words: tuple[str, ...]) -> str:
    return "".join(w.title() for w in words) + "Query"


def test_option_sets_are_named_after_what_all_their_users_share() -> None:
    ops = [
        _op("a", "get", ("read", "pod"), "pretty"),
        _op("b", "get", ("read", "node"), "pretty"),
        _op("c", "get", ("read", "pod", "log"), "pretty", "follow"),  # the other set of reads: read pod log
        _op("d", "post", ("create", "pod"), "dryRun"),
        _op("e", "put", ("replace", "pod"), "dryRun"),
        _op("f", "post", ("create", "priority", "class"), "dryRun", "pretty"),
        _op("g", "put", ("replace", "priority", "class"), "dryRun", "pretty"),
        _op("h", "watch", ("watch", "pod"), "limit"),
        _op("i", "watchlist", ("watch", "pod", "list"), "limit"),
        _op("j", "connect", ("connect", "get", "pod", "proxy"), "path"),
        _op("k", "connect", ("connect", "post", "pod", "proxy"), "path"),
        _op("l", None, ("get", "pets"), "page"),
        _op("m", None, ("list", "orders"), "page"),
        _op("n", "post", ("create", "node")),  # no optional parameters: no set
    ]
    sets = options.option_sets(ops, _key, _pascal)
    assert [(s.name, [u.id for u in s.users]) for s in sets] == [
        (("connect", "pod", "proxy"), ["j", "k"]),  # no action: the words of the names; sets in their first user's order
        (("create", "or", "replace"), ["d", "e"]),  # as many users as the next set: the first wins
        (("create", "or", "replace", "priority", "class"), ["f", "g"]),
        (("options",), ["l", "m"]),  # nothing in common: neither user's name
        (("read",), ["b", "a"]),  # the most used set of reads; users in name order
        (("read", "pod", "log"), ["c"]),
        (("watch",), ["h", "i"]),  # watch and watchlist
    ]


def test_type_names_are_unique_among_the_sets_and_the_names_taken_in_the_scope() -> None:
    ops = [
        _op("a", "get", ("read", "pod"), "pretty"),
        _op("b", "get", ("read", "node"), "pretty"),
        _op("c", "get", ("read", "pod", "status"), "pretty", "follow"),
        _op("d", "post", ("create", "pod"), "dryRun"),
    ]
    # Spelled only by action, the two sets of reads clash: the later one is numbered; CreateOptions is taken in the scope.
    sets = options.option_sets(ops, _key, lambda words: words[0].title() + "Options", {"CreateOptions"})
    assert [(s.type_name, [u.id for u in s.users]) for s in sets] == [
        ("CreateOptions2", ["d"]),
        ("ReadOptions", ["b", "a"]),
        ("ReadOptions2", ["c"]),
    ]
