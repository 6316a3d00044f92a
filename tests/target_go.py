"""The Go target under the hostile suites: gofmt and go vet, a program importing every package, read back with go/parser.

Syntax: gofmt -l lists nothing (the output is formatted as written) and
`go vet ./...` passes (it type-checks every package). Load: a program that
imports every package is built and run (package initialisation must run
nothing from the spec). Read back: tests/go/probe parses the output and
reports names, tags, literals as the compiler reads them, and comments.

Read-back contract (what "gives back the original text" means for Go):
  * every model is a struct whose json tags carry its wire names, or an
    alias or enum type; a property encoding/json cannot name is listed in a
    `Not carried:` comment of its struct, as a string literal of its name;
  * each operation has one op var whose Method and Path are its method and
    path template, one method sending it (plus a Watch method for lists that
    accept watch=true), and that method sends the document's parameters
    (path keys, required arguments, the options struct's tags) where the
    document says, with its collection formats, and a body when it has one;
  * TypeMeta returns a resource's apiVersion and kind;
  * each package's enum types hold the documented values as constants
    (integers the type cannot hold left out);
  * comments: a declaration's doc is paragraphs with whitespace runs
    collapsed; a field's comment keeps the text's lines (ends stripped). In
    both, characters that are not printable read as the escapes
    strconv.Quote writes, and a line that starts with +build has its +
    written \\u002b;
  * the root package's doc names info.title.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gotools
from targets import Generated, Target, register

from kgen.fixups.delete_status import STATUS
from kgen.ir.model import Api, EnumOf, Field, Model, ModelRef, Operation, UnionOf
from kgen.targets.go import naming
from kgen.targets.go.target import model_locations

LOAD_TIMEOUT = 600
REQUEST_CALLS = {"client.Do", "client.DoOrStatus", "client.Text", "client.Bytes", "client.Send"}
LOCATIONS = {"query": "query", "header": "header", "formData": "form"}
_SHORT = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


# -- syntax ------------------------------------------------------------------------------
def check_syntax(out: Path, formatted: bool) -> None:
    """gofmt has nothing to change (whether or not kgen ran it) and go vet passes."""
    changed = gotools.gofmt_changes(out)
    assert not changed, f"gofmt would change {changed}"
    gotools.go("vet", "./...", cwd=out)


# -- loading -----------------------------------------------------------------------------
class GoLoader:
    """Builds and runs a program importing every package of an output, then reads the output with the probe."""

    def __init__(self, cwd: Path):
        self.cwd = cwd

    def load(self, root: Path, package: str) -> dict[str, Any]:
        result = subprocess.run([str(gotools.probe()), str(root)], capture_output=True, text=True, timeout=LOAD_TIMEOUT)
        assert result.returncode == 0, f"the probe failed on {root}: {result.stderr[-3000:]}"
        facts = json.loads(result.stdout)
        imports = "\n".join(f'\t_ "{"/".join(filter(None, (package, directory)))}"' for directory in sorted(facts["packages"]))
        main = f'package main\n\nimport (\n{imports}\n)\n\nfunc main() {{\n\tprintln("imported")\n}}\n'
        program = gotools.program(self.cwd / "importall", package, root, main)
        gotools.go("build", "-o", "importall", ".", cwd=program, timeout=LOAD_TIMEOUT)
        ran = subprocess.run([str(program / "importall")], capture_output=True, text=True, cwd=self.cwd, timeout=LOAD_TIMEOUT)
        assert ran.returncode == 0 and ran.stderr.strip() == "imported", f"importing every package failed: {ran.stderr[-3000:]}"
        return facts


@contextmanager
def loader(cwd: Path) -> Iterator[GoLoader]:
    yield GoLoader(cwd)


# -- reading back ------------------------------------------------------------------------
def escaped(text: str) -> str:
    """`text` with characters that are not printable written as strconv.Quote escapes them."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch.isprintable():
            out.append(ch)
        elif ch in _SHORT:
            out.append(_SHORT[ch])
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def comment_lines(raw: list[str] | None) -> list[str]:
    """The text of `//` comment lines, with a line's escaped +build read back."""
    lines = []
    for line in raw or []:
        assert line.startswith("//") and (line == "//" or line.startswith("// ")), f"not a kgen comment line: {line!r}"
        text = line[3:]
        body = text.lstrip(" ")
        if body.startswith("\\u002bbuild"):
            text = text[: len(text) - len(body)] + "+" + body[len("\\u002b") :]
        lines.append(text)
    return lines


