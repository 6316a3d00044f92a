"""`kgen fetch` and `kgen generate --from-cluster` against a loopback API server over TLS.

The server serves /openapi/v2 and, per group/version, /openapi/v3; it
requires a bearer token (or a client certificate). What v3 adds (an enum
of a built-in type, a nullable CRD field v2 left untyped) comes back.
"""

from __future__ import annotations

import base64
import copy
import json
import socket
import ssl
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from conftest import DEMO, run_kgen
from runtime.server import Reply, ScriptedServer, Seen

TOKEN = "fetch-token"
V3_INDEX = {
    "paths": {
        "api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=A1"},
        "apis/example.com/v1": {"serverRelativeURL": "/openapi/v3/apis/example.com/v1?hash=B2"},
        "version": {"serverRelativeURL": "/openapi/v3/version?hash=C3"},
    }
}
SERVICE = "io.k8s.api.core.v1.ServiceSpec"
WIDGET = "com.example.v1.WidgetSpec"


def _v2() -> dict[str, Any]:
    """The demo document as a cluster serves it: no enum on built-in types, a nullable CRD field without its type."""
    doc = json.loads(DEMO.read_text())
    widget = next(name for name in doc["definitions"] if name.endswith(".Widget"))
    color = doc["definitions"][widget]["properties"]["spec"]["properties"]["color"]
    doc["definitions"][widget]["properties"]["spec"]["properties"]["color"] = {"description": color["description"]}
    return doc


def _v3() -> dict[str, Any]:
    doc = json.loads(DEMO.read_text())
    widget = next(name for name in doc["definitions"] if name.endswith(".Widget"))
    spec = copy.deepcopy(doc["definitions"][widget])
    spec["properties"]["spec"]["properties"]["color"]["nullable"] = True
    return {
        "api/v1": {"openapi": "3.0.0", "components": {"schemas": {SERVICE: {"type": "object", "properties": {"type": {"type": "string", "enum": ["ClusterIP", "NodePort"]}}}}}},
        "apis/example.com/v1": {"openapi": "3.0.0", "components": {"schemas": {widget: spec}}},
    }


