"""What the Java target's project files receive: one frozen view per template (kgen.targets.views).

Class files are different: their templates write a class body over a typed
view (models.ModelView, api.ApiView, ...) and call `t` to name a type, so
that target.py can put the imports the body used above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgen.targets.examples import Features
from kgen.targets.java.readme import UnitExample
from kgen.targets.views import View


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
