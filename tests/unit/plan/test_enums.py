"""Enum sets: the definition's name first, then the first field that uses the values."""

from __future__ import annotations

from kgen.ir.model import ArrayOf, EnumOf, Field, Model, Primitive
from kgen.plan import enums

STRING = Primitive("string")


def test_enum_names_prefer_the_definition_then_the_first_field() -> None:
    values = ("TCP", "UDP")
    models = [
        Model("Port", "", ("Port",), fields=[Field("protocol", EnumOf(STRING, values)), Field("modes", ArrayOf(EnumOf(STRING, ("a",))))]),
        Model("Protocol", "", ("Protocol",), alias=EnumOf(STRING, tuple(reversed(values)))),
    ]
    owners = {"Port": "Port", "Protocol": "Protocol"}
    key = lambda e: frozenset(e.values)  # noqa: E731
    names = enums.enum_names(models, owners, {"PortModes"}, key, lambda owner, wire: owner + wire.title())
    assert names == {frozenset(values): "Protocol", frozenset({"a"}): "PortModes2"}
    first = enums.enum_first_users(models, owners, key)
    assert [(k, user) for k, (_, user, _) in first.items()] == [(frozenset(values), "Port.protocol"), (frozenset({"a"}), "Port.modes")]
