"""Model classes: mutable beans with a codec each, open enums, and the holders of alias models.

    public final class Pod {
      public static final JsonCodec<Pod> CODEC = ...;   // reads and writes the JSON object
      private ObjectMeta metadata;
      public ObjectMeta getMetadata() / void setMetadata(ObjectMeta) / Pod metadata(ObjectMeta)
      public Map<String, RawJson> getUnknownFields()   // members no field takes, written back in order

A field that is absent is null (an absent list or map too: never an empty
one in its place), and null fields are left out when written. A resource's
public constructor fills in its apiVersion and kind; its codec does not, so
what was read is written back as it came. A model that is an alias of
another type has no instances: fields use that type, and its class holds
only the codec.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kgen.ir.model import EnumOf, Field, Model, Primitive
from kgen.plan import enums as plan_enums
from kgen.targets.common import described
from kgen.targets.java import encode, layout, naming
from kgen.targets.java.types import EnumKey, TypeNamer, enum_key
from kgen.words import split_words

MEMBER_INDENT = "  "
RULE_INDENT = " " * 10
WRITE_INDENT = " " * 6


@dataclass(slots=True, frozen=True)
class FieldView:  # frozen: options' views are cached and shared
    member: str
    type: str
    declaration: str  # the private field
    accessors: str  # the documented getter, the setter and the fluent setter, laid out (one string: an include per field was costly)
    read: str = ""  # the switch rule (model fields)
    write: str = ""  # the statement


@dataclass
class ModelView:
    name: str
    doc: str
    head: str  # the class declaration's line(s), through `{`
    constructor: str
    fields: list[FieldView]
    type_meta: list[tuple[str, str]]  # (member, the constructor's statement setting it) of a resource's apiVersion and kind
    codec_field: str  # the CODEC constant
    codec_class: str  # the head of the nested class that implements it
    read_signature: str
    write_signature: str
    construct: str  # the codec's `M m = new M();`
    start: str  # the codec's first statement in read: `Json.startObject(p);`
    to_string: str  # toString()'s return statement
    unknown: UnknownView


@dataclass(frozen=True)
class UnknownView:
    """The lines that keep the members no field takes, laid out (like every line holding a class name: the runtime's
    and the JDK's are qualified where a model of the package has the same name)."""

    field: str  # the private map
    getter: str  # each accessor's first line(s), through `{`
    setter: str
    read: str  # the switch's default rule
    write: str  # the codec's write: `Json.unknown(g, m.unknownFields);`


@dataclass
class AliasView:
    name: str
    doc: str
    head: str
    codec_line: str
    constructor: str


@dataclass
class EnumView:
    name: str
    doc: str
    head: str
    constant_lines: list[str]
    codec_line: str
    constructor: str
    factory: str  # of()'s first line(s)
    cases: list[str]  # the rules of of()'s switch, its default last


def model_doc(name: str, model: Model, fallback: str) -> str:
    return encode.javadoc([described(model.description, f"{name}: {fallback}")], "")


def field_properties(model: Model) -> list[naming.Property]:
    """Each field's member and accessors (getContinue() of the field continue_)."""
    return naming.properties([naming.property_name(f.wire_name) for f in model.fields], naming.RESERVED_MEMBERS, naming.MODEL_ACCESSORS)


def model_view(model: Model, name: str, namer: TypeNamer, codec_class: str) -> ModelView:
    """`codec_class`: the nested class implementing the codec, named apart from the package's classes."""
    found = field_properties(model)
    members = [p.member for p in found]
    io, json = namer.ref("IOException"), namer.ref("Json")
    fields = [_field(f, p, name, namer, json) for f, p in zip(model.fields, found)]
    gvk = model.resource_gvk
    type_meta: list[tuple[str, str]] = []
    if gvk is not None:
        values = {"apiVersion": gvk.api_version, "kind": gvk.kind}
        type_meta = [
            (member, layout.variable(MEMBER_INDENT * 2, f"this.{member} =", encode.string_literal(values[f.wire_name])))
            for f, member in zip(model.fields, members)
            if f.wire_name in values and isinstance(f.type, Primitive) and f.type.kind == "string"
        ]
    codec_indent = MEMBER_INDENT * 2
    codec = f"{namer.ref('JsonCodec')}<{name}>"
    return ModelView(
        name=name,
        doc=model_doc(name, model, "no description."),
        head=layout.class_head("", f"public final class {name}"),
        constructor=layout.constructor(MEMBER_INDENT, "public", name, []),
        fields=fields,
        type_meta=type_meta,
        codec_field=layout.field(MEMBER_INDENT, f"public static final {codec}", "CODEC", f"new {codec_class}()"),
        codec_class=layout.class_head(MEMBER_INDENT, f"private static final class {codec_class}", f"implements {codec}"),
        read_signature=layout.declaration(codec_indent, f"public {name}", "read", [f"{namer.ref('JsonParser')} p"], io),
        write_signature=layout.declaration(codec_indent, "public void", "write", [f"{namer.ref('JsonGenerator')} g", f"{name} m"], io),
        construct=layout.field(MEMBER_INDENT * 3, name, "m", f"new {name}()"),
        start=layout.wrapped(MEMBER_INDENT * 3, f"{json}.startObject", ["p"], ";"),
        to_string=layout.wrapped(MEMBER_INDENT * 2, f"return new {namer.ref('String')}", [f"{json}.encode(this, CODEC)", f"{namer.ref('StandardCharsets')}.UTF_8"], ";"),
        unknown=_unknown_view(f"{namer.ref('Map')}<{namer.ref('String')}, {namer.ref('RawJson')}>", json),
    )


@functools.lru_cache(maxsize=16)
def _unknown_view(members: str, json: str) -> UnknownView:
    """Of the map type and the Json class as a file spells them: every model of a package has the same lines."""
    m = MEMBER_INDENT
    return UnknownView(
        field=layout.member(m, f"private {members}", "unknownFields"),
        getter=layout.declaration(m, f"public {members}", "getUnknownFields", []),
        setter=layout.declaration(m, "public void", "setUnknownFields", [f"{members} unknownFields"]),
        read=layout.switch_rule(RULE_INDENT, "default", "m.unknownFields", f"{json}.unknown", ["p", "name", "m.unknownFields"]),
        write=layout.wrapped(WRITE_INDENT, f"{json}.unknown", ["g", "m.unknownFields"], ";"),
    )


def property_view(names: naming.Property, java_type: str, doc: list[str], owner: str, read: str = "", write: str = "") -> FieldView:
    """A bean property of class `owner`: the private field, its getter (documented), setter and fluent setter; a model
    field's codec lines `read` and `write`."""
    m, member = MEMBER_INDENT, names.member
    doc_comment = encode.javadoc(doc, m)
    getter = layout.declaration(m, f"public {java_type}", names.getter, [])
    setter = layout.declaration(m, "public void", names.setter, [f"{java_type} {member}"])
    fluent = layout.declaration(m, f"public {owner}", member, [f"{java_type} {member}"])
    assign = layout.variable(m * 2, f"this.{member} =", member)
    return FieldView(
        member=member,
        type=java_type,
        declaration=layout.member(m, f"private {java_type}", member),
        accessors=f"{doc_comment}\n{getter}\n    return {member};\n  }}\n\n{setter}\n{assign}\n  }}\n\n{fluent}\n{assign}\n    return this;\n  }}",
        read=read,
        write=write,
    )


def _field(f: Field, names: naming.Property, owner: str, namer: TypeNamer, json: str) -> FieldView:
    """`json`: the Json class, as the file spells it."""
    member = names.member
    java_type, codec = namer.spell(f.type), namer.codec(f.type)
    wire = encode.string_literal(f.wire_name)
    doc = [described(f.description, f"The {f.wire_name} member."), *f.notes]
    if f.required:
        doc.append("Required.")
    read = layout.switch_rule(RULE_INDENT, f"case {wire}", f"m.{member}", f"{json}.read", ["p", codec])
    write = layout.wrapped(WRITE_INDENT, f"{json}.field", ["g", wire, f"m.{member}", codec], ";")
    return property_view(names, java_type, doc, owner, read, write)


def alias_view(model: Model, name: str, namer: TypeNamer) -> AliasView:
    assert model.alias is not None
    head = f"public static final {namer.ref('JsonCodec')}<{namer.spell(model.alias)}>"
    return AliasView(
        name,
        model_doc(name, model, "an alias."),
        layout.class_head("", f"public final class {name}"),
        layout.field(MEMBER_INDENT, head, "CODEC", namer.codec(model.alias)),
        layout.constructor(MEMBER_INDENT, "private", name, [], empty=True),
    )


def enum_names(models: list[Model], types: dict[str, str], taken: set[str]) -> dict[EnumKey, str]:
    """The open-enum class of each string value set these models use (`types`: model key -> class name)."""
    return plan_enums.enum_names(models, types, taken, enum_key, lambda owner, wire: naming.class_name(owner + naming.pascal(split_words(wire), "Value")))


def enum_users(models: list[Model], names: dict[EnumKey, str], types: dict[str, str]) -> list[tuple[str, EnumOf, str, str | None]]:
    """Each open-enum class of a package (its name, values, first user and description), in order of first use."""
    first = plan_enums.enum_first_users(models, types, enum_key)
    return [(names[key], enum, user, description) for key, (enum, user, description) in first.items()]


def enum_view(name: str, enum: EnumOf, user: str, description: str | None, namer: TypeNamer) -> EnumView:
    values = list(dict.fromkeys(v for v in enum.values if isinstance(v, str)))
    constants = naming.unique([naming.constant(plan_enums.constant_words(v)) for v in values], {"CODEC"})
    literals = [encode.string_literal(v) for v in values]
    text = f"Values of {user} that the API documents; it may send others, which are kept. {description or ''}"
    lines = [layout.field(MEMBER_INDENT, f"public static final {name}", c, f"new {name}({lit})") for c, lit in zip(constants, literals)]
    head = f"public static final {namer.ref('JsonCodec')}<{name}>"
    codec = layout.field(MEMBER_INDENT, head, "CODEC", f"{namer.ref('Json')}.openEnum({name}::of)")
    string = f"{namer.ref('String')} value"
    cases = [layout.rule(" " * 6, f"case {literal}", constant) for constant, literal in zip(constants, literals)]
    cases.append(layout.rule(" " * 6, "default", f"new {name}(value)"))
    return EnumView(
        name,
        encode.javadoc([text], ""),
        layout.class_head("", f"public final class {name}", f"extends {namer.ref('OpenEnum')}"),
        lines,
        codec,
        layout.constructor(MEMBER_INDENT, "private", name, [string]),
        layout.declaration(MEMBER_INDENT, f"public static {name}", "of", [string]),
        cases,
    )
