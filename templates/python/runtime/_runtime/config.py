# kgen:header
"""Where the API server is and how to authenticate: kubeconfig, the in-cluster service account, or a URL.

The standard library, and PyYAML once a kubeconfig is read (kgen itself
runs this code to reach clusters).

Credentials never appear in reprs, logs or error messages: a token that
holds anything but visible ASCII is refused without being shown, a password in the
server's URL is hidden, and an exec plugin's stderr is shown only in part
(see `_plugin_stderr`). Exec plugins run without a shell. Certificates given inline are handed to ssl through a
private temporary file (mode 0600) that is removed as soon as it is loaded.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import ssl
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, cast
from urllib.parse import urlsplit, urlunsplit

from kgen.templates.python.runtime._runtime.times import parse_time

__all__ = [
    "Config",
    "ConfigError",
    "Credentials",
    "ExecCredentials",
    "StaticToken",
    "TokenFile",
    "in_cluster_config",
    "load_kubeconfig",
]

SERVICE_ACCOUNT = Path("/var/run/secrets/kubernetes.io/serviceaccount")
EXEC_API_VERSIONS = (
    "client.authentication.k8s.io/v1",
    "client.authentication.k8s.io/v1beta1",
)


class ConfigError(Exception):
    """The configuration is missing, malformed, or names something that does not exist."""


# What a token may not hold: a token is visible ASCII (RFC 6750's is stricter); a line break would split the request.
_NOT_HEADER_TEXT = re.compile(r"[^\x21-\x7e]")


def bearer(token: str, source: str) -> str:
    """The Authorization header of a token; a token no header can carry is refused unseen (the HTTP library's
    own refusal would show it)."""
    if _NOT_HEADER_TEXT.search(token):
        raise ConfigError(
            f"{source}: the token holds a character an HTTP header cannot carry (a line break, a space, "
            "a control character, or one beyond ASCII such as a byte order mark); fix the token (it is not shown)"
        )
    return f"Bearer {token}"


def redact_url(url: str) -> str:
    """The URL without the password of its user information (https://user:***@host)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


class Credentials:
    """A source of the Authorization header; refreshed after the server answers 401."""

    # Whether header() may run a program (asyncio clients then call it in a thread).
    blocking = False

    def header(self) -> str | None:
        raise NotImplementedError

    def refresh(self, rejected: str | None) -> bool:
        """Forget what the server rejected; whether a different header is now available."""
        return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} (hidden)>"


class StaticToken(Credentials):
    """A bearer token, or a user name and password, fixed in the configuration."""

    def __init__(
        self,
        token: str | None = None,
        basic: tuple[str, str] | None = None,
        source: str = "the token",
    ) -> None:
        if basic is not None:
            pair = f"{basic[0]}:{basic[1]}".encode()
            self._header = "Basic " + base64.b64encode(pair).decode()
        else:
            self._header = bearer(token or "", source)

    def header(self) -> str | None:
        return self._header


