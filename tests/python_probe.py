"""Import a generated Python package and report what its code says, as JSON.

Runs in its own interpreter (never inside pytest): importing generated code
is the thing under test, and a payload that escaped its context would run
here. Usage:

    python python_probe.py ROOT PACKAGE     one package, one JSON document on stdout
    python python_probe.py --serve          one JSON request per stdin line: {"root": ..., "package": ...}

What it reports, per module: every msgspec Struct class (docstring, attribute
and wire names, API_VERSION/KIND), every open-enum class (its constants),
every Op constant (method, path, wire map, ...), every TypedDict, and every
method of the API classes, called with a recording client so that the Op
and arguments it really sends are seen.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import pkgutil
import re
import sys
import typing
from typing import Any

import msgspec

_UNPACK = re.compile(r"^Unpack\[(\w+)\]$")


class _Recorder:
    """Stands in for Client/AsyncClient: remembers what a generated method passes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, dict[str, Any]]] = []

    def request(self, op: Any, arguments: dict[str, Any]) -> None:
        self.calls.append(("request", op, dict(arguments)))

    def watch(self, op: Any, arguments: dict[str, Any], item: Any) -> None:
        self.calls.append(("watch", op, dict(arguments)))


class _AsyncRecorder(_Recorder):
    async def request(self, op: Any, arguments: dict[str, Any]) -> None:  # type: ignore[override]
        self.calls.append(("request", op, dict(arguments)))


def camel(attribute: str) -> str:
    """The wire name msgspec's rename="camel" gives an attribute."""
    struct = msgspec.defstruct("Probe", [(attribute, object)], rename="camel")
    return msgspec.structs.fields(struct)[0].encode_name


def _struct(cls: type) -> dict[str, Any]:
    return {
        "doc": cls.__doc__,
        "fields": [[f.name, f.encode_name] for f in msgspec.structs.fields(cls)],
        "api_version": cls.__dict__.get("API_VERSION"),
        "kind": cls.__dict__.get("KIND"),
    }


def _op(op: Any) -> dict[str, Any]:
    names = ("method", "path", "wire", "args", "headers", "form", "formats", "patch")
    status = op.or_status
    return {**{name: getattr(op, name) for name in names}, "or_status": getattr(status, "__name__", status)}


def _query_type(module: Any, annotation: str) -> Any:
    """The TypedDict of `**query: Unpack[Name]`: in the module, or in the package's _queries (imported for type checkers only)."""
    match = _UNPACK.match(annotation)
    if match is None:
        return None
    name = match.group(1)
    if hasattr(module, name):
        return getattr(module, name)
    return getattr(importlib.import_module(module.__name__.split(".")[0] + "._queries"), name)


def _call(method: Any, recorder: _Recorder, module: Any) -> dict[str, Any]:
    """Call a generated method with a value for every argument; report what reached the client."""
    signature = inspect.signature(method)
    positional, keyword, query = [], [], None
    for name, param in signature.parameters.items():
        if param.kind is param.VAR_KEYWORD:
            query = _query_type(module, str(param.annotation))
        elif param.default is not param.empty:
            continue
        elif param.kind is param.KEYWORD_ONLY:
            keyword.append(name)
        else:
            positional.append(name)
    query_keys = list(query.__annotations__) if query else []
    result = method(*[f"<{n}>" for n in positional], **{n: f"<{n}>" for n in keyword}, **{k: f"<{k}>" for k in query_keys})
    if inspect.iscoroutine(result):
        asyncio.run(result)
    kind, op, arguments = recorder.calls.pop()
    return {
        "doc": method.__doc__,
        "kind": kind,
        "op": id(op),
        "positional": positional,
        "keyword": keyword,
        "query": query.__name__ if query else None,
        "query_keys": query_keys,
        "arguments": sorted(arguments),
        "camel": {name: camel(name) for name in positional + keyword + query_keys},
    }


def _api_classes(module: Any) -> dict[str, Any]:
    classes = {}
    for name, cls in vars(module).items():
        if not inspect.isclass(cls) or cls.__module__ != module.__name__:
            continue
        bases = {b.__name__ for b in cls.__mro__[1:]}
        if not bases & {"Api", "AsyncApi"}:
            continue
        recorder = _AsyncRecorder() if "AsyncApi" in bases else _Recorder()
        instance = cls(recorder)
        methods = {
            attr: _call(getattr(instance, attr), recorder, module)
            for attr, value in vars(cls).items()
            if inspect.isfunction(value) and not attr.startswith("_")
        }
        classes[name] = {"doc": cls.__doc__, "async": "AsyncApi" in bases, "methods": methods}
    return classes


def describe(module: Any) -> dict[str, Any]:
    ops = {name: value for name, value in vars(module).items() if type(value).__name__ == "Op"}
    names_by_id = {id(op): name for name, op in ops.items()}
    classes = _api_classes(module)
    for cls in classes.values():
        for method in cls["methods"].values():
            method["op"] = names_by_id.get(method["op"])
    return {
        "doc": module.__doc__,
        "all": list(getattr(module, "__all__", [])),
        "structs": {
            name: _struct(cls)
            for name, cls in vars(module).items()
            if inspect.isclass(cls) and issubclass(cls, msgspec.Struct) and cls.__module__ == module.__name__
        },
        "enums": {
            name: {"doc": cls.__doc__, "values": {k: v for k, v in vars(cls).items() if k.isupper()}}
            for name, cls in vars(module).items()
            if inspect.isclass(cls) and "Value" in vars(cls) and cls.__module__ == module.__name__
        },
        "ops": {name: _op(op) for name, op in ops.items()},
        "typed_dicts": {
            name: {"doc": cls.__doc__, "keys": list(cls.__annotations__)}
            for name, cls in vars(module).items()
            if inspect.isclass(cls) and typing.is_typeddict(cls) and cls.__module__ == module.__name__
        },
        "api_classes": classes,
    }


def probe(root: str, package: str) -> dict[str, Any]:
    sys.path.insert(0, root)
    try:
        top = importlib.import_module(package)
        names = [package] + sorted(m.name for m in pkgutil.walk_packages(top.__path__, package + "."))
        modules = {name: describe(importlib.import_module(name)) for name in names}
        return {"modules": modules}
    finally:
        sys.path.remove(root)
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def _answer(root: str, package: str) -> str:
    try:
        return json.dumps({"ok": probe(root, package)})
    except BaseException as exc:  # noqa: BLE001 - every failure of generated code is a finding to report
        return json.dumps({"error": f"{type(exc).__name__}: {exc}"})


def main() -> None:
    if sys.argv[1:] == ["--serve"]:
        for line in sys.stdin:
            request = json.loads(line)
            print(_answer(request["root"], request["package"]), flush=True)
        return
    root, package = sys.argv[1:3]
    print(_answer(root, package))


if __name__ == "__main__":
    main()