def paragraphs(raw: list[str] | None) -> list[str]:
    """A doc comment's paragraphs, each one line."""
    found: list[list[str]] = [[]]
    for line in comment_lines(raw):
        if line:
            found[-1].append(line)
        else:
            found.append([])
    return [" ".join(p) for p in found if p]


def collapsed(text: str) -> str:
    """A doc paragraph's text: whitespace runs collapsed, escaped, and no pair of ' or ` left for gofmt to curl."""
    return " ".join(re.sub(r"''|``", lambda m: m.group(0)[0] + ("\\x27" if m.group(0)[0] == "'" else "\\x60"), escaped(word)) for word in text.split())


def lead(name: str, text: str | None, fallback: str) -> str:
    """The first paragraph of a declaration's doc (see models.doc_paragraph)."""
    body = " ".join((text or "").split()) or fallback
    return collapsed(body if body.startswith(name + " ") else f"{name}: {body}")


def field_comment(f: Field) -> list[str]:
    text = "\n".join(x for x in ((f.description or "").strip(), *f.notes) if x).replace("\r\n", "\n").strip()
    return [escaped(line).rstrip() for line in text.split("\n")] if text else []


def json_name(tag: str) -> str:
    return "-" if tag in ("-,", "-,omitempty") else tag.split(",", 1)[0]


def _check_struct(model: Model, name: str, facts: dict[str, Any], package: dict[str, Any], problems: list[str], where: str) -> None:
    carried = [f for f in model.fields if naming.json_name_carried(f.wire_name)]
    fields = [f for f in facts["fields"] or [] if f["tags"].get("json") != "-"]  # `json:"-"`: the runtime's Unknown members
    names = [json_name(f["tags"].get("json", "")) for f in fields]
    if sorted(names) != sorted(f.wire_name for f in carried):
        problems.append(f"{where}: json names {sorted(names)!r} != {sorted(f.wire_name for f in carried)!r}")
        return
    left_out = sorted(f.wire_name for f in model.fields if f not in carried)
    if sorted(facts["quoted"] or []) != left_out:
        problems.append(f"{where}: Not carried comments name {facts['quoted']!r}, not {left_out!r}")
    by_wire = {json_name(f["tags"]["json"]): f for f in fields}
    for f in carried:
        if comment_lines(by_wire[f.wire_name]["doc"]) != field_comment(f):
            problems.append(f"{where}.{by_wire[f.wire_name]['name']}: comment {by_wire[f.wire_name]['doc']!r} != {field_comment(f)!r}")
    if paragraphs(facts["doc"]) != [lead(name, model.description, "no description.")]:
        problems.append(f"{where}: doc {facts['doc']!r} != {lead(name, model.description, 'no description.')!r}")
    gvk = model.resource_gvk
    if gvk is not None:
        returns = [fn["returns"] for fn in package["funcs"] or [] if fn["receiver"] == name and fn["name"] == "TypeMeta"]
        if returns != [[gvk.api_version, gvk.kind]]:
            problems.append(f"{where}: TypeMeta returns {returns!r}, not {[gvk.api_version, gvk.kind]!r}")


def _check_models(api: Api, packages: dict[str, Any], module: str, problems: list[str]) -> None:
    for key, (directory, name) in model_locations(api, module).items():
        model, package = api.models[key], packages[directory]
        facts = package["types"].get(name)
        where = f"{directory}.{name} ({key!r})"
        if facts is None:
            problems.append(f"{where}: type not found")
        elif model.alias is None:
            _check_struct(model, name, facts, package, problems, where)
        elif facts["kind"] == "alias" and paragraphs(facts["doc"]) != [lead(name, model.description, "an alias.")]:
            problems.append(f"{where}: doc {facts['doc']!r} != {lead(name, model.description, 'an alias.')!r}")


def _enum_values(enum: EnumOf) -> tuple[str, frozenset[Any]] | None:
    base = "int32" if enum.base.kind == "integer" and enum.base.format == "int32" else {"string": "string", "integer": "int64"}.get(enum.base.kind)
    if base is None or enum.base.format == "binary":
        return None
    limit = {"int32": 2**31, "int64": 2**63}.get(base)
    return base, frozenset(v for v in enum.values if limit is None or -limit <= v < limit)


