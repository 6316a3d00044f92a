"""Every setting of a kgen run, in one table: flag, config-file key, default, check, help, and what it shapes.

A setting with a config key describes an output: it is a key of `[tool.kgen]`
in pyproject.toml or of kgen.yaml (see kgen.app.config), a field of Request,
and, when it shapes output, an option kgen.lock records so that `--check`
notices a change. A setting with a flag alone says how this run goes
(`--check`, `--config`). The flag is the key with two dashes; the argparse
options, the config's keys and checks, Request's values and the target's
Options are all built from this table, so a new setting is a new row (and the
typed field of Request, or Options, that reads it).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgen.app.selection import canonical, parse_patterns
from kgen.sources.loading import MAX_BYTES, MAX_DEFINITIONS, MAX_DEPTH, MAX_DEPTH_CEILING, MAX_OPERATIONS
from kgen.sources.validation import VALIDATION_TIMEOUT
from kgen.targets import registry

Check = Callable[[Any], str | None]

GENERATE = ("generate",)
DOCUMENT = ("generate", "validate", "list")  # the commands that read a document
SELECTING = ("generate", "list")
CLUSTER = ("generate", "fetch")


def string(value: Any) -> str | None:
    """A non-empty string (also the check of an output's name)."""
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
    return string(value) or (None if value in registry.BUILTIN else f"must be one of: {', '.join(registry.BUILTIN)}")


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


def _listed(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """One value or several (a config may give one string where a flag repeats)."""
    return (value,) if isinstance(value, str) else tuple(value)


def count(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}" if high is not None else f"{value} is less than {low}")
        return value

    return parse


@dataclass(frozen=True)
class Setting:
    """One row of the table (the columns in order: name, help, default, check, then by keyword)."""

    name: str  # the argparse dest, and the Request field unless `request_field` names another
    help: str
    default: Any = None  # what a run uses when neither a flag nor the config sets it
    check: Check | None = None  # a value's problem, or None (config values, and flags once argparse parsed them)
    key: bool = True  # also a config-file key; such a setting is a Request field
    flag: bool = True
    commands: tuple[str, ...] = GENERATE  # the commands with the flag
    shapes_output: bool = False  # recorded in kgen.lock's options
    target_option: bool = False  # handed to the target in Options
    path: bool = False  # a path, resolved against the config file's directory
    default_from: str | None = None  # another setting whose value is the default
    convert: Callable[[Any], Any] | None = None  # a config or flag value -> the Request field's type
    record: Callable[[Any], Any] | None = None  # the Request field -> its canonical form in kgen.lock
    request_field: str = ""  # the Request field, when it is not named as the setting
    arguments: Mapping[str, Any] = field(default_factory=dict)  # argparse's type, metavar, action, nargs, choices

    @property
    def attribute(self) -> str:
        """The Request field."""
        return self.request_field or self.name

    @property
    def dashed(self) -> str:
        return self.name.replace("_", "-")

    @property
    def option(self) -> str | None:
        """The flag, such as --package-name."""
        return "--" + self.dashed if self.flag else None

    @property
    def config_key(self) -> str | None:
        """The key in a config file, such as package-name."""
        return self.dashed if self.key else None


_BOOLEAN = {"action": argparse.BooleanOptionalAction}
_SWITCH = {"action": "store_true"}
_PATTERNS = {"action": "append", "metavar": "PATTERNS"}

# In the order of `--help`: first the options several commands share, then those of `kgen generate`.
SETTINGS: tuple[Setting, ...] = (
    Setting("lenient", "turn quirks real clusters publish into warnings", False, _boolean, commands=DOCUMENT, shapes_output=True,
            default_from="from_cluster", arguments=_BOOLEAN),  # live clusters publish the quirks
    Setting("max_bytes", f"refuse larger documents (default {MAX_BYTES})", MAX_BYTES, _positive, commands=(*DOCUMENT, "fetch"),
            arguments={"type": count(1)}),
    Setting("max_depth", f"refuse deeper nesting (default {MAX_DEPTH}, at most {MAX_DEPTH_CEILING})", MAX_DEPTH, _depth, commands=DOCUMENT,
            arguments={"type": count(1, MAX_DEPTH_CEILING)}),
    Setting("max_definitions", f"refuse more definitions (default {MAX_DEFINITIONS})", MAX_DEFINITIONS, _positive, commands=DOCUMENT,
            arguments={"type": count(1)}),
    Setting("max_operations", f"refuse more operations (default {MAX_OPERATIONS})", MAX_OPERATIONS, _positive, commands=DOCUMENT,
            arguments={"type": count(1)}),
    Setting("validation_timeout", f"give up validating after this long (default {VALIDATION_TIMEOUT:g}; an error unless --lenient)",
            VALIDATION_TIMEOUT, _seconds, commands=DOCUMENT, arguments={"type": float, "metavar": "SECONDS"}),
    Setting("groups", "keep only these GROUP/VERSION globs, comma-separated (core/v1,apps/*); models they use come along", (), _patterns,
            commands=SELECTING, shapes_output=True, convert=_listed, record=canonical, arguments=_PATTERNS),
    Setting("exclude_groups", "leave out these GROUP/VERSION globs", (), _patterns,
            commands=SELECTING, shapes_output=True, convert=_listed, record=canonical, arguments=_PATTERNS),
    Setting("kubeconfig", "the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)", None, string, commands=CLUSTER, path=True),
    Setting("context", "the kubeconfig context (default: its current-context)", None, string, commands=CLUSTER),
    Setting("spec", "the document: a JSON or YAML file, or - for stdin", None, string, path=True),
    Setting("crd", "CustomResourceDefinition manifests (YAML or JSON, files or directories) to add; alone, or with --spec or --from-cluster",
            (), _paths, path=True, convert=_listed, request_field="crds", arguments={"nargs": "+", "action": "extend", "metavar": "FILE_OR_DIR"}),
    Setting("from_cluster", "fetch /openapi/v2 (and /openapi/v3) from the kubeconfig's cluster instead of --spec", False, _boolean,
            arguments=_SWITCH),
    Setting("out", "output directory (files kgen did not write are kept)", None, string, path=True, convert=Path),
    Setting("config", "a kgen.yaml or pyproject.toml (default: the one in the current directory)", key=False, arguments={"type": Path}),
    Setting("output", "generate only this output of the config (repeatable)", key=False, arguments={"action": "append", "metavar": "NAME"}),
    Setting("target", "language to generate (default: python)", "python", _target, arguments={"choices": registry.BUILTIN}),
    Setting("templates", "a template pack: overrides of the target's templates, or a target of its own (code: trust it as such)", None, string,
            path=True, arguments={"metavar": "DIR"}),
    Setting("package_name", "import name of the generated package, or with --target go its module path, such as example.com/kube (default: kube)",
            "kube", string, shapes_output=True, target_option=True),
    Setting("project_name", "distribution name in the generated pyproject.toml (default: from --package-name)", None, string,
            shapes_output=True, target_option=True),
    Setting("project_version", "version in the generated pyproject.toml (default: 0.1.0)", "0.1.0", string,
            shapes_output=True, target_option=True),
    Setting("format", "format with black where kgen's own layout is not exact, or gofmt where installed for --target go (default: on)",
            True, _boolean, shapes_output=True, arguments=_BOOLEAN),
    Setting("check", "write nothing; exit 1 if generating would change the output", key=False, arguments=_SWITCH),
    Setting("diff", "with --check: print full unified diffs", key=False, arguments=_SWITCH),
    Setting("full", "generate (in memory with --check) even when kgen.lock shows the output is up to date", key=False, arguments=_SWITCH),
)  # fmt: skip
BY_NAME = {s.name: s for s in SETTINGS}
KEYED = tuple(s for s in SETTINGS if s.key)  # an output's settings: config keys and Request fields


def default(name: str) -> Any:
    """A setting's default, for its Request field."""
    return BY_NAME[name].default


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """The command's flags; a flag left out is None, so that the config's value stands."""
    for setting in SETTINGS:
        if setting.option is not None and command in setting.commands:
            unset = {"default": None} if setting.key else {}
            parser.add_argument(setting.option, help=setting.help, **{**unset, **setting.arguments})


def given(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the user gave as flags of this command, keyed as in a config file."""
    return {s.dashed: getattr(args, s.name) for s in KEYED if getattr(args, s.name, None) is not None}


def request_fields(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Request's fields from an output's settings (keyed as in a config file), each one missing at its default."""
    found = {}
    for setting in KEYED:
        value = settings.get(setting.dashed)
        if value is not None:
            found[setting.attribute] = setting.convert(value) if setting.convert is not None else value
    for setting in KEYED:
        if setting.attribute not in found:
            source = BY_NAME[setting.default_from] if setting.default_from else setting
            found[setting.attribute] = found.get(source.attribute, source.default)
    return found
