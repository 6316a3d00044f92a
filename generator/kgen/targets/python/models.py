"""Per-unit models modules: msgspec Struct classes and type aliases, laid out for black."""

from __future__ import annotations

from kgen.ir.model import EnumOf, Field, Model
from kgen.ir.walk import referenced_models
from kgen.targets.python import encode, enums, layout, naming
from kgen.targets.python.types import TypeNamer
from kgen.targets.python.views import AliasView, ClassView
from kgen.words import split_words

FIELD_INDENT = "    "
# msgspec's field() under a name no attribute can have: class bodies look names up in the class first,
# so an attribute called `field` would otherwise break every later field(...) in its class.
FIELD_CALL = "_field"


def field_attributes(model: Model) -> list[str]:
    """Attribute names for a model's fields: snake_case, unique within the class."""
    return naming.unique([naming.snake(split_words(f.wire_name) or ("field",)) for f in model.fields], set(naming.STRUCT_ATTRIBUTES))


def class_views(models: list[Model], namer: TypeNamer) -> list[ClassView]:
    return [_class_view(m, namer) for m in models if m.alias is None]


def alias_views(models: list[Model], namer: TypeNamer) -> list[AliasView]:
    """Aliases are plain assignments evaluated at import: an alias naming another local alias comes after it.

    Definitions that are enums become enum classes instead (see enums.py). The IR has no alias
    cycles (passes.break_alias_cycles); the order is a depth-first post-order, without recursion.
    """
    aliases = {m.key: m for m in models if m.alias is not None and not (isinstance(m.alias, EnumOf) and enums.key(m.alias))}
    ordered: list[Model] = []
    placed: set[str] = set()
    for root in aliases.values():
        stack = [(root, False)]
        while stack:
            model, expanded = stack.pop()
            if model.key in placed:
                continue
            if expanded:
                placed.add(model.key)
                ordered.append(model)
                continue
            stack.append((model, True))
            local = [aliases[key] for key in referenced_models([model.alias]) if key in aliases and key not in placed]
            stack.extend((child, False) for child in reversed(local))
    return [
        AliasView(
            namer.names[m.key].cls,
            layout.annotated(namer.names[m.key].cls, "TypeAlias", namer.spell(m.alias), ""),
            encode.docstring(m.description, "") if m.description else None,
        )
        for m in ordered
        if m.alias is not None  # all of them (see aliases): this tells the type checker
    ]


def _class_view(model: Model, namer: TypeNamer) -> ClassView:
    gvk = model.resource_gvk
    attributes = field_attributes(model)
    lines = [_field_line(f, attr, namer, is_resource=gvk is not None) for f, attr in zip(model.fields, attributes)]
    return ClassView(
        name=namer.names[model.key].cls,
        base="Resource" if gvk else "Model",
        header=layout.bracket(f"class {namer.names[model.key].cls}(", ["Resource" if gvk else "Model", "kw_only=True"], "):"),
        docstring=encode.docstring(_class_doc(model, attributes), FIELD_INDENT),
        api_version=encode.string_literal(gvk.api_version) if gvk else None,
        kind=encode.string_literal(gvk.kind) if gvk else None,
        lines=lines,
        calls_field=any(_renamed(f, attr) for f, attr in zip(model.fields, attributes)),
    )


def _class_doc(model: Model, attributes: list[str]) -> str:
    parts = [model.description.strip() if model.description and model.description.strip() else f"{model.name}."]
    documented = [(attr, f) for attr, f in zip(attributes, model.fields) if f.description or f.notes]
    if documented:
        parts.append("Attributes:\n" + "\n".join(_attribute_doc(attr, f) for attr, f in documented))
    return "\n\n".join(parts)


def _attribute_doc(attr: str, f: Field) -> str:
    text = "\n".join(x for x in ((f.description or "").strip(), *f.notes) if x)
    lines = text.split("\n")
    return "\n".join([f"    {attr}: {lines[0]}"] + [f"        {line}" if line else "" for line in lines[1:]])


def _field_line(f: Field, attr: str, namer: TypeNamer, is_resource: bool) -> str:
    required = f.required and not (is_resource and f.wire_name in ("apiVersion", "kind"))
    raw = namer.is_raw(f.type)
    annotation = namer.optional(f.type) if (not required or f.nullable) and not raw else namer.spell(f.type)
    unset = "NO_RAW" if raw else "None"
    if _renamed(f, attr):
        args = [f"name={encode.string_literal(f.wire_name)}"] + ([] if required else [f"default={unset}"])
        value = f"{FIELD_CALL}({', '.join(args)})"
    else:
        value = "" if required else unset
    return layout.annotated(attr, annotation, value, FIELD_INDENT)


def _renamed(f: Field, attr: str) -> bool:
    """Whether msgspec's camelCase of the attribute misses the wire name, so the field names it explicitly."""
    return naming.msgspec_camel(attr) != f.wire_name
