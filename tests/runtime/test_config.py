"""Configuration: kubeconfig merging and contexts, exec plugins, token files, in-cluster, TLS with real certificates."""

from __future__ import annotations

import base64
import ssl
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import kubeconfig_cases
import pytest
import trustme

from runtime.server import Reply, ScriptedServer, Seen

STATUS_OK = {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "a"}}


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip())
    return path


@pytest.fixture()
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(lambda seen: Reply(body=STATUS_OK)) as running:
        yield running


def _read(client: Any, server: ScriptedServer) -> Seen:
    """Read a ConfigMap in the client's namespace; what the server saw."""
    from kube.core.v1 import CoreV1Api

    CoreV1Api(client).read_namespaced_config_map("a", client.namespace)
    return server.requests()[-1]


def test_kubeconfig_files_merge_as_kubectl_merges(tmp_path: Path, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from kube import Client, load_kubeconfig

    (tmp_path / "tokens").mkdir()
    (tmp_path / "tokens" / "dev").write_text("dev-token\n")
    first = _write(tmp_path / "first.yaml", f"""
        apiVersion: v1
        kind: Config
        current-context: dev   # the first file to set it wins
        clusters:
        - name: local
          cluster:
            server: {server.url}
        contexts:
        - name: dev
          context: {{cluster: local, user: dev, namespace: team-a}}
        users:
        - name: dev
          user:
            tokenFile: tokens/dev
        """)
    second = _write(tmp_path / "second.yaml", """
        current-context: prod
        clusters:
        - name: local
          cluster:
            server: https://ignored.invalid
        contexts:
        - context:
            cluster: local
            user: "ops"
          name: prod
        users:
        - name: ops
          user:
            token: 'ops-token'
        - name: dev
          user:
            token: ignored
        preferences: {}
        """)
    monkeypatch.setenv("KUBECONFIG", f"{first}:{tmp_path / 'missing.yaml'}:{second}")
    dev = Client.from_kubeconfig()
    assert dev.namespace == "team-a" and dev.config.server == server.url
    assert _read(dev, server).headers["Authorization"] == "Bearer dev-token"
    assert _read(dev, server).path == "/api/v1/namespaces/team-a/configmaps/a"
    prod = Client.from_kubeconfig(context="prod")
    assert prod.namespace == "default"
    assert _read(prod, server).headers["Authorization"] == "Bearer ops-token"
    with pytest.raises(Exception, match='context "nope" not found'):
        load_kubeconfig(context="nope")


def _report(entry: dict[str, Any]) -> dict[str, Any]:
    """One shared kubeconfig case as the Python runtime loads it (tests/kubeconfig_cases.py)."""
    from kube import ConfigError, load_kubeconfig

    try:
        config = load_kubeconfig(None, entry["context"], exec_allowlist=entry["allowlist"], environ={"KUBECONFIG": entry["kubeconfig"]})
        authorization = config.credentials.header() if config.credentials else None
    except ConfigError as error:
        return {"error": str(error)}
    cert, key = config.client_cert or (None, None)
    assert not isinstance(cert, str) and not isinstance(key, str)
    return kubeconfig_cases.summary(
        server=config.server, namespace=config.namespace, authorization=authorization, ca=config.ca, cert=cert, key=key,
        insecure=config.insecure, tls_server_name=config.tls_server_name, proxy=config.proxy,
        shown=f"{config!r} {config} {config.credentials!r}",
    )


def test_shared_kubeconfig_cases() -> None:
    kubeconfig_cases.check("python", {entry["name"]: _report(entry) for entry in kubeconfig_cases.plan()})


def _exec_plugin(tmp_path: Path, expiry: str) -> Path:
    script = tmp_path / "plugin.py"
    script.write_text(textwrap.dedent(f"""
        import json, os, pathlib, sys
        info = json.loads(os.environ["KUBERNETES_EXEC_INFO"])
        counter = pathlib.Path(sys.argv[1])
        runs = int(counter.read_text()) + 1 if counter.exists() else 1
        counter.write_text(str(runs))
        print(json.dumps({{
            "apiVersion": info["apiVersion"],
            "kind": "ExecCredential",
            "status": {{"token": f"token-{{runs}}-{{os.environ['EXTRA']}}", "expirationTimestamp": "{expiry}"}},
        }}))
        """))
    return script


@pytest.mark.parametrize("api_version", ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"])
def test_exec_plugin_is_rerun_after_expiry(tmp_path: Path, server: ScriptedServer, api_version: str) -> None:
    from kube import Client

    script = _exec_plugin(tmp_path, "2000-01-01T00:00:00Z")  # always expired
    counter = tmp_path / "runs"
    config = _write(tmp_path / "config", f"""
        current-context: c
        clusters: [{{name: k, cluster: {{server: "{server.url}"}}}}]
        contexts: [{{name: c, context: {{cluster: k, user: u}}}}]
        users:
        - name: u
          user:
            exec:
              apiVersion: {api_version}
              command: {sys.executable}
              args: ["{script}", "{counter}"]
              env:
              - name: EXTRA
                value: x
              interactiveMode: Never
        """)
    client = Client.from_kubeconfig(str(config))
    assert [_read(client, server).headers["Authorization"] for _ in range(3)] == ["Bearer token-1-x", "Bearer token-2-x", "Bearer token-3-x"]


def test_exec_result_is_cached_until_expiry_and_refreshed_on_401(tmp_path: Path) -> None:
    from kube import Client, Config
    from kube._runtime.config import ExecCredentials

    counter = tmp_path / "runs"
    script = _exec_plugin(tmp_path, "2999-01-01T00:00:00Z")
    tokens_seen: list[str] = []

    def answer(seen: Seen) -> Reply:
        tokens_seen.append(seen.headers["Authorization"])
        if seen.headers["Authorization"] == "Bearer token-2-y" or len(tokens_seen) < 3:
            return Reply(body=STATUS_OK)
        return Reply(401, {"kind": "Status", "code": 401, "reason": "Unauthorized"})

    with ScriptedServer(answer) as running:
        credentials = ExecCredentials(sys.executable, [str(script), str(counter)], {"EXTRA": "y"})
        client = Client(Config(running.url, credentials=credentials))
        for _ in range(3):
            _read(client, running)
    assert tokens_seen == ["Bearer token-1-y", "Bearer token-1-y", "Bearer token-1-y", "Bearer token-2-y"]
    assert counter.read_text() == "2"


def test_exec_plugin_allowlist_and_failures(tmp_path: Path) -> None:
    from kube import ConfigError, load_kubeconfig

    config = _write(tmp_path / "config", """
        current-context: c
        clusters: [{name: k, cluster: {server: "https://127.0.0.1:1"}}]
        contexts: [{name: c, context: {cluster: k, user: u}}]
        users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin}}}]
        """)
    with pytest.raises(ConfigError, match="not in the allowlist"):
        load_kubeconfig(str(config), exec_allowlist=("gke-gcloud-auth-plugin",))
    loaded = load_kubeconfig(str(config))
    assert loaded.credentials.command == str(tmp_path / "bin" / "plugin")  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="could not run"):
        loaded.credentials.header()  # type: ignore[union-attr]


def test_token_file_rotation(tmp_path: Path, server: ScriptedServer) -> None:
    from kube import Client, Config
    from kube._runtime.config import TokenFile

    token = tmp_path / "token"
    token.write_text("first")
    client = Client(Config(server.url, credentials=TokenFile(token)))
    assert _read(client, server).headers["Authorization"] == "Bearer first"
    rotated = tmp_path / "token.new"
    rotated.write_text("second-longer")
    rotated.replace(token)  # as the kubelet rotates projected tokens: a new file in place
    assert _read(client, server).headers["Authorization"] == "Bearer second-longer"


def test_token_file_removed_after_loading_is_a_config_error(tmp_path: Path) -> None:
    from kube import ConfigError
    from kube._runtime.config import TokenFile

    token = tmp_path / "token"
    token.write_text("first")
    credentials = TokenFile(token)
    assert credentials.header() == "Bearer first"
    token.unlink()
    with pytest.raises(ConfigError, match=f"cannot read token file {token}: No such file"):
        credentials.header()
    token.write_text("line\nbreak")
    with pytest.raises(ConfigError, match="line break") as refused:
        credentials.header()
    assert "break" not in str(refused.value).replace("line break", "")


def test_in_cluster_config_from_service_account_directory(tmp_path: Path, server: ScriptedServer) -> None:
    from kube import Client, ConfigError, in_cluster_config

    account = tmp_path / "serviceaccount"
    account.mkdir()
    (account / "token").write_text("sa-token")
    (account / "namespace").write_text("apps\n")
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(account / "ca.crt"))
    env = {"KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"}
    config = in_cluster_config(account, env)
    assert config.server == "https://[fd00::1]:443" and config.namespace == "apps"
    assert config.ca == ca.cert_pem.bytes()
    assert config.credentials is not None and config.credentials.header() == "Bearer sa-token"
    (account / "token").write_text("sa-token-rotated")
    assert config.credentials.header() == "Bearer sa-token-rotated"
    with pytest.raises(ConfigError, match="not in a cluster"):
        in_cluster_config(account, {})
    config.server = server.url  # the same configuration, pointed at the loopback server
    client = Client(config)
    seen = _read(client, server)
    assert seen.path == "/api/v1/namespaces/apps/configmaps/a" and seen.headers["Authorization"] == "Bearer sa-token-rotated"


