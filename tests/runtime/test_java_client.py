"""The generated Java client on loopback: Java programs (tests/java/) against kmock's emulator and scripted servers.

The programs use the demo spec's Java output (package kube), compiled
warning-free with them, and print what they saw as JSON lines; these tests
check that, and what the servers received.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import javatools
import pytest
import trustme
from conftest import DEMO, generate

from runtime.emulator import Emulator
from runtime.server import Reply
from runtime.test_emulator import read_modify_replace
from runtime.test_java_config import exec_plugin_kubeconfig, exec_plugin_user, first_token_rejected, tls_server
from runtime.test_loopback import CM_PATH, _bookmark, _cm, _event, _gone, typed_error_replies

PROGRAMS = Path(__file__).parent.parent / "java"


@pytest.fixture(scope="module")
def classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo client in Java and the test programs, compiled in one javac run."""
    if reason := javatools.missing():
        pytest.skip(reason)
    out = generate(DEMO, tmp_path_factory.mktemp("demo-java"), "--target", "java", "--package-name", "kube")
    programs = [PROGRAMS / name / f"{name.title()}Program.java" for name in ("emulator", "scripted", "unknown")]
    built = tmp_path_factory.mktemp("classes")
    javatools.javac([*programs, *javatools.sources(out / "src" / "main" / "java")], built)
    return built


def run(classes: Path, main: str, *args: str) -> list[dict[str, Any]]:
    result = javatools.java(classes, main, *args, timeout=120)
    assert result.returncode == 0, result.stderr[-4000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


Run = Callable[..., list[dict[str, Any]]]  # (program, *args) -> the JSON lines it printed


def check_emulator_program(lines: list[dict[str, Any]], emulator: tuple[str, Emulator]) -> None:
    """What a client's emulator program (Java, C#) printed, and what the emulator received."""
    recorded = emulator[1]
    assert lines[:2] == [{"list": ["alpha", "beta", "gamma"]}, {"page": {"items": 2, "continue": "2"}}]
    events = [(e["type"], e["name"], e["data"]) for line in lines if (e := line.get("event"))]
    assert sorted(events[:3]) == [("ADDED", n, {"name": n}) for n in ("alpha", "beta", "gamma")]  # what exists when it starts
    assert events[3:] == [
        ("ADDED", "delta", {"v": "1"}), ("MODIFIED", "delta", {"v": "2"}), ("MODIFIED", "delta", {"v": "3"}), ("DELETED", "delta", {"v": "3"}),
    ]  # fmt: skip
    assert {"deleted": {"object": True, "status": False}} in lines
    assert lines[-2:] == [{"missing": {"notFound": True, "code": 404}}, {"duplicate": {"conflict": True, "code": 409}}]
    sent = list(recorded)
    watches = [r for r in sent if r.params.get("watch") == "true"]
    assert len(watches) == 1 and watches[0].params.get("allowWatchBookmarks") == "true"
    assert [r.params.get("limit") for r in sent if r.method == "GET" and "watch" not in r.params][:2] == [None, "2"]
    (replace,) = [r for r in sent if r.method == "PUT"]
    assert json.loads(replace.body)["data"] == {"v": "2"}
    (patch,) = [r for r in sent if r.method == "PATCH"]
    assert patch.headers["Content-Type"] == "application/merge-patch+json" and json.loads(patch.body) == {"data": {"v": "3"}}
    assert all(r.headers.get("Authorization") == "Bearer t0ken" for r in sent)


def check_watch_resumes_after_a_drop_and_ends_with_gone(scripted: Any, run: Run) -> None:
    streams = iter([
        Reply(events=[_event("ADDED", "a", "11"), _bookmark("15")], drop=True),
        Reply(events=[_event("MODIFIED", "a", "16"), {"type": "ERROR", "object": _gone()}]),
    ])  # fmt: skip
    server = scripted(lambda seen: next(streams))
    assert run("watch", server.url) == [
        {"event": {"type": "ADDED", "name": "a", "resourceVersion": "11"}},
        {"event": {"type": "MODIFIED", "name": "a", "resourceVersion": "16"}},
        {"end": {"gone": True, "code": 410}},
    ]  # the bookmark is consumed by the watch, to resume from
    queries = [s.query for s in server.requests()]
    assert [q.get("resourceVersion") for q in queries] == [None, "15"]  # resumed from the bookmark: nothing lost or repeated
    assert all(q["watch"] == "true" and q["allowWatchBookmarks"] == "true" and q["labelSelector"] == "app=x" for q in queries)
    assert all(s.path == CM_PATH for s in server.requests())


def check_watch_refused_with_410_is_gone(scripted: Any, run: Run) -> None:
    server = scripted(lambda seen: Reply(410, _gone()))
    assert run("watch", server.url) == [{"end": {"gone": True, "code": 410}}]


def check_server_side_apply(scripted: Any, run: Run) -> None:
    server = scripted(lambda seen: Reply(200, _cm("cm", "1")))
    assert run("apply", server.url) == [{"applied": "cm"}]
    (seen,) = server.requests()
    assert seen.method == "PATCH" and seen.headers["Content-Type"] == "application/apply-patch+yaml"
    assert seen.query == {"fieldManager": "kgen-test", "force": "true"}
    assert seen.json() == {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}}


