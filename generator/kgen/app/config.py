"""kgen's configuration: `[tool.kgen]` in pyproject.toml, or kgen.yaml, in the current directory.

    [tool.kgen]                      # settings here apply to every output
    spec = "specs/cluster.json"
    groups = ["core/v1", "apps/v1"]

    [[tool.kgen.outputs]]            # optional: several outputs, each may override any setting
    name = "kube"
    out = "clients/kube"

    [[tool.kgen.outputs]]
    name = "argo"
    spec = "specs/argo.json"
    out = "clients/argo"
    package-name = "argo"

Without `outputs` the settings describe one output. Paths are relative to the
config file. Keys are the long flags of `kgen generate` without the dashes
(kgen.app.settings lists them, with their checks and defaults);
flags given on the command line override the config. Every problem is
reported with the file, the key (as a JSON pointer) and a hint; none is fatal
until all are found.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgen.app.request import Request
from kgen.app.settings import KEYED, request_fields, string
from kgen.diagnostics import Diagnostic, KgenError, Level, child
from kgen.sources.loading import load

PYPROJECT = "pyproject.toml"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
KGEN_YAML = "kgen.yaml"

# key -> check returning a problem or None; the keys are the flags of `kgen generate` (kgen.app.settings).
KEYS: dict[str, Callable[[Any], str | None]] = {s.dashed: s.check for s in KEYED if s.check is not None}
PATH_KEYS = tuple(s.dashed for s in KEYED if s.path)
SOURCE_KEYS = ("spec", "crd", "from-cluster")


@dataclass
class Output:
    """One output of a config: its settings (keys as in KEYS), paths resolved against the config's directory."""

    name: str
    settings: dict[str, Any]
    source: str  # the config file
    pointer: str  # where the output is declared in it


@dataclass
class Config:
    path: Path
    outputs: list[Output]


def find(directory: Path) -> Path | None:
    """kgen.yaml, or pyproject.toml when it has [tool.kgen]; both at once is ambiguous, so an error."""
    yaml_path = directory / KGEN_YAML
    pyproject = directory / PYPROJECT
    has_tool = pyproject.is_file() and _tool_section(pyproject) is not None
    if yaml_path.is_file() and has_tool:
        raise KgenError(
            [Diagnostic(Level.ERROR, f"both {KGEN_YAML} and [tool.kgen] in {PYPROJECT} configure kgen", hint="keep one of them")]
        )
    if yaml_path.is_file():
        return yaml_path
    return pyproject if has_tool else None


def read(path: Path) -> Config:
    """Load and check a config file; raises KgenError listing every problem."""
    if not path.is_file():
        raise KgenError([Diagnostic(Level.ERROR, "no such file", source=str(path), hint="check the path given to --config")])
    if path.name.endswith(".toml"):
        data, base = _tool_section(path), "/tool/kgen"
        if data is None:
            raise KgenError([Diagnostic(Level.ERROR, "no [tool.kgen] table", source=str(path), hint="add [tool.kgen] with spec and out")])
    else:
        data, base = load(str(path)).data, ""
    problems: list[Diagnostic] = []

    def problem(pointer: str, message: str, hint: str) -> None:
        problems.append(Diagnostic(Level.ERROR, message, pointer or "/", hint, str(path)))

    if not isinstance(data, dict):
        problem(base, "the configuration must be a table of settings", "see `kgen generate --help` for the keys")
        raise KgenError(problems)
    shared = _settings(data, base, problem, allowed={"outputs"})
    declared = data.get("outputs")
    if declared is None:
        entries: list[tuple[str, dict[str, Any]]] = [(base, {})]
    elif isinstance(declared, list) and declared and all(isinstance(e, dict) for e in declared):
        entries = [(child(base, "outputs", i), e) for i, e in enumerate(declared)]
    else:
        problem(child(base, "outputs"), "must be a non-empty list of tables", "write [[tool.kgen.outputs]] (TOML) or a list of mappings (YAML)")
        entries = []
    outputs: list[Output] = []
    for pointer, entry in entries:
        settings = {**shared, **_settings(entry, pointer, problem, allowed={"name"})}
        declared_name = entry.get("name")
        name = declared_name if isinstance(declared_name, str) else str(settings.get("out", f"output {len(outputs) + 1}"))
        for key in PATH_KEYS:
            value = settings.get(key)
            if isinstance(value, list):
                settings[key] = [str(path.parent / Path(item).expanduser()) for item in value]
            elif isinstance(value, str) and value != "-":
                settings[key] = str(path.parent / Path(value).expanduser())
        outputs.append(Output(name, settings, str(path), pointer))
    _check_unique(outputs, problem)
    if problems:
        raise KgenError(problems)
    return Config(path, outputs)


