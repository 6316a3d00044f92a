"""The Jinja environment of a target: strict, and never auto-escaping (encoders do that per context)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2


def templates_root() -> Path:
    return Path(str(resources.files("kgen.templates")))


def environment(target: str | None, overrides: list[Path] | None = None) -> jinja2.Environment:
    """Templates of the built-in `target`, with user directories searched first (they override single files).

    With target None, only the given directories (a template pack's own target).
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(p)) for p in overrides or ()]
    if target is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_root() / target)))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a run: no stat of the file at every get_template
    )
