"""`kgen generate --from-cluster` and `kgen fetch` against the real kube-apiserver, with the shared CRDs installed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType

from apiserver.cluster import Cluster


def test_crds_were_installed_through_a_client_generated_from_the_cluster(server: Cluster, bootstrap: ModuleType, crds: list[str]) -> None:
    from e2eboot.apiextensions.v1 import ApiextensionsV1Api

    with bootstrap.Client.from_kubeconfig(server.kubeconfig) as client:
        listed = ApiextensionsV1Api(client).list_custom_resource_definition()
    assert sorted(crd.metadata.name for crd in listed.items) == sorted(crds)
    assert {"certificates.cert-manager.io", "httproutes.gateway.networking.k8s.io"} <= set(crds)


def test_fetch_merges_v3_and_serves_the_crds(live_document: tuple[Path, str]) -> None:
    path, printed = live_document
    document = json.loads(path.read_text("utf-8"))
    assert document["swagger"] == "2.0" and document["info"]["version"] == "1.36"
    definitions = document["definitions"]
    assert {"io.cert-manager.v1.Certificate", "io.k8s.networking.gateway.v1.HTTPRoute"} <= set(definitions)
    assert "/apis/cert-manager.io/v1/namespaces/{namespace}/certificates/{name}/status" in document["paths"]
    # A live 1.36 server's /openapi/v2 carries the enums of built-in types (the upstream swagger.json does not) ...
    assert {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"} <= set(definitions["io.k8s.api.core.v1.ServiceSpec"]["properties"]["type"]["enum"])
    # ... while a nullable CRD field comes without its type, which /openapi/v3 gives back.
    found = re.search(r"/openapi/v3 added \d+ enums, (\d+) nullable marks and (\d+) field schemas", printed)
    assert found and int(found.group(1)) >= 1 and int(found.group(2)) >= 1, printed
    note = definitions["test.kgen.v1.Widget"]["properties"]["spec"]["properties"]["note"]
    assert note["type"] == "string", note
