"""kgen.app.settings: the table, the command line, the config keys, Request, Options and the README agree."""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path

from kgen.app import cli, config, settings
from kgen.app.request import Request
from kgen.app.settings import SETTINGS
from kgen.targets.base import Options

README = Path(__file__).resolve().parents[3] / "README.md"
SHARED = {"--help", "--quiet", "--verbose"}  # every command's, not settings


def _commands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _long_options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings if o.startswith("--")}


def test_every_row_is_a_flag_or_a_key_and_each_key_has_a_check() -> None:
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.option or setting.config_key, setting.name
        assert (setting.check is not None) == setting.key, setting.name
        assert setting.commands and setting.help, setting.name


def test_each_command_has_the_flags_of_its_rows() -> None:
    commands = _commands()
    own = {"list": {"--json"}, "fetch": {"--output"}, "targets": {"--templates"}}  # arguments of one command, not settings
    for name, parser in commands.items():
        rows = {s.option for s in SETTINGS if s.option and name in s.commands}
        negated = {f"--no-{o[2:]}" for o in rows if o in ("--lenient", "--format")}
        assert _long_options(parser) == rows | negated | SHARED | own.get(name, set()), name
    assert {c for s in SETTINGS for c in s.commands} <= set(commands)


def test_a_flag_left_out_leaves_the_config_value() -> None:
    """Each key's flag is None unless given, and the flags given come out keyed as in a config file."""
    parser = cli._parser()
    args = parser.parse_args(["generate"])
    assert settings.given(args) == {}
    args = parser.parse_args(["generate", "--package-name", "x", "--no-format", "--crd", "a", "b", "--groups", "apps/*"])
    assert settings.given(args) == {"package-name": "x", "format": False, "crd": ["a", "b"], "groups": ["apps/*"]}


def test_the_config_keys_are_the_rows_with_keys() -> None:
    keyed = {s.config_key for s in SETTINGS if s.config_key}
    assert set(config.KEYS) == keyed
    assert set(config.PATH_KEYS) == {s.config_key for s in SETTINGS if s.path} <= keyed
    assert set(config.SOURCE_KEYS) <= keyed


def test_request_has_a_field_for_each_key_with_its_default() -> None:
    fields = {f.name: f for f in dataclasses.fields(Request)}
    keyed = {s.attribute: s for s in SETTINGS if s.key}
    assert set(fields) == set(keyed) | {"validate"}
    for name, setting in keyed.items():
        if name not in ("spec", "out"):  # every Request names them (spec may be None)
            assert fields[name].default == setting.default, name
    request = Request(**settings.request_fields({"out": "o", "from-cluster": True, "crd": "x.yaml"}))
    assert request.out == Path("o") and request.crds == ("x.yaml",) and request.lenient  # lenient defaults to from-cluster
    assert Request(**settings.request_fields({"out": "o", "from-cluster": True, "lenient": False})).lenient is False


def test_what_shapes_output_is_recorded_and_what_targets_read_is_in_options() -> None:
    assert set(Request(None, Path("o")).options()) == {s.name for s in SETTINGS if s.shapes_output}
    option_fields = {f.name for f in dataclasses.fields(Options)}
    assert {s.attribute for s in SETTINGS if s.target_option} <= option_fields
    assert all(s.shapes_output for s in SETTINGS if s.target_option)  # what a target reads shapes its files


def test_the_readme_options_table_lists_every_flag_of_generate() -> None:
    table = README.read_text("utf-8").split("### Options\n\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| `")]
    listed = set(re.findall(r"`(--[a-z-]+)", " ".join(rows)))
    listed |= {"--" + o[len("--no-"):] for o in listed if o.startswith("--no-")}
    flags = {s.option for s in SETTINGS if s.option and "generate" in s.commands}
    assert flags | {"--quiet", "--verbose"} <= listed
