from __future__ import annotations

import pytest

from kgen.words import group_words, remove_run, split_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("readCoreV1NamespacedPod", ("read", "core", "v1", "namespaced", "pod")),
        ("clusterIPs", ("cluster", "ips")),
        ("podCIDRs", ("pod", "cidrs")),
        ("readStorageV1CSIDriver", ("read", "storage", "v1", "csi", "driver")),
        ("getAPIVersions", ("get", "api", "versions")),
        ("listAdmissionregistrationV1alpha1MutatingAdmissionPolicy", ("list", "admissionregistration", "v1alpha1", "mutating", "admission", "policy")),
        ("x-kubernetes-int-or-string", ("x", "kubernetes", "int", "or", "string")),
        ("$ref", ("ref",)),
        ("listOptions.labelSelector", ("list", "options", "label", "selector")),
        ("int32Value", ("int32", "value")),
        ("createOAuth2Client", ("create", "o", "auth2", "client")),  # Ory Hydra: not create_oa_uth2_client
        ("isAValidToken", ("is", "a", "valid", "token")),
        ("ODataQueryOptions", ("o", "data", "query", "options")),
        ("IPv6", ("ip", "v6")),
        ("IPv", ("ip", "v")),
        ("HTTPGetAction", ("http", "get", "action")),
        ("", ()),
        ("日本", ()),
    ],
)
def test_split_words(text: str, words: tuple[str, ...]) -> None:
    assert split_words(text) == words


def test_remove_run() -> None:
    assert remove_run(("read", "core", "v1", "pod"), ("core", "v1")) == ("read", "pod")
    assert remove_run(("get", "code", "version"), ("version",)) == ("get", "code")
    assert remove_run(("core", "v1"), ("core", "v1")) == ("core", "v1")  # never empty
    assert remove_run(("a", "b"), ("x",)) == ("a", "b")


def test_group_words_follow_the_apiserver_tags() -> None:
    assert group_words("") == ("core",)
    assert group_words("networking.k8s.io") == ("networking",)
    assert group_words("gateway.networking.k8s.io") == ("gateway", "networking")
    assert group_words("cert-manager.io") == ("cert", "manager", "io")