class TokenFile(Credentials):
    """A bearer token read from a file, and read again whenever the file changes (rotation)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._header: str | None = None

    def header(self) -> str | None:
        with self._lock:
            try:
                stat = self.path.stat()
                seen = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
                if seen != self._seen:
                    token = self.path.read_text().strip()
                    self._header = bearer(token, f"token file {self.path}")
                    self._seen = seen
            except (OSError, UnicodeDecodeError) as error:
                reason = getattr(error, "strerror", None) or "not UTF-8 text"
                raise ConfigError(
                    f"cannot read token file {self.path}: {reason}"
                ) from None
            return self._header

    def refresh(self, rejected: str | None) -> bool:
        with self._lock:
            self._seen = None
        return self.header() != rejected


class ExecCredentials(Credentials):
    """A client.authentication.k8s.io exec plugin, run without a shell.

    Its result is cached until its expirationTimestamp (or until the server
    rejects it, when it has none). A client certificate it returns is loaded
    into `on_certificate`, the client's TLS context.
    """

    blocking = True

    def __init__(
        self,
        command: str,
        args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        api_version: str = EXEC_API_VERSIONS[0],
        cluster: Mapping[str, Any] | None = None,
        install_hint: str | None = None,
        on_certificate: Callable[[bytes, bytes], None] | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        if api_version not in EXEC_API_VERSIONS:
            raise ConfigError(
                f"exec plugin apiVersion {api_version!r} "
                f"is not one of {EXEC_API_VERSIONS}"
            )
        self.command = command
        self.args = list(args)
        self.env = dict(env or {})
        self.api_version = api_version
        self.cluster = cluster
        self.install_hint = install_hint
        self.on_certificate = on_certificate
        self.now = now
        self._lock = threading.Lock()
        self._header: str | None = None
        self._expires: datetime | None = None
        self._valid = False

    def header(self) -> str | None:
        with self._lock:
            if not self._valid or (
                self._expires is not None and self.now() >= self._expires
            ):
                self._run()
            return self._header

    def refresh(self, rejected: str | None) -> bool:
        with self._lock:
            self._valid = False
        return self.header() != rejected

    def _run(self) -> None:
        spec: dict[str, Any] = {"interactive": False}
        if self.cluster is not None:
            spec["cluster"] = self.cluster
        info = {"apiVersion": self.api_version, "kind": "ExecCredential", "spec": spec}
        env = {**os.environ, **self.env, "KUBERNETES_EXEC_INFO": json.dumps(info)}
        try:
            done = subprocess.run(
                [self.command, *self.args],
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            hint = f"; {self.install_hint}" if self.install_hint else ""
            raise ConfigError(
                f"exec plugin {self.command!r} could not run: {type(error).__name__}{hint}"
            ) from None
        if done.returncode != 0:
            raise ConfigError(
                f"exec plugin {self.command!r} failed with exit code {done.returncode}:"
                f" {_plugin_stderr(done.stderr)}"
            )
        self._accept(done.stdout)

    def _accept(self, stdout: bytes) -> None:
        try:
            credential = json.loads(stdout)
            status = credential["status"]
        except (ValueError, KeyError, TypeError):
            raise ConfigError(
                f"exec plugin {self.command!r} did not print an ExecCredential"
            ) from None
        if credential.get("apiVersion") != self.api_version:
            raise ConfigError(
                f"exec plugin {self.command!r} answered apiVersion {credential.get('apiVersion')!r},"
                f" not {self.api_version!r}"
            )
        token = status.get("token")
        cert, key = status.get("clientCertificateData"), status.get("clientKeyData")
        if not token and not (cert and key):
            raise ConfigError(
                f"exec plugin {self.command!r} returned neither a token nor a client certificate"
            )
        if cert and key and self.on_certificate is not None:
            self.on_certificate(cert.encode(), key.encode())
        expiry = status.get("expirationTimestamp")
        self._expires = parse_time(expiry) if expiry else None
        source = f"exec plugin {self.command!r}"
        self._header = bearer(token, source) if token else None
        self._valid = True


# A line of a plugin's stderr that names a credential or holds a token-like run is not shown.
_SECRET_LINE = re.compile(
    r"token|secret|password|passwd|bearer|credential|authorization|private|[A-Za-z0-9+=_.~-]{24,}",
    re.IGNORECASE,
)
STDERR_LINES, STDERR_CHARS = 5, 500


def _plugin_stderr(stderr: bytes) -> str:
    """The end of an exec plugin's stderr as errors show it: its last lines, without any that may hold a secret."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()[-STDERR_LINES:]
    shown = ["[redacted]" if _SECRET_LINE.search(line) else line for line in lines]
    return " | ".join(shown)[-STDERR_CHARS:] or "(no stderr)"


