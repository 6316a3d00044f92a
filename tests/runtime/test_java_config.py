"""The Java runtime's configuration: the shared kubeconfig cases, exec plugins, and TLS with client certificates on loopback.

Java's TLS accepts EC keys, so client certificates are tested with RSA (PKCS#1),
EC (SEC1) and PKCS#8 keys against a server that requires them.
"""

from __future__ import annotations

import base64
import json
import os
import ssl
import sys
import textwrap
from pathlib import Path
from typing import Any

import kubeconfig_cases
import pytest
import trustme
from cryptography.hazmat.primitives import serialization

from runtime.server import Reply, ScriptedServer, Seen
from runtime.test_java_runtime import run
from runtime.test_runtime_safety import _closed_port

CONFIG_MAP = {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "a", "resourceVersion": "1"}}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _kubeconfig(path: Path, cluster: str, user: str) -> Path:
    path.write_text(
        f"current-context: c\nclusters: [{{name: k, cluster: {cluster}}}]\n"
        f"contexts: [{{name: c, context: {{cluster: k, user: u, namespace: apps}}}}]\nusers: [{{name: u, user: {user}}}]\n",
        "utf-8",
    )
    return path


def tls_server(
    ca: trustme.CA, server_names: tuple[str, ...], require_client_cert: bool, answer: Any = None, key_type: trustme.KeyType = trustme.KeyType.ECDSA
) -> ScriptedServer:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(*server_names, key_type=key_type).configure_cert(context)
    if require_client_cert:
        ca.configure_trust(context)
        context.verify_mode = ssl.CERT_REQUIRED
    return ScriptedServer(answer or (lambda seen: Reply(body=CONFIG_MAP)), tls=context)


def test_shared_kubeconfig_cases(java_probe: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(kubeconfig_cases.plan()), "utf-8")
    (reports,) = run(java_probe, "kubeconfig", str(plan))
    kubeconfig_cases.check("java", reports)


def _pkcs8(pem: bytes) -> bytes:
    key = serialization.load_pem_private_key(pem, password=None)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


@pytest.mark.parametrize(
    ("key_type", "pkcs8", "header"),
    [
        (trustme.KeyType.RSA, False, b"BEGIN RSA PRIVATE KEY"),
        (trustme.KeyType.ECDSA, False, b"BEGIN EC PRIVATE KEY"),
        (trustme.KeyType.RSA, True, b"BEGIN PRIVATE KEY"),
        (trustme.KeyType.ECDSA, True, b"BEGIN PRIVATE KEY"),
    ],
    ids=["rsa-pkcs1", "ec-sec1", "rsa-pkcs8", "ec-pkcs8"],
)
def test_client_certificate_over_tls(java_probe: Path, tmp_path: Path, key_type: trustme.KeyType, pkcs8: bool, header: bytes) -> None:
    ca = trustme.CA(key_type=key_type)
    client = ca.issue_cert("kube-tests@example.com", key_type=key_type)
    key = client.private_key_pem.bytes()
    key = _pkcs8(key) if pkcs8 else key
    assert header in key
    (tmp_path / "client.key").write_bytes(key)
    chain = b"".join(blob.bytes() for blob in client.cert_chain_pems)
    with tls_server(ca, ("127.0.0.1",), require_client_cert=True) as server:
        config = _kubeconfig(
            tmp_path / "config",
            f'{{server: "{server.url}", certificate-authority-data: {_b64(ca.cert_pem.bytes())}}}',
            f"{{client-certificate-data: {_b64(chain)}, client-key: client.key}}",  # a key file relative to the kubeconfig
        )
        assert run(java_probe, "read", str(config)) == [{"read": {"ok": "a"}}] * 2
        assert [s.path for s in server.requests()] == ["/api/v1/namespaces/apps/configmaps/a"] * 2


