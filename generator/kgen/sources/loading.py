"""Read a document (JSON or YAML, a file or stdin) into plain JSON values, safely.

The input is untrusted: its size and nesting are bounded, YAML is read with
the C safe loader, YAML aliases are measured before the tree is built (they
let a small file expand into a huge tree) and copied where they are used,
and every parse error names the file, line and column.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from kgen.diagnostics import Diagnostic, KgenError, Level, pointer

_ESCAPED_SURROGATE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
STDIN = "-"

# Limits on what kgen reads (README, "Options and limits"). Real documents are far below them:
# Kubernetes 1.36 is 4 MB, 771 definitions, 1123 operations; a cluster with CRDs, 36 levels deep.
# Each CRD adds about 140 KB to the apiserver's /openapi/v2 (cert-manager's and Gateway API's 16 add 2.2 MB: the
# shared cluster-1.36-small-crds.json beside k8s-1.36.json):
# the byte limit leaves room for 900 of them, as many as a cluster with Crossplane's largest providers serves.
MAX_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 128  # JSON levels
ALIAS_EXPANSION = 10  # YAML aliases may stand for at most this many times the nodes a document writes (at least 1,000)
# --max-depth may not go beyond this: deeper schemas exhaust the validator's recursion, and the
# types they spell nest more brackets than Python's parser accepts (200).
MAX_DEPTH_CEILING = 150
MAX_DEFINITIONS = 20_000  # output grows with them: every definition is a class, every namespace a package
MAX_OPERATIONS = 20_000  # every operation is two methods, every tag a package


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_definitions: int = MAX_DEFINITIONS
    max_operations: int = MAX_OPERATIONS


@dataclass(frozen=True)
class Duplicate:
    """A key a YAML mapping repeats: the loader keeps its last value, and the earlier one is lost."""

    key: Any
    first: int  # the line of its first occurrence
    line: int  # and of this one
    column: int


@dataclass(frozen=True)
class Document:
    source: str  # the path as the user gave it, or "<stdin>"
    data: Any
    sha256: str
    duplicates: tuple[Duplicate, ...] = ()  # keys a YAML mapping repeats (JSON's are not looked for)


def duplicate_keys(doc: Document) -> list[Diagnostic]:
    """A warning for each key the document repeats: a value is lost (an operation, a property). Not an error: YAML
    loaders keep the last value, go-swagger's own fixtures repeat keys, and the document means that to its tools."""
    return [
        Diagnostic(
            Level.WARNING, f"duplicate key {d.key!r} (first at line {d.first}): the earlier value is lost", "",
            "remove or rename one of them: kgen used the last, as YAML loaders do", doc.source, d.line, d.column, kind="duplicate-key",
        )
        for d in doc.duplicates
    ]


class _JsonLoader(yaml.CSafeLoader):
    """The C safe loader, giving JSON values: what a plain scalar means is each subclass's resolvers' choice."""

    duplicates: list[Duplicate] | None = None  # where a document's repeated keys are noted (not a manifest's)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep)
        result = {_key_text(key): value for key, value in mapping.items()}
        if self.duplicates is not None and len(result) < len(node.value):  # a key repeats (200 and "200" are one)
            self._note_duplicates(self.duplicates, node)
        return result

    def _note_duplicates(self, duplicates: list[Duplicate], node: yaml.MappingNode) -> None:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node)
            if isinstance(key, (list, dict)) or key_node.tag == _MERGE:
                return  # an unhashable key (refused later) or a merge, whose keys may repeat
            text, line = _key_text(key), key_node.start_mark.line + 1
            if text in first:
                duplicates.append(Duplicate(text, first[text], line, key_node.start_mark.column + 1))
            else:
                first[text] = line

    def construct_bool(self, node: yaml.ScalarNode) -> bool:
        return str(node.value).lower() in ("y", "yes", "true", "on")  # of the words the loader's resolver matched

    def construct_not_json(self, node: yaml.ScalarNode) -> Any:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value} is not a JSON number (JSON cannot hold it, and kubectl refuses it); quote it to make it a string", node.start_mark
        )


