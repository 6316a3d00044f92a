"""CustomResourceDefinition manifests, published the way the apiserver publishes them on /openapi/v2.

For each served version of each CRD (apiextensions.k8s.io/v1; YAML or JSON,
several documents per file, `List`s of them too) this adds to the document:
  * definitions named by the reversed group, io.cert-manager.v1.Certificate and
    io.cert-manager.v1.CertificateList, with x-kubernetes-group-version-kind;
  * the apiserver's CRD routes: list, create, deletecollection, read, replace,
    delete and patch, namespaced (plus a list across namespaces) or
    cluster-scoped, and the status and scale subresources, with its
    operationIds, tags, parameters and responses. Like the apiserver, no
    /watch/ paths (lists take watch=true).
The schemas keep what /openapi/v2 drops: nullable fields stay typed
(x-nullable), defaults stay, and values with x-kubernetes-preserve-unknown-fields
keep their type (they hold any fields, so they stay free-form). allOf, anyOf,
oneOf and not only validate; they are dropped, as in v2.

Parameter descriptions are taken from the operations of the document the CRDs
join (so CRD operations share its query TypedDicts), else from short texts of
kgen's own. Problems are reported against the manifest: file, the line its
document starts on (for files of several documents), a JSON pointer and a hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgen.diagnostics import Diagnostic, KgenError, Level, Origin, Origins, child
from kgen.sources.loading import Limits, parse_documents, read_bytes

API_VERSION = "apiextensions.k8s.io/v1"
KINDS = ("CustomResourceDefinition",)
LIST_KINDS = ("List", "CustomResourceDefinitionList")
SUFFIXES = (".yaml", ".yml", ".json")
DEFINITIONS = "#/definitions/"
META = "io.k8s.apimachinery.pkg.apis.meta.v1."
OBJECT_META, LIST_META, STATUS = META + "ObjectMeta", META + "ListMeta", META + "Status"
DELETE_OPTIONS, PATCH, SCALE = META + "DeleteOptions", META + "Patch", "io.k8s.api.autoscaling.v1.Scale"

_DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_KIND = re.compile(r"[A-Za-z][A-Za-z0-9]*")
SCHEMA_TYPES = frozenset({"string", "number", "integer", "boolean", "array", "object"})
# JSON Schema keywords a Swagger 2.0 schema has; the rest of a CRD schema's keywords only validate.
KEPT = frozenset(
    """type format title description default enum pattern multipleOf maximum exclusiveMaximum minimum
    exclusiveMinimum maxLength minLength maxItems minItems uniqueItems maxProperties minProperties required
    example externalDocs""".split()
)

# Query parameters of the apiserver's CRD routes: type, and the description used when the
# document the CRDs join has none for them.
QUERY: dict[str, tuple[str, str]] = {
    "allowWatchBookmarks": ("boolean", "With watch: also send BOOKMARK events, which carry only a resourceVersion."),
    "continue": ("string", "The token from the previous page's metadata.continue, to list the next page."),
    "dryRun": ("string", "'All' to run every stage of the request without persisting anything."),
    "fieldManager": ("string", "The name of the actor making the change, for field management."),
    "fieldSelector": ("string", "List only objects whose fields match this selector."),
    "fieldValidation": ("string", "What to do with unknown or duplicate fields: Ignore, Warn or Strict."),
    "force": ("boolean", "Apply even where other managers own the fields (apply patches only)."),
    "gracePeriodSeconds": ("integer", "Seconds the object gets to terminate; 0 deletes at once."),
    "ignoreStoreReadErrorWithClusterBreakingPotential": ("boolean", "Delete an object the server cannot read. Unsafe."),
    "labelSelector": ("string", "List only objects whose labels match this selector."),
    "limit": ("integer", "Return at most this many items; metadata.continue then names the next page."),
    "orphanDependents": ("boolean", "Deprecated: use propagationPolicy."),
    "pretty": ("string", "'true' to pretty-print the response."),
    "propagationPolicy": ("string", "How dependents are garbage-collected: Orphan, Background or Foreground."),
    "resourceVersion": ("string", "Which version of the data may answer: see the API concepts on resource versions."),
    "resourceVersionMatch": ("string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
    "sendInitialEvents": ("boolean", "With watch: start with events for the objects that exist now."),
    "shardSelector": ("string", "List only the objects of this shard."),
    "timeoutSeconds": ("integer", "End the list or watch after this many seconds."),
    "watch": ("boolean", "Stream changes to the listed objects instead of listing them."),
}
LIST_OPTIONS = (
    "allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion",
    "resourceVersionMatch", "sendInitialEvents", "shardSelector", "timeoutSeconds", "watch",
)  # fmt: skip
WRITE_OPTIONS = ("dryRun", "fieldManager", "fieldValidation")
DELETE_PARAMS = ("dryRun", "gracePeriodSeconds", "ignoreStoreReadErrorWithClusterBreakingPotential", "orphanDependents", "propagationPolicy")
# action -> (query parameters, verb of operationIds and descriptions)
ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "list": (LIST_OPTIONS, "list"),
    "post": (WRITE_OPTIONS, "create"),
    "deletecollection": (LIST_OPTIONS, "delete"),
    "get": (("resourceVersion",), "read"),
    "put": (WRITE_OPTIONS, "replace"),
    "delete": (DELETE_PARAMS, "delete"),
    "patch": (WRITE_OPTIONS + ("force",), "patch"),
}
JSON_MEDIA = ["application/json", "application/yaml"]
PATCH_MEDIA = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]


@dataclass(frozen=True)
class ManifestFile:
    path: str  # to read and to report
    name: str  # in kgen.lock: the file's path from the --crd argument that named it
    raw: bytes


@dataclass
class _Version:
    name: str
    index: int
    schema: Any
    status: bool
    scale: bool


@dataclass
class _Crd:
    file: ManifestFile
    line: int | None
    base: str  # pointer of the CRD in its document ("" or /items/N)
    group: str
    kind: str
    list_kind: str
    plural: str
    namespaced: bool
    versions: list[_Version]

    def where(self, pointer: str) -> tuple[str, int | None, str]:
        return self.file.path, self.line, self.base + pointer


@dataclass
class Published:
    """What the manifests add to a document, and where each added part came from."""

    definitions: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, Any] = field(default_factory=dict)
    origins: Origins = field(default_factory=Origins)
    warnings: list[Diagnostic] = field(default_factory=list)


# -- reading --------------------------------------------------------------------------------
def find_manifests(arguments: Sequence[str], limits: Limits = Limits()) -> list[ManifestFile]:
    """The files --crd names: files as given, directories by their .yaml, .yml and .json files (recursively)."""
    found: dict[Path, ManifestFile] = {}
    problems: list[Diagnostic] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files = sorted((p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()), key=lambda p: p.as_posix())
            if not files:
                problems.append(Diagnostic(Level.ERROR, "no .yaml, .yml or .json files in this directory", source=argument, hint="check the path given to --crd"))
            named = [(p, f"{path.resolve().name}/{p.relative_to(path).as_posix()}") for p in files]
        elif path.is_file():
            named = [(path, path.name)]
        else:
            problems.append(Diagnostic(Level.ERROR, "no such file or directory", source=argument, hint="check the path given to --crd"))
            continue
        for file, name in named:
            if file.resolve() not in found:
                found[file.resolve()] = ManifestFile(str(file), name, read_bytes(str(file), limits)[1])
    if problems:
        raise KgenError(problems)
    return list(found.values())


def publish(files: Sequence[ManifestFile], base: dict[str, Any], base_source: str, limits: Limits = Limits()) -> Published:
    """The definitions and paths of every served CRD version, checked against `base` (the document they join)."""
    problems: list[Diagnostic] = []
    published = Published()
    crds: list[_Crd] = []
    for file in files:
        crds.extend(_read(file, limits, problems, published.warnings))
    library = _ParameterLibrary(base)
    base_definitions = _mapping(base.get("definitions"))
    owners: dict[str, _Crd] = {}
    for crd in crds:
        for version in crd.versions:
            name = f"{_reversed(crd.group)}.{version.name}.{crd.kind}"
            clash = owners.get(name)
            if clash is not None or name in base_definitions:
                other = clash.file.path if clash is not None else base_source
                source, line, pointer = crd.where(child("/spec/versions", version.index))
                hint = "give each CRD once" if clash is not None else "leave out the manifest of a CRD the document already has"
                problems.append(Diagnostic(Level.ERROR, f"{crd.group}/{version.name} {crd.kind} is also defined by {other}", pointer, hint, source, line))
                continue
            owners[name] = crd
            schema_pointer = child("/spec/versions", version.index, "schema", "openAPIV3Schema")
            definition = _resource_definition(crd, version, _Converter(crd, problems).convert(version.schema, schema_pointer))
            _publish_version(crd, version, definition, library, published)
    if problems:
        raise KgenError(problems)
    return published


def _read(file: ManifestFile, limits: Limits, problems: list[Diagnostic], warnings: list[Diagnostic]) -> Iterator[_Crd]:
    documents = parse_documents(file.raw, file.path, limits)
    skipped: dict[str, int] = {}
    several = len(documents) > 1
    for line, data in documents:
        if data is None:
            continue
        entries = [("", data)]
        if isinstance(data, dict) and data.get("kind") in LIST_KINDS and isinstance(data.get("items"), list):
            entries = [(child("/items", i), item) for i, item in enumerate(data["items"])]
        for base, entry in entries:
            kind = entry.get("kind") if isinstance(entry, dict) else None
            if kind not in KINDS:
                skipped[str(kind)] = skipped.get(str(kind), 0) + 1
                continue
            crd = _CrdReader(file, line if several else None, base, problems).read(entry)
            if crd is not None:
                yield crd
    if skipped:
        count = sum(skipped.values())
        kinds = ", ".join(sorted(skipped))
        what = f"{count} documents that are not CustomResourceDefinitions" if count > 1 else "a document that is not a CustomResourceDefinition"
        warnings.append(Diagnostic(Level.WARNING, f"skipped {what} ({kinds})", source=file.path, hint="--crd reads CustomResourceDefinition manifests", kind="input"))


class _CrdReader:
    """Checks one CustomResourceDefinition document, reporting every problem in it."""

    def __init__(self, file: ManifestFile, line: int | None, base: str, problems: list[Diagnostic]):
        self.file, self.line, self.base, self.problems = file, line, base, problems

    def problem(self, pointer: str, message: str, hint: str) -> None:
        self.problems.append(Diagnostic(Level.ERROR, message, self.base + pointer, hint, self.file.path, self.line))

    def text(self, node: Any, key: str, pointer: str, pattern: re.Pattern[str], hint: str, default: str | None = None) -> str | None:
        value = node.get(key, default) if isinstance(node, dict) else None
        if not isinstance(value, str) or not pattern.fullmatch(value):  # fullmatch: `$` would let a trailing newline through
            found = "missing" if value is None else f"{value!r} is not valid"
            self.problem(child(pointer, key), f"{key}: {found}", hint)
            return None
        return value

    def read(self, doc: dict[str, Any]) -> _Crd | None:
        errors = len(self.problems)
        if doc.get("apiVersion") != API_VERSION:
            hint = "convert it to apiextensions.k8s.io/v1 (v1beta1 was removed in Kubernetes 1.22)"
            self.problem("/apiVersion", f"apiVersion {doc.get('apiVersion')!r} is not {API_VERSION!r}", hint)
            return None
        spec = doc.get("spec")
        if not isinstance(spec, dict):
            self.problem("/spec", "a CustomResourceDefinition needs a spec mapping", "add spec with group, names, scope and versions")
            return None
        names = _mapping(spec.get("names"))
        group = self.text(spec, "group", "/spec", _DNS_SUBDOMAIN, "a lower-case DNS name, such as example.com")
        kind = self.text(names, "kind", "/spec/names", _KIND, "a CamelCase name of letters and digits")
        plural = self.text(names, "plural", "/spec/names", _DNS_LABEL, "lower-case letters, digits and dashes")
        list_kind = self.text(names, "listKind", "/spec/names", _KIND, "a CamelCase name of letters and digits", f"{kind}List")
        scope = spec.get("scope")
        if scope not in ("Namespaced", "Cluster"):
            self.problem("/spec/scope", f"scope {scope!r} is neither 'Namespaced' nor 'Cluster'", "set scope: Namespaced or scope: Cluster")
        versions = self.versions(spec.get("versions"))
        if len(self.problems) > errors or None in (group, kind, plural, list_kind):
            return None
        assert group is not None and kind is not None and plural is not None and list_kind is not None
        return _Crd(self.file, self.line, self.base, group, kind, list_kind, plural, scope == "Namespaced", versions)

    def versions(self, value: Any) -> list[_Version]:
        if not isinstance(value, list) or not value:
            self.problem("/spec/versions", "versions must be a non-empty list", "list the versions, each with name, served, storage and schema")
            return []
        versions = []
        for index, entry in enumerate(value):
            pointer = child("/spec/versions", index)
            if not isinstance(entry, dict):
                self.problem(pointer, "a version must be a mapping", "give name, served, storage and schema")
                continue
            name = self.text(entry, "name", pointer, _DNS_LABEL, "a version such as v1 or v1beta1")
            if entry.get("served") is not True:
                continue  # the apiserver publishes served versions only
            schema = entry.get("schema", {}).get("openAPIV3Schema") if isinstance(entry.get("schema"), dict) else None
            if not isinstance(schema, dict):
                self.problem(child(pointer, "schema"), "a served version needs schema.openAPIV3Schema", "add the version's OpenAPI v3 schema")
                continue
            subresources = _mapping(entry.get("subresources"))
            if name is not None:
                versions.append(_Version(name, index, schema, "status" in subresources, "scale" in subresources))
        return versions


_Pending = tuple[dict[str, Any], str, dict[str, Any]]  # a v3 schema node, its pointer, the v2 node it becomes


class _Converter:
    """A CRD's OpenAPI v3 schema as a Swagger 2.0 schema, keeping what v2 can hold (see the module docstring)."""

    def __init__(self, crd: _Crd, problems: list[Diagnostic]):
        self.crd, self.problems = crd, problems

    def convert(self, schema: dict[str, Any], pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        stack: list[_Pending] = [(schema, pointer, result)]
        while stack:  # iterative: schemas may nest deeply
            node, at, out = stack.pop()
            for key, value in node.items():
                if (key in KEPT or key.startswith("x-")) and value != []:  # Swagger 2.0 wants lists such as required non-empty
                    out[key] = value
            if node.get("nullable") is True:
                out["x-nullable"] = True
            stype = node.get("type")
            if stype is not None and (not isinstance(stype, str) or stype not in SCHEMA_TYPES):
                self.problem(child(at, "type"), f"unknown type {stype!r}", "use string, number, integer, boolean, array or object")
            if node.get("x-kubernetes-preserve-unknown-fields") is True:
                continue  # it holds any fields: the known ones are not its type
            for key in ("properties", "items", "additionalProperties"):
                self.children(node, key, at, out, stack)
            if node.get("x-kubernetes-embedded-resource") is True:
                _embed(out)
        return result

    def children(self, node: dict[str, Any], key: str, at: str, out: dict[str, Any], stack: list[_Pending]) -> None:
        value = node.get(key)
        if value is None or isinstance(value, bool) and key == "additionalProperties":
            if value is not None:
                out[key] = value
            return
        if key == "properties":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                self.problem(child(at, key), "properties must map names to schemas", "write each property as a schema")
                return
            out[key] = {}
            for name, sub in value.items():
                out[key][name] = {}
                stack.append((sub, child(at, key, name), out[key][name]))
        elif isinstance(value, dict):
            out[key] = {}
            stack.append((value, child(at, key), out[key]))
        else:
            self.problem(child(at, key), f"{key} must be a schema", f"write {key} as one schema")

    def problem(self, pointer: str, message: str, hint: str) -> None:
        source, line, where = self.crd.where(pointer)
        self.problems.append(Diagnostic(Level.ERROR, message, where, hint, source, line))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _embed(schema: dict[str, Any]) -> None:
    """An embedded resource gets apiVersion, kind and metadata, as the apiserver adds them."""
    properties = schema.setdefault("properties", {})
    properties.setdefault("apiVersion", {"description": "The API group and version of the embedded object.", "type": "string"})
    properties.setdefault("kind", {"description": "The kind of the embedded object.", "type": "string"})
    properties["metadata"] = {"$ref": DEFINITIONS + OBJECT_META, "description": "Standard object metadata."}
    required = schema.setdefault("required", [])
    required.extend(k for k in ("kind", "apiVersion") if k not in required)


# -- publishing -------------------------------------------------------------------------------
def _reversed(group: str) -> str:
    """cert-manager.io -> io.cert-manager: how the apiserver names CRD definitions."""
    return ".".join(reversed(group.split(".")))


def _group_words(group: str) -> list[str]:
    return [w for w in re.split(r"[.-]", group.removesuffix(".k8s.io")) if w]


def operation_prefix(group: str, version: str) -> str:
    """What the apiserver puts after the verb of an operationId: cert-manager.io, v1 -> CertManagerIoV1."""
    return "".join(w[:1].upper() + w[1:] for w in _group_words(group)) + version[:1].upper() + version[1:]


def tag(group: str, version: str) -> str:
    camel = "".join(w[:1].upper() + w[1:] for w in _group_words(group))
    return f"{camel[:1].lower()}{camel[1:]}_{version}"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": DEFINITIONS + name}


def _resource_definition(crd: _Crd, version: _Version, schema: dict[str, Any]) -> dict[str, Any]:
    definition = dict(schema)
    definition["type"] = "object"
    if schema.get("x-kubernetes-preserve-unknown-fields") is not True:
        properties = definition.setdefault("properties", {})
        properties.setdefault("apiVersion", {"description": "The API group and version of this object.", "type": "string"})
        properties.setdefault("kind", {"description": "The kind of this object.", "type": "string"})
        properties["metadata"] = {"$ref": DEFINITIONS + OBJECT_META, "description": "Standard object metadata."}
    definition["x-kubernetes-group-version-kind"] = [{"group": crd.group, "kind": crd.kind, "version": version.name}]
    return definition


def _list_definition(crd: _Crd, version: _Version, item: str) -> dict[str, Any]:
    return {
        "description": f"A list of {crd.kind} objects.",
        "properties": {
            "apiVersion": {"description": "The API group and version of this list.", "type": "string"},
            "items": {"description": f"The {crd.plural}.", "items": _ref(item), "type": "array"},
            "kind": {"description": "The kind of this list.", "type": "string"},
            "metadata": {"$ref": DEFINITIONS + LIST_META, "description": "Standard list metadata."},
        },
        "required": ["items"],
        "type": "object",
        "x-kubernetes-group-version-kind": [{"group": crd.group, "kind": crd.list_kind, "version": version.name}],
    }


def _publish_version(crd: _Crd, version: _Version, definition: dict[str, Any], library: _ParameterLibrary, out: Published) -> None:
    prefix = _reversed(crd.group) + "." + version.name
    item, listed = f"{prefix}.{crd.kind}", f"{prefix}.{crd.list_kind}"
    source, line, pointer = crd.where(child("/spec/versions", version.index))
    out.definitions[item] = definition
    out.origins.add("definitions", item, Origin(source, pointer + "/schema/openAPIV3Schema", line, lenient=True))
    out.definitions[listed] = _list_definition(crd, version, item)
    out.origins.add("definitions", listed, Origin(source, crd.base + "/spec/names", line, lenient=True))
    routes = _Routes(crd, version, item, listed, library)
    for path, path_item in routes.paths().items():
        out.paths[path] = path_item
        out.origins.add("paths", path, Origin(source, pointer, line, lenient=True))


class _Routes:
    """The apiserver's routes for one CRD version (k8s.io/apiextensions-apiserver's openapi builder)."""

    def __init__(self, crd: _Crd, version: _Version, item: str, listed: str, library: _ParameterLibrary):
        self.crd, self.version, self.item, self.listed, self.library = crd, version, item, listed, library
        self.prefix = operation_prefix(crd.group, version.name)

    def paths(self) -> dict[str, Any]:
        crd = self.crd
        root = f"/apis/{crd.group}/{self.version.name}"
        paths: dict[str, Any] = {}
        collection = f"{root}/{crd.plural}"
        if crd.namespaced:
            paths[collection] = {"get": self.operation("list", "", self.listed, across_namespaces=True), **self.shared("", in_namespace=False)}
            collection = f"{root}/namespaces/{{namespace}}/{crd.plural}"
        paths[collection] = {
            "delete": self.operation("deletecollection", "", STATUS),
            "get": self.operation("list", "", self.listed),
            "post": self.operation("post", "", self.item),
            **self.shared(""),
        }
        paths[collection + "/{name}"] = {
            "delete": self.operation("delete", "", STATUS),
            "get": self.operation("get", "", self.item),
            "patch": self.operation("patch", "", self.item),
            "put": self.operation("put", "", self.item),
            **self.shared("/{name}"),
        }
        for sub, enabled, model in (("status", self.version.status, self.item), ("scale", self.version.scale, SCALE)):
            if enabled:
                paths[f"{collection}/{{name}}/{sub}"] = {
                    "get": self.operation("get", sub, model),
                    "patch": self.operation("patch", sub, model),
                    "put": self.operation("put", sub, model),
                    **self.shared("/{name}"),
                }
        return paths

    def shared(self, tail: str, in_namespace: bool = True) -> dict[str, Any]:
        """The path item's parameters: name and namespace where the path has them, and pretty."""
        params = []
        if tail:
            params.append({"description": f"name of the {self.crd.kind}", "in": "path", "name": "name", "required": True, "type": "string"})
        if self.crd.namespaced and in_namespace:
            params.append(self.library.parameter(None, "namespace", ("string", "The object's namespace."), "path"))
        params.append(self.library.parameter(None, "pretty", QUERY["pretty"]))
        return {"parameters": params}

    def operation(self, action: str, sub: str, returns: str, across_namespaces: bool = False) -> dict[str, Any]:
        crd = self.crd
        names, verb = ACTIONS[action]
        scope = "" if across_namespaces or not crd.namespaced else "Namespaced"
        collection = "Collection" if action == "deletecollection" else ""
        op_id = f"{verb}{self.prefix}{collection}{scope}{crd.kind}{sub[:1].upper()}{sub[1:]}"
        if across_namespaces:
            op_id += "ForAllNamespaces"
        params: list[dict[str, Any]] = []
        body = {"post": self.item, "put": returns, "patch": PATCH, "delete": DELETE_OPTIONS}.get(action)
        if body is not None:
            params.append({"in": "body", "name": "body", "schema": _ref(body), **({} if action == "delete" else {"required": True})})
        params += [self.library.parameter(action, name, QUERY[name]) for name in names if self.library.knows(name)]
        codes = {"post": ("200", "201", "202"), "put": ("200", "201"), "delete": ("200", "202")}.get(action, ("200",))
        responses: dict[str, Any] = {code: {"description": _STATUS_TEXT[code], "schema": _ref(returns)} for code in codes}
        responses["401"] = {"description": "Unauthorized"}
        return {
            "consumes": PATCH_MEDIA if action == "patch" else JSON_MEDIA,
            "description": _description(verb, action, sub, crd.kind),
            "operationId": op_id,
            "parameters": params,
            "produces": JSON_MEDIA,
            "responses": responses,
            "schemes": ["https"],
            "tags": [tag(crd.group, self.version.name)],
            "x-kubernetes-action": action,
            "x-kubernetes-group-version-kind": {"group": crd.group, "kind": crd.kind, "version": self.version.name},
        }


_STATUS_TEXT = {"200": "OK", "201": "Created", "202": "Accepted"}


def _description(verb: str, action: str, sub: str, kind: str) -> str:
    of = f" {sub} of" if sub else ""
    if action == "deletecollection":
        return f"delete collection of {kind}"
    if action == "list":
        return f"list objects of kind {kind}"
    if action in ("post", "delete"):
        return f"{verb}{of} {'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"
    if action == "patch":
        return f"partially update{of} the specified {kind}"
    return f"{verb}{of} the specified {kind}"


class _ParameterLibrary:
    """The parameters of the document the CRDs join, by action and name, so that CRD routes describe them alike.

    A parameter the document's operations never take (an older server's) is left out of the CRD routes too;
    a document without operations (CRD manifests alone) takes them all, described by QUERY.
    """

    def __init__(self, document: dict[str, Any]):
        self.by_action: dict[tuple[str | None, str, str], dict[str, Any]] = {}
        shared, paths = _mapping(document.get("parameters")), _mapping(document.get("paths"))
        self.any_operations = False
        for path in sorted(paths):
            item = _mapping(paths[path])
            common = [self._resolve(p, shared) for p in item.get("parameters") or [] if isinstance(p, dict)]
            for method in sorted(k for k in item if k != "parameters"):
                op = item[method]
                action = op.get("x-kubernetes-action") if isinstance(op, dict) else None
                if not isinstance(action, str):
                    continue
                self.any_operations = True
                for param in common + [self._resolve(p, shared) for p in op.get("parameters") or [] if isinstance(p, dict)]:
                    if isinstance(param.get("name"), str) and param.get("in") in ("query", "path"):
                        self.by_action.setdefault((action, param["in"], param["name"]), param)
                        self.by_action.setdefault((None, param["in"], param["name"]), param)

    @staticmethod
    def _resolve(param: dict[str, Any], shared: dict[str, Any]) -> dict[str, Any]:
        ref = param.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/parameters/"):
            found = shared.get(ref[len("#/parameters/") :])
            return found if isinstance(found, dict) else {}
        return param

    def knows(self, name: str) -> bool:
        return not self.any_operations or (None, "query", name) in self.by_action

    def parameter(self, action: str | None, name: str, fallback: tuple[str, str], location: str = "query") -> dict[str, Any]:
        ptype, description = fallback
        found = self.by_action.get((action, location, name)) or self.by_action.get((None, location, name)) or {}
        text = found.get("description") if isinstance(found.get("description"), str) else description
        param = {"description": text, "in": location, "name": name, "type": ptype}
        if location == "path":
            param["required"] = True
        return param


def required_definitions(published: Published) -> set[str]:
    """The definitions of other documents that the published parts refer to."""
    return set(references([published.definitions, published.paths])) - set(published.definitions)


def references(node: Any) -> list[str]:
    """The definitions `$ref`s anywhere in a JSON value name."""
    found: list[str] = []
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(DEFINITIONS):
                found.append(ref[len(DEFINITIONS) :])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found
