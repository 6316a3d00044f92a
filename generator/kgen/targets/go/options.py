"""Options structs: the optional parameters of the operations, one struct per distinct set in a package.

Kubernetes repeats the same optional query parameters (pretty, dryRun,
labelSelector, ...) on many operations; each set is declared once per
package, named after what its users share (kgen.plan.options): ListOptions,
ConnectNamespacedPodProxyOptions.
Each field's tag names where it goes: `query:"limit"`, `header:"X-Name"`,
`form:"x"`, and `format:"multi"` (or ssv, tsv, pipes) for lists not sent
comma-separated. The runtime reads the tags; a nil field is not sent.
"""

from __future__ import annotations

import functools

from kgen.ir.model import Operation
from kgen.plan import options as plan_options
from kgen.plan.units import optional_params
from kgen.targets.go import encode, layout, naming
from kgen.targets.go.types import TypeNamer
from kgen.targets.go.views import OptionsView

LOCATIONS = {"query": "query", "header": "header", "formData": "form"}


Fields = tuple[tuple[str, str, str, str, str, str], ...]  # of each parameter: name, Go type, location, wire name, style, description


def build(ops: list[Operation], namer: TypeNamer, method_names: dict[str, str], taken: set[str]) -> tuple[list[OptionsView], dict[str, str]]:
    """The options structs of a package's operations, and which one each operation takes (by operation id).

    `method_names` maps operation ids to their Go method names; `taken` holds
    the package's names so far, and receives the new ones.
    """

    def key_of(op: Operation) -> Fields:
        params = optional_params(op)
        fields = naming.unique([naming.exported(p.name, "Param") for p in params])
        return tuple(
            (name, namer.field(p.type, False), LOCATIONS[p.location], p.wire_name, p.collection_format or "", (p.description or "").strip())
            for name, p in zip(fields, params)
        )

    views: list[OptionsView] = []
    by_operation: dict[str, str] = {}
    for found in plan_options.option_sets(ops, key_of, lambda words: naming.exported(words + ("options",)), taken):
        taken.add(found.type_name)
        views.append(_view(found.type_name, found.key, [method_names[u.id] for u in found.users]))
        for op in found.users:
            by_operation[op.id] = found.type_name
    return sorted(views, key=lambda v: v.name), by_operation


def _view(name: str, key: Fields, users: list[str]) -> OptionsView:
    named = ", ".join(users[:3]) + (", ..." if len(users) > 3 else "")
    return OptionsView(
        name=name,
        doc=encode.doc_comment([f"{name}: optional parameters of {named}; a nil field is not sent."]),
        body=_body(key),
    )


@functools.lru_cache(maxsize=1024)
def _body(key: Fields) -> tuple[str, ...]:
    """The struct's fields, laid out (cached: every package of a cluster repeats Kubernetes' sets of parameters)."""
    entries = []
    for field_name, go_type, location, wire, style, description in key:
        pairs = [encode.tag_pair(location, wire)] + ([encode.tag_pair("format", style)] if style not in ("", "csv") else [])
        entries.append((encode.comment_lines(description, "\t"), [field_name, go_type, encode.tag_literal(pairs)]))
    return tuple(layout.body(entries, "\t"))
