"""Per-unit API classes: one method per operation, on the runtime's ApiClient.

    public Pod readNamespacedPod(String name, String namespace, ReadParams options) {
      return client.send(readNamespacedPodCall(name, namespace, options), Pod.CODEC);
    }

Methods are named as the official Java client names them (readNamespacedPod);
their arguments are the path parameters and the required ones in the
document's order, the patch type (patches), the body, and the options
object of the optional parameters (null: none), with an overload that takes
no options. Each has an ...Async variant returning a CompletableFuture; every
list that accepts watch=true also gets a watch method returning a Watch (with
its overload without options, as the list's); a
delete that may answer a Status returns ObjectOrStatus. A private method per
operation builds its Call, which all of them send.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgen.ir.model import Api, ArrayOf, ModelRef, Operation, Param, Unit
from kgen.plan import scopes
from kgen.targets import common
from kgen.targets.java import encode, layout, naming
from kgen.targets.java.options import CALL_METHODS
from kgen.targets.java.types import TypeNamer

# Object's methods: no operation's method may take their names (getClass() is final).
OBJECT_METHODS = frozenset({"getClass", "hashCode", "equals", "toString", "wait", "notify", "notifyAll", "clone", "finalize"})
# Names a method body uses: no argument may take them.
BODY_NAMES = frozenset({"client", "call", "options", "body", "patchType"})
INDENT = "  "
BODY = "    "


@dataclass
class ApiView:
    name: str
    doc: str
    head: str  # `public final class Name {`, laid out
    client: str  # the field holding the ApiClient, laid out
    constructor_doc: str
    constructor: str  # the constructor's first line(s), laid out
    methods: list[str]  # each laid out, with its Javadoc


def class_name(unit: Unit) -> str:
    return naming.class_name(naming.pascal(unit.words + ("api",)))


def operation_names(ops: list[Operation]) -> dict[str, tuple[str, str | None, str]]:
    """Each operation's method, watch method (None without one) and Call builder, by id, unique in the class."""
    named = scopes.operation_names(ops, lambda words: naming.member(words or ("call",)), OBJECT_METHODS)
    used = set(OBJECT_METHODS) | {n for call, watch in named.values() for n in (call, watch) if n}
    used |= {f"{call}Async" for call, _ in named.values()}
    builders = naming.unique([f"{named[op.id][0]}Call" for op in ops], used)
    return {op.id: (*named[op.id], builder) for op, builder in zip(ops, builders)}


def api_view(api: Api, unit: Unit, name: str, ops: list[Operation], namer: TypeNamer, names: dict[str, tuple[str, str | None, str]], options: dict[str, str]) -> ApiView:
    methods = [text for op in ops for text in _Method(api, op, namer, names[op.id], options.get(op.id)).texts()]
    title = common.unit_title(unit)
    return ApiView(
        name=name,
        doc=encode.javadoc([f"The operations of {title}."], ""),
        head=layout.class_head("", f"public final class {name}"),
        client=layout.member(INDENT, f"private final {namer.ref('ApiClient')}", "client"),
        constructor_doc=encode.javadoc([f"The operations of {title}, sent through client."], INDENT),
        constructor=layout.constructor(INDENT, "public", name, [f"{namer.ref('ApiClient')} client"]),
        methods=methods,
    )


