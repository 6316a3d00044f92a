"""The Java runtime (templates/java/runtime) on loopback: tests/java/runtime/probe against the scripted and hostile servers.

The probe uses the runtime in place, with a hand-written codec for a tiny
ConfigMap (no generated code), and prints what it saw as JSON lines; these
tests check that, and what the servers received. The runtime and the probe
compile once per session (runtime/conftest.py); each test runs the probe once or twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import javatools
import pytest

from runtime import hostile
from runtime.server import Reply, ScriptedServer, Seen
from runtime.test_loopback import CM_PATH, _bookmark, _cm, _event, _gone


def run(classes: Path, *args: str, **env: str) -> list[dict[str, Any]]:
    result = javatools.java(classes, "probe.Probe", *args, env=env, timeout=180)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_key(lines: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: value for line in lines for key, value in line.items()}


def _status(code: int, reason: str, **more: Any) -> dict[str, Any]:
    return {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": code, "reason": reason, "message": f"{reason} it is", **more}


def _name(seen: Seen) -> str:
    return seen.path.rsplit("/", 1)[-1]


INVALID_DETAILS = {"name": "bad", "kind": "ConfigMap", "causes": [{"reason": "FieldValueInvalid", "field": "data", "message": "bad data"}]}
FAILURES = {
    "bad-request": (400, "BadRequestException"),
    "unauthorized": (401, "UnauthorizedException"),
    "forbidden": (403, "ForbiddenException"),
    "missing": (404, "NotFoundException"),
    "conflict": (409, "ConflictException"),
    "exists": (409, "AlreadyExistsException"),
    "gone": (410, "GoneException"),
    "invalid": (422, "InvalidException"),
    "broken": (500, "ServerException"),
    "teapot": (418, "ApiException"),
}


def test_java_typed_errors_retries_warnings_and_async(scripted: Any, java_probe: Path) -> None:
    throttled = iter([Reply(429, _status(429, "TooManyRequests"), headers={"Retry-After": "0"})])

    def answer(seen: Seen) -> Reply:
        name = _name(seen)
        if name in FAILURES:
            code = FAILURES[name][0]
            reason = {"exists": "AlreadyExists", "invalid": "Invalid"}.get(name, name)
            details = {"details": INVALID_DETAILS} if name == "invalid" else {}
            return Reply(code, _status(code, reason, **details), headers={"Warning": '299 - "careful"'})
        if name == "proxy-text":
            return Reply(502, b"<html>bad gateway</html>")
        if name == "throttled":
            return next(throttled, Reply(200, _cm("throttled", "3", k="v"), headers={"Warning": '299 - "v1 ConfigMap is \\"deprecated\\""'}))
        return Reply(200, _cm(name, "1"))

    server = scripted(answer)
    names = [*FAILURES, "proxy-text", "throttled", "async:missing", "async:fine"]
    results = by_key(run(java_probe, "get", server.url, *names))
    for name, (code, kind) in FAILURES.items():
        got = results[name]
        assert (got["type"], got["code"]) == (kind, code), got
        assert got["message"].startswith(f"{code} ") and f"(GET {server.url}{CM_PATH}/{name})" in got["message"]
        assert got["warnings"] == ["careful"] and "s3cret" not in got["message"]
    assert results["exists"]["reason"] == "AlreadyExists" and results["exists"]["conflict"] and results["conflict"]["conflict"]
    assert json.loads(results["invalid"]["details"]) == INVALID_DETAILS
    assert (results["proxy-text"]["type"], results["proxy-text"]["code"]) == ("ServerException", 502)
    assert "<html>bad gateway</html>" in results["proxy-text"]["message"]
    throttled_ok = results["throttled"]["ok"]
    assert (throttled_ok["name"], throttled_ok["data"]) == ("throttled", {"k": "v"})
    assert throttled_ok["warnings"][-1] == 'v1 ConfigMap is "deprecated"'  # every Warning header reached Config.onWarning
    assert results["async:missing"]["type"] == "NotFoundException" and results["async:fine"]["ok"]["name"] == "fine"
    assert [_name(s) for s in server.requests()].count("throttled") == 2  # the 429 was retried
    assert [_name(s) for s in server.requests()].count("unauthorized") == 1  # a fixed token is not sent again
    assert all(s.headers["Authorization"] == "Bearer s3cret" and s.headers["Accept-Encoding"] == "gzip" for s in server.requests())


@pytest.mark.parametrize(
    ("replies", "outcome", "posts"),
    [
        ([Reply(503, _status(503, "ServiceUnavailable"))], ("ServerException", 503), 1),  # the server may have acted
        ([Reply(503, _status(503, "ServiceUnavailable"), headers={"Retry-After": "0"})], "made", 2),
        ([Reply(429, _status(429, "TooManyRequests"))], "made", 2),
    ],
    ids=["503-not-retried", "503-retry-after", "429"],
)
def test_java_writes_are_retried_only_when_the_server_did_not_act(scripted: Any, java_probe: Path, replies: list[Reply], outcome: Any, posts: int) -> None:
    queue = iter(replies)
    server = scripted(lambda seen: next(queue, Reply(201, _cm("made", "1"))))
    (line,) = run(java_probe, "create", server.url, "made")
    if isinstance(outcome, tuple):
        assert (line["created"]["type"], line["created"]["code"]) == outcome
    else:
        assert line["created"] == {"ok": outcome}
    sent = server.requests("POST")
    assert len(sent) == posts and all(s.path == CM_PATH and s.query == {"dryRun": "All"} for s in sent)
    assert sent[0].headers["Content-Type"] == "application/json"
    assert sent[0].json() == {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "made"}, "data": {"key": 'välue "quoted"'}}


def test_java_503_without_retry_after_is_retried_for_reads(scripted: Any, java_probe: Path) -> None:
    replies = iter([Reply(503, _status(503, "ServiceUnavailable"))])
    server = scripted(lambda seen: next(replies, Reply(200, _cm("a", "1"))))
    assert by_key(run(java_probe, "get", server.url, "a"))["a"]["ok"]["name"] == "a"
    assert len(server.requests()) == 2


def test_java_delete_gives_the_object_or_the_status(scripted: Any, java_probe: Path) -> None:
    def answer(seen: Seen) -> Reply:
        if _name(seen) == "now":
            return Reply(200, {"kind": "Status", "apiVersion": "v1", "status": "Success", "code": 200, "metadata": {}})
        return Reply(200, _cm(_name(seen), "2"))

    server = scripted(answer)
    lines = run(java_probe, "delete", server.url, "now", "pending")
    assert [line["deleted"]["ok"] for line in lines] == [{"status": "Success", "code": 200}, {"object": "pending"}]
    assert [s.method for s in server.requests()] == ["DELETE", "DELETE"]


def test_java_path_arguments_are_refused_before_sending_and_values_are_encoded(scripted: Any, java_probe: Path) -> None:
    server = scripted(lambda seen: Reply(200, _cm("odd", "1")))
    lines = run(java_probe, "paths", server.url)
    paths = [line["path"] for line in lines if "path" in line]
    assert len(paths) == 7 and all(p["ok"]["refused"] for p in paths), paths
    assert 'path argument name="." is not the name of one object' in paths[2]["ok"]["error"]
    assert "path argument name=null" in paths[0]["ok"]["error"]
    assert lines[-1] == {"encoded": {"ok": "odd"}}
    (seen,) = server.requests()  # only the call with valid arguments was sent
    assert seen.path == f"{CM_PATH}/a%20b%3F%23%C3%BC"
    assert seen.query == {"labelSelector": "app in (x,y)&z=1", "limit": "5", "watch": "false"}


def test_java_limits_and_deadlines_against_a_hostile_server(scripted: Any, java_probe: Path) -> None:
    hostile.bomb()
    server = scripted(hostile.scenario)
    limits = {"PROBE_MAX_RESPONSE": str(2 << 20), "PROBE_MAX_DECOMPRESSED": str(2 << 20), "PROBE_MAX_LINE": str(1 << 20)}
    results = by_key(run(java_probe, "get", server.url, "huge", "endless", "bomb", "trickle", "decode", PROBE_TIMEOUT_MS="1000", **limits))
    huge, endless, bomb = results["huge"], results["endless"], results["bomb"]
    assert (huge["type"], huge["what"], huge["limit"]) == ("ResponseTooLargeException", "Content-Length", 2 << 20) and huge["allocated"] < 8 << 20
    assert (endless["what"], endless["limit"]) == ("the response", 2 << 20) and endless["allocated"] < 32 << 20
    assert (bomb["what"], bomb["limit"]) == ("the decompressed response", 2 << 20) and bomb["allocated"] < 32 << 20
    trickle = results["trickle"]
    assert trickle["type"] == "ConnectionException" and trickle["cause"] and "Config.timeout" in trickle["message"]
    decode = results["decode"]
    assert decode["type"] == "DecodeException" and f"decoding the response of GET {server.url}{CM_PATH}/decode (200)" in decode["message"]
    (line,) = run(java_probe, "watch", server.url, "line", **limits)
    assert (line["end"]["type"], line["end"]["what"], line["end"]["limit"]) == ("ResponseTooLargeException", "a watch event", 1 << 20)
    (stalled,) = run(java_probe, "watch", server.url, "trickle", PROBE_WATCH_IDLE_MS="1000", PROBE_RETRIES="1")
    assert stalled["end"]["type"] == "ConnectionException" and "no whole watch event within 1 s" in stalled["end"]["message"]
    assert len([s for s in server.requests() if "/namespaces/trickle/" in s.path]) == 2  # resumed once, then given up


def test_java_watch_resumes_after_a_drop_and_ends_with_gone(scripted: Any, java_probe: Path) -> None:
    streams = iter([
        Reply(events=[_event("ADDED", "a", "11"), _bookmark("15")], drop=True),
        Reply(events=[_event("MODIFIED", "a", "16"), {"type": "ERROR", "object": _gone()}]),
    ])  # fmt: skip
    server = scripted(lambda seen: next(streams))
    lines = run(java_probe, "watch", server.url, "default", "app=x")
    assert [line["event"] for line in lines[:-1]] == [
        {"type": "ADDED", "name": "a", "resourceVersion": "11"},
        {"type": "MODIFIED", "name": "a", "resourceVersion": "16"},
    ]  # the bookmark was consumed
    end = lines[-1]["end"]
    assert (end["type"], end["code"], end["reason"], end["checkpoint"]) == ("GoneException", 410, "Expired", "16")
    queries = [s.query for s in server.requests()]
    assert [q.get("resourceVersion") for q in queries] == [None, "15"]  # resumed from the bookmark: nothing lost or repeated
    assert all(q["watch"] == "true" and q["allowWatchBookmarks"] == "true" and q["labelSelector"] == "app=x" for q in queries)


def test_java_watch_refused_with_410_is_gone(scripted: Any, java_probe: Path) -> None:
    server = scripted(lambda seen: Reply(410, _gone()))
    (line,) = run(java_probe, "watch", server.url, "default")
    assert (line["end"]["type"], line["end"]["code"], line["end"]["checkpoint"]) == ("GoneException", 410, "null")


def test_java_pages_follow_continue_tokens(scripted: Any, java_probe: Path) -> None:
    pages = {None: (["a", "b"], "t1"), "t1": (["c", "d"], "t2"), "t2": (["e"], "")}

    def answer(seen: Seen) -> Reply:
        names, token = pages[seen.query.get("continue")]
        return Reply(200, {"kind": "ConfigMapList", "metadata": {"continue": token}, "items": [_cm(n, "1") for n in names]})

    server = scripted(answer)
    assert run(java_probe, "pages", server.url) == [{"pages": ["a", "b", "c", "d", "e"]}]
    assert [s.query for s in server.requests()] == [{"limit": "2"}, {"limit": "2", "continue": "t1"}, {"limit": "2", "continue": "t2"}]


def test_java_gzip_responses_are_inflated_and_a_corrupt_one_is_a_decode_error(scripted: Any, java_probe: Path) -> None:
    import gzip

    body = gzip.compress(json.dumps(_cm("zipped", "1", k="v")).encode())
    server: ScriptedServer = scripted(lambda seen: Reply(200, body if _name(seen) == "zipped" else b"not gzip", headers={"Content-Encoding": "gzip"}))
    results = by_key(run(java_probe, "get", server.url, "zipped", "corrupt"))
    assert results["zipped"]["ok"]["data"] == {"k": "v"}
    assert results["corrupt"]["type"] == "DecodeException" and "a gzip body that is corrupt (GET " in results["corrupt"]["message"]


def test_java_refused_connection_is_a_connection_exception(java_probe: Path) -> None:
    from runtime.test_runtime_safety import _closed_port

    results = by_key(run(java_probe, "get", f"http://127.0.0.1:{_closed_port()}", "a", PROBE_RETRIES="1"))
    assert results["a"]["type"] == "ConnectionException" and results["a"]["cause"]


def test_java_server_side_apply_needs_a_field_manager(scripted: Any, java_probe: Path) -> None:
    server = scripted(lambda seen: Reply(200, _cm("cm", "1")))
    (refused,) = run(java_probe, "apply", server.url, "cm")
    assert refused["applied"]["type"] == "IllegalArgumentException" and "needs a field manager" in refused["applied"]["message"]
    assert not server.requests()  # refused before sending
    assert run(java_probe, "apply", server.url, "cm", PROBE_FIELD_MANAGER="kgen-test") == [{"applied": {"ok": "cm"}}]
    (seen,) = server.requests()
    assert seen.method == "PATCH" and seen.headers["Content-Type"] == "application/apply-patch+yaml"
    assert seen.query == {"force": "true", "fieldManager": "kgen-test"}
    assert seen.json() == {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}, "data": {}}


def test_java_watch_with_timeout_seconds_ends_when_the_server_ends_it(scripted: Any, java_probe: Path) -> None:
    server = scripted(lambda seen: Reply(events=[_event("ADDED", "a", "11")]))
    lines = run(java_probe, "watch", server.url, "default", "app=x", "30")
    assert lines == [{"event": {"type": "ADDED", "name": "a", "resourceVersion": "11"}}, {"end": {"checkpoint": "11"}}]
    assert [s.query.get("timeoutSeconds") for s in server.requests()] == ["30"]  # ended: not resumed
