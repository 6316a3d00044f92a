"""Schema -> TypeRef, hoisting anonymous object schemas into named models.

Cluster documents inline CRD schemas (no nested definitions), so every
object with properties found inside another schema becomes a model named
after the path that leads to it: Certificate + spec + privateKey.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from kgen.diagnostics import child, pointer_tokens
from kgen.ir.model import (
    ANY,
    OBJECT,
    ArrayOf,
    EnumOf,
    Field,
    MapOf,
    Model,
    ModelRef,
    Primitive,
    Special,
    TupleOf,
    TypeRef,
    UnionOf,
)
from kgen.passes.context import Context
from kgen.spec.model import MISSING, Schema

PRIMITIVES = frozenset({"string", "integer", "number", "boolean"})
_UNCARRIED = re.compile(r'[\x00-\x1f"\\]')


class TypeBuilder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        # A field without a type is any JSON value, as Swagger 2.0 says; in a cluster's document (its operations carry
        # x-kubernetes-action) that is where the apiserver dropped a nullable CRD field's type, which is worth a warning.
        self.cluster = any(op.extensions.get("x-kubernetes-action") for op in ctx.spec.operations)

    def model(self, key: str, schema: Schema, name_hint: tuple[str, ...], *, inline: bool, parent: str | None) -> Model:
        """A model for an object schema (or an alias for anything else), registered in the IR."""
        model = Model(key=key, pointer=schema.pointer, name_hint=name_hint, description=schema.description, inline=inline, parent=parent)
        self.ctx.api.models[key] = model
        properties, required = self._merged_properties(schema)
        model.extends = tuple(part.ref for part in schema.all_of if part.ref is not None and part.ref in self.ctx.spec.definitions)
        if properties:
            model.fields = [
                self.field(name, sub, name in required, name_hint, key)
                for name, sub in sorted(properties.items())
                if self._carried(name, sub)
            ]
        else:
            model.alias = self.type_of(schema, name_hint, key)
        return model

    def field(self, name: str, schema: Schema, required: bool, hint: tuple[str, ...], owner: str) -> Field:
        if _untyped(schema) and self.cluster:
            self.ctx.sink.warning(
                schema.pointer,
                f"field {name!r} has no type, so it is typed as any JSON value (a cluster's /openapi/v2 clears the type of nullable CRD fields)",
                "generate from the CRD manifest (--crd), or fetch the document with kgen fetch or --from-cluster from a server that serves /openapi/v3",
                "untyped-field",
            )

        return Field(
            wire_name=name,
            type=self.type_of(schema, hint + (name,), owner),
            required=required,
            nullable=schema.nullable,
            description=schema.description,
            default=schema.default,
            read_only=schema.read_only,
            pointer=schema.pointer,
            notes=_notes(schema),
        )

    def type_of(self, schema: Schema, hint: tuple[str, ...], owner: str | None) -> TypeRef:
        if schema.ref is not None:
            return ModelRef(schema.ref)
        if len(schema.all_of) == 1 and not schema.properties:
            return self.type_of(schema.all_of[0], hint, owner)
        ext = schema.extensions
        if schema.format == "int-or-string" or ext.get("x-kubernetes-int-or-string") is True:
            return Special("int_or_string")
        if schema.types:
            return UnionOf(tuple(self.type_of(replace(schema, type=t, types=()), hint, owner) for t in schema.types))
        if schema.type in PRIMITIVES:
            base = Primitive(schema.type, schema.format)
            if schema.enum:
                return EnumOf(base, schema.enum)
            return base
        if schema.tuple_items is not None:
            return TupleOf(tuple(self.type_of(item, hint + (str(i),), owner) for i, item in enumerate(schema.tuple_items)))
        if schema.type == "array":
            return ArrayOf(self.type_of(schema.items, hint, owner) if schema.items is not None else ANY)
        if schema.type == "file":
            return Special("binary")
        properties, _ = self._merged_properties(schema)
        if properties:
            key = schema.pointer
            if key not in self.ctx.api.models:
                written = _written_name(key) if key in self.ctx.spec.referenced else None
                hint, owner = written or (hint, owner)
                self.model(key, schema, hint, inline=True, parent=owner)
            return ModelRef(key)
        if isinstance(schema.additional_properties, Schema):
            return MapOf(self.type_of(schema.additional_properties, hint + ("value",), owner))
        if schema.type == "object":
            return OBJECT
        return ANY

    def _carried(self, name: str, schema: Schema) -> bool:
        """Whether a property can be a field: msgspec refuses names with control characters, '"' or a backslash.

        Such a property is left out with a warning instead of failing the run: one CRD
        author must not be able to stop a whole cluster's client from generating.
        """
        if not _UNCARRIED.search(name):
            return True
        self.ctx.sink.warning(
            schema.pointer,
            f"property {name!r} is left out of the model: its name contains a control character, a quote or a backslash",
            "rename the property; clients ignore it as an unknown field",
            "left-out",
        )
        return False

    def _merged_properties(self, schema: Schema, seen: frozenset[str] = frozenset()) -> tuple[dict[str, Schema], set[str]]:
        """Own properties plus those of every allOf part, through referenced definitions that compose in turn.

        A single allOf part without properties of its own is an alias (type_of follows it).
        """
        properties = dict(schema.properties)
        required = set(schema.required)
        if len(schema.all_of) > 1 or (schema.all_of and schema.properties):
            for index, part in enumerate(schema.all_of):
                target = self.ctx.spec.definitions.get(part.ref) if part.ref else part
                if target is None or (part.ref is not None and part.ref in seen):
                    continue
                merged, needed = self._merged_properties(target, seen | {part.ref} if part.ref else seen)
                if not merged:
                    self.ctx.sink.warning(
                        child(schema.pointer, "allOf", index),
                        "an allOf part without properties was ignored",
                        "merge the part into the schema by hand",
                        "all-of",
                    )
                for name, sub in merged.items():
                    properties.setdefault(name, sub)
                required |= needed
        return properties, required


def _written_name(pointer: str) -> tuple[tuple[str, ...], str | None] | None:
    """The name hint and parent of a schema that references name, from where it is written, whoever uses it first:
    in a definition, the definition's and the properties' names that lead to it (Page + meta), as the definition's
    own fields name it; in #/responses or #/parameters, the entry's name. None elsewhere: its first use names it."""
    tokens = pointer_tokens(pointer)
    if len(tokens) < 2 or tokens[0] not in ("definitions", "responses", "parameters"):
        return None
    words, index = [tokens[1].rsplit(".", 1)[-1] if tokens[0] == "definitions" else tokens[1]], 2
    while index < len(tokens):  # keywords, each property's name after "properties", each position after "items" or "allOf"
        token, after = tokens[index], tokens[index + 1] if index + 1 < len(tokens) else ""
        named = token == "properties" or token in ("items", "allOf") and after.isdigit()
        if named and token != "allOf":  # a property, a tuple item: its name, its position
            words.append(after)
        elif token == "additionalProperties":
            words.append("value")
        index += 2 if named else 1
    return tuple(words), tokens[1] if tokens[0] == "definitions" else None


def _untyped(schema: Schema) -> bool:
    """Nothing says what the value is, nor that it may be anything (x-kubernetes-preserve-unknown-fields)."""
    described = (schema.ref, schema.type, schema.items, schema.tuple_items, schema.additional_properties, schema.enum, schema.format)
    free = ("x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string")
    return all(v is None for v in described) and not (schema.properties or schema.all_of or schema.types) and not any(schema.extensions.get(k) is True for k in free)


def _notes(schema: Schema) -> tuple[str, ...]:
    """Facts that only documentation can carry in every target."""
    notes = []
    if schema.default is not MISSING:
        notes.append(f"default: {json.dumps(schema.default, ensure_ascii=False)}")
    if schema.pattern is not None:
        notes.append(f"pattern: {schema.pattern}")
    for rule in schema.extensions.get("x-kubernetes-validations") or ():
        if isinstance(rule, dict) and isinstance(rule.get("rule"), str):
            message = rule.get("message")
            notes.append(f"validation: {rule['rule']}" + (f" ({message})" if isinstance(message, str) else ""))
    return tuple(notes)
