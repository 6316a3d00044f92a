"""The package's `_queries` module: one TypedDict per distinct set of optional parameters.

Kubernetes repeats the same optional query parameters (pretty, dryRun,
labelSelector, ...) on hundreds of operations in dozens of group/versions;
each set is declared and documented once for the whole package. API modules
import these names for type checkers only, so they cost nothing at run time.
A set shared by one action is named after it (ListQuery); others after the
first operation using them (ReadNamespacedPodLogQuery).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kgen.ir.model import ROOT, Api, Operation, Param
from kgen.targets.python import encode, layout, naming
from kgen.targets.python.types import ModelName, TypeNamer

CLASS_INDENT = "    "
ACTION_NAMES = {
    "get": "Read",
    "list": "List",
    "post": "Create",
    "put": "Replace",
    "patch": "Patch",
    "delete": "Delete",
    "deletecollection": "DeleteCollection",
    "watch": "Watch",
    "watchlist": "WatchList",
}


@dataclass
class QueryView:
    name: str
    docstring: str
    fields: list[str]  # "    attr: annotation", laid out


@dataclass
class QueryModule:
    by_operation: dict[str, QueryView]  # operation id -> its optional parameters
    classes: list[QueryView]
    imports: list[str]
    uses_any: bool


def optional_params(op: Operation) -> list[Param]:
    """Optional query and header parameters; a watch helper owns its list's `watch`."""
    return [
        p
        for p in op.params
        if not p.required and p.location in ("query", "header") and not (op.watch_name and p.wire_name == "watch")
    ]


def build(api: Api, names: dict[str, ModelName], package: Any) -> QueryModule:
    """`package` is the target's Package: module paths and aliases of the units."""
    from kgen.targets.python.api_module import param_attrs

    namer = TypeNamer(names, ROOT, package.aliases, local=False)
    sets: dict[tuple, list[Operation]] = defaultdict(list)
    for op in sorted(api.operations, key=lambda o: (o.unit, o.name, o.path, o.method)):
        attrs = param_attrs(op)
        key = tuple((attrs[id(p)], namer.annotation(p.type), " ".join((p.description or "").split())) for p in optional_params(op))
        if key:
            sets[key].append(op)
    per_action: dict[str | None, int] = defaultdict(int)
    for users in sets.values():
        per_action[_shared_action(users)] += 1
    by_operation: dict[str, QueryView] = {}
    classes: list[QueryView] = []
    taken: set[str] = set()
    for key, users in sorted(sets.items(), key=lambda kv: (kv[1][0].unit, kv[1][0].name, kv[1][0].path)):
        action = _shared_action(users)
        base = ACTION_NAMES[action] + "Query" if action in ACTION_NAMES and per_action[action] == 1 else naming.pascal(users[0].name + ("query",))
        name = naming.unique([base], taken)[0]
        taken.add(name)
        view = QueryView(name, _docstring(users, key), [layout.annotated(attr, annotation, "", CLASS_INDENT) for attr, annotation, _ in key])
        classes.append(view)
        for op in users:
            by_operation[op.id] = view
    imports = [f"import {package.module(unit, 'models')} as {package.aliases[unit]}" for unit in sorted(namer.used_units)]
    return QueryModule(by_operation, sorted(classes, key=lambda v: v.name), imports, namer.uses_any)


def _shared_action(users: list[Operation]) -> str | None:
    actions = {u.action for u in users}
    return actions.pop() if len(actions) == 1 else None


def _docstring(users: list[Operation], key: tuple) -> str:
    named = ", ".join(naming.snake(u.name) for u in users[:3]) + (", ..." if len(users) > 3 else "")
    doc = f"Optional parameters of {named}."
    documented = [f"    {attr}: {desc}" for attr, _, desc in key if desc]
    if documented:
        doc += "\n\nAttributes:\n" + "\n".join(documented)
    return encode.docstring(doc, CLASS_INDENT)
