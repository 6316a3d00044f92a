"""Parameter classes: the optional parameters of the operations, one class per distinct set in a package.

Kubernetes repeats the same optional query parameters (pretty, dryRun,
labelSelector, ...) on many operations; each set is declared once per
package, named after what its users share (kgen.plan.options): ReadParams,
ListParams, ConnectNamespacedPodProxyParams (not ...Options: Kubernetes has
models named DeleteOptions and ListOptions). A null property is not sent;
a list is sent as the document's collection format says (one pair per item
for `multi`, else joined).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from kgen.ir.model import SEPARATORS, ArrayOf, Operation, Param
from kgen.plan import options as plan_options
from kgen.plan.units import optional_params
from kgen.targets.common import described
from kgen.targets.java import encode, layout, naming
from kgen.targets.java.models import FieldView, property_view
from kgen.targets.java.types import TypeNamer

CALL_METHODS = {"path": "path", "query": "query", "header": "header", "formData": "form"}  # the Call method that sends a parameter of each location


@dataclass
class OptionsView:
    name: str
    doc: str
    head: str  # `public final class Name {`, laid out
    fields: list[FieldView]
    apply_head: str  # `void addTo(Call call) {`, laid out
    apply: list[str]  # the lines of addTo(Call)


Key = tuple[tuple[str, str, str, str, str, str], ...]  # of each parameter: member, Java type, location, wire name, format, description


def properties(op: Operation) -> list[naming.Property]:
    """Each optional parameter's member and accessors."""
    return naming.properties([naming.camel(p.name) for p in optional_params(op)], naming.RESERVED_MEMBERS | {"call"}, naming.OBJECT_ACCESSORS)


def plan(ops: list[Operation], namer: Callable[[], TypeNamer], taken: set[str]) -> tuple[dict[str, list[Operation]], dict[str, str]]:
    """Each options class (name -> the operations taking it), and the class of each operation (by id).

    `namer` gives a fresh namer of the package: the same parameters are spelled alike for every operation.
    """

    def key_of(op: Operation) -> Key:
        spell = namer().spell
        params = optional_params(op)
        return tuple(
            (names.member, spell(p.type), p.location, p.wire_name, _format(p), (p.description or "").strip()) for names, p in zip(properties(op), params)
        )

    classes: dict[str, list[Operation]] = {}
    by_operation: dict[str, str] = {}
    for found in plan_options.option_sets(ops, key_of, lambda words: naming.class_name(naming.pascal(words + ("params",))), taken, fold=True):
        taken.add(found.type_name)
        classes[found.type_name] = found.users
        for op in found.users:
            by_operation[op.id] = found.type_name
    return classes, by_operation


def view(name: str, users: list[Operation], methods: dict[str, str], namer: TypeNamer) -> OptionsView:
    """The class of an option set, from its first user's parameters (every user's are alike)."""
    named = ", ".join(methods[u.id] for u in users[:3]) + (", ..." if len(users) > 3 else "")
    params = optional_params(users[0])
    fields, apply = [], []
    for names, p in zip(properties(users[0]), params):
        fields.append(_property(names, namer.spell(p.type), p.description, p.wire_name, name))
        apply.append(_apply(names.member, p.location, p.wire_name, _format(p), namer))
    doc = encode.javadoc([f"Optional parameters of {named}; a null property is not sent."], "")
    head = layout.class_head("", f"public final class {name}")
    return OptionsView(name, doc, head, fields, layout.declaration("  ", "void", "addTo", [f"{namer.ref('Call')} call"]), apply)


@functools.lru_cache(maxsize=256)
def _property(names: naming.Property, java_type: str, description: str | None, wire: str, owner: str) -> FieldView:
    """A parameter's property, laid out once (and shared, read only): every package's classes take the same parameters (pretty, dryRun, ...)."""
    return property_view(names, java_type, [described(description, f"The {wire} parameter.")], owner)


def _format(p: Param) -> str:
    if not isinstance(p.type, ArrayOf):
        return ""
    return p.collection_format if p.collection_format in SEPARATORS or p.collection_format == "multi" else "csv"


def _apply(member: str, location: str, wire: str, style: str, namer: TypeNamer) -> str:
    value = f"this.{member}"
    head, name = f"call.{CALL_METHODS[location]}", encode.string_literal(wire)
    if style in SEPARATORS:
        joined = f"{namer.ref('Collectors')}.joining({encode.string_literal(SEPARATORS[style])})"
        test, then, otherwise = f"{value} == null", "null", f"{value}.stream().map({namer.ref('String')}::valueOf).collect({joined})"
        ternary = f"{test} ? {then} : {otherwise}"
        line = layout.wrapped("    ", head, [name, ternary], ";")
        if any(ternary in part and len(part) <= layout.WIDTH for part in line.splitlines()):  # else gjf breaks at ? and :
            return line
        if len(f"            : {otherwise});") > layout.WIDTH:  # gjf breaks the chain before each call after stream()
            otherwise = f"{value}.stream()\n{' ' * 16}.map({namer.ref('String')}::valueOf)\n{' ' * 16}.collect({joined})"
        return f"    {head}(\n        {name},\n        {test}\n            ? {then}\n            : {otherwise});"
    if location == "header":
        value = f"{namer.ref('Objects')}.toString({value}, null)"
    return layout.wrapped("    ", head, [name, value], ";")
