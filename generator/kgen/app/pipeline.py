"""kgen generate, end to end: read -> lock -> (kgen.lock vouches?) -> parse -> IR -> render -> format -> write or compare.

One sequence serves `kgen generate` and `kgen generate --check`: the inputs
are read once, the output directory is locked (for writing, with an
interrupted write finished first; for --check, shared and untouched), and
kgen.lock's fast path (kgen.app.check) answers before anything is generated.
Validation runs in another process from the start and is only waited for
before anything is written, so its cost hides behind IR building and rendering.
`stage` callbacks name each step as it starts (the terminal's progress display).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from kgen import __version__, collector, sources
from kgen.app.check import CheckResult, compare, up_to_date
from kgen.app.request import Request, provenance
from kgen.app.settings import SETTINGS
from kgen.diagnostics import Diagnostic, KgenError, Level, Sink
from kgen.emit.outdir import OutputDir
from kgen.emit.output import WriteReport, encode_file, locked, write_output
from kgen.ir.model import Api, TupleOf
from kgen.ir.walk import parts
from kgen.passes import build_ir
from kgen.sources import Inputs
from kgen.sources.loading import duplicate_keys
from kgen.sources.validation import Validation
from kgen.spec.parse import parse_spec
from kgen.targets import registry, shards
from kgen.targets.base import GeneratedFile, OptionError, Options
from kgen.targets.protocol import Target
from kgen.targets.templating import environment

__all__ = ["Inputs", "Request", "Result", "Stage", "UpToDate", "build", "build_api", "check_output", "generate", "generate_output"]

Stage = Callable[[str], None]
T = TypeVar("T")


def _silent(name: str) -> None:
    return None


@dataclass
class Result:
    api: Api
    files: list[GeneratedFile]
    report: WriteReport | None
    warnings: list[Diagnostic]
    seconds: float


@dataclass
class UpToDate:
    """kgen.lock vouched for the output directory: nothing was generated."""

    files: int  # that the lock lists, each as it records
    seconds: float


def build_api(request: Request, stage: Stage = _silent, inputs: Inputs | None = None) -> tuple[Api, list[Diagnostic]]:
    """Load, validate and build the IR (no rendering): what `kgen validate` and `kgen list` need."""
    with collector.paused():
        api, finish = _start(request, stage, inputs)
        return api, finish()


def build(request: Request, stage: Stage = _silent, inputs: Inputs | None = None) -> tuple[Api, list[GeneratedFile], list[Diagnostic]]:
    """Everything but writing: the IR and the final file contents. `inputs` are the request's, if already read."""
    with collector.paused():
        return _build(request, stage, inputs)


def _build(request: Request, stage: Stage, inputs: Inputs | None) -> tuple[Api, list[GeneratedFile], list[Diagnostic]]:
    api, finish = _start(request, stage, inputs)
    handed = {s.attribute: getattr(request, s.attribute) for s in SETTINGS if s.target_option}
    options = Options(**handed, kgen_version=__version__, spec_sha256=api.sha256)
    try:
        stage("rendering")
        target, env, shares = _target(request)
        try:
            workers = shards.workers_for(api, os.cpu_count() or 1) if shares else 1
            files = shards.render(lambda: list(target.render(api, options, env)), workers)
        except OptionError as exc:
            raise KgenError([Diagnostic(Level.ERROR, str(exc), hint="change the option named in the message")]) from None
        if request.format:
            stage("formatting")
            files = target.format_files(files)
    except BaseException:
        finish.cancel()
        raise
    return api, files, finish() + [finish.sink.origins.relocate(d) for d in _lost_shapes(api, target)]


def _lost_shapes(api: Api, target: Target) -> list[Diagnostic]:
    """A warning where the IR has a shape the target cannot spell (a tuple in Go), saying what it does instead; once
    for each place it is written, however many fields it is the type of (allOf parts, references to a schema)."""
    fallback = target.WITHOUT_TUPLES
    if fallback is None:
        return []
    places = [(m.pointer, m.alias) for m in api.models.values()] + [(f.pointer, f.type) for m in api.models.values() for f in m.fields]
    places += [(op.pointer, t) for op in api.operations for t in (op.returns.type, *(p.type for p in [*op.params, *([op.body] if op.body else [])]))]
    lost = dict.fromkeys(pointer for pointer, t in places if any(isinstance(part, TupleOf) for part in parts([t])))
    return [Diagnostic(Level.WARNING, f"tuple-style items: {fallback}", pointer, "nothing to do: other targets keep the tuple", api.source, kind="tuple") for pointer in lost]


