"""What kmock does not do, against a scripted loopback server: apply, bookmarks, 410, retries, dropped watches."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from runtime.server import Reply, ScriptedServer, Seen

CM_PATH = "/api/v1/namespaces/default/configmaps"


def _cm(name: str, version: str, **data: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": "default", "resourceVersion": version}, "data": data}


def _event(kind: str, name: str, version: str) -> dict[str, Any]:
    return {"type": kind, "object": _cm(name, version)}


def _bookmark(version: str) -> dict[str, Any]:
    return {"type": "BOOKMARK", "object": {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"resourceVersion": version}}}


def typed_error_replies() -> Iterator[Reply]:
    """The errors scenario of the Go and Java programs: a 422 Invalid with one cause, a 429 to retry at once, then a ConfigMap with a Warning."""
    invalid = {
        "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Invalid", "code": 422, "message": "ConfigMap is invalid",
        "details": {"name": "bad", "kind": "ConfigMap", "causes": [{"reason": "FieldValueInvalid", "field": "data", "message": "bad data"}]},
    }  # fmt: skip
    return iter([
        Reply(422, invalid),
        Reply(429, {"kind": "Status", "code": 429}, headers={"Retry-After": "0"}),
        Reply(200, _cm("throttled", "3"), headers={"Warning": '299 - "v1 ConfigMap is \\"deprecated\\""'}),
    ])  # fmt: skip


def _gone() -> dict[str, Any]:
    return {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Expired", "code": 410, "message": "too old resource version"}


class Sleeps:
    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, delay: float) -> None:
        self.delays.append(delay)

    async def asleep(self, delay: float) -> None:
        self.delays.append(delay)


def test_server_side_apply_and_patch_types(scripted: Any) -> None:
    from kube import Client
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(body=_cm("a", "5")))
    with Client(server.url, field_manager="kube-tests") as client:
        core = CoreV1Api(client)
        core.patch_namespaced_config_map("a", "default", {"data": {"k": "v"}}, patch_type="apply", force=True)
        core.patch_namespaced_config_map("a", "default", {"data": {"k": "v"}}, patch_type="apply", field_manager="me")
        core.patch_namespaced_config_map("a", "default", [{"op": "add", "path": "/data/x", "value": "1"}], patch_type="json")
        core.patch_namespaced_config_map("a", "default", {"data": {"x": "2"}}, patch_type="strategic", dry_run="All")
        core.patch_namespaced_config_map("a", "default", {"data": {"x": "3"}})
    sent = server.requests("PATCH")
    assert [s.headers["Content-Type"] for s in sent] == [
        "application/apply-patch+yaml",
        "application/apply-patch+yaml",
        "application/json-patch+json",
        "application/strategic-merge-patch+json",
        "application/merge-patch+json",
    ]
    assert sent[0].query == {"force": "true", "fieldManager": "kube-tests"}
    assert sent[1].query == {"fieldManager": "me"}
    assert sent[2].json() == [{"op": "add", "path": "/data/x", "value": "1"}]
    assert sent[3].query == {"dryRun": "All"}


def test_apply_without_field_manager_is_refused_before_sending(scripted: Any) -> None:
    from kube import Client
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(body=_cm("a", "1")))
    with Client(server.url) as client, pytest.raises(ValueError, match="field manager"):
        CoreV1Api(client).patch_namespaced_config_map("a", "default", {}, patch_type="apply")
    assert server.requests() == []


def test_request_encoding_and_decoding(scripted: Any) -> None:
    from kube import Client
    from kube.core.v1 import CoreV1Api, Pod
    from kube.meta.v1 import Status

    def answer(seen: Seen) -> Reply:
        if seen.path.endswith("/log"):
            return Reply(body=b"line 1\nline 2\n", headers={"Content-Type": "text/plain"})
        if seen.method == "DELETE" and seen.path.endswith("/gone-at-once"):
            return Reply(body={"kind": "Status", "apiVersion": "v1", "status": "Success", "details": {"name": "gone-at-once"}})
        if seen.method == "DELETE":
            return Reply(body={"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z"}})
        return Reply(body={"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "9"}, "items": []})

    server = scripted(answer)
    with Client(server.url) as client:
        core = CoreV1Api(client)
        log = core.read_namespaced_pod_log("web 0?x#", "default", container="app", tail_lines=10, follow=False)
        assert log == "line 1\nline 2\n"
        assert isinstance(core.delete_namespaced_pod("p", "default", grace_period_seconds=0), Pod)
        status = core.delete_namespaced_pod("gone-at-once", "default")
        assert isinstance(status, Status) and status.details.name == "gone-at-once"
        core.list_namespaced_pod("default", label_selector="app=web,tier!=db", continue_="tok", limit=2)
    log_request, _, _, listing = server.requests()
    assert log_request.path == "/api/v1/namespaces/default/pods/web%200%3Fx%23/log"
    assert log_request.query == {"container": "app", "tailLines": "10", "follow": "false"}
    assert listing.query == {"labelSelector": "app=web,tier!=db", "continue": "tok", "limit": "2"}


def test_typed_errors_carry_status_and_response(scripted: Any) -> None:
    from kube import AlreadyExists, Client, Invalid
    from kube.core.v1 import CoreV1Api

    def answer(seen: Seen) -> Reply:
        name = seen.json()["metadata"]["name"]
        if name == "dup":
            return Reply(409, {"kind": "Status", "status": "Failure", "reason": "AlreadyExists", "code": 409, "message": "exists"})
        causes = [{"reason": "FieldValueInvalid", "message": "bad key", "field": "data[k k]"}]
        return Reply(422, {"kind": "Status", "status": "Failure", "reason": "Invalid", "code": 422, "details": {"causes": causes}})

    server = scripted(answer)
    with Client(server.url) as client:
        core = CoreV1Api(client)
        with pytest.raises(AlreadyExists) as exists:
            core.create_namespaced_config_map("default", {"metadata": {"name": "dup"}})  # type: ignore[arg-type]
        assert exists.value.response.status_code == 409 and "exists" in str(exists.value)
        with pytest.raises(Invalid) as invalid:
            core.create_namespaced_config_map("default", {"metadata": {"name": "bad"}})  # type: ignore[arg-type]
        assert [(c.field, c.message) for c in invalid.value.causes] == [("data[k k]", "bad key")]


def test_warning_headers_are_reported_and_kept(scripted: Any) -> None:
    from kube import ApiWarning, Client
    from kube.core.v1 import CoreV1Api

    headers = {"Warning": '299 - "unknown field \\"spec.foo\\""'}
    server = scripted(lambda seen: Reply(body=_cm("a", "1"), headers=headers))
    with Client(server.url) as client:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            CoreV1Api(client).read_namespaced_config_map("a", "default")
        assert [(w.category, str(w.message)) for w in caught] == [(ApiWarning, 'unknown field "spec.foo"')]
        assert client.last_response is not None
        assert client.last_response.warnings == ('unknown field "spec.foo"',)
        assert client.last_response.status_code == 200


def test_429_is_retried_after_retry_after(scripted: Any) -> None:
    from kube import Client
    from kube.core.v1 import CoreV1Api

    replies = iter([Reply(429, {"kind": "Status", "code": 429}, {"Retry-After": "3"}), Reply(body=_cm("a", "1"))])
    server = scripted(lambda seen: next(replies))
    sleeps = Sleeps()
    with Client(server.url, sleep=sleeps) as client:
        CoreV1Api(client).create_namespaced_config_map("default", {"metadata": {"name": "a"}})  # type: ignore[arg-type]
    assert sleeps.delays == [3.0]
    assert [s.method for s in server.requests()] == ["POST", "POST"]


def test_retry_after_is_bounded(scripted: Any) -> None:
    from kube import Client, Retry, TooManyRequests
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(429, {"kind": "Status", "code": 429, "reason": "TooManyRequests"}, {"Retry-After": "3600"}))
    sleeps = Sleeps()
    with Client(server.url, sleep=sleeps, retry=Retry(2, max_wait=10)) as client, pytest.raises(TooManyRequests):
        CoreV1Api(client).read_namespaced_config_map("a", "default")
    assert sleeps.delays == [10, 10] and len(server.requests()) == 3


def test_post_answered_500_is_not_retried(scripted: Any) -> None:
    from kube import Client, InternalError
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(500, {"kind": "Status", "code": 500, "reason": "InternalError"}))
    sleeps = Sleeps()
    with Client(server.url, sleep=sleeps) as client, pytest.raises(InternalError):
        CoreV1Api(client).create_namespaced_config_map("default", {"metadata": {"name": "a"}})  # type: ignore[arg-type]
    assert len(server.requests()) == 1 and sleeps.delays == []


def test_connection_errors_are_retried_only_when_idempotent() -> None:
    from kube import Client, NetworkError
    from kube.core.v1 import CoreV1Api

    calls: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        raise httpx.ConnectError("refused", request=request)

    sleeps = Sleeps()
    with Client("http://127.0.0.1:9", sleep=sleeps, transport=httpx.MockTransport(refuse)) as client:
        core = CoreV1Api(client)
        with pytest.raises(NetworkError) as read:
            core.read_namespaced_config_map("a", "default")
        with pytest.raises(NetworkError):
            core.create_namespaced_config_map("default", {"metadata": {"name": "a"}})  # type: ignore[arg-type]
    assert calls == ["GET"] * 6 + ["POST"] and len(sleeps.delays) == 5
    assert isinstance(read.value.__cause__, httpx.ConnectError) and "GET http://127.0.0.1:9/api/v1/" in str(read.value)


def _watch_server(scripted: Any, streams: list[Reply]) -> ScriptedServer:
    replies = iter(streams)
    return scripted(lambda seen: next(replies))


def test_dropped_watch_resumes_without_loss_or_repeat(scripted: Any) -> None:
    from kube import Client
    from kube.core.v1 import CoreV1Api

    first = [_event("ADDED", "a", "11"), _event("ADDED", "b", "12"), _bookmark("15")]
    second = [_event("MODIFIED", "a", "16"), _event("DELETED", "b", "17")]
    server = _watch_server(scripted, [Reply(events=first, drop=True), Reply(events=second, drop=True), Reply(events=[])])
    sleeps = Sleeps()
    with Client(server.url, sleep=sleeps) as client:
        watch = CoreV1Api(client).watch_namespaced_config_map("default", timeout_seconds=60)
        seen = [(e.type, e.object.metadata.name, e.object.metadata.resource_version) for e in watch]
        assert watch.resource_version == "17"
    assert seen == [("ADDED", "a", "11"), ("ADDED", "b", "12"), ("MODIFIED", "a", "16"), ("DELETED", "b", "17")]
    versions = [s.query.get("resourceVersion") for s in server.requests()]
    assert versions == [None, "15", "17"]
    assert all(s.query["watch"] == "true" and s.query["allowWatchBookmarks"] == "true" for s in server.requests())


async def test_async_dropped_watch_resumes(scripted: Any) -> None:
    from kube import AsyncClient, Bookmark, WatchEvent
    from kube.core.v1 import AsyncCoreV1Api

    first = [_event("ADDED", "a", "3"), _bookmark("4")]
    second = [_event("MODIFIED", "a", "5")]
    server = _watch_server(scripted, [Reply(events=first, drop=True), Reply(events=second)])
    sleeps = Sleeps()
    async with AsyncClient(server.url, sleep=sleeps.asleep) as client:
        watch = AsyncCoreV1Api(client).watch_namespaced_config_map("default", timeout_seconds=30)
        events = [e async for e in watch.events()]
    assert [type(e) for e in events] == [WatchEvent, Bookmark, WatchEvent]
    assert isinstance(events[1], Bookmark) and events[1].resource_version == "4"
    assert [s.query.get("resourceVersion") for s in server.requests()] == [None, "4"]


def test_gone_is_typed_and_relisting_resumes(scripted: Any) -> None:
    from kube import Client, Gone
    from kube.core.v1 import CoreV1Api

    lists = iter([
        {"kind": "ConfigMapList", "metadata": {"resourceVersion": "20", "continue": "p2"}, "items": [_cm("a", "10")]},
        {"kind": "ConfigMapList", "metadata": {"resourceVersion": "20"}, "items": [_cm("b", "11")]},
        {"kind": "ConfigMapList", "metadata": {"resourceVersion": "40"}, "items": [_cm("a", "31"), _cm("c", "32")]},
    ])
    watches = iter([
        Reply(events=[_event("MODIFIED", "a", "21"), {"type": "ERROR", "object": _gone()}]),
        Reply(events=[_event("ADDED", "d", "41")]),
    ])

    def answer(seen: Seen) -> Reply:
        return next(watches) if seen.query.get("watch") == "true" else Reply(body=next(lists))

    server = scripted(answer)
    with Client(server.url) as client:
        core = CoreV1Api(client)
        events = [(e.type, e.object.metadata.name) for e in core.watch_namespaced_config_map("default", timeout_seconds=5).relisting()]
    assert events == [
        ("ADDED", "a"), ("ADDED", "b"),  # the first list
        ("MODIFIED", "a"),  # watched
        ("MODIFIED", "a"), ("ADDED", "c"), ("DELETED", "b"),  # the relist after 410
        ("ADDED", "d"),
    ]
    queries = [s.query for s in server.requests()]
    assert queries[1]["continue"] == "p2" and queries[2]["resourceVersion"] == "20" and queries[4]["resourceVersion"] == "40"

    gone = scripted(lambda seen: Reply(410, _gone()))
    with Client(gone.url) as client, pytest.raises(Gone) as error:
        list(CoreV1Api(client).watch_namespaced_config_map("default", resource_version="1"))
    assert error.value.status.reason == "Expired"


def test_token_never_in_reprs_or_errors(scripted: Any) -> None:
    from kube import Client, Config, Unauthorized
    from kube._runtime.config import StaticToken
    from kube.core.v1 import CoreV1Api

    secret = "s3cr3t-token-value"
    server = scripted(lambda seen: Reply(401, {"kind": "Status", "code": 401, "reason": "Unauthorized", "message": "Unauthorized"}))
    config = Config(server.url, credentials=StaticToken(secret))
    with Client(config) as client, pytest.raises(Unauthorized) as error:
        CoreV1Api(client).read_namespaced_config_map("a", "default")
    texts = [repr(config), repr(config.credentials), repr(client), str(error.value), repr(error.value), repr(error.value.response)]
    assert all(secret not in text for text in texts)
    assert server.requests()[0].headers["Authorization"] == f"Bearer {secret}"
