"""A live cluster's document: /openapi/v2, with what its /openapi/v3 adds (enums, nullable; see openapi_v3).

Configuration and credentials come from the generated runtime's own code,
imported from its source tree (kgen.templates.python.runtime; its config
module needs only the standard library and PyYAML): kubeconfig merging,
contexts, tokens and token files, client certificates, CAs, tls-server-name,
proxies and exec plugins behave exactly as in generated clients. HTTP is the
standard library's. A server that cannot be reached, rejects the credentials,
or is not a Kubernetes API server is an error saying what to check.
"""

from __future__ import annotations

import functools
import gzip
import http.client
import io
import json
import re
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kgen import __version__
from kgen.diagnostics import Diagnostic, KgenError, Level
from kgen.sources import openapi_v3
from kgen.sources.loading import Limits
from kgen.templates.python.runtime._runtime import config as runtime

TIMEOUT = 60.0
# /openapi/v3 lists a document per group/version: api/v1, apis/apps/v1 (and others, such as apis, version).
GROUP_VERSION = re.compile(r"api/v[^/]+|apis/[^/]+/[^/]+")


@dataclass(frozen=True)
class Fetched:
    source: str  # where the v2 document came from
    raw: bytes  # the document with what v3 adds, as JSON
    warnings: tuple[Diagnostic, ...]
    recovered: dict[str, int]  # what v3 added: enum, nullable and schema counts


def fetch_document(kubeconfig: str | None, context: str | None, limits: Limits = Limits()) -> Fetched:
    """Fetch /openapi/v2 and each group/version's /openapi/v3 document; merge them."""
    try:
        config = runtime.load_kubeconfig(kubeconfig, context)
    except runtime.ConfigError as exc:
        raise _error("<kubeconfig>", f"cannot use the kubeconfig: {exc}", "check --kubeconfig and --context (kubectl config get-contexts)") from None
    http = _Http(config, limits, runtime.ConfigError)
    source = config.server + "/openapi/v2"
    document = http.json("/openapi/v2")
    if not isinstance(document, dict) or document.get("swagger") != "2.0":
        raise _error(source, "the server answered, but not with a Swagger 2.0 document: it is not a Kubernetes API server", _NOT_KUBERNETES)
    warnings: list[Diagnostic] = []
    documents = []
    for path in _v3_paths(http, warnings):
        try:
            documents.append(http.json(path))
        except KgenError as exc:
            warnings.extend(_as_warning(d) for d in exc.diagnostics)
    recovered = openapi_v3.merge(document, openapi_v3.schemas(documents))
    raw = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False).encode() + b"\n"
    return Fetched(source, raw, tuple(warnings), dict(recovered))


def _as_warning(diagnostic: Diagnostic) -> Diagnostic:
    """A v3 document that cannot be fetched only costs what it would have added."""
    return Diagnostic(Level.WARNING, diagnostic.message + "; generating without what it adds", source=diagnostic.source, hint=diagnostic.hint, kind="input")


def _v3_paths(http: _Http, warnings: list[Diagnostic]) -> list[str]:
    index = http.json("/openapi/v3", missing_ok=True)
    if index is None:
        return []  # before Kubernetes 1.24 (or turned off): v2 only
    paths = index.get("paths") if isinstance(index, dict) else None
    if not isinstance(paths, dict):
        warnings.append(Diagnostic(Level.WARNING, "/openapi/v3 did not list its documents; generating from /openapi/v2 alone", source=http.server + "/openapi/v3", kind="input"))
        return []
    found = []
    for key, entry in sorted(paths.items()):
        url = entry.get("serverRelativeURL") if isinstance(entry, dict) else None
        if GROUP_VERSION.fullmatch(key) and isinstance(url, str) and url.startswith("/openapi/v3/"):
            found.append(url)
    return found


_NOT_KUBERNETES = "point the kubeconfig (--kubeconfig, --context) at a Kubernetes API server"


def _error(source: str, message: str, hint: str) -> KgenError:
    return KgenError([Diagnostic(Level.ERROR, message, source=source, hint=hint)])


class _ServerNameConnection(http.client.HTTPSConnection):
    """TLS with the kubeconfig's tls-server-name for SNI and the certificate check, not the URL's host."""

    def __init__(self, host: str, *, server_name: str, **options: Any):
        super().__init__(host, **options)
        self.server_name = server_name

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.server_name)  # type: ignore[attr-defined]  # private: typeshed leaves _context out


