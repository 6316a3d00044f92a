"""openapi-spec-validator, run beside IR building and rendering, its verdict cached by the spec's hash and by unit.

Validating a cluster's document costs tens of seconds in one process: the
validator checks the whole document against the Swagger 2.0 schema, then
walks every path and what it references, keeping what it visited in lists
(quadratic in the schemas it saw). kgen splits the document into units (the
frame, each namespace of definitions, each API's paths), validates each unit
once, in one process per core that takes the next unit until none is left
(on Linux, one worker imports the validator and trims the document, then
forks the others, which inherit that work and die with it), and caches each
unit's verdict by the content it depends on: a cluster's built-in Kubernetes
part is answered from the cache once any document with it was validated on
the machine. It waits only before writing. The validator raises on some
broken input instead of reporting it (dangling references); kgen's own checks
catch those first, and any exception becomes a diagnostic.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import json
import multiprocessing
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from multiprocessing.connection import Connection
from typing import Any

from kgen import collector, forking
from kgen.cache import Cache
from kgen.diagnostics import Diagnostic, Level, node_at, pointer, pointer_tokens, reference_tokens
from kgen.sources import metaschemas, speedups
from kgen.spec.model import zero_default_outside_enum

Problem = tuple[list[str], str]

RULES = "11"  # what kgen leaves to the validator (see _drop_what_kgen_reads), the units, where problems are, how YAML is read; part of the cache keys
# What the validator reports that kgen's own parser already reports, with --lenient handling.
ALREADY_REPORTED = {(("info",), "'version' is a required property"), (("info",), "'title' is a required property"), ((), "'info' is a required property")} | {
    (("swagger",), message) for number in ("2", "2.0") for message in (f"{number} is not of type 'string'", f"{number} is not one of ['2.0']")
}  # kgen.spec.parse says it of an unquoted 2.0
ALREADY_REPORTED_TEXT = re.compile(r"Operation ID '.*' for '.*' in '.*' is not unique|Path parameter '.*' for '.*' operation in '.*' was not resolved")
READ_AS_TEXT = {("info", "version")}  # where kgen.spec.parse reads a number as its text, and says so

# jsonschema's words for keys an object may not have: "'example' does not match any of the regexes: '^x-'".
_UNEXPECTED = re.compile(r"^(.*) (?:does|do) not match any of the regexes: '\^x-'$", re.S)
ECHO_LIMIT = 80  # characters of a value a message repeats: a whole schema given where a boolean is wanted is not printed
VALIDATION_TIMEOUT = 120.0  # seconds; far above a cluster's document (benchmarks/generate.py --scale times validation alone)
OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch")  # a path item's operations in Swagger 2.0
_DOCUMENT: Any = None  # the document forked workers read, instead of receiving a copy
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


@functools.cache
def _validator_version() -> str:
    try:
        return metadata.version("openapi-spec-validator")
    except metadata.PackageNotFoundError:
        return "unknown"


def validate_document(data: Any) -> list[Problem]:
    """(path, message) for each problem the validator reports: against the Swagger 2.0 schema, then its walk."""

    def everything() -> Iterator[Any]:  # what the validator's iter_errors yields, without its copies of each error
        validator = _validator(data)
        yield from validator.schema_validator.iter_errors(validator.schema)
        yield from validator.root_validator(validator.schema_path)

    return _errors(everything)


def walk_paths(data: Any, quiet: Callable[[Any], bool] = lambda schema: False) -> list[Problem]:
    """What the validator checks beyond the Swagger 2.0 schema (parameters, defaults against their schemas, path
    templates), on the document's paths and what they reference; not inside the schemas that are `quiet` (see Quiet)."""

    def walk() -> Iterator[Any]:
        validator = _validator(data, quiet)
        yield from validator.root_validator(validator.schema_path)

    return _errors(walk)


