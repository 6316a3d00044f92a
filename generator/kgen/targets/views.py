"""Template views: each template's inputs declared once, as a frozen dataclass that mypy --strict checks.

A view names its template (`TEMPLATE`) and has one field per variable the
template reads; `render` hands the fields over by name, as they are (nested
views stay objects, read by attribute). Values arrive encoded: a template
only lays them out. A target usually has a base view with what all its files
share (the header), and one subclass per template.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

import jinja2


@dataclass(frozen=True)
class View:
    TEMPLATE: ClassVar[str]  # the template this view fills, by name in the target's environment


def render(env: jinja2.Environment, view: View) -> str:
    """The view's template rendered with its fields as the variables."""
    return env.get_template(view.TEMPLATE).render({f.name: getattr(view, f.name) for f in fields(view)})
