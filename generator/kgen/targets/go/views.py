"""What each template of the Go target receives: one frozen view per template, and the parts they hold.

Every string is encoded and laid out as gofmt writes it before it gets
here; templates only place it (kgen.targets.views).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgen.targets.examples import Features
from kgen.targets.views import View


@dataclass(frozen=True)
class StructView:
    name: str
    doc: str
    body: Sequence[str]  # the lines between the braces
    api_version: str | None  # literals, for resources
    kind: str | None


@dataclass(frozen=True)
class AliasView:
    name: str
    doc: str
    target: str


@dataclass(frozen=True)
class EnumView:
    name: str
    base: str
    doc: str  # the doc comment, laid out
    constants: Sequence[str]  # the const block's lines, aligned


@dataclass(frozen=True)
class OptionsView:
    name: str
    doc: str
    body: Sequence[str]


@dataclass(frozen=True)
class ClientView:
    name: str
    doc: str
    constructor_doc: str
    methods: Sequence[str]  # each an op var, then the method(s) using it, laid out


@dataclass(frozen=True)
class CallView:
    call: str  # api.Method(ctx, ...)
    results: str  # what the call returns before its error: "", "result" or "result, status"
    watch: str  # api.WatchMethod(ctx, ...), "" when the operation has none


@dataclass(frozen=True)
class UnitExample:
    title: str  # Markdown
    imports: str  # the import block
    constructor: str  # pkg.NewClient
    calls: Sequence[CallView]


@dataclass(frozen=True)
class GoFile(View):
    header: str  # the `// Code generated ... DO NOT EDIT.` line, encoded
    module: str  # the module path


@dataclass(frozen=True)
class PackageFile(GoFile):
    package: str  # the package clause


@dataclass(frozen=True)
class DocGo(PackageFile):
    TEMPLATE = "doc.go.jinja"
    doc: str


@dataclass(frozen=True)
class ModelsGo(PackageFile):
    TEMPLATE = "models.go.jinja"
    imports: str  # the import block, "" for none
    structs: Sequence[StructView]
    aliases: Sequence[AliasView]
    enums: Sequence[EnumView]


@dataclass(frozen=True)
class OptionsGo(PackageFile):
    TEMPLATE = "options.go.jinja"
    imports: str
    options: Sequence[OptionsView]


@dataclass(frozen=True)
class ApiGo(PackageFile):
    TEMPLATE = "api.go.jinja"
    imports: str
    clients: Sequence[ClientView]


@dataclass(frozen=True)
class GoMod(GoFile):
    TEMPLATE = "go.mod.jinja"
    go_version: str


@dataclass(frozen=True)
class GoSum(GoFile):
    TEMPLATE = "go.sum.jinja"


@dataclass(frozen=True)
class Readme(GoFile, Features):
    TEMPLATE = "README.md.jinja"
    packages: Sequence[tuple[str, str, str]]  # import path, alias, its client types
    runtime: str  # the runtime's import path
    base_path: str  # Markdown
    examples: Sequence[UnitExample]