class _DocumentLoader(_JsonLoader):
    """A Swagger document read as YAML 1.2's core schema, with mapping keys as written.

    That is what the Swagger Editor (js-yaml) shows its author, and OpenAPI's
    rule for YAML: keys are strings as the failsafe schema reads them. So a
    model's properties `x:`, `y:`, `no:` keep those names, and `enum: [Y, N]`
    stays two strings (YAML 1.1 and go-yaml make them booleans). A document's
    `200:` is the response code "200" either way.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                key_node.tag = "tag:yaml.org,2002:str"
        return super().construct_mapping(node, deep)

    def construct_number(self, node: yaml.ScalarNode) -> int | float:
        text = str(node.value)
        if _CORE_INT.fullmatch(text):
            return int(text, 0 if text[:2] in ("0o", "0x") else 10)
        return float(text)


class _ManifestLoader(_JsonLoader):
    """A manifest read as kubectl reads it (sigs.k8s.io/yaml over go-yaml v2): a CRD must mean to kgen what it means to
    the cluster.

    Where PyYAML's YAML 1.1 differs from go-yaml: `=` is a string (PyYAML: an
    unconstructible `value` tag), `y`/`n` are booleans, sexagesimal `1:20`
    and timestamps are strings, `0o777` and `1e3` are numbers, `.inf`/`.nan`
    are refused (JSON cannot hold them; kubectl fails too), and integer and
    boolean mapping keys become their JSON text (`200:` is the key "200").
    """

    def construct_go_number(self, node: yaml.ScalarNode) -> int | float | str:
        return _go_number(str(node.value))


_MERGE = "tag:yaml.org,2002:merge"
_NULL = re.compile(r"~|null|Null|NULL|")
_NOT_JSON = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_CORE_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_GO_BOOL = re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")
_GO_NUMBER_CANDIDATE = re.compile(r"[-+]?[0-9.][0-9a-zA-Z_.+-]*")
_GO_INT = re.compile(r"([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)")
_GO_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_NUMBER = re.compile(f"{_CORE_INT.pattern}|{_GO_FLOAT.pattern}")  # YAML 1.2's float is go-yaml's


def _go_number(text: str) -> int | float | str:
    """What go-yaml v2 makes of a plain scalar that starts like a number: an int64/uint64, a float, or the text."""
    if text.startswith("."):
        return float(text) if _GO_FLOAT.fullmatch(text) else text
    plain = text.replace("_", "")
    value = _go_int(plain)
    if value is not None:
        return value
    return float(plain) if _GO_FLOAT.fullmatch(plain) else text


def _go_int(plain: str) -> int | None:
    """Go's strconv.ParseInt(plain, 0, 64), else ParseUint (which takes no sign)."""
    found = _GO_INT.fullmatch(plain)
    if found is None:
        return None
    sign, digits = found.groups()
    bases = {"0x": 16, "0o": 8, "0b": 2}
    prefix = digits[:2].lower()
    value = int(digits[2:], bases[prefix]) if prefix in bases else int(digits, 8 if digits.startswith("0") else 10)
    value = -value if sign == "-" else value
    return value if -(2**63) <= value <= (2**64 - 1 if not sign else 2**63 - 1) else None


