"""C# type spelling: bare where nothing nearer has the name, from global:: where something does."""

from __future__ import annotations

from kgen.ir.model import ArrayOf, MapOf, ModelRef, Primitive, Special
from kgen.targets.csharp.types import TypeName, TypeNamer

TYPES = {
    "status": TypeName("Kube.Meta.V1", "Status"),
    "json": TypeName("Kube.Meta.V1", "Json"),
    "pod": TypeName("Kube.Core.V1", "Pod"),
    "time": TypeName("Kube.Meta.V1", "Time", alias=Primitive("string", "date-time")),
}


def namer(local: frozenset[str] = frozenset(), members: frozenset[str] = frozenset()) -> TypeNamer:
    return TypeNamer(TYPES, "Kube.Core.V1", {"Pod", *local}, "Kube.Client", members=set(members))


def test_types_of_other_namespaces_are_aliased_and_the_runtime_imported() -> None:
    n = namer()
    assert n.spell(ArrayOf(ModelRef("status"))) == "IList<Status>"
    assert n.spell(MapOf(Special("quantity"))) == "IDictionary<string, Quantity>"
    assert n.spell(ModelRef("time")) == "string"  # an alias model is what it stands for
    assert n.spell(ModelRef("pod")) == "Pod"
    assert n.codec(ArrayOf(ModelRef("status"))) == "Json.ListOf(Status.Codec)"
    assert n.usings("    ").splitlines() == [
        "    using global::Kube.Client;",
        "    using global::System.Collections.Generic;",
        "    using Status = global::Kube.Meta.V1.Status;",
    ]


def test_a_name_the_namespace_or_the_class_has_is_written_from_global() -> None:
    """Types of the file's namespace and members of its class are found before any using."""
    n = namer(local=frozenset({"Json"}), members=frozenset({"Status"}))
    assert n.codec(ModelRef("status")) == "global::Kube.Meta.V1.Status.Codec"
    assert n.codec(Primitive("string")) == "global::Kube.Client.Json.String"
    assert n.usings("") == ""


def test_two_types_of_one_simple_name_take_one_using_between_them() -> None:
    n = namer()
    assert n.ref("Kube.Meta.V1.Json") == "Json"  # a model named Json, first
    assert n.codec(Primitive("boolean")) == "global::Kube.Client.Json.Boolean"  # the runtime's Json, second
    assert "using Json = global::Kube.Meta.V1.Json;" in n.usings("")
