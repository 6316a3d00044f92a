"""Aliases (definitions that are not objects with properties) must not refer back to themselves.

A model's fields may refer to anything, recursively (JSONSchemaProps): targets
resolve field types lazily. An alias is a value that exists only once what it
names exists, so `A = list[A]`, two aliases naming each other, or aliases in
two packages naming each other (each package needs the other one loaded
first) cannot be defined. JSON Schema allows all three. The reference that
closes such a cycle becomes ANY (any JSON value) with a warning: the document
still generates, and only that reference loses its type.

Which references close a cycle: in every strongly connected group of aliases
within a unit, and of units linked by aliases, references to a member that
sorts later (or to itself) are cut. That leaves every group ordered, so it is
deterministic and linear in the size of the graph, whatever the document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar

from kgen.ir.model import ANY, ArrayOf, MapOf, Model, ModelRef, TupleOf, TypeRef, UnionOf, Unit
from kgen.ir.walk import referenced_models
from kgen.passes.context import Context


def run(ctx: Context) -> None:
    models = ctx.api.models
    aliases = sorted((m for m in models.values() if m.alias is not None), key=lambda m: (m.unit, m.key))
    refs = {m.key: sorted(set(referenced_models([m.alias]))) for m in aliases}
    local: dict[str, list[str]] = {m.key: [r for r in refs[m.key] if models[r].unit == m.unit and models[r].alias is not None] for m in aliases}
    across: dict[Unit, set[Unit]] = defaultdict(set)
    for m in aliases:
        across[m.unit].update(models[r].unit for r in refs[m.key] if models[r].unit != m.unit)
    cut_local = cycle_edges(local)
    cut_across = cycle_edges({unit: sorted(targets) for unit, targets in across.items()})
    for m in aliases:
        cut = {r for r in refs[m.key] if (m.key, r) in cut_local or (m.unit, models[r].unit) in cut_across}
        if cut and m.alias is not None:
            m.alias = without(m.alias, cut)
            _warn(ctx, m, sorted(cut))


def _warn(ctx: Context, model: Model, cut: list[str]) -> None:
    names = ", ".join(repr(key) for key in cut)
    ctx.sink.warning(
        model.pointer,
        f"the reference to {names} closes a cycle of definitions that are not objects (or of packages linked by them); "
        "it is typed as any JSON value",
        "make one definition of the cycle an object with properties to keep its type",
        kind="alias-cycle",
    )


def without(t: TypeRef, keys: set[str]) -> TypeRef:
    """`t` with references to `keys` replaced by ANY."""
    if isinstance(t, ModelRef):
        return ANY if t.key in keys else t
    if isinstance(t, ArrayOf):
        return ArrayOf(without(t.item, keys))
    if isinstance(t, MapOf):
        return MapOf(without(t.value, keys))
    if isinstance(t, UnionOf):
        return UnionOf(tuple(without(option, keys) for option in t.options))
    if isinstance(t, TupleOf):
        return TupleOf(tuple(without(item, keys) for item in t.items))
    return t


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


Node = TypeVar("Node", bound=_Ordered)  # hashable too: the graph's keys


def cycle_edges(graph: Mapping[Node, Iterable[Node]]) -> set[tuple[Node, Node]]:
    """Edges to remove so that no cycle is left: within each strongly connected component, those to a later or equal node."""
    component = _components(graph)
    cut = set()
    for node, targets in graph.items():
        for target in targets:
            if component.get(target) == component[node] and not target < node:
                cut.add((node, target))
    return cut


def _components(graph: Mapping[Node, Iterable[Node]]) -> dict[Node, int]:
    """Tarjan's strongly connected components, without recursion: node -> the index of its component's root."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    component: dict[Node, int] = {}
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(graph.get(target, ()))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = index[node]
                        if member == node:
                            break
    return component