def _target(request: Request) -> tuple[Target, jinja2.Environment | None, bool]:
    """The target that renders, its templates, and whether it renders its units through `shards`.

    A built-in target (its templates overridden by a pack's) does; a pack's own target need not.
    """
    pack = request.pack
    if pack is None:
        return registry.builtin(request.target), None, True
    if pack.name is None:
        return registry.builtin(request.target), environment(request.target, [pack.path]), True
    return registry.of_pack(pack), environment(None, [pack.path]), False


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
    sink = Sink(doc.source, lenient=request.lenient, items=[*warnings, *duplicate_keys(doc)], origins=origins)
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


def generate_output(request: Request, stage: Stage = _silent, full: bool = False, waiting: Stage = _silent) -> Result | UpToDate:
    """`kgen generate` for one output: unless `full`, kgen.lock's word that it is up to date; else generate and write.

    The directory is locked for the run (`waiting` hears of another run holding it) and an interrupted write is finished first.
    """
    return _run(request, locked(request.out, waiting), full, lambda out, inputs, wanted: _write(request, out, stage, inputs, wanted))


def check_output(request: Request, stage: Stage = _silent, full: bool = False, waiting: Stage = _silent) -> CheckResult:
    """`kgen generate --check` for one output: unless `full`, kgen.lock's word; else generate in memory and compare. Writes nothing."""
    started = time.perf_counter()

    def compared(out: OutputDir, inputs: Inputs, wanted: dict[str, Any]) -> CheckResult:
        _, files, warnings = build(request, stage, inputs)
        result = compare(out, {f.path: encode_file(f) for f in files}, wanted)
        result.warnings = warnings
        return result

    found = _run(request, _shared(request.out, waiting), full, compared)
    result = CheckResult(request.out, fast=True, compared=found.files) if isinstance(found, UpToDate) else found
    result.seconds = time.perf_counter() - started
    return result


def generate(request: Request, out: OutputDir, stage: Stage = _silent, inputs: Inputs | None = None) -> Result:
    """Build and write into `out`, which the caller holds locked (`kgen.emit.output.locked(request.out)`)."""
    inputs = inputs if inputs is not None else sources.read(request)
    return _write(request, out, stage, inputs, provenance(request, inputs))


def _run(
    request: Request, opened: AbstractContextManager[OutputDir], full: bool, act: Callable[[OutputDir, Inputs, dict[str, Any]], T]
) -> T | UpToDate:
    """The sequence of a run: read the inputs, open the output directory, then the lock's word or `act` on the directory."""
    started = time.perf_counter()
    inputs = sources.read(request)
    with opened as out:
        wanted = provenance(request, inputs)
        vouched = None if full else up_to_date(out, wanted)
        if vouched is not None:
            return UpToDate(vouched, time.perf_counter() - started)
        return act(out, inputs, wanted)


@contextmanager
def _shared(root: Path, waiting: Stage) -> Iterator[OutputDir]:
    """The output directory as it is, read under a shared lock (a run writing it is waited for); creates nothing."""
    with OutputDir(root, create=False) as out, out.lock(exclusive=False, waiting=waiting):
        yield out


def _write(request: Request, out: OutputDir, stage: Stage, inputs: Inputs, wanted: dict[str, Any]) -> Result:
    started = time.perf_counter()
    api, files, warnings = build(request, stage, inputs)
    stage("writing")
    report = write_output(out, files, wanted)
    kept = [
        Diagnostic(
            Level.WARNING,
            f"{request.out / path} was written by kgen and changed since; this run no longer generates it, so it was kept",
            hint="delete it if it is not needed: kgen.lock no longer lists it",
            kind="kept",
        )
        for path in report.kept
    ]
    return Result(api, files, report, warnings + kept, time.perf_counter() - started)