def _validator(data: Any, quiet: Callable[[Any], bool] = lambda schema: False) -> Any:  # noqa: ANN401 - a class the library defines, made here
    """openapi-spec-validator's Swagger 2.0 validator of `data`, whose walk skips the inside of `quiet` schemas and
    locates each error it finds in the document (`_locating`)."""
    from openapi_spec_validator import OpenAPIV2SpecValidator
    from openapi_spec_validator.validation.keywords import OpenAPIV30SchemaValidator

    class Schemas(OpenAPIV30SchemaValidator):
        def __call__(self, schema: Any, require_properties: bool = True, meta_checked: bool = False) -> Iterator[Any]:
            value = schema.read_value()
            assert self.meta_checked_schema_ids is not None
            if not quiet(value):
                yield from super().__call__(schema, require_properties, meta_checked)
            elif not meta_checked and id(value) not in self.meta_checked_schema_ids:
                self.meta_checked_schema_ids.append(id(value))  # a root: the walk checks it against the OpenAPI schema
                error = self._validate_schema_meta(schema, value)
                if error is not None:
                    yield error

        def _get_schema_checker(self, schema: Any, schema_value: Any) -> Callable[[Any], None]:
            return metaschemas.schema_checker(self.schema_validator_cls)

    class Walk(OpenAPIV2SpecValidator):
        keyword_validators = {
            name: _locating(validator, data, ("default",) if name == "default" else ())
            for name, validator in {**OpenAPIV2SpecValidator.keyword_validators, "schema": Schemas}.items()
        }

    return Walk(data)


class Quiet:
    """Whether the validator's walk finds nothing in a schema of `data`, whatever it is given: no `default` or
    `allOf` (what it checks in a schema), and only such schemas where it goes on (a `$ref`'s target, the schemas
    of items, properties, anyOf, oneOf and not). Most of a cluster's CRD schemas: the walk then checks only their
    roots against the OpenAPI schema, instead of reading every nested schema through its path objects.

    A schema on a cycle of references is never quiet (walked as before); nor is anything the walk would reject,
    nor a `$ref` itself (the walk reads its target). Each schema is judged once, when the walk first meets it.
    """

    def __init__(self, data: Any):
        self.data = data
        self.verdicts: dict[int, bool] = {}

    def __call__(self, schema: Any) -> bool:
        return isinstance(schema, dict) and "$ref" not in schema and self._quiet(schema)

    def _quiet(self, node: Any) -> bool:
        while isinstance(node, dict) and "$ref" in node:  # the walk reads a reference as its target
            target = _referenced(self.data, node["$ref"])
            if target is None:
                return False
            node = target[1]
        if not isinstance(node, dict):
            return False
        key = id(node)
        if key in self.verdicts:
            return self.verdicts[key]
        self.verdicts[key] = False  # until known: a cycle back here is not quiet
        verdict = "default" not in node and "allOf" not in node and all(self._quiet(child) for child in _walked(node))
        self.verdicts[key] = verdict
        return verdict


def _walked(schema: dict[str, Any]) -> Iterator[Any]:
    """The schemas inside `schema` that the validator's walk goes on to (its SchemaValidator's keywords)."""
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            yield from schema[keyword] if isinstance(schema[keyword], list) else [None]
    for keyword in ("not", "items"):
        if keyword in schema:
            yield schema[keyword]
    if "properties" in schema:
        yield from schema["properties"].values() if isinstance(schema["properties"], dict) else [None]


def _locating(validator: type[Any], data: Any, suffix: tuple[str, ...]) -> type[Any]:
    """`validator` (a keyword validator of the walk) whose errors say where in the document they are: at the path
    object it was called with (and `suffix`: a default value's errors are about the value). The validator's own
    path of an error starts there, not at the document's root; the innermost validator that yields it says, once."""

    class Locating(validator):  # type: ignore[misc]
        def __call__(self, *arguments: Any, **keywords: Any) -> Iterator[Any]:
            at = next((a.parts for a in arguments if hasattr(a, "parts")), None)
            for error in super().__call__(*arguments, **keywords):
                if at is not None and getattr(error, "kgen_at", None) is None:
                    error.kgen_at = _location(data, (*at, *suffix))
                yield error

    return Locating


def _location(data: Any, parts: Iterable[Any]) -> list[str]:
    """The document path of the node at `parts` (a path the walk took through references), each local reference
    on the way followed to its definition: where the user fixes what is found there. [] if the path leads nowhere."""
    location: list[str] = []
    node = data
    for part in (*parts, None):
        while isinstance(node, dict) and "$ref" in node and (target := _referenced(data, node["$ref"])) is not None:
            location, node = list(target[0]), target[1]
        if part is None:
            return location
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and str(part).isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return []
        location.append(str(part))
    return location


