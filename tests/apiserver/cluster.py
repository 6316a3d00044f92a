"""A real kube-apiserver with etcd on loopback, for the end-to-end tests.

Both are built from the Go module proxy by the wrapper module in kube/
(kube-apiserver from k8s.io/kubernetes, etcd from a small program of ours
over go.etcd.io/etcd/server/v3/embed), once per machine: the binaries are
cached outside the repository, under $KGEN_APISERVER_CACHE (default
~/.cache/kgen/apiserver), in a directory named for the Kubernetes version
and the wrapper's content. The first build takes a long while; later ones
find the binaries.

At start-up the cluster gets fresh certificates (a CA, a serving
certificate for 127.0.0.1, a service-account signing key) and an admin
token, ports the kernel picks, and empty etcd data; at teardown both
processes are stopped and their files removed with the session's.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import trustme
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

VERSION = "v1.36.3"
WRAPPER = Path(__file__).parent / "kube"
BINARIES = {"kube-apiserver": "k8s.io/kubernetes/cmd/kube-apiserver", "etcd": "./etcd"}
# What Kubernetes' own build stamps in (else /version and the OpenAPI info say v0.0.0-master).
VERSION_FLAGS = " ".join(
    f"-X k8s.io/component-base/version.{name}={value}" for name, value in (("gitVersion", VERSION), ("gitMajor", "1"), ("gitMinor", VERSION.split(".")[1]))
)
BUILD_TIMEOUT = 45 * 60  # a cold build took 17 min on two loaded cores; past this, CI fails with the build's output, not its own time limit
READY_TIMEOUT = 180.0
TOKEN = "kgen-e2e-admin-token"
# Watches are closed by the server after 3-6 s (min-request-timeout), so every watch test sees a resume.
WATCH_CLOSE_SECONDS = 3


def go_missing() -> str | None:
    """Why the apiserver cannot be built here, or None (a Go from 1.21 on fetches the toolchain go.mod names)."""
    if shutil.which("go") is None:
        return "Go is not installed: the end-to-end tests build kube-apiserver with it (.ci/run installs Go)"
    version = subprocess.run(["go", "env", "GOVERSION"], capture_output=True, text=True, timeout=60).stdout.strip()
    minor = re.match(r"go1\.(\d+)", version)
    if minor is None or int(minor.group(1)) < 21:
        return f"Go {version or '(unknown version)'} cannot build kube-apiserver {VERSION}: install Go 1.21 or later"
    return None


def cache_dir() -> Path:
    """Where this version's binaries live: keyed by the Kubernetes version and the wrapper module's content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in WRAPPER.rglob("*") if p.is_file()):
        digest.update(path.relative_to(WRAPPER).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    root = Path(os.environ.get("KGEN_APISERVER_CACHE", "~/.cache/kgen/apiserver")).expanduser()
    return root / f"{VERSION}-{digest.hexdigest()[:12]}"


def build() -> dict[str, Path]:
    """The binaries, built once per machine; concurrent sessions wait for the one that builds."""
    directory = cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    binaries = {name: directory / name for name in BINARIES}
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for name, package in BINARIES.items():
            if not binaries[name].is_file():
                _go_build(package, binaries[name])
    return binaries


def _go_build(package: str, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    command = ["go", "build", "-trimpath", f"-ldflags=-s -w {VERSION_FLAGS}", "-o", str(partial), package]
    started = time.monotonic()
    result = subprocess.run(command, cwd=WRAPPER, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {WRAPPER}:\n{result.stdout[-3000:]}{result.stderr[-6000:]}")
    partial.rename(target)
    print(f"built {target} in {time.monotonic() - started:.0f}s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    """How to reach the running cluster: its URL, admin token, CA and a kubeconfig naming them."""

    url: str
    token: str
    ca: Path
    kubeconfig: Path
    etcd: str  # etcd's client URL (its JSON gateway compacts on demand)
    logs: Path

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))

    def get(self, path: str) -> tuple[int, bytes]:
        """A GET as the admin, for probes; any HTTP status is returned, not raised."""
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(request, context=self.ssl_context(), timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def compact(self) -> int:
        """Compact etcd's history, as the apiserver's periodic compaction would: every version handed out so far is then gone.

        Two writes of a key outside the apiserver's prefix come first: a watch from
        version v starts at v + 1, which must be history too.
        """
        for _ in range(2):
            reply = self._etcd("/v3/kv/put", {"key": _b64("/kgen-e2e/compaction"), "value": _b64("tick")})
        revision = int(reply["header"]["revision"])  # type: ignore[index]
        self._etcd("/v3/kv/compaction", {"revision": str(revision), "physical": True})
        return revision

    def _etcd(self, path: str, body: dict[str, object]) -> dict[str, object]:
        request = urllib.request.Request(self.etcd + path, data=json.dumps(body).encode(), method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _certificates(work: Path) -> dict[str, Path]:
    """A CA, the serving certificate it signs for 127.0.0.1, and the service-account key pair."""
    ca = trustme.CA()
    serving = ca.issue_cert("127.0.0.1", "localhost", "kubernetes.default.svc")
    files = {name: work / name for name in ("ca.crt", "serving.crt", "serving.key", "sa.key", "sa.pub")}
    ca.cert_pem.write_to_path(str(files["ca.crt"]))
    serving.cert_chain_pems[0].write_to_path(str(files["serving.crt"]))
    serving.private_key_pem.write_to_path(str(files["serving.key"]))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    files["sa.key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    files["sa.pub"].write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return files


def _kubeconfig(path: Path, url: str, ca: Path) -> None:
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "e2e", "cluster": {"server": url, "certificate-authority": str(ca)}}],
        "users": [{"name": "admin", "user": {"token": TOKEN}}],
        "contexts": [{"name": "e2e", "context": {"cluster": "e2e", "user": "admin", "namespace": "default"}}],
        "current-context": "e2e",
    }
    path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def _apiserver_args(files: dict[str, Path], port: int, etcd: str, tokens: Path) -> list[str]:
    return [
        f"--etcd-servers={etcd}",
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        f"--secure-port={port}",
        f"--tls-cert-file={files['serving.crt']}",
        f"--tls-private-key-file={files['serving.key']}",
        f"--client-ca-file={files['ca.crt']}",
        f"--token-auth-file={tokens}",
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc",
        f"--service-account-key-file={files['sa.pub']}",
        f"--service-account-signing-key-file={files['sa.key']}",
        "--service-cluster-ip-range=10.96.0.0/24",
        "--etcd-compaction-interval=0",  # compaction happens when a test asks for it (Cluster.compact)
        # Secrets are served by etcd itself, so a compaction expires their continue tokens and watch versions at
        # once (the watch cache learns of compactions late, and keeps the history its window holds).
        "--watch-cache-sizes=secrets#0",
        f"--min-request-timeout={WATCH_CLOSE_SECONDS}",
        "--profiling=false",
    ]


class _Process:
    """A child process whose output goes to a log file; stopped with SIGTERM, then SIGKILL."""

    def __init__(self, command: list[str], log: Path) -> None:
        self.log = log
        with open(log, "wb") as out:
            self.popen = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def tail(self, lines: int = 60) -> str:
        text = self.log.read_text("utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=20)


def _wait_ready(cluster: Cluster, apiserver: _Process, etcd: _Process) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    last = "no answer yet"
    while time.monotonic() < deadline:
        for name, process in (("etcd", etcd), ("kube-apiserver", apiserver)):
            if process.popen.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.popen.returncode}; its log ends:\n{process.tail()}")
        try:
            status, body = cluster.get("/readyz")
            if status == 200:
                return
            last = f"HTTP {status}: {body.decode(errors='replace')[-2000:]}"
        except OSError as error:
            last = str(error)
        time.sleep(0.5)
    raise RuntimeError(f"kube-apiserver not ready after {READY_TIMEOUT:.0f}s ({last}); its log ends:\n{apiserver.tail()}")


@contextmanager
def running(work: Path) -> Iterator[Cluster]:
    """Build if needed, start etcd and kube-apiserver in `work`, wait for /readyz; stop both at exit."""
    binaries = build()
    files = _certificates(work)
    tokens = work / "tokens.csv"
    tokens.write_text(f'{TOKEN},admin,admin-uid,"system:masters"\n', "utf-8")
    etcd_url, port = f"http://127.0.0.1:{_free_port()}", _free_port()
    etcd = _Process(
        [str(binaries["etcd"]), f"--data-dir={work / 'etcd'}", f"--listen-client-url={etcd_url}", f"--listen-peer-url=http://127.0.0.1:{_free_port()}"],
        work / "etcd.log",
    )
    apiserver = None
    try:
        apiserver = _Process([str(binaries["kube-apiserver"]), *_apiserver_args(files, port, etcd_url, tokens)], work / "kube-apiserver.log")
        cluster = Cluster(f"https://127.0.0.1:{port}", TOKEN, files["ca.crt"], work / "kubeconfig", etcd_url, work)
        _kubeconfig(cluster.kubeconfig, cluster.url, cluster.ca)
        _wait_ready(cluster, apiserver, etcd)
        yield cluster
    finally:
        if apiserver is not None:
            apiserver.stop()
        etcd.stop()


if __name__ == "__main__":  # .ci/run builds ahead of the tests, so the build's time shows on its own
    if reason := go_missing():
        print(f"the end-to-end tests will skip: {reason}")
    else:
        for name, path in build().items():
            print(f"{name}: {path}")