@pytest.fixture(scope="module")
def pki() -> dict[str, Any]:
    ca = trustme.CA()
    return {"ca": ca, "server": ca.issue_cert("127.0.0.1", "localhost"), "client": ca.issue_cert("kube-tests@example.com")}


def _tls_server(pki: dict[str, Any], require_client_cert: bool) -> ScriptedServer:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    pki["server"].configure_cert(context)
    if require_client_cert:
        pki["ca"].configure_trust(context)
        context.verify_mode = ssl.CERT_REQUIRED

    def answer(seen: Seen) -> Reply:
        return Reply(body=STATUS_OK)

    return ScriptedServer(answer, tls=context)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_tls_with_ca_data_and_client_certificate(tmp_path: Path, pki: dict[str, Any]) -> None:
    from kube import Client, NetworkError

    client_cert = pki["client"]
    cert_pem = b"".join(blob.bytes() for blob in client_cert.cert_chain_pems)
    with _tls_server(pki, require_client_cert=True) as server:
        config = _write(tmp_path / "config", f"""
            current-context: tls
            clusters:
            - name: tls
              cluster:
                server: {server.url}
                certificate-authority-data: {_b64(pki["ca"].cert_pem.bytes())}
            contexts:
            - name: tls
              context:
                cluster: tls
                user: cert
            users:
            - name: cert
              user:
                client-certificate-data: {_b64(cert_pem)}
                client-key-data: {_b64(client_cert.private_key_pem.bytes())}
            """)
        with Client.from_kubeconfig(str(config)) as client:
            assert _read(client, server).path == "/api/v1/namespaces/default/configmaps/a"
        # The same server refuses a client without a certificate.
        without = _write(tmp_path / "no-cert", config.read_text().replace("client-certificate-data", "x-unused").replace("client-key-data", "y-unused"))
        with Client.from_kubeconfig(str(without)) as client, pytest.raises(NetworkError) as refused:
            _read(client, server)
        assert isinstance(refused.value.__cause__, httpx.TransportError)
    assert not list(tmp_path.glob("**/client.pem")), "the temporary key file was removed"


def test_untrusted_server_is_refused_unless_insecure_is_set(tmp_path: Path, pki: dict[str, Any]) -> None:
    from kube import Client, NetworkError

    other_ca = trustme.CA()
    with _tls_server(pki, require_client_cert=False) as server:
        config = _write(tmp_path / "config", f"""
            current-context: c
            clusters:
            - name: k
              cluster:
                server: {server.url}
                certificate-authority-data: {_b64(other_ca.cert_pem.bytes())}
            contexts: [{{name: c, context: {{cluster: k}}}}]
            """)
        with Client.from_kubeconfig(str(config)) as client, pytest.raises(NetworkError, match="CERTIFICATE_VERIFY_FAILED") as refused:
            _read(client, server)
        assert isinstance(refused.value.__cause__, httpx.ConnectError)
        with Client(server.url) as client, pytest.raises(NetworkError):
            _read(client, server)  # the system roots do not know the test CA either
        insecure = config.read_text().replace("certificate-authority-data", "insecure-skip-tls-verify: true\n    x-unused")
        with Client.from_kubeconfig(str(_write(tmp_path / "insecure", insecure))) as client:
            assert _read(client, server).method == "GET"
