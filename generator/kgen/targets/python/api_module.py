"""Per-unit API modules: one sync and one async class with a method per operation.

Required parameters (path, required query, body) are explicit arguments;
optional query and header parameters are keyword arguments typed by a
TypedDict (`**query: Unpack[ListQuery]`) from the package's `_queries`
module (see queries.py), imported for type checkers only.

Every list operation that accepts watch=true also gets a typed watch helper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kgen.ir.model import Api, ArrayOf, ModelRef, Operation, Param, Unit
from kgen.plan.units import UnitPlan
from kgen.targets import common
from kgen.targets.python import encode, layout, naming
from kgen.targets.python.types import ModelName, TypeNamer
from kgen.targets.python.views import ApiModule, OpView, QueryView

if TYPE_CHECKING:
    from kgen.targets.python.target import Package

METHOD_INDENT = "    "
BODY_INDENT = "        "
RESERVED_ARGS = {"self", "body", "query", "patch_type"}


def class_names(unit: Unit) -> tuple[str, str]:
    base = naming.pascal(unit.words + ("api",)) if unit.words else "Api"
    return base, "Async" + base


def module(api: Api, plan: UnitPlan, package: Package, names: dict[str, ModelName], query_views: dict[str, QueryView], header: str) -> ApiModule:
    unit, ops = plan.unit, plan.operations
    namer = TypeNamer(names, unit, package.aliases, local=False)
    queries = {op.id: query_views[op.id] for op in ops if op.id in query_views}
    sync_name, async_name = class_names(unit)
    views = [_OpBuilder(api, op, namer, queries.get(op.id), sync_name).view() for op in ops]
    title = common.unit_title(unit)
    return ApiModule(
        header,
        package.name,
        docstring=encode.docstring(f"Operations of {title}.", ""),
        imports=package.imports(plan.operation_refs),
        typing_names=sorted(({"Any"} if namer.uses_any else set()) | ({"TYPE_CHECKING"} if queries else set())),
        runtime_import=layout.import_from(f"{package.name}._runtime.api", _runtime_names(views, ops)),
        query_import=layout.import_from(f"{package.name}._queries", sorted({q.name for q in queries.values()}), "    ").lstrip() if queries else "",
        ops=views,
        sync_class=sync_name,
        async_class=async_name,
        class_doc=encode.docstring(f"Operations of {title}.", METHOD_INDENT),
        async_class_doc=encode.docstring(f"Operations of {title}, for asyncio.", METHOD_INDENT),
    )


def _runtime_names(views: list[OpView], ops: Sequence[Operation]) -> list[str]:
    names = {"Api", "AsyncApi", "op"}
    if any("] = op(" in v.declaration.split("\n")[0] for v in views):
        names.add("Op")
    if any(op.watch_name for op in ops):
        names |= {"AsyncWatch", "Watch"}
    if any(op.is_patch for op in ops):
        names |= {"PatchBody", "PatchType"}
    return sorted(names)


def param_attrs(op: Operation) -> dict[int, str]:
    params = op.params + ([op.body] if op.body else [])
    attrs = naming.unique([naming.snake(p.name) for p in params], RESERVED_ARGS)
    result = {id(p): a for p, a in zip(params, attrs)}
    if op.body is not None:
        result[id(op.body)] = "body"
    return result


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- one operation ---------------------------------------------------------------
class _OpBuilder:
    """The declaration and methods of one operation.

    Method bodies pass `locals()`: the Op knows which local is a path,
    query, header or body argument, so every body is one short line.
    """

    def __init__(self, api: Api, op: Operation, namer: TypeNamer, query: QueryView | None, sync_class: str):
        self.api, self.op, self.namer, self.query, self.sync_class = api, op, namer, query, sync_class
        self.attrs = param_attrs(op)
        self.path_params = [p for p in op.params if p.location == "path"]
        self.required = [p for p in op.params if p.location in ("query", "header", "formData") and p.required]
        self.patch = op.is_patch
        self.constant = "_" + naming.snake(op.name).upper().strip("_")

    def view(self) -> OpView:
        args = self.signature()
        response = self.response()
        method = naming.snake(self.op.name)
        sync = _method("def", self.op.name, args, response, self.doc(), "return self._client.request(", [self.constant, "locals()"])
        asynchronous = _method(
            "async def", self.op.name, args, response, self.async_doc(method), "return await self._client.request(", [self.constant, "locals()"]
        )
        if self.op.watch_name:
            item = self.item_type()
            call = ("return self._client.watch(", [self.constant, "locals()", item])
            sync += "\n" + _method("def", self.op.watch_name, args, f"Watch[{item}]", self.watch_doc(), *call)
            asynchronous += "\n" + _method(
                "def", self.op.watch_name, args, f"AsyncWatch[{item}]", self.async_doc(naming.snake(self.op.watch_name)), *call
            )
        return OpView(self.declaration(), sync, asynchronous)

    def signature(self) -> list[str]:
        args = ["self"] + [f"{self.attrs[id(p)]}: {self.namer.spell(p.type)}" for p in self.path_params]
        body = self.op.body
        keyword = [f"{self.attrs[id(p)]}: {self.namer.spell(p.type)}" for p in self.required]
        if body is not None:
            body_type = "PatchBody" if self.patch else self.namer.spell(body.type)
            # An optional body (a delete's DeleteOptions) is a keyword, as in the official client.
            if body.required:
                args.append(f"body: {body_type}")
            else:
                keyword.insert(0, f"body: {body_type} | None = None")
        if self.patch:
            keyword.append('patch_type: PatchType = "merge"')
        if keyword:
            args += ["*", *keyword]
        if self.query is not None:
            args.append(f"**query: Unpack[{self.query.name}]")
        return args

    def response(self) -> str:
        returns = self.op.returns
        if returns.type is None or returns.media == "none":
            return "None"
        if returns.media in ("text", "binary"):
            return "str" if returns.media == "text" else "bytes"
        return self.namer.spell(returns.type)

    def item_type(self) -> str:
        """The element type of the list's `items`: what its watch events carry."""
        rtype = self.op.returns.type
        if isinstance(rtype, ModelRef):
            for f in self.api.models[rtype.key].fields:
                if f.wire_name == "items" and isinstance(f.type, ArrayOf):
                    return self.namer.spell(f.type.item)
        self.namer.uses_any = True
        return "Any"

    def declaration(self) -> str:
        """`_NAME = op(method, path, decode, ...)`; the decode argument also gives the Op its type."""
        op, returns = self.op, self.op.returns
        target = self.constant
        extras: list[str | tuple[str, str, list[str]]] = []  # a keyword collection (keyword, brackets, entries): laid out where it lands
        if returns.type is None or returns.media == "none":
            decode = "type(None)"
        elif returns.media in ("text", "binary"):
            decode = "str" if returns.media == "text" else "bytes"
        elif returns.or_status:
            obj, status = returns.object_or_status()
            decode = self.namer.spell(obj)
            extras.append("or_status=" + self.namer.spell(status))
        else:
            decode = self.namer.spell(returns.type)
            if not _is_class(decode):
                target = f"{self.constant}: Op[{decode}]"
        params = [p for p in op.params if p.location in ("query", "header", "path", "formData")]
        wire = {self.attrs[id(p)]: p.wire_name for p in params if _wire_differs(self.attrs[id(p)], p)}
        if wire:
            extras.append(("wire", "{}", _dict_entries(wire)))
        if self.required:
            extras.append(("args", "()", _literals([self.attrs[id(p)] for p in self.required])))
        headers = sorted(self.attrs[id(p)] for p in op.params if p.location == "header")
        if headers:
            extras.append(("headers", "()", _literals(headers)))
        forms = sorted(self.attrs[id(p)] for p in op.params if p.location == "formData")
        if forms:
            extras.append(("form", "()", _literals(forms)))
        formats = {self.attrs[id(p)]: p.collection_format for p in params if p.collection_format not in (None, "csv")}
        if formats:
            extras.append(("formats", "{}", _dict_entries(formats)))
        if self.patch:
            extras.append("patch=True")
        if self.query is not None:
            extras.append("query=" + encode.string_literal(self.query.name))
        leading = [encode.string_literal(op.method), encode.string_literal(op.path)]

        def arguments(indent: str) -> list[str]:
            laid_out = [x if isinstance(x, str) else layout.keyword_collection(*x, indent) for x in extras]
            return [*leading, layout.type_argument(decode, indent), *laid_out]

        return layout.assigned_call(target, "op", arguments)

    def doc(self) -> str:
        op = self.op
        text = common.operation_summary(op)
        if op.deprecated:
            text += "\n\nDeprecated."
        lines = [f"    {self.attrs[id(p)]}: {_one_line(p.description or p.wire_name)}" for p in self.path_params + self.required]
        if op.body is not None:
            lines.append(f"    body: {_one_line(op.body.description or 'the request body')}")
        if self.patch:
            lines.append("    patch_type: json, merge, strategic, or apply for server-side apply")
        if self.query is not None:
            lines.append(f"    **query: optional parameters, see {self.query.name}")
        return text + ("\n\nArgs:\n" + "\n".join(lines) if lines else "")

    def async_doc(self, method: str) -> str:
        return f"{common.operation_summary(self.op)} (asyncio; arguments as in {self.sync_class}.{method})"

    def watch_doc(self) -> str:
        text = f"Watch what {naming.snake(self.op.name)} lists, as typed events; resumes after dropped connections."
        lines = [f"    {self.attrs[id(p)]}: {_one_line(p.description or p.wire_name)}" for p in self.path_params + self.required]
        if self.query is not None:
            lines.append(f"    **query: optional parameters, see {self.query.name}")
        return text + ("\n\nArgs:\n" + "\n".join(lines) if lines else "")


def _wire_differs(attr: str, param: Param) -> bool:
    """Path arguments are looked up by wire name, query arguments by camelCase; say so where that fails."""
    if param.location == "path":
        return attr != param.wire_name
    return naming.msgspec_camel(attr) != param.wire_name


def _is_class(annotation: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", annotation)) and annotation != "Any"


def _dict_entries(mapping: dict[str, str]) -> list[str]:
    return [f"{encode.string_literal(k)}: {encode.string_literal(v)}" for k, v in sorted(mapping.items())]


def _literals(items: list[str]) -> list[str]:
    return [encode.string_literal(i) for i in items]


def _method(kind: str, name: tuple[str, ...], args: list[str], returns: str, doc: str, call: str, call_args: list[str]) -> str:
    signature = layout.signature(f"{kind} {naming.snake(name)}(", args, returns, METHOD_INDENT)
    docstring = BODY_INDENT + encode.docstring(doc, BODY_INDENT)
    body = layout.bracket(call, call_args, ")", BODY_INDENT)
    return f"{signature}\n{docstring}\n{body}\n"
