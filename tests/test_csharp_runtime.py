"""The C# runtime tree (templates/csharp/runtime) compiled in place and exercised by probe programs.

The tree is compiled once per module with Mono's mcs (C# 7.2, warnings as errors) into a
library; the probes under tests/csharp/runtime/ reference it. ClientProbe talks to a loopback
http.server whose scripted answers cover typed errors, retries, Warning headers, gzip, limits
and watches (resume, bookmarks, 410, cancellation).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import csharptools
import kubeconfig_cases
import pytest

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "templates" / "csharp" / "runtime"
PROBES = Path(__file__).resolve().parent / "csharp" / "runtime"

pytestmark = pytest.mark.skipif(csharptools.missing() is not None, reason=csharptools.missing() or "")


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tree compiled in place (namespace kgen.templates.csharp.runtime), with no warning."""
    out = tmp_path_factory.mktemp("csharp-runtime")
    return csharptools.mcs(csharptools.sources(TREE), out / "Runtime.dll")


def probe(runtime: Path, name: str, *args: str) -> dict[str, str]:
    """Compiles and runs one probe next to the runtime library; its "name<TAB>result" lines as a dict."""
    exe = csharptools.mcs([PROBES / f"{name}.cs"], runtime.parent / f"{name}.exe", exe=True, references=[runtime])
    result = csharptools.run(exe, *args, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.split("\t", 1) for line in result.stdout.splitlines() if "\t" in line]
    return {name: value for name, value in lines}


def test_tree_shape() -> None:
    for file in csharptools.sources(TREE):
        text = file.read_text("utf-8")
        assert text.startswith("// kgen:header\n"), file
        assert "namespace kgen.templates.csharp.runtime\n{" in text, file
        assert "\t" not in text and "TODO" not in text, file
        declared = re.findall(
            r"^    (?:public|internal) (?:sealed |abstract |static )*(?:class|interface) (\w+)", text, re.M
        )
        assert declared == [file.stem], (file, declared)  # one top-level type per file, named after it


def test_json(runtime: Path) -> None:
    got = probe(runtime, "JsonProbe")
    assert got["raw"] == '{"a":1.50e3,"b":-0,"c":1E+3,"d":12345678901234567890123,"e":[1,{"f":null,"g":-0.0}]}'
    assert got["raw-spaced"] == '{"a":1.50e3,"b":[-0,1E+3]}'
    assert got["big"] == "True"
    for token in ("1.50e3", "-0", "1E+3", "12345678901234567890123", "0.1"):
        assert got[f"number {token}"] == f"{token} {token}"
    assert got["number-decimal"] == "1500" and got["number-long"] == "1000"
    assert got["number-bad"].startswith("ArgumentException")
    assert got["number-equal"] == "False True"
    assert got["string"] == got["string-back"] == got["string-utf8"] == "True"
    assert (
        got["unknown"] == '{"name":"x","child":{"name":"y","more":-0.0,"n":null},"extra":{"deep":[1.0,2e5,{"z":"é"}]}}'
    )
    assert got["unknown-child"] == "-0.0 True"
    assert got["intorstring"] == 'False "8080" True 8080 False'
    assert got["intorstring-bad"].startswith("DecodeException")
    assert got["quantity"] == 'True 0.5 False "500m" 1.50e3'
    assert got["depth-999"] == "ok 1998"
    assert got["depth-1001"].startswith("DecodeException: The reader's MaxDepth of 1000")
    assert len(got["depth-1001"]) < 1000
    for refused in (
        "comment",
        "single-quote",
        "unquoted",
        "nan",
        "trailing",
        "long-number",
        "raw-bad",
    ):
        assert got[refused].startswith("DecodeException"), refused
    assert got["beyond-double"] == 'ok [1e400,-1.5E+999,"1e400",1e-400]'
    assert got["beyond-double-number"] == "ok 1e400"
    assert got["beyond-double-double"].startswith("DecodeException: expected a number that fits a double")
    assert got["huge-integer"] == "ok 400"
    assert got["huge-integer-int64"].startswith("DecodeException")
    assert got["mismatch"] == "DecodeException: expected a string but found Integer at name"
    assert got["empty"] == got["null"] == "True"
    assert got["list"] == '3 True ["a",null,"b"]'
    assert got["map"] == 'z,a,m {"z":1,"a":null,"m":3}'
    assert got["int32-overflow"].startswith("DecodeException")
    assert got["int64"] == "-9223372036854775808"
    assert got["double"] == "3 0.1 1E300"
    assert got["double-nan"].startswith("ArgumentException")
    assert got["bool"] == "true"
    assert got["bytes"] == 'hi "aGk="'
    assert got["text"] == "not json" and got["octets"] == "2"
    assert got["enum"] == "True" and got["enum-open"] == '"SCTP"'
    assert got["raw-as"] == "n" and got["raw-equal"] == "True"
    assert got["utf8"] == '"é"'
    for bad in ("null", "''", "'.'", "'..'", "'a/b'", "'a%2fb'", "'a%2Fb'"):
        assert got[f"path {bad}"].startswith("InvalidPathArgumentException: path argument namespace="), bad
    assert got["patch"] == "application/apply-patch+yaml application/strategic-merge-patch+json"


