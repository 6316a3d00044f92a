"""Open-enum classes: names of constants, and a layout black leaves as it is."""

from __future__ import annotations

import black
import pytest

from kgen.ir.model import EnumOf, Field, Model, Primitive
from kgen.targets import views
from kgen.targets.python import enums
from kgen.targets.python.formatting import needs_black
from kgen.targets.python.views import EnumView, ModelsModule
from kgen.targets.templating import environment

MODE = black.Mode(target_versions={black.TargetVersion.PY310})


def _module(enum_views: list[EnumView]) -> str:
    module = ModelsModule(
        "# test", "kube", docstring='"""Test."""', imports=[], typing_names=["Final", "Literal", "TYPE_CHECKING", "TypeAlias"],
        runtime_names=[], classes=[], enums=enum_views, aliases=[], exports="__all__ = []",
    )  # fmt: skip
    return views.render(environment("python"), module)


@pytest.mark.parametrize("count", [1, 3, 6, 9, 14, 40])
@pytest.mark.parametrize("width", [3, 12, 60])
def test_enum_classes_are_black_stable(count: int, width: int) -> None:
    values = tuple(f"{'v' * width}{i}" for i in range(count))
    view = enums._view("SomeFairlyLongOwnerNameSpecFieldName", EnumOf(Primitive("string"), values), "Owner.field", None)
    source = _module([view])
    assert black.format_str(source, mode=MODE) == source or needs_black(source)


def test_constant_names_and_sharing() -> None:
    string = Primitive("string")
    model = Model("A", "", ("A",), fields=[
        Field("protocol", EnumOf(string, ("TCP", "UDP"))),
        Field("otherProtocol", EnumOf(string, ("UDP", "TCP"))),  # the same set: shared
        Field("level", EnumOf(Primitive("integer"), (1, -2))),
        Field("ratio", EnumOf(Primitive("number"), (0.5,))),  # Literal cannot hold floats
    ])  # fmt: skip
    names = enums.plan([model], {"A": "A"}, {"AProtocol"})
    assert sorted(names.values()) == ["ALevel", "AProtocol2"]
    (proto, level) = enums.views([model], names, {"A": "A"})
    assert proto.name == "AProtocol2" and [c.split(":")[0].strip() for c in proto.constants] == ["TCP", "UDP"]
    assert [c.strip() for c in level.constants] == ["VALUE_1: Final = 1", "VALUE_MINUS_2: Final = -2"] and level.runtime == "int"
    odd = enums._view("E", EnumOf(string, ("", "*", "ClusterIP", "cluster-ip", "3d", "Value")), "E", None)
    assert [c.split(":")[0].strip() for c in odd.constants] == ["EMPTY", "VALUE", "CLUSTER_IP", "CLUSTER_IP2", "VALUE_3_D", "VALUE2"]