def select(config: Config, names: list[str]) -> list[Output]:
    """The outputs named (all of them when none is)."""
    if not names:
        return config.outputs
    known = {o.name: o for o in config.outputs}
    unknown = [n for n in names if n not in known]
    if unknown:
        hint = f"{config.path} declares: {', '.join(known)}"
        raise KgenError([Diagnostic(Level.ERROR, f"--output {n!r}: no output of that name", hint=hint) for n in unknown])
    return [known[n] for n in dict.fromkeys(names)]


def requests(outputs: list[Output], flags: dict[str, Any]) -> list[Request]:
    """One request per output; each flag given (keys as in KEYS) overrides the output's setting."""
    problems = [
        Diagnostic(Level.ERROR, f"--{key} {error}", hint=f"see `kgen generate --help` for --{key}")
        for key, value in flags.items()
        if (error := KEYS[key](value))
    ]
    if problems:
        raise KgenError(problems)
    result = []
    for output in outputs:
        settings = {**output.settings, **flags}
        where = f"{output.name!r} in {output.source}" if output.source else "this run"
        if "out" not in settings:
            problems.append(Diagnostic(Level.ERROR, f"no out for {where}", hint="pass --out, or set out in [tool.kgen] of pyproject.toml or in kgen.yaml"))
        if not any(settings.get(k) for k in SOURCE_KEYS):
            problems.append(
                Diagnostic(Level.ERROR, f"no spec for {where}", hint="pass --spec, --crd or --from-cluster, or set one of them in [tool.kgen] of pyproject.toml or in kgen.yaml")
            )
        elif settings.get("spec") and settings.get("from-cluster"):
            problems.append(Diagnostic(Level.ERROR, f"both spec and from-cluster for {where}", hint="the document comes from a file or from the cluster: choose one"))
        if not problems:
            result.append(_request(settings))
    if problems:
        raise KgenError(problems)
    return result


def _request(settings: dict[str, Any]) -> Request:
    request = Request(**request_fields(settings))
    pack = request.pack
    if pack is not None and pack.name is not None:
        if "target" in settings:
            raise KgenError([Diagnostic(Level.ERROR, f"the template pack defines the target {pack.name!r}; --target {request.target} cannot be used with it", source=settings["templates"], hint="leave out --target (or target in the config)")])
        request.target = pack.name
    return request


def _settings(table: dict[str, Any], pointer: str, problem: Callable[[str, str, str], None], allowed: set[str]) -> dict[str, Any]:
    """The known settings of one table; reports unknown keys and bad values."""
    settings: dict[str, Any] = {}
    for key, value in table.items():
        where = child(pointer, key)
        if key in allowed:
            if key == "name" and string(value):
                problem(where, f"name {string(value)}", "name the output, for --output NAME")
            continue
        check = KEYS.get(key)
        if check is None:
            close = difflib.get_close_matches(key.replace("_", "-"), list(KEYS) + sorted(allowed), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(KEYS)}"
            problem(where, f"unknown key {key!r}", hint)
            continue
        error = check(value)
        if error:
            problem(where, f"{key} {error}", f"see `kgen generate --help` for --{key}")
            continue
        settings[key] = value
    return settings


def _check_unique(outputs: list[Output], problem: Callable[[str, str, str], None]) -> None:
    seen_names: set[str] = set()
    seen_outs: dict[str, str] = {}
    for output in outputs:
        if output.name in seen_names:
            problem(output.pointer, f"a second output is named {output.name!r}", "give each output its own name")
        seen_names.add(output.name)
        out = output.settings.get("out")
        if isinstance(out, str):
            key = str(Path(out).resolve())
            if key in seen_outs:
                problem(output.pointer, f"output {output.name!r} writes to the same directory as {seen_outs[key]!r}", "give each output its own out")
            seen_outs[key] = output.name


def _tool_section(path: Path) -> Any:
    """[tool.kgen] of a pyproject.toml, or None; a file that is not valid TOML is an error."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # black, a kgen dependency, requires tomli there
        import tomli as tomllib

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KgenError([Diagnostic(Level.ERROR, f"cannot read: {exc}", source=str(path), hint="check the file")]) from None
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_POSITION.search(str(exc))
        message = _TOML_POSITION.sub("", str(exc)).strip()
        line, column = (int(at.group(1)), int(at.group(2))) if at else (None, None)
        raise KgenError([Diagnostic(Level.ERROR, f"invalid TOML: {message}", "", "fix the TOML syntax", str(path), line, column)]) from None
    tool = data.get("tool")
    return tool.get("kgen") if isinstance(tool, dict) else None
