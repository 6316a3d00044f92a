"""The Python target under the hostile suites: compile and black, import through python_probe, read back.

Read-back contract (what "gives back the original text" means for Python):
  * wire names: msgspec's encode names of each model, and the names a method
    really sends (its arguments through Op.wire, else camelCase), equal the spec's;
  * Op.method and Op.path equal the operation's method and path template;
  * API_VERSION and KIND equal the group/version/kind;
  * each open-enum class's constants are the values its fields document;
  * docstrings, with the indentation of their block removed, carry the text:
    a model's description (ends stripped) then one `attr: text` entry per
    documented field (description and notes); an alias's description whole;
    an operation's description or summary, and each argument's description,
    on one line (whitespace runs collapsed: method docs are summaries);
  * the package docstring and pyproject.toml carry info.title.
Line breaks are normalised (CRLF -> LF) in every docstring.
"""

from __future__ import annotations

import ast
import json
import os
import re
import select
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from targets import Generated, Target, register

from kgen.ir.model import Api, Field, Model, Operation
from kgen.ir.walk import enums_in
from kgen.targets.python import enums
from kgen.targets.python.formatting import format_source, needs_black
from kgen.targets.python.target import model_locations

PROBE = Path(__file__).with_name("python_probe.py")
LOAD_TIMEOUT = 120  # seconds for one package's import


# -- syntax and format ------------------------------------------------------------------
@lru_cache(maxsize=512)  # the runtime's modules are the same in every output
def _check_source(source: str, black: bool) -> str | None:
    """What is wrong with a module: it does not compile, or black would change it."""
    try:
        compile(source, "<generated>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return f"does not compile: {exc}"
    return "changes under black" if black and format_source(source) != source else None


def check_syntax(out: Path, formatted: bool) -> None:
    """Every module compiles; every module is black-stable (unformatted runs: those kgen would not send to black)."""
    for path in sorted(out.rglob("*.py")):
        source = path.read_text("utf-8")
        problem = _check_source(source, formatted or not needs_black(source))
        assert problem is None, f"{path} {problem}"


# -- loading ---------------------------------------------------------------------------
class ProbeLoader:
    """python_probe.py --serve in its own interpreter, restarted after a failure."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, str(PROBE), "--serve"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                cwd=self.cwd,
            )
        return self.process

    def load(self, root: Path, package: str) -> dict[str, Any]:
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps({"root": str(root), "package": package}) + "\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], LOAD_TIMEOUT)
        line = process.stdout.readline() if ready else ""
        if not line:
            self.close()
            raise AssertionError(f"importing {package} from {root} did not finish (timeout or the interpreter exited)")
        answer = json.loads(line)
        assert "ok" in answer, f"importing the generated package failed: {answer['error']}"
        return answer["ok"]

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@contextmanager
def loader(cwd: Path) -> Iterator[ProbeLoader]:
    probe = ProbeLoader(cwd)
    try:
        yield probe
    finally:
        probe.close()


# -- reading back ------------------------------------------------------------------------
def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _doc_text(text: str) -> str:
    return text.replace("\r\n", "\n")


def undent(doc: str, indent: str) -> str:
    """A docstring's value without the indentation of its block (and without the closing line)."""
    lines = doc.split("\n")
    if len(lines) == 1:
        return doc
    assert lines[-1] == indent, f"docstring does not close at its block's indentation: {doc!r}"
    body = lines[1:-1]
    bad = [line for line in body if line and not line.startswith(indent)]
    assert not bad, f"docstring lines outside its block's indentation: {bad!r}"
    return "\n".join([lines[0], *(line[len(indent) :] for line in body)])


def split_section(text: str, heading: str, entry_indent: str = "    ") -> tuple[str, dict[str, str]]:
    """`text` as (summary, {name: entry}) for a Google-style section; continuation lines are indented twice."""
    marker = f"\n\n{heading}:\n"
    at = text.rfind(marker)
    if at < 0:
        return text, {}
    entries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text[at + len(marker) :].split("\n"):
        if line.startswith(entry_indent * 2) or (line == "" and current is not None):
            assert current is not None, f"continuation before the first entry: {line!r}"
            current.append(line[len(entry_indent) * 2 :])
        else:
            assert line.startswith(entry_indent) and not line[len(entry_indent)].isspace(), f"not an entry: {line!r}"
            name, _, first = line[len(entry_indent) :].partition(": ")
            current = entries.setdefault(name, [])
            assert not current, f"entry {name!r} appears twice"
            current.append(first)
    return text[:at], {name: "\n".join(lines) for name, lines in entries.items()}


def _field_entry(f: Field) -> str:
    return _doc_text("\n".join(x for x in ((f.description or "").strip(), *f.notes) if x))


def _check_model(model: Model, struct: dict[str, Any], problems: list[str], where: str) -> None:
    encode_names = [wire for _, wire in struct["fields"]]
    expected = [f.wire_name for f in model.fields]
    if sorted(encode_names) != sorted(expected):
        problems.append(f"{where}: wire names {sorted(encode_names)!r} != {sorted(expected)!r}")
        return
    attrs = {wire: attr for attr, wire in struct["fields"]}
    text = undent(struct["doc"], "    ")
    documented = {attrs[f.wire_name]: _field_entry(f) for f in model.fields if f.description or f.notes}
    summary, entries = split_section(text, "Attributes") if documented else (text, {})
    description = _doc_text(model.description.strip() if model.description and model.description.strip() else f"{model.name}.")
    if summary != description:
        problems.append(f"{where}: docstring summary {summary!r} != {description!r}")
    if entries != documented:
        problems.append(f"{where}: attribute docs {entries!r} != {documented!r}")
    gvk = model.resource_gvk
    if gvk is not None and (struct["api_version"], struct["kind"]) != (gvk.api_version, gvk.kind):
        problems.append(f"{where}: API_VERSION/KIND {struct['api_version']!r}/{struct['kind']!r} != {gvk!r}")


def _alias_doc(path: Path, name: str) -> str | None:
    """The string statement after `name: TypeAlias = ...`, if any."""
    body = ast.parse(path.read_text("utf-8")).body
    for node, after in zip(body, body[1:] + [None]):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str):
                return after.value.value
            return None
    raise AssertionError(f"alias {name} not found in {path}")


