"""The Python runtime against what must never work: path arguments that address something else, a hostile
server, answers outside the model, connections that fail. Every failure is one of the runtime's errors."""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
import msgspec
import pytest

from runtime import hostile
from runtime.server import Reply, Seen
from runtime.test_loopback import Sleeps, _cm

T = TypeVar("T")
BAD_NAMES = ["", ".", "..", "a/b", "/", "x%2Fy", "x%2fy", None]
GENEROUS = 60.0  # a test-level bound: the call must finish instead of hanging, however slow the machine


def finishes(call: Callable[[], T]) -> T:
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result(timeout=GENEROUS)


def _status(code: int, reason: str) -> dict[str, Any]:
    return {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": code, "reason": reason}


@pytest.mark.parametrize("name", BAD_NAMES)
def test_path_arguments_that_address_something_else_are_refused_before_sending(scripted: Any, name: Any) -> None:
    from kube import Client, ClientError, InvalidPathArgument
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(body=_status(200, "")))
    with Client(server.url) as client:
        core = CoreV1Api(client)
        with pytest.raises(InvalidPathArgument) as error:
            core.delete_namespaced_pod(name, "default")
        with pytest.raises(InvalidPathArgument, match="path argument namespace="):
            core.delete_namespaced_pod("web-0", name)
    assert isinstance(error.value, ValueError) and isinstance(error.value, ClientError)
    assert error.value.name == "name" and f"name={name!r}" in str(error.value)
    assert server.requests() == []


async def test_async_path_arguments_are_refused_before_sending(scripted: Any) -> None:
    from kube import AsyncClient, InvalidPathArgument
    from kube.core.v1 import AsyncCoreV1Api

    server = scripted(lambda seen: Reply(body=_status(200, "")))
    async with AsyncClient(server.url) as client:
        for name in BAD_NAMES:
            with pytest.raises(InvalidPathArgument):
                await AsyncCoreV1Api(client).delete_namespaced_pod(name, "default")
    assert server.requests() == []


def test_names_with_dots_and_percent_signs_are_still_sent_encoded(scripted: Any) -> None:
    from kube import Client
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(body=_cm("a", "1")))
    with Client(server.url) as client:
        for name in ("...", ".a", "a..b", "50%", "%2"):
            CoreV1Api(client).read_namespaced_config_map(name, "default")
    assert [s.path.rsplit("/", 1)[1] for s in server.requests()] == ["...", ".a", "a..b", "50%25", "%252"]


def test_huge_content_length_is_refused_before_reading(scripted: Any) -> None:
    from kube import Client, ResponseTooLarge
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: hostile.huge_content_length())
    with Client(server.url) as client, pytest.raises(ResponseTooLarge, match="Content-Length exceeds the client's limit of 536870912 bytes") as error:
        finishes(lambda: CoreV1Api(client).read_namespaced_config_map("a", "default"))
    assert error.value.limit == 512 << 20 and error.value.response is not None and error.value.response.status_code == 200


def _bounded_memory(call: Callable[[], object], error: type[Exception], ceiling: int) -> Exception:
    """Runs a call that must fail with `error`, and checks the most Python memory it held at once."""
    tracemalloc.start()
    try:
        with pytest.raises(error) as raised:
            finishes(call)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < ceiling, f"held {peak} bytes at once"
    return raised.value


@pytest.mark.parametrize("attack", [hostile.endless_body, hostile.gzip_bomb])
def test_endless_and_decompressing_bodies_stop_at_the_limit(scripted: Any, attack: Callable[[], Reply]) -> None:
    from kube import Client, Limits, ResponseTooLarge
    from kube.core.v1 import CoreV1Api

    hostile.bomb()  # compressed once, outside the measurement
    server = scripted(lambda seen: attack())
    limits = Limits(response_bytes=2 << 20, decompressed_bytes=2 << 20)
    with Client(server.url, limits=limits) as client:
        error = _bounded_memory(lambda: CoreV1Api(client).read_namespaced_config_map("a", "default"), ResponseTooLarge, 16 << 20)
    assert "exceeds the client's limit of 2097152 bytes" in str(error)
    assert ("decompressed" in str(error)) == (attack is hostile.gzip_bomb)


