"""The naming order every target shares: option sets, enum type names, unique names, unions."""

from __future__ import annotations

from kgen.ir.model import ArrayOf, EnumOf, Field, Model, Operation, Param, Primitive, Unit
from kgen.targets import common

STRING = Primitive("string")


def _op(op_id: str, action: str | None, name: tuple[str, ...], *optional: str) -> Operation:
    params = [Param(p, "query", STRING, required=False) for p in optional]
    return Operation(op_id, "GET", f"/{op_id}", "", params=params, action=action, name=name)


def _key(op: Operation) -> tuple:
    return tuple(p.wire_name for p in op.params)


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
    sets = common.option_sets(ops, _key)
    assert [(s.name, [u.id for u in s.users]) for s in sets] == [
        (("connect", "pod", "proxy"), ["j", "k"]),  # no action: the words of the names; sets in their first user's order
        (("create", "or", "replace"), ["d", "e"]),  # as many users as the next set: the first wins
        (("create", "or", "replace", "priority", "class"), ["f", "g"]),
        (("options",), ["l", "m"]),  # nothing in common: neither user's name
        (("read",), ["b", "a"]),  # the most used set of reads; users in name order
        (("read", "pod", "log"), ["c"]),
        (("watch",), ["h", "i"]),  # watch and watchlist
    ]


def test_unique_appends_numbers_and_folds_case_when_asked() -> None:
    assert common.unique(["Pod", "Pod", "pod"], {"Pod"}) == ["Pod2", "Pod3", "pod"]
    assert common.unique(["Pod", "pod", "POD"], fold=True) == ["Pod", "pod2", "POD3"]


def test_union_flattens_members_and_drops_repeats() -> None:
    assert common.union(["int | str", "str", "None"], lambda t: t.split(" | ")) == "int | str | None"


def test_enum_names_prefer_the_definition_then_the_first_field() -> None:
    values = ("TCP", "UDP")
    models = [
        Model("Port", "", ("Port",), fields=[Field("protocol", EnumOf(STRING, values)), Field("modes", ArrayOf(EnumOf(STRING, ("a",))))]),
        Model("Protocol", "", ("Protocol",), alias=EnumOf(STRING, tuple(reversed(values)))),
    ]
    owners = {"Port": "Port", "Protocol": "Protocol"}
    key = lambda e: frozenset(e.values)  # noqa: E731
    names = common.enum_names(models, owners, {"PortModes"}, key, lambda owner, wire: owner + wire.title())
    assert names == {frozenset(values): "Protocol", frozenset({"a"}): "PortModes2"}
    first = common.enum_first_users(models, owners, key)
    assert [(k, user) for k, (_, user, _) in first.items()] == [(frozenset(values), "Port.protocol"), (frozenset({"a"}), "Port.modes")]


def test_unit_titles() -> None:
    assert common.unit_title(Unit((("core",), ("v1",)), group="", version="v1")) == "core/v1"
    assert common.unit_title(Unit((("apps",),), group="apps")) == "the apps API group"
    assert common.unit_title(Unit((("well", "known"),))) == "well known"
