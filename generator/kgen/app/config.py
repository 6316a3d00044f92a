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
config file. Keys are the long flags of `kgen generate` without the dashes;
flags given on the command line override the config. Every problem is
reported with the file, the key (as a JSON pointer) and a hint; none is fatal
until all are found.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgen.diagnostics import Diagnostic, KgenError, Level, child
from kgen.sources.loading import MAX_BYTES, MAX_DEFINITIONS, MAX_DEPTH, MAX_DEPTH_CEILING, MAX_OPERATIONS, Limits, load
from kgen.app.request import Request
from kgen.app.selection import Selection, parse_patterns
from kgen.targets import packs, registry
from kgen.sources.validation import VALIDATION_TIMEOUT

PYPROJECT = "pyproject.toml"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
KGEN_YAML = "kgen.yaml"


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _positive(value: Any) -> str | None:
    return None if isinstance(value, int) and not isinstance(value, bool) and value > 0 else "must be a positive integer"


def _depth(value: Any) -> str | None:
    return _positive(value) or (None if value <= MAX_DEPTH_CEILING else f"must be at most {MAX_DEPTH_CEILING}")


def _seconds(value: Any) -> str | None:
    return None if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else "must be a positive number of seconds"


def _target(value: Any) -> str | None:
    return _string(value) or (None if value in registry.BUILTIN else f"must be one of: {', '.join(registry.BUILTIN)}")


def _paths(value: Any) -> str | None:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
        return "must be a path or a list of paths"
    return None


def _patterns(value: Any) -> str | None:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return "must be a list of GROUP/VERSION patterns (or one comma-separated string)"
    try:
        parse_patterns(items)
    except ValueError as exc:
        return str(exc)
    return None


# key -> check returning a problem or None; the keys are the flags of `kgen generate`.
KEYS: dict[str, Callable[[Any], str | None]] = {
    "spec": _string,
    "crd": _paths,
    "from-cluster": _boolean,
    "kubeconfig": _string,
    "context": _string,
    "out": _string,
    "target": _target,
    "templates": _string,
    "package-name": _string,
    "project-name": _string,
    "project-version": _string,
    "groups": _patterns,
    "exclude-groups": _patterns,
    "lenient": _boolean,
    "format": _boolean,
    "max-bytes": _positive,
    "max-depth": _depth,
    "max-definitions": _positive,
    "max-operations": _positive,
    "validation-timeout": _seconds,
}
PATH_KEYS = ("spec", "crd", "kubeconfig", "out", "templates")
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
    def patterns(key: str) -> list[str]:
        value = settings.get(key, [])
        return [value] if isinstance(value, str) else list(value)

    target = settings.get("target", "python")
    templates = settings.get("templates")
    if templates is not None:
        pack = packs.read(templates)
        if pack.name is not None and "target" in settings:
            raise KgenError([Diagnostic(Level.ERROR, f"the template pack defines the target {pack.name!r}; --target {target} cannot be used with it", source=templates, hint="leave out --target (or target in the config)")])
        target = pack.name or target
    return Request(
        spec=settings.get("spec"),
        out=Path(settings["out"]),
        target=target,
        templates=templates,
        package_name=settings.get("package-name", "kube"),
        project_name=settings.get("project-name"),
        project_version=settings.get("project-version", "0.1.0"),
        lenient=settings.get("lenient", settings.get("from-cluster", False)),  # live clusters publish the quirks
        format=settings.get("format", True),
        validation_timeout=settings.get("validation-timeout", VALIDATION_TIMEOUT),
        limits=Limits(
            settings.get("max-bytes", MAX_BYTES),
            settings.get("max-depth", MAX_DEPTH),
            settings.get("max-definitions", MAX_DEFINITIONS),
            settings.get("max-operations", MAX_OPERATIONS),
        ),
        selection=Selection.parse(patterns("groups"), patterns("exclude-groups")),
        crds=tuple(patterns("crd")),
        from_cluster=settings.get("from-cluster", False),
        kubeconfig=settings.get("kubeconfig"),
        context=settings.get("context"),
    )


def _settings(table: dict[str, Any], pointer: str, problem: Callable[[str, str, str], None], allowed: set[str]) -> dict[str, Any]:
    """The known settings of one table; reports unknown keys and bad values."""
    settings: dict[str, Any] = {}
    for key, value in table.items():
        where = child(pointer, key)
        if key in allowed:
            if key == "name" and _string(value):
                problem(where, f"name {_string(value)}", "name the output, for --output NAME")
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
    try:
        import tomllib
    except ImportError:  # Python 3.10: black, a kgen dependency, requires tomli there
        import tomli as tomllib  # type: ignore[no-redef]

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