def test_a_gzip_body_within_the_limits_is_inflated(scripted: Any) -> None:
    import gzip
    import json

    from kube import Client
    from kube.core.v1 import CoreV1Api

    body = gzip.compress(json.dumps(_cm("zipped", "7", k="v" * 3_000_000)).encode())

    def answer(seen: Seen) -> Reply:
        assert seen.headers["Accept-Encoding"] == "gzip, deflate"
        return Reply(body=body, headers={"Content-Encoding": "gzip"})

    server = scripted(answer)
    with Client(server.url) as client:
        cm = CoreV1Api(client).read_namespaced_config_map("zipped", "default")
    assert cm.metadata.name == "zipped" and cm.data == {"k": "v" * 3_000_000}


def test_a_watch_line_that_never_ends_stops_at_the_limit(scripted: Any) -> None:
    from kube import Client, Limits, ResponseTooLarge
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: hostile.endless_watch_line())
    with Client(server.url, limits=Limits(watch_line_bytes=1 << 20)) as client:
        watch = CoreV1Api(client).watch_namespaced_config_map("default")
        error = _bounded_memory(lambda: next(iter(watch)), ResponseTooLarge, 12 << 20)
    assert "a watch event exceeds the client's limit of 1048576 bytes" in str(error)
    assert len(server.requests()) == 1  # not resumed: the same server would send the same line


def test_a_trickling_response_hits_the_deadline(scripted: Any) -> None:
    from kube import Client, DeadlineExceeded, Limits, NetworkError
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: hostile.trickle())
    with (
        Client(server.url, timeout=10.0, limits=Limits(deadline=1.0)) as client,
        pytest.raises(DeadlineExceeded, match=r"did not arrive within 1.0 s \(GET http://127\.0\.0\.1:\d+/api/v1/") as error,
    ):
        finishes(lambda: CoreV1Api(client).read_namespaced_config_map("a", "default"))
    assert isinstance(error.value, NetworkError)


async def test_async_trickle_and_bomb_are_bounded(scripted: Any) -> None:
    from kube import AsyncClient, DeadlineExceeded, Limits, ResponseTooLarge
    from kube.core.v1 import AsyncCoreV1Api

    replies = iter([hostile.trickle(), hostile.gzip_bomb(), hostile.endless_watch_line()])
    server = scripted(lambda seen: next(replies))
    limits = Limits(deadline=1.0, decompressed_bytes=2 << 20, watch_line_bytes=1 << 20)
    async with AsyncClient(server.url, limits=limits) as client:
        core = AsyncCoreV1Api(client)
        with pytest.raises(DeadlineExceeded):
            await asyncio.wait_for(core.read_namespaced_config_map("a", "default"), GENEROUS)
        with pytest.raises(ResponseTooLarge, match="decompressed"):
            await asyncio.wait_for(core.read_namespaced_config_map("a", "default"), GENEROUS)
        events = core.watch_namespaced_config_map("default").__aiter__()
        with pytest.raises(ResponseTooLarge, match="watch event"):
            await asyncio.wait_for(events.__anext__(), GENEROUS)


def test_a_trickling_watch_is_resumed_then_given_up(scripted: Any) -> None:
    """A watch has no deadline as a whole; each event must be whole within watch_idle of the last."""
    from kube import Client, DeadlineExceeded, Limits, Retry
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: hostile.trickling_watch())
    sleeps = Sleeps()
    with Client(server.url, sleep=sleeps, retry=Retry(1), limits=Limits(watch_idle=1.0)) as client:
        watch = CoreV1Api(client).watch_namespaced_config_map("default")
        with pytest.raises(DeadlineExceeded, match="no whole watch event within 1.0 s"):
            finishes(lambda: next(iter(watch)))
    assert len(server.requests()) == 2 and len(sleeps.delays) == 1


@pytest.mark.parametrize(
    ("method", "status", "headers", "sent"),
    [
        ("POST", 503, {}, 1),  # a proxy may answer 503 after the server acted: not retried
        ("POST", 503, {"Retry-After": "0"}, 3),  # the server says it did not act
        ("POST", 429, {}, 3),
        ("GET", 503, {}, 3),
        ("PATCH", 503, {}, 1),
    ],
)
def test_non_idempotent_requests_are_retried_only_when_the_server_did_not_act(
    scripted: Any, method: str, status: int, headers: dict[str, str], sent: int
) -> None:
    from kube import Client, Retry, ServiceUnavailable, TooManyRequests
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(status, _status(status, "x"), headers))
    with Client(server.url, sleep=Sleeps(), retry=Retry(2)) as client, pytest.raises((ServiceUnavailable, TooManyRequests)):
        core = CoreV1Api(client)
        if method == "POST":
            core.create_namespaced_config_map("default", {"metadata": {"name": "a"}})  # type: ignore[arg-type]
        elif method == "PATCH":
            core.patch_namespaced_config_map("default", "a", {"data": {}})
        else:
            core.read_namespaced_config_map("a", "default")
    assert [s.method for s in server.requests()] == [method] * sent


