"""Open enums in Python: the documented values as named constants and a Literal hint, while any value decodes.

For each distinct value set the fields of a models module use, the module
declares one class:

    class ServiceSpecType:
        \"\"\"Values of ServiceSpec.type that the API documents; it may send others.\"\"\"

        if TYPE_CHECKING:
            Value: TypeAlias = Literal["ClusterIP", "ExternalName", "LoadBalancer"] | str
        else:
            Value = str

        CLUSTER_IP: Final = "ClusterIP"
        ...

and those fields are annotated `ServiceSpecType.Value`. At run time Value is
the plain type, so msgspec decodes, keeps and re-encodes a value a newer
server sends; type checkers and editors see the documented values. Fields of
one module with the same values share a class (named after the first of
them); a definition that is itself an enum gives the class its name.
"""

from __future__ import annotations

from kgen.ir.model import EnumOf, Model
from kgen.plan import enums as plan_enums
from kgen.targets.python import encode, layout, naming
from kgen.targets.python.formatting import width
from kgen.targets.python.views import EnumView
from kgen.words import split_words

INDENT = "    "
HINT_INDENT = INDENT * 2
RUNTIME_TYPES = {"string": "str", "integer": "int"}  # Literal holds neither floats nor (usefully) booleans
EnumKey = tuple[str, frozenset[object]]


def key(enum: EnumOf) -> EnumKey | None:
    """What identifies a value set (order aside); None for enums Python spells as their plain type."""
    if enum.base.kind not in RUNTIME_TYPES or enum.base.format == "binary":
        return None
    return enum.base.kind, frozenset(enum.values)


def plan(models: list[Model], classes: dict[str, str], taken: set[str]) -> dict[EnumKey, str]:
    """The class name of each value set that these models' fields use (`classes`: model key -> class name)."""
    return plan_enums.enum_names(models, classes, taken, key, lambda owner, wire: owner + naming.pascal(split_words(wire) or ("value",)))


def views(models: list[Model], names: dict[EnumKey, str], classes: dict[str, str]) -> list[EnumView]:
    """The classes of a module, in the order their first user appears.

    An enum definition is a type of its own that fields refer to by its name: one
    whose values another definition already named still gets its own class.
    """
    first = plan_enums.enum_first_users(models, classes, key)
    shared = [_view(names[k], enum, user, description) for k, (enum, user, description) in first.items()]
    named = {v.name for v in shared}
    own = [
        _view(classes[m.key], m.alias, classes[m.key], m.description)
        for m in models
        if isinstance(m.alias, EnumOf) and key(m.alias) is not None and classes[m.key] not in named
    ]
    return shared + own


def _view(name: str, enum: EnumOf, user: str, description: str | None) -> EnumView:
    runtime = RUNTIME_TYPES[enum.base.kind]
    literals = [encode.string_literal(v) if isinstance(v, str) else str(v) for v in enum.values]
    doc = f"Values of {user} that the API documents; it may send others, which are kept."
    if description and description.strip():
        doc = f"{description.strip()}\n\n{doc}"
    constant_names = naming.unique([_constant(v) for v in enum.values], {"Value"})
    return EnumView(
        name=name,
        docstring=encode.docstring(doc, INDENT),
        hint=_hint(literals, runtime),
        runtime=runtime,
        constants=[layout.annotated(c, "Final", literal, INDENT) for c, literal in zip(constant_names, literals)],
    )


def _hint(literals: list[str], runtime: str) -> str:
    """`Value: TypeAlias = Literal[...] | runtime` as black lays it out: whole, parenthesised, or one value per line."""
    value = f"Literal[{', '.join(literals)}] | {runtime}"
    line = f"{HINT_INDENT}Value: TypeAlias = {value}"
    inner = HINT_INDENT + INDENT
    if width(line) <= layout.LINE_LENGTH:
        return line
    if width(inner + value) <= layout.LINE_LENGTH:
        return f"{HINT_INDENT}Value: TypeAlias = (\n{inner}{value}\n{HINT_INDENT})"
    literal = layout.bracket("Literal[", literals, "]", inner, collection=True)
    return f"{HINT_INDENT}Value: TypeAlias = (\n{literal}\n{inner}| {runtime}\n{HINT_INDENT})"


def _constant(value: object) -> str:
    """An UPPER_SNAKE name for a value: ClusterIP -> CLUSTER_IP, "" -> EMPTY, 3 -> VALUE_3."""
    name = "_".join(plan_enums.constant_words(value)).upper()
    return name if not name[0].isdigit() else "VALUE_" + name