def _key_text(key: Any) -> Any:
    """Integer and boolean keys as JSON text, as sigs.k8s.io/yaml writes them; other keys are left to _check_tree."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key) if isinstance(key, int) else key


def _resolve(loader: type[_JsonLoader], resolvers: tuple[tuple[str, re.Pattern[str], str | list[str]], ...]) -> None:
    """Give `loader` exactly these implicit resolvers (tag, the whole plain scalar, its possible first characters)."""
    loader.yaml_implicit_resolvers = {}
    for tag, regexp, first in resolvers:
        loader.add_implicit_resolver(tag, re.compile(f"^(?:{regexp.pattern})$"), list(first))
    loader.add_constructor(_MERGE, lambda _loader, node: str(node.value))  # `<<` as a value
    loader.add_constructor("tag:yaml.org,2002:bool", _JsonLoader.construct_bool)
    loader.add_constructor("tag:kgen,not-json", _JsonLoader.construct_not_json)


_SHARED = (
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
    ("tag:kgen,not-json", _NOT_JSON, "-+."),
    (_MERGE, re.compile(r"<<"), "<"),
)
_resolve(_DocumentLoader, (("tag:yaml.org,2002:bool", _CORE_BOOL, "tTfF"), *_SHARED, ("tag:kgen,number", _CORE_NUMBER, "-+.0123456789")))
_DocumentLoader.add_constructor("tag:kgen,number", _DocumentLoader.construct_number)
_resolve(_ManifestLoader, (("tag:yaml.org,2002:bool", _GO_BOOL, "yYnNtTfFoO"), *_SHARED, ("tag:kgen,number", _GO_NUMBER_CANDIDATE, "-+.0123456789")))
_ManifestLoader.add_constructor("tag:kgen,number", _ManifestLoader.construct_go_number)


def _fail(source: str, message: str, hint: str = "", line: int | None = None, column: int | None = None) -> KgenError:
    return KgenError([Diagnostic(Level.ERROR, message, "", hint, source, line, column)])


def read_bytes(path: str, limits: Limits = Limits()) -> tuple[str, bytes]:
    """The raw bytes of a file or stdin, refusing more than `limits.max_bytes`."""
    if path == STDIN:
        return "<stdin>", _read_bounded(sys.stdin.buffer, "<stdin>", limits)
    p = Path(path)
    if not p.is_file():
        raise _fail(path, "no such file" if not p.exists() else "not a regular file", "check the path given to --spec")
    with p.open("rb") as fh:
        return path, _read_bounded(fh, path, limits)


def _read_bounded(fh: BinaryIO, source: str, limits: Limits) -> bytes:
    raw = fh.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise _fail(
            source,
            f"document is larger than the limit of {limits.max_bytes} bytes",
            "raise the limit with --max-bytes if this document is trusted to be this large",
        )
    return raw


def load(path: str, limits: Limits = Limits()) -> Document:
    source, raw = read_bytes(path, limits)
    return parse(raw, source, limits)


def parse(raw: bytes, source: str, limits: Limits = Limits()) -> Document:
    """Parse JSON (when it looks like JSON) or YAML into JSON-compatible values."""
    text = _decode(raw, source)
    stripped = text.lstrip()
    duplicates: list[Duplicate] = []
    aliased = False
    if stripped.startswith(("{", "[")):
        data = _parse_json(text, source, limits)
    else:
        _, aliased = _scan_yaml(text, source, limits)
        data = _parse_yaml(text, source, duplicates)
    _check_tree(data, source, limits, strings=_ESCAPED_SURROGATE.search(text) is not None)
    if aliased:
        data = _unshared(data)
    return Document(source, data, hashlib.sha256(raw).hexdigest(), tuple(sorted(duplicates, key=lambda d: (d.line, d.column))))


def parse_documents(raw: bytes, source: str, limits: Limits = Limits()) -> list[tuple[int, Any]]:
    """Every document of a YAML stream (`---` separated), or the one JSON document, with the line each starts on.

    Empty documents are None. The same limits and refusals as `parse` apply.
    """
    text = _decode(raw, source)
    aliased = False
    if text.lstrip().startswith(("{", "[")):
        documents = [(1, _parse_json(text, source, limits))]
    else:
        starts, aliased = _scan_yaml(text, source, limits)
        try:
            values = list(yaml.load_all(text, Loader=_ManifestLoader))  # noqa: S506 - a safe loader
        except yaml.YAMLError as exc:
            raise _yaml_error(exc, source, text) from None
        documents = list(zip(starts, values))
    strings = _ESCAPED_SURROGATE.search(text) is not None
    for _, data in documents:
        _check_tree(data, source, limits, strings)
    return [(line, _unshared(data)) for line, data in documents] if aliased else documents


def _decode(raw: bytes, source: str) -> str:
    """The text of a UTF-8, UTF-16 or UTF-32 document, told apart as JSON and YAML 1.2 do: by a byte order mark,
    or the zero bytes around the first ASCII characters. Windows PowerShell's `kubectl ... > cluster.json` writes UTF-16."""
    encoding = json.detect_encoding(raw)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        name = encoding.upper().removesuffix("-SIG")
        raise _fail(source, f"not valid {name} at byte {exc.start}", "save the document as UTF-8", line) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse_json(text: str, source: str, limits: Limits) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _fail(source, f"invalid JSON: {exc.msg}", "fix the JSON syntax at this position", exc.lineno, exc.colno) from None
    except ValueError as exc:
        raise _fail(source, f"invalid JSON: {exc}", "replace NaN/Infinity with a number or a string") from None
    except RecursionError:
        raise _fail(source, f"nesting is deeper than the limit of {limits.max_depth} levels", "flatten the document") from None


