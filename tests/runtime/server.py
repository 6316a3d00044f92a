"""A scripted HTTP server on loopback, for what the Kubernetes emulator cannot do.

Each request is recorded and answered by a function of the test. Replies can
stream a watch in chunks, end the connection mid-stream to simulate a drop, or
write the whole response themselves (`raw`) as a hostile server would.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, BinaryIO
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # bytes sent as they are, anything else as JSON
    headers: dict[str, str] = field(default_factory=dict)
    events: list[dict[str, Any]] | None = None  # a watch stream, one JSON line per event
    drop: bool = False  # end the connection after the events without finishing the response
    raw: Callable[[BinaryIO], None] | None = None  # writes status line, headers and body itself

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body if self.body is not None else {}).encode()


class ScriptedServer:
    def __init__(self, answer: Callable[[Seen], Reply], tls: ssl.SSLContext | None = None) -> None:
        self.answer = answer
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                seen = Seen(self.command, parts.path, dict(parse_qsl(parts.query)), dict(self.headers), self.rfile.read(length))
                with outer._lock:
                    outer.seen.append(seen)
                outer._reply(self, outer.answer(seen))

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _reply(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.raw is not None:
            handler.close_connection = True
            with contextlib.suppress(OSError):  # the client hung up, as it should past a limit
                reply.raw(handler.wfile)
            return
        handler.send_response(reply.status)
        handler.send_header("Content-Type", "application/json")
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        if reply.events is None:
            payload = reply.payload()
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for event in reply.events:
            line = json.dumps(event).encode() + b"\n"
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(line), line))
            handler.wfile.flush()
        if reply.drop:
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
            return
        handler.wfile.write(b"0\r\n\r\n")
        handler.close_connection = True

    def requests(self, method: str | None = None) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if method is None or s.method == method]

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(answer: Callable[[Seen], Reply], tls: ssl.SSLContext | None = None) -> Iterator[ScriptedServer]:
    with ScriptedServer(answer, tls) as server:
        yield server
