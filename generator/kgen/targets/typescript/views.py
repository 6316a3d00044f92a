"""What each template of the TypeScript target receives: one frozen view per template, and the parts they hold.

Every string is encoded and laid out before it gets here; templates only
place it (kgen.targets.views).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgen.targets.examples import Features
from kgen.targets.views import View


@dataclass(frozen=True)
class FieldView:
    key: str  # the property key: an identifier or a string literal
    type: str
    optional: bool
    doc: str | None  # an encoded doc comment, indented for an interface member


@dataclass(frozen=True)
class ModelView:
    name: str
    doc: str | None  # an encoded doc comment
    fields: Sequence[FieldView] | None  # None for a type alias
    type: str | None  # the aliased type, for a type alias


@dataclass(frozen=True)
class QueryInterface:
    name: str
    doc: str
    members: Sequence[tuple[str, str, str | None]]  # (key, type, encoded doc comment)


@dataclass(frozen=True)
class FunctionView:
    doc: str  # encoded doc comment
    signature: str  # `export function name(...): Returns {`, laid out
    call: str  # the body's one statement


@dataclass(frozen=True)
class OpView:
    constant: str
    declaration: str  # `const _NAME: Op<T> = {...};`, laid out
    functions: Sequence[FunctionView]


@dataclass(frozen=True)
class CallView:
    function: str
    args: str
    result: bool  # whether the call resolves to something to print
    watch: str | None  # the watch function
    watch_args: str


@dataclass(frozen=True)
class UnitExample:
    title: str  # Markdown
    module: str  # the import specifier
    functions: Sequence[str]
    calls: Sequence[CallView]


@dataclass(frozen=True)
class UnitRow:
    dir: str
    title: str  # Markdown
    operations: int


@dataclass(frozen=True)
class TypeScriptFile(View):
    header: str  # the header comment, encoded


@dataclass(frozen=True)
class QueriesModule(TypeScriptFile):
    TEMPLATE = "queries.ts.jinja"
    doc: str
    imports: Sequence[str]  # `import type * as alias from "...";` lines
    interfaces: Sequence[QueryInterface]


@dataclass(frozen=True)
class ModelsModule(TypeScriptFile):
    TEMPLATE = "models.ts.jinja"
    doc: str
    models: Sequence[ModelView]
    imports: Sequence[str]


@dataclass(frozen=True)
class ApiModule(TypeScriptFile):
    TEMPLATE = "api.ts.jinja"
    doc: str
    runtime_import: str
    imports: Sequence[str]
    query_import: str | None
    ops: Sequence[OpView]


@dataclass(frozen=True)
class UnitIndex(TypeScriptFile):
    TEMPLATE = "unit_index.ts.jinja"
    doc: str
    models: bool  # whether the unit has a models module to re-export
    operations: bool  # and an api module


@dataclass(frozen=True)
class Index(TypeScriptFile):
    TEMPLATE = "index.ts.jinja"
    doc: str
    models: bool  # whether the root unit (its modules in src/) has a models module to re-export beside the runtime
    operations: bool  # and an api module


@dataclass(frozen=True)
class PackageJson(TypeScriptFile):
    TEMPLATE = "package.json.jinja"
    name: str  # JSON strings, checked against npm's and semver's rules
    version: str
    description: str


@dataclass(frozen=True)
class TsConfig(TypeScriptFile):
    TEMPLATE = "tsconfig.json.jinja"


@dataclass(frozen=True)
class Readme(TypeScriptFile, Features):
    TEMPLATE = "README.md.jinja"
    title: str  # Markdown
    package: str
    base_path: str  # Markdown
    units: Sequence[UnitRow]
    examples: Sequence[UnitExample]
