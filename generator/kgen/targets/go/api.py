"""Per-unit client types: one method per operation, on the runtime's net/http client.

    var opReadNamespacedPod = &client.Op{Method: "GET", Path: "/api/v1/namespaces/{namespace}/pods/{name}", Accept: "application/json"}

    // ReadNamespacedPod: read the specified Pod
    // ...
    func (c *CoreV1Client) ReadNamespacedPod(ctx context.Context, name string, namespace string, opts *ReadNamespacedPodOptions) (*Pod, error) {
        return client.Do[*Pod](ctx, c.transport, opReadNamespacedPod, client.Call{Path: client.PathParams{"name": name, "namespace": namespace}, Options: opts})
    }

Arguments: the context, path parameters and required parameters in the
document's order, the patch type (patches), the body, and the options
struct of the optional parameters (nil: none). Every list that accepts
watch=true also gets a Watch method returning typed events.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.ir.model import Api, ArrayOf, ModelRef, Operation, Param, Unit
from kgen.plan import scopes
from kgen.targets import common
from kgen.targets.go import encode, naming
from kgen.targets.go.options import LOCATIONS
from kgen.targets.go.types import TypeNamer
from kgen.targets.go.views import ClientView

# Names a method body uses, besides the file's imports: no argument may take them.
BODY_NAMES = frozenset({"c", "ctx", "opts", "body", "patchType"})


@dataclass
class OperationNames:
    """The package-level names of a package's operations: methods, op vars, and options structs."""

    methods: dict[str, str]  # operation id -> method name
    watches: dict[str, str]  # operation id -> watch method name (watchable lists)
    variables: dict[str, str]  # operation id -> op var
    options: dict[str, str]  # operation id -> options struct
    reserved: frozenset[str]  # names no argument may take: import aliases of the package's files, and BODY_NAMES


def client_name(unit: Unit) -> str:
    return naming.exported(unit.words + ("client",)) if unit.words else "Client"


def client_view(api: Api, unit: Unit, name: str, ops: list[Operation], namer: TypeNamer, names: OperationNames) -> ClientView:
    methods = [_Method(api, op, namer, names, name).text() for op in ops]
    namer.uses_client = True
    return ClientView(
        name=name,
        doc=encode.doc_comment([f"{name}: the operations of {common.unit_title(unit)}."]),
        constructor_doc=encode.doc_comment([f"New{name} returns a client for the operations of {common.unit_title(unit)}, sent through c."]),
        methods=methods,
    )


