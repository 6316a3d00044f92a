"""kgen generate, end to end: load -> parse -> IR -> render -> format -> write.

Validation runs in another process from the start and is only waited for
before anything is written, so its cost hides behind IR building and rendering.
`stage` callbacks name each step as it starts (the terminal's progress display).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import jinja2

from kgen import __version__
from kgen import sources
from kgen.targets import packs, registry
from kgen.diagnostics import Diagnostic, KgenError, Level, Sink
from kgen.ir.model import Api, TupleOf
from kgen.ir.walk import parts
from kgen.emit.outdir import OutputDir
from kgen.emit.output import WriteReport, write_output
from kgen.passes import build_ir
from kgen.app.request import Request, provenance
from kgen.sources import Inputs
from kgen.spec.parse import parse_spec
from kgen.targets.base import GeneratedFile, Options
from kgen.targets.protocol import Target
from kgen.targets.templating import environment
from kgen.sources.validation import Validation

__all__ = ["Inputs", "Request", "Result", "Stage", "build", "build_api", "generate"]

Stage = Callable[[str], None]


def _silent(name: str) -> None:
    return None


@dataclass
class Result:
    api: Api
    files: list[GeneratedFile]
    report: WriteReport | None
    warnings: list[Diagnostic]
    seconds: float


def build_api(request: Request, stage: Stage = _silent, inputs: Inputs | None = None) -> tuple[Api, list[Diagnostic]]:
    """Load, validate and build the IR (no rendering): what `kgen validate` and `kgen list` need."""
    api, finish = _start(request, stage, inputs)
    return api, finish()


def build(request: Request, stage: Stage = _silent, inputs: Inputs | None = None) -> tuple[Api, list[GeneratedFile], list[Diagnostic]]:
    """Everything but writing: the IR and the final file contents. `inputs` are the request's, if already read."""
    api, finish = _start(request, stage, inputs)
    options = Options(
        package_name=request.package_name,
        project_name=request.project_name,
        project_version=request.project_version,
        kgen_version=__version__,
        spec_sha256=api.sha256,
    )
    try:
        stage("rendering")
        target, env = _target(request)
        try:
            files = list(target.render(api, options, env))
        except ValueError as exc:
            raise KgenError([Diagnostic(Level.ERROR, str(exc), hint="change the option named in the message")]) from None
        if request.format:
            stage("formatting")
            files = target.format_files(files)
    except BaseException:
        finish.cancel()
        raise
    return api, files, finish() + [finish.sink.origins.relocate(d) for d in _lost_shapes(api, target)]


def _lost_shapes(api: Api, target: Target) -> list[Diagnostic]:
    """A warning where the IR has a shape the target cannot spell (a tuple in Go), saying what it does instead."""
    fallback = target.WITHOUT_TUPLES
    if fallback is None:
        return []
    places = [(m.pointer, m.alias) for m in api.models.values()] + [(f.pointer, f.type) for m in api.models.values() for f in m.fields]
    places += [(op.pointer, t) for op in api.operations for t in (op.returns.type, *(p.type for p in [*op.params, *([op.body] if op.body else [])]))]
    return [
        Diagnostic(Level.WARNING, f"tuple-style items: {fallback}", pointer, "nothing to do: other targets keep the tuple", api.source, kind="tuple")
        for pointer, t in places
        if any(isinstance(part, TupleOf) for part in parts([t]))
    ]


def _target(request: Request) -> tuple[Target, jinja2.Environment | None]:
    """The target that renders, and its templates: a built-in target (overridden by a pack's templates), or a pack's own target."""
    if request.templates is None:
        return registry.builtin(request.target), None
    pack = packs.read(request.templates)
    if pack.name is None:
        return registry.builtin(request.target), environment(request.target, [pack.path])
    return registry.of_pack(pack), environment(None, [pack.path])


class _Finish:
    """Waits for the background validation and turns every error into one KgenError."""

    def __init__(self, sink: Sink, validation: Validation | None, stage: Stage):
        self.sink, self.validation, self.stage = sink, validation, stage

    def __call__(self) -> list[Diagnostic]:
        diagnostics = self.sink.items
        if self.validation is not None:
            self.stage("validating")
            diagnostics = diagnostics + [self.sink.origins.relocate(d) for d in self.validation.result()]
            self.validation = None
        errors = [d for d in diagnostics if d.level is Level.ERROR]
        if errors:
            raise KgenError(errors)
        return [d for d in diagnostics if d.level is Level.WARNING]

    def cancel(self) -> None:
        if self.validation is not None:
            self.validation.cancel()
            self.validation = None


def _start(request: Request, stage: Stage, inputs: Inputs | None) -> tuple[Api, _Finish]:
    """Read and parse the document (joining CRD manifests to it), start validating it, and build the IR."""
    stage("reading")
    doc, origins, warnings = sources.document(inputs if inputs is not None else sources.read(request), request.limits)
    validation = Validation(doc.data, doc.sha256, doc.source, request.lenient, request.validation_timeout) if request.validate else None
    sink = Sink(doc.source, lenient=request.lenient, items=list(warnings), origins=origins)
    finish = _Finish(sink, validation, stage)
    try:
        stage("parsing")
        parsed = parse_spec(doc, sink, request.limits)
        sink.raise_if_errors()
        stage("building the IR")
        api = build_ir(parsed, sink, request.selection)
    except BaseException:
        finish.cancel()
        raise
    return api, finish


def generate(request: Request, out: OutputDir, stage: Stage = _silent, inputs: Inputs | None = None) -> Result:
    """Build and write into `out`, which the caller holds locked (`kgen.emit.output.locked(request.out)`)."""
    started = time.perf_counter()
    inputs = inputs if inputs is not None else sources.read(request)
    api, files, warnings = build(request, stage, inputs)
    stage("writing")
    report = write_output(out, files, provenance(request, inputs))
    return Result(api, files, report, warnings, time.perf_counter() - started)