def _errors(errors: Callable[..., Iterable[Any]], *arguments: Any) -> list[Problem]:
    """(path, message) for each error of `errors(*arguments)`; an exception the validator raises is one more."""
    problems: list[Problem] = []
    try:
        for error in errors(*arguments):
            at = getattr(error, "kgen_at", None) or []
            error = _most_specific(error)
            path = [*at, *(str(p) for p in getattr(error, "absolute_path", ()))]
            keys = _unexpected(error)
            if keys is None:
                problems.append((path, _capped(str(error.message), error)))
            else:
                problems.extend(([*path, key], f"unexpected {key!r}: Swagger 2.0 allows only its own keys and x- extensions here") for key in keys)
    except Exception as exc:  # noqa: BLE001 - the validator raises on some invalid input
        problems.append(([], f"the validator could not check this document: {type(exc).__name__}: {exc}"))
    return problems


def _unexpected(error: Any) -> list[str] | None:
    """The keys an object may not have, each reported at its own pointer, when that is the error; else None."""
    if error.validator != "additionalProperties" or not _UNEXPECTED.match(str(error.message)) or not isinstance(error.instance, dict):
        return None
    schema = error.schema if isinstance(error.schema, dict) else {}
    known, patterns = schema.get("properties") or {}, schema.get("patternProperties") or {}
    return [key for key in error.instance if key not in known and not any(re.search(p, key) for p in patterns)] or None


def _capped(message: str, error: Any) -> str:
    """The message with each long value it repeats (the instance, or the schema's value) cut to ECHO_LIMIT characters."""
    if len(message) <= ECHO_LIMIT:
        return message
    for value in (error.instance, error.validator_value):
        text = repr(value)
        if len(text) > ECHO_LIMIT:
            message = message.replace(text, text[: ECHO_LIMIT - 1] + "…")
    return message


def _most_specific(error: Any) -> Any:
    """For "not valid under any of the given schemas", the sub-error that explains it best, in the branch meant.

    Swagger's schema offers most objects or a Reference, and tells its other branches apart by a key's value (a
    parameter's `in`, a response schema's `type: file`). A branch the object is not meant for says nothing useful:
    one that needs `$ref`, one whose telling key has another value ("'query' is not one of ['body']"), or one
    that wants another JSON type (a schema given to `additionalProperties` is "not of type 'boolean'"). What is
    wrong is in the branch left (an unexpected key, a missing `required`), which may itself be a choice of branches.
    """
    context = getattr(error, "context", None)
    if not context:
        return error
    from jsonschema.exceptions import best_match, relevance

    def unmeant(e: Any) -> bool:
        reference = e.validator == "required" and e.validator_value == ["$ref"]
        told_apart = e.validator == "enum" and len(e.relative_path) == 1
        other_type = e.validator == "type" and not e.relative_path
        return bool(e.relative_schema_path) and (reference or told_apart or other_type)

    other = {e.relative_schema_path[0] for e in context if unmeant(e)}
    meant = [e for e in context if not e.relative_schema_path or e.relative_schema_path[0] not in other]
    if not meant:
        return best_match(context) or error
    return _most_specific(max(meant, key=relevance))  # not best_match: it would descend into every branch again


@dataclass(frozen=True)
class Unit:
    """A part of the document validated, and cached, on its own: the document's frame, a namespace of definitions
    (io.k8s.api.core.v1), the paths of one API (/apis/apps/v1), or the path items that paths reference elsewhere."""

    section: str  # "document", "definitions", "paths" or "path items" (keys: their pointers)
    keys: tuple[str, ...] = ()


def units(data: Any) -> list[Unit]:
    """The document's units, those with the most entries first (so that the workers sharing them finish together)."""
    found = [Unit("document")]
    for section, group in (("definitions", _namespace), ("paths", _api)):
        entries = data.get(section) if isinstance(data, dict) else None
        if isinstance(entries, dict):
            grouped: dict[str, list[str]] = {}
            for key in entries:
                grouped.setdefault(group(key), []).append(key)
            found += [Unit(section, tuple(keys)) for _, keys in sorted(grouped.items())]
    referenced = _path_items_referenced(data)
    if referenced:
        found.append(Unit("path items", referenced))
    return sorted(found, key=lambda unit: -len(unit.keys))


