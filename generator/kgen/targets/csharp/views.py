"""What each template of the C# target receives: one frozen view per template (kgen.targets.views).

A type's template writes the type's declaration and calls `t` to name a
type: `t` records the using it needs, and target.py puts the header, the
namespace block and the usings around it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.targets.csharp.api import ApiView, OptionsView
from kgen.targets.csharp.models import AliasView, EnumView, ModelView
from kgen.targets.csharp.readme import UnitExample
from kgen.targets.views import Names, View


@dataclass(frozen=True)
class TypeFile(View):
    t: Names  # t['Name']: a framework, Newtonsoft, runtime or qualified type name, as this file writes it


@dataclass(frozen=True)
class ModelFile(TypeFile):
    TEMPLATE = "model.cs.jinja"
    model: ModelView


@dataclass(frozen=True)
class AliasFile(TypeFile):
    TEMPLATE = "alias.cs.jinja"
    alias: AliasView


@dataclass(frozen=True)
class EnumFile(TypeFile):
    TEMPLATE = "enum.cs.jinja"
    enum: EnumView


@dataclass(frozen=True)
class OptionsFile(TypeFile):
    TEMPLATE = "options.cs.jinja"
    options: OptionsView


@dataclass(frozen=True)
class ApiFile(TypeFile):
    TEMPLATE = "api.cs.jinja"
    api: ApiView


@dataclass(frozen=True)
class Project(View):
    TEMPLATE = "project.csproj.jinja"
    header: str  # an XML comment's text, encoded
    namespace: str
    package_id: str  # XML text
    version: str


@dataclass(frozen=True)
class Readme(View):
    TEMPLATE = "README.md.jinja"
    namespace: str
    runtime: str
    kubernetes: bool
    namespaces: list[tuple[str, str]]  # a namespace, its API class ("" when it has none)
    base_path: str  # Markdown
    read_modify_write: str | None  # the qualified API class of core/v1, when pods are read and replaced
    examples: list[UnitExample]
