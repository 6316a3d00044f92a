"""Per-unit api.ts modules and the package's shared query interfaces.

Each operation becomes an `Op` constant (method, path template, how to send
each argument) and an exported function taking the client first, then the
path arguments, the body, and one `options` object. The options are the
operation's optional query and header parameters, as a shared interface of
src/_queries.ts, plus its required non-path parameters and, for patches,
`patchType`. Option keys are the wire names themselves (quoted where they
are not identifiers), so what a caller writes is what is sent; `Op.wire`
names the rare key that had to differ. Every list that accepts watch=true
also gets a watch function returning a typed, resuming `Watch`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kgen.ir.model import LOCATIONS, Api, ArrayOf, ModelRef, Operation, Unit
from kgen.plan import options as plan_options
from kgen.plan import scopes
from kgen.plan.units import UnitPlan, optional_params
from kgen.targets import common
from kgen.targets.typescript import encode, naming
from kgen.targets.typescript.types import ModelName, TypeNamer
from kgen.targets.typescript.views import ApiModule, FunctionView, OpView, QueriesModule, QueryInterface

if TYPE_CHECKING:
    from kgen.targets.typescript.target import Layout

RESERVED_ARGS = {"client", "body", "options"}
MAX_LINE = 100
PATCH_KEY = "patchType"


QUERIES_PATH = "src/_queries.ts"


@dataclass(frozen=True)
class Queries:
    module: QueriesModule  # src/_queries.ts (it has no interfaces when no operation has optional parameters)
    by_operation: dict[str, QueryInterface]


def option_keys(op: Operation) -> dict[int, str]:
    """The options key of every non-path parameter: its wire name, made unique (a patch reserves patchType).

    A name that parameters in several locations share stays with the first of LOCATIONS (the query's);
    the others say where they go (`x` and `xHeader`), as the IR names them, whatever the document's order.
    """
    params = sorted((p for p in op.params if p.location != "path"), key=lambda p: LOCATIONS.index(p.location))
    first: dict[str, str] = {}
    for p in params:
        first.setdefault(p.wire_name, p.location)
    wanted = [p.wire_name if first[p.wire_name] == p.location else p.wire_name + p.location[:1].upper() + p.location[1:] for p in params]
    keys = naming.unique(wanted, {PATCH_KEY} if op.is_patch else set())
    return {id(p): k for p, k in zip(params, keys)}


def path_args(op: Operation) -> dict[int, str]:
    params = [p for p in op.params if p.location == "path"]
    return {id(p): a for p, a in zip(params, naming.unique([naming.camel(p.name) for p in params], RESERVED_ARGS))}


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def queries(api: Api, names: dict[str, ModelName], layout: Layout, header: str, refs: frozenset[Unit]) -> Queries:
    """One interface per distinct set of optional parameters, named as the Python target names its TypedDicts."""
    namer = TypeNamer(names, None, layout.aliases)

    def key_of(op: Operation) -> tuple[tuple[str, str, str], ...]:  # of each parameter: key, type, description
        keys = option_keys(op)
        return tuple((keys[id(p)], namer.spell(p.type), one_line(p.description)) for p in optional_params(op))

    interfaces: list[QueryInterface] = []
    by_operation: dict[str, QueryInterface] = {}
    for found in plan_options.option_sets(api.operations, key_of, lambda words: naming.pascal(words + ("query",))):
        users = found.users
        named = ", ".join(naming.camel(u.name) for u in users[:3]) + (", ..." if len(users) > 3 else "")
        members = [(naming.property_key(k), t, encode.doc_comment(d, "  ") if d else None) for k, t, d in found.key]
        interface = QueryInterface(found.type_name, encode.doc_comment(f"Optional parameters of {named}."), members)
        interfaces.append(interface)
        for op in users:
            by_operation[op.id] = interface
    module = QueriesModule(
        header,
        doc=encode.doc_comment("Optional parameters of the operations, one interface per distinct set."),
        imports=model_imports(QUERIES_PATH, refs, layout),
        interfaces=sorted(interfaces, key=lambda q: q.name),
    )
    return Queries(module, by_operation)


def model_imports(source: str, refs: Iterable[Unit], layout: Layout) -> list[str]:
    """The models modules of these units (kgen.plan.units), imported as types under their unit's alias."""
    return [f'import type * as {layout.aliases[u]} from "{layout.specifier(source, u, "models.ts")}";' for u in sorted(refs)]


def type_names(names: dict[str, ModelName]) -> dict[Unit, set[str]]:
    """The names of each unit's types."""
    grouped: dict[Unit, set[str]] = {}
    for name in names.values():
        grouped.setdefault(name.unit, set()).add(name.name)
    return grouped


def function_names(unit: Unit, ops: list[Operation], types: set[str]) -> dict[str, tuple[str, str | None]]:
    """Each operation's function, and its watch function if it has one (by operation id).

    A unit's index re-exports its models and its functions together, so a
    function never takes the name of one of the unit's `types` (nor one the unit's index exports beside them).
    """
    return scopes.operation_names(ops, naming.function, types | naming.taken_in(unit))


def module(api: Api, plan: UnitPlan, names: dict[str, ModelName], types: set[str], layout: Layout, queries: Queries, path: str, header: str) -> ApiModule:
    """The api.ts of a unit whose types are named `types`."""
    unit, ops = plan.unit, list(plan.operations)
    namer = TypeNamer(names, None, layout.aliases)
    functions = function_names(unit, ops, types)
    views = [_OpBuilder(api, op, namer, queries.by_operation.get(op.id), functions[op.id]).view() for op in ops]
    used_queries = sorted({queries.by_operation[op.id].name for op in ops if op.id in queries.by_operation})
    runtime = {"Client", "Op"} | ({"Watch"} if any(op.watch_name for op in ops) else set()) | ({"PatchBody", "PatchType"} if any(op.is_patch for op in ops) else set())
    return ApiModule(
        header,
        doc=encode.doc_comment(f"Operations of {common.unit_title(unit)}."),
        runtime_import=f'import type {{ {", ".join(sorted(runtime))} }} from "{_relative(path, "src/_runtime/index.js")}";',
        imports=model_imports(path, plan.operation_refs, layout),
        query_import=f'import type {{ {", ".join(used_queries)} }} from "{_relative(path, "src/_queries.js")}";' if used_queries else None,
        ops=views,
    )


def _relative(source: str, target: str) -> str:
    from kgen.targets.typescript.target import relative

    return relative(source, target)


class _OpBuilder:
    def __init__(self, api: Api, op: Operation, namer: TypeNamer, query: QueryInterface | None, functions: tuple[str, str | None]):
        self.api, self.op, self.namer, self.query = api, op, namer, query
        self.function, self.watch_function = functions
        self.paths = path_args(op)
        self.keys = option_keys(op)
        self.path_params = [p for p in op.params if p.location == "path"]
        self.required = [p for p in op.params if p.location != "path" and p.required]
        self.patch = op.is_patch
        self.constant = naming.constant(op.name)

    def view(self) -> OpView:
        op = self.op
        params = self.parameters()
        args = f"[{', '.join(self.paths[id(p)] for p in self.path_params)}]"
        body = "body" if op.body is not None else "undefined"
        functions = [
            FunctionView(
                self.doc(_summary(op), deprecated=op.deprecated),
                _signature(self.function, params, f"Promise<{self.response()}>"),
                f"return client.request({self.constant}, {args}, {body}, options);" if self.has_options() else f"return client.request({self.constant}, {args}, {body});",
            )
        ]
        if self.watch_function is not None:
            watch_params = [p for p in params if not p.startswith("body")]
            functions.append(
                FunctionView(
                    self.doc(f"Watch what {self.function} lists, as typed events; resumes after dropped connections.", watch=True),
                    _signature(self.watch_function, watch_params, f"Watch<{self.item_type()}>"),
                    f"return client.watch({self.constant}, {args}, options);" if self.has_options() else f"return client.watch({self.constant}, {args});",
                )
            )
        return OpView(self.constant, self.declaration(), functions)

    def has_options(self) -> bool:
        return self.query is not None or bool(self.required) or self.patch

    def parameters(self) -> list[str]:
        params = ["client: Client"] + [f"{self.paths[id(p)]}: {self.namer.spell(p.type)}" for p in self.path_params]
        body = self.op.body
        if body is not None:
            body_type = "PatchBody" if self.patch else self.namer.spell(body.type)
            # An optional body before required options must still be passed: `body: T | undefined`.
            optional = "?" if not self.required else ""
            params.append(f"body: {body_type}" if body.required else f"body{optional}: {body_type}{'' if optional else ' | undefined'}")
        parts = [self.query.name] if self.query is not None else []
        members = [f"{naming.property_key(self.keys[id(p)])}: {self.namer.spell(p.type)}" for p in self.required]
        if self.patch:
            members.append(f"{PATCH_KEY}?: PatchType")
        if members:
            parts.append("{ " + "; ".join(members) + " }")
        if parts:
            required = bool(self.required)
            params.append(f"options{'' if required else '?'}: {' & '.join(parts)}")
        return params

    def response(self) -> str:
        returns = self.op.returns
        if returns.type is None or returns.media == "none":
            return "void"
        if returns.media in ("text", "binary"):
            return "string" if returns.media == "text" else "Uint8Array"
        return self.namer.spell(returns.type)

    def item_type(self) -> str:
        rtype = self.op.returns.type
        if isinstance(rtype, ModelRef):
            for f in self.api.models[rtype.key].fields:
                if f.wire_name == "items" and isinstance(f.type, ArrayOf):
                    return self.namer.spell(f.type.item)
        return "unknown"

    def declaration(self) -> str:
        op, returns = self.op, self.op.returns
        entries = [f"method: {encode.string_literal(op.method)}", f"path: {encode.string_literal(op.path)}"]
        if self.path_params:
            entries.append("params: [" + ", ".join(encode.string_literal(p.wire_name) for p in self.path_params) + "]")
        if self.keys:
            entries.append("options: [" + ", ".join(map(encode.string_literal, self.keys.values())) + "]")
        if returns.type is None or returns.media == "none":
            entries.append('response: "none"')
        elif returns.media in ("text", "binary"):
            entries.append(f"response: {encode.string_literal(returns.media)}")
        wire = {self.keys[id(p)]: p.wire_name for p in op.params if p.location != "path" and self.keys[id(p)] != p.wire_name}
        if wire:
            entries.append("wire: " + _object(wire))
        for location, name in (("header", "headers"), ("formData", "form")):
            keys = sorted(self.keys[id(p)] for p in op.params if p.location == location)
            if keys:
                entries.append(f"{name}: [" + ", ".join(map(encode.string_literal, keys)) + "]")
        formats = {self.keys[id(p)]: p.collection_format for p in op.params if p.location != "path" and p.collection_format not in (None, "csv")}
        if formats:
            entries.append("formats: " + _object(formats))
        if self.patch:
            entries.append("patch: true")
        if returns.or_status:
            entries.append("orStatus: true")
        head = f"const {self.constant}: Op<{self.response()}> = {{"
        one = head + " " + ", ".join(entries) + " };"
        if len(one) <= MAX_LINE:
            return one
        return head + "\n" + "".join(f"  {e},\n" for e in entries) + "};"

    def doc(self, summary: str, watch: bool = False, deprecated: bool = False) -> str:
        lines = [summary]
        tags = ["@deprecated"] if deprecated else []
        tags += [f"@param {self.paths[id(p)]} {one_line(p.description or p.wire_name)}" for p in self.path_params]
        if self.op.body is not None and not watch:
            tags.append(f"@param body {one_line(self.op.body.description or 'the request body')}")
        if self.has_options():
            tags.append("@param options " + self.options_doc())
        if tags:
            lines.append("")
        return _tagged_doc("\n".join(lines), tags)

    def options_doc(self) -> str:
        parts = [f"{self.keys[id(p)]}: {one_line(p.description or p.wire_name)}" for p in self.required]
        if self.patch:
            parts.append("patchType: json, merge (the default), strategic, or apply for server-side apply")
        if self.query is not None:
            parts.append(f"optional parameters, see {self.query.name}")
        return "; ".join(parts)


def _tagged_doc(text: str, tags: list[str]) -> str:
    """A doc comment whose tags are kgen's own: spec text in them is encoded like the rest, the `@` of each tag is not."""
    comment = encode.doc_comment("\n".join([text, *(one_line(t[1:]) for t in tags)]) if tags else text)  # a tag is one line
    if not tags:
        return comment
    lines = comment.split("\n")
    for i in range(len(lines) - 1 - len(tags), len(lines) - 1):
        lines[i] = lines[i][:3] + "@" + lines[i][3:]
    return "\n".join(lines)


def _summary(op: Operation) -> str:
    return next(filter(None, map(one_line, (op.description or "", op.summary or "", f"Operation {op.operation_id}."))))


def _object(mapping: dict[str, str]) -> str:
    return "{ " + ", ".join(f"{naming.property_key(k)}: {encode.string_literal(v)}" for k, v in sorted(mapping.items())) + " }"


def _signature(name: str, params: list[str], returns: str) -> str:
    one = f"export function {name}({', '.join(params)}): {returns} {{"
    if len(one) <= MAX_LINE:
        return one
    return f"export function {name}(\n" + "".join(f"  {p},\n" for p in params) + f"): {returns} {{"
