"""Model classes: mutable classes with a codec each, open enums, and the holders of alias models.

    public sealed class Pod
    {
        public static readonly IJsonCodec<Pod> Codec = ...;     // reads and writes the JSON object
        public ObjectMeta Metadata { get; set; }
        public IDictionary<string, RawJson> UnknownFields { get; set; }  // members no property takes, written back in order
    }

A property that is absent is null (an absent list or map too: never an
empty one in its place), and null properties are left out when written. A
resource's public constructor fills in its apiVersion and kind; its codec
does not, so what was read is written back as it came. A model that is an
alias of another type has no instances: properties use that type, and its
static class holds only the codec.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.ir.model import EnumOf, Field, Model, Primitive
from kgen.plan import enums as plan_enums
from kgen.targets.common import described
from kgen.targets.csharp import encode, naming
from kgen.targets.csharp.types import EnumKey, TypeNamer, enum_key
from kgen.words import split_words

CODEC_CLASS = "JsonCodec"  # the nested class implementing a model's codec
CODEC_MEMBERS = frozenset({"Read", "Write", CODEC_CLASS})  # names the nested codec class's body resolves first
ENUM_MEMBERS = naming.OBJECT_MEMBERS | {"Codec", "Of", "Value"}
INDENT = "        "


@dataclass
class PropertyView:
    name: str  # the property
    type: str
    doc: str
    read: str  # the switch section reading it
    write: str  # the statement writing it


@dataclass
class ModelView:
    name: str
    doc: str
    properties: list[PropertyView]
    type_meta: list[str]  # a resource's constructor statements (apiVersion and kind)
    cleared: list[str]  # the codec's statements undoing them on a read object


@dataclass
class AliasView:
    name: str
    doc: str
    type: str
    codec: str


@dataclass
class EnumView:
    name: str
    doc: str
    constants: list[tuple[str, str]]  # (name, its value's string literal)


def model_doc(name: str, model: Model, fallback: str) -> str:
    return encode.xml_doc([described(model.description, f"{name}: {fallback}")], "    ")


def property_names(model: Model, name: str) -> list[str]:
    """Each field's property: PascalCase, unique, never the class's name nor a member every model has."""
    return naming.members([naming.property_name(f.wire_name) for f in model.fields], name, naming.MODEL_MEMBERS)


def class_members(properties: list[str]) -> set[str]:
    """Every member name of a model's class (of these properties) and its codec class: type names spelled in the file must avoid them."""
    return {*properties, *naming.MODEL_MEMBERS, *CODEC_MEMBERS}


def model_view(model: Model, name: str, names: list[str], namer: TypeNamer) -> ModelView:
    """The class of a model whose properties are `names` (property_names)."""
    json = namer.ref("Json")
    properties = [_property(f, p, namer, json) for f, p in zip(model.fields, names)]
    gvk = model.resource_gvk
    type_meta, cleared = [], []
    if gvk is not None:
        values = {"apiVersion": gvk.api_version, "kind": gvk.kind}
        for f, p in zip(model.fields, names):
            if f.wire_name in values and isinstance(f.type, Primitive) and f.type.kind == "string":
                type_meta.append(f"{p} = {encode.string_literal(values[f.wire_name])};")
                cleared.append(f"m.{p} = null;")
    return ModelView(name, model_doc(name, model, "no description."), properties, type_meta, cleared)


def _property(f: Field, name: str, namer: TypeNamer, json: str) -> PropertyView:
    """A field's property; `json`: the runtime's Json class as the file writes it."""
    wire = encode.string_literal(f.wire_name)
    spelled, codec = namer.spell(f.type), namer.codec(f.type)  # in this order: the first type to take a simple name keeps it
    paragraphs = [described(f.description, f"The {f.wire_name} member."), *f.notes]
    if f.required:
        paragraphs.append("Required.")
    return PropertyView(
        name=name,
        type=spelled,
        doc=encode.xml_doc(paragraphs, INDENT),
        read=f"case {wire}: m.{name} = {json}.Read(reader, {codec}); break;",
        write=f"{json}.Field(writer, {wire}, m.{name}, {codec});",
    )


def alias_view(model: Model, name: str, namer: TypeNamer) -> AliasView:
    assert model.alias is not None
    return AliasView(name, model_doc(name, model, "an alias."), namer.spell(model.alias), namer.codec(model.alias))


def enum_names(models: list[Model], types: dict[str, str], taken: set[str]) -> dict[EnumKey, str]:
    """The open-enum class of each string value set these models use (`types`: model key -> class name)."""
    return plan_enums.enum_names(models, types, taken, enum_key, lambda owner, wire: naming.bounded(owner + naming.pascal(split_words(wire), "Value")))


def enum_users(models: list[Model], names: dict[EnumKey, str], types: dict[str, str]) -> list[tuple[str, EnumOf, str, str | None]]:
    """Each open-enum class of a namespace (its name, values, first user and description), in order of first use."""
    first = plan_enums.enum_first_users(models, types, enum_key)
    return [(names[key], enum, user, description) for key, (enum, user, description) in first.items()]


def enum_constants(name: str, enum: EnumOf) -> list[tuple[str, str]]:
    values = list(dict.fromkeys(v for v in enum.values if isinstance(v, str)))
    constants = naming.members([naming.pascal(plan_enums.constant_words(v), "Value") for v in values], name, ENUM_MEMBERS)
    return [(c, encode.string_literal(v)) for c, v in zip(constants, values)]


def enum_members(name: str, constants: list[tuple[str, str]]) -> set[str]:
    """Every member name of an open-enum class with these constants (enum_constants): type names spelled in its file must avoid them."""
    return {name, *(c for c, _ in constants), *ENUM_MEMBERS}


def enum_view(name: str, constants: list[tuple[str, str]], user: str, description: str | None) -> EnumView:
    text = f"Values of {user} that the API documents; it may send others, which are kept. {description or ''}"
    return EnumView(name, encode.xml_doc([text], "    "), constants)