def _parse_yaml(text: str, source: str, duplicates: list[Duplicate]) -> Any:
    """The YAML document's values; the keys its mappings repeat are added to `duplicates`."""
    try:
        loader = _DocumentLoader(text)  # reads the whole text: a control character stops it here
        loader.duplicates = duplicates
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source, text) from None
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.YAMLError, source: str, text: str) -> KgenError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow, by its index in the text
        before = text[: exc.position]
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        hint = "remove it, or write it as an escape in a double-quoted string (\"\\x01\")"
        return _fail(source, f"invalid YAML: {exc.reason} (character U+{character:04X})", hint, before.count("\n") + 1, len(before) - before.rfind("\n"))
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "syntax error"
        return _fail(source, f"invalid YAML: {problem}", "fix the YAML syntax at this position", line, column)
    return _fail(source, f"invalid YAML: {exc}", "fix the YAML syntax")


@dataclass
class _Node:
    """A collection open in the scan: its anchor, and the nodes and levels it holds so far, aliases expanded."""

    anchor: str | None
    nodes: int = 1
    height: int = 1


def _scan_yaml(text: str, source: str, limits: Limits) -> tuple[list[int], bool]:
    """Scan YAML events first: the composer recurses in C and must not see deep input; and aliases are measured as
    they expand (a few hundred bytes of aliases to aliases can stand for a billion nodes).

    Hand-written Swagger documents share responses and parameters through anchors and aliases, so they are read,
    within bounds: no alias to a node it is inside of (a tree that never ends), no alias that takes the document
    deeper than the depth limit, and at most ALIAS_EXPANSION times the nodes the document writes.
    Returns the line each document starts on, and whether any document has an alias.
    """
    starts: list[int] = []
    open_: list[_Node] = [_Node(None)]
    sizes: dict[str, tuple[int, int]] = {}  # an anchor's nodes and height, aliases expanded
    written = expanded = 0
    largest: tuple[int, yaml.Event] | None = None  # the size of the alias that stands for the most nodes, and the alias
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.DocumentStartEvent):
                starts.append(_start(event)[0])
                sizes.clear()  # anchors belong to their document
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                open_.append(_Node(event.anchor))
                written += 1
                _check_depth(len(open_) - 1, source, limits, event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node = open_.pop()
                _nested(open_[-1], node.nodes, node.height, sizes, node.anchor)
            elif isinstance(event, yaml.ScalarEvent):
                written += 1
                _nested(open_[-1], 1, 0, sizes, event.anchor)
            elif isinstance(event, yaml.AliasEvent):
                name = event.anchor or ""
                if any(node.anchor == name for node in open_):
                    raise _fail(source, f"the alias *{name} is inside the node it names: the tree would never end", "write the nested content out instead of the alias", *_start(event))
                if name not in sizes:
                    continue  # undefined: the real parse reports it, with its position
                nodes, height = sizes[name]
                _check_depth(len(open_) - 1 + height, source, limits, event, f" where the alias *{name} puts what it names")
                _nested(open_[-1], nodes, height, sizes, None)
                expanded += nodes
                if largest is None or nodes > largest[0]:
                    largest = (nodes, event)
    except yaml.YAMLError as exc:
        if isinstance(exc, yaml.MarkedYAMLError) and exc.problem and "nesting depth" in exc.problem and exc.problem_mark:  # libyaml's own limit, met first in flow style
            mark = exc.problem_mark
            raise _fail(source, f"nesting is deeper than the limit of {limits.max_depth} levels", "flatten the document", mark.line + 1, mark.column + 1) from None
        # otherwise the real parse reports it, with its position
    if largest is not None and expanded > ALIAS_EXPANSION * max(written, 1000):
        raise _fail(
            source,
            f"aliases stand for {expanded} nodes, more than {ALIAS_EXPANSION} times the {written} the document writes (this one for {largest[0]})",
            "write the aliased content out where it is needed: aliases of aliases can expand a small file into a huge tree",
            *_start(largest[1]),
        )
    return starts, largest is not None


def _nested(parent: _Node, nodes: int, height: int, sizes: dict[str, tuple[int, int]], anchor: str | None) -> None:
    """A node of `nodes` nodes and `height` levels ends inside `parent`; its anchor, if any, names that size."""
    parent.nodes += nodes
    parent.height = max(parent.height, height + 1)
    if anchor is not None:
        sizes[anchor] = (nodes, height)


def _check_depth(depth: int, source: str, limits: Limits, event: yaml.Event, where: str = "") -> None:
    if depth > limits.max_depth:
        raise _fail(source, f"nesting is deeper than the limit of {limits.max_depth} levels{where}", "flatten the document", *_start(event))


def _unshared(node: Any) -> Any:
    """The tree with each aliased node copied where it is used: kgen's passes may change a node in place for one
    place in the document, and an alias must not see that. The scan bounded its size and depth."""
    if isinstance(node, dict):
        return {key: _unshared(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_unshared(value) for value in node]
    return node


def _start(event: yaml.Event) -> tuple[int, int]:
    """The 1-based line and column an event starts at: the parser marks every event, though the stubs allow None."""
    mark = event.start_mark
    assert mark is not None
    return mark.line + 1, mark.column + 1


def _check_tree(data: Any, source: str, limits: Limits, strings: bool) -> None:
    """Depth, key types and (if `strings`) lone surrogates, iteratively: the tree may be arbitrarily deep or wide.

    A lone surrogate (an escape like \\ud800 without its pair) is not Unicode
    text: it cannot be written as UTF-8, and Kubernetes itself reads it as
    U+FFFD. Escapes are the only way to write one, so the document text says
    whether the strings need looking at.

    Each stack entry keeps its parent entry, so a pointer is only built for an error.
    """
    Entry = tuple[Any, int, Any, str]
    stack: list[Entry] = [(data, 1, None, "")]
    while stack:
        entry = stack.pop()
        node, depth = entry[0], entry[1]
        if depth > limits.max_depth:
            raise _tree_error(entry, source, f"nesting is deeper than the limit of {limits.max_depth} levels", "flatten the document")
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in children:
            if isinstance(node, dict) and not isinstance(key, str):
                raise _tree_error(entry, source, f"mapping key {key!r} is not a string", "quote the key")
            child = (value, depth + 1, entry, str(key))
            if isinstance(value, (dict, list)):
                stack.append(child)
            if strings:
                _check_text(key, child, source, "key")
                _check_text(value, child, source, "value")


def _check_text(text: Any, entry: Any, source: str, what: str) -> None:
    if isinstance(text, str) and (found := _SURROGATE.search(text)):
        raise _tree_error(
            entry,
            source,
            f"this {what} contains a lone surrogate (\\u{ord(found.group()):04x}), which is not Unicode text",
            "write the character the escape was meant to be (a surrogate pair, or one \\uXXXX outside D800-DFFF)",
        )


def _tree_error(entry: Any, source: str, message: str, hint: str) -> KgenError:
    tokens: list[str] = []
    while entry is not None and entry[2] is not None:
        tokens.append(entry[3])
        entry = entry[2]
    return KgenError([Diagnostic(Level.ERROR, message, pointer(*reversed(tokens)), hint, source)])
