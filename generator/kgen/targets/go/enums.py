"""Open enums in Go: a string (or integer) type with the documented values as constants.

    // ServiceSpecType: values of ServiceSpec.type that the API documents; it may send others, which are kept.
    type ServiceSpecType string

    const (
        ServiceSpecTypeClusterIP    ServiceSpecType = "ClusterIP"
        ServiceSpecTypeExternalName ServiceSpecType = "ExternalName"
    )

A field typed ServiceSpecType still holds any string, so a value a newer
server sends decodes, is kept and is sent back. Fields of one package with
the same values share a type (named after the first of them); a definition
that is itself an enum gives the type its name. Integer values the base
type cannot hold (beyond int32 or int64) are left out: no field could hold
them either.
"""

from __future__ import annotations

from kgen.ir.model import EnumOf, Model
from kgen.plan import enums as plan_enums
from kgen.targets.go import encode, layout, naming
from kgen.targets.go.types import EnumKey, enum_key, held
from kgen.targets.go.views import EnumView
from kgen.words import split_words


def plan(models: list[Model], types: dict[str, str], taken: set[str]) -> dict[EnumKey, str]:
    """The type name of each value set that these models' fields use (`types`: model key -> type name)."""
    return plan_enums.enum_names(models, types, taken, enum_key, lambda owner, wire: owner + naming.exported(split_words(wire), "Value"))


def views(models: list[Model], names: dict[EnumKey, str], types: dict[str, str], taken: set[str]) -> list[EnumView]:
    """The enum types of a package, in the order their first user appears; constant names join `taken`."""
    first = plan_enums.enum_first_users(models, types, enum_key)
    return [_view(names[k], k, enum, user, description, taken) for k, (enum, user, description) in first.items()]


def _view(name: str, key: EnumKey, enum: EnumOf, user: str, description: str | None, taken: set[str]) -> EnumView:
    kept = held(key[0], enum.values)
    constants = naming.unique([name + naming.exported(plan_enums.constant_words(v)) for v in kept], taken)
    taken.update(constants)
    literals = [encode.string_literal(v) if isinstance(v, str) else str(v) for v in kept]
    text = f"values of {user} that the API documents; it may send others, which are kept. {description or ''}"
    return EnumView(
        name=name,
        base=key[0],
        doc=encode.doc_comment([f"{name}: {text}"]),
        constants=layout.aligned([[c, name, f"= {literal}"] for c, literal in zip(constants, literals)], "\t"),
    )
