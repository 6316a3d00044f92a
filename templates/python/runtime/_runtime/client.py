# kgen:header
"""HTTP clients: Ops and the arguments of generated methods in, typed results out."""

from __future__ import annotations

import asyncio
import difflib
import email.utils
import functools
import importlib
import os
import re
import ssl
import time
import warnings
import zlib
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
    Mapping,
    Sequence,
)
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote

import httpx
import msgspec

from kgen.templates.python.runtime._runtime.api import Op
from kgen.templates.python.runtime._runtime.config import (
    Config,
    Credentials,
    in_cluster_config,
    load_kubeconfig,
    redact_url,
)
from kgen.templates.python.runtime._runtime.errors import (
    ApiWarning,
    DeadlineExceeded,
    DecodeError,
    InvalidPathArgument,
    NetworkError,
    Response,
    ResponseTooLarge,
    error_from_response,
)
from kgen.templates.python.runtime._runtime.model import decode, encode
from kgen.templates.python.runtime._runtime.watch import AsyncWatch, Watch

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["AsyncClient", "Client", "Limits", "Retry"]

T = TypeVar("T")

PATCH_CONTENT_TYPES = {
    "json": "application/json-patch+json",
    "merge": "application/merge-patch+json",
    "strategic": "application/strategic-merge-patch+json",
    "apply": "application/apply-patch+yaml",
}
_IDEMPOTENT = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "DELETE"))
_RETRIED_STATUS = frozenset((429, 503))
_SEPARATORS = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}
_WARNING = re.compile(r'\d{3} \S+ "((?:[^"\\]|\\.)*)"')
_ESCAPED = re.compile(r"\\(.)")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Inflating a compressed body in steps of this size keeps a gzip bomb from expanding at once.
_INFLATE_STEP = 1 << 20
_MIB = 1 << 20


class Limits:
    """What a server can make one call hold in memory, or wait for.

    `response_bytes` bounds a body as it arrives (a larger Content-Length is
    refused before reading), `decompressed_bytes` the same body inflated (gzip
    bombs), `watch_line_bytes` one event of a watch, and `deadline` the
    seconds from sending a request to its last byte (None: no deadline).
    The deadline is checked as each part of the body arrives, and each single
    wait is bounded by the client's timeout. A watch is long-lived, so its
    deadline is per event instead: each must be whole within `watch_idle`
    seconds (or timeout_seconds + 30) of the one before, else the watch
    resumes on a new connection.
    """

    def __init__(
        self,
        *,
        response_bytes: int = 512 * _MIB,
        decompressed_bytes: int = 512 * _MIB,
        watch_line_bytes: int = 16 * _MIB,
        deadline: float | None = 60.0,
        watch_idle: float = 300.0,
    ) -> None:
        self.response_bytes = response_bytes
        self.decompressed_bytes = decompressed_bytes
        self.watch_line_bytes = watch_line_bytes
        self.deadline = deadline
        self.watch_idle = watch_idle

    def __repr__(self) -> str:
        return (
            f"Limits(response_bytes={self.response_bytes},"
            f" decompressed_bytes={self.decompressed_bytes},"
            f" watch_line_bytes={self.watch_line_bytes}, deadline={self.deadline},"
            f" watch_idle={self.watch_idle})"
        )


# A watch streams for as long as it lasts: its whole is not bounded, each event is (watch_line_bytes).
_STREAMED = Limits(response_bytes=1 << 62, decompressed_bytes=1 << 62, deadline=None)


