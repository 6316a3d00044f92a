"""Custom resources through a client generated from their CRD manifests alone, against kmock's Kubernetes emulator.

Created, read, listed (across pages and namespaces), watched, patched,
replaced and deleted: namespaced cert-manager and Gateway API resources and
a cluster-scoped ClusterIssuer.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES_OBJECTS, crd_dirs, generate_crds

from runtime.emulator import Emulator

PACKAGE = "crds"


@pytest.fixture(scope="module")
def crds_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = generate_crds([str(d) for d in crd_dirs()], tmp_path_factory.mktemp("crds-client"), "--package-name", PACKAGE)
    sys.path.insert(0, str(out))
    try:
        yield out
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _fixture(name: str, cls: Any, namespace: str = "default") -> Any:
    from crds import decode

    data = json.loads((FIXTURES_OBJECTS / name).read_text())
    data["metadata"] = {"name": data["metadata"]["name"], "namespace": namespace}
    data.pop("status", None)
    return decode(cls, json.dumps(data))


def test_certificates_and_issuers(crds_client: Path, emulator: tuple[str, Emulator]) -> None:
    from crds import Client, NotFound, paginate
    from crds.cert_manager_io.v1 import Certificate, CertificateList, CertManagerIoV1Api, Issuer

    with Client(emulator[0]) as client:
        api = CertManagerIoV1Api(client)
        issuer = api.create_namespaced_issuer("default", _fixture("issuer.json", Issuer))
        assert isinstance(issuer, Issuer) and issuer.spec.acme is not None
        assert issuer.spec.acme.solvers[2].dns01.webhook.config == {"apiKeySecretRef": {"key": "key", "name": "dns-api"}, "ttl": 60, "zones": ["example.com"]}
        certificate = _fixture("certificate.json", Certificate)
        for name in ("shop", "blog", "docs"):
            certificate.metadata.name = name
            assert api.create_namespaced_certificate("default", certificate).spec.secret_name == "shop-example-com-tls"
        listed = api.list_namespaced_certificate("default")
        assert isinstance(listed, CertificateList) and sorted(c.metadata.name for c in listed.items) == ["blog", "docs", "shop"]
        assert [c.metadata.name for c in paginate(api.list_namespaced_certificate, "default", limit=2)] == ["blog", "docs", "shop"]
        assert len(api.list_certificate_for_all_namespaces().items) == 3

        patched = api.patch_namespaced_certificate("shop", "default", {"spec": {"renewBefore": "720h0m0s"}})
        assert patched.spec.renew_before == "720h0m0s" and patched.spec.dns_names == ["shop.example.com", "www.shop.example.com"]
        read = api.read_namespaced_certificate("shop", "default")
        read.spec.common_name = "store.example.com"
        assert api.replace_namespaced_certificate("shop", "default", read).spec.common_name == "store.example.com"

        deleted = api.delete_namespaced_certificate("shop", "default")
        assert isinstance(deleted, Certificate) and deleted.metadata.name == "shop"  # this server answers with the object
        with pytest.raises(NotFound):
            api.read_namespaced_certificate("shop", "default")
    sent = {(r.method, r.url.path) for r in list(emulator[1])}
    assert ("PATCH", "/apis/cert-manager.io/v1/namespaces/default/certificates/shop") in sent
    assert ("GET", "/apis/cert-manager.io/v1/certificates") in sent


def test_a_cluster_scoped_resource(crds_client: Path, emulator: tuple[str, Emulator]) -> None:
    from crds import Client
    from crds.cert_manager_io.v1 import (
        CertManagerIoV1Api,
        ClusterIssuer,
        ClusterIssuerSpec,
        ClusterIssuerSpecSelfSigned,
    )
    from crds.meta.v1 import ObjectMeta

    with Client(emulator[0]) as client:
        api = CertManagerIoV1Api(client)
        issuer = ClusterIssuer(metadata=ObjectMeta(name="self-signed"), spec=ClusterIssuerSpec(self_signed=ClusterIssuerSpecSelfSigned()))
        assert api.create_cluster_issuer(issuer).spec.self_signed is not None
        assert [i.metadata.name for i in api.list_cluster_issuer().items] == ["self-signed"]
        api.patch_cluster_issuer("self-signed", {"metadata": {"labels": {"tier": "test"}}})
        assert api.read_cluster_issuer("self-signed").metadata.labels == {"tier": "test"}
    paths = {r.url.path for r in list(emulator[1])}
    assert "/apis/cert-manager.io/v1/clusterissuers/self-signed" in paths and not any("namespaces" in p for p in paths)


def test_gateway_and_route_watched_through_changes(crds_client: Path, emulator: tuple[str, Emulator]) -> None:
    from crds import Client
    from crds.gateway_networking.v1 import Gateway, GatewayNetworkingV1Api, GatewaySpecListenersTlsMode, HTTPRoute

    with Client(emulator[0]) as client:
        api = GatewayNetworkingV1Api(client)
        seen: list[tuple[str, str, int]] = []
        watching = threading.Event()

        def watch() -> None:
            stream = api.watch_namespaced_gateway("default")
            watching.set()
            for event in stream:
                assert isinstance(event.object, Gateway)
                seen.append((event.type, event.object.metadata.name, len(event.object.spec.listeners)))
                if event.type == "DELETED":
                    return

        thread = threading.Thread(target=watch)
        thread.start()
        watching.wait(10)
        gateway = _fixture("gateway.json", Gateway)
        assert gateway.spec.listeners[1].tls.mode == GatewaySpecListenersTlsMode.TERMINATE
        api.create_namespaced_gateway("default", gateway)
        _wait_for(lambda: len(seen) >= 1)
        listeners = _plain(gateway)["spec"]["listeners"][:1]
        api.patch_namespaced_gateway("public", "default", {"spec": {"listeners": listeners}})
        _wait_for(lambda: len(seen) >= 2)
        route = api.create_namespaced_http_route("default", _fixture("httproute.json", HTTPRoute))
        assert route.spec.rules[0].backend_refs[1].weight == 10
        api.delete_namespaced_gateway("public", "default")
        thread.join(30)
    assert seen == [("ADDED", "public", 2), ("MODIFIED", "public", 1), ("DELETED", "public", 1)]


async def test_async_custom_resources(crds_client: Path, emulator: tuple[str, Emulator]) -> None:
    from crds import AsyncClient
    from crds.cert_manager_io.v1 import AsyncCertManagerIoV1Api, Certificate

    async with AsyncClient(emulator[0]) as client:
        api = AsyncCertManagerIoV1Api(client)
        await api.create_namespaced_certificate("default", _fixture("certificate.json", Certificate))
        patched = await api.patch_namespaced_certificate("shop-example-com", "default", {"spec": {"duration": "24h0m0s"}})
        assert patched.spec.duration == "24h0m0s"
        assert [c.spec.duration for c in (await api.list_namespaced_certificate("default")).items] == ["24h0m0s"]


def _plain(obj: Any) -> Any:
    from crds import to_dict

    return to_dict(obj)


def _wait_for(condition: Any) -> None:
    done = threading.Event()
    for _ in range(3000):
        if condition():
            return
        done.wait(0.01)
    raise AssertionError("condition not reached")
