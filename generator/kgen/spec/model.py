"""Typed Swagger 2.0 documents. Every node keeps its JSON pointer for diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class _Missing:
    """No value was given (distinct from an explicit JSON null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

def zero_default_outside_enum(node: dict[str, Any]) -> bool:
    """Whether a schema's or parameter's `default` is its type's zero value and not one of its `enum`'s values.

    The Kubernetes apiserver publishes this since enums reached /openapi/v2 (1.24: `Taint.effect` has
    `default: ""` and `enum: [NoExecute, NoSchedule, PreferNoSchedule]`). kube-openapi writes the zero value of
    a required Go field as its default, which only means "no default"; the enum forbids it, so it is read as none.
    """
    kind, enum = node.get("type"), node.get("enum")
    return isinstance(enum, list) and _zero(node.get("default", MISSING), kind) and not any(_zero(v, kind) for v in enum)


def _zero(value: Any, kind: Any) -> bool:
    """Whether `value` is Go's zero value of the Swagger type `kind` (JSON's false is not 0, nor 0 false)."""
    if kind == "string":
        return value == "" and isinstance(value, str)
    if kind == "boolean":
        return value is False
    if kind in ("integer", "number"):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0
    return False


@dataclass(eq=False)
class Schema:
    pointer: str
    ref: str | None = None  # the name of a definition in #/definitions
    type: str | None = None
    format: str | None = None
    title: str | None = None
    description: str | None = None
    properties: dict[str, Schema] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    items: Schema | None = None
    tuple_items: tuple[Schema, ...] | None = None  # tuple-style `items`: one schema per position
    types: tuple[str, ...] = ()  # a JSON-Schema type array of two or more non-null types (--lenient): a union
    additional_properties: Schema | bool | None = None
    all_of: tuple[Schema, ...] = ()
    enum: tuple[Any, ...] | None = None
    default: Any = MISSING
    pattern: str | None = None
    read_only: bool = False
    nullable: bool = False
    extensions: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Parameter:
    pointer: str
    name: str
    location: str  # path, query, header, body or formData
    description: str | None = None
    required: bool = False
    schema: Schema | None = None  # body parameters
    type: str | None = None  # the rest
    format: str | None = None
    items: Schema | None = None
    enum: tuple[Any, ...] | None = None
    default: Any = MISSING
    collection_format: str | None = None


@dataclass(eq=False)
class Response:
    pointer: str
    description: str = ""
    schema: Schema | None = None


@dataclass(frozen=True)
class Repeat:
    """Why an operation's operationId is an earlier operation's: the start of a warning that passes/name_things.py
    finishes, since only the operation's API tells whether the two names clash."""

    pointer: str  # where the warning points
    why: str  # "operationId 'x' is also used by ..."
    hint: str
    quirk: bool  # the document's own repeat (a warning always); else a path item reference's (said only where it renames)


@dataclass(eq=False)
class Operation:
    pointer: str  # where it is written: under its path, or in the path item a path item's `$ref` names
    path: str
    method: str  # lower case: get, put, post, delete, options, head, patch
    operation_id: str  # as written, or made up from the method and path: its name's words; it may repeat another's
    tags: tuple[str, ...] = ()
    summary: str | None = None
    description: str | None = None
    parameters: tuple[Parameter, ...] = ()
    responses: dict[str, Response] = field(default_factory=dict)
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    deprecated: bool = False
    extensions: dict[str, Any] = field(default_factory=dict)
    # The path item whose `$ref` reaches this operation, written elsewhere (at `pointer`, which other paths that
    # reach it share); None when it is written under its own path. With `pointer`, the operation's identity.
    via: str | None = None
    key: str = ""  # unique in the document: the operationId, numbered where an earlier operation has it
    repeats: Repeat | None = None  # why it repeats an earlier operation's operationId, unless kgen made both up


@dataclass(frozen=True)
class Info:
    title: str
    version: str
    description: str | None = None


@dataclass(eq=False)
class Spec:
    source: str
    sha256: str
    info: Info
    base_path: str = ""
    definitions: dict[str, Schema] = field(default_factory=dict)
    operations: list[Operation] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)  # pointers of the schemas outside definitions that references name