class Retry:
    """When a request is sent again, and after how long.

    429, and 503 with a Retry-After, mean the server did not act, so any
    method is retried, after the Retry-After the server asked for (capped at
    `max_wait`) or else an exponential backoff. A 503 without Retry-After
    (which a proxy may send after the server acted) and connection errors are
    retried for idempotent methods only; nothing else is (a POST answered 500
    may have been carried out).
    """

    def __init__(
        self, attempts: int = 5, *, max_wait: float = 30.0, backoff: float = 0.5
    ) -> None:
        self.attempts = attempts
        self.max_wait = max_wait
        self.backoff = backoff

    def backoff_delay(self, attempt: int) -> float:
        return float(min(self.max_wait, self.backoff * 2**attempt))

    def after_response(self, attempt: int, response: httpx.Response) -> float | None:
        if attempt >= self.attempts or response.status_code not in _RETRIED_STATUS:
            return None
        after = _retry_after(response.headers.get("retry-after"))
        if (
            after is None
            and response.status_code == 503
            and response.request.method not in _IDEMPOTENT
        ):
            return None
        return (
            self.backoff_delay(attempt) if after is None else min(self.max_wait, after)
        )

    def after_error(self, attempt: int, method: str, error: Exception) -> float | None:
        if attempt >= self.attempts or method not in _IDEMPOTENT:
            return None
        if not isinstance(error, (httpx.TransportError, NetworkError)):
            return None
        if _tls_failure(error):
            return None
        return self.backoff_delay(attempt)

    def after_stream_error(self, attempt: int, error: Exception) -> float | None:
        """A watch resumes after a dropped or silent connection, never after an API error."""
        return self.after_error(attempt, "GET", error)


def _tls_failure(error: BaseException) -> bool:
    """A certificate the peer refused (or that we did) stays refused: no retry."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds, or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


@functools.lru_cache(maxsize=1024)
def _camel(name: str) -> str:
    """The wire name of a query argument, spelled as msgspec's rename="camel" spells fields."""
    parts = [p for p in name.rstrip("_").split("_") if p]
    return (
        parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else name
    )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _query_items(name: str, value: Any, style: str) -> list[tuple[str, str]]:
    if not isinstance(value, (list, tuple)):
        return [(name, _text(value))]
    values = cast("Sequence[Any]", value)
    if style == "multi":
        return [(name, _text(v)) for v in values]
    return [(name, _SEPARATORS.get(style, ",").join(_text(v) for v in values))]


