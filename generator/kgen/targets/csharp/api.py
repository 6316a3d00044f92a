"""Per-unit API classes: one Async method per operation, on the runtime's ApiClient.

    public Task<Pod> ReadNamespacedPodAsync(string name, string @namespace, ReadParams options = null,
        CancellationToken cancellationToken = default(CancellationToken))

Methods are named as the official C# client names them (ReadNamespacedPodAsync);
their arguments are the path parameters and the required ones in the
document's order, the patch type (patches), the body, the options object of
the optional parameters (null: none) and a CancellationToken. Every list
that accepts watch=true also gets a Watch method returning a Watch; a delete
that may answer a Status returns ObjectOrStatus. A private method per
operation builds its Call, which all of them send.

Options classes hold the optional parameters, one class per distinct set in
a namespace, named after what its users share (kgen.plan.options): ReadParams,
ListParams (not ...Options: Kubernetes has models named DeleteOptions). A
null property is not sent; a list is sent as the document's collection
format says (one pair per item for `multi`, else joined).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kgen.ir.model import SEPARATORS, Api, ArrayOf, ModelRef, Operation, Param, Unit
from kgen.plan import options as plan_options
from kgen.plan import scopes
from kgen.plan.units import optional_params
from kgen.targets import common
from kgen.targets.common import described
from kgen.targets.csharp import encode, naming
from kgen.targets.csharp.types import TypeNamer

CALL_METHODS = {"path": "Path", "query": "Query", "header": "Header", "formData": "Form"}  # the Call method that sends a parameter of each location
# Names a method body uses: no argument may take them.
BODY_NAMES = frozenset({"client", "call", "options", "body", "patchType", "cancellationToken"})
OPTIONS_MEMBERS = naming.OBJECT_MEMBERS | {"AddTo"}
INDENT = "        "


@dataclass
class ApiView:
    name: str
    doc: str
    constructor_doc: str
    methods: list[str]  # each with its doc comment, indented


@dataclass
class OptionView:
    name: str  # the property
    type: str
    doc: str
    apply: str  # the statement of AddTo


@dataclass
class OptionsView:
    name: str
    doc: str
    properties: list[OptionView]


def class_name(unit: Unit) -> str:
    return naming.bounded(naming.pascal(unit.words + ("api",)))


def operation_names(ops: list[Operation], name: str) -> dict[str, tuple[str, str | None, str]]:
    """Each operation's Async method, Watch method (None without one) and Call builder, by id, unique in the class."""
    reserved = {name, *naming.OBJECT_MEMBERS}
    named = scopes.operation_names(ops, lambda words: naming.pascal(words or ("call",)), reserved)
    used = reserved | {watch for _, watch in named.values() if watch}
    methods = naming.unique([named[op.id][0] + "Async" for op in ops], used)
    used |= set(methods)
    builders = naming.unique([named[op.id][0] + "Call" for op in ops], used)
    return {op.id: (method, named[op.id][1], builder) for op, method, builder in zip(ops, methods, builders)}


def members(names: dict[str, tuple[str, str | None, str]]) -> set[str]:
    """Every member of the API class whose methods are `names` (operation_names): type names spelled in it must avoid them."""
    return {"client", *(n for found in names.values() for n in found if n)}


def api_view(api: Api, unit: Unit, name: str, ops: list[Operation], namer: TypeNamer, names: dict[str, tuple[str, str | None, str]], options: dict[str, str]) -> ApiView:
    methods = [text for op in ops for text in _Method(api, op, namer, names[op.id], options.get(op.id)).texts()]
    title = common.unit_title(unit)
    return ApiView(
        name=name,
        doc=encode.xml_doc([f"The operations of {title}."], "    "),
        constructor_doc=encode.xml_doc([f"The operations of {title}, sent through client."], INDENT),
        methods=methods,
    )


