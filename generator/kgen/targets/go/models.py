"""Per-package model declarations: structs with json tags, type aliases, and their methods.

Each struct gets a MarshalJSON that encodes it through the runtime: a nil
field is left out and everything else is written, so an empty list or map
survives the round trip (encoding/json's omitempty would drop it). Its
Unknown field holds the members no field takes (client.Decode fills it),
which MarshalJSON writes back: a newer server's fields survive
read-modify-write. A
resource (a model with one group/version/kind and apiVersion and kind
fields) also gets TypeMeta(), the apiVersion and kind it has on the wire.

A property whose name encoding/json cannot put in a struct tag (a comma, a
quote, a backslash, a character that is neither letter nor digit) is left
out of its struct; a comment at the end of the struct names it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from kgen.ir.model import Field, Model, Primitive
from kgen.targets.go import encode, layout, naming
from kgen.targets.go.types import TypeNamer
from kgen.targets.go.views import AliasView, StructView
from kgen.words import split_words

INDENT = "\t"
UNKNOWN = "Unknown"  # the field of the members a struct has no field for
STRUCT_METHODS = frozenset({"MarshalJSON", "TypeMeta", UNKNOWN})


def doc_paragraph(name: str, text: str | None, fallback: str) -> str:
    """The first paragraph of a declaration's doc: the text when it starts with the name, else `name: text`.

    Its whitespace is left for doc_comment to collapse (descriptions are most of a cluster's text).
    """
    words = (text or "").split(maxsplit=1)
    if len(words) == 2 and words[0] == name:
        return f"{name} {words[1]}"
    return f"{name}: {text}" if words else f"{name}: {fallback}"


def field_names(model: Model) -> list[str]:
    """Go names of the fields a struct carries: PascalCase, unique, never a method's name."""
    return _go_names(_carried(model))


def _carried(model: Model) -> list[Field]:
    return [f for f in model.fields if naming.json_name_carried(f.wire_name)]


def _go_names(carried: list[Field]) -> list[str]:
    return naming.unique([naming.exported(split_words(f.wire_name), "Field") for f in carried], STRUCT_METHODS)


def struct_view(model: Model, name: str, namer: TypeNamer) -> StructView:
    gvk = model.resource_gvk
    carried = _carried(model)
    entries: list[tuple[Sequence[str], Sequence[str]]] = [_field(f, go_name, namer, type_meta=gvk is not None) for f, go_name in zip(carried, _go_names(carried))]
    entries.append(UNKNOWN_ENTRY)
    body = layout.body(entries, INDENT)
    if len(carried) < len(model.fields):
        left_out = [f.wire_name for f in model.fields if not naming.json_name_carried(f.wire_name)]
        body += [""]
        for wire in left_out:  # the literal keeps the name's own spaces: a comment inside a struct is left alone by gofmt
            body += encode.comment_lines(f"Not carried: the property {encode.string_literal(wire)}, a name encoding/json cannot give a field.", INDENT)
    return StructView(
        name=name,
        doc=encode.doc_comment([doc_paragraph(name, model.description, "no description.")]),
        body=body,
        api_version=encode.string_literal(gvk.api_version) if gvk else None,
        kind=encode.string_literal(gvk.kind) if gvk else None,
    )


def _field(f: Field, go_name: str, namer: TypeNamer, type_meta: bool) -> tuple[list[str], list[str]]:
    """(comment lines, [name, type, tag]) of one field."""
    if type_meta and f.wire_name in ("apiVersion", "kind") and isinstance(f.type, Primitive) and f.type.kind == "string":
        go_type, optional = "string", True  # the server fills them in from the URL; "" is never a value
    else:
        go_type, optional = namer.field(f.type, f.required and not f.nullable), not f.required
    name = f.wire_name + (",omitempty" if optional else "") if f.wire_name != "-" else "-,omitempty" if optional else "-,"
    doc = "\n".join(filter(None, ((f.description or "").strip(), *f.notes)))
    return encode.comment_lines(doc, INDENT), [go_name, go_type, json_tag(name)]


@functools.lru_cache(maxsize=65536)
def json_tag(name: str) -> str:
    """The struct tag `json:"name"` (cached: a cluster's fields repeat a few thousand names)."""
    return encode.tag_literal([encode.tag_pair("json", name)])


# (comment lines, cells) of the field every struct ends with
UNKNOWN_ENTRY = (
    tuple(encode.comment_lines("Members of the JSON object that no field takes (a newer server's), sent back as they came.", INDENT)),
    (UNKNOWN, "client.Unknown", json_tag("-")),
)


def alias_view(model: Model, name: str, namer: TypeNamer) -> AliasView:
    assert model.alias is not None
    return AliasView(name, encode.doc_comment([doc_paragraph(name, model.description, "an alias.")]), namer.spell(model.alias))
