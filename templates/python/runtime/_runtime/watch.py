# kgen:header
"""Watches: typed events from `watch=true` streams that resume where they broke off.

A watch asks for bookmarks and remembers the resourceVersion of the last
event, so a dropped connection (or the server's own timeout) resumes from
there with nothing lost or repeated. When that version has expired, the
server answers 410 and the watch raises Gone; `relisting()` handles that
by listing again and reporting what changed in between.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import msgspec

from kgen.templates.python.runtime._runtime.errors import (
    DeadlineExceeded,
    DecodeError,
    Gone,
    ResponseTooLarge,
    Status,
    error_from_status,
)
from kgen.templates.python.runtime._runtime.model import decode

if TYPE_CHECKING:
    from kgen.templates.python.runtime._runtime.api import Op
    from kgen.templates.python.runtime._runtime.client import AsyncClient, Client

__all__ = ["AsyncWatch", "Bookmark", "Watch", "WatchEvent"]

T = TypeVar("T")
log = logging.getLogger("kgen.templates.python.runtime")
PAGE_SIZE = 500
# The keys a watch sets itself; the rest of the caller's query is kept.
_WATCH_KEYS = (
    "watch",
    "allow_watch_bookmarks",
    "resource_version",
    "continue_",
    "limit",
)
_STARTING_KEYS = ("send_initial_events", "resource_version_match")


class WatchEvent(msgspec.Struct, Generic[T], gc=False):
    """An object was ADDED, MODIFIED or DELETED (its last state, for DELETED)."""

    type: Literal["ADDED", "MODIFIED", "DELETED"]
    object: T


class Bookmark(msgspec.Struct, gc=False):
    """A BOOKMARK event: the watch has seen everything up to `resource_version`."""

    resource_version: str
    annotations: dict[str, str]
    type: Literal["BOOKMARK"] = "BOOKMARK"


class _Envelope(msgspec.Struct, gc=False):
    type: str
    object: msgspec.Raw


class _BookmarkMeta(msgspec.Struct, rename="camel", frozen=True, gc=False):
    resource_version: str = ""
    annotations: dict[str, str] = {}


class _BookmarkObject(msgspec.Struct, frozen=True, gc=False):
    metadata: _BookmarkMeta = _BookmarkMeta()


_envelope = msgspec.json.Decoder(_Envelope)
_OBJECT_EVENTS = frozenset(("ADDED", "MODIFIED", "DELETED"))


class _EventReader(Generic[T]):
    """Splits a watch stream into lines and decodes each into a typed event.

    A line is bounded (`max_line` bytes) and its pieces are kept in one
    growing buffer, never copied again per chunk. Each event must be whole
    within `idle` seconds of the one before (a deadline per event, checked as
    data arrives): a server trickling bytes is resumed from, like a silent one.

    The envelope is decoded first and its object by the event type: the
    item type for object events, the bookmark's metadata for BOOKMARK, and a
    Status for ERROR, which is raised as its typed error (Gone for 410).
    """

    def __init__(self, item: type[T], max_line: int, idle: float, path: str) -> None:
        self.item = item
        self.max_line = max_line
        self.idle = idle
        self.path = path
        self.rest = bytearray()
        self.last = time.monotonic()

    def feed(self, chunk: bytes) -> list[WatchEvent[T] | Bookmark]:
        events: list[WatchEvent[T] | Bookmark] = []
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            line = self._line(chunk[start:end])
            if line.strip():
                events.append(self._event(line))
            start = end + 1
        if events:
            self.last = time.monotonic()
        elif time.monotonic() - self.last > self.idle:
            raise DeadlineExceeded(
                f"no whole watch event within {self.idle} s", "GET", self.path
            )
        self._keep(chunk[start:])
        return events

    def _keep(self, piece: bytes) -> None:
        self._check(piece)
        self.rest += piece

    def _check(self, piece: bytes) -> None:
        if len(self.rest) + len(piece) > self.max_line:
            raise ResponseTooLarge("a watch event", self.max_line)

    def _line(self, piece: bytes) -> bytes:
        self._check(piece)
        if not self.rest:
            return piece
        self.rest += piece
        line = bytes(self.rest)
        self.rest.clear()
        return line

    def _event(self, line: bytes) -> WatchEvent[T] | Bookmark:
        try:
            return self._decode(line)
        except msgspec.DecodeError as error:
            message = f"a watch event that is not a valid {self.item.__name__} event"
            raise DecodeError(f"{message}: {error}", None, line) from error

    def _decode(self, line: bytes) -> WatchEvent[T] | Bookmark:
        envelope = _envelope.decode(line)
        if envelope.type in _OBJECT_EVENTS:
            kind: Any = envelope.type  # one of _OBJECT_EVENTS
            return WatchEvent(kind, decode(self.item, envelope.object))
        if envelope.type == "BOOKMARK":
            meta = decode(_BookmarkObject, envelope.object).metadata
            return Bookmark(meta.resource_version, meta.annotations)
        if envelope.type == "ERROR":
            raise error_from_status(decode(Status, envelope.object))
        raise DecodeError(f"unknown watch event type {envelope.type!r}", None, line)


def _object_version(item: Any) -> str | None:
    return getattr(getattr(item, "metadata", None), "resource_version", None)


def _version(event: WatchEvent[Any] | Bookmark) -> str | None:
    if isinstance(event, Bookmark):
        return event.resource_version or None
    return _object_version(event.object)


def _key(item: Any) -> tuple[Any, Any]:
    metadata = getattr(item, "metadata", None)
    return getattr(metadata, "namespace", None), getattr(metadata, "name", None)


def _changes(
    known: dict[tuple[Any, Any], T], items: Iterable[T]
) -> list[WatchEvent[T]]:
    """What a fresh list says happened since `known` was seen; `known` becomes the list."""
    fresh = {_key(item): item for item in items}
    events: list[WatchEvent[T]] = []
    for key, item in fresh.items():
        old = known.get(key)
        if old is None:
            events.append(WatchEvent("ADDED", item))
        elif _object_version(old) != _object_version(item):
            events.append(WatchEvent("MODIFIED", item))
    events += [
        WatchEvent("DELETED", old) for key, old in known.items() if key not in fresh
    ]
    known.clear()
    known.update(fresh)
    return events


def _remember(known: dict[tuple[Any, Any], T], event: WatchEvent[T]) -> None:
    if event.type == "DELETED":
        known.pop(_key(event.object), None)
    else:
        known[_key(event.object)] = event.object


class _WatchState(Generic[T]):
    """What sync and async watches share: the query of each connection, and the resume point."""

    def __init__(self, op: Op[Any], args: Mapping[str, Any], item: type[T]) -> None:
        query = dict(args.get("query") or {})
        self.op = op
        self.args = dict(args)
        self.item = item
        self.resource_version: str | None = query.get("resource_version")
        # A caller-set timeout ends the watch when the server closes it; else it goes on.
        self.ends = "timeout_seconds" in query
        self.query = {k: v for k, v in query.items() if k not in _WATCH_KEYS}

    def watch_args(self) -> dict[str, Any]:
        query = {**self.query, "watch": True, "allow_watch_bookmarks": True}
        if self.resource_version:
            query["resource_version"] = self.resource_version
        return {**self.args, "query": query}

    def page_args(self, token: str | None) -> dict[str, Any]:
        query = {**self.query, "limit": PAGE_SIZE}
        if token:
            query["continue_"] = token
        return {**self.args, "query": query}

    def reader(self, client: Client | AsyncClient) -> _EventReader[T]:
        max_line = client.limits.watch_line_bytes
        idle = client.stream_idle(self.args)
        return _EventReader(self.item, max_line, idle, self.op.path)

    def seen(self, event: WatchEvent[T] | Bookmark) -> None:
        self.resource_version = _version(event) or self.resource_version


def _listable(query: dict[str, Any]) -> dict[str, Any]:
    """A relisting watch starts from its own list: no initial events, no version match."""
    return {k: v for k, v in query.items() if k not in _STARTING_KEYS}


def _page(result: Any) -> tuple[list[Any], str | None, str | None]:
    metadata = getattr(result, "metadata", None)
    token = getattr(metadata, "continue_", None)
    return (
        list(getattr(result, "items", None) or ()),
        token,
        getattr(metadata, "resource_version", None),
    )


class Watch(_WatchState[T]):
    """A watch of a list operation: iterate it for ADDED, MODIFIED and DELETED events.

    `resource_version` is where it stands, a checkpoint that can be passed to
    a later watch. `events()` also yields the bookmarks.
    """

    def __init__(
        self, client: Client, op: Op[Any], args: Mapping[str, Any], item: type[T]
    ) -> None:
        super().__init__(op, args, item)
        self.client = client

    def __iter__(self) -> Iterator[WatchEvent[T]]:
        for event in self.events():
            if isinstance(event, WatchEvent):
                yield event

    def events(self) -> Iterator[WatchEvent[T] | Bookmark]:
        """Every event including bookmarks, across reconnections."""
        retry, failures = self.client.retry, 0
        while True:
            reader, received = self.reader(self.client), False
            try:
                with self.client.open_stream(self.op, self.watch_args()) as content:
                    for chunk in content:
                        for event in reader.feed(chunk):
                            self.seen(event)
                            received, failures = True, 0
                            yield event
            except Exception as error:
                delay = retry.after_stream_error(failures, error)
                if delay is None:
                    raise
                log.info(
                    "watch of %s broke off (%s); resuming",
                    self.op.path,
                    type(error).__name__,
                )
                self.client.sleep(delay)
                failures += 1
                continue
            if self.ends:
                return
            if not received:
                self.client.sleep(retry.backoff_delay(failures))
                failures += 1

    def relisting(self) -> Iterator[WatchEvent[T]]:
        """List, report every object as ADDED, then watch; when the watch expires, list again.

        After a relist the events are what changed in between (ADDED,
        MODIFIED, DELETED), so a consumer's view stays complete.
        """
        known: dict[tuple[Any, Any], T] = {}
        self.query = _listable(self.query)
        while True:
            items, version = self._list()
            yield from _changes(known, items)
            self.resource_version = version
            try:
                for event in self:
                    _remember(known, event)
                    yield event
                return
            except Gone:
                log.info("watch of %s expired; listing again", self.op.path)

    def _list(self) -> tuple[list[T], str | None]:
        items: list[T] = []
        token: str | None = None
        while True:
            page, token, version = _page(
                self.client.request(self.op, self.page_args(token))
            )
            items += page
            if not token:
                return items, version


class AsyncWatch(_WatchState[T]):
    """The asyncio twin of Watch: `async for event in watch`."""

    def __init__(
        self, client: AsyncClient, op: Op[Any], args: Mapping[str, Any], item: type[T]
    ) -> None:
        super().__init__(op, args, item)
        self.client = client

    async def __aiter__(self) -> AsyncIterator[WatchEvent[T]]:
        async for event in self.events():
            if isinstance(event, WatchEvent):
                yield event

    async def events(self) -> AsyncIterator[WatchEvent[T] | Bookmark]:
        """Every event including bookmarks, across reconnections."""
        retry, failures = self.client.retry, 0
        while True:
            reader, received = self.reader(self.client), False
            try:
                async with self.client.open_stream(
                    self.op, self.watch_args()
                ) as content:
                    async for chunk in content:
                        for event in reader.feed(chunk):
                            self.seen(event)
                            received, failures = True, 0
                            yield event
            except Exception as error:
                delay = retry.after_stream_error(failures, error)
                if delay is None:
                    raise
                log.info(
                    "watch of %s broke off (%s); resuming",
                    self.op.path,
                    type(error).__name__,
                )
                await self.client.sleep(delay)
                failures += 1
                continue
            if self.ends:
                return
            if not received:
                await self.client.sleep(retry.backoff_delay(failures))
                failures += 1

    async def relisting(self) -> AsyncIterator[WatchEvent[T]]:
        """List, report every object as ADDED, then watch; see Watch.relisting."""
        known: dict[tuple[Any, Any], T] = {}
        self.query = _listable(self.query)
        while True:
            items, version = await self._list()
            for change in _changes(known, items):
                yield change
            self.resource_version = version
            try:
                async for event in self:
                    _remember(known, event)
                    yield event
                return
            except Gone:
                log.info("watch of %s expired; listing again", self.op.path)

    async def _list(self) -> tuple[list[T], str | None]:
        items: list[T] = []
        token: str | None = None
        while True:
            result = await self.client.request(self.op, self.page_args(token))
            page, token, version = _page(result)
            items += page
            if not token:
                return items, version