def _check_enums(api: Api, packages: dict[str, Any], module: str, problems: list[str]) -> None:
    """Each package declares one type per distinct documented value set, whose constants are those values."""
    from kgen.ir.walk import enums_in

    expected: dict[str, set[frozenset[Any]]] = {}
    for key, (directory, _) in model_locations(api, module).items():
        model = api.models[key]
        for enum in (e for t in [model.alias, *(f.type for f in model.fields)] for e in enums_in(t)):
            found = _enum_values(enum)
            if found is not None and found[1]:
                expected.setdefault(directory, set()).add(found[1])
    for directory, package in packages.items():
        if directory == naming.RUNTIME_DIR:
            continue
        by_type: dict[str, set[Any]] = {}
        for const in package["consts"] or []:
            base = package["types"][const["type"]]["target"]
            value = const["value"] if base == "string" else int(const["value"])
            by_type.setdefault(const["type"], set()).add(value)
        found = {frozenset(values) for values in by_type.values()}
        if found != expected.get(directory, set()):
            problems.append(f"{directory}: enum constants {sorted(map(sorted, found), key=repr)!r} != {sorted(map(sorted, expected.get(directory, set())), key=repr)!r}")


def _summary(op: Operation) -> str:
    return next(filter(None, (" ".join(t.split()) for t in (op.description or "", op.summary or "", f"Operation {op.id}."))))


def _check_operation(api: Api, op: Operation, package: dict[str, Any], variable: str, problems: list[str]) -> None:
    where = f"{op.method} {op.path!r} ({op.id!r})"
    users = [fn for fn in package["funcs"] or [] if fn["call"] and fn["call"]["op"] == variable]
    requests = [fn for fn in users if fn["call"]["func"] in REQUEST_CALLS]
    watches = [fn for fn in users if fn["call"]["func"] == "client.NewWatch"]
    if len(requests) != 1 or len(watches) != (1 if op.watch_name else 0):
        problems.append(f"{where}: {len(requests)} methods and {len(watches)} watch methods send it")
        return
    method = requests[0]
    for fn, with_body in [(method, True)] + [(w, False) for w in watches]:
        _check_sent(op, fn, package, with_body, problems, where)
    _check_returns(op, method, problems, where)


def _check_sent(op: Operation, fn: dict[str, Any], package: dict[str, Any], with_body: bool, problems: list[str], where: str) -> None:
    call = fn["call"]
    params = dict(fn["params"])
    sent: Counter[tuple[str, str, str]] = Counter(("path", wire, "") for wire in call["path"])
    for arg in call["args"] or []:
        sent[({"ident:client.Query": "query", "ident:client.Header": "header", "ident:client.Form": "form"}[arg["In"]], arg["Name"], arg.get("Format", ""))] += 1
    options = params.get("opts", "").lstrip("*")
    if call["options"]:
        for f in package["types"][options]["fields"]:
            location = next(k for k in ("query", "header", "form") if k in f["tags"])
            sent[(location, f["tags"][location], f["tags"].get("format", ""))] += 1
    expected = Counter(
        ("path" if p.location == "path" else LOCATIONS[p.location], p.wire_name, p.collection_format if p.collection_format not in (None, "csv") and p.location != "path" else "")
        for p in op.params
        if not (op.watch_name and p.wire_name == "watch")
    )
    if sent != expected:
        problems.append(f"{where}: {fn['name']} sends {sorted(sent.elements())}, the document has {sorted(expected.elements())}")
    if call["body"] != (with_body and op.body is not None):
        problems.append(f"{where}: {fn['name']} body {'missing' if op.body else 'unexpected'}")
    argument = {**call["path"], **{a["Name"]: a["Value"].removeprefix("ident:") for a in call["args"] or []}}
    doc = [f"{fn['name']}: {_summary(op)}" if with_body else None]
    if op.deprecated:
        doc.append("Deprecated: the API marks this operation deprecated.")
    doc += [f"{argument[p.wire_name]}: {p.description or p.wire_name}" for p in op.params if p.wire_name in argument and (p.location == "path" or p.required)]
    if with_body and "patchType" in params:
        doc.append("patchType: json, merge, strategic, or apply for server-side apply.")
    if with_body and op.body is not None:
        doc.append(f"body: {op.body.description or 'the request body'}")
    if options:
        doc.append(f"opts: optional parameters, see {options}; nil for none.")
    found = paragraphs(fn["doc"])
    if [collapsed(d) for d in doc[1:]] != found[1:] or (with_body and found[:1] != [collapsed(doc[0])]):
        problems.append(f"{where}: {fn['name']} doc {found!r} != {[collapsed(d) for d in doc if d]!r}")