def operation_names(ops: list[Operation], taken: set[str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Method, watch method and op var names; methods are unique per client type, op vars per package."""
    by_unit: dict[Unit, list[Operation]] = {}
    for op in ops:
        by_unit.setdefault(op.unit, []).append(op)
    named = {op_id: found for unit_ops in by_unit.values() for op_id, found in scopes.operation_names(unit_ops, naming.method_name).items()}
    methods = {op_id: method for op_id, (method, _) in named.items()}
    watches = {op_id: watch for op_id, (_, watch) in named.items() if watch is not None}
    variables = dict(zip((op.id for op in ops), naming.unique([naming.unexported(("op",) + op.name) for op in ops], taken)))
    taken.update(variables.values())
    return methods, watches, variables


class _Method:
    """The op var and method(s) of one operation."""

    def __init__(self, api: Api, op: Operation, namer: TypeNamer, names: OperationNames, client: str):
        self.api, self.op, self.namer, self.names, self.client = api, op, namer, names, client
        self.patch = op.is_patch
        params = [p for p in op.params if p.location == "path" or (p.required and p.location in LOCATIONS)]
        self.args = dict(zip(map(id, params), naming.unique([naming.unexported(p.name, names.reserved) for p in params])))
        self.params = params
        self.options = names.options.get(op.id)

    def text(self) -> str:
        op = self.op
        variable = self.names.variables[op.id]
        fields = [f"Method: {encode.string_literal(op.method)}", f"Path: {encode.string_literal(op.path)}", f"Accept: {encode.string_literal(self._accept())}"]
        if self.patch:
            fields.append("Patch: true")
        parts = [f"var {variable} = &client.Op{{{', '.join(fields)}}}"]
        call = self._call()
        method = self.names.methods[op.id]
        returns, statement = self._returns(variable, call)
        parts.append(self._func(method, self._signature(with_body=True), returns, statement, self._doc(method, common.operation_summary(self.op))))
        if op.id in self.names.watches:
            watch = self.names.watches[op.id]
            item = self._item()
            text = f"watches what {method} lists, as typed events; resumes after dropped connections."
            parts.append(
                self._func(
                    watch,
                    self._signature(with_body=False),
                    f"*client.Watch[{item}]",
                    f"return client.NewWatch[{item}](ctx, c.transport, {variable}, {call})",
                    self._doc(watch, text, with_body=False),
                )
            )
        return "\n\n".join(parts)

    def _accept(self) -> str:
        return "*/*" if self.op.returns.media in ("text", "binary") else "application/json"

    def _signature(self, with_body: bool) -> str:
        args = ["ctx context.Context"]
        args += [f"{self.args[id(p)]} {self.namer.field(p.type, True)}" for p in self.params]
        body = self.op.body
        if with_body and self.patch:
            args.append("patchType client.PatchType")
        if with_body and body is not None:
            args.append(f"body {'any' if self.patch else self.namer.field(body.type, body.required)}")
        if self.options:
            args.append(f"opts *{self.options}")
        return ", ".join(args)

    def _call(self) -> str:
        fields = []
        path = [p for p in self.params if p.location == "path"]
        if path:
            fields.append("Path: client.PathParams{" + ", ".join(f"{encode.string_literal(p.wire_name)}: {self.args[id(p)]}" for p in path) + "}")
        required = [p for p in self.params if p.location != "path"]
        if required:
            fields.append("Args: []client.Arg{" + ", ".join(self._arg(p) for p in required) + "}")
        if self.op.body is not None:
            fields.append("Body: body")
        if self.patch:
            fields.append("Patch: patchType")
        if self.options:
            fields.append("Options: opts")
        return "client.Call{" + ", ".join(fields) + "}"

    def _arg(self, p: Param) -> str:
        fields = [f"In: client.{LOCATIONS[p.location].capitalize()}", f"Name: {encode.string_literal(p.wire_name)}", f"Value: {self.args[id(p)]}"]
        if p.collection_format not in (None, "csv"):
            fields.append(f"Format: {encode.string_literal(p.collection_format)}")
        return "{" + ", ".join(fields) + "}"

    def _returns(self, variable: str, call: str) -> tuple[str, str]:
        """The result types, and the statement that sends the call."""
        returns = self.op.returns
        head = f"(ctx, c.transport, {variable}, {call})"
        if returns.type is None or returns.media == "none":
            return "error", f"return client.Send{head}"
        if returns.media == "text":
            return "(string, error)", f"return client.Text{head}"
        if returns.media == "binary":
            return "([]byte, error)", f"return client.Bytes{head}"
        rtype = returns.type
        if returns.or_status:
            first, status = (self.namer.result(part) for part in returns.object_or_status())
            return f"({first}, {status}, error)", f"return client.DoOrStatus[{first}, {status}]{head}"
        result = self.namer.result(rtype)
        return f"({result}, error)", f"return client.Do[{result}]{head}"

    def _item(self) -> str:
        """What the list's `items` hold: the type its watch events carry."""
        rtype = self.op.returns.type
        if isinstance(rtype, ModelRef):
            for f in self.api.models[rtype.key].fields:
                if f.wire_name == "items" and isinstance(f.type, ArrayOf):
                    return self.namer.result(f.type.item)
        return "any"

    def _doc(self, method: str, summary: str, with_body: bool = True) -> str:
        paragraphs = [f"{method}: {summary}"]
        if self.op.deprecated:
            paragraphs.append("Deprecated: the API marks this operation deprecated.")
        paragraphs += [f"{self.args[id(p)]}: {p.description or p.wire_name}" for p in self.params]
        if with_body and self.patch:
            paragraphs.append("patchType: json, merge, strategic, or apply for server-side apply.")
        if with_body and self.op.body is not None:
            paragraphs.append(f"body: {self.op.body.description or 'the request body'}")
        if self.options:
            paragraphs.append(f"opts: optional parameters, see {self.options}; nil for none.")
        return encode.doc_comment(paragraphs)

    def _func(self, name: str, signature: str, returns: str, statement: str, doc: str) -> str:
        return f"{doc}\nfunc (c *{self.client}) {name}({signature}) {returns} {{\n\t{statement}\n}}"
