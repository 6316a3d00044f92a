"""The generated Go client on loopback: Go programs (tests/go/) against kmock's emulator and a scripted server.

The programs use the demo spec's Go output (module kube) and print what they
saw as JSON lines; these tests check that, and what the servers received.
"""

from __future__ import annotations

import base64
import json
import os
import ssl
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import gotools
import kubeconfig_cases
import pytest
import trustme
from conftest import DEMO, generate

from runtime import hostile
from runtime.emulator import Emulator
from runtime.server import Reply, ScriptedServer, Seen
from runtime.test_emulator import read_modify_replace
from runtime.test_loopback import CM_PATH, _bookmark, _cm, _event, _gone, typed_error_replies
from runtime.test_runtime_safety import _closed_port

PROGRAMS = Path(__file__).parent.parent / "go"


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo client in Go, and the test programs built against it."""
    if reason := gotools.missing():
        pytest.skip(reason)
    out = generate(DEMO, tmp_path_factory.mktemp("demo-go"), "--target", "go")
    built = {}
    for name in ("emulator", "scripted", "kubeconfig", "unknown"):
        program = gotools.program(tmp_path_factory.mktemp(name), "kube", out, (PROGRAMS / name / "main.go").read_text("utf-8"))
        gotools.go("build", "-o", name, ".", cwd=program)
        built[name] = program / name
    return built


def run(binary: Path, *args: str, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    result = subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_go_program_lists_and_watches_config_maps(emulator: tuple[str, Emulator], programs: dict[str, Path]) -> None:
    url, recorded = emulator
    lines = run(programs["emulator"], url)
    assert lines[:2] == [{"list": ["alpha", "beta", "gamma"]}, {"page": {"items": 2, "continue": "2"}}]
    events = [(e["type"], e["name"], e["data"]) for line in lines if (e := line.get("event"))]
    assert sorted(events[:3]) == [("ADDED", n, {"name": n}) for n in ("alpha", "beta", "gamma")]  # what exists when it starts
    assert events[3:] == [("ADDED", "delta", {"v": "1"}), ("MODIFIED", "delta", {"v": "2"}), ("DELETED", "delta", {"v": "2"})]
    assert {"deleted": {"object": True, "status": False}} in lines
    assert lines[-2:] == [{"missing": {"notFound": True, "code": True}}, {"duplicate": {"conflict": True}}]
    sent = list(recorded)
    watches = [r for r in sent if r.params.get("watch") == "true"]
    assert len(watches) == 1 and watches[0].params.get("allowWatchBookmarks") == "true"
    assert [r.params.get("limit") for r in sent if r.method == "GET" and "watch" not in r.params][:2] == [None, "2"]
    patch = next(r for r in sent if r.method == "PATCH")
    assert patch.headers["Content-Type"] == "application/merge-patch+json" and json.loads(patch.body) == {"data": {"v": "2"}}
    assert all(r.headers.get("Authorization") == "Bearer t0ken" for r in sent)


def test_go_keeps_unknown_fields_through_read_modify_replace(emulator: tuple[str, Emulator], programs: dict[str, Path]) -> None:
    """Members the demo spec lacks, at three depths, come back on a replace of a read object and of a list item."""
    read_modify_replace(emulator, lambda url: subprocess.run([str(programs["unknown"]), url], capture_output=True, text=True, timeout=120))


def test_go_watch_resumes_after_a_drop_and_ends_with_gone(scripted: Any, programs: dict[str, Path]) -> None:
    streams = iter([
        Reply(events=[_event("ADDED", "a", "11"), _bookmark("15")], drop=True),
        Reply(events=[_event("MODIFIED", "a", "16"), {"type": "ERROR", "object": _gone()}]),
    ])
    server = scripted(lambda seen: next(streams))
    lines = run(programs["scripted"], "watch", server.url)
    assert lines == [
        {"event": {"type": "ADDED", "name": "a", "resourceVersion": "11"}},
        {"event": {"type": "BOOKMARK", "name": "", "resourceVersion": "15"}},
        {"event": {"type": "MODIFIED", "name": "a", "resourceVersion": "16"}},
        {"end": {"gone": True, "code": 410, "checkpoint": "16"}},
    ]
    queries = [s.query for s in server.requests()]
    assert [q.get("resourceVersion") for q in queries] == [None, "15"]  # resumed from the bookmark: nothing lost or repeated
    assert all(q["watch"] == "true" and q["allowWatchBookmarks"] == "true" and q["labelSelector"] == "app=x" for q in queries)
    assert all(s.path == CM_PATH for s in server.requests())


def test_go_watch_refused_with_410_is_gone(scripted: Any, programs: dict[str, Path]) -> None:
    server = scripted(lambda seen: Reply(410, _gone()))
    assert run(programs["scripted"], "watch", server.url) == [{"end": {"gone": True, "code": 410, "checkpoint": ""}}]


def test_go_typed_errors_retries_and_warnings(scripted: Any, programs: dict[str, Path]) -> None:
    replies = typed_error_replies()
    server = scripted(lambda seen: next(replies))
    lines = run(programs["scripted"], "errors", server.url)
    invalid_line = lines[0]["invalid"]
    assert invalid_line["invalid"] and invalid_line["causes"] == [{"reason": "FieldValueInvalid", "message": "bad data", "field": "data"}]
    assert "s3cret" not in invalid_line["error"] and "422 Invalid: ConfigMap is invalid (POST " in invalid_line["error"]
    assert lines[1] == {"retried": {"name": "throttled", "warnings": ['v1 ConfigMap is "deprecated"']}}
    assert [s.method for s in server.requests()] == ["POST", "GET", "GET"]
    assert server.requests()[0].headers["Authorization"] == "Bearer s3cret"


def test_go_server_side_apply(scripted: Any, programs: dict[str, Path]) -> None:
    server = scripted(lambda seen: Reply(200, _cm("cm", "1")))
    assert run(programs["scripted"], "apply", server.url) == [
        {"refused": "server-side apply needs a field manager: set fieldManager in the options or Config.FieldManager"}
    ]
    assert not server.requests()  # refused before sending
    assert run(programs["scripted"], "apply", server.url, env={"FIELD_MANAGER": "kgen-test"}) == [{"applied": "cm"}]
    (seen,) = server.requests()
    assert seen.method == "PATCH" and seen.headers["Content-Type"] == "application/apply-patch+yaml"
    assert seen.query == {"fieldManager": "kgen-test", "force": "true"}
    assert seen.json() == {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}}


def test_go_path_arguments_limits_deadline_retries_and_error_family(scripted: Any, programs: dict[str, Path]) -> None:
    hostile.bomb()
    server = scripted(hostile.scenario)
    lines = run(programs["scripted"], "safety", server.url, f"http://127.0.0.1:{_closed_port()}")
    results: dict[str, Any] = {}
    for line in lines:
        ((key, value),) = line.items()
        results.setdefault(key, []).append(value)
    assert all(path["refused"] for path in results["path"]) and len(results["path"]) == 6
    assert 'path argument name="." is not the name of one object' in results["path"][1]["error"]
    assert not any(s.path.startswith("/api/v1/namespaces/default/pods") for s in server.requests())  # nothing sent
    (huge,), (endless,), (bomb,), (line,) = results["huge"], results["endless"], results["bomb"], results["line"]
    assert (huge["what"], huge["limit"]) == ("Content-Length", 2 << 20) and huge["allocated"] < 1 << 20
    assert (endless["what"], endless["limit"]) == ("the response", 2 << 20) and endless["allocated"] < 32 << 20
    assert (bomb["what"], bomb["limit"]) == ("the decompressed response", 2 << 20) and bomb["allocated"] < 32 << 20
    assert (line["type"], line["what"], line["limit"]) == ("ResponseTooLarge", "a watch event", 1 << 20)
    assert results["trickle"] == [{"type": "NetworkError", "method": "GET", "cause": True}]  # Config.Timeout is the deadline
    (trickling_watch,) = results["trickleWatch"]  # a watch's deadline is per event: WatchIdle
    assert trickling_watch["error"]["type"] == "NetworkError" and "no whole watch event within 1s" in trickling_watch["text"]
    assert len([s for s in server.requests() if "/namespaces/trickle/" in s.path]) == 2  # resumed once, then given up
    (decode,) = results["decode"]
    assert (decode["type"], decode["status"], decode["body"]) == ("DecodeError", 200, "{not json")
    assert results["post503"] == [{"type": "APIError", "code": 503}]
    assert [s.method for s in server.requests() if "post503" in s.path] == ["POST"]  # 503 without Retry-After: not retried
    assert results["refused"] == [{"error": {"type": "NetworkError", "method": "GET", "cause": True}, "cause": True}]
    assert results["redirect"] == [{"type": "APIError", "code": 307}]  # not followed: nothing asked of stolen
    assert not [s for s in server.requests() if s.path.endswith("/stolen")]
    (forever,), (nan,) = results["forever"], results["nan"]  # 2 retries, each after MaxWait (10 ms) at most
    assert forever["error"] == nan["error"] == {"type": "APIError", "code": 429}
    assert forever["waited"] >= 20  # 1e10 seconds is capped at MaxWait, not overflowed to no wait at all
    assert len([s for s in server.requests() if s.path.endswith(("/forever", "/nan"))]) == 6

def test_shared_kubeconfig_cases(programs: dict[str, Path], tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(kubeconfig_cases.plan()), "utf-8")
    kubeconfig_cases.check("go", run(programs["kubeconfig"], str(plan))[0])


def test_go_kubeconfig_exec_plugin_gives_token_and_client_certificate_and_is_rerun_after_401(programs: dict[str, Path], tmp_path: Path) -> None:
    ca = trustme.CA()
    client_cert = ca.issue_cert("kube-tests@example.com")
    (tmp_path / "cert.pem").write_bytes(b"".join(blob.bytes() for blob in client_cert.cert_chain_pems))
    (tmp_path / "key.pem").write_bytes(client_cert.private_key_pem.bytes())
    plugin = tmp_path / "plugin.py"
    plugin.write_text(textwrap.dedent("""\
        import json, pathlib, sys
        here = pathlib.Path(sys.argv[1])
        runs = here / "runs"
        count = int(runs.read_text()) + 1 if runs.exists() else 1
        runs.write_text(str(count))
        status = {"token": f"t-{count}", "clientCertificateData": (here / "cert.pem").read_text(), "clientKeyData": (here / "key.pem").read_text()}
        print(json.dumps({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": status}))
        """), "utf-8")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca.configure_trust(context)
    context.verify_mode = ssl.CERT_REQUIRED  # the plugin's certificate is needed to connect at all

    def answer(seen: Seen) -> Reply:
        if seen.headers["Authorization"] == "Bearer t-1":
            return Reply(401, {"kind": "Status", "code": 401, "reason": "Unauthorized"})
        return Reply(body={"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "a"}})

    with ScriptedServer(answer, tls=context) as server:
        config = tmp_path / "config"
        config.write_text(textwrap.dedent(f"""\
            current-context: c
            clusters: [{{name: k, cluster: {{server: "{server.url}", certificate-authority-data: {base64.b64encode(ca.cert_pem.bytes()).decode()}}}}}]
            contexts: [{{name: c, context: {{cluster: k, user: u, namespace: apps}}}}]
            users:
            - name: u
              user:
                exec: {{apiVersion: client.authentication.k8s.io/v1, command: {sys.executable}, args: ["{plugin}", "{tmp_path}"]}}
            """), "utf-8")
        assert run(programs["kubeconfig"], "read", str(config)) == [{"namespace": "apps", "name": "a"}] * 2
        assert [s.headers["Authorization"] for s in server.requests()] == ["Bearer t-1", "Bearer t-2", "Bearer t-2"]
        assert all(s.path == "/api/v1/namespaces/apps/configmaps/a" for s in server.requests())
    assert (tmp_path / "runs").read_text() == "2"


def test_go_failing_credentials_are_not_retried(programs: dict[str, Path], tmp_path: Path) -> None:
    """A plugin that fails fails the call at once: credentials do not heal on retry, and each run may be slow."""
    plugin = tmp_path / "plugin.py"
    plugin.write_text(textwrap.dedent("""\
        import pathlib, sys
        runs = pathlib.Path(sys.argv[1]) / "runs"
        runs.write_text(str(int(runs.read_text()) + 1 if runs.exists() else 1))
        sys.exit("the plugin broke")
        """), "utf-8")
    config = tmp_path / "config"
    config.write_text(textwrap.dedent(f"""\
        current-context: c
        clusters: [{{name: k, cluster: {{server: "http://127.0.0.1:{_closed_port()}"}}}}]
        contexts: [{{name: c, context: {{cluster: k, user: u, namespace: apps}}}}]
        users: [{{name: u, user: {{exec: {{apiVersion: client.authentication.k8s.io/v1, command: {sys.executable}, args: ["{plugin}", "{tmp_path}"]}}}}}}]
        """), "utf-8")
    lines = run(programs["kubeconfig"], "read", str(config))
    assert len(lines) == 2 and all("the plugin broke" in line["error"] for line in lines)
    assert (tmp_path / "runs").read_text() == "2"  # one run per call