class _ServerNameHandler(urllib.request.HTTPSHandler):
    def __init__(self, context: ssl.SSLContext | None, server_name: str):
        super().__init__(context=context)
        self.tls, self.server_name = context or ssl.create_default_context(), server_name

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_ServerNameConnection, server_name=self.server_name)
        return self.do_open(connection, req, context=self.tls)


class _Http:
    """GETs JSON from the configured server, authenticated as the runtime authenticates (refresh once after 401)."""

    def __init__(self, config: Any, limits: Limits, config_error: type[Exception]):
        self.config, self.limits, self.config_error = config, limits, config_error
        self.server = config.server
        self.header = self._credentials(lambda c: c.header())  # first: an exec plugin may load a client certificate
        context = config.ssl_context()
        handler = _ServerNameHandler(context, config.tls_server_name) if config.tls_server_name else urllib.request.HTTPSHandler(context=context)
        handlers: list[urllib.request.BaseHandler] = [handler]
        if config.proxy:
            handlers.append(urllib.request.ProxyHandler({"http": config.proxy, "https": config.proxy}))
        self.opener = urllib.request.build_opener(*handlers)

    def _credentials(self, call: Callable[[Any], str | None]) -> str | None:
        if self.config.credentials is None:
            return None
        try:
            return call(self.config.credentials)
        except self.config_error as exc:
            raise _error(self.server, f"cannot get credentials: {exc}", "check the user of the kubeconfig context") from None

    def json(self, path: str, missing_ok: bool = False) -> Any:
        body = self.get(path, missing_ok)
        if body is None:
            return None
        try:
            return json.loads(body)
        except ValueError:
            raise _error(self.server + path, "the server's answer is not JSON: it is not a Kubernetes API server", _NOT_KUBERNETES) from None

    def get(self, path: str, missing_ok: bool = False) -> bytes | None:
        url = self.server + path
        refreshed = False
        while True:
            headers = {"Accept": "application/json", "Accept-Encoding": "gzip", "User-Agent": f"kgen/{__version__}"}
            if self.header:
                headers["Authorization"] = self.header
            try:
                with self.opener.open(urllib.request.Request(url, headers=headers), timeout=TIMEOUT) as response:
                    return self._body(response, url)
            except urllib.error.HTTPError as exc:
                if exc.code == 401 and not refreshed and self._credentials(lambda c: c.refresh(self.header)):
                    self.header, refreshed = self._credentials(lambda c: c.header()), True
                    continue
                if exc.code == 404 and missing_ok:
                    return None
                raise self._status_error(exc, url) from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                raise self._connection_error(exc, url) from None

    def _body(self, response: Any, url: str) -> bytes:
        body: bytes = response.read(self.limits.max_bytes + 1)
        if response.headers.get("Content-Encoding") == "gzip":
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
                body = unzipped.read(self.limits.max_bytes + 1)
        if len(body) > self.limits.max_bytes:
            raise _error(url, f"the document is larger than the limit of {self.limits.max_bytes} bytes", "raise the limit with --max-bytes")
        return body

    def _status_error(self, exc: urllib.error.HTTPError, url: str) -> KgenError:
        if exc.code == 401:
            return _error(url, "the server rejected the credentials (HTTP 401 Unauthorized)", "check the user of the kubeconfig context: its token or certificate may have expired")
        if exc.code == 403:
            return _error(url, "the credentials may not read the API documents (HTTP 403 Forbidden)", "the user needs get on the non-resource URLs /openapi/* (the system:discovery role grants it)")
        if exc.code == 404:
            return _error(url, "the server has no such document (HTTP 404): it is not a Kubernetes API server", _NOT_KUBERNETES)
        return _error(url, f"the server answered HTTP {exc.code} {exc.reason}", "try again; check the server's health (kubectl get --raw /readyz)")

    def _connection_error(self, exc: BaseException, url: str) -> KgenError:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, ssl.SSLCertVerificationError):
            return _error(url, f"TLS: the server's certificate is not trusted ({reason.verify_message})", "check certificate-authority(-data) and tls-server-name of the kubeconfig cluster")
        if isinstance(reason, ssl.SSLError):
            return _error(url, f"TLS failed: {reason.reason or reason}", "check the cluster's certificate settings and the client certificate")
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return _error(url, f"the server did not answer within {TIMEOUT:.0f} seconds", "check that the cluster is up and reachable from here")
        detail = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
        return _error(url, f"cannot reach the server: {detail}", "check the server address of the kubeconfig cluster, and that it is reachable from here (VPN, proxy)")
