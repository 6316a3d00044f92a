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
Loading compiles the package with tsc and imports every compiled module in a
Node.js process of its own (typescript_probe.mjs): importing must run nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from targets import Target, register
from typescript_tools import compile_to, node, run_tsc, typescript_module

from kgen.ir.model import Api, ArrayOf, EnumOf, Model, Operation
from kgen.targets.typescript import naming
from kgen.targets.typescript.encode import doc_text
from kgen.targets.typescript.target import model_names
from kgen.targets.typescript.types import enum_union

PROBE = Path(__file__).with_name("typescript_probe.mjs")
LOAD_TIMEOUT = 300


def check_syntax(out: Path, formatted: bool) -> None:
    """The package type-checks with tsc --strict (no formatter is involved: the templates lay code out)."""
    result = run_tsc(out, "--strict", "--noEmit")
    assert result.returncode == 0, f"tsc --strict rejects {out}:\n{result.stdout[-4000:]}"


class NodeLoader:
    """Compiles a package into a scratch directory and reads it back with typescript_probe.mjs."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.count = 0

    def load(self, root: Path, package: str) -> dict[str, Any]:
        self.count += 1
        compiled = self.cwd / f"ts-compiled-{self.count}"
        compile_to(root, compiled)
        shutil.copy(root / "package.json", compiled / "package.json")  # "type": "module" for the compiled files
        result = subprocess.run(
            [node(), str(PROBE), str(typescript_module()), str(root / "src"), str(compiled)],
            capture_output=True, text=True, encoding="utf-8", cwd=self.cwd, timeout=LOAD_TIMEOUT,
        )  # fmt: skip
        assert result.returncode == 0, f"importing the compiled package failed: {result.stderr[-3000:]}"
        return json.loads(result.stdout)


@contextmanager
def loader(cwd: Path) -> Iterator[NodeLoader]:
    yield NodeLoader(cwd)


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
    for name, module in modules.items():
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
        tags = {line.split(" ", 2)[1]: line.split(" ", 2)[2] for line in text.split("\n") if line.startswith("@param ")}
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


TYPESCRIPT = register(Target("typescript", check_syntax, loader, round_trip))
