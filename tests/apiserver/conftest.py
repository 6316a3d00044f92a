"""One real kube-apiserver for the tests of this package (stopped after them), the shared CRDs installed through a client generated from it, and its document.

The order is the one a user follows: generate a client from the live
cluster (--from-cluster), install the cert-manager and Gateway API CRDs with
its apiextensions API, then fetch the document that now has them (kgen
fetch) and generate the clients the suites use from it.
"""

from __future__ import annotations

import importlib
import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from conftest import crd_dirs, run_kgen

from apiserver import cluster

# What the suites use: ConfigMaps, Deployments (strategic patch), the CRDs, cert-manager's Certificate and our Widget.
GROUPS = "core/v1,apps/v1,apiextensions.k8s.io/v1,cert-manager.io/v1,kgen.test/v1"
CRD_TIMEOUT = 60.0


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[cluster.Cluster]:
    if reason := cluster.go_missing():
        pytest.skip(reason)
    with cluster.running(tmp_path_factory.mktemp("apiserver")) as running:
        yield running


def kgen(*args: str) -> str:
    """The kgen CLI; fails the test with its stderr. What it printed on stdout."""
    result = run_kgen(*args)
    assert result.returncode == 0, result.stderr[-6000:]
    return result.stdout


def import_package(root: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(root))
    return importlib.import_module(name)


@pytest.fixture(scope="package")
def bootstrap(server: cluster.Cluster, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """A client generated with --from-cluster from the bare cluster: only what installing CRDs needs."""
    out = tmp_path_factory.mktemp("bootstrap")
    kgen("generate", "--from-cluster", "--kubeconfig", str(server.kubeconfig), "--groups", "apiextensions.k8s.io/v1", "--out", str(out), "--package-name", "e2eboot")
    return import_package(out, "e2eboot")


# A CRD of the tests' own: its nullable field loses its type in /openapi/v2, and /openapi/v3 gives it back.
WIDGETS = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.kgen.test"},
    "spec": {
        "group": "kgen.test",
        "scope": "Namespaced",
        "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
        "versions": [{
            "name": "v1", "served": True, "storage": True, "subresources": {"status": {}},
            "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                "spec": {"type": "object", "properties": {"size": {"type": "integer"}, "note": {"type": "string", "nullable": True}}},
                "status": {"type": "object", "properties": {"ready": {"type": "boolean"}}},
            }}},
        }],
    },
}  # fmt: skip


def _manifests() -> list[dict[str, Any]]:
    found = [WIDGETS]
    for directory in crd_dirs():
        for path in sorted(directory.glob("*.yaml")):
            found += [doc for doc in yaml.safe_load_all(path.read_text("utf-8")) if doc]
    return found


@pytest.fixture(scope="package")
def crds(server: cluster.Cluster, bootstrap: ModuleType) -> list[str]:
    """The shared CRDs, created with the bootstrap client and waited for until Established; their names."""
    from e2eboot.apiextensions.v1 import ApiextensionsV1Api, CustomResourceDefinition

    names = []
    with bootstrap.Client.from_kubeconfig(server.kubeconfig) as client:
        api = ApiextensionsV1Api(client)
        for manifest in _manifests():
            crd = bootstrap.decode(CustomResourceDefinition, json.dumps(manifest))
            names.append(api.create_custom_resource_definition(body=crd).metadata.name)
        deadline = time.monotonic() + CRD_TIMEOUT
        for name in names:
            while not _established(api.read_custom_resource_definition(name=name)):
                assert time.monotonic() < deadline, f"CRD {name} not Established after {CRD_TIMEOUT:.0f}s"
                time.sleep(0.2)
    return names


def _established(crd: Any) -> bool:
    conditions = (crd.status.conditions if crd.status else None) or []
    return any(c.type == "Established" and c.status == "True" for c in conditions)


@pytest.fixture(scope="package")
def live_document(server: cluster.Cluster, crds: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`kgen fetch` after the CRDs: the document, and what kgen printed about it."""
    path = tmp_path_factory.mktemp("fetched") / "cluster.json"
    _wait_for_published(server, crds)
    printed = kgen("fetch", "--kubeconfig", str(server.kubeconfig), "-o", str(path))
    return path, printed


def _wait_for_published(server: cluster.Cluster, crds: list[str]) -> None:
    """The aggregated /openapi/v2 takes a moment to include new CRDs."""
    groups = {name.split(".", 1)[1] for name in crds}
    deadline = time.monotonic() + CRD_TIMEOUT
    for attempt in itertools.count():
        status, body = server.get("/openapi/v2")
        paths = json.loads(body).get("paths", {}) if status == 200 else {}
        if all(any(p.startswith(f"/apis/{group}/") for p in paths) for group in groups):
            return
        assert time.monotonic() < deadline, f"/openapi/v2 lacks some of {sorted(groups)} after {attempt} tries"
        time.sleep(0.5)


@pytest.fixture(scope="package")
def python_client(live_document: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The Python client the suites use, generated from the fetched document; importable as `live`."""
    out = tmp_path_factory.mktemp("python-live")
    kgen("generate", "--spec", str(live_document[0]), "--lenient", "--groups", GROUPS, "--out", str(out), "--package-name", "live")
    return import_package(out, "live")
