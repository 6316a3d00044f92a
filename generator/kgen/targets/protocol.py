"""What a target provides: one protocol for kgen's own targets and for a template pack's.

A target is a module that has these members (mypy checks a module against a
protocol); kgen.targets.registry finds and checks it. The pipeline uses nothing
else of it. docs/targets.md says how to write one.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Protocol, runtime_checkable

import jinja2

from kgen.diagnostics import Diagnostic, KgenError, Level
from kgen.ir.model import Api
from kgen.targets.base import GeneratedFile, Options

# model key -> (where it is defined, in the language's terms: module, package directory or file; its type name)
ModelLocations = dict[str, tuple[str, str]]


@runtime_checkable
class Target(Protocol):
    NAME: str  # what --target and kgen.lock call it: a plain identifier
    DESCRIPTION: str  # one line, shown by `kgen targets`
    TEMPLATES: Path  # its template and runtime source tree: the default Jinja environment, hashed into kgen.lock
    WITHOUT_TUPLES: str | None  # what it writes for a tuple-style array, if it cannot spell one (a warning says so)
    encode: ModuleType  # spec text -> literals and comments of the language: what templates must print through
    naming: ModuleType  # IR names -> identifiers, file and package names of the language

    def render(self, api: Api, options: Options, env: jinja2.Environment | None = None) -> list[GeneratedFile]:
        """Every file of the output, sorted by path; `env` (a pack's templates) replaces the one over TEMPLATES."""
        ...

    def format_files(self, files: list[GeneratedFile]) -> list[GeneratedFile]:
        """The files as the language's formatter writes them (only those marked formattable may change)."""
        ...

    def model_locations(self, api: Api, package_name: str) -> ModelLocations:
        """Where render puts each model of the IR: for tools and tests that read the output back."""
        ...


MEMBERS = tuple(sorted({*Target.__annotations__, *(name for name in vars(Target) if not name.startswith("_"))}))


def as_written(files: list[GeneratedFile]) -> list[GeneratedFile]:
    """The formatter of a target whose templates write the final layout themselves."""
    return files


def conforming(module: object, source: str, hint: str) -> Target:
    """`module` as a Target, or an error naming the members it lacks."""
    if isinstance(module, Target):  # every member present (a runtime check cannot see their types)
        return module
    lacking = [name for name in MEMBERS if not hasattr(module, name)]
    raise KgenError([Diagnostic(Level.ERROR, f"the target lacks {', '.join(lacking)}", source=source, hint=hint)])