class _Method:
    """The methods of one operation."""

    def __init__(self, api: Api, op: Operation, namer: TypeNamer, names: tuple[str, str | None, str], options: str | None):
        self.api, self.op, self.namer, self.options = api, op, namer, options
        self.method, self.watch, self.builder = names
        self.patch = op.is_patch
        self.params = [p for p in op.params if p.location == "path" or (p.required and p.location in CALL_METHODS)]
        self.args = naming.unique([naming.member(p.name, BODY_NAMES) for p in self.params])

    def texts(self) -> list[str]:
        result, send, codec = self._returns()
        call = f"{self.builder}({', '.join(self._arg_names(with_body=True, with_options=True))})"
        params = self._params(with_body=True, with_options=True)
        summary = common.operation_summary(self.op)
        texts = [self._method(self.method, result, params, f"{send}({call}, {codec})", summary)]
        if self.options:
            args = self._arg_names(with_body=True, with_options=False) + ["null"]
            short = self._params(with_body=True, with_options=False)
            texts.append(self._method(self.method, result, short, f"{self.method}({', '.join(args)})", f"{summary} Without optional parameters."))
        future = self.namer.ref("CompletableFuture")
        async_result = f"{future}<{'Void' if result == 'void' else result}>"
        async_send = f"{send}Async({call}, {codec})"
        texts.append(self._method(f"{self.method}Async", async_result, params, async_send, f"{summary} Sent asynchronously."))
        if self.watch:
            item_type, item_codec = self._item()
            watch_params = self._params(with_body=False, with_options=True)
            watch_call = f"{self.builder}({', '.join(self._arg_names(with_body=False, with_options=True))})"
            text = f"Watches what {self.method} lists, as typed events; resumes after dropped connections."
            watch_type = f"{self.namer.ref('Watch')}<{item_type}>"
            texts.append(self._method(self.watch, watch_type, watch_params, f"client.watch({watch_call}, {item_codec})", text))
            if self.options:
                args = self._arg_names(with_body=False, with_options=False) + ["null"]
                short = self._params(with_body=False, with_options=False)
                texts.append(self._method(self.watch, watch_type, short, f"{self.watch}({', '.join(args)})", f"{text} Without optional parameters."))
        texts.append(self._builder())
        return texts

    def _params(self, with_body: bool, with_options: bool) -> list[str]:
        params = [f"{self.namer.spell(p.type)} {arg}" for p, arg in zip(self.params, self.args)]
        body = self.op.body
        if with_body and self.patch:
            params.append(f"{self.namer.ref('PatchType')} patchType")
        if with_body and body is not None:
            params.append(f"{self._body_type()} body")
        if with_options and self.options:
            params.append(f"{self.options} options")
        return params

    def _arg_names(self, with_body: bool, with_options: bool) -> list[str]:
        names = list(self.args)
        if with_body and self.patch:
            names.append("patchType")
        if with_body and self.op.body is not None:
            names.append("body")
        if with_options and self.options:
            names.append("options")
        return names

    def _body_type(self) -> str:
        assert self.op.body is not None
        return self.namer.ref("RawJson") if self.patch else self.namer.spell(self.op.body.type)

    def _returns(self) -> tuple[str, str, str]:
        """The result type, the ApiClient method that sends, and the codec it decodes with."""
        returns = self.op.returns
        if returns.type is None or returns.media == "none":
            return "void", "client.send", f"{self.namer.ref('Json')}.NONE"
        if returns.media == "text":
            return self.namer.ref("String"), "client.send", f"{self.namer.ref('Json')}.TEXT"
        if returns.media == "binary":
            return "byte[]", "client.send", f"{self.namer.ref('Json')}.OCTETS"
        if returns.or_status:
            obj, _ = returns.object_or_status()
            return f"{self.namer.ref('ObjectOrStatus')}<{self.namer.spell(obj)}>", "client.sendObjectOrStatus", self.namer.codec(obj)
        return self.namer.spell(returns.type), "client.send", self.namer.codec(returns.type)

    def _item(self) -> tuple[str, str]:
        """The type (and codec) of what the list's `items` hold: what its watch events carry."""
        rtype = self.op.returns.type
        if isinstance(rtype, ModelRef):
            for f in self.api.models[rtype.key].fields:
                if f.wire_name == "items" and isinstance(f.type, ArrayOf):
                    return self.namer.spell(f.type.item), self.namer.codec(f.type.item)
        return self.namer.ref("RawJson"), f"{self.namer.ref('RawJson')}.CODEC"

    def _doc(self, summary: str) -> str:
        paragraphs = [summary]
        if self.op.deprecated:
            paragraphs.append("Deprecated: the API marks this operation deprecated.")
        paragraphs += [f"{arg}: {p.description or p.wire_name}" for p, arg in zip(self.params, self.args)]
        return encode.javadoc(paragraphs, INDENT)

    def _method(self, name: str, result: str, params: list[str], expression: str, summary: str) -> str:
        statement = f"{expression};" if result == "void" else f"return {expression};"
        head = layout.declaration(INDENT, f"public {result}", name, params)
        return f"{self._doc(summary)}\n{head}\n{_statement(statement)}\n{INDENT}}}"

    def _builder(self) -> str:
        op = self.op
        call = self.namer.ref("Call")
        lines = [layout.assignment(BODY, f"{call} call =", f"{call}.of", [encode.string_literal(op.method), encode.string_literal(op.path)])]
        for p, arg in zip(self.params, self.args):
            lines.append(layout.wrapped(BODY, f"call.{CALL_METHODS[p.location]}", [encode.string_literal(p.wire_name), self._sent(p, arg)], ";"))
        if op.returns.media in ("text", "binary"):
            lines.append(f'{BODY}call.header("Accept", "*/*");')
        if op.body is not None:
            codec = f"{self.namer.ref('RawJson')}.CODEC" if self.patch else self.namer.codec(op.body.type)
            extra = ["patchType.contentType()"] if self.patch else []
            lines.append(layout.wrapped(BODY, "call.body", ["body", codec, *extra], ";"))
        if self.options:
            lines += [f"{BODY}if (options != null) {{", f"{BODY}  options.addTo(call);", f"{BODY}}}"]
        lines.append(f"{BODY}return call;")
        head = layout.declaration(INDENT, f"private static {call}", self.builder, self._params(with_body=True, with_options=True))
        return f"{head}\n" + "\n".join(lines) + f"\n{INDENT}}}"

    def _sent(self, p: Param, arg: str) -> str:
        """A required argument as the Call takes it: path values and headers are strings."""
        if p.location in ("query", "formData") or self.namer.spell(p.type) == self.namer.ref("String"):
            return arg
        return f"{self.namer.ref('String')}.valueOf({arg})"


def _statement(statement: str) -> str:
    """A method's one statement; too long, broken as google-java-format breaks a call."""
    return layout.expression(BODY, statement.removesuffix(";"), ";")