# --- the loopback server -------------------------------------------------------------------------


def status(code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> bytes:
    body: dict[str, Any] = {
        "kind": "Status",
        "apiVersion": "v1",
        "status": "Failure",
        "code": code,
        "reason": reason,
        "message": message,
    }
    if details is not None:
        body["details"] = details
    return json.dumps(body).encode()


def event(kind: str, version: str) -> bytes:
    return (
        json.dumps(
            {"type": kind, "object": {"kind": "ConfigMap", "metadata": {"name": "c", "resourceVersion": version}}}
        ).encode()
        + b"\n"
    )


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.seen: list[tuple[str, str, dict[str, list[str]], float]] = []
        self.authorizations: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def record(self, method: str, path: str, query: dict[str, list[str]]) -> int:
        """Records a request; how many came to this path before it."""
        with self.lock:
            before = sum(1 for seen in self.seen if seen[1] == path)
            self.seen.append((method, path, query, time.monotonic()))
            return before

    def requests(self, path: str) -> list[tuple[str, str, dict[str, list[str]], float]]:
        with self.lock:
            return [seen for seen in self.seen if seen[1] == path]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass

    def answer(
        self, code: int, body: bytes, content_type: str = "application/json", headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def chunked(self, code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def finish_chunks(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def drop(self) -> None:
        """Ends the connection inside a chunked body: a dropped connection."""
        self.wfile.flush()
        self.close_connection = True

    def hold(self, seconds: float) -> None:
        """Keeps the connection open, silent, until the client closes it (or `seconds` pass)."""
        deadline = time.monotonic() + seconds
        self.connection.settimeout(0.2)
        while time.monotonic() < deadline:
            try:
                if self.connection.recv(1) == b"":
                    break
            except TimeoutError:
                continue
            except OSError:
                break
        self.close_connection = True

    def do_GET(self) -> None:
        self.handle_any()

    def do_POST(self) -> None:
        self.handle_any()

    def do_PATCH(self) -> None:
        self.handle_any()

    def do_DELETE(self) -> None:
        self.handle_any()

    def handle_any(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        before = self.server.record(self.command, path, query)
        if path == "/ok":
            self.answer(200, b'{"kind":"ConfigMap","data":{"n":1.50e3}}')
        elif path.startswith("/echo/"):
            echoed = {
                "method": self.command,
                "target": self.path,
                "authorization": self.headers.get("Authorization"),
                "probe": self.headers.get("X-Probe"),
                "type": self.headers.get("Content-Type"),
                "body": body.decode(),
            }
            self.answer(200, json.dumps(json.dumps(echoed)).encode())
        elif path == "/status/404":
            self.answer(404, status(404, "NotFound", 'pods "x" not found'))
        elif path == "/status/422":
            causes = [
                {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.containers"},
                {"reason": "FieldValueInvalid", "field": "metadata.name"},
            ]
            self.answer(422, status(422, "Invalid", "Pod is invalid", {"name": "x", "kind": "pods", "causes": causes}))
        elif path.startswith("/api/v1/namespaces/") and path.endswith("/configmaps/a"):
            authorization = self.headers.get("Authorization", "")
            with self.server.lock:
                self.server.authorizations.append((path, authorization))
            if path == "/api/v1/namespaces/rejects-first/configmaps/a" and authorization.startswith("Bearer t-1-"):
                self.answer(401, status(401, "Unauthorized", "Unauthorized"))
            else:
                self.answer(200, CONFIG_MAP)
        elif path in ("/status/401", "/status/401-fixed"):
            self.answer(401, status(401, "Unauthorized", "Unauthorized"))
        elif path == "/status/409":
            self.answer(409, status(409, "AlreadyExists", 'pods "x" already exists'))
        elif path == "/plain/500":
            self.answer(500, b"boom\n", "text/plain")
        elif path == "/retry/429":
            if before == 0:
                self.answer(429, status(429, "TooManyRequests", "slow down"), headers={"Retry-After": "1"})
            else:
                self.answer(200, b'{"after":"retry"}')
        elif path == "/always/503":
            self.answer(503, status(503, "ServiceUnavailable", "busy"))
        elif path == "/always/429":
            self.answer(429, status(429, "TooManyRequests", "slow down"), headers={"Retry-After": "0"})
        elif path == "/warnings":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.send_header("Warning", '299 - "deprecated \\"v1\\""')
            self.send_header("Warning", '299 - "second"')
            self.end_headers()
            self.wfile.write(b"{}")
        elif path == "/gzip":
            self.answer(200, gzip.compress(b'{"zipped":[1.0,2]}'), headers={"Content-Encoding": "gzip"})
        elif path == "/bomb":
            self.answer(200, gzip.compress(b" " * 1_000_000 + b"1"), headers={"Content-Encoding": "gzip"})
        elif path == "/large":
            self.answer(200, b" " * 200_000 + b"1")
        elif path == "/large-chunked":
            self.chunked()
            for _ in range(20):
                self.chunk(b" " * 10_000)
            self.chunk(b"1")
            self.finish_chunks()
        elif path == "/text":
            self.answer(200, b"hello\nworld", "text/plain")
        elif path == "/empty":
            self.answer(200, b"")
        elif path == "/answer/status":
            self.answer(
                200, b'{"kind":"Status","apiVersion":"v1","status":"Success","code":200,"details":{"name":"x"}}'
            )
        elif path == "/pages":
            token = query.get("continue", [""])[0]
            page = {"items": ["a", "b"], "continue": "t1"} if token == "" else {"items": ["c"], "continue": ""}
            self.answer(200, json.dumps(page).encode())
        elif path == "/watch/resume":
            if before == 0:
                self.chunked()
                self.chunk(event("ADDED", "2"))
                self.chunk(event("BOOKMARK", "3"))
                self.drop()
            elif before == 1:
                self.chunked()
                self.chunk(b"\n" + event("MODIFIED", "4"))
                self.finish_chunks()
            else:
                self.answer(410, status(410, "Expired", "too old resource version: 4 (10)"))
        elif path == "/watch/error":
            self.chunked()
            error = {"type": "ERROR", "object": json.loads(status(410, "Expired", "too old resource version"))}
            self.chunk(json.dumps(error).encode() + b"\n")
            self.finish_chunks()
        elif path == "/watch/ends":
            self.chunked()
            self.chunk(event("ADDED", "7"))
            self.finish_chunks()
        elif path == "/watch/huge":
            self.chunked()
            self.chunk(event("ADDED", "8"))
            self.chunk(b'{"type":"ADDED","object":{"pad":"' + b"x" * 5000)
            self.chunk(b'"}}\n')
            self.finish_chunks()
        elif path == "/watch/silent":
            self.chunked()
            self.hold(30)
        elif path == "/watch/stall":
            if before == 0:
                self.chunked()
                self.chunk(event("ADDED", "5"))
                self.hold(20)
            else:
                self.chunked()
                self.chunk(event("MODIFIED", "6"))
                error = {"type": "ERROR", "object": json.loads(status(410, "Expired", "too old"))}
                self.chunk(json.dumps(error).encode() + b"\n")
                self.finish_chunks()
        else:
            self.answer(404, b"no such path", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture(scope="module")
def client(runtime: Path, server: Server) -> dict[str, str]:
    return probe(runtime, "ClientProbe", f"http://127.0.0.1:{server.server_address[1]}")


def test_client_basics(client: dict[str, str], server: Server) -> None:
    port = server.server_address[1]
    assert client["shown"] == (
        f"ApiClient{{Config{{server=http://127.0.0.1:{port}/, namespace=default}}}} Config{{server=https://user:***@example.com:6443, namespace=default}}"
    )
    assert "secret-token" not in client["shown"]
    assert client["get"] == 'ok {"kind":"ConfigMap","data":{"n":1.50e3}}'
    echoed = json.loads(client["query"].removeprefix("ok "))
    assert echoed["target"] == (
        "/echo/namespaces/a%20b/pods/x:y@z?labelSelector=app%3Dx%2Ctier%20in%20%28a%2Cb%29&limit=500&watch=true&list=a&list=b&ratio=1.5&joined=1%7Ctrue%7Cc"
    )
    assert echoed["authorization"] == "Bearer secret-token" and echoed["probe"] == "7" and echoed["method"] == "GET"
    assert client["header-injected"] == "ArgumentException: header X-Probe: its value holds a line break or another character no header can carry"
    assert not server.requests("/echo/header")  # refused before sending, not sent without it
    applied = json.loads(client["apply"].removeprefix("ok "))
    assert applied["target"] == "/echo/apply?fieldManager=probe"
    assert applied["type"] == "application/apply-patch+yaml" and applied["body"] == '{"a":1}'
    form = json.loads(client["form"].removeprefix("ok "))
    assert form["type"] == "application/x-www-form-urlencoded" and form["body"] == "a=x%20y&b=1&b=2"
    assert client["text"] == "ok hello\\nworld"
    assert client["bad-json"].startswith("DecodeException: decoding the response of GET http://127.0.0.1:")
    assert client["empty"] == "ok done"
    assert client["status"] == "ok True Success 200"
    assert client["object"] == 'ok False {"kind":"ConfigMap","data":{"n":1.50e3}}'
    assert client["pages"] == "ok a,b,c"
    assert client["pager"] == "ok a@1,b@1,c@2 then 2"  # a page is fetched when the one before is used up


def test_typed_errors(client: dict[str, str]) -> None:
    assert client["not-found"].startswith(
        'NotFoundException code=404 reason=NotFound message=pods "x" not found causes= '
    )
    assert client["invalid"].startswith(
        "InvalidException code=422 reason=Invalid message=Pod is invalid causes=spec.containers=FieldValueRequired;metadata.name=FieldValueInvalid "
    )
    assert client["exists"].startswith("AlreadyExistsException code=409 reason=AlreadyExists")
    assert client["server"].startswith("ServerException code=500 reason= message=boom causes=")
    assert client["refused"].startswith("ConnectionException: GET http://127.0.0.1:9/x: ")
    assert client["no-server"].startswith("ConfigException: Config.Server is not set")
    assert client["bad-server"] == "ConfigException: Config.Server ftp://user:***@x is not an http(s) URL"


def test_retries(client: dict[str, str], server: Server) -> None:
    assert client["retry"] == 'ok {"after":"retry"}'
    first, second = server.requests("/retry/429")
    assert second[3] - first[3] >= 0.9  # the Retry-After of 1 s was honoured
    assert client["no-retry"].startswith("ServerException code=503")
    assert len(server.requests("/always/503")) == 1  # a POST is not retried after a 503 without Retry-After
    assert client["gave-up"].startswith("TooManyRequestsException code=429") and client["gave-up"].endswith(
        "retryAfter=0"
    )
    assert len(server.requests("/always/429")) == 4


def test_warnings_gzip_and_limits(client: dict[str, str]) -> None:
    assert client["warnings"] == 'ok {} deprecated "v1"|second'
    assert client["gzip"] == 'ok {"zipped":[1.0,2]}'
    assert client["bomb"].startswith(
        "ResponseTooLargeException: the decompressed response exceeds the client's limit of 200000 bytes (GET "
    )
    assert client["large"].startswith(
        "ResponseTooLargeException: Content-Length exceeds the client's limit of 100000 bytes"
    )
    assert client["large-chunked"].startswith(
        "ResponseTooLargeException: the response exceeds the client's limit of 100000 bytes"
    )


def test_watch(client: dict[str, str], server: Server) -> None:
    assert client["watch"].startswith("ok ADDED:2 MODIFIED:4 GoneException code=410 reason=Expired")
    assert client["watch"].endswith("after:False")
    connections = server.requests("/watch/resume")
    assert [c[2].get("resourceVersion") for c in connections] == [["1"], ["3"], ["4"]]
    assert all(c[2]["watch"] == ["true"] and c[2]["allowWatchBookmarks"] == ["true"] for c in connections)
    assert client["watch-error"].startswith("GoneException code=410 reason=Expired")
    assert client["watch-timeout"] == "ok 1"
    assert len(server.requests("/watch/ends")) == 1
    assert client["watch-cancel"] == "ok cancelled True"
    assert client["watch-dispose"] == "ok False True"
    assert client["watch-huge"] == "ok True a watch event exceeds the client's limit of 1000 bytes False"
    assert client["watch-idle"] == "ok ADDED:5 MODIFIED:6 GoneException"
    assert [c[2].get("resourceVersion") for c in server.requests("/watch/stall")] == [None, ["5"]]


# --- configuration: the shared kubeconfig cases, the YAML subset, TLS -----------------------------

# The C# runtime reads kubeconfig YAML without a library, in a documented subset that refuses
# anchors, aliases and merge keys (KubeconfigYaml.cs); the cases that use them expect that refusal.
REFUSED_BY_THE_SUBSET = {"anchors.yaml": ["anchors.yaml", "line 5", "anchors (&) are not supported"]}


def test_shared_kubeconfig_cases(runtime: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(kubeconfig_cases.plan()), "utf-8")
    exe = csharptools.mcs(
        [PROBES / "KubeconfigProbe.cs"], runtime.parent / "KubeconfigProbe.exe", exe=True, references=[runtime]
    )
    result = csharptools.run(exe, str(plan))
    assert result.returncode == 0, result.stdout + result.stderr
    reports = json.loads(result.stdout)
    failures = []
    for case in kubeconfig_cases.cases():
        report = reports[case["name"]]
        refused = [fragments for file, fragments in REFUSED_BY_THE_SUBSET.items() if file in case["kubeconfig"]]
        if refused:
            assert all(f in report.get("error", "") for f in refused[0]), (case["name"], report)
            continue
        printed = str(report.get("error", "")) + "\n" + str(report.get("shown", ""))
        assert not [h for h in case.get("hidden", []) if h in printed], (case["name"], printed)
        want = kubeconfig_cases.expected(case, "csharp")
        if "error" in want:
            if not all(f in report.get("error", "") for f in want["error"]):
                failures.append((case["name"], want, report))
        elif {k: v for k, v in report.items() if k != "shown"} != want["expect"]:
            failures.append((case["name"], want, report))
    assert not failures, failures


def load(runtime: Path, tmp_path: Path, text: str, allowlist: list[str] | None = None) -> dict[str, Any]:
    """The report of KubeconfigProbe for one kubeconfig text."""
    config = tmp_path / "config"
    config.write_text(text, "utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps([{"name": "it", "kubeconfig": str(config), "context": None, "allowlist": allowlist}]), "utf-8"
    )
    exe = runtime.parent / "KubeconfigProbe.exe"
    if not exe.exists():
        csharptools.mcs([PROBES / "KubeconfigProbe.cs"], exe, exe=True, references=[runtime])
    result = csharptools.run(exe, str(plan))
    assert result.returncode == 0, result.stdout + result.stderr
    report: dict[str, Any] = json.loads(result.stdout)["it"]
    return report


def test_exec_allowlist_matches_the_real_path_of_a_symbolic_link(runtime: Path, tmp_path: Path) -> None:
    """A command reached through a symbolic link runs when the allowlist names the file the link resolves to."""
    (tmp_path / "real").mkdir()
    (tmp_path / "bin").mkdir()
    plugin = tmp_path / "real" / "plugin"
    shutil.copy(Path(__file__).parent / "kubeconfig" / "bin" / "plugin", plugin)
    plugin.chmod(0o755)
    (tmp_path / "bin" / "link").symlink_to(plugin)
    text = (
        "current-context: c\nclusters: [{name: k, cluster: {server: 'https://127.0.0.1:1'}}]\n"
        "contexts: [{name: c, context: {cluster: k, user: u}}]\n"
        f"users: [{{name: u, user: {{exec: {{apiVersion: client.authentication.k8s.io/v1, command: '{tmp_path / 'bin' / 'link'}',"
        " args: [linked], env: [{name: PLUGIN_ENV, value: ok}]}}}]\n"
    )
    allowed = load(runtime, tmp_path, text, [str(plugin)])
    assert allowed.get("authorization") == "Bearer exec-linked-ok", allowed
    refused = load(runtime, tmp_path, text, [str(tmp_path / "real" / "other")])
    assert "not in the allowlist" in refused["error"], refused


KUBECONFIG = """\
current-context: c
clusters:
- name: k
  cluster:
    server: {server}
contexts:
- name: c
  context:
    cluster: k
    user: u
    namespace: {namespace}
users:
- name: u
  user:
    token: {token}
"""


@pytest.mark.parametrize(
    ("server", "namespace", "token", "expected"),
    [
        (
            '"https://a.example"  # a comment',
            "'it''s'",
            '"t\\u0041\\x42~"',
            ("https://a.example", "it's", "Bearer tAB~"),
        ),
        ("https://a.example", '"t\\u00e9\\x41\\t"', "t", ("https://a.example", "t\u00e9A\t", "Bearer t")),
        (
            "https://a.example",
            ">\n      folded\n      text\n\n      more\n        kept\n",
            "|-\n      one-line",
            ("https://a.example", "folded text\nmore\n  kept\n", "Bearer one-line"),
        ),
        (
            "https://a.example",
            "plain\n      continued",
            "'multi\n      -line'",
            ("https://a.example", "plain continued", None),  # a token with a space: refused
        ),
        ("https://a.example", "'multi\n      line'", "t", ("https://a.example", "multi line", "Bearer t")),
        ("{not: [a, mapping]}", "n", "t", None),
    ],
    ids=["quoting", "escapes", "block-scalars", "multi-line", "multi-line-quoted", "flow-where-a-string-is-expected"],
)
def test_yaml_subset_values(
    runtime: Path, tmp_path: Path, server: str, namespace: str, token: str, expected: tuple[str, str, str] | None
) -> None:
    report = load(runtime, tmp_path, KUBECONFIG.format(server=server, namespace=namespace, token=token))
    if expected is None:
        assert report["error"].endswith('cluster "k": server must be a string'), report
        return
    if expected[2] is None:
        assert "the token holds a character an HTTP header cannot carry" in report["error"] and "-line" not in report["error"], report
        return
    assert (report.get("server"), report.get("namespace"), report.get("authorization")) == expected, report


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("a: &x 1\n", ["line 1", "anchors (&) are not supported"]),
        ("a: 1\nb: *x\n", ["line 2", "aliases (*) are not supported"]),
        ("a: !!str 1\n", ["line 1", "tags (!) are not supported"]),
        ("a: 1\n---\nb: 2\n", ["line 2", "more than one YAML document"]),
        ("%YAML 1.2\n---\na: 1\n", ["line 1", "directives are not supported"]),
        ("a:\n  <<: {b: 1}\n", ["line 2", "merge keys (<<) are not supported"]),
        ("? a\n: b\n", ["line 1", "explicit keys (?) are not supported"]),
        ("a: b: c\n", ["line 1", "a mapping cannot start on its key's line"]),
        ("a:\n  b: 1\n   c: 2\n", ["line 3", "indentation"]),
        ("a:\n  b: 1\n c: 2\n", ["line 3", "bad indentation"]),
        ("a:\n\tb: 1\n", ["line 2", "tab"]),
        ('a: "open\n', ["line 1", "without its closing"]),
        ('a: "\\q"\n', ["line 1", "unknown escape"]),
        ("a: [1, 2\n", ["without its closing bracket"]),
    ],
    ids=[
        "anchor",
        "alias",
        "tag",
        "two-documents",
        "directive",
        "merge-key",
        "explicit-key",
        "nested-on-one-line",
        "indentation",
        "dedent",
        "tab",
        "unterminated",
        "escape",
        "flow",
    ],
)
def test_yaml_outside_the_subset_is_refused(runtime: Path, tmp_path: Path, text: str, fragments: list[str]) -> None:
    report = load(runtime, tmp_path, text)
    assert "error" in report, report
    for fragment in [str(tmp_path / "config") + ":", "is not valid YAML", *fragments]:
        assert fragment in report["error"], (fragment, report["error"])


def test_yaml_documents_that_fit(runtime: Path, tmp_path: Path) -> None:
    text = (
        "---\n"
        "# JSON-style flow, comments, a sequence at its key's indentation, empty values\n"
        'current-context: "c"\n'
        "preferences: {}\n"
        "extensions:\n"
        "clusters:\n"
        '- {"name": "k", "cluster": {"server": "https://j.example", "insecure-skip-tls-verify": true,}}\n'
        "contexts:\n"
        "  - name: c   # trailing comment\n"
        "    context:\n"
        "      cluster: k\n"
        "      user: u\n"
        "users:\n"
        "- name: u\n"
        "  user:\n"
        "    exec:\n"
        "      command: /bin/echo\n"
        "      args:\n"
        "      - - nested\n"
        "      env: []\n"
        "    token: 'x#y'\n"
    )
    report = load(runtime, tmp_path, text)
    assert report.get("server") == "https://j.example" and report["insecure"] is True, report
    assert report["authorization"] == "Bearer x#y"


CONFIG_MAP = b'{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"1"}}'


class TlsHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass

    def do_GET(self) -> None:
        self.server.seen.append(self.path)  # type: ignore[attr-defined]
        peer = self.connection.getpeercert()  # type: ignore[attr-defined]
        if peer:
            self.server.peers.extend(value for rdn in peer["subject"] for key, value in rdn if key == "commonName")  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(CONFIG_MAP)))
        self.end_headers()
        self.wfile.write(CONFIG_MAP)


@pytest.fixture
def tls_server() -> Iterator[Any]:
    """Makes loopback HTTPS servers (RSA certificates: Mono refuses ECDSA) and stops them."""
    trustme = pytest.importorskip("trustme")
    import ssl

    started: list[ThreadingHTTPServer] = []

    def start(ca: Any, names: tuple[str, ...], client_ca: Any = None) -> ThreadingHTTPServer:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert(*names, key_type=trustme.KeyType.RSA).configure_cert(context)
        if client_ca is not None:
            client_ca.configure_trust(context)
            context.verify_mode = ssl.CERT_REQUIRED
        server = ThreadingHTTPServer(("127.0.0.1", 0), TlsHandler)
        server.daemon_threads = True
        server.seen = []  # type: ignore[attr-defined]
        server.peers = []  # type: ignore[attr-defined]
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def tls_config(path: Path, cluster: str, user: str) -> Path:
    path.write_text(
        f"current-context: c\nclusters: [{{name: k, cluster: {cluster}}}]\n"
        f"contexts: [{{name: c, context: {{cluster: k, user: u, namespace: apps}}}}]\nusers: [{{name: u, user: {user}}}]\n",
        "utf-8",
    )
    return path


def read(runtime: Path, config: Path) -> list[str]:
    exe = runtime.parent / "ReadProbe.exe"
    if not exe.exists():
        csharptools.mcs([PROBES / "ReadProbe.cs"], exe, exe=True, references=[runtime])
    result = csharptools.run(exe, str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    return [line.split("\t", 1)[1] for line in result.stdout.splitlines() if line.startswith("read\t")]


def test_server_certificate_checks(runtime: Path, tmp_path: Path, tls_server: Any) -> None:
    trustme = pytest.importorskip("trustme")
    ca, other = trustme.CA(key_type=trustme.KeyType.RSA), trustme.CA(key_type=trustme.KeyType.RSA)
    server = tls_server(ca, ("kube.internal", "127.0.0.1"))
    named = tls_server(ca, ("kube.internal",))
    url, named_url = f"https://127.0.0.1:{server.server_address[1]}", f"https://127.0.0.1:{named.server_address[1]}"
    trusted = f"certificate-authority-data: {b64(ca.cert_pem.bytes())}"
    cases = {
        "trusted": f'{{server: "{url}", {trusted}}}',
        "untrusted": f'{{server: "{url}", certificate-authority-data: {b64(other.cert_pem.bytes())}}}',
        "wrong-name": f'{{server: "{named_url}", {trusted}}}',
        "wrong-tls-server-name": f'{{server: "{named_url}", {trusted}, tls-server-name: other.internal}}',
        "tls-server-name": f'{{server: "{named_url}", {trusted}, tls-server-name: kube.internal}}',
        "insecure": f'{{server: "{named_url}", insecure-skip-tls-verify: true}}',
    }
    results = {
        name: read(runtime, tls_config(tmp_path / name, cluster, "{token: t}")) for name, cluster in cases.items()
    }
    for accepted in ("trusted", "tls-server-name", "insecure"):
        assert results[accepted] == ["ok a", "ok a"], (accepted, results[accepted])
    for refused in ("untrusted", "wrong-name", "wrong-tls-server-name"):
        assert all(r.startswith("ConnectionException: GET https://127.0.0.1:") for r in results[refused]), (
            refused,
            results[refused],
        )
    assert server.seen == ["/api/v1/namespaces/apps/configmaps/a"] * 2


def test_client_certificates(runtime: Path, tmp_path: Path, tls_server: Any) -> None:
    """The server requires a client certificate: it gets the one the kubeconfig names, from data or files, with a
    PKCS#1, PKCS#8 or SEC1 key; a missing, mismatched or encrypted key is a clear error before anything is sent."""
    trustme = pytest.importorskip("trustme")
    from cryptography.hazmat.primitives import serialization

    ca = trustme.CA(key_type=trustme.KeyType.RSA)
    server = tls_server(ca, ("127.0.0.1",), client_ca=ca)
    cluster = f'{{server: "https://127.0.0.1:{server.server_address[1]}", certificate-authority-data: {b64(ca.cert_pem.bytes())}}}'
    rsa = ca.issue_cert("alice", common_name="alice", key_type=trustme.KeyType.RSA)
    ec = ca.issue_cert("erin", common_name="erin", key_type=trustme.KeyType.ECDSA)
    other = ca.issue_cert("mallory", key_type=trustme.KeyType.RSA)
    key = serialization.load_pem_private_key(rsa.private_key_pem.bytes(), None)
    pkcs8 = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    encrypted = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"pw")
    )
    (tmp_path / "alice.crt").write_bytes(rsa.cert_chain_pems[0].bytes())
    (tmp_path / "alice.key").write_bytes(pkcs8)
    certificate = f"client-certificate-data: {b64(rsa.cert_chain_pems[0].bytes())}"
    users = {
        "pkcs1-data": f"{{{certificate}, client-key-data: {b64(rsa.private_key_pem.bytes())}}}",
        "pkcs8-files": f'{{client-certificate: "{tmp_path / "alice.crt"}", client-key: "{tmp_path / "alice.key"}"}}',
        "sec1": f"{{client-certificate-data: {b64(ec.cert_chain_pems[0].bytes())}, client-key-data: {b64(ec.private_key_pem.bytes())}}}",
        "no-key": f"{{{certificate}}}",
        "wrong-key": f"{{{certificate}, client-key-data: {b64(other.private_key_pem.bytes())}}}",
        "encrypted-key": f"{{{certificate}, client-key-data: {b64(encrypted)}}}",
        "none": "{token: t}",
    }
    results = {name: read(runtime, tls_config(tmp_path / name, cluster, user)) for name, user in users.items()}
    for accepted in ("pkcs1-data", "pkcs8-files", "sec1"):
        assert results[accepted] == ["ok a", "ok a"], (accepted, results[accepted])
    assert server.peers == ["alice"] * 4 + ["erin"] * 2  # type: ignore[attr-defined]
    assert results["no-key"] == [
        "ConfigException: a client certificate needs both the certificate and its key:"
        " give client-certificate(-data) and client-key(-data) together"
    ]
    assert results["wrong-key"] == [
        "ConfigException: Config.ClientKeyData: the key is not the private key of the client certificate of"
        " Config.ClientCertificateData"
    ]
    assert results["encrypted-key"] == ["ConfigException: Config.ClientKeyData: the private key is encrypted; give it unencrypted"]
    assert all(r.startswith("ConnectionException: GET https://127.0.0.1:") for r in results["none"]), results["none"]


def config_probe(runtime: Path, server: Server, scratch: Path, env: dict[str, str]) -> dict[str, str]:
    exe = runtime.parent / "ConfigProbe.exe"
    if not exe.exists():
        csharptools.mcs([PROBES / "ConfigProbe.cs"], exe, exe=True, references=[runtime])
    scratch.mkdir(parents=True, exist_ok=True)
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT")
    }
    result = csharptools.run(exe, f"http://127.0.0.1:{server.server_address[1]}", str(scratch), env={**base, **env})
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(line.split("\t", 1) for line in result.stdout.splitlines() if "\t" in line)


def test_credentials_and_config(runtime: Path, server: Server, tmp_path: Path) -> None:
    got = config_probe(
        runtime,
        server,
        tmp_path / "a",
        {"HOME": str(tmp_path), "KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"},
    )
    assert got["token-file"] == "ok Bearer one"
    assert got["token-file-rotated"] == "ok Bearer three"  # read again when the file changed
    assert got["token-file-401"].startswith("UnauthorizedException")
    assert len(server.requests("/status/401")) == 2  # a token file is read again after a 401, once
    assert got["token-401"].startswith("UnauthorizedException") and len(server.requests("/status/401-fixed")) == 1
    assert got["basic"] == "ok Basic dTpwOnc="
    assert (
        got["injected"]
        == "ConfigException: Config.BearerToken: the token holds a character an HTTP header cannot carry (a line break, a space,"
        " a control character, or one beyond ASCII such as a byte order mark); fix the token (it is not shown)"
    )
    assert got["apply-without-manager"].startswith("ArgumentException: server-side apply needs a field manager")
    assert (
        got["proxy-with-password"]
        == "ConfigException: proxy-url http://u:***@proxy:3128 is not supported: give an http:// proxy without credentials"
    )
    assert got["proxy-https"].startswith("ConfigException: proxy-url https://proxy:3128 is not supported")
    assert got["cancelled"].startswith(("OperationCanceledException", "TaskCanceledException"))
    assert got["deadline"].endswith("no response within 1 s (Config.Timeout)") or got["deadline"].endswith(
        "no whole response within 1 s (Config.Timeout)"
    )
    account = tmp_path / "a" / "account"
    assert (
        got["in-cluster"] == f"ok Config{{server=https://[fd00::1]:6443, namespace=pods-ns}} {account / 'token'} no-ca"
    )
    assert got["in-cluster-token"] == "ok Bearer sa-token"
    assert got["default"] == "ok ApiClient{Config{server=https://[fd00::1]:6443, namespace=pods-ns}}" or got[
        "default"
    ].startswith("ConfigException")


def test_default_configuration(runtime: Path, server: Server, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{server.server_address[1]}"
    missing, config = tmp_path / "missing", tls_config(tmp_path / "config", f'{{server: "{url}"}}', "{token: t}")
    got = config_probe(
        runtime, server, tmp_path / "a", {"HOME": str(tmp_path), "KUBECONFIG": f"{missing}{os.pathsep}{config}"}
    )
    assert got["default"] == f"ok ApiClient{{Config{{server={url}, namespace=apps}}}}"
    home = tmp_path / "home"
    (home / ".kube").mkdir(parents=True)
    (home / ".kube" / "config").write_text(config.read_text("utf-8"), "utf-8")
    got = config_probe(runtime, server, tmp_path / "c", {"HOME": str(home)})
    assert got["default"] == f"ok ApiClient{{Config{{server={url}, namespace=apps}}}}"
    got = config_probe(runtime, server, tmp_path / "b", {"HOME": str(tmp_path)})
    assert got["default"] == (
        f"ConfigException: no configuration: KUBECONFIG is not set, {tmp_path}/.kube/config does not exist,"
        " and this is not a pod (KUBERNETES_SERVICE_HOST is not set)"
    )
    assert (
        got["in-cluster"]
        == "ConfigException: not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set"
    )


# An argument the plugin must receive exactly: no shell, and the runtime's own argument splitting undone.
TRICKY = r'a\\b "c" $HOME `x` d\\ e\\\\'

PLUGIN = """\
import json, os, pathlib, sys
runs = pathlib.Path(sys.argv[1])
count = int(runs.read_text()) + 1 if runs.exists() else 1
runs.write_text(str(count))
info = json.loads(os.environ["KUBERNETES_EXEC_INFO"])
assert info["kind"] == "ExecCredential" and info["spec"]["interactive"] is False
assert info["spec"]["cluster"]["server"].startswith("http://127.0.0.1:")
status = {"token": f"t-{count}-{os.environ['EXTRA']}"}
assert sys.argv[3] == TRICKY, sys.argv[3]
if sys.argv[2] == "expired":
    status["expirationTimestamp"] = "2000-01-01T00:00:00Z"
print(json.dumps({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": status}))
"""


@pytest.mark.parametrize(
    ("namespace", "mode", "tokens", "runs"),
    [
        ("rejects-first", "kept", ["Bearer t-1-x", "Bearer t-2-x", "Bearer t-2-x"], "2"),
        ("expiring", "expired", ["Bearer t-1-x", "Bearer t-2-x"], "2"),
    ],
    ids=["rerun-after-401", "rerun-after-expiry"],
)
def test_exec_plugin_runs_again(
    runtime: Path, server: Server, tmp_path: Path, namespace: str, mode: str, tokens: list[str], runs: str
) -> None:
    plugin = tmp_path / "plugin.py"
    plugin.write_text(f"TRICKY = {TRICKY!r}\n" + PLUGIN, "utf-8")
    url = f"http://127.0.0.1:{server.server_address[1]}"
    user = (
        f'{{exec: {{apiVersion: client.authentication.k8s.io/v1, command: {sys.executable}, args: ["{plugin}", "{tmp_path / "runs"}", {mode}, '
        + f"'{TRICKY}'], "
        f"env: [{{name: EXTRA, value: x}}], provideClusterInfo: true, interactiveMode: Never}}}}"
    )
    config = tmp_path / "config"
    config.write_text(
        f"current-context: c\nclusters: [{{name: k, cluster: {{server: '{url}'}}}}]\n"
        f"contexts: [{{name: c, context: {{cluster: k, user: u, namespace: {namespace}}}}}]\nusers: [{{name: u, user: {user}}}]\n",
        "utf-8",
    )
    assert read(runtime, config) == ["ok a", "ok a"]
    with server.lock:
        seen = [auth for path, auth in server.authorizations if path == f"/api/v1/namespaces/{namespace}/configmaps/a"]
    assert seen == tokens
    assert (tmp_path / "runs").read_text() == runs