class _Plan:
    """An Op prepared once: its path split at the placeholders, and what its responses hold."""

    __slots__ = ("pieces", "accept", "options")

    def __init__(self, op: Op[Any]) -> None:
        attrs = {wire: attr for attr, wire in op.wire.items()}
        parts = _PLACEHOLDER.split(op.path)
        # Even positions are literal text, odd ones the argument filling a placeholder.
        self.pieces = [
            p if i % 2 == 0 else attrs.get(p, p) for i, p in enumerate(parts)
        ]
        self.accept = (
            "*/*" if op.decode is str or op.decode is bytes else "application/json"
        )
        self.options: frozenset[str] = frozenset()
        if op.query is not None:
            queries = importlib.import_module("kgen.templates.python.runtime._queries")
            options = getattr(queries, op.query)
            self.options = options.__required_keys__ | options.__optional_keys__

    def check(self, args: Mapping[str, Any]) -> None:
        """Refuse a keyword the operation does not take: a server would ignore it silently."""
        query: Mapping[str, Any] = args.get("query") or {}
        for name in query:
            if name not in self.options:
                close = difflib.get_close_matches(name, self.options, 1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise TypeError(f"unexpected keyword argument {name!r}{hint}")

    def path(self, args: Mapping[str, Any]) -> str:
        out: list[str] = []
        for i, piece in enumerate(self.pieces):
            if i % 2 == 0:
                out.append(piece)
                continue
            out.append(quote(_path_argument(piece, args[piece]), safe=""))
        return "".join(out)


def _path_argument(name: str, value: Any) -> str:
    """The text of a path argument that names one object, never a parent or every sibling."""
    text = "" if value is None else _text(value)
    if text in ("", ".", "..") or "/" in text or "%2f" in text.lower():
        raise InvalidPathArgument(name, value)
    return text


def _plan(op: Op[Any]) -> _Plan:
    plan = op.plan
    if plan is None:
        plan = op.plan = _Plan(op)
    return plan  # type: ignore[no-any-return]


def _request_parts(
    op: Op[Any], args: Mapping[str, Any], field_manager: str | None
) -> dict[str, Any]:
    """Method, URL, query, headers and body of one call, as httpx takes them."""
    plan = _plan(op)
    headers = {"Accept": plan.accept}
    params: list[tuple[str, str]] = []
    form: dict[str, list[str]] = {}
    values = [(name, args[name]) for name in op.args]
    values += (args.get("query") or {}).items()
    for attr, value in values:
        if value is None:
            continue
        wire = op.wire.get(attr) or _camel(attr)
        if attr in op.headers:
            headers[wire] = _text(value)
        elif attr in op.form:
            for key, text in _query_items(wire, value, op.formats.get(attr, "csv")):
                form.setdefault(key, []).append(text)
        else:
            params += _query_items(wire, value, op.formats.get(attr, "csv"))
    if op.patch:
        patch_type = args.get("patch_type") or "merge"
        headers["Content-Type"] = PATCH_CONTENT_TYPES[patch_type]
        if patch_type == "apply" and not any(k == "fieldManager" for k, _ in params):
            if not field_manager:
                raise ValueError(
                    "server-side apply needs a field manager: pass field_manager=..."
                    " or create the client with field_manager=..."
                )
            params.append(("fieldManager", field_manager))
    body = args.get("body")
    content = None
    if body is not None:
        content = encode(body)
        headers.setdefault("Content-Type", "application/json")
    return {
        "method": op.method,
        "url": plan.path(args),
        "params": params,
        "headers": headers,
        "content": content,
        "data": form or None,
    }


def _warnings(response: httpx.Response) -> tuple[str, ...]:
    texts: list[str] = []
    for header in response.headers.get_list("warning"):
        texts += [_ESCAPED.sub(r"\1", m) for m in _WARNING.findall(header)]
    return tuple(texts)


class _Kind(msgspec.Struct):
    kind: str | None = None


_kind = msgspec.json.Decoder(_Kind)


def _inflater(response: httpx.Response) -> Any:
    """A decompressor for the body's Content-Encoding, or None when it is sent as it is."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


class _Content:
    """A response body as it arrives: inflated in bounded steps, within the client's limits.

    Content-Length is only compared with the limit, never used to allocate:
    a server can announce gigabytes and send nothing.
    """

    def __init__(
        self,
        response: httpx.Response,
        limits: Limits,
        deadline: float | None,
    ) -> None:
        self.response = response
        self.limits = limits
        self.deadline = deadline
        self.received = 0
        self.size = 0
        self.body = bytearray()
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limits.response_bytes:
            raise self.too_large("Content-Length", limits.response_bytes)
        try:
            self.inflate = _inflater(response)
        except ValueError as error:
            raise DecodeError(str(error), _account(response, ()), b"") from None

    def add(self, chunk: bytes) -> None:
        """Keep a raw chunk of the body, inflated."""
        for piece in self.pieces(chunk):
            self.body += piece

    def pieces(self, chunk: bytes) -> Generator[bytes, None, None]:
        """A raw chunk as content, in pieces no larger than what the limits still allow."""
        self.received += len(chunk)
        if self.received > self.limits.response_bytes:
            raise self.too_large("the response", self.limits.response_bytes)
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise DeadlineExceeded(
                f"the response did not arrive within {self.limits.deadline} s",
                self.response.request.method,
                str(self.response.request.url),
            )
        if self.inflate is None:
            yield chunk
            return
        data = chunk
        while data:
            try:
                piece = self.inflate.decompress(data, _INFLATE_STEP)
            except zlib.error as error:
                account = _account(self.response, ())
                raise DecodeError(
                    f"the compressed body is corrupt: {error}", account, bytes(chunk)
                ) from error
            self.size += len(piece)
            if self.size > self.limits.decompressed_bytes:
                limit = self.limits.decompressed_bytes
                raise self.too_large("the decompressed response", limit)
            yield piece
            data = self.inflate.unconsumed_tail

    def too_large(self, what: str, limit: int) -> ResponseTooLarge:
        return ResponseTooLarge(what, limit, _account(self.response, ()))


def _account(response: httpx.Response, texts: tuple[str, ...]) -> Response:
    """What errors keep of a response: never the request's credentials."""
    request = response.request
    return Response(
        request.method,
        redact_url(str(request.url)),
        response.status_code,
        response.headers,
        texts,
    )


def _pieces(response: httpx.Response, content: _Content) -> Iterator[bytes]:
    """A streamed body as content; a broken connection is a NetworkError."""
    try:
        for chunk in response.iter_raw():
            yield from content.pieces(chunk)
    except httpx.TransportError as error:
        raise _network_error(response.request, error) from error


async def _apieces(response: httpx.Response, content: _Content) -> AsyncIterator[bytes]:
    """The asyncio twin of _pieces."""
    try:
        async for chunk in response.aiter_raw():
            for piece in content.pieces(chunk):
                yield piece
    except httpx.TransportError as error:
        raise _network_error(response.request, error) from error


def _network_error(request: httpx.Request, error: Exception) -> NetworkError:
    text = str(error) or type(error).__name__
    return NetworkError(text, request.method, redact_url(str(request.url)))


def _decode(op: Op[T], response: httpx.Response, body: bytes | bytearray) -> T:
    target: Any = op.decode
    if target is str:
        text: Any = bytes(body).decode(response.encoding or "utf-8", "replace")
        return text  # type: ignore[no-any-return]
    if target is bytes:
        return bytes(body)  # type: ignore[return-value]
    if target is type(None):
        return None  # type: ignore[return-value]
    if op.or_status is not None and _kind.decode(body).kind == "Status":
        return decode(op.or_status, body)  # type: ignore[no-any-return]
    return decode(target, body)  # type: ignore[no-any-return]


def _type_name(target: Any) -> str:
    return getattr(target, "__name__", None) or str(target)


class _Base:
    """What the sync and asyncio clients share: configuration, and reading responses."""

    def __init__(
        self,
        config: Config | str,
        timeout: float | httpx.Timeout,
        retry: Retry | None,
        field_manager: str | None,
        limits: Limits | None,
    ) -> None:
        self.config = Config(config) if isinstance(config, str) else config
        self.retry = retry or Retry()
        self.limits = limits or Limits()
        self.field_manager = field_manager
        self.timeout = httpx.Timeout(timeout)
        self._last: ContextVar[Response | None] = ContextVar(
            "last_response", default=None
        )

    @property
    def namespace(self) -> str:
        """The namespace of the configured context ("default" when it names none)."""
        return self.config.namespace

    @property
    def last_response(self) -> Response | None:
        """The response to the last call made in this thread or task: status, headers, warnings."""
        return self._last.get()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {redact_url(self.config.server)}>"

    def _http_options(self) -> dict[str, Any]:
        config = self.config
        return {
            "base_url": config.server,
            "verify": config.ssl_context() or True,
            "auth": _Auth(config.credentials) if config.credentials else None,
            "proxy": config.proxy,
            "timeout": self.timeout,
            "headers": {
                "User-Agent": "kgen.templates.python.runtime-python",
                "Accept-Encoding": "gzip, deflate",
            },
        }

    def _extensions(self) -> dict[str, Any]:
        name = self.config.tls_server_name
        return {"sni_hostname": name} if name else {}

    def stream_idle(self, args: Mapping[str, Any]) -> float:
        """How long a watch may go without a whole event: its deadline per event."""
        query: Mapping[str, Any] = args.get("query") or {}
        idle, timeout = self.limits.watch_idle, query.get("timeout_seconds")
        return idle if timeout is None else max(idle, float(timeout) + 30.0)

    def _stream_timeout(self, args: Mapping[str, Any]) -> httpx.Timeout:
        read = self.stream_idle(args)
        return httpx.Timeout(self.timeout.connect or 30.0, read=read)

    def _deadline(self) -> float | None:
        deadline = self.limits.deadline
        return None if deadline is None else time.monotonic() + deadline

    def _record(self, response: httpx.Response) -> Response:
        """Keep the response's account, and report its Warning headers."""
        texts = _warnings(response)
        for text in texts:
            warnings.warn(text, ApiWarning, stacklevel=5)
        info = _account(response, texts)
        self._last.set(info)
        return info

    def _result(
        self, op: Op[T], response: httpx.Response, body: bytes | bytearray
    ) -> T:
        info = self._record(response)
        if not response.is_success:
            raise error_from_response(info, bytes(body))
        try:
            return _decode(op, response, body)
        except msgspec.DecodeError as error:
            message = f"the response is not a valid {_type_name(op.decode)}: {error}"
            raise DecodeError(message, info, bytes(body)) from error


class Client(_Base):
    """A client of the API server; pass it to the generated API classes.

        client = Client.from_kubeconfig()        # or Client.in_cluster()
        client = Client("http://127.0.0.1:8001")  # kubectl proxy

    `retry` says which failures are retried, `field_manager` is used for
    server-side apply when a call names none, `sleep` waits between retries.
    """

    def __init__(
        self,
        config: Config | str,
        *,
        timeout: float | httpx.Timeout = 30.0,
        retry: Retry | None = None,
        field_manager: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        limits: Limits | None = None,
    ) -> None:
        super().__init__(config, timeout, retry, field_manager, limits)
        self.sleep = sleep
        self._http = httpx.Client(transport=transport, **self._http_options())

    @classmethod
    def from_kubeconfig(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        context: str | None = None,
        exec_allowlist: tuple[str, ...] | None = None,
        **options: Any,
    ) -> Self:
        """Configured from kubeconfig: `path`, else the files in KUBECONFIG, else ~/.kube/config."""
        return cls(
            load_kubeconfig(path, context, exec_allowlist=exec_allowlist), **options
        )

    @classmethod
    def in_cluster(cls, **options: Any) -> Self:
        """Configured from the pod's service account (token, CA, namespace)."""
        return cls(in_cluster_config(), **options)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, op: Op[T], args: Mapping[str, Any]) -> T:
        """Send one operation with the arguments a generated method received."""
        _plan(op).check(args)
        response, deadline = self._send(self._build(op, args, self.timeout))
        return self._result(op, response, self._read(response, deadline))

    def _read(self, response: httpx.Response, deadline: float | None) -> bytearray:
        """The whole body, within the limits; the response is closed after."""
        try:
            content = _Content(response, self.limits, deadline)
            for chunk in response.iter_raw():
                content.add(chunk)
        except httpx.TransportError as error:
            raise _network_error(response.request, error) from error
        finally:
            response.close()
        return content.body

    def watch(self, op: Op[Any], args: Mapping[str, Any], item: type[T]) -> Watch[T]:
        """A watch of a list operation, yielding events that carry `item`s."""
        _plan(op).check(args)
        return Watch(self, op, args, item)

    @contextmanager
    def open_stream(
        self, op: Op[Any], args: Mapping[str, Any]
    ) -> Generator[Iterator[bytes], None, None]:
        """The content of a streamed response as it arrives; a failure status is raised as its error."""
        request = self._build(op, args, self._stream_timeout(args))
        response, deadline = self._send(request)
        try:
            if not response.is_success:
                self._result(op, response, self._read(response, deadline))
            yield _pieces(response, _Content(response, _STREAMED, None))
        finally:
            response.close()

    def _build(
        self, op: Op[Any], args: Mapping[str, Any], timeout: httpx.Timeout
    ) -> httpx.Request:
        parts = _request_parts(op, args, self.field_manager)
        return self._http.build_request(
            **parts, timeout=timeout, extensions=self._extensions()
        )

    def _send(self, request: httpx.Request) -> tuple[httpx.Response, float | None]:
        """The response whose body is to be read, and the deadline of its attempt."""
        attempt = 0
        while True:
            deadline = self._deadline()
            try:
                response = self._http.send(request, stream=True)
            except Exception as error:
                delay = self.retry.after_error(attempt, request.method, error)
                if delay is None and isinstance(error, httpx.TransportError):
                    raise _network_error(request, error) from error
                if delay is None:
                    raise
            else:
                delay = self.retry.after_response(attempt, response)
                if delay is None:
                    return response, deadline
                response.close()
            self.sleep(delay)
            attempt += 1