def test_untrusted_server_is_refused_unless_insecure_and_tls_server_name_is_checked(java_probe: Path, tmp_path: Path) -> None:
    ca, other = trustme.CA(), trustme.CA()
    with tls_server(ca, ("kube.internal",), require_client_cert=False) as server:
        trusted = f"certificate-authority-data: {_b64(ca.cert_pem.bytes())}"
        cases = {
            "untrusted": f'{{server: "{server.url}", certificate-authority-data: {_b64(other.cert_pem.bytes())}}}',
            "wrong-name": f'{{server: "{server.url}", {trusted}}}',  # the certificate names kube.internal, not 127.0.0.1
            "wrong-tls-server-name": f'{{server: "{server.url}", {trusted}, tls-server-name: other.internal}}',
            "tls-server-name": f'{{server: "{server.url}", {trusted}, tls-server-name: kube.internal}}',
            "insecure": f'{{server: "{server.url}", insecure-skip-tls-verify: true}}',
        }
        results = {name: run(java_probe, "read", str(_kubeconfig(tmp_path / name, cluster, "{token: t}")))[0]["read"] for name, cluster in cases.items()}
    for refused in ("untrusted", "wrong-name", "wrong-tls-server-name"):
        assert results[refused]["type"] == "ConnectionException" and results[refused]["cause"], results[refused]
    assert results["tls-server-name"] == {"ok": "a"} and results["insecure"] == {"ok": "a"}
    assert len(server.requests()) == 4  # two reads each for the two that connected: refused handshakes are not retried


def exec_plugin_user(tmp_path: Path, key_type: trustme.KeyType = trustme.KeyType.ECDSA) -> tuple[trustme.CA, str]:
    """A CA, and a kubeconfig user whose exec plugin gives a token (t-1-x, t-2-x, ...) and a client certificate from that CA.

    The plugin counts its runs in tmp_path/runs and checks what kubectl would give it.
    """
    ca = trustme.CA(key_type=key_type)
    client_cert = ca.issue_cert("kube-tests@example.com", key_type=key_type)
    (tmp_path / "cert.pem").write_bytes(b"".join(blob.bytes() for blob in client_cert.cert_chain_pems))
    (tmp_path / "key.pem").write_bytes(client_cert.private_key_pem.bytes())
    plugin = tmp_path / "plugin.py"
    plugin.write_text(textwrap.dedent("""\
        import json, os, pathlib, sys
        here = pathlib.Path(sys.argv[1])
        runs = here / "runs"
        count = int(runs.read_text()) + 1 if runs.exists() else 1
        runs.write_text(str(count))
        info = json.loads(os.environ["KUBERNETES_EXEC_INFO"])
        assert info["kind"] == "ExecCredential" and info["spec"]["interactive"] is False and info["spec"]["cluster"]["server"]
        status = {"token": f"t-{count}-{os.environ['EXTRA']}"}
        status.update(clientCertificateData=(here / "cert.pem").read_text(), clientKeyData=(here / "key.pem").read_text())
        print(json.dumps({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": status}))
        """), "utf-8")
    user = (
        f'{{exec: {{apiVersion: client.authentication.k8s.io/v1, command: {sys.executable}, args: ["{plugin}", "{tmp_path}"], '
        f"env: [{{name: EXTRA, value: x}}], provideClusterInfo: true, interactiveMode: Never}}}}"
    )
    return ca, user


def first_token_rejected(seen: Seen) -> Reply:
    """The ConfigMap, for any token but the plugin's first."""
    if seen.headers["Authorization"] == "Bearer t-1-x":
        return Reply(401, {"kind": "Status", "code": 401, "reason": "Unauthorized"})
    return Reply(body=CONFIG_MAP)


def exec_plugin_kubeconfig(tmp_path: Path, ca: trustme.CA, user: str, server: ScriptedServer) -> Path:
    return _kubeconfig(tmp_path / "config", f'{{server: "{server.url}", certificate-authority-data: {_b64(ca.cert_pem.bytes())}}}', user)


def test_exec_plugin_gives_token_and_client_certificate_and_is_rerun_after_401(java_probe: Path, tmp_path: Path) -> None:
    ca, user = exec_plugin_user(tmp_path)
    with tls_server(ca, ("127.0.0.1",), require_client_cert=True, answer=first_token_rejected) as server:  # the plugin's certificate is needed to connect
        assert run(java_probe, "read", str(exec_plugin_kubeconfig(tmp_path, ca, user, server))) == [{"read": {"ok": "a"}}] * 2
        assert [s.headers["Authorization"] for s in server.requests()] == ["Bearer t-1-x", "Bearer t-2-x", "Bearer t-2-x"]  # cached until rejected
    assert (tmp_path / "runs").read_text() == "2"


