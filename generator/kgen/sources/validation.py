"""openapi-spec-validator, run beside IR building and rendering, its verdict cached by the spec's hash.

Validating a large document costs seconds, almost all of it in its paths.
kgen splits the paths over one process per core (each process also sees
every definition, so references resolve), starts them at once, and waits
only before writing. The validator raises on some broken input instead of
reporting it (dangling references); kgen's own checks catch those first,
and any exception becomes a diagnostic.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import time
from importlib import metadata
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import unquote

from kgen.cache import Cache
from kgen.diagnostics import Diagnostic, Level, pointer, unescape_token

Problem = tuple[list[str], str]

RULES = "3"  # what kgen leaves to the validator (see _drop_what_kgen_reads); part of the cache key
# What the validator reports that kgen's own parser already reports, with --lenient handling.
ALREADY_REPORTED = {(("info",), "'version' is a required property")}
ALREADY_REPORTED_TEXT = re.compile(r"Operation ID '.*' for '.*' in '.*' is not unique|Path parameter '.*' for '.*' operation in '.*' was not resolved")

VALIDATION_TIMEOUT = 120.0  # seconds; Kubernetes with CRDs validates in about 7 s on one core
_DOCUMENT: Any = None  # the document forked workers read, instead of receiving a copy


def _validator_version() -> str:
    try:
        return metadata.version("openapi-spec-validator")
    except metadata.PackageNotFoundError:
        return "unknown"


def validate_document(data: Any) -> list[Problem]:
    """(path, message) for each problem the validator reports."""
    from openapi_spec_validator import OpenAPIV2SpecValidator

    problems: list[Problem] = []
    try:
        for error in OpenAPIV2SpecValidator(data).iter_errors():
            error = _most_specific(error)
            problems.append(([str(p) for p in getattr(error, "absolute_path", ())], str(error.message)))
    except Exception as exc:  # noqa: BLE001 - the validator raises on some invalid input
        problems.append(([], f"the validator could not check this document: {type(exc).__name__}: {exc}"))
    return problems


def _most_specific(error: Any) -> Any:
    """For "not valid under any of the given schemas", the sub-error that explains it best."""
    context = getattr(error, "context", None)
    if not context:
        return error
    from jsonschema.exceptions import best_match

    return best_match(context) or error


def partition(data: Any, parts: int) -> list[list[str]]:
    """The path keys each worker validates: at most `parts` groups of about equal work."""
    paths = data.get("paths") if isinstance(data, dict) else None
    if not isinstance(paths, dict) or len(paths) < 2 or parts <= 1:
        return [[]]  # one worker, the whole document
    weights = sorted(((len(v) if isinstance(v, dict) else 1, k) for k, v in paths.items()), key=lambda wk: (-wk[0], wk[1]))
    groups: list[list[str]] = [[] for _ in range(min(parts, len(paths)))]
    loads = [0] * len(groups)
    for weight, key in weights:
        i = loads.index(min(loads))
        groups[i].append(key)
        loads[i] += weight
    return groups


def _part(data: Any, keys: list[str]) -> Any:
    """The document with every definition and only these paths (all of them when keys is empty)."""
    if not keys:
        return data
    return dict(data, paths={k: data["paths"][k] for k in keys})


def _worker(keys: list[str], conn: Connection, data: Any = None) -> None:
    """Runs in a child process, on its own copy of the document (forked or received)."""
    document = data if data is not None else _DOCUMENT
    _drop_what_kgen_reads(document)
    conn.send(validate_document(_part(document, keys)))
    conn.close()


def _drop_what_kgen_reads(data: Any) -> None:
    """Remove, in place, what kgen's parser reads itself (a quirk, an error unless --lenient, or a Swagger 2.0 rule
    openapi-spec-validator does not know), so that the validator checks the rest.

    Left in, the validator would only repeat kgen's report, often as a confusing error about another branch of
    a schema or against the wrong pointer, or stop altogether (an unresolvable `$ref`): patterns Python's re
    rejects, references that do not resolve in the document, JSON-Schema type arrays, tuple-style `items`
    (Swagger 2.0's own schema allows them), `type: file` response schemas (which Swagger 2.0 allows) and `paths: null`.
    """
    if isinstance(data, dict) and data.get("paths", {}) is None:
        data["paths"] = {}
    _file_responses(data)
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            pattern = node.get("pattern")
            if isinstance(pattern, str) and not _compiles(pattern):
                del node["pattern"]
            if "$ref" in node and not _resolves(data, node["$ref"]):
                del node["$ref"]
            if isinstance(node.get("type"), list):
                del node["type"]
            if isinstance(node.get("items"), list):
                node["items"] = {"allOf": node["items"]}  # each part is still checked as a schema
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _resolves(data: Any, ref: Any) -> bool:
    """Whether a reference names an entry of this document (#/section/name)."""
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return False
    section, _, name = ref[2:].partition("/")
    entries = data.get(section) if isinstance(data, dict) else None
    name = unescape_token(unquote(name))
    return isinstance(entries, dict) and name in entries


def _file_responses(data: Any) -> None:
    """`schema: {type: file}` of responses as a string, which every validator knows."""
    if not isinstance(data, dict):
        return
    containers = [data.get("responses")]
    for item in (data.get("paths") or {}).values() if isinstance(data.get("paths"), dict) else ():
        for operation in item.values() if isinstance(item, dict) else ():
            containers.append(operation.get("responses") if isinstance(operation, dict) else None)
    for responses in containers:
        for response in responses.values() if isinstance(responses, dict) else ():
            schema = response.get("schema") if isinstance(response, dict) else None
            if isinstance(schema, dict) and schema.get("type") == "file":
                schema["type"] = "string"


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


class Validation:
    """A validation running in the background (or answered from the cache), for at most `timeout` seconds.

    Validators can be made slow on purpose: checking `uniqueItems` on a list of
    mixed values is quadratic (an enum of 100,000), and defaults are matched
    against their own `pattern` (a catastrophic regular expression). The
    deadline bounds the run; past it, the validation is an error unless
    --lenient, which goes on with kgen's own checks alone.
    """

    def __init__(self, data: Any, sha256: str, source: str, lenient: bool, timeout: float = VALIDATION_TIMEOUT):
        self.source, self.lenient = source, lenient
        self.deadline = time.monotonic() + timeout
        self.timeout = timeout
        self.cache = Cache("validation")
        self.key = f"{sha256}-{_validator_version()}-{RULES}"
        cached = self.cache.get(self.key)
        self.problems: list[Problem] | None = json.loads(cached) if cached is not None else None
        self.workers: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
        if self.problems is None:
            self._start(data)

    def _start(self, data: Any) -> None:
        global _DOCUMENT
        context = start_context()
        fork = context.get_start_method() == "fork"
        _DOCUMENT = data
        try:
            for keys in partition(data, max(1, os.cpu_count() or 1)):
                receive, send = context.Pipe(duplex=False)
                args = (keys, send) if fork else (keys, send, data)
                process = context.Process(target=_worker, args=args, daemon=True)
                process.start()
                send.close()
                self.workers.append((process, receive))
        finally:
            _DOCUMENT = None

    def result(self) -> list[Diagnostic]:
        if self.problems is None:
            problems: list[Problem] = []
            complete = True
            for process, conn in self.workers:
                if not conn.poll(max(0.0, self.deadline - time.monotonic())):
                    self.cancel()
                    return [self._late()]
                try:
                    problems.extend(conn.recv())
                except EOFError:
                    process.join()
                    problems.append(([], f"the validator process ended unexpectedly (exit code {process.exitcode})"))
                    complete = False
                process.join()
            self.workers = []
            unique = {json.dumps(p): p for p in problems}  # document-level problems come from every part
            self.problems = [unique[k] for k in sorted(unique)]
            if complete:  # a crash says nothing about the document: ask again next time
                self.cache.put(self.key, json.dumps(self.problems).encode())
        # --lenient goes on past what only the validator finds (keys Swagger 2.0 does not define, such as
        # go-swagger's additionalItems): kgen reads what it knows and its own parser still stops on what it cannot
        level, hint = (Level.WARNING, "kgen ignored it; fix the document where the pointer shows") if self.lenient else (Level.ERROR, "fix the document where the pointer shows, or pass --lenient to go on with a warning")
        return [
            Diagnostic(level, f"validation: {message}", pointer(*path), hint, self.source, kind="validation")
            for path, message in self.problems
            if (tuple(path), message) not in ALREADY_REPORTED and not ALREADY_REPORTED_TEXT.fullmatch(message)
        ]

    def _late(self) -> Diagnostic:
        message = f"validation did not finish within {self.timeout:g} s (the limit set by --validation-timeout)"
        hint = "raise --validation-timeout if the document is trusted; validators are slow on huge enums of mixed values and on catastrophic patterns"
        if self.lenient:
            return Diagnostic(Level.WARNING, message + "; going on without it", "", hint, self.source, kind="validation")
        return Diagnostic(Level.ERROR, message, "", hint + ", or pass --lenient to go on without the validator", self.source)

    def cancel(self) -> None:
        for process, conn in self.workers:
            process.kill()
            process.join()
            conn.close()
        self.workers = []


def start_context() -> multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext:
    """fork where the platform has it (no re-import, no copy of the document), else spawn."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
