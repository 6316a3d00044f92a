"""A toy target from a template pack: a Markdown API reference, one page per group/version.

It shows what a pack's target module provides (NAME, DESCRIPTION, render)
and keeps naming and type mapping here, as docs/templates.md describes.
"""

from __future__ import annotations

import re

from kgen.ir.model import ArrayOf, EnumOf, MapOf, ModelRef, Primitive, Special, TypeRef, UnionOf
from kgen.targets.base import GeneratedFile, check_relative

NAME = "markdown"
DESCRIPTION = "Markdown API reference: a page per group/version (a test pack)"


def text(value: str | None) -> str:
    """Spec text as one line of Markdown: markup characters escaped, controls dropped."""
    plain = "".join(ch if ch.isprintable() else " " for ch in value or "")
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+!<>|&~=-" else ch for ch in " ".join(plain.split()))


def page_name(unit) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", ".".join(segment)).strip("-") or "x" for segment in unit.path) or "index"


def type_name(t: TypeRef, api) -> str:
    if isinstance(t, Primitive):
        return t.kind
    if isinstance(t, Special):
        return t.kind.replace("_", "-")
    if isinstance(t, EnumOf):
        return "one of " + ", ".join(text(str(v)) for v in t.values)
    if isinstance(t, ArrayOf):
        return f"list of {type_name(t.item, api)}"
    if isinstance(t, MapOf):
        return f"map of {type_name(t.value, api)}"
    if isinstance(t, UnionOf):
        return " or ".join(type_name(o, api) for o in t.options)
    assert isinstance(t, ModelRef)
    return text(api.models[t.key].name)


def render(api, options, env) -> list[GeneratedFile]:
    pages = []
    models, operations = api.models_by_unit(), api.operations_by_unit()
    for unit in api.units:
        context = {
            "title": text(".".join(".".join(s) for s in unit.path) or "root"),
            "models": [
                {"name": text(m.name), "description": text(m.description), "fields": [(text(f.wire_name), type_name(f.type, api), text(f.description)) for f in m.fields]}
                for m in models.get(unit, [])
            ],
            "operations": [(text(op.method), text(op.path), text(op.summary or op.description)) for op in operations.get(unit, [])],
        }
        pages.append(GeneratedFile(check_relative(f"{page_name(unit)}.md"), env.get_template("page.md.jinja").render(**context)))
    index = env.get_template("index.md.jinja").render(title=text(api.title), pages=[p.path for p in pages])
    return sorted([*pages, GeneratedFile("index.md", index)], key=lambda f: f.path)