class _Method:
    """The methods of one operation."""

    def __init__(self, api: Api, op: Operation, namer: TypeNamer, names: tuple[str, str | None, str], options: str | None):
        self.api, self.op, self.namer, self.options = api, op, namer, options
        self.method, self.watch, self.builder = names
        self.patch = op.is_patch
        self.params = [p for p in op.params if p.location == "path" or (p.required and p.location in CALL_METHODS)]
        self.args = naming.unique([naming.camel(p.name) for p in self.params], BODY_NAMES)

    def texts(self) -> list[str]:
        result, send, codec = self._returns()
        call = f"{self.builder}({', '.join(self._arg_names(with_body=True))})"
        token = f"{self.namer.ref('CancellationToken')} cancellationToken = default({self.namer.ref('CancellationToken')})"
        params = self._params(with_body=True) + [token]
        task = self.namer.ref("Task")
        async_result = task if result is None else f"{task}<{result}>"
        sent = f"{send}({call}, {codec + ', ' if codec else ''}cancellationToken)"
        texts = [self._method(self.method, async_result, params, sent, common.operation_summary(self.op), with_token=True)]
        if self.watch:
            item_type, item_codec = watch_item(self.api, self.op, self.namer)
            watch_call = f"{self.builder}({', '.join(self._arg_names(with_body=False))})"
            text = f"Watches what {self.method} lists, as typed events; resumes after dropped connections."
            watch_type = f"{self.namer.ref('Watch')}<{item_type}>"
            texts.append(self._method(self.watch, watch_type, self._params(with_body=False), f"client.Watch({watch_call}, {item_codec})", text, with_token=False))
        texts.append(self._builder())
        return texts

    def _params(self, with_body: bool, optional: bool = True) -> list[str]:
        """The parameter list; `optional`: the options object may be left out (public methods; the builder always gets it)."""
        params = [f"{self.namer.spell(p.type)} {naming.identifier(arg)}" for p, arg in zip(self.params, self.args)]
        body = self.op.body
        if with_body and self.patch:
            params.append(f"{self.namer.ref('PatchType')} patchType")
        if with_body and body is not None:
            params.append(f"{self._body_type()} body")
        if self.options:
            params.append(f"{self.options} options" + (" = null" if optional else ""))
        return params

    def _arg_names(self, with_body: bool) -> list[str]:
        names = [naming.identifier(a) for a in self.args]
        if with_body and self.patch:
            names.append("patchType")
        if with_body and self.op.body is not None:
            names.append("body")
        if self.options:
            names.append("options")
        return names

    def _body_type(self) -> str:
        assert self.op.body is not None
        return self.namer.ref("RawJson") if self.patch else self.namer.spell(self.op.body.type)

    def _returns(self) -> tuple[str | None, str, str | None]:
        """The result type (None: no content), the ApiClient method that sends, and the codec it decodes with."""
        returns, json = self.op.returns, self.namer.ref("Json")
        if returns.type is None or returns.media == "none":
            return None, "client.SendAsync", None
        if returns.media == "text":
            return "string", "client.SendAsync", f"{json}.Text"
        if returns.media == "binary":
            return "byte[]", "client.SendAsync", f"{json}.Octets"
        if returns.or_status:
            obj, _ = returns.object_or_status()
            return f"{self.namer.ref('ObjectOrStatus')}<{self.namer.spell(obj)}>", "client.SendObjectOrStatusAsync", self.namer.codec(obj)
        return self.namer.spell(returns.type), "client.SendAsync", self.namer.codec(returns.type)

    def _doc(self, summary: str, with_token: bool) -> str:
        paragraphs = [summary]
        if self.op.deprecated:
            paragraphs.append("Deprecated: the API marks this operation deprecated.")
        params = [(arg, p.description or p.wire_name) for p, arg in zip(self.params, self.args)]
        if with_token and self.patch:
            params.append(("patchType", "How the server reads the patch: PatchType.Json, Merge, StrategicMerge or Apply."))
        if with_token and self.op.body is not None:
            params.append(("body", "The patch document." if self.patch else self.op.body.description or "The request body."))
        if self.options:
            params.append(("options", "The optional parameters (null: none)."))
        if with_token:
            params.append(("cancellationToken", "Cancels the request."))
        return encode.xml_doc(paragraphs, INDENT, params)

    def _method(self, name: str, result: str, params: list[str], expression: str, summary: str, with_token: bool) -> str:
        head = f"{INDENT}public {result} {name}({', '.join(params)})"
        return f"{self._doc(summary, with_token)}\n{head}\n{INDENT}{{\n{INDENT}    return {expression};\n{INDENT}}}"

    def _builder(self) -> str:
        op, body = self.op, INDENT + "    "
        call = self.namer.ref("Call")
        lines = [f"{body}{call} call = {call}.Of({encode.string_literal(op.method)}, {encode.string_literal(op.path)});"]
        for p, arg in zip(self.params, self.args):
            lines.append(f"{body}call.{CALL_METHODS[p.location]}({encode.string_literal(p.wire_name)}, {_sent(p, naming.identifier(arg), self.namer)});")
        if op.returns.media in ("text", "binary"):
            lines.append(f'{body}call.Header("Accept", "*/*");')
        if op.body is not None:
            codec = f"{self.namer.ref('RawJson')}.Codec" if self.patch else self.namer.codec(op.body.type)
            extra = ", patchType.ContentType" if self.patch else ""
            lines.append(f"{body}call.Body(body, {codec}{extra});")
        if self.options:
            lines += [f"{body}if (options != null)", f"{body}{{", f"{body}    options.AddTo(call);", f"{body}}}"]
        lines.append(f"{body}return call;")
        head = f"{INDENT}private static {call} {self.builder}({', '.join(self._params(with_body=True, optional=False))})"
        return f"{head}\n{INDENT}{{\n" + "\n".join(lines) + f"\n{INDENT}}}"