def check_typed_errors_retries_and_warnings(scripted: Any, run: Run) -> None:
    replies = typed_error_replies()
    server = scripted(lambda seen: next(replies))
    invalid_line, retried = run("errors", server.url)
    assert invalid_line["invalid"]["code"] == 422 and invalid_line["invalid"]["reason"] == "Invalid"
    assert invalid_line["invalid"]["causes"] == [{"reason": "FieldValueInvalid", "field": "data", "message": "bad data"}]  # StatusDetails, typed
    assert "s3cret" not in invalid_line["invalid"]["error"] and "ConfigMap is invalid" in invalid_line["invalid"]["error"]
    assert retried == {"retried": {"name": "throttled", "warnings": ['v1 ConfigMap is "deprecated"']}}
    assert [s.method for s in server.requests()] == ["POST", "GET", "GET"]  # the 429 retried after its Retry-After; the 422 not
    assert all(s.headers["Authorization"] == "Bearer s3cret" for s in server.requests())


def check_kubeconfig_with_an_exec_plugin(tmp_path: Path, run: Run, key_type: trustme.KeyType = trustme.KeyType.ECDSA) -> None:
    """The plugin's token and client certificate, which the server requires, carry both reads over TLS;
    its first token, rejected, makes it run again."""
    ca, user = exec_plugin_user(tmp_path, key_type)
    with tls_server(ca, ("127.0.0.1",), require_client_cert=True, answer=first_token_rejected, key_type=key_type) as server:
        config = exec_plugin_kubeconfig(tmp_path, ca, user, server)
        assert run("kubeconfig", str(config)) == [{"read": {"namespace": "apps", "name": "a"}}] * 2


def test_java_program_creates_lists_patches_watches_and_deletes(emulator: tuple[str, Emulator], classes: Path) -> None:
    check_emulator_program(run(classes, "EmulatorProgram", emulator[0]), emulator)


def test_java_watch_resumes_after_a_drop_and_ends_with_gone(scripted: Any, classes: Path) -> None:
    check_watch_resumes_after_a_drop_and_ends_with_gone(scripted, lambda *args: run(classes, "ScriptedProgram", *args))


def test_java_watch_refused_with_410_is_gone(scripted: Any, classes: Path) -> None:
    check_watch_refused_with_410_is_gone(scripted, lambda *args: run(classes, "ScriptedProgram", *args))


def test_java_server_side_apply(scripted: Any, classes: Path) -> None:
    check_server_side_apply(scripted, lambda *args: run(classes, "ScriptedProgram", *args))


def test_java_keeps_unknown_fields_through_read_modify_replace(emulator: tuple[str, Emulator], classes: Path) -> None:
    """Members the demo spec lacks, at three depths, come back on a replace of a read object and of a list item."""
    read_modify_replace(emulator, lambda url: javatools.java(classes, "UnknownProgram", url, timeout=120))


def test_java_typed_errors_retries_and_warnings(scripted: Any, classes: Path) -> None:
    check_typed_errors_retries_and_warnings(scripted, lambda *args: run(classes, "ScriptedProgram", *args))


def test_java_client_through_a_kubeconfig_with_an_exec_plugin_and_a_client_certificate(classes: Path, tmp_path: Path) -> None:
    check_kubeconfig_with_an_exec_plugin(tmp_path, lambda *args: run(classes, "ScriptedProgram", *args))
