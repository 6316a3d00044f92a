"""What each template of the Python target receives: one frozen view per template, and the parts they hold.

Every string is encoded and laid out (black's style) before it gets here;
templates only place it (kgen.targets.views).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgen.targets.examples import Features
from kgen.targets.views import View


@dataclass(frozen=True)
class ClassView:
    name: str
    base: str
    header: str  # the class statement, laid out
    docstring: str
    api_version: str | None
    kind: str | None
    lines: Sequence[str]  # field declarations, one statement each (possibly multi-line)
    calls_field: bool  # some declaration renames its field with models.FIELD_CALL(name=...)


@dataclass(frozen=True)
class AliasView:
    name: str
    declaration: str  # `Name: TypeAlias = value`, laid out
    docstring: str | None


@dataclass(frozen=True)
class EnumView:
    name: str
    docstring: str
    hint: str  # the `Value: TypeAlias = Literal[...] | str` line(s), laid out
    runtime: str  # what Value is at run time
    constants: Sequence[str]  # `NAME: Final = value` lines, laid out


@dataclass(frozen=True)
class QueryView:
    name: str
    head: str  # `class Name(TypedDict, total=False):`, laid out
    docstring: str
    fields: Sequence[str]  # "    attr: annotation", laid out


@dataclass(frozen=True)
class OpView:
    declaration: str  # the Op declaration, laid out
    sync: str  # the method(s), laid out
    asynchronous: str


@dataclass(frozen=True)
class GroupRow:
    module: str
    kinds: str  # Markdown: `Kind`, `Kind`
    classes: str  # Markdown: `CoreV1Api`, `AsyncCoreV1Api`


@dataclass(frozen=True)
class CallView:
    method: str
    args: str
    result: bool  # whether the call returns something to print
    watch: str  # the watch method, "" when the operation has none


@dataclass(frozen=True)
class UnitExample:
    title: str  # Markdown
    imports: Sequence[str]  # `from module import Name, ...` lines
    cls: str
    calls: Sequence[CallView]


@dataclass(frozen=True)
class Listing:
    """The README's watch example: a call that lists and watches, and its unit's example."""

    example: UnitExample
    call: CallView


@dataclass(frozen=True)
class PythonFile(View):
    header: str  # the header comment, encoded
    package: str  # the root package


@dataclass(frozen=True)
class QueriesModule(PythonFile):
    TEMPLATE = "queries.py.jinja"
    docstring: str
    imports: Sequence[str]  # `import <unit>.models as <alias>` lines
    uses_any: bool
    queries: Sequence[QueryView]


@dataclass(frozen=True)
class ModelsModule(PythonFile):
    TEMPLATE = "models.py.jinja"
    docstring: str
    imports: Sequence[str]
    typing_names: Sequence[str]
    runtime_names: Sequence[str]
    classes: Sequence[ClassView]
    enums: Sequence[EnumView]
    aliases: Sequence[AliasView]
    exports: str  # `__all__ = [...]`, laid out


@dataclass(frozen=True)
class ApiModule(PythonFile):
    TEMPLATE = "api.py.jinja"
    docstring: str
    imports: Sequence[str]
    typing_names: Sequence[str]
    runtime_import: str
    query_import: str  # "" without optional parameters
    ops: Sequence[OpView]
    sync_class: str
    async_class: str
    class_doc: str
    async_class_doc: str


@dataclass(frozen=True)
class UnitInit(PythonFile):
    TEMPLATE = "unit_init.py.jinja"
    docstring: str
    models_module: str | None  # what `from ... import *` re-exports
    lazy_imports: Sequence[str]  # `from m import X as X`: what type checkers see of the lazy names
    lazy_table: str  # `_LAZY = {...}`, laid out; "" without lazy names


@dataclass(frozen=True)
class NamespaceInit(PythonFile):
    TEMPLATE = "namespace_init.py.jinja"
    docstring: str


@dataclass(frozen=True)
class PyTyped(PythonFile):
    TEMPLATE = "py.typed.jinja"


@dataclass(frozen=True)
class Pyproject(PythonFile):
    TEMPLATE = "pyproject.toml.jinja"
    project_name: str  # checked against the distribution name rules
    project_version: str  # checked against PEP 440
    description: str  # a TOML string


@dataclass(frozen=True)
class Readme(PythonFile, Features):
    TEMPLATE = "README.md.jinja"
    title: str  # Markdown
    base_path: str  # Markdown
    units: Sequence[str]  # each unit's module
    groups: Sequence[GroupRow]
    examples: Sequence[UnitExample]
    listing: Listing | None
