"""Every `$ref` names an existing definition, and no definition is only a reference to itself.

Recursion through properties (JSONSchemaProps) is legitimate; a chain of
definitions that are nothing but references back to each other is not.

Published documents name Kubernetes types they do not include (v1.ListMeta,
or io.k8s.api.core.v1.Volume in the upstream swagger.json by URL). Under
--lenient such a dangling reference resolves to the Kubernetes definition kgen
ships (sources/kubernetes.json) that its name identifies: the full name, or
the end of exactly one full name after a '.' that holds a '.' itself (a
version or package and the kind: v1.Status). A bare kind (Status) could be any
API's and stays untyped, like an unknown or ambiguous name. Nothing is ever
fetched.

A dangling name that ends exactly one of the document's own definitions after
a '.' and holds a '.' itself (v1alpha1.Tenant, where the document defines
sgroups.io.xxx.v1alpha1.Tenant) most likely means that one: the error's hint
names it, and under --lenient the reference resolves to it, before kgen's
shipped definitions are looked at.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kgen.diagnostics import Origin, child
from kgen.passes.context import Context
from kgen.passes.schemas import walk
from kgen.sources import KUBERNETES_RELEASE, SHIPPED_SOURCE, shipped, shipped_closure
from kgen.spec.model import Schema
from kgen.spec.parse import parse_definition

MAX_CHAIN = 64
KUBERNETES = f"Kubernetes {KUBERNETES_RELEASE}"


def run(ctx: Context) -> None:
    definitions = ctx.spec.definitions
    library: dict[str, Any] | None = None
    ends: dict[str, list[str]] | None = None  # the document's own definitions (none of kgen's yet), by their names' ends
    for schema in list(walk(ctx.spec)):
        if schema.ref is None or schema.ref in definitions:
            continue
        ends = ends if ends is not None else _ends(definitions)
        meant = _identified(schema.ref, ends)
        if not ctx.sink.lenient_at(schema.pointer):
            ctx.sink.error(child(schema.pointer, "$ref"), f"reference to a missing definition {schema.ref!r}", _strict_hint(meant))
        elif meant is not None:
            _resolve_own(ctx, schema, meant)
        else:
            library = library if library is not None else shipped().data["definitions"]
            _resolve(ctx, schema, library)
    for name in sorted(definitions):
        _check_chain(ctx, name)


def _ends(names: Iterable[str]) -> dict[str, list[str]]:
    """The names that end with each text after a '.' (Tenant and v1alpha1.Tenant: io.x.v1alpha1.Tenant); built once
    for all dangling references, not searched for each: a cluster's document has thousands of definitions."""
    ends: dict[str, list[str]] = {}
    for name in names:
        parts = name.split(".")
        for start in range(1, len(parts)):
            ends.setdefault(".".join(parts[start:]), []).append(name)
    return ends


def _identified(name: str, ends: dict[str, list[str]]) -> str | None:
    """The one definition a dangling name identifies: it ends only that one's name, and holds a '.' itself."""
    found = ends.get(name, []) if "." in name else []
    return found[0] if len(found) == 1 else None


def _strict_hint(meant: str | None) -> str:
    if meant is None:
        return "add the definition under /definitions or correct the name (or pass --lenient to resolve it from Kubernetes definitions kgen ships, else leave it untyped)"
    return f"did you mean '#/definitions/{meant}'? It is the only definition whose name ends with this one (or pass --lenient to resolve it to that definition with a warning)"


def _resolve_own(ctx: Context, schema: Schema, meant: str) -> None:
    """Point a dangling reference at the document's one definition its name identifies, with a warning."""
    name, schema.ref = schema.ref, meant
    ctx.sink.warning(
        child(schema.pointer, "$ref"),
        f"reference to a missing definition {name!r}; resolved to {meant!r}, the only definition of the document whose name ends with it",
        f"write the reference as '#/definitions/{meant}'",
        "dangling-reference",
    )


def _resolve(ctx: Context, schema: Schema, library: dict[str, Any]) -> None:
    """Point a dangling reference at the one shipped definition its name identifies, or untype it; a warning says which."""
    name = schema.ref
    assert name is not None
    matches = [name] if name in library else sorted(full for full in library if full.endswith("." + name))
    if len(matches) == 1 and "." in name:
        schema.ref = matches[0]
        _add_shipped(ctx, matches[0], library)
        outcome, hint = f"resolved to the {KUBERNETES} definition {matches[0]!r} that kgen ships", "add the definition under /definitions if another one is meant"
    else:
        schema.ref = None
        schema.extensions = {**schema.extensions, "x-kubernetes-preserve-unknown-fields": True}  # any value, said once: here
        outcome, hint = _untyped(name, matches)
    ctx.sink.warning(child(schema.pointer, "$ref"), f"reference to a missing definition {name!r}; {outcome}", hint, "dangling-reference")


def _untyped(name: str, matches: list[str]) -> tuple[str, str]:
    """Why a dangling reference names no one shipped definition, and what would type it."""
    if not matches:
        return f"typed as any JSON value: no {KUBERNETES} definition kgen ships has this name", "add the definition under /definitions or correct the name"
    why = "a name without a version could be any API's" if "." not in name else f"{len(matches)} {KUBERNETES} definitions kgen ships end with it"
    return f"typed as any JSON value: {why}", f"write the full name of the one meant ({', '.join(matches)}) or add the definition under /definitions"


def _add_shipped(ctx: Context, name: str, library: dict[str, Any]) -> None:
    """A shipped definition and those it refers to, parsed into the document; diagnostics about them name kgen's file."""
    for needed in shipped_closure([name], ctx.spec.definitions, library):
        pointer = child("/definitions", needed)
        ctx.sink.origins.add("definitions", needed, Origin(SHIPPED_SOURCE, pointer))
        ctx.spec.definitions[needed] = parse_definition(library[needed], pointer, ctx.sink)


def _alias_target(schema: Schema) -> str | None:
    """The definition a schema merely points to, if that is all it does."""
    if schema.ref is not None and not schema.properties:
        return schema.ref
    if len(schema.all_of) == 1 and not schema.properties and schema.all_of[0].ref is not None:
        return schema.all_of[0].ref
    return None


def _check_chain(ctx: Context, start: str) -> None:
    definitions = ctx.spec.definitions
    seen = [start]
    target = _alias_target(definitions[start])
    while target is not None and target in definitions:
        if target in seen:
            cycle = " -> ".join(seen[seen.index(target) :] + [target])
            ctx.sink.error(
                definitions[start].pointer,
                f"definitions only refer to each other in a cycle: {cycle}",
                "give one of them a real schema",
            )
            return
        if len(seen) > MAX_CHAIN:
            ctx.sink.error(
                definitions[start].pointer,
                f"a chain of more than {MAX_CHAIN} definitions that only refer to the next",
                "point the reference at the final definition",
            )
            return
        seen.append(target)
        target = _alias_target(definitions[target])