def _check_models(api: Api, modules: dict[str, Any], root: Path, package: str, problems: list[str]) -> None:
    for key, (module, name) in model_locations(api, package).items():
        model = api.models[key]
        where = f"{module}.{name} ({key!r})"
        if model.alias is not None:
            doc = _alias_doc(root / (module.replace(".", "/") + ".py"), name)
            if (undent(doc, "") if doc else None) != (_doc_text(model.description) if model.description else None):
                problems.append(f"{where}: alias docstring {doc!r} != {model.description!r}")
            continue
        struct = modules.get(module, {}).get("structs", {}).get(name)
        if struct is None:
            problems.append(f"{where}: class not found")
            continue
        _check_model(model, struct, problems, where)


def _check_enums(api: Api, modules: dict[str, Any], package: str, problems: list[str]) -> None:
    """Each models module declares one class per distinct documented value set, whose constants are those values."""
    expected: dict[str, set[frozenset[Any]]] = {}
    for key, (module, _) in model_locations(api, package).items():
        model = api.models[key]
        types = [model.alias] + [f.type for f in model.fields]
        for enum in (e for t in types for e in enums_in(t)):
            if enums.key(enum) is not None:
                expected.setdefault(module, set()).add(frozenset(enum.values))
    for module, value_sets in expected.items():
        found = {frozenset(e["values"].values()) for e in modules[module]["enums"].values()}
        if found != value_sets:
            problems.append(f"{module}: enum constants {sorted(map(sorted, found), key=repr)!r} != documented values {sorted(map(sorted, value_sets), key=repr)!r}")


def _summary(op: Operation) -> str:
    return one_line(op.description) or one_line(op.summary) or one_line(f"Operation {op.id}.")


