"""JSON values -> the typed Swagger 2.0 model, reporting every problem with its pointer.

Closed world: unknown `type`s and `collectionFormat`s, non-local `$ref`s and malformed nodes are
errors. What real documents publish but Swagger 2.0 does not allow (Go regex syntax in a pattern,
bare-name and cross-document references, JSON-Schema type arrays, undeclared or go-restful regex
path parameters, a repeated operationId, `paths: null`) are quirks: errors unless --lenient, which
makes each a warning of its own kind and reads it as docs/lenient.md says. Unknown `format`s are
legal Swagger 2.0 and ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, replace
from typing import Any

from kgen.diagnostics import Sink, child, node_at, pointer, reference_tokens
from kgen.sources.loading import Document, Limits
from kgen.spec.model import (
    MISSING,
    Info,
    Operation,
    Parameter,
    Repeat,
    Response,
    Schema,
    Spec,
    zero_default_outside_enum,
)

METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
TYPES = frozenset({"string", "number", "integer", "boolean", "array", "object", "file"})
LOCATIONS = frozenset({"path", "query", "header", "body", "formData"})
COLLECTION_FORMATS = frozenset({"csv", "ssv", "tsv", "pipes", "multi"})
# Swagger 2.0 formats, JSON Schema formats, and the ones the Kubernetes apiserver knows.
FORMATS = frozenset(
    """int32 int64 uint32 uint64 float double byte binary date date-time datetime password
    int-or-string email hostname ipv4 ipv6 uri uri-reference uuid uuid3 uuid4 uuid5 cidr mac
    duration bsonobjectid isbn isbn10 isbn13 creditcard ssn hexcolor rgbcolor regex
    """.split()
)
DEFINITIONS = "#/definitions/"
# How to make one document of several: tools that put what other documents' references name under definitions,
# parameters and responses (Redocly's OAS 2 components; go-swagger's minimal flattening), where kgen reads it.
BUNDLE = "bundle the documents into one first, for example with Redocly CLI (redocly bundle api.yaml -o one.yaml) or go-swagger (swagger flatten api.yaml -o one.json)"
# grpc-gateway's protoc-gen-swagger puts the result types of streaming calls in a section of their own, named as the
# messages they wrap: they are read as definitions (`…StreamResult` where the name is taken), and references to them
# as references to those definitions.
STREAM_DEFINITIONS = "x-stream-definitions"
STREAM_SUFFIX = "StreamResult"


def parse_spec(doc: Document, sink: Sink, limits: Limits = Limits()) -> Spec:
    """Build the typed model; problems go to `sink` (the caller raises on errors)."""
    return _Parser(sink, limits).spec(doc)


def parse_definition(value: Any, ptr: str, sink: Sink) -> Schema:
    """One definition from outside the document (kgen's shipped Kubernetes definitions)."""
    return _Parser(sink, Limits()).schema(value, ptr)


@dataclass(frozen=True)
class _Item:
    """A path item as read: each operation (its value, and the pointer of the path item it is written in), and the
    path-level parameters; those of the item its `$ref` names, where it has one, under its own."""

    operations: dict[str, tuple[Any, str]]
    parameters: tuple[Parameter, ...] = ()


class _Parser:
    def __init__(self, sink: Sink, limits: Limits):
        self.sink = sink
        self.limits = limits
        self.root: Any = None  # the document, where path item references (and pointers written without '#') point
        self.global_parameters: dict[str, Any] = {}
        self.global_responses: dict[str, Any] = {}
        self.definitions: dict[str, Any] = {}  # the document's, as written
        self.streams: dict[str, str] = {}  # an x-stream-definitions entry -> the definition it is read as
        self.unused_reported: set[str] = set()  # where path parameters not in their paths were reported
        self.given_ids: set[str] = set()  # pointers of the operations that name their operationId
        # Each path item and operation read once, by where it is written, however many paths reach it through
        # path item references: what is wrong in it is reported once, at that place.
        self.items: dict[str, _Item] = {}
        self.written: dict[str, Operation] = {}
        # Each schema read once, by where it is written, however many references reach it; and those being read (the
        # schemas that hold the one being read, and those a reference chain passes through on the way to it).
        self.schemas: dict[str, Schema] = {}
        self.reading: set[str] = set()
        self.referenced: set[str] = set()  # those that references outside definitions name

    # -- helpers ---------------------------------------------------------
    def mapping(self, value: Any, ptr: str, what: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.sink.error(ptr, f"{what} must be a mapping, found {_kind(value)}", f"make {what} a JSON object")
        return {}

    def string(self, node: dict[str, Any], key: str, ptr: str, required: bool = False) -> str | None:
        value = node.get(key, MISSING)
        if value is MISSING:
            if required:
                self.sink.error(ptr, f"'{key}' is required", f"add '{key}'")
            return None
        if not isinstance(value, str):
            self.sink.error(child(ptr, key), f"'{key}' must be a string, found {_kind(value)}", f"write '{key}' as a string")
            return None
        return value

    def boolean(self, node: dict[str, Any], key: str, ptr: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.sink.error(child(ptr, key), f"'{key}' must be true or false, found {_kind(value)}", "use a JSON boolean")
            return False
        return value

    def strings(self, node: dict[str, Any], key: str, ptr: str) -> tuple[str, ...]:
        if key not in node:
            return ()
        value = node[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.sink.error(child(ptr, key), f"'{key}' must be a list of strings", f"write '{key}' as [\"...\"]")
            return ()
        return tuple(value)

    def written_ref(self, ref: Any, ptr: str, prefix: str, entries: Container[str] | None = None) -> str | None:
        """A reference as it names a node of this document. A bare name is a quirk read as an entry of `prefix`'s
        section, and so is another document's entry if this document has one of that name (in `entries`; None: any
        name, which the rules of dangling references read). None, after a diagnostic, for anything else."""
        at = child(ptr, "$ref")
        if not isinstance(ref, str):
            self.sink.error(at, "'$ref' must be a string", "write the reference as a string")
            return None
        meant = self.pointer_meant(ref)
        if meant is not None:
            self.sink.error(at, f"reference {ref!r} is not a reference into this document: those start with '#/'", f"write {meant!r}")
            return None
        if _BARE_NAME.fullmatch(ref) and not _FILE_NAME.search(ref):
            self.sink.quirk(at, f"bare-name reference {ref!r} is read as {prefix + ref!r}", f"write the reference as {prefix + ref!r}", "bare-reference")
            return prefix + ref
        if not ref.startswith("#"):
            return self.external_ref(ref, at, prefix, entries)
        return ref

    def local_ref(self, ref: Any, ptr: str, prefix: str, entries: Container[str] | None = None) -> str | None:
        """The name of the entry of `prefix`'s section (parameters, responses) that a reference points at."""
        at = child(ptr, "$ref")
        ref = self.written_ref(ref, ptr, prefix, entries)
        if ref is None:
            return None
        if not ref.startswith(prefix):
            self.sink.error(at, f"unsupported reference {ref!r}: only local references to {prefix}NAME are supported", f"move what it names into {prefix[2:-1]} and point the reference there")
            return None
        tokens = reference_tokens(ref) or []  # the prefix's section, then the entry's name and anything inside it
        if len(tokens) > 2:
            self.sink.error(
                at,
                f"unsupported reference {ref!r}: it points inside #{pointer(*tokens[:2])}, not at an entry of {prefix[2:-1]}",
                "write '/' in a name as '~1' and '~' as '~0', or point the reference at a whole entry",
            )
            return None
        return tokens[1]

    def pointer_meant(self, ref: str) -> str | None:
        """The reference meant by a JSON pointer written without its '#' ('/definitions/X', if this document has
        what it names) or '/' after it ('#definitions/X'); None for any other reference."""
        if ref.startswith("#") and not ref.startswith("#/") and len(ref) > 1:
            return "#/" + ref[1:]
        if not ref.startswith("/"):
            return None
        try:
            node_at(self.root, reference_tokens("#" + ref) or [])
        except LookupError:
            return None
        return "#" + ref

    def external_ref(self, ref: str, at: str, prefix: str, entries: Container[str] | None) -> str | None:
        """This document's entry for a reference to another document's (`other.yaml#/definitions/X`, a quirk), if
        it has one of that name (`entries`, as local_ref says); else None. A schema's other references (a whole file,
        a pointer inside another document's schema) are a quirk too: --lenient types the value as any JSON value, as
        it does a dangling reference's. A parameter's or response's are an error: --lenient cannot help."""
        local = "#" + ref.partition("#")[2]
        tokens = reference_tokens(local) or []
        if len(tokens) == 2 and local.startswith(prefix) and (entries is None or tokens[1] in entries):
            message = f"{_another_document(ref)}: {tokens[1]!r} is looked up in this one"
            self.sink.quirk(at, message, f"{BUNDLE}, or write {local!r} if this document's own is meant", "external-reference")
            return local
        if entries is None:
            self.sink.quirk(at, f"{_another_document(ref)}: the value is typed as any JSON value", BUNDLE, "external-reference")
        else:
            self.sink.error(at, _another_document(ref), BUNDLE)
        return None

    # -- document --------------------------------------------------------
    def spec(self, doc: Document) -> Spec:
        root = self.root = doc.data
        if not isinstance(root, dict):
            found = "nothing: it is empty or null" if root is None else _kind(root)
            self.sink.error("", f"the document must be a mapping, found {found}", "point --spec at a Swagger 2.0 document, such as kubectl get --raw /openapi/v2 writes")
            return Spec(doc.source, doc.sha256, Info("", ""))
        version = root.get("swagger", MISSING)
        if type(version) in (int, float) and version == 2:  # YAML reads an unquoted 2.0 as a number
            message = f"swagger is the number {version!r}, not the string \"2.0\""
            self.sink.quirk("/swagger", message, 'write it as a string, "2.0" (YAML reads an unquoted 2.0 as a number: swagger: "2.0")', "version")
        elif version != "2.0":
            self.sink.error("/swagger", _not_swagger_2(root, version), _format_hint(root))
            return Spec(doc.source, doc.sha256, Info("", ""))
        count = len(root["definitions"]) if isinstance(root.get("definitions"), dict) else 0
        if not self.within_limit("/definitions", "definitions", count, self.limits.max_definitions):
            return Spec(doc.source, doc.sha256, Info("", ""))
        info = self.info(root.get("info", MISSING))
        self.global_parameters = self.mapping(root.get("parameters", {}), "/parameters", "parameters")
        self.global_responses = self.mapping(root.get("responses", {}), "/responses", "responses")
        base_path = self.string(root, "basePath", "") or ""
        consumes = self.strings(root, "consumes", "")
        produces = self.strings(root, "produces", "")
        self.definitions = self.mapping(root.get("definitions", {}), "/definitions", "definitions")
        streamed = self.mapping(root.get(STREAM_DEFINITIONS, {}), f"/{STREAM_DEFINITIONS}", STREAM_DEFINITIONS)
        self.streams = _stream_names(streamed, self.definitions)
        definitions = {name: self.schema(value, child("/definitions", name)) for name, value in self.definitions.items()}
        for name, value in streamed.items():
            ptr = child(f"/{STREAM_DEFINITIONS}", name)
            if self.streams[name] != name:
                self.sink.warning(ptr, f"{name!r} is also a definition; this one is read as {self.streams[name]!r}", "nothing to do: grpc-gateway names them so", "name")
            definitions[self.streams[name]] = self.schema(value, ptr)
        paths = root.get("paths", MISSING)
        if paths is None or paths is MISSING:
            said = "null" if paths is None else "missing"
            self.sink.quirk("/paths", f"'paths' is {said}", "write paths: {} for a document without operations", "missing-paths")
            paths = {}
        operations = self.paths(self.mapping(paths, "/paths", "paths"), consumes, produces)
        self.left_out_paths(root.get("x-ms-paths"))
        return Spec(doc.source, doc.sha256, info, base_path, definitions, operations, self.referenced)

    def left_out_paths(self, value: Any) -> None:
        """AutoRest's x-ms-paths (paths with a query string, which `paths` cannot hold) are not generated: said, not silent."""
        if not isinstance(value, dict) or not value:
            return
        count = sum(1 for item in value.values() if isinstance(item, dict) for method in METHODS if method in item)
        self.sink.warning(
            "/x-ms-paths",
            f"{count} operation{'s' * (count != 1)} under x-ms-paths (AutoRest's paths with a query string) {'are' if count != 1 else 'is'} not generated",
            "move them to paths, with the query string's values as enum query parameters, to generate them",
            "x-ms-paths",
        )

    def within_limit(self, ptr: str, what: str, found: int, limit: int) -> bool:
        """A count that the output grows with, checked before anything is built from it."""
        if found > limit:
            self.sink.error(
                ptr,
                f"the document has {found} {what}, more than the limit of {limit}",
                f"raise the limit with --max-{what} if this document is trusted to be this large",
            )
        return found <= limit

    def info(self, value: Any) -> Info:
        """The API's title and version; a missing one is a quirk: they only name the API in the generated docs."""
        if value is MISSING or value is None:  # one problem, not one per field it would have had
            self.sink.quirk("/info", f"'info' is {'missing' if value is MISSING else 'null'}", "add info: {title: ..., version: ...}", "missing-info")
            return Info("", "")
        node = self.mapping(value, "/info", "info")
        for field in ("title", "version"):
            if field not in node:
                self.sink.quirk("/info", f"'info.{field}' is missing", f"add info.{field} to the document", f"missing-{field}")
        title = self.string(node, "title", "/info")
        version = node.get("version")
        if type(version) in (int, float):  # YAML reads an unquoted `version: 1.0` as a number
            self.sink.quirk(
                "/info/version",
                f"info.version is the number {version!r}, not a string; it is read as \"{version!r}\"",
                f'write it as a string, version: "{version!r}" (YAML reads an unquoted 1.0 as a number, and 1.10 as 1.1)',
                "info-version",
            )
            version = repr(version)
        else:
            version = self.string(node, "version", "/info")
        return Info(title or "", version or "", self.string(node, "description", "/info"))

    def paths(self, paths: dict[str, Any], consumes: tuple[str, ...], produces: tuple[str, ...]) -> list[Operation]:
        """The operations of every path, path item references followed; counted against the limit before they are built."""
        items = {path: self.path_item(value, child("/paths", path)) for path, value in paths.items() if self.is_path(path)}
        count = sum(len(item.operations) for item in items.values())
        if not self.within_limit("/paths", "operations", count, self.limits.max_operations):
            return []
        operations = [
            self.operation(path, method, item, consumes, produces) for path, item in items.items() for method in METHODS if method in item.operations
        ]
        self.unique_ids(operations)
        return operations

    def is_path(self, key: str) -> bool:
        if key.startswith("x-"):
            return False
        if not key.startswith("/"):
            self.sink.error(child("/paths", key), f"path {key!r} must start with '/'", "prefix the path with '/'")
        return key.startswith("/")

    def path_item(self, value: Any, ptr: str) -> _Item:
        """The path item at `ptr`, with what its `$ref` names (and what that one's names, in turn) under its own keys."""
        chain: list[tuple[dict[str, Any], str]] = []
        while ptr not in self.items:
            node = self.mapping(value, ptr, "a path item")
            chain.append((node, ptr))
            target = self.path_item_target(node, ptr, {at for _, at in chain}) if "$ref" in node else None
            if target is None:
                break
            value, ptr = target
        item = self.items.get(ptr, _Item({}))  # where the chain ended: an item read before, or nothing more
        for node, at in reversed(chain):
            item = self.items[at] = self.own_keys(node, at, item)
        return item

    def path_item_target(self, node: dict[str, Any], ptr: str, chain: set[str]) -> tuple[dict[str, Any], str] | None:
        """The path item a path item's `$ref` names in this document, and its pointer; None (with an error) if none."""
        ref, at = node["$ref"], child(ptr, "$ref")
        if not isinstance(ref, str):
            self.sink.error(at, "'$ref' must be a string", "write the reference as a string")
            return None
        tokens = reference_tokens(ref)
        if tokens is None:
            if ref.startswith("#"):
                self.sink.error(at, f"path item reference {ref!r} is not a JSON pointer", "write it as '#/' and a JSON pointer, such as '#/paths/~1pets'")
            else:
                self.sink.error(at, _another_document(ref), BUNDLE)
            return None
        target = pointer(*tokens)
        try:
            value = node_at(self.root, tokens)
        except LookupError:
            self.sink.error(at, f"path item reference {ref!r} points at nothing in this document", "fix the pointer: '/' in a key is written '~1' and '~' '~0', as in '#/paths/~1pets'")
            return None
        if target in chain:
            self.sink.error(at, f"path item reference {ref!r} leads back to {target}: the references form a cycle", "write the operations out in one of the path items")
            return None
        if not isinstance(value, dict):
            self.sink.error(at, f"path item reference {ref!r} points at {_kind(value)}, not a path item", "point it at a path item: a mapping of operations")
            return None
        return value, target

    def own_keys(self, node: dict[str, Any], ptr: str, referenced: _Item) -> _Item:
        """The path item written at `ptr`: its operations and parameters over those of the item its `$ref` names."""
        for key in node:
            if key not in METHODS and key not in ("parameters", "$ref") and not key.startswith("x-"):
                self.sink.warning(child(ptr, key), f"ignored unknown key {key!r} in a path item", "remove it", "unknown-key")
        parameters = _overridden(referenced.parameters, self.parameters(node.get("parameters", []), child(ptr, "parameters")))
        own = {method: (node[method], ptr) for method in METHODS if method in node}
        return _Item({**referenced.operations, **own}, tuple(parameters))

    def unique_ids(self, operations: list[Operation]) -> None:
        """Give each operation a key unique in the document: its operationId, numbered (2, 3, ...) where an earlier
        one has it, in document order within ranks: the document's own first, then those of operations reached
        through path item references, then those kgen made up. A key takes no operation's operationId.

        The operationId stays as it is: its words name the operation's methods, which only need to be unique in
        its API (passes/name_things.py). A repeated operationId in the document is a quirk (Swagger 2.0: "MUST
        be unique"); clusters and the Kubernetes clients' processed documents repeat one in every group that
        serves it. Made-up ids repeat when paths differ only in punctuation (/a and /a/).
        """
        taken = {op.operation_id for op in operations}
        first: dict[str, Operation] = {}
        for op in sorted(operations, key=self.rank):  # stable: document order within a rank
            earlier = first.setdefault(op.operation_id, op)
            op.key = op.operation_id
            if earlier is not op:
                n = 2
                while f"{op.operation_id}{n}" in taken:
                    n += 1
                op.key = f"{op.operation_id}{n}"
                taken.add(op.key)
                op.repeats = self.repeat(op, earlier)

    def rank(self, op: Operation) -> int:
        """0 for an operationId the document gives, 1 for one a path item reference repeats, 2 for a made-up one."""
        if op.pointer not in self.given_ids:
            return 2
        return 0 if op.via is None else 1

    def repeat(self, op: Operation, earlier: Operation) -> Repeat | None:
        """Why `op` repeats the operationId of `earlier`, unless kgen made it up; a strict run stops here, where
        the document repeats one (the names would not matter)."""
        if op.pointer not in self.given_ids:
            return None
        if op.via is not None:
            return Repeat(
                child(op.via, "$ref"),
                f"the operation at {op.pointer} is reached through this reference as {op.method} {op.path}; its operationId"
                f" {op.operation_id!r} is also used by {earlier.method} {earlier.path}",
                f"nothing to do; to choose the name, write {op.method} beside the $ref with an operationId of its own",
                quirk=False,
            )
        repeat = Repeat(
            child(op.pointer, "operationId"),
            f"operationId {op.operation_id!r} is also used by {earlier.pointer}",
            "operationIds must be unique in a document",
            quirk=True,
        )
        if not self.sink.lenient_at(repeat.pointer):
            self.sink.quirk(repeat.pointer, repeat.why, repeat.hint, "duplicate-operation-id")
        return repeat

    def operation(self, path: str, method: str, item: _Item, consumes: tuple[str, ...], produces: tuple[str, ...]) -> Operation:
        """The operation `method` of the path: what is written (read once), with the path's template, its path-level
        parameters and a made-up operationId where none is given. Problems of the template are at the path item
        whose key it is when the operation is written elsewhere."""
        value, at = item.operations[method]
        ptr = child(at, method)
        via = None if at == child("/paths", path) else child("/paths", path)
        if ptr not in self.written:
            self.written[ptr] = self.written_operation(method, value, ptr, consumes, produces)
        written = self.written[ptr]
        parameters = _overridden(item.parameters, written.parameters)
        template = self.path_parameters(path, parameters, via or ptr)
        operation_id = written.operation_id or _default_operation_id(method, template)
        return replace(written, path=template, parameters=tuple(parameters), operation_id=operation_id, via=via)

    def written_operation(self, method: str, value: Any, ptr: str, consumes: tuple[str, ...], produces: tuple[str, ...]) -> Operation:
        """An operation as written, without what the paths that reach it give it (its path, its path-level parameters)."""
        node = self.mapping(value, ptr, "an operation")
        if "operationId" in node:
            self.given_ids.add(ptr)
        parameters = self.parameters(node.get("parameters", []), child(ptr, "parameters"))
        responses = {
            str(code): self.response(resp, child(ptr, "responses", code))
            for code, resp in self.mapping(node.get("responses", {}), child(ptr, "responses"), "responses").items()
            if not str(code).startswith("x-")
        }
        return Operation(
            pointer=ptr,
            path="",
            method=method,
            operation_id=self.string(node, "operationId", ptr) or "",
            tags=self.strings(node, "tags", ptr),
            summary=self.string(node, "summary", ptr),
            description=self.string(node, "description", ptr),
            parameters=tuple(parameters),
            responses=responses,
            consumes=self.strings(node, "consumes", ptr) if "consumes" in node else consumes,
            produces=self.strings(node, "produces", ptr) if "produces" in node else produces,
            deprecated=self.boolean(node, "deprecated", ptr),
            extensions={k: v for k, v in node.items() if k.startswith("x-")},
        )

    def path_parameters(self, path: str, parameters: list[Parameter], ptr: str) -> str:
        """The path template with go-restful regex parameters ({name:[a-z]+}) as plain ones; undeclared ones are quirks.

        Under --lenient each becomes a required string path parameter (added to `parameters`).
        """
        declared = {p.name for p in parameters if p.location == "path"}
        templates = list(_TEMPLATE.finditer(path))
        declared_as_is = {found.group(0) for found in templates if found.group(0)[1:-1] in declared}
        for found in templates:
            name, regex = found.group(1), found.group(2)
            if found.group(0) in declared_as_is:  # a declared name with a ':' in it
                continue
            if regex is not None:
                self.sink.quirk(
                    ptr,
                    f"path parameter {found.group(0)!r} of {path!r} carries a go-restful regular expression; it is read as {{{name}}}",
                    f"write the template as {{{name}}} and the expression as the parameter's pattern",
                    "undeclared-path-parameter",
                )
            if name not in declared:
                self.sink.quirk(
                    ptr,
                    f"path parameter {name!r} of {path!r} is not declared; it is read as a required string",
                    f"add a parameter named {name!r} with in: path",
                    "undeclared-path-parameter",
                )
                parameters.append(Parameter(ptr, name, "path", required=True, type="string"))
                declared.add(name)
        named = {found.group(1) for found in templates} | set(_BRACED.findall(path))  # `{:}` names ':', as the validator reads it
        for unused in [p for p in parameters if p.location == "path" and p.name not in named]:
            parameters.remove(unused)
            shared = not unused.pointer.startswith("/paths/")  # from #/parameters: reported where each operation uses it
            where, what = (ptr, f"path parameter {unused.name!r} (#{unused.pointer})") if shared else (unused.pointer, f"path parameter {unused.name!r}")
            if where not in self.unused_reported:  # a path item's parameter: once, not per operation
                self.unused_reported.add(where)
                self.sink.quirk(
                    where,
                    f"{what} is not in the path {path!r}; it is left out",
                    f"add {{{unused.name}}} to the path, or remove the parameter",
                    "unused-path-parameter",
                )
        return _TEMPLATE.sub(lambda m: m.group(0) if m.group(0) in declared_as_is else "{" + m.group(1) + "}", path)

    def parameters(self, value: Any, ptr: str) -> list[Parameter]:
        if not isinstance(value, list):
            self.sink.error(ptr, f"parameters must be a list, found {_kind(value)}", "write the parameters as a list")
            return []
        result = []
        for index, entry in enumerate(value):
            param = self.parameter(entry, child(ptr, index))
            if param is not None:
                result.append(param)
        return result

    def parameter(self, value: Any, ptr: str) -> Parameter | None:
        node = self.mapping(value, ptr, "a parameter")
        if "$ref" in node:
            name = self.local_ref(node["$ref"], ptr, "#/parameters/", self.global_parameters)
            if name is None:
                return None
            if name not in self.global_parameters:
                self.sink.error(child(ptr, "$ref"), f"reference to a missing parameter {name!r}", "define it under /parameters or fix the name")
                return None
            ptr, node = child("/parameters", name), self.mapping(self.global_parameters[name], child("/parameters", name), "a parameter")
        name = self.string(node, "name", ptr, required=True)
        location = self.string(node, "in", ptr, required=True)
        if name is None or location is None:
            return None
        if location not in LOCATIONS:
            self.sink.error(child(ptr, "in"), f"unknown parameter location {location!r}", "use path, query, header, body or formData")
            return None
        required = self.boolean(node, "required", ptr)
        if location == "path" and not required:
            self.sink.warning(child(ptr, "required"), "path parameters must be required; treating it as required", "add required: true", "path-parameter")
            required = True
        if location == "body":
            if "schema" not in node:
                self.sink.error(ptr, "a body parameter needs a schema", "add a schema to the body parameter")
                return None
            schema = self.schema(node["schema"], child(ptr, "schema"))
            return Parameter(ptr, name, location, self.string(node, "description", ptr), required, schema=schema)
        ptype = self.string(node, "type", ptr)
        if ptype is not None and ptype not in TYPES:
            self.sink.error(child(ptr, "type"), f"unknown parameter type {ptype!r}", "use string, number, integer, boolean, array or file")
            ptype = None
        return Parameter(
            ptr,
            name,
            location,
            self.string(node, "description", ptr),
            required,
            type=ptype,
            format=self.format(node, ptr),
            items=self.schema(node["items"], child(ptr, "items")) if "items" in node else None,
            enum=self.enum(node, ptr),
            default=self.default(node, ptr),
            collection_format=self.collection_format(node, ptr),
        )

    def response(self, value: Any, ptr: str) -> Response:
        if value is None:  # `200:` with nothing under it in hand-written YAML
            self.sink.quirk(ptr, "a response is null", "describe it: {description: ...}", "null-response")
            return Response(ptr)
        node = self.mapping(value, ptr, "a response")
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith(DEFINITIONS):  # Harbor's API v1, go-swagger 2273
            self.sink.quirk(
                child(ptr, "$ref"),
                f"a response references the definition {node['$ref']!r}; it is read as the response's schema",
                f"write {{description: ..., schema: {{$ref: {node['$ref']!r}}}}}, or reference a response under #/responses/",
                "response-reference",
            )
            body = self.schema({"$ref": node["$ref"]}, ptr)
            target = self.definitions.get(body.ref) if body.ref is not None else None
            description = target.get("description") if isinstance(target, dict) else None
            return Response(ptr, description if isinstance(description, str) else "", body)
        if "$ref" in node:
            name = self.local_ref(node["$ref"], ptr, "#/responses/", self.global_responses)
            if name is None or name not in self.global_responses:
                if name is not None:
                    self.sink.error(child(ptr, "$ref"), f"reference to a missing response {name!r}", "define it under /responses")
                return Response(ptr)
            ptr = child("/responses", name)
            node = self.mapping(self.global_responses[name], ptr, "a response")
        schema = self.schema(node["schema"], child(ptr, "schema")) if "schema" in node else None
        return Response(ptr, self.string(node, "description", ptr) or "", schema)

    # -- schemas ---------------------------------------------------------
    def schema(self, value: Any, ptr: str) -> Schema:
        """The schema written at `ptr`, read once however many references reach it: what is wrong in it is reported
        once, there. One that is only a reference to a schema other than a definition is that schema."""
        if ptr not in self.schemas:
            self.reading.add(ptr)
            self.schemas[ptr] = self.read_schema(value, ptr)
            self.reading.discard(ptr)
        return self.schemas[ptr]

    def read_schema(self, value: Any, ptr: str) -> Schema:
        if isinstance(value, bool):  # JSON Schema's true/false: anything / nothing
            return Schema(ptr)
        node = self.mapping(value, ptr, "a schema")
        s = Schema(ptr)
        if "$ref" in node:
            target = self.schema_ref(node["$ref"], ptr)
            if isinstance(target, Schema):  # the keys beside a reference are ignored, as JSON Reference says
                return target
            s.ref = target
        stype = node.get("type")
        if isinstance(stype, list) and stype and all(isinstance(t, str) and t in TYPES | {"null"} for t in stype):
            self.type_array(s, stype)
        elif stype == "null":  # JSON Schema's, in Slack's and NYTimes' APIs: the value is always null
            s.nullable = True
            message = "type 'null' is JSON Schema, not Swagger 2.0; it is read as any JSON value, nullable"
            self.sink.quirk(child(ptr, "type"), message, "remove the type and add x-nullable: true", "type-null")
        elif stype is not None:
            if isinstance(stype, str) and stype in TYPES:
                s.type = stype
            else:
                self.sink.error(child(ptr, "type"), f"unknown schema type {stype!r}", "use one of " + ", ".join(sorted(TYPES)))
        s.format = self.format(node, ptr)
        s.title = self.string(node, "title", ptr)
        s.description = self.string(node, "description", ptr)
        if "properties" in node:
            at = child(ptr, "properties")
            s.properties = {name: self.schema(sub, child(at, name)) for name, sub in self.mapping(node["properties"], at, "properties").items()}
        s.required = self.strings(node, "required", ptr)
        if isinstance(node.get("items"), list):
            s.tuple_items = tuple(self.schema(sub, child(ptr, "items", i)) for i, sub in enumerate(node["items"]))
        elif "items" in node:
            s.items = self.schema(node["items"], child(ptr, "items"))
        extra = node.get("additionalProperties")
        if isinstance(extra, bool):
            s.additional_properties = extra
        elif extra is not None:
            s.additional_properties = self.schema(extra, child(ptr, "additionalProperties"))
        all_of = node.get("allOf", [])
        if isinstance(all_of, list):
            s.all_of = tuple(self.schema(sub, child(ptr, "allOf", i)) for i, sub in enumerate(all_of))
        else:
            self.sink.error(child(ptr, "allOf"), "'allOf' must be a list of schemas", "write allOf as a list")
        s.enum = self.enum(node, ptr)
        s.default = self.default(node, ptr)
        s.pattern = self.pattern(node, ptr)
        s.read_only = self.boolean(node, "readOnly", ptr)
        nullable = node.get("x-nullable", node.get("nullable", False))
        s.nullable = s.nullable or nullable is True
        s.extensions = {k: v for k, v in node.items() if k.startswith("x-")}
        if isinstance(node.get("discriminator"), str):
            self.discriminator(node["discriminator"], ptr)
        return s

    def schema_ref(self, ref: Any, ptr: str) -> str | Schema | None:
        """What a schema's `$ref` names: a definition (an x-stream-definitions entry is the definition it is read as),
        by its name, or the schema at any other pointer of this document; None (with an error) if nothing."""
        ref = self.written_ref(ref, ptr, DEFINITIONS)
        if ref is None:
            return None
        tokens = reference_tokens(ref)
        if not tokens:
            self.sink.error(child(ptr, "$ref"), f"unsupported reference {ref!r}: kgen follows references into this document, '#/' and a JSON pointer", "point the reference at a schema of this document")
            return None
        if len(tokens) == 2 and tokens[0] in ("definitions", STREAM_DEFINITIONS):
            return self.streams.get(tokens[1], tokens[1]) if tokens[0] == STREAM_DEFINITIONS else tokens[1]
        return self.pointed(ref, tokens, ptr)

    def pointed(self, ref: str, tokens: list[str], ptr: str) -> Schema | None:
        """The schema a reference names outside definitions, read where it is written; None, with an error at the
        `$ref`, where it names nothing, or no schema, or a schema that holds the reference (without a definition
        between them the schema would contain itself), or where references nest schemas deeper than the limit."""
        at, target = child(ptr, "$ref"), pointer(*tokens)
        value, missing = _follow(self.root, tokens)
        if missing is not None:
            where = f"#{pointer(*tokens[:missing])}" if missing else "the document"
            self.sink.error(
                at,
                f"reference {ref!r} points at nothing in this document: {where} has no {tokens[missing]!r}",
                "fix the pointer: '/' in a key is written '~1' and '~' '~0', as in '#/definitions/Page/properties/items'",
            )
        elif target in self.reading:
            self.sink.error(
                at,
                f"reference {ref!r} leads back to #{target}, which holds it: a cycle of references through no definition",
                "only a definition may contain itself: move the schema under definitions and refer to it as '#/definitions/NAME'",
            )
        elif not isinstance(value, (dict, bool)):
            self.sink.error(at, f"reference {ref!r} points at {_kind(value)}, not a schema", "point it at a schema: a mapping")
        elif len(self.reading) >= self.limits.max_depth:
            self.sink.error(
                at,
                f"references nest schemas deeper than the limit of {self.limits.max_depth} levels",
                "refer to a definition instead, or raise the limit with --max-depth if this document is trusted",
            )
        else:
            self.referenced.add(target)
            return self.schema(value, target)
        return None

    def discriminator(self, name: str, ptr: str) -> None:
        """Said once per schema: a polymorphic payload decodes as the base type, which users must know to look for."""
        self.sink.warning(
            child(ptr, "discriminator"),
            f"discriminator {name!r}: subtypes are not chosen by it; a value of a type built on this one (allOf) decodes as this one,"
            " and the subtype's own members are kept as unknown members (sent back when encoded) but not typed",
            f"decode such a value again as the type its {name!r} names",
            "discriminator",
        )

    def type_array(self, s: Schema, stype: list[str]) -> None:
        """A JSON-Schema type array: "null" makes the value nullable; two or more other types make a union."""
        types = tuple(dict.fromkeys(t for t in stype if t != "null"))
        s.nullable = "null" in stype
        if len(types) == 1:
            s.type = types[0]
        else:
            s.types = types
        reading = "a union of " + ", ".join(types) if len(types) > 1 else (types[0] if types else "any JSON value")
        self.sink.quirk(
            child(s.pointer, "type"),
            f"type is a list {stype!r} (JSON Schema, not Swagger 2.0); it is read as {reading}" + (", nullable" if s.nullable else ""),
            "use a single type, with x-nullable: true for null",
            "type-array",
        )

    def collection_format(self, node: dict[str, Any], ptr: str) -> str | None:
        value = self.string(node, "collectionFormat", ptr)
        if value is not None and value not in COLLECTION_FORMATS:
            self.sink.error(child(ptr, "collectionFormat"), f"unknown collectionFormat {value!r}", "use " + ", ".join(sorted(COLLECTION_FORMATS)))
            return None
        return value

    def format(self, node: dict[str, Any], ptr: str) -> str | None:
        """A known format; others are open-ended in Swagger 2.0 ("formats such as email..."), and read as the plain type."""
        fmt = self.string(node, "format", ptr)
        return fmt if fmt in FORMATS else None

    def enum(self, node: dict[str, Any], ptr: str) -> tuple[Any, ...] | None:
        if "enum" not in node:
            return None
        value = node["enum"]
        if not isinstance(value, list):
            self.sink.error(child(ptr, "enum"), "'enum' must be a list", "write enum as a list of values")
            return None
        return tuple(value)

    def default(self, node: dict[str, Any], ptr: str) -> Any:
        """The default; the zero value an enum forbids (the apiserver's, see zero_default_outside_enum) is none.

        It is a warning even in strict runs: the document is as the cluster serves it, and nothing is lost.
        """
        if not zero_default_outside_enum(node):
            return node.get("default", MISSING)
        self.sink.warning(
            child(ptr, "default"),
            f"default {node['default']!r} is not one of the enum's values; it is read as no default (the Kubernetes apiserver writes a required field's zero value as its default)",
            "remove the default, or add it to the enum",
            "zero-default",
        )
        return MISSING

    def pattern(self, node: dict[str, Any], ptr: str) -> str | None:
        pattern = self.string(node, "pattern", ptr)
        if pattern is None:
            return None
        try:
            re.compile(python_pattern(pattern))
        except (re.error, RecursionError, OverflowError) as exc:
            self.sink.quirk(
                child(ptr, "pattern"),
                f"pattern is not an ECMA 262 regular expression ({exc}); Go regex syntax such as a mid-pattern (?i) is a common cause; it is kept as documentation",
                "rewrite the pattern in ECMA 262 syntax",
                "pattern",
            )
        return pattern


def _follow(root: Any, tokens: list[str]) -> tuple[Any, int | None]:
    """The node the tokens of a JSON pointer name in `root`, and None; or nothing, and the index of the first token
    that names nothing."""
    node = root
    for index, token in enumerate(tokens):
        try:
            node = node_at(node, (token,))
        except LookupError:
            return MISSING, index
    return node, None


_CLASS_ESCAPE_RANGE = re.compile(r"(\\[dDsSwW])-(?!\])|(?<!\\)-(\\[dDsSwW])")
_NAMED_GROUP = re.compile(r"\(\?<(?![=!])")


def python_pattern(pattern: str) -> str:
    """An ECMA 262 pattern in Python's syntax, where the two differ in ways documents use.

    ECMA reads a class escape at the end of a range (`[\\w-.]`) as a literal '-', and names
    groups `(?<name>...)`; Python rejects the first and spells the second `(?P<name>...)`.
    """
    pattern = _CLASS_ESCAPE_RANGE.sub(lambda m: f"{m.group(1)}\\-" if m.group(1) else f"\\-{m.group(2)}", pattern)
    return _NAMED_GROUP.sub("(?P<", pattern)


def _another_document(ref: str) -> str:
    """What a reference into another document is told: the document, where in it, and that kgen reads only one."""
    document, _, fragment = ref.partition("#")
    where = f", at {'#' + fragment!r}" if fragment else ""
    return f"references another document ({document!r}{where}); kgen reads one document"


_BARE_NAME = re.compile(r"[A-Za-z0-9_.-]+")  # no '#', '/' or ':': not a URI with a fragment or a path
_FILE_NAME = re.compile(r"\.(?:json|ya?ml)$")  # a bare name that is another document's: `$ref: common.json`
_BRACED = re.compile(r"\{([^{}]+)\}")
_TEMPLATE = re.compile(r"\{([^{}:]+)(?::((?:[^{}]|\{[^{}]*\})*))?\}")  # {name} or go-restful's {name:regex}


def _overridden(shared: Iterable[Parameter], own: Iterable[Parameter]) -> list[Parameter]:
    """`own`, after those of `shared` it does not redefine: a parameter is its name and location (Swagger 2.0)."""
    own = list(own)
    keys = {(p.name, p.location) for p in own}
    return [p for p in shared if (p.name, p.location) not in keys] + own


def _not_swagger_2(root: dict[str, Any], version: Any) -> str:
    """What the document's `swagger` says instead of "2.0"."""
    if version is MISSING:
        return "not a Swagger 2.0 document: it has no 'swagger' key"
    return f"not a Swagger 2.0 document: swagger is {json.dumps(version, ensure_ascii=False)[:80]}, not \"2.0\""


def _format_hint(root: dict[str, Any]) -> str:
    """Which format the document looks like, and where a Swagger 2.0 one comes from."""
    hint = "kgen reads Swagger 2.0, the format of the apiserver's /openapi/v2"
    if "openapi" in root:
        return hint + "; this looks like OpenAPI 3 (fetch /openapi/v2 instead, e.g. kubectl get --raw /openapi/v2)"
    if "swaggerVersion" in root:
        return hint + "; this looks like Swagger 1.2 (swaggerVersion): convert it to Swagger 2.0 first"
    if "swagger" not in root:
        return hint + ': add swagger: "2.0" if the document is one'
    return hint


def _kind(value: Any) -> str:
    if value is MISSING:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _default_operation_id(method: str, path: str) -> str:
    """Documents without operationIds still need stable method names: method + path words."""
    words = re.findall(r"[A-Za-z0-9]+", path)
    return method + "".join(w[:1].upper() + w[1:] for w in words)


def _stream_names(streamed: dict[str, Any], definitions: dict[str, Any]) -> dict[str, str]:
    """The definition each x-stream-definitions entry is read as: its own name, or `…StreamResult` (then 2, 3, ...)
    where a definition has it, as protoc-gen-swagger's always do (the result of streaming `X` is named `X`)."""
    taken, names = set(definitions), {}
    for name in streamed:
        found, n = name, 1
        while found in taken:
            found, n = f"{name}{STREAM_SUFFIX}{n if n > 1 else ''}", n + 1
        taken.add(found)
        names[name] = found
    return names