def test_exec_plugin_is_rerun_after_its_expiry(java_probe: Path, tmp_path: Path, scripted: Any) -> None:
    plugin = tmp_path / "plugin.py"
    plugin.write_text(textwrap.dedent("""\
        import json, pathlib, sys
        runs = pathlib.Path(sys.argv[1]) / "runs"
        count = int(runs.read_text()) + 1 if runs.exists() else 1
        runs.write_text(str(count))
        status = {"token": f"t-{count}", "expirationTimestamp": "2000-01-01T00:00:00Z"}
        print(json.dumps({"apiVersion": "client.authentication.k8s.io/v1beta1", "kind": "ExecCredential", "status": status}))
        """), "utf-8")
    server = scripted(lambda seen: Reply(body=CONFIG_MAP))
    user = f'{{exec: {{apiVersion: client.authentication.k8s.io/v1beta1, command: {sys.executable}, args: ["{plugin}", "{tmp_path}"]}}}}'
    config = _kubeconfig(tmp_path / "config", f'{{server: "{server.url}"}}', user)
    assert run(java_probe, "read", str(config)) == [{"read": {"ok": "a"}}] * 2
    assert [s.headers["Authorization"] for s in server.requests()] == ["Bearer t-1", "Bearer t-2"]  # expired: run again


def test_failing_credentials_are_not_retried(java_probe: Path, tmp_path: Path) -> None:
    """A plugin that fails fails the call at once: credentials do not heal on retry, and each run may be slow."""
    plugin = tmp_path / "plugin.py"
    plugin.write_text(textwrap.dedent("""\
        import pathlib, sys
        runs = pathlib.Path(sys.argv[1]) / "runs"
        runs.write_text(str(int(runs.read_text()) + 1 if runs.exists() else 1))
        sys.exit("the plugin broke")
        """), "utf-8")
    user = f'{{exec: {{apiVersion: client.authentication.k8s.io/v1, command: {sys.executable}, args: ["{plugin}", "{tmp_path}"]}}}}'
    config = _kubeconfig(tmp_path / "config", f'{{server: "http://127.0.0.1:{_closed_port()}"}}', user)
    lines = run(java_probe, "read", str(config))
    assert len(lines) == 2 and all(line["read"]["type"] == "ConfigException" and "the plugin broke" in line["read"]["message"] for line in lines)
    assert (tmp_path / "runs").read_text() == "2"  # one run per call


def test_in_cluster_config_and_the_default_configuration(java_probe: Path, tmp_path: Path) -> None:
    ca = trustme.CA()
    account = tmp_path / "serviceaccount"
    account.mkdir()
    (account / "token").write_text("sa-token\n", "utf-8")
    (account / "namespace").write_text("apps\n", "utf-8")
    (account / "ca.crt").write_bytes(ca.cert_pem.bytes())
    with tls_server(ca, ("127.0.0.1",), require_client_cert=False) as server:
        pod = {"KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": server.url.rsplit(":", 1)[1]}
        assert run(java_probe, "in-cluster", str(account), **pod) == [{"read": {"ok": "a"}}] * 2
        config = _kubeconfig(tmp_path / "config", f'{{server: "{server.url}", certificate-authority-data: {_b64(ca.cert_pem.bytes())}}}', "{token: from-kubeconfig}")
        from_kubeconfig = run(java_probe, "default", KUBECONFIG=f"{tmp_path / 'missing'}{os.pathsep}{config}", **pod)
        assert from_kubeconfig == [{"read": {"ok": "a"}}] * 2 + [{"default": {"ok": "done"}}]  # KUBECONFIG wins over the pod
    assert [s.headers["Authorization"] for s in server.requests()] == ["Bearer sa-token"] * 2 + ["Bearer from-kubeconfig"] * 2
    assert all(s.path == "/api/v1/namespaces/apps/configmaps/a" for s in server.requests())
    home = tmp_path / "home"  # no ~/.kube/config
    (nothing,) = run(java_probe, "default", KUBECONFIG="", KUBERNETES_SERVICE_HOST="", JAVA_TOOL_OPTIONS=f"-Duser.home={home}")
    assert nothing["default"]["type"] == "ConfigException" and "KUBECONFIG is not set" in nothing["default"]["message"]


def test_token_file_is_read_again_when_it_changes(java_probe: Path, tmp_path: Path, scripted: Any) -> None:
    token = tmp_path / "token"
    token.write_text("first-token\n", "utf-8")

    def answer(seen: Seen) -> Reply:
        token.write_text("rotated-token-longer\n", "utf-8")  # rotated after the first request
        return Reply(body=CONFIG_MAP)

    server = scripted(answer)
    config = _kubeconfig(tmp_path / "config", f'{{server: "{server.url}"}}', "{tokenFile: token}")  # relative to the kubeconfig
    assert run(java_probe, "read", str(config)) == [{"read": {"ok": "a"}}] * 2
    assert [s.headers["Authorization"] for s in server.requests()] == ["Bearer first-token", "Bearer rotated-token-longer"]