def watch_item(api: Api, op: Operation, namer: TypeNamer) -> tuple[str, str]:
    """The type (and codec) of what a list's `items` hold: what its watch events carry."""
    rtype = op.returns.type
    if isinstance(rtype, ModelRef):
        for f in api.models[rtype.key].fields:
            if f.wire_name == "items" and isinstance(f.type, ArrayOf):
                return namer.spell(f.type.item), namer.codec(f.type.item)
    return namer.ref("RawJson"), f"{namer.ref('RawJson')}.Codec"


def _sent(p: Param, value: str, namer: TypeNamer) -> str:
    """A parameter's value as the Call takes it: a list joined as its collection format says (multi: one pair per item)."""
    style = _format(p)
    if style in SEPARATORS:
        return f"{namer.ref('Call')}.Joined({value}, {encode.string_literal(SEPARATORS[style])})"
    return value


def _format(p: Param) -> str:
    if not isinstance(p.type, ArrayOf):
        return ""
    return p.collection_format if p.collection_format in SEPARATORS or p.collection_format == "multi" else "csv"


Key = tuple[tuple[str, str, str, str, str, str], ...]  # of each parameter: property, C# type, location, wire name, format, description


def option_properties(op: Operation, name: str = "") -> list[str]:
    """Each optional parameter's property."""
    return naming.members([naming.pascal(p.name, "Value") for p in optional_params(op)], name, OPTIONS_MEMBERS)


def options_plan(ops: list[Operation], namer: Callable[[], TypeNamer], taken: set[str]) -> tuple[dict[str, list[Operation]], dict[str, str]]:
    """Each options class (name -> the operations taking it), and the class of each operation (by id).

    `namer` gives a fresh namer of the namespace: the same parameters are spelled alike for every operation.
    """

    def key_of(op: Operation) -> Key:
        spell = namer().spell
        params = optional_params(op)
        return tuple((prop, spell(p.type), p.location, p.wire_name, _format(p), (p.description or "").strip()) for prop, p in zip(option_properties(op), params))

    sets = plan_options.option_sets(ops, key_of, lambda words: naming.bounded(naming.pascal(words + ("params",))), taken, fold=True)
    taken.update(found.type_name for found in sets)
    return {found.type_name: found.users for found in sets}, {op.id: found.type_name for found in sets for op in found.users}


def options_view(name: str, properties: list[str], users: list[Operation], methods: dict[str, str], namer: TypeNamer) -> OptionsView:
    """The class of an option set, from its first user's parameters (every user's are alike) and their `properties` (option_properties)."""
    named = ", ".join(methods[u.id] for u in users[:3]) + (", ..." if len(users) > 3 else "")
    params = optional_params(users[0])
    props = []
    for prop, p in zip(properties, params):
        doc = encode.xml_doc([described(p.description, f"The {p.wire_name} parameter.")], INDENT)
        apply = f"call.{CALL_METHODS[p.location]}({encode.string_literal(p.wire_name)}, {_sent(p, prop, namer)});"
        props.append(OptionView(prop, namer.spell(p.type), doc, apply))
    doc = encode.xml_doc([f"Optional parameters of {named}; a null property is not sent."], "    ")
    return OptionsView(name, doc, props)