def _check_returns(op: Operation, method: dict[str, Any], problems: list[str], where: str) -> None:
    rtype, media = op.returns.type, op.returns.media
    if rtype is None or media == "none":
        expected = "client.Send"
    elif media in ("text", "binary"):
        expected = "client.Text" if media == "text" else "client.Bytes"
    elif isinstance(rtype, UnionOf) and len(rtype.options) == 2 and rtype.options[1] == ModelRef(STATUS) and isinstance(rtype.options[0], ModelRef):
        expected = "client.DoOrStatus"
    else:
        expected = "client.Do"
    if method["call"]["func"] != expected:
        problems.append(f"{where}: {method['name']} calls {method['call']['func']}, not {expected}")


def _check_operations(api: Api, packages: dict[str, Any], problems: list[str]) -> None:
    by_route: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for directory, package in packages.items():
        for variable, fields in package["vars"].items():
            if "Method" in fields and "Path" in fields:
                by_route.setdefault((fields["Method"], fields["Path"]), []).append((directory, variable))
    for op in api.operations:
        found = by_route.get((op.method, op.path), [])
        if len(found) != 1:
            problems.append(f"{op.method} {op.path!r}: {len(found)} op vars carry this method and path")
            continue
        directory, variable = found[0]
        _check_operation(api, op, packages[directory], variable, problems)


def _check_title(api: Api, packages: dict[str, Any], module: str, problems: list[str]) -> None:
    name = naming.root_package(module)
    expected = collapsed(f"Package {name} is a client for {api.title or 'the API'}, generated by kgen; README.md lists its packages.")
    found = paragraphs(packages[""]["doc"])[:1]
    if found != [expected]:
        problems.append(f"root package doc {found!r} != {expected!r}")


def round_trip(api: Api, facts: dict[str, Any], root: Path, package: str) -> list[str]:
    problems: list[str] = []
    packages = facts["packages"]
    _check_models(api, packages, package, problems)
    _check_enums(api, packages, package, problems)
    _check_operations(api, packages, problems)
    _check_title(api, packages, package, problems)
    return problems


# Each example builds and vets a module and a program (about 2 s): CI checks a quarter of the examples.
# -- the conformance suite's batched check ----------------------------------------------------
def check_packages(packages: dict[str, Generated], work: Path) -> dict[str, list[str]]:
    """gofmt -l, go vet and go build, each once over every module (a go.work workspace holding them all)."""
    problems: dict[str, list[str]] = {}
    if not packages:
        return problems
    by_dir = {g.root.resolve().relative_to(work.resolve()).parts[0]: document for document, g in packages.items()}
    (work / "go.work").write_text("go 1.19\n\nuse (\n" + "".join(f"\t./{d}\n" for d in sorted(by_dir)) + ")\n", "utf-8")
    for path in gotools.gofmt_changes(work):
        problems.setdefault(by_dir[Path(path).resolve().relative_to(work.resolve()).parts[0]], []).append(f"gofmt would change {path}")
    env = {**gotools.environment(), "GOFLAGS": ""}  # a workspace refuses -mod=mod
    for command in (["vet"], ["build"]):
        result = subprocess.run(
            ["go", *command, *(f"./{d}/..." for d in sorted(by_dir))], cwd=work, env=env, capture_output=True, text=True, timeout=3600
        )
        current: str | None = None  # the document of the last "# package" heading
        for line in result.stderr.splitlines():
            first = line.removeprefix("# ").removeprefix("./").split("/")[0]
            current = by_dir.get(first, current)
            for document in [current] if current else packages:
                problems.setdefault(document, []).append(f"go {command[0]}: {line}")
    return problems


GO = register(
    Target(
        "go", check_syntax, loader, round_trip,
        missing=gotools.missing, layout_characters=frozenset("\t"), fuzz_share=0.25, check_packages=check_packages,
    )
)  # fmt: skip
