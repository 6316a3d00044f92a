"""Template views: each template's inputs declared once, as a frozen dataclass that mypy --strict checks.

A view names its template (`TEMPLATE`) and has one field per variable the
template reads; `render` hands the fields over by name, as they are (nested
views stay objects, read by attribute). Values arrive encoded: a template
only lays them out. A target usually has a base view with what all its files
share (the header), and one subclass per template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import ClassVar

import jinja2


@dataclass(frozen=True)
class View:
    TEMPLATE: ClassVar[str]  # the template this view fills, by name in the target's environment


def render(env: jinja2.Environment, view: View) -> str:
    """The view's template rendered with its fields as the variables."""
    return env.get_template(view.TEMPLATE).render({f.name: getattr(view, f.name) for f in fields(view)})


class Names:
    """A class file's `t`: `t['Map']` names a type as the file writes it, and records the import (or using) it needs.

    Jinja subscripts an object for a fifth of what it costs to call a function, and a cluster's
    classes name types half a million times; `t('Map')` still works, for template packs that call it.
    """

    def __init__(self, spell: Callable[[str], str]):
        self._spell = spell

    def __getitem__(self, name: str) -> str:
        return self._spell(name)

    def __call__(self, name: str) -> str:
        return self._spell(name)
