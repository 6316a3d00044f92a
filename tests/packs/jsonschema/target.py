"""A skeleton target: JSON Schema (draft 2020-12) for the models, one file per unit.

It proves the target protocol (kgen.targets.protocol.Target, docs/targets.md)
from outside kgen: the tests register it as a template pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from kgen.ir.model import (
    Api,
    ArrayOf,
    EnumOf,
    MapOf,
    Model,
    ModelRef,
    Primitive,
    Special,
    TupleOf,
    TypeRef,
    UnionOf,
    Unit,
)
from kgen.targets import views
from kgen.targets.base import GeneratedFile, Options, check_relative
from kgen.targets.protocol import as_written as format_files
from kgen.targets.templating import environment

from . import encode, naming

NAME = "jsonschema"
DESCRIPTION = "JSON Schema 2020-12 of the models, a file per group/version (a test pack: the skeleton target)"
TEMPLATES = Path(__file__).parent
WITHOUT_TUPLES: str | None = None  # prefixItems spells them

__all__ = ["DESCRIPTION", "NAME", "TEMPLATES", "WITHOUT_TUPLES", "encode", "format_files", "model_locations", "naming", "render"]

SPECIAL = {"int_or_string": {"type": ["integer", "string"]}, "quantity": {"type": ["string", "number"]}, "object": {"type": "object"}, "binary": {"type": "string"}}


@dataclass(frozen=True)
class Schema(views.View):
    TEMPLATE = "schema.json.jinja"
    title: str  # a JSON string
    defs: Sequence[tuple[str, str]]  # each model's key and schema, as JSON


def render(api: Api, options: Options, env: jinja2.Environment | None = None) -> list[GeneratedFile]:
    env = env or environment(None, [TEMPLATES])
    files = []
    for unit, models in api.models_by_unit().items():
        defs = [(encode.literal(m.key), encode.literal(_model(m, api))) for m in models]
        title = encode.literal(f"{api.title or 'API'}: {'/'.join('.'.join(s) for s in unit.path) or 'root'}")
        files.append(GeneratedFile(check_relative(naming.file_name(unit)), views.render(env, Schema(title, defs))))
    return sorted(files, key=lambda f: f.path)


def model_locations(api: Api, package_name: str) -> dict[str, tuple[str, str]]:
    """Each model's file and `$defs` name."""
    return {key: (naming.file_name(m.unit), key) for key, m in api.models.items()}


def _model(model: Model, api: Api) -> dict[str, Any]:
    described = {"description": model.description} if model.description else {}
    if model.alias is not None:
        return {**_schema(model.alias, model.unit, api), **described}
    properties = {f.wire_name: _nullable(_schema(f.type, model.unit, api), f.nullable) for f in model.fields}
    required = [f.wire_name for f in model.fields if f.required]
    return {"type": "object", "properties": properties, **({"required": required} if required else {}), **described}


def _nullable(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]} if nullable else schema


def _schema(t: TypeRef, here: Unit, api: Api) -> dict[str, Any]:
    if isinstance(t, Primitive):
        return {"type": t.kind, **({"format": t.format} if t.format else {})}
    if isinstance(t, Special):
        return SPECIAL.get(t.kind, {})  # any, raw: every JSON value
    if isinstance(t, EnumOf):  # open: the values are documented, others accepted
        return {**_schema(t.base, here, api), "examples": list(t.values)}
    if isinstance(t, ArrayOf):
        return {"type": "array", "items": _schema(t.item, here, api)}
    if isinstance(t, TupleOf):
        return {"type": "array", "prefixItems": [_schema(item, here, api) for item in t.items]}
    if isinstance(t, MapOf):
        return {"type": "object", "additionalProperties": _schema(t.value, here, api)}
    if isinstance(t, UnionOf):
        return {"anyOf": [_schema(option, here, api) for option in t.options]}
    assert isinstance(t, ModelRef)
    return {"$ref": naming.ref(t.key, api.models[t.key].unit, here)}
