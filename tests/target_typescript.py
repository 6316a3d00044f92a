"""The TypeScript target under the hostile suites: tsc --strict, import in Node, read back.

Read-back contract (what "gives back the original text" means for TypeScript):
  * each model is an interface (or a type alias) of its unit's models.ts whose
    JSDoc, decoded, is the model's description; its member keys are the wire
    names, each member's JSDoc the field's description and notes; a resource's
    apiVersion and kind are the literal types of its group/version and kind;
  * an open enum's literal types are the values it documents, in order;
  * every operation is sent by exactly one exported function (and a watchable
    list by one watch function too): called with a recording client, it passes
    an Op whose method, path and path parameters are the operation's;
  * a function's JSDoc starts with the operation's description or summary
    (whitespace runs collapsed), and its @param tags carry each path argument's;
  * package.json's description carries info.title.
Checking compiles the package with the TypeScript compiler (strict, its own
tsconfig) and loading imports every compiled module, both in one long-lived
Node.js process (typescript_probe.mjs): importing must run nothing.
"""

from __future__ import annotations

import atexit
import json
import re
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from targets import Generated, Target, register
from typescript_tools import node, tsc, typescript_module

from kgen.ir.model import Api, ArrayOf, EnumOf, Model, Operation
from kgen.targets.typescript import naming
from kgen.targets.typescript.encode import doc_text
from kgen.targets.typescript.target import model_names
from kgen.targets.typescript.types import enum_union

PROBE = Path(__file__).with_name("typescript_probe.mjs")
LOAD_TIMEOUT = 300


class ProbeServer:
    """typescript_probe.mjs in a Node.js process of its own, kept up across packages (restarted after a failure).

    A package is compiled once (check_syntax) into a scratch directory, which the
    loader then imports and reads back; the directory goes when it has been read.
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.compiled: dict[Path, Path] = {}

    def ask(self, request: dict[str, str]) -> dict[str, Any]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [node(), str(PROBE), str(typescript_module())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            )  # fmt: skip
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], LOAD_TIMEOUT)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.close()
            raise AssertionError(f"the TypeScript probe did not answer {request} (timeout or exit)")
        answer = json.loads(line)
        assert "error" not in answer, f"the TypeScript probe failed: {answer['error'][-3000:]}"
        return answer

    def compile(self, root: Path) -> list[str]:
        target = Path(tempfile.mkdtemp(prefix="kgen-ts-compiled."))
        self.compiled[root] = target
        return self.ask({"compile": str(root / "src"), "out": str(target)})["diagnostics"]

    def probe(self, root: Path) -> dict[str, Any]:
        if root not in self.compiled:
            problems = self.compile(root)
            assert not problems, "\n".join(problems[:20])
        compiled = self.compiled.pop(root)
        try:
            return self.ask({"probe": str(root / "src"), "compiled": str(compiled)})["facts"]
        finally:
            shutil.rmtree(compiled, ignore_errors=True)

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
        for compiled in self.compiled.values():
            shutil.rmtree(compiled, ignore_errors=True)
        self.compiled.clear()


SERVER = ProbeServer()
atexit.register(SERVER.close)


def check_syntax(out: Path, formatted: bool) -> None:
    """The package type-checks strictly with its own tsconfig (no formatter is involved: the templates lay code out)."""
    problems = SERVER.compile(out.resolve())
    assert not problems, f"tsc --strict rejects {out}:\n" + "\n".join(problems[:20])


class NodeLoader:
    """Imports compiled packages in the probe's Node.js process and reads them back."""

    def load(self, root: Path, package: str) -> dict[str, Any]:
        return SERVER.probe(root.resolve())


@contextmanager
def loader(cwd: Path) -> Iterator[NodeLoader]:
    yield NodeLoader()


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _doc(comment: str | None) -> str | None:
    return doc_text(comment) if comment is not None else None


def _module(dirs: tuple[str, ...], leaf: str) -> str:
    return "/".join((*dirs, leaf))


def _enum_values(t: Any) -> list[Any] | None:
    enum = t.item if isinstance(t, ArrayOf) else t
    if isinstance(enum, EnumOf) and " | " in enum_union(enum):
        return list(enum.values)
    return None


def _check_model(model: Model, declared: dict[str, Any], problems: list[str], where: str) -> None:
    if _doc(declared["doc"]) != (model.description.replace("\r\n", "\n") if model.description else None):
        problems.append(f"{where}: JSDoc {declared['doc']!r} != {model.description!r}")
    members = {m["key"]: m for m in declared["members"]}
    if sorted(members) != sorted(f.wire_name for f in model.fields):
        problems.append(f"{where}: member keys {sorted(members)!r} != {sorted(f.wire_name for f in model.fields)!r}")
        return
    gvk = model.resource_gvk
    for f in model.fields:
        member = members[f.wire_name]
        described = "\n".join(x for x in ((f.description or "").strip(), *f.notes) if x).replace("\r\n", "\n")
        if _doc(member["doc"]) != (described or None):
            problems.append(f"{where}.{f.wire_name}: JSDoc {member['doc']!r} != {described!r}")
        if gvk is not None and f.wire_name in ("apiVersion", "kind"):
            expected: list[Any] | None = [gvk.api_version if f.wire_name == "apiVersion" else gvk.kind]
        else:
            expected = _enum_values(f.type)
        if expected is not None and member["literals"] != expected:
            problems.append(f"{where}.{f.wire_name}: literal types {member['literals']!r} != {expected!r}")