class Cluster:
    """Answers like an apiserver: 401 without the token, the documents with it."""

    def __init__(self) -> None:
        self.v2, self.v3 = _v2(), _v3()

    def __call__(self, seen: Seen) -> Reply:
        if seen.headers.get("Authorization") != f"Bearer {TOKEN}":
            return Reply(401, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Unauthorized", "code": 401})
        if seen.path == "/openapi/v2":
            return Reply(body=self.v2)
        if seen.path == "/openapi/v3":
            return Reply(body=V3_INDEX)
        key = seen.path.removeprefix("/openapi/v3/")
        return Reply(body=self.v3[key]) if key in self.v3 else Reply(404, {"kind": "Status", "code": 404})


@pytest.fixture(scope="module")
def pki() -> dict[str, Any]:
    ca = trustme.CA()
    return {
        "ca": ca,
        "server": ca.issue_cert("127.0.0.1"),
        "internal": ca.issue_cert("kubernetes.internal"),  # reached by address, checked by tls-server-name
        "client": ca.issue_cert("fetcher@example.com"),
    }


def _tls(pki: dict[str, Any], client_certs: bool = False, cert: str = "server") -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    pki[cert].configure_cert(context)
    if client_certs:
        pki["ca"].configure_trust(context)
        context.verify_mode = ssl.CERT_REQUIRED
    return context


@pytest.fixture()
def cluster(pki: dict[str, Any]) -> Iterator[ScriptedServer]:
    with ScriptedServer(Cluster(), tls=_tls(pki)) as server:
        yield server


def _kubeconfig(path: Path, server: str, user: str, ca: bytes | None, server_name: str = "") -> Path:
    authority = f"certificate-authority-data: {base64.b64encode(ca).decode()}" if ca else ""
    if server_name:
        authority += f"\n            tls-server-name: {server_name}"
    path.write_text(textwrap.dedent(f"""
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
        - name: loopback
          cluster:
            server: {server}
            {authority}
        contexts:
        - name: test
          context: {{cluster: loopback, user: tester}}
        users:
        - name: tester
          user:
        """).lstrip() + textwrap.indent(textwrap.dedent(user).strip(), "    ") + "\n")
    return path


def test_fetch_writes_the_document_and_generating_from_it_works(tmp_path: Path, cluster: ScriptedServer, pki: dict[str, Any]) -> None:
    config = _kubeconfig(tmp_path / "kubeconfig", cluster.url, f"token: {TOKEN}", pki["ca"].cert_pem.bytes())
    (tmp_path / "victim").write_text("keep\n")
    (tmp_path / "cluster.json.kgen-tmp").symlink_to(tmp_path / "victim")  # the temporary name kgen once used
    result = run_kgen("fetch", "--kubeconfig", str(config), "-o", str(tmp_path / "cluster.json"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "victim").read_text() == "keep\n" and not list(tmp_path.glob(".cluster.json.*"))
    assert "/openapi/v3 added 1 enums, 1 nullable marks and 1 field schemas" in result.stdout
    fetched = json.loads((tmp_path / "cluster.json").read_text())
    assert fetched["definitions"][SERVICE]["properties"]["type"]["enum"] == ["ClusterIP", "NodePort"]
    assert [s.path for s in cluster.requests()] == ["/openapi/v2", "/openapi/v3", "/openapi/v3/api/v1", "/openapi/v3/apis/example.com/v1"]
    assert cluster.requests()[2].query == {"hash": "A1"}

    out = tmp_path / "out"
    result = run_kgen("generate", "--spec", str(tmp_path / "cluster.json"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "has no type" not in result.stderr
    core = (out / "kube" / "core" / "v1" / "models.py").read_text()
    assert "type: ServiceSpecType.Value | None = None" in core and '    NODE_PORT: Final = "NodePort"\n' in core
    widget = (out / "kube" / "example_com" / "v1" / "models.py").read_text()
    assert "color: WidgetSpecColor.Value | None = None" in widget

    again = tmp_path / "again"
    result = run_kgen("generate", "--from-cluster", "--kubeconfig", str(config), "--out", str(again))
    assert result.returncode == 0, result.stderr
    assert (again / "kube" / "core" / "v1" / "models.py").read_text() == core  # the same document, the same output


def test_exec_plugins_client_certificates_and_server_names_are_the_runtimes(tmp_path: Path, pki: dict[str, Any]) -> None:
    plugin = tmp_path / "credential.py"
    plugin.write_text(
        "import json\n"
        f"print(json.dumps({{'apiVersion': 'client.authentication.k8s.io/v1', 'kind': 'ExecCredential', 'status': {{'token': {TOKEN!r}}}}}))\n"
    )
    client = pki["client"]
    user = f"""
        client-certificate-data: {base64.b64encode(b"".join(p.bytes() for p in client.cert_chain_pems)).decode()}
        client-key-data: {base64.b64encode(client.private_key_pem.bytes()).decode()}
        exec:
          apiVersion: client.authentication.k8s.io/v1
          command: {sys.executable}
          args: [{plugin}]
        """
    with ScriptedServer(Cluster(), tls=_tls(pki, client_certs=True, cert="internal")) as server:
        config = _kubeconfig(tmp_path / "kubeconfig", server.url, user, pki["ca"].cert_pem.bytes(), "kubernetes.internal")
        result = run_kgen("fetch", "--kubeconfig", str(config), "-o", "-")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["swagger"] == "2.0"
        assert all(s.headers["Authorization"] == f"Bearer {TOKEN}" for s in server.requests())


def _fails(config: Path) -> str:
    result = run_kgen("fetch", "--kubeconfig", str(config), "-o", str(config.parent / "never.json"))
    assert result.returncode == 2 and not (config.parent / "never.json").exists()
    return result.stderr


def test_clear_errors(tmp_path: Path, cluster: ScriptedServer, pki: dict[str, Any]) -> None:
    ca = pki["ca"].cert_pem.bytes()
    stderr = _fails(_kubeconfig(tmp_path / "wrong-token", cluster.url, "token: nope", ca))
    assert "the server rejected the credentials (HTTP 401 Unauthorized)" in stderr and "hint:" in stderr
    stderr = _fails(_kubeconfig(tmp_path / "no-ca", cluster.url, f"token: {TOKEN}", None))
    assert "TLS: the server's certificate is not trusted" in stderr
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    stderr = _fails(_kubeconfig(tmp_path / "closed", f"http://127.0.0.1:{port}", f"token: {TOKEN}", None))
    assert "cannot reach the server" in stderr and "hint: check the server address" in stderr
    with ScriptedServer(lambda seen: Reply(200, b"<html>a web page</html>", {"Content-Type": "text/html"})) as web:
        stderr = _fails(_kubeconfig(tmp_path / "web", web.url, f"token: {TOKEN}", None))
    assert "not a Kubernetes API server" in stderr
    with ScriptedServer(lambda seen: Reply(404, {})) as web:
        stderr = _fails(_kubeconfig(tmp_path / "missing", web.url, f"token: {TOKEN}", None))
    assert "HTTP 404" in stderr and "not a Kubernetes API server" in stderr
    stderr = _fails(_kubeconfig(tmp_path / "context", cluster.url, f"token: {TOKEN}", ca).parent / "absent.yaml")
    assert "cannot use the kubeconfig" in stderr
