"""What each template of the Java target receives: one frozen view per template (kgen.targets.views).

A class file's template writes the class body and calls `t` to name a type:
`t` records the import, and target.py puts the header, the package clause
and the imports the body used above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgen.targets.examples import Features
from kgen.targets.java.api import ApiView
from kgen.targets.java.models import AliasView, EnumView, ModelView
from kgen.targets.java.options import OptionsView
from kgen.targets.java.readme import UnitExample
from kgen.targets.views import Names, View


@dataclass(frozen=True)
class ClassFile(View):
    t: Names  # t['Name']: a JDK, jackson-core, runtime or qualified class name, as this file writes it (imported)


@dataclass(frozen=True)
class ModelFile(ClassFile):
    TEMPLATE = "model.java.jinja"
    model: ModelView


@dataclass(frozen=True)
class AliasFile(ClassFile):
    TEMPLATE = "alias.java.jinja"
    alias: AliasView


@dataclass(frozen=True)
class EnumFile(ClassFile):
    TEMPLATE = "enum.java.jinja"
    enum: EnumView


@dataclass(frozen=True)
class OptionsFile(ClassFile):
    TEMPLATE = "options.java.jinja"
    options: OptionsView


@dataclass(frozen=True)
class ApiFile(ClassFile):
    TEMPLATE = "api.java.jinja"
    api: ApiView


@dataclass(frozen=True)
class Pom(View):
    TEMPLATE = "pom.xml.jinja"
    header: str  # an XML comment's text, encoded
    group: str  # XML text
    artifact: str
    version: str


@dataclass(frozen=True)
class Readme(View, Features):
    TEMPLATE = "README.md.jinja"
    root: str  # the root Java package
    runtime: str  # the runtime's Java package
    packages: Sequence[tuple[str, str]]  # Java package, its API class ("" when it has none)
    base_path: str  # Markdown
    examples: Sequence[UnitExample]
    read_modify_write: tuple[str, str] | None  # the qualified API class of core/v1 and its package, when pods are read and replaced
