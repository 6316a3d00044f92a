"""kgen generate, end to end: load -> parse -> IR -> render -> format -> write.

Validation runs in another process from the start and is only waited for
before anything is written, so its cost hides behind IR building and rendering.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from kgen import __version__
from kgen.diagnostics import Diagnostic, KgenError, Level, Sink
from kgen.ir.model import Api
from kgen.loading import Limits, load
from kgen.output import WriteReport, write_output
from kgen.passes import build_ir
from kgen.spec.parse import parse_spec
from kgen.targets.base import GeneratedFile, Options
from kgen.templating import templates_root
from kgen.validation import VALIDATION_TIMEOUT, Validation


@dataclass
class Request:
    spec: str
    out: Path
    target: str = "python"
    package_name: str = "kube"
    project_name: str | None = None
    project_version: str = "0.1.0"
    lenient: bool = False
    format: bool = True
    validate: bool = True
    validation_timeout: float = VALIDATION_TIMEOUT
    limits: Limits = field(default_factory=Limits)


@dataclass
class Result:
    api: Api
    files: list[GeneratedFile]
    report: WriteReport | None
    warnings: list[Diagnostic]
    seconds: float


def build(request: Request) -> tuple[Api, list[GeneratedFile], list[Diagnostic]]:
    """Everything but writing: the IR and the final file contents."""
    from kgen.targets.python import target as python_target

    doc = load(request.spec, request.limits)
    validation = Validation(doc.data, doc.sha256, doc.source, request.lenient, request.validation_timeout) if request.validate else None
    try:
        sink = Sink(doc.source, lenient=request.lenient)
        spec = parse_spec(doc, sink, request.limits)
        sink.raise_if_errors()
        api = build_ir(spec, sink)
        options = Options(
            package_name=request.package_name,
            project_name=request.project_name,
            project_version=request.project_version,
            header_spec=doc.sha256,
            kgen_version=__version__,
        )
        try:
            files = python_target.render(api, options)
        except ValueError as exc:
            raise KgenError([Diagnostic(Level.ERROR, str(exc), hint="change the option named in the message")]) from None
        if request.format:
            from kgen.formatting import format_files

            files = format_files(files)
        diagnostics = sink.items
        if validation is not None:
            diagnostics = diagnostics + validation.result()
            validation = None
        errors = [d for d in diagnostics if d.level is Level.ERROR]
        if errors:
            raise KgenError(errors)
        return api, files, [d for d in diagnostics if d.level is Level.WARNING]
    finally:
        if validation is not None:
            validation.cancel()


def provenance(request: Request, api: Api) -> dict[str, object]:
    """What shaped the output: recorded in kgen.lock and compared by --check."""
    return {
        "kgen": __version__,
        "target": request.target,
        "templates": templates_hash(request.target),
        "spec_sha256": api.sha256,
        "options": {
            "package_name": request.package_name,
            "project_name": request.project_name,
            "project_version": request.project_version,
            "lenient": request.lenient,
            "format": request.format,
        },
    }


def templates_hash(target: str) -> str:
    digest = hashlib.sha256()
    root = templates_root() / target
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def generate(request: Request) -> Result:
    started = time.perf_counter()
    api, files, warnings = build(request)
    report = write_output(request.out, files, provenance(request, api))
    return Result(api, files, report, warnings, time.perf_counter() - started)
