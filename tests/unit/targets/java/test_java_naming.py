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


def test_accessors_never_clash_with_object() -> None:
    assert naming.accessor("get", naming.field_member("class")) == "getClass_"
    assert naming.accessor("set", "podIP") == "setPodIP"


@pytest.mark.parametrize(("name", "java"), [("CSIDriver", "CSIDriver"), ("io.k8s.Pod spec", "IoK8SPodSpec"), ("", "Model"), ("1x", "X1X")])
def test_type_name(name: str, java: str) -> None:
    assert naming.type_name(name) == java


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
