"""Go names: an allowlist of ASCII, Go's initialisms, never a keyword, predeclared name or vet-checked method."""

from __future__ import annotations

import pytest

from kgen.targets.go import naming


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("pod", "ips"), "PodIPs"),
        (("api", "version"), "APIVersion"),
        (("host", "ipc"), "HostIPC"),
        (("uid",), "UID"),
        (("cidrs",), "CIDRs"),
        (("v1", "beta2"), "V1Beta2"),
        (("3d", "model"), "X3dModel"),
        ((), "X"),
        (("caf\xe9",), "X"),  # not ASCII: not an identifier kgen writes
    ],
)
def test_exported(words: tuple[str, ...], expected: str) -> None:
    assert naming.exported(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [(("namespace",), "namespace"), (("type",), "type_"), (("string",), "string_"), (("min",), "min_"), (("pod", "ip"), "podIP"), (("2x",), "x2x")],
)
def test_unexported_never_shadows(words: tuple[str, ...], expected: str) -> None:
    assert naming.unexported(words) == expected
    assert naming.unexported(("client",), {"client"}) == "client_"


def test_methods_avoid_names_vet_checks() -> None:
    assert naming.method_name(("read", "byte")) == "ReadByteOp"
    assert naming.method_name(("string",)) == "StringOp"
    assert naming.method_name(("read", "namespaced", "pod")) == "ReadNamespacedPod"


def test_type_names_keep_the_spec_spelling_when_valid() -> None:
    assert naming.type_name("CSIDriver") == "CSIDriver"
    assert naming.type_name("podSpec") == "PodSpec"
    assert naming.type_name("a-b.c") == "ABC"
    assert naming.type_name("") == "Model"


@pytest.mark.parametrize(("words", "expected"), [(("core",), "core"), (("main",), "main_"), (("internal",), "internal_"), (("client",), "client_"), (("con",), "con_"), (("cert", "manager", "io"), "certmanagerio"), (("1",), "x1"), (("type",), "type_")])
def test_package_directories(words: tuple[str, ...], expected: str) -> None:
    assert naming.package_dir(words) == expected


@pytest.mark.parametrize("path", ["kube", "example.com/kube", "example.com/kube/v2", "github.com/a-b/c_d~e"])
def test_module_paths_accepted(path: str) -> None:
    assert naming.check_module_path(path) == path


@pytest.mark.parametrize("path", ["", "Kube", "a//b", "../x", "a/../b", "a b", "a/.b", "a\nb", "example.com/con", "x" * 201, "kube/"])
def test_module_paths_refused(path: str) -> None:
    with pytest.raises(ValueError):
        naming.check_module_path(path)


def test_root_package_skips_the_major_version() -> None:
    assert naming.root_package("example.com/kube/v2") == "kube"
    assert naming.root_package("example.com/my-client") == "myclient"
    assert naming.root_package("v2") == "v2"


@pytest.mark.parametrize(("name", "carried"), [("name", True), ("-", True), ("ca.crt", True), ("x-y z", True), ("caf\xe9", True), ("", False), ("a,b", False), ('a"b', False), ("a\\b", False), ("a'b", False), ("a`b", False), ("\U0001f600", False), ("\u202e", False)])
def test_json_names_follow_encoding_json(name: str, carried: bool) -> None:
    assert naming.json_name_carried(name) is carried
