"""What a hostile or broken API server sends: replies for the scripted server, shared by every target's tests.

Each writes its response by hand and goes on until the client hangs up, up to
a cap (CAP bytes, or HOLD seconds) that keeps a client without the bound from
hanging the suite: it then fails its assertion instead.
"""

from __future__ import annotations

import functools
import gzip
import time
from typing import BinaryIO

from runtime.server import Reply, Seen

CAP = 256 << 20  # bytes an endless body sends at most
HOLD = 20.0  # seconds a response that never completes is held open
BOMB_EXPANDED = 64 << 20  # the gzip bomb: 64 MiB of JSON whitespace, about 64 KB compressed
CHUNK = b" " * (64 << 10)


def _head(*headers: str) -> bytes:
    lines = ["HTTP/1.1 200 OK", "Content-Type: application/json", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def _endless(out: BinaryIO, first: bytes) -> None:
    out.write(_head("Transfer-Encoding: chunked") + _chunk(first))
    for _ in range(CAP // len(CHUNK)):
        out.write(_chunk(CHUNK))


def huge_content_length() -> Reply:
    """Announces 3 GB, sends one byte and holds the connection open."""

    def write(out: BinaryIO) -> None:
        out.write(_head("Content-Length: 3000000000") + b"{")
        out.flush()
        time.sleep(HOLD)

    return Reply(raw=write)


def endless_body() -> Reply:
    """A chunked body that does not end (JSON whitespace after an opening brace)."""
    return Reply(raw=lambda out: _endless(out, b"{"))


@functools.cache
def bomb() -> bytes:
    return gzip.compress(b"{" + b" " * BOMB_EXPANDED + b"}", 9)


def gzip_bomb() -> Reply:
    """A small gzip body that inflates to BOMB_EXPANDED bytes."""
    body = bomb()
    return Reply(raw=lambda out: out.write(_head("Content-Encoding: gzip", f"Content-Length: {len(body)}") + body))


def endless_watch_line() -> Reply:
    """A watch whose first event never ends: its line grows without a newline."""
    return Reply(raw=lambda out: _endless(out, b'{"type":"ADDED","object":{"metadata":{"name":"'))


def trickle() -> Reply:
    """A body announced as 1000 bytes, sent one byte every 0.2 s: no single read ever times out."""

    def write(out: BinaryIO) -> None:
        out.write(_head("Content-Length: 1000"))
        for _ in range(int(HOLD / 0.2)):
            out.write(b" ")
            out.flush()
            time.sleep(0.2)

    return Reply(raw=write)


def trickling_watch() -> Reply:
    """A watch stream that sends a byte of whitespace every 0.2 s and never a whole event."""

    def write(out: BinaryIO) -> None:
        out.write(_head("Transfer-Encoding: chunked"))
        for _ in range(int(HOLD / 0.2)):
            out.write(_chunk(b" "))
            out.flush()
            time.sleep(0.2)

    return Reply(raw=write)


def scenario(seen: Seen) -> Reply:
    """The replies of the Go and TypeScript safety programs, by the name or namespace each request names.

    huge, endless, bomb, trickle and line are the attacks above (trickle as a watch is the trickling
    watch), decode is a success that is not JSON, redirect a 307 to stolen (which answers), forever and nan
    429s whose Retry-After is 1e10 seconds and NaN, anything else (post503) a 503 without Retry-After.
    """
    parts = seen.path.split("/")
    target = parts[-1] if "/configmaps/" in seen.path else parts[4]
    if target == "trickle" and seen.query.get("watch") == "true":
        return trickling_watch()
    attacks = {"huge": huge_content_length, "endless": endless_body, "bomb": gzip_bomb, "trickle": trickle, "line": endless_watch_line}
    if target in attacks:
        return attacks[target]()
    if target == "decode":
        return Reply(body=b"{not json")
    if target == "redirect":  # followed, it would read another object, sending the token along
        return Reply(307, {"kind": "Status", "code": 307}, headers={"Location": "/api/v1/namespaces/default/configmaps/stolen"})
    if target == "stolen":
        return Reply(body={"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "stolen"}})
    if target in ("forever", "nan"):  # a wait longer than any duration, and none at all: each retried after MaxWait at most
        return Reply(429, {"kind": "Status", "code": 429}, headers={"Retry-After": {"forever": "1e10", "nan": "NaN"}[target]})
    if target == "prototype":  # a watch's ERROR event: its Status alone picks the error's class
        return Reply(events=[{"type": "ERROR", "object": {"kind": "Status", "code": "constructor", "reason": "__proto__"}}])
    return Reply(503, {"kind": "Status", "code": 503, "reason": "ServiceUnavailable"})