class Config:
    """A server and the means to reach it: TLS settings, credentials, default namespace.

    `Config("http://127.0.0.1:8001")` is kubectl proxy; kubeconfig files and
    the in-cluster service account give the full form. TLS is verified
    unless `insecure` is set, against `ca` (PEM) or the system's roots.
    """

    def __init__(
        self,
        server: str,
        *,
        namespace: str = "default",
        ca: bytes | None = None,
        client_cert: tuple[bytes, bytes] | tuple[str, str] | None = None,
        credentials: Credentials | None = None,
        insecure: bool = False,
        tls_server_name: str | None = None,
        proxy: str | None = None,
    ) -> None:
        self.server = server.rstrip("/")
        self.namespace = namespace
        self.ca = ca
        self.client_cert = client_cert
        self.credentials = credentials
        self.insecure = insecure
        self.tls_server_name = tls_server_name
        self.proxy = proxy
        self._ssl: ssl.SSLContext | None = None

    def __repr__(self) -> str:
        return f"<Config {redact_url(self.server)} namespace={self.namespace!r}>"

    def ssl_context(self) -> ssl.SSLContext | None:
        """The TLS context this configuration needs, or None for the defaults (system roots)."""
        if self._ssl is None and (
            self.ca or self.client_cert or self.insecure or self._exec_certs()
        ):
            context = ssl.create_default_context(
                cadata=self.ca.decode() if self.ca else None
            )
            if self.insecure:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            if self.client_cert is not None:
                load_client_cert(context, *self.client_cert)
            self._ssl = context
        return self._ssl

    def _exec_certs(self) -> bool:
        return isinstance(self.credentials, ExecCredentials)

    def load_client_cert(self, cert: bytes, key: bytes) -> None:
        """Use this client certificate on new connections (exec plugins rotate them)."""
        context = self.ssl_context()
        assert context is not None
        load_client_cert(context, cert, key)


def load_client_cert(
    context: ssl.SSLContext, cert: bytes | str, key: bytes | str
) -> None:
    """PEM data, or paths to files; ssl reads only files, so data goes through a private one."""
    if isinstance(cert, str) and isinstance(key, str):
        context.load_cert_chain(cert, key)
        return
    with tempfile.TemporaryDirectory(prefix="client-cert-") as directory:
        path = os.path.join(directory, "client.pem")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(_bytes(cert) + b"\n" + _bytes(key))
        context.load_cert_chain(path)