def _path_items_referenced(data: Any) -> tuple[str, ...]:
    """The pointers of the path items outside the document's paths that path item references name (and those
    that theirs name, in turn). References into the paths were dropped: those are validated as paths."""
    paths = data.get("paths") if isinstance(data, dict) else None
    found: set[str] = set()
    todo = [item for item in paths.values() if isinstance(item, dict)] if isinstance(paths, dict) else []
    while todo:
        target = _referenced(data, todo.pop().get("$ref"))
        if target is not None and isinstance(target[1], dict) and pointer(*target[0]) not in found:
            found.add(pointer(*target[0]))
            todo.append(target[1])
    return tuple(sorted(found))


def _namespace(name: str) -> str:
    """io.k8s.api.core.v1.Pod -> io.k8s.api.core.v1; an undotted name -> "" (one unit for a document without namespaces)."""
    return name.rpartition(".")[0]


def _api(path: str) -> str:
    """/apis/apps/v1/deployments -> /apis/apps/v1, /api/v1/pods -> /api/v1, /pet/{petId} -> /pet."""
    segments = path.split("/")
    return "/".join(segments[: {"apis": 4, "api": 3}.get(segments[1] if len(segments) > 1 else "", 2)])


class UnitCheck:
    """Validates units of one document (already passed through _drop_what_kgen_reads), each answered from the cache
    when its content, with everything it references, was validated before: the built-in Kubernetes part of any
    cluster's document is validated once per machine (and version of the validator and of RULES)."""

    def __init__(self, data: Any, cache: Cache):
        self.data, self.cache = data, cache
        self.digests: dict[tuple[str, ...], str] = {}
        self.references: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self.parameters: dict[str, list[Problem]] = {}
        self.quiet = Quiet(data)  # shared by the units: each schema judged once

    def problems(self, unit: Unit) -> list[Problem]:
        key = self._key(unit)
        cached = self.cache.get(key)
        if cached is not None:
            return [(path, message) for path, message in json.loads(cached)]
        problems = self._validate(unit)
        self.cache.put(key, json.dumps(problems).encode())
        return problems

    def _validate(self, unit: Unit) -> list[Problem]:
        if unit.section == "document":
            return validate_document(self._frame())
        if unit.section == "definitions":
            entries = self.data["definitions"]
            schema = metaschemas.definition_validator("schema")
            checked = [key for key in unit.keys if not metaschemas.plain(entries[key], schema.format_checker)]
            return [(["definitions", key, *path], message) for key in checked for path, message in _errors(schema.iter_errors, entries[key])]
        places = self._places(unit)
        problems = [([*at, *path], message) for at in places.values() for path, message in self._path_item(node_at(self.data, at))]
        walked = walk_paths(dict(self.data, paths={key: _own(node_at(self.data, at)) for key, at in places.items()}), self.quiet)
        return problems + [(_placed(path, places), message) for path, message in walked]

    def _places(self, unit: Unit) -> dict[str, tuple[str, ...]]:
        """Where the path items of a unit of paths or of path items are written, by their keys in the unit."""
        return {key: ("paths", key) if unit.section == "paths" else tuple(pointer_tokens(key)) for key in unit.keys}

    def _path_item(self, item: Any) -> list[Problem]:
        """A path item against the Swagger 2.0 schema, each parameter checked once per distinct content: a cluster's
        operations repeat the same parameters hundreds of times, and the schema's oneOf makes each one cost."""
        if not isinstance(item, dict):
            return _errors(metaschemas.definition_validator("pathItem").iter_errors, item)
        stripped, lists = dict(item), []
        if isinstance(item.get("parameters"), list):
            stripped["parameters"] = []
            lists.append((["parameters"], item["parameters"]))
        for method in OPERATIONS:
            operation = item.get(method)
            if isinstance(operation, dict) and isinstance(operation.get("parameters"), list):
                stripped[method] = dict(operation, parameters=[])
                lists.append(([method, "parameters"], operation["parameters"]))
        problems = [] if metaschemas.plain_path_item(stripped) else _errors(metaschemas.definition_validator("pathItem").iter_errors, stripped)
        for where, parameters in lists:
            problems += [(where, message) for _, message in _errors(_unique_items().iter_errors, parameters)]
            for index, parameter in enumerate(parameters):
                problems += [([*where, str(index), *path], message) for path, message in self._parameter(parameter)]
        return problems

    def _parameter(self, parameter: Any) -> list[Problem]:
        """One entry of a parameters list, against the schema's parametersList: (path inside the entry, message)."""
        key = _canonical(parameter)
        if key not in self.parameters:
            listed = _errors(metaschemas.definition_validator("parametersList").iter_errors, [parameter])
            self.parameters[key] = [(path[1:], message) for path, message in listed]
        return self.parameters[key]

    def _frame(self) -> Any:
        """The document with every path item and definition left empty: its own keys and every other section checked."""
        if not isinstance(self.data, dict):
            return self.data
        return dict(self.data, **{
            section: {key: {} for key in self.data[section]}
            for section in ("definitions", "paths")
            if isinstance(self.data.get(section), dict)
        })

    def _key(self, unit: Unit) -> str:
        if unit.section == "document":
            parts: Any = hashlib.sha256(_canonical(self._frame()).encode()).hexdigest()
        elif unit.section == "definitions":
            parts = [self._digest(("definitions", key)) for key in unit.keys]
        else:
            parts = [self._digest(entry) for entry in self._closure(list(self._places(unit).values()))]
        identity = json.dumps([RULES, _validator_version(), unit.section, parts])
        return hashlib.sha256(identity.encode()).hexdigest()

    def _digest(self, entry: tuple[str, ...]) -> str:
        if entry not in self.digests:
            self.digests[entry] = hashlib.sha256(_canonical([*entry, node_at(self.data, entry)]).encode()).hexdigest()
        return self.digests[entry]

    def _closure(self, start: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """These entries (the pointer tokens of an entry, #/section/name, or of what a reference names) and every
        one they reference, directly or not, in a stable order."""
        seen, todo = set(start), list(start)
        while todo:
            for entry in self._refs(todo.pop()):
                if entry not in seen:
                    seen.add(entry)
                    todo.append(entry)
        return sorted(seen)

    def _refs(self, entry: tuple[str, ...]) -> list[tuple[str, ...]]:
        """What one entry references; references that do not resolve were dropped before."""
        if entry not in self.references:
            found, stack = [], [node_at(self.data, entry)]
            while stack:
                node = stack.pop()
                if isinstance(node, dict):
                    target = _referenced(self.data, node.get("$ref"))
                    if target is not None:
                        found.append(target[0])
                    stack.extend(node.values())
                elif isinstance(node, list):
                    stack.extend(node)
            self.references[entry] = found
        return self.references[entry]


def _own(item: Any) -> Any:
    """A path item without its `$ref`, which kgen reads itself: the validator would walk what it names instead of
    what is written beside it. What it names is validated where it is written (a path, or a unit of path items)."""
    return {key: value for key, value in item.items() if key != "$ref"} if isinstance(item, dict) else item


def _placed(path: list[str], places: dict[str, tuple[str, ...]]) -> list[str]:
    """A problem's path in the walked document (the unit's path items as paths) as where it is written."""
    if len(path) > 1 and path[0] == "paths" and path[1] in places:
        return [*places[path[1]], *path[2:]]
    return path


def _canonical(value: Any) -> str:
    """The content a cache key is made of, in document order (YAML keys that JSON cannot hold fall back to repr)."""
    try:
        return json.dumps(value, separators=(",", ":"), default=repr)
    except (TypeError, ValueError):
        return repr(value)


@functools.cache
def _unique_items() -> Any:
    """The uniqueItems rule of the Swagger 2.0 schema's parametersList, for a whole list."""
    from jsonschema import Draft4Validator

    return Draft4Validator({"uniqueItems": True})


def _worker(conn: Connection, taken: Any, data: Any = None, helpers: int = 0) -> None:
    """Runs in a child process, on its own copy of the document (forked or received): takes the next unit until none is left.

    It prepares the work once, then forks `helpers` processes that take units beside it: they inherit the
    validator imported and the document trimmed instead of each paying for it (half a second per process).
    """
    collector.in_worker()
    work = _Work(data if data is not None else _DOCUMENT)
    forked = [_helper(work, taken) for _ in range(helpers)]
    problems = work.run(taken)
    for pid, pipe in forked:
        try:
            problems.extend(pipe.recv())
        except EOFError:  # the helper died: so does this worker, and the parent reports a crash (nothing cached)
            os._exit(1)
        os.waitpid(pid, 0)
    conn.send(problems)
    conn.close()


class _Work:
    """A worker's validation, prepared before any helper forks: the validator imported, the document trimmed, its units."""

    def __init__(self, document: Any):
        speedups.install()
        import openapi_spec_validator.validation.keywords  # noqa: F401 - imported once, for the helpers too

        _drop_what_kgen_reads(document)
        self.todo, self.check = units(document), UnitCheck(document, Cache("validation"))

    def run(self, taken: Any) -> list[Problem]:
        problems: list[Problem] = []
        while (index := _take(taken)) < len(self.todo):
            problems.extend(self.check.problems(self.todo[index]))
        return problems


def _helper(work: _Work, taken: Any) -> tuple[int, Connection]:
    """A process forked from the worker that shares its units, and dies with it (killed at the deadline)."""
    worker = os.getpid()
    pid, pipe = forking.fork()
    if pid == 0:

        def problems() -> list[Problem]:
            _die_with(worker)
            return work.run(taken)

        forking.exit_with(pipe, problems)
    return pid, pipe


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (PR_SET_PDEATHSIG); exit if that already happened."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _take(taken: Any) -> int:
    with taken.get_lock():
        index = int(taken.value)
        taken.value += 1
    return index


def _drop_what_kgen_reads(data: Any) -> None:
    """Remove, in place, what kgen's parser reads itself (a quirk, an error unless --lenient, or a Swagger 2.0 rule
    openapi-spec-validator does not know), so that the validator checks the rest.

    Left in, the validator would only repeat kgen's report, often as a confusing error about another branch of
    a schema or against the wrong pointer, or stop altogether (an unresolvable `$ref`): patterns Python's re
    rejects, references that do not resolve in the document or point into its paths, JSON-Schema type arrays, tuple-style `items`
    (Swagger 2.0's own schema allows them), `type: file` response schemas (which Swagger 2.0 allows), `paths` null
    or missing, the extensions among the paths (the validator's walk takes `x-` keys for paths), and the zero-value
    defaults the apiserver writes outside an enum.
    """
    if isinstance(data, dict) and data.get("paths") is None:  # null or missing: a quirk
        data["paths"] = {}
    if isinstance(data, dict) and isinstance(data["paths"], dict):  # extensions: any value, which the validator's walk cannot take
        for key in [k for k in data["paths"] if isinstance(k, str) and k.startswith("x-")]:
            del data["paths"][key]
    _file_responses(data)
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            pattern = node.get("pattern")
            if isinstance(pattern, str) and not _compiles(pattern):
                del node["pattern"]
            if "$ref" in node and not _resolves(data, node["$ref"]):
                del node["$ref"]
            if isinstance(node.get("type"), list):
                del node["type"]
            if isinstance(node.get("items"), list):
                node["items"] = {"allOf": node["items"]}  # each part is still checked as a schema
            if zero_default_outside_enum(node):
                del node["default"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _resolves(data: Any, ref: Any) -> bool:
    """Whether a reference names a node of this document that the walk of every unit has: not one in its paths,
    which units hold in parts (kgen reads path item references itself, and refuses any other reference there)."""
    target = _referenced(data, ref)
    return target is not None and target[0][:1] != ("paths",)


def _referenced(data: Any, ref: Any) -> tuple[tuple[str, ...], Any] | None:
    """The pointer tokens of the node a reference names in this document (#/section/name, or deeper), and the
    node; None if it names none."""
    tokens = reference_tokens(ref) if isinstance(ref, str) else None
    if tokens is None:
        return None
    try:
        return tuple(tokens), node_at(data, tokens)
    except LookupError:
        return None


def _file_responses(data: Any) -> None:
    """`schema: {type: file}` of responses as a string, which every validator knows."""
    if not isinstance(data, dict):
        return
    containers = [data.get("responses")]
    for item in (data.get("paths") or {}).values() if isinstance(data.get("paths"), dict) else ():
        for operation in item.values() if isinstance(item, dict) else ():
            containers.append(operation.get("responses") if isinstance(operation, dict) else None)
    for responses in containers:
        for response in responses.values() if isinstance(responses, dict) else ():
            schema = response.get("schema") if isinstance(response, dict) else None
            if isinstance(schema, dict) and schema.get("type") == "file":
                schema["type"] = "string"


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


class Validation:
    """A validation running in the background (or answered from the cache), for at most `timeout` seconds.

    Validators can be made slow on purpose: checking `uniqueItems` on a list of
    mixed values is quadratic (an enum of 100,000), and defaults are matched
    against their own `pattern` (a catastrophic regular expression). The
    deadline bounds the run; past it, the validation is an error unless
    --lenient, which goes on with kgen's own checks alone.
    """

    def __init__(self, data: Any, sha256: str, source: str, lenient: bool, timeout: float = VALIDATION_TIMEOUT):
        self.source, self.lenient = source, lenient
        self.deadline = time.monotonic() + timeout
        self.timeout = timeout
        self.cache = Cache("validation")
        self.key = f"{sha256}-{_validator_version()}-{RULES}"
        cached = self.cache.get(self.key)
        self.problems: list[Problem] | None = json.loads(cached) if cached is not None else None
        self.workers: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
        if self.problems is None:
            self._start(data)

    def _start(self, data: Any) -> None:
        global _DOCUMENT
        context = start_context()
        fork = context.get_start_method() == "fork"
        taken = context.Value("q", 0)
        cores = max(1, os.cpu_count() or 1)
        extra: tuple[Any, ...]  # _worker's arguments after the pipe and the counter
        if fork and sys.platform.startswith("linux"):  # one worker forks the others, which die with it only there (_die_with)
            count, extra = 1, (None, cores - 1)
        else:  # forked workers read _DOCUMENT, spawned ones receive a copy
            count, extra = cores, () if fork else (data,)
        _DOCUMENT = data
        try:
            for _ in range(count):
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_worker, args=(send, taken, *extra), daemon=True)
                process.start()
                send.close()
                self.workers.append((process, receive))
        finally:
            _DOCUMENT = None

    def result(self) -> list[Diagnostic]:
        if self.problems is None:
            problems: list[Problem] = []
            complete = True
            for process, conn in self.workers:
                if not conn.poll(max(0.0, self.deadline - time.monotonic())):
                    self.cancel()
                    return [self._late()]
                try:
                    problems.extend(conn.recv())
                except EOFError:
                    process.join()
                    problems.append(([], f"the validator process ended unexpectedly (exit code {process.exitcode})"))
                    complete = False
                process.join()
            self.workers = []
            unique = {json.dumps(p): p for p in problems}  # document-level problems come from every part
            self.problems = [unique[k] for k in sorted(unique)]
            if complete:  # a crash says nothing about the document: ask again next time
                self.cache.put(self.key, json.dumps(self.problems).encode())
        # --lenient goes on past what only the validator finds (keys Swagger 2.0 does not define, such as
        # go-swagger's additionalItems): kgen reads what it knows and its own parser still stops on what it cannot
        level, hint = (Level.WARNING, "kgen ignored it; fix the document where the pointer shows") if self.lenient else (Level.ERROR, "fix the document where the pointer shows, or pass --lenient to go on with a warning")
        return [
            Diagnostic(level, f"validation: {message}", pointer(*path), hint, self.source, kind="validation")
            for path, message in self.problems
            if (tuple(path), message) not in ALREADY_REPORTED and not ALREADY_REPORTED_TEXT.fullmatch(message)
            and not (tuple(path) in READ_AS_TEXT and message.endswith(" is not of type 'string'"))
        ]

    def _late(self) -> Diagnostic:
        message = f"validation did not finish within {self.timeout:g} s (the limit set by --validation-timeout)"
        hint = "raise --validation-timeout if the document is trusted; validators are slow on huge enums of mixed values and on catastrophic patterns"
        if self.lenient:
            return Diagnostic(Level.WARNING, message + "; going on without it", "", hint, self.source, kind="validation")
        return Diagnostic(Level.ERROR, message, "", hint + ", or pass --lenient to go on without the validator", self.source)

    def cancel(self) -> None:
        for process, conn in self.workers:
            process.kill()
            process.join()
            conn.close()
        self.workers = []


def start_context() -> multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext:
    """fork where the platform has it (no re-import, no copy of the document), else spawn."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