def test_a_response_that_does_not_fit_the_model_is_a_decode_error_with_the_body(scripted: Any) -> None:
    from kube import Client, ClientError, DecodeError
    from kube.core.v1 import CoreV1Api

    body = b'{"kind": "ConfigMap", "metadata": {"name": 7}}'
    server = scripted(lambda seen: Reply(201, body))
    with Client(server.url) as client, pytest.raises(DecodeError) as error:
        CoreV1Api(client).create_namespaced_config_map("default", {"metadata": {"name": "a"}})  # type: ignore[arg-type]
    assert isinstance(error.value, ClientError) and isinstance(error.value.__cause__, msgspec.ValidationError)
    assert error.value.body == body and error.value.status_code == 201
    assert "ConfigMap" in str(error.value) and "$.metadata.name" in str(error.value)


def test_a_watch_event_that_is_not_json_is_a_decode_error(scripted: Any) -> None:
    from kube import Client, DecodeError
    from kube.core.v1 import CoreV1Api

    server = scripted(lambda seen: Reply(body=b"{not json}\n"))
    with Client(server.url) as client, pytest.raises(DecodeError) as error:
        next(iter(CoreV1Api(client).watch_namespaced_config_map("default", timeout_seconds=1)))
    assert error.value.body == b"{not json}" and isinstance(error.value.__cause__, msgspec.DecodeError)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_connection_is_a_network_error_with_its_cause() -> None:
    from kube import Client, ClientError, NetworkError, Retry
    from kube.core.v1 import CoreV1Api

    with Client(f"http://127.0.0.1:{_closed_port()}", retry=Retry(0)) as client, pytest.raises(NetworkError) as error:
        CoreV1Api(client).read_namespaced_config_map("a", "default")
    assert isinstance(error.value, ClientError) and isinstance(error.value.__cause__, httpx.ConnectError)
    assert error.value.method == "GET" and error.value.url.endswith("/api/v1/namespaces/default/configmaps/a")


def test_errors_never_show_the_password_of_the_server_url() -> None:
    from kube import Client, NetworkError, Retry
    from kube.core.v1 import CoreV1Api

    with Client(f"http://admin:s3cret@127.0.0.1:{_closed_port()}", retry=Retry(0)) as client, pytest.raises(NetworkError) as error:
        CoreV1Api(client).read_namespaced_config_map("a", "default")
    assert "s3cret" not in str(error.value) and "s3cret" not in error.value.url and "admin:***@" in error.value.url


async def test_async_refused_connection_is_a_network_error() -> None:
    from kube import AsyncClient, NetworkError, Retry
    from kube.core.v1 import AsyncCoreV1Api

    async with AsyncClient(f"http://127.0.0.1:{_closed_port()}", retry=Retry(0)) as client:
        with pytest.raises(NetworkError) as error:
            await AsyncCoreV1Api(client).read_namespaced_config_map("a", "default")
    assert isinstance(error.value.__cause__, httpx.ConnectError)


def test_a_reset_in_the_middle_of_a_body_is_a_network_error(scripted: Any) -> None:
    from kube import Client, NetworkError
    from kube.core.v1 import CoreV1Api

    def cut(out: Any) -> None:
        out.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")

    server = scripted(lambda seen: Reply(raw=cut))
    with Client(server.url) as client, pytest.raises(NetworkError) as error:
        CoreV1Api(client).read_namespaced_config_map("a", "default")
    assert isinstance(error.value.__cause__, httpx.TransportError)


def test_a_watch_line_over_the_limit_within_one_chunk_is_refused(scripted: Any) -> None:
    import json

    from kube import Client, Limits, ResponseTooLarge
    from kube.core.v1 import CoreV1Api

    large = {"type": "ADDED", "object": _cm("large", "2", k="v" * 5000)}
    server = scripted(lambda seen: Reply(body=json.dumps(large).encode() + b"\n"))
    with (
        Client(server.url, limits=Limits(watch_line_bytes=4096)) as client,
        pytest.raises(ResponseTooLarge, match="a watch event exceeds the client's limit of 4096 bytes"),
    ):
        list(CoreV1Api(client).watch_namespaced_config_map("default", timeout_seconds=1))
