"""The generated Go client on loopback: Go programs (tests/go/) against kmock's emulator and a scripted server.

The programs use the demo spec's Go output (module kube) and print what they
saw as JSON lines; these tests check that, and what the servers received.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import gotools
import pytest

from conftest import DEMO, generate
from runtime.emulator import Emulator
from runtime.server import Reply, Seen
from runtime.test_emulator import NEWER_CONFIG_MAP, unknown_members
from runtime.test_loopback import CM_PATH, _bookmark, _cm, _event, _gone

PROGRAMS = Path(__file__).parent.parent / "go"


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo client in Go, and the test programs built against it."""
    if reason := gotools.missing():
        pytest.skip(reason)
    out = generate(DEMO, tmp_path_factory.mktemp("demo-go"), "--target", "go")
    built = {}
    for name in ("emulator", "scripted", "unknown"):
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
    import httpx

    url = emulator[0] + "/api/v1/namespaces/default/configmaps"
    httpx.post(url, json=NEWER_CONFIG_MAP).raise_for_status()
    result = subprocess.run([str(programs["unknown"]), emulator[0]], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["replaced", "replaced item"]
    stored = httpx.get(url + "/newer").json()
    assert stored["data"] == {"mode": "c"}
    assert [o["name"] for o in stored["metadata"]["ownerReferences"]] == ["c", "a", "b"]
    assert unknown_members(stored) == unknown_members(NEWER_CONFIG_MAP)
    replaces = [json.loads(r.body) for r in emulator[1] if r.method == "PUT"]
    assert len(replaces) == 2 and all(unknown_members(body) == unknown_members(NEWER_CONFIG_MAP) for body in replaces)


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
    invalid = {
        "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Invalid", "code": 422, "message": "ConfigMap is invalid",
        "details": {"name": "bad", "kind": "ConfigMap", "causes": [{"reason": "FieldValueInvalid", "field": "data", "message": "bad data"}]},
    }  # fmt: skip
    replies = iter([
        Reply(422, invalid),
        Reply(429, {"kind": "Status", "code": 429}, headers={"Retry-After": "0"}),
        Reply(200, _cm("throttled", "3"), headers={"Warning": '299 - "v1 ConfigMap is \\"deprecated\\""'}),
    ])

    def answer(seen: Seen) -> Reply:
        return next(replies)

    server = scripted(answer)
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