def _check_models(api: Api, modules: dict[str, Any], problems: list[str]) -> None:
    dirs = naming.unit_dirs(api.units)
    for key, located in model_names(api).items():
        model = api.models[key]
        module = modules.get(_module(dirs[located.unit], "models"), {})
        where = f"{_module(dirs[located.unit], 'models')}.{located.name} ({key!r})"
        if model.alias is not None:
            alias = module.get("aliases", {}).get(located.name)
            if alias is None:
                problems.append(f"{where}: type alias not found")
            elif _doc(alias["doc"]) != (model.description.replace("\r\n", "\n") if model.description else None):
                problems.append(f"{where}: JSDoc {alias['doc']!r} != {model.description!r}")
            elif _enum_values(model.alias) is not None and alias["literals"] != _enum_values(model.alias):
                problems.append(f"{where}: literal types {alias['literals']!r} != {_enum_values(model.alias)!r}")
            continue
        declared = module.get("interfaces", {}).get(located.name)
        if declared is None:
            problems.append(f"{where}: interface not found")
            continue
        _check_model(model, declared, problems, where)


def _summary(op: Operation) -> str:
    return one_line(op.description) or one_line(op.summary) or one_line(f"Operation {op.id}.")


def _check_operations(api: Api, modules: dict[str, Any], problems: list[str]) -> None:
    sent: dict[tuple[str, str], list[tuple[str, dict[str, Any], dict[str, Any]]]] = {}
    for module in modules.values():
        for fn, declared in module["functions"].items():
            for call in declared.get("calls", []):
                sent.setdefault((call["op"]["method"], call["op"]["path"]), []).append((fn, declared, call))
    for op in api.operations:
        where = f"{op.method} {op.path!r} ({op.id!r})"
        calls = sent.get((op.method, op.path), [])
        requests = [c for c in calls if c[2]["kind"] == "request"]
        watches = [c for c in calls if c[2]["kind"] == "watch"]
        if len(requests) != 1 or len(watches) != (1 if op.watch_name else 0):
            problems.append(f"{where}: {len(requests)} functions and {len(watches)} watch functions send it")
            continue
        fn, declared, call = requests[0]
        path_params = [p for p in op.params if p.location == "path"]
        if call["op"].get("params", []) != [p.wire_name for p in path_params]:
            problems.append(f"{where}: path parameters {call['op'].get('params')!r} != {[p.wire_name for p in path_params]!r}")
        if call["body"] != (op.body is not None):
            problems.append(f"{where}: body {'missing' if op.body else 'unexpected'}")
        text = _doc(declared["doc"]) or ""
        summary = text.split("\n\n")[0]
        if summary != _summary(op):
            problems.append(f"{where}: JSDoc summary {summary!r} != {_summary(op)!r}")
        tags = {(line.split(" ", 2) + [""])[1]: (line.split(" ", 2) + [""])[2] for line in text.split("\n") if line.startswith("@param ")}
        arguments = declared["parameters"][1 : 1 + len(path_params)]
        for arg, param in zip(arguments, path_params):
            if tags.get(arg) != one_line(param.description or param.wire_name):
                problems.append(f"{where}: @param {arg} is {tags.get(arg)!r}, not {one_line(param.description or param.wire_name)!r}")
        if op.deprecated and "@deprecated" not in text.split("\n"):
            problems.append(f"{where}: not marked @deprecated")


def round_trip(api: Api, facts: dict[str, Any], root: Path, package: str) -> list[str]:
    problems: list[str] = []
    modules = facts["modules"]
    _check_models(api, modules, problems)
    _check_operations(api, modules, problems)
    expected = f"Typed client for {api.title or 'an API'} (generated by kgen)"
    if facts["package"]["description"] != expected:
        problems.append(f"package.json description {facts['package']['description']!r} != {expected!r}")
    return problems


# -- the conformance suite's batched check ----------------------------------------------------
_TSC_LINE = re.compile(r"^(?P<file>[^(\s][^(]*)\(\d+,\d+\): error ")


def check_packages(packages: dict[str, Generated], work: Path) -> dict[str, list[str]]:
    """tsc --strict once over every package: one project holding each package's sources, with their tsconfig's options."""
    problems: dict[str, list[str]] = {}
    if not packages:
        return problems
    by_dir = {g.root.resolve().relative_to(work.resolve()).parts[0]: document for document, g in packages.items()}
    options = json.loads(next(iter(packages.values())).root.joinpath("tsconfig.json").read_text("utf-8"))["compilerOptions"]
    for key in ("rootDir", "outDir", "declaration", "sourceMap"):
        options.pop(key, None)
    project = work / "tsconfig.json"
    project.write_text(json.dumps({"compilerOptions": {**options, "noEmit": True}, "include": [f"{d}/src" for d in sorted(by_dir)]}))
    result = subprocess.run([*tsc(), "-p", str(project), "--pretty", "false"], capture_output=True, text=True, cwd=work, timeout=3600)
    for line in result.stdout.splitlines():
        match = _TSC_LINE.match(line)
        document = by_dir.get(Path(match["file"]).parts[0]) if match else None
        for d in [document] if document else packages:
            problems.setdefault(d, []).append("tsc: " + line)
    if result.returncode != 0 and not problems:
        return {d: [f"tsc failed: {result.stdout[-500:]}{result.stderr[-500:]}"] for d in packages}
    return problems


TYPESCRIPT = register(Target("typescript", check_syntax, loader, round_trip, check_packages=check_packages))
