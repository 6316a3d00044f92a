"""IR data types. They hold spec facts and neutral words, never target-language text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kgen.spec.model import MISSING, Repeat

Words = tuple[str, ...]  # lower-case words: ("read", "namespaced", "pod")


# -- types -------------------------------------------------------------------
@dataclass(frozen=True)
class Primitive:
    kind: str  # string, integer, number, boolean
    format: str | None = None


@dataclass(frozen=True)
class Special:
    """Types with Kubernetes semantics that each target maps to its own runtime type."""

    # int_or_string, quantity, any (any JSON value), object (a free-form JSON object), binary,
    # raw (a JSON value kept as its exact bytes, for data clients pass through rather than read)
    kind: str


@dataclass(frozen=True)
class ArrayOf:
    item: TypeRef


@dataclass(frozen=True)
class TupleOf:
    """A fixed-length array with a type per position (tuple-style `items`)."""

    items: tuple[TypeRef, ...]


@dataclass(frozen=True)
class MapOf:
    value: TypeRef


@dataclass(frozen=True)
class ModelRef:
    key: str  # a key of Api.models


@dataclass(frozen=True)
class UnionOf:
    options: tuple[TypeRef, ...]


@dataclass(frozen=True)
class EnumOf:
    """Documented values of an open enum: any other value is still accepted."""

    base: Primitive
    values: tuple[Any, ...]


TypeRef = Primitive | Special | ArrayOf | TupleOf | MapOf | ModelRef | UnionOf | EnumOf

ANY = Special("any")
OBJECT = Special("object")
STRING = Primitive("string")


# -- placement -----------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Unit:
    """Where generated code lives: an API group/version, a definition namespace, a tag, or the root.

    `path` is a sequence of segments, each a tuple of words; targets join them.
    """

    path: tuple[Words, ...]
    # Metadata, not identity: units with the same path are the same package.
    group: str | None = field(default=None, compare=False)  # the API group ("" for core) of API units
    version: str | None = field(default=None, compare=False)

    @property
    def words(self) -> Words:
        return tuple(w for segment in self.path for w in segment)


ROOT = Unit(())


@dataclass(frozen=True, order=True)
class GVK:
    group: str
    version: str
    kind: str

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version


# -- models --------------------------------------------------------------------
@dataclass
class Field:
    wire_name: str
    type: TypeRef
    required: bool = False
    nullable: bool = False
    description: str | None = None
    default: Any = MISSING
    read_only: bool = False
    pointer: str = ""
    notes: tuple[str, ...] = ()  # extra facts for documentation (validations, list types, ...)


@dataclass
class Model:
    key: str  # the definition name, or the pointer of a hoisted inline schema
    pointer: str
    name_hint: tuple[str, ...]  # raw name parts: ("Certificate",) or ("Certificate", "spec", "privateKey")
    description: str | None = None
    fields: list[Field] = field(default_factory=list)
    alias: TypeRef | None = None  # set for definitions that are not objects with properties
    gvks: tuple[GVK, ...] = ()
    inline: bool = False  # hoisted from an anonymous object schema
    parent: str | None = None  # the model a hoisted schema came from
    extends: tuple[str, ...] = ()  # models whose fields an allOf composition copied in (for targets with inheritance)
    unit: Unit = ROOT
    name: str = ""  # PascalCase, unique in its unit (name_things); targets adapt it to their conventions

    @property
    def resource_gvk(self) -> GVK | None:
        """The GVK of a top-level resource whose apiVersion and kind are filled in."""
        if len(self.gvks) != 1 or self.alias is not None:
            return None
        wire = {f.wire_name for f in self.fields}
        return self.gvks[0] if {"apiVersion", "kind"} <= wire else None


# -- operations ------------------------------------------------------------------
# Where a parameter goes, in the order that decides who keeps a name parameters in several locations
# share: `x` in the query and in a header are `x` and `x header`, whatever the document's order.
LOCATIONS = ("path", "query", "formData", "header", "body")
# What joins an array parameter's items, by collectionFormat (`multi` repeats the key instead: a query or form's).
SEPARATORS = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}


@dataclass
class Param:
    wire_name: str
    location: str  # one of LOCATIONS
    type: TypeRef
    required: bool = False
    description: str | None = None
    default: Any = MISSING
    collection_format: str | None = None
    pointer: str = ""
    name: Words = ()


@dataclass
class Returns:
    type: TypeRef | None  # None: no body
    media: str = "json"  # json, text, binary
    status: tuple[str, ...] = ()  # documented success codes
    # `type` is UnionOf((object, Status)): the object, or a Status when the call completed at once (passes/or_status.py)
    or_status: bool = False

    def object_or_status(self) -> tuple[ModelRef, ModelRef]:
        """The object and the Status of an `or_status` response."""
        assert self.or_status and isinstance(self.type, UnionOf), self
        obj, status = self.type.options
        assert isinstance(obj, ModelRef) and isinstance(status, ModelRef), self
        return obj, status


# the request bodies of PATCH: an operation consuming one of them takes a patch type argument
PATCH_TYPES = frozenset(
    {
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    }
)


@dataclass
class Operation:
    id: str  # unique in the document (the operation's key); never a name: `operation_id` has its words
    method: str  # upper case
    path: str  # the URL path template, under the document's basePath (passes/base_path.py)
    pointer: str
    params: list[Param] = field(default_factory=list)
    body: Param | None = None
    returns: Returns = field(default_factory=lambda: Returns(None))
    summary: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    action: str | None = None  # x-kubernetes-action
    gvk: GVK | None = None
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    deprecated: bool = False
    unit: Unit = ROOT
    name: Words = ()
    watch_name: Words = ()  # the typed watch helper of a list operation, if any
    operation_id: str = ""  # as the document writes it (or made up): it may repeat another operation's
    repeats: Repeat | None = None  # why it does, for the warning that names it (passes/name_things.py)

    @property
    def watchable(self) -> bool:
        """A list whose path accepts watch=true: targets add a typed watch helper."""
        return self.action == "list" and any(p.wire_name == "watch" and p.location == "query" for p in self.params)

    @property
    def is_patch(self) -> bool:
        """A PATCH taking a patch document: its body is any patch (targets give it a patch type argument), not its declared model."""
        return self.method == "PATCH" and bool(PATCH_TYPES & set(self.consumes))


# -- resources -------------------------------------------------------------------
@dataclass
class Resource:
    gvk: GVK
    plural: str
    namespaced: bool
    model: str | None  # key of the object's model
    verbs: tuple[str, ...] = ()
    subresources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    operations: tuple[str, ...] = ()  # operation ids


# -- the whole API ---------------------------------------------------------------
@dataclass
class Api:
    title: str
    version: str
    description: str | None
    sha256: str
    source: str
    kubernetes: bool = False
    base_path: str = ""  # the document's basePath ("" for none or "/"), already part of every operation's path
    models: dict[str, Model] = field(default_factory=dict)
    operations: list[Operation] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    fixups: dict[str, int] = field(default_factory=dict)  # fixup name -> how many places it changed

    def models_by_unit(self) -> dict[Unit, list[Model]]:
        """Models grouped by unit, in model order (in one pass: a document may have thousands of units)."""
        grouped: dict[Unit, list[Model]] = {}
        for model in self.models.values():
            grouped.setdefault(model.unit, []).append(model)
        return grouped

    def operations_by_unit(self) -> dict[Unit, list[Operation]]:
        """Operations grouped by unit, in operation order."""
        grouped: dict[Unit, list[Operation]] = {}
        for op in self.operations:
            grouped.setdefault(op.unit, []).append(op)
        return grouped