def _bytes(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode()


# -- kubeconfig ------------------------------------------------------------------
class _Entry:
    """A named cluster, user or context, and the file that holds it (relative paths start there)."""

    def __init__(self, kind: str, name: str, value: dict[str, Any], file: Path) -> None:
        self.kind, self.name, self.value, self.file = kind, name, value, file

    @property
    def where(self) -> str:
        return f"{self.file}: {self.kind} {json.dumps(self.name)}"

    def path(self, relative: str) -> Path:
        return self.file.parent / relative


def load_kubeconfig(
    path: str | os.PathLike[str] | None = None,
    context: str | None = None,
    *,
    exec_allowlist: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """The configuration of a kubeconfig context (the current one unless named).

    Without `path`, the files listed in KUBECONFIG are merged as kubectl
    merges them (the first file to set a value or to name a cluster, user
    or context wins), else ~/.kube/config is read. Relative paths in a file
    are relative to that file. With `exec_allowlist`, only exec plugins
    whose command is listed exactly as the kubeconfig writes it, or as the
    full path it resolves to, may run (never by its base name alone).
    """
    environ = os.environ if environ is None else environ
    if path is not None:
        paths = [Path(path)]
    elif environ.get("KUBECONFIG"):
        paths = [Path(p) for p in environ["KUBECONFIG"].split(os.pathsep) if p]
    else:
        paths = [Path.home() / ".kube" / "config"]
    found = [p for p in paths if path is not None or p.is_file()]
    if not found:
        raise ConfigError(
            f"no kubeconfig file found at {_names(paths)}"
            " (set KUBECONFIG, or name a file)"
        )
    merged = _merge([(p, _read(p)) for p in found])
    name = context or merged["current-context"]
    if not name:
        raise ConfigError(
            f"no context given and no current-context set in {_names(paths)}"
        )
    ctx = _entry(merged, "context", name, paths)
    cluster = _entry(merged, "cluster", ctx.value.get("cluster"), paths)
    user = (
        _entry(merged, "user", ctx.value["user"], paths)
        if ctx.value.get("user")
        else None
    )
    return _config(ctx, cluster, user, exec_allowlist)


def _names(paths: list[Path]) -> str:
    return ", ".join(str(p) for p in paths) or "(no files)"


def _read(path: Path) -> dict[str, Any]:
    """A kubeconfig file, JSON or YAML, read by PyYAML's safe loader (imported only now)."""
    import yaml

    try:
        text = path.read_text()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError(f"cannot read kubeconfig {path}: {reason}") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise ConfigError(
            f"kubeconfig {path} is not valid YAML: {_yaml_problem(error)}"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"kubeconfig {path} is not a mapping")
    return cast("dict[str, Any]", data)


def _yaml_problem(error: Exception) -> str:
    """PyYAML's problem and its line:column (1-based), without the loader's stream name."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return (
        f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
        if mark
        else problem
    )


def _merge(files: list[tuple[Path, dict[str, Any]]]) -> dict[str, Any]:
    """kubectl's merge: the first file to set current-context, or to name an entry, wins."""
    merged: dict[str, Any] = {
        "current-context": None,
        "cluster": {},
        "user": {},
        "context": {},
    }
    for path, data in files:
        if not merged["current-context"]:
            merged["current-context"] = data.get("current-context") or None
        for kind in ("cluster", "user", "context"):
            entries: list[Any] = data.get(kind + "s") or []
            for item in map(_mapping, entries):
                name = item.get("name") if item is not None else None
                if item is None or not isinstance(name, str):
                    continue
                value = _mapping(item.get(kind) or {})
                if value is None:
                    raise ConfigError(
                        f"{path}: {kind} {json.dumps(name)} is not a mapping"
                    )
                merged[kind].setdefault(name, _Entry(kind, name, value, path))
    return merged


def _mapping(value: Any) -> dict[str, Any] | None:
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _entry(merged: dict[str, Any], kind: str, name: Any, paths: list[Path]) -> _Entry:
    entries: dict[str, _Entry] = merged[kind]
    if name not in entries:
        known = ", ".join(sorted(entries)) or "none"
        raise ConfigError(
            f"{kind} {json.dumps(name)} not found in {_names(paths)} (known: {known})"
        )
    return entries[name]


def _data(entry: _Entry, key: str) -> bytes | None:
    """`key-data` (base64) or the file named by `key`."""
    value = entry.value
    if value.get(f"{key}-data"):
        try:
            return base64.b64decode(str(value[f"{key}-data"]), validate=False)
        except ValueError:
            raise ConfigError(f"{entry.where}: {key}-data is not base64") from None
    if value.get(key):
        path = entry.path(str(value[key]))
        try:
            return path.read_bytes()
        except OSError as error:
            raise ConfigError(
                f"{entry.where}: cannot read {key} {path}: {error.strerror}"
            ) from None
    return None


def _config(
    ctx: _Entry,
    cluster: _Entry,
    user: _Entry | None,
    exec_allowlist: Sequence[str] | None,
) -> Config:
    server = cluster.value.get("server")
    if not server:
        raise ConfigError(f"{cluster.where} has no server")
    cert = _data(user, "client-certificate") if user else None
    key = _data(user, "client-key") if user else None
    config = Config(
        str(server),
        namespace=ctx.value.get("namespace") or "default",
        ca=_data(cluster, "certificate-authority"),
        client_cert=(cert, key) if cert and key else None,
        insecure=cluster.value.get("insecure-skip-tls-verify") is True,
        tls_server_name=cluster.value.get("tls-server-name"),
        proxy=cluster.value.get("proxy-url"),
    )
    if user is not None:
        config.credentials = _credentials(user, cluster.value, config, exec_allowlist)
    return config


def _credentials(
    user: _Entry,
    cluster: dict[str, Any],
    config: Config,
    exec_allowlist: Sequence[str] | None,
) -> Credentials | None:
    value = user.value
    if value.get("token"):
        return StaticToken(_secret(user, "token"), source=user.where)
    if value.get("tokenFile"):
        path = user.path(str(value["tokenFile"]))
        if not path.is_file():
            raise ConfigError(f"{user.where}: tokenFile {path} does not exist")
        return TokenFile(path)
    if value.get("exec"):
        return _exec(user, cluster, config, exec_allowlist)
    if value.get("username") and value.get("password"):
        return StaticToken(basic=(str(value["username"]), _secret(user, "password")))
    if value.get("auth-provider"):
        provider: dict[str, Any] = value["auth-provider"] or {}
        raise ConfigError(
            f"{user.where}: auth-provider {json.dumps(provider.get('name'))} is not supported:"
            " use an exec plugin instead"
        )
    return None


def _secret(user: _Entry, key: str) -> str:
    """A user's token or password, which kubectl reads only as a string; any other value is refused unseen."""
    secret = user.value[key]
    if not isinstance(secret, str):
        raise ConfigError(f"{user.where}: {key} must be a string (it is not shown)")
    return secret


def _exec(
    user: _Entry,
    cluster: dict[str, Any],
    config: Config,
    allowlist: Sequence[str] | None,
) -> ExecCredentials:
    spec = _mapping(user.value["exec"]) or {}
    written = spec.get("command")
    if not written or not isinstance(written, str):
        raise ConfigError(f"{user.where}: exec plugin without a command")
    # A command with a slash is relative to the kubeconfig file, as kubectl has it; a name is looked up on PATH.
    command = (
        str(user.path(written)) if "/" in written or os.sep in written else written
    )
    if allowlist is not None and not _allowed(written, command, allowlist):
        raise ConfigError(
            f"{user.where}: exec plugin {json.dumps(written)} is not in the allowlist"
            " (list the command as the kubeconfig writes it, or its full path)"
        )
    info = None
    if spec.get("provideClusterInfo"):
        info = {
            k: cluster[k]
            for k in ("server", "certificate-authority-data")
            if cluster.get(k)
        }
    return ExecCredentials(
        command,
        [str(a) for a in cast("list[Any]", spec.get("args") or [])],
        _exec_env(user, cast("list[Any]", spec.get("env") or [])),
        spec.get("apiVersion") or EXEC_API_VERSIONS[0],
        info,
        spec.get("installHint"),
        config.load_client_cert,
    )


def _allowed(written: str, command: str, allowlist: Sequence[str]) -> bool:
    """The command exactly as written, or the executable it resolves to; a base name never matches a path."""
    found = shutil.which(command)
    resolved: set[str] = {found, os.path.realpath(found)} if found else set()
    return written in allowlist or bool(resolved & set(allowlist))


def _exec_env(user: _Entry, entries: Sequence[Any]) -> dict[str, str]:
    env: dict[str, str] = {}
    for index, item in enumerate(map(_mapping, entries)):
        name, value = (item.get("name"), item.get("value")) if item else (None, None)
        if not isinstance(name, str):
            raise ConfigError(f"{user.where}: exec env entry {index} has no name")
        if not isinstance(value, str):
            raise ConfigError(
                f"{user.where}: exec env entry {json.dumps(name)} has no value"
            )
        env[name] = value
    return env


# -- in cluster ------------------------------------------------------------------
def in_cluster_config(
    directory: str | os.PathLike[str] = SERVICE_ACCOUNT,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """The pod's service account: its token (re-read when rotated), CA and namespace."""
    environ = os.environ if environ is None else environ
    host, port = environ.get("KUBERNETES_SERVICE_HOST"), environ.get(
        "KUBERNETES_SERVICE_PORT"
    )
    if not host or not port:
        raise ConfigError(
            "not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set"
        )
    root = Path(directory)
    if not (root / "token").is_file():
        raise ConfigError(f"no service account token in {root}")
    namespace = root / "namespace"
    host = f"[{host}]" if ":" in host else host
    return Config(
        f"https://{host}:{port}",
        namespace=namespace.read_text().strip() if namespace.is_file() else "default",
        ca=(root / "ca.crt").read_bytes() if (root / "ca.crt").is_file() else None,
        credentials=TokenFile(root / "token"),
    )
