"""A toy target from a template pack: a Markdown API reference, one page per group/version.

It shows what a pack's target module provides (kgen.targets.protocol.Target,
docs/targets.md), with encoding and naming in modules of their own.
"""

from __future__ import annotations

from pathlib import Path

from kgen.targets.base import GeneratedFile, check_relative
from kgen.targets.protocol import as_written as format_files

from . import encode, naming
from .encode import text

NAME = "markdown"
DESCRIPTION = "Markdown API reference: a page per group/version (a test pack)"
TEMPLATES = Path(__file__).parent
WITHOUT_TUPLES = None  # a list of the item types in words

__all__ = ["DESCRIPTION", "NAME", "TEMPLATES", "WITHOUT_TUPLES", "encode", "format_files", "model_locations", "naming", "render"]


def render(api, options, env) -> list[GeneratedFile]:
    pages = []
    models, operations = api.models_by_unit(), api.operations_by_unit()
    for unit in api.units:
        context = {
            "title": text(".".join(".".join(s) for s in unit.path) or "root"),
            "models": [
                {"name": text(m.name), "description": text(m.description), "fields": [(text(f.wire_name), naming.type_name(f.type, api), text(f.description)) for f in m.fields]}
                for m in models.get(unit, [])
            ],
            "operations": [(text(op.method), text(op.path), text(op.summary or op.description)) for op in operations.get(unit, [])],
        }
        pages.append(GeneratedFile(check_relative(f"{naming.page_name(unit)}.md"), env.get_template("page.md.jinja").render(**context)))
    index = env.get_template("index.md.jinja").render(title=text(api.title), pages=[p.path for p in pages])
    return sorted([*pages, GeneratedFile("index.md", index)], key=lambda f: f.path)


def model_locations(api, package_name: str) -> dict[str, tuple[str, str]]:
    """Each model's page and heading."""
    return {key: (f"{naming.page_name(m.unit)}.md", text(m.name)) for key, m in api.models.items()}