def _sent_wire_names(method: dict[str, Any], op_facts: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    """(path, other) wire names of what a method sends: path arguments are positional, the rest keyword or query."""
    wire, camel = op_facts["wire"], method["camel"]
    path = Counter(wire.get(a, a) for a in method["positional"] if a not in ("self", "body"))
    other = Counter(wire.get(a, camel[a]) for a in method["keyword"] + method["query_keys"] if a != "patch_type")
    return path, other


def _check_operation(api: Api, op: Operation, module: dict[str, Any], const: str, typed_dicts: dict[str, Any], problems: list[str]) -> None:
    where = f"{op.method} {op.path!r} ({op.id!r})"
    sync = {n: c for n, c in module["api_classes"].items() if not c["async"]}
    calls = [(cls, name, m) for cls, c in sync.items() for name, m in c["methods"].items() if m["op"] == const]
    requests = [c for c in calls if c[2]["kind"] == "request"]
    watches = [c for c in calls if c[2]["kind"] == "watch"]
    if len(requests) != 1 or len(watches) != (1 if op.watch_name else 0):
        problems.append(f"{where}: {len(requests)} methods and {len(watches)} watch helpers send it")
        return
    cls, name, method = requests[0]
    op_facts = module["ops"][const]
    path, other = _sent_wire_names(method, op_facts)
    expected_path = Counter(p.wire_name for p in op.params if p.location == "path")
    expected_other = Counter(p.wire_name for p in op.params if p.location != "path")
    if op.watch_name:
        expected_other -= Counter(["watch"])  # the watch helper sets it
    if path != expected_path or other != expected_other:
        problems.append(f"{where}: sends {sorted(path.elements())}/{sorted(other.elements())}, spec has {sorted(expected_path.elements())}/{sorted(expected_other.elements())}")
    sent_formats = Counter((op_facts["wire"].get(a, a if a in method["positional"] else method["camel"].get(a, a)), f) for a, f in op_facts["formats"].items())
    expected_formats = Counter((p.wire_name, p.collection_format) for p in op.params if p.collection_format not in (None, "csv"))
    if sent_formats != expected_formats:
        problems.append(f"{where}: Op.formats {sorted(sent_formats.items())} != {sorted(expected_formats.items())}")
    if ("body" in method["arguments"]) != (op.body is not None):
        problems.append(f"{where}: body argument {'missing' if op.body else 'unexpected'}")
    text = undent(method["doc"], "        ")
    summary, args = split_section(text, "Args")
    expected_summary = _summary(op) + ("\n\nDeprecated." if op.deprecated else "")
    if summary != expected_summary:
        problems.append(f"{where}: docstring summary {summary!r} != {expected_summary!r}")
    attrs = {(True, op_facts["wire"].get(a, a)): a for a in method["positional"]}
    attrs.update({(False, op_facts["wire"].get(a, method["camel"][a])): a for a in method["keyword"]})
    for param in op.params:
        attr = attrs.get((param.location == "path", param.wire_name))
        if attr is not None and args.get(attr) != one_line(param.description or param.wire_name):
            problems.append(f"{where}: Args entry of {attr} is {args.get(attr)!r}, not {one_line(param.description or param.wire_name)!r}")
    if method["query"]:
        typed = typed_dicts[method["query"]]
        _, entries = split_section(undent(typed["doc"], "    "), "Attributes")
        sent = Counter((op_facts["wire"].get(k, method["camel"][k]), entries.get(k)) for k in typed["keys"])
        optional = [p for p in op.params if not p.required and p.location in ("query", "header") and not (op.watch_name and p.wire_name == "watch")]
        expected = Counter((p.wire_name, one_line(p.description) or None) for p in optional)
        if sent != expected:
            problems.append(f"{where}: {method['query']} documents {sorted(sent.items())}, spec has {sorted(expected.items())}")
    asynchronous = module["api_classes"].get("Async" + cls, {}).get("methods", {}).get(name)
    expected_async = f"{_summary(op)} (asyncio; arguments as in {cls}.{name})"
    if asynchronous is None or asynchronous["op"] != const or asynchronous["doc"] != expected_async:
        problems.append(f"{where}: async method {name} missing or different: {asynchronous and asynchronous['doc']!r}")


def _check_operations(api: Api, modules: dict[str, Any], problems: list[str]) -> None:
    by_route: dict[tuple[str, str], list[tuple[str, str]]] = {}
    typed_dicts = {name: typed for module in modules.values() for name, typed in module["typed_dicts"].items()}
    for module_name, module in modules.items():
        for const, op in module["ops"].items():
            by_route.setdefault((op["method"], op["path"]), []).append((module_name, const))
    for op in api.operations:
        found = by_route.get((op.method, op.path), [])
        if len(found) != 1:
            problems.append(f"{op.method} {op.path!r}: {len(found)} Op constants carry this method and path")
            continue
        module_name, const = found[0]
        _check_operation(api, op, modules[module_name], const, typed_dicts, problems)


def _check_title(api: Api, modules: dict[str, Any], root: Path, package: str, problems: list[str]) -> None:
    if not any(u.path == () for u in api.units):
        expected = _doc_text(f"Client for {api.title or 'the API'}.")
        if undent(modules[package]["doc"], "") != expected:
            problems.append(f"package docstring {modules[package]['doc']!r} != {expected!r}")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    description = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["description"]
    expected = re.sub("[\ud800-\udfff]", "\ufffd", f"Typed client for {api.title or 'an API'} (generated by kgen)")
    if description != expected:
        problems.append(f"pyproject description {description!r} != {expected!r}")


def round_trip(api: Api, facts: dict[str, Any], root: Path, package: str) -> list[str]:
    problems: list[str] = []
    modules = facts["modules"]
    _check_models(api, modules, root, package, problems)
    _check_enums(api, modules, package, problems)
    _check_operations(api, modules, problems)
    _check_title(api, modules, root, package, problems)
    return problems


# -- the conformance suite's batched check ----------------------------------------------------
PYRIGHT_CONFIG = {"typeCheckingMode": "strict", "pythonVersion": "3.10", "reportMissingModuleSource": "none"}
# Imports every module of each package and builds a decoder for every Struct (which resolves its annotations,
# so a name used before it is defined fails here, not at a user's first decode); prints {package: error}.
IMPORT_ALL = """
import importlib, json, pkgutil, sys, traceback
import msgspec
failed = {}
for package in sys.argv[1:]:
    try:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, msgspec.Struct) and value.__module__ == info.name:
                    msgspec.json.Decoder(value)
    except Exception:
        failed[package] = traceback.format_exc(limit=2)[-1500:]
print(json.dumps(failed))
"""


def check_packages(packages: dict[str, Generated], work: Path) -> dict[str, list[str]]:
    """pyright (strict) over every package in one run, then every module imported and every model's decoder built."""
    problems: dict[str, list[str]] = {}
    if not packages:
        return problems
    by_package = {g.package: document for document, g in packages.items()}
    roots = sorted({str(g.root.resolve()) for g in packages.values()})
    config = work / "pyrightconfig.json"
    config.write_text(json.dumps({**PYRIGHT_CONFIG, "extraPaths": roots}))
    dirs = [str((g.root / g.package).resolve()) for g in packages.values()]
    result = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "-p", str(config), "--pythonpath", sys.executable, *dirs],
        capture_output=True, text=True, cwd=work, timeout=3600,
    )  # fmt: skip
    try:
        report = json.loads(result.stdout)
    except ValueError:
        return {d: [f"pyright did not run: {result.stdout[-500:]} {result.stderr[-500:]}"] for d in packages}
    for d in report["generalDiagnostics"]:
        if d["severity"] == "error":
            package = Path(d["file"]).relative_to(work).parts[0]
            problems.setdefault(by_package[package], []).append(f"pyright: {Path(d['file']).name}:{d['range']['start']['line'] + 1}: {d['message']}")
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, *by_package], capture_output=True, text=True, timeout=3600,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(roots)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    for package, error in json.loads(result.stdout).items():
        problems.setdefault(by_package[package], []).append(f"import: {error}")
    return problems


PYTHON = register(Target("python", check_syntax, loader, round_trip, check_packages=check_packages))
