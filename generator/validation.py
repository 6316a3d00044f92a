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
from importlib import metadata
from multiprocessing.connection import Connection
from typing import Any

from kgen.cache import Cache
from kgen.diagnostics import Diagnostic, Level, pointer

Problem = tuple[list[str], str]

# What the validator reports that kgen's own parser already reports, with --lenient handling.
ALREADY_REPORTED = {(("info",), "'version' is a required property")}

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
            problems.append(([str(p) for p in getattr(error, "absolute_path", ())], str(error.message)))
    except Exception as exc:  # noqa: BLE001 - the validator raises on some invalid input
        problems.append(([], f"the validator could not check this document: {type(exc).__name__}: {exc}"))
    return problems


def part_count(data: Any, wanted: int) -> int:
    """How many parts `data` splits into: `wanted`, or 1 for a document with fewer paths than that."""
    paths = data.get("paths") if isinstance(data, dict) else None
    return wanted if isinstance(paths, dict) and len(paths) >= wanted > 1 else 1


def split(data: Any, parts: int) -> list[Any]:
    """Sub-documents with every definition and a share of the paths, balanced by size."""
    if part_count(data, parts) == 1:
        return [data]
    paths = data["paths"]
    sizes = sorted(((len(json.dumps(v)), k) for k, v in paths.items()), reverse=True)
    buckets: list[dict[str, Any]] = [{} for _ in range(parts)]
    loads = [0] * parts
    for size, key in sizes:
        i = loads.index(min(loads))
        buckets[i][key] = paths[key]
        loads[i] += size
    return [dict(data, paths=dict(sorted(b.items()))) for b in buckets]


def _worker(index: int, parts: int, conn: Connection, data: Any = None) -> None:
    document = split(data if data is not None else _DOCUMENT, parts)[index]
    conn.send(validate_document(document))
    conn.close()


class Validation:
    """A validation running in the background (or answered from the cache)."""

    def __init__(self, data: Any, sha256: str, source: str, lenient: bool):
        self.source, self.lenient = source, lenient
        self.cache = Cache("validation")
        self.key = f"{sha256}-{_validator_version()}"
        cached = self.cache.get(self.key)
        self.problems: list[Problem] | None = json.loads(cached) if cached is not None else None
        self.workers: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
        if self.problems is None:
            self._start(data)

    def _start(self, data: Any) -> None:
        global _DOCUMENT
        context = start_context()
        fork = context.get_start_method() == "fork"
        parts = part_count(data, os.cpu_count() or 1)
        _DOCUMENT = data
        try:
            for index in range(parts):
                receive, send = context.Pipe(duplex=False)
                args = (index, parts, send) if fork else (index, parts, send, data)
                process = context.Process(target=_worker, args=args, daemon=True)
                process.start()
                send.close()
                self.workers.append((process, receive))
        finally:
            _DOCUMENT = None

    def result(self) -> list[Diagnostic]:
        if self.problems is None:
            problems: list[Problem] = []
            for process, conn in self.workers:
                try:
                    problems.extend(conn.recv())
                except EOFError:
                    problems.append(([], f"the validator process ended unexpectedly (exit code {process.exitcode})"))
                process.join()
            self.workers = []
            unique = {json.dumps(p): p for p in problems}  # document-level problems come from every part
            self.problems = [unique[k] for k in sorted(unique)]
            self.cache.put(self.key, json.dumps(self.problems).encode())
        return [
            Diagnostic(Level.ERROR, f"validation: {message}", pointer(*path), "fix the document where the pointer shows", self.source)
            for path, message in self.problems
            if (tuple(path), message) not in ALREADY_REPORTED
        ]

    def cancel(self) -> None:
        for process, conn in self.workers:
            process.kill()
            process.join()
            conn.close()
        self.workers = []


def start_context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it (no re-import, no copy of the document), else spawn."""
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
