"""Java names: valid identifiers and package names whatever the spec calls things."""

from __future__ import annotations

import pytest

from kgen.targets.base import OptionError
from kgen.targets.java import layout, naming
from kgen.words import split_words


@pytest.mark.parametrize(
    ("wire", "member"),
    [
        ("podIP", "podIP"),
        ("apiVersion", "apiVersion"),
        ("class", "class_"),
        ("record", "record_"),
        ("yield", "yield_"),
        ("_", "x"),
        ("x-kubernetes-int-or-string", "xKubernetesIntOrString"),
        ("$ref", "ref"),
        ("3d", "x3D"),
        ("unknownFields", "unknownFields_"),
        ("Kind", "kind"),
    ],
)
def test_field_member(wire: str, member: str) -> None:
    assert naming.field_member(wire) == member


def _model_properties(*wire: str) -> list[tuple[str, str, str]]:
    found = naming.properties([naming.property_name(w) for w in wire], naming.RESERVED_MEMBERS, naming.MODEL_ACCESSORS)
    return [(p.member, p.getter, p.setter) for p in found]


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        # a keyword inside getContinue() is no keyword: only the field is escaped
        (("continue", "podIP", "default", "hashCode"), [("continue_", "Continue"), ("podIP", "PodIP"), ("default_", "Default"), ("hashCode_", "HashCode")]),
        # getClass is Object's (final), get/setUnknownFields the model's: the property's name gets 2, 3, ...
        (("class", "unknownFields"), [("class_", "Class2"), ("unknownFields_", "UnknownFields2")]),
        # properties differing only by case or escaping: the first keeps the plain name, in document order
        (("url", "URL", "continue", "continue_"), [("url", "Url"), ("url2", "Url2"), ("continue_", "Continue"), ("continue_2", "Continue2")]),
    ],
)
def test_model_accessors(wire: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    assert _model_properties(*wire) == [(member, f"get{name}", f"set{name}") for member, name in expected]


def test_options_accessors_may_be_named_like_a_models() -> None:
    options = naming.properties(["unknownFields", "class"], naming.RESERVED_MEMBERS, naming.OBJECT_ACCESSORS)
    assert [(p.getter, p.setter) for p in options] == [("getUnknownFields", "setUnknownFields"), ("getClass2", "setClass2")]


def test_setters_never_take_a_fluent_setters_name() -> None:
    """A property `setX` has the fluent setter setX(v): the property x's setter would be the same method."""
    assert _model_properties("setX", "x") == [("setX", "getSetX", "setSetX"), ("x", "getX2", "setX2")]


@pytest.mark.parametrize(("name", "java"), [("CSIDriver", "CSIDriver"), ("io.k8s.Pod spec", "IoK8SPodSpec"), ("", "Model"), ("1x", "X1X")])
def test_type_name(name: str, java: str) -> None:
    assert naming.type_name(name) == java


def test_a_class_name_too_long_for_a_file_keeps_its_leading_words_and_a_hash_of_the_whole() -> None:
    words = [f"Segment{i}" for i in range(40)]  # 360 characters, as a deeply nested inline schema can give
    name, other = naming.type_name("".join(words)), naming.type_name("".join(words[:-1] + ["Other"]))
    assert len(name) <= naming.MAX_CLASS and name.startswith("Segment0Segment1") and name != other
    kept = name[:-8]
    assert kept in {"".join(words[:k]) for k in range(len(words))} and name == naming.type_name("".join(words))  # whole words; the same every run
    assert naming.type_name("".join(words[:20])) == "".join(words[:20])  # 170 characters stay as they are


def test_api_and_constants() -> None:
    assert naming.pascal(("rbac", "authorization", "v1", "api")) == "RbacAuthorizationV1Api"
    assert naming.constant(split_words("ClusterIP")) == "CLUSTER_IP"
    assert naming.constant(split_words("1Gi")) == "VALUE_1_GI"
    assert naming.constant(()) == "VALUE"


@pytest.mark.parametrize(("words", "segment"), [(("apps",), "apps"), (("int",), "int_"), (("con",), "con_"), (("2",), "x2"), (("..",), "x")])
def test_package_segment(words: tuple[str, ...], segment: str) -> None:
    assert naming.package_segment(words) == segment


@pytest.mark.parametrize("name", ["com.example.class", "java.kube", "a..b", "1abc", "com/example", "", "com.example.", "com.example.var"])
def test_invalid_package_names_are_refused(name: str) -> None:
    with pytest.raises(OptionError):
        naming.check_package_name(name)


def test_valid_package_name() -> None:
    assert naming.check_package_name("com.example.kube") == "com.example.kube"


def test_wrapped_call() -> None:
    assert layout.wrapped("    ", "f", ["a", "b"], ";") == "    f(a, b);"
    long = ["x" * 44, "y" * 44]
    assert layout.wrapped("    ", "call.query", long, ";") == f"    call.query(\n        {long[0]}, {long[1]});"
    longer = ["x" * 60, "y" * 60]
    assert layout.wrapped("    ", "f", longer, ";") == f"    f(\n        {longer[0]},\n        {longer[1]});"