class AsyncClient(_Base):
    """The asyncio twin of Client; pass it to the generated Async...Api classes."""

    def __init__(
        self,
        config: Config | str,
        *,
        timeout: float | httpx.Timeout = 30.0,
        retry: Retry | None = None,
        field_manager: str | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        transport: httpx.AsyncBaseTransport | None = None,
        limits: Limits | None = None,
    ) -> None:
        super().__init__(config, timeout, retry, field_manager, limits)
        self.sleep = sleep
        self._http = httpx.AsyncClient(transport=transport, **self._http_options())

    @classmethod
    def from_kubeconfig(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        context: str | None = None,
        exec_allowlist: tuple[str, ...] | None = None,
        **options: Any,
    ) -> Self:
        """Configured from kubeconfig: `path`, else the files in KUBECONFIG, else ~/.kube/config."""
        return cls(
            load_kubeconfig(path, context, exec_allowlist=exec_allowlist), **options
        )

    @classmethod
    def in_cluster(cls, **options: Any) -> Self:
        """Configured from the pod's service account (token, CA, namespace)."""
        return cls(in_cluster_config(), **options)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def request(self, op: Op[T], args: Mapping[str, Any]) -> T:
        """Send one operation with the arguments a generated method received."""
        _plan(op).check(args)
        response, deadline = await self._send(self._build(op, args, self.timeout))
        return self._result(op, response, await self._read(response, deadline))

    async def _read(
        self, response: httpx.Response, deadline: float | None
    ) -> bytearray:
        """The whole body, within the limits; the response is closed after."""
        try:
            content = _Content(response, self.limits, deadline)
            async for chunk in response.aiter_raw():
                content.add(chunk)
        except httpx.TransportError as error:
            raise _network_error(response.request, error) from error
        finally:
            await response.aclose()
        return content.body

    def watch(
        self, op: Op[Any], args: Mapping[str, Any], item: type[T]
    ) -> AsyncWatch[T]:
        """A watch of a list operation, yielding events that carry `item`s."""
        _plan(op).check(args)
        return AsyncWatch(self, op, args, item)

    @asynccontextmanager
    async def open_stream(
        self, op: Op[Any], args: Mapping[str, Any]
    ) -> AsyncGenerator[AsyncIterator[bytes], None]:
        """The content of a streamed response as it arrives; a failure status is raised as its error."""
        request = self._build(op, args, self._stream_timeout(args))
        response, deadline = await self._send(request)
        try:
            if not response.is_success:
                self._result(op, response, await self._read(response, deadline))
            yield _apieces(response, _Content(response, _STREAMED, None))
        finally:
            await response.aclose()

    def _build(
        self, op: Op[Any], args: Mapping[str, Any], timeout: httpx.Timeout
    ) -> httpx.Request:
        parts = _request_parts(op, args, self.field_manager)
        return self._http.build_request(
            **parts, timeout=timeout, extensions=self._extensions()
        )

    async def _send(
        self, request: httpx.Request
    ) -> tuple[httpx.Response, float | None]:
        """The response whose body is to be read, and the deadline of its attempt."""
        attempt = 0
        while True:
            deadline = self._deadline()
            try:
                response = await self._http.send(request, stream=True)
            except Exception as error:
                delay = self.retry.after_error(attempt, request.method, error)
                if delay is None and isinstance(error, httpx.TransportError):
                    raise _network_error(request, error) from error
                if delay is None:
                    raise
            else:
                delay = self.retry.after_response(attempt, response)
                if delay is None:
                    return response, deadline
                await response.aclose()
            await self.sleep(delay)
            attempt += 1


class _Auth(httpx.Auth):
    """Puts the credentials on each request; after a 401 it refreshes them and tries once more."""

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        sent = self._apply(request, self.credentials.header())
        response = yield request
        if response.status_code == 401 and self.credentials.refresh(sent):
            self._apply(request, self.credentials.header())
            yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        sent = self._apply(request, await self._off_loop(self.credentials.header))
        response = yield request
        if response.status_code == 401:
            if await self._off_loop(functools.partial(self.credentials.refresh, sent)):
                self._apply(request, await self._off_loop(self.credentials.header))
                yield request

    async def _off_loop(self, call: Callable[[], T]) -> T:
        """Credentials that may run a program are fetched in a thread, not on the event loop."""
        return await asyncio.to_thread(call) if self.credentials.blocking else call()

    @staticmethod
    def _apply(request: httpx.Request, header: str | None) -> str | None:
        if header:
            request.headers["Authorization"] = header
        return header
