"""Every subcommand and exit code; plain output when piped, colour only on a terminal and never with NO_COLOR."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DEMO, generate, run_kgen

from kgen import __version__
from kgen.app.console import Console, Progress

ANSI = "\x1b"


def test_version() -> None:
    result = run_kgen("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"kgen {__version__}"


def test_help_has_an_example_for_every_subcommand() -> None:
    main = run_kgen("--help")
    assert main.returncode == 0
    for command in ("generate", "validate", "list", "targets"):
        assert f"  kgen {command}" in main.stdout, command
        sub = run_kgen(command, "--help")
        assert sub.returncode == 0 and "examples:" in sub.stdout and f"  kgen {command}" in sub.stdout, command


def test_usage_errors_exit_2() -> None:
    for args in (["frobnicate"], ["generate", "--no-such-flag"], ["list"], ["generate", "--quiet", "--verbose"]):
        result = run_kgen(*args)
        assert result.returncode == 2 and result.stdout == "" and result.stderr, args


def test_targets() -> None:
    result = run_kgen("targets")
    assert result.returncode == 0 and [line.split()[0] for line in result.stdout.splitlines()] == ["csharp", "go", "java", "python", "typescript"]


def test_validate(tmp_path: Path) -> None:
    result = run_kgen("validate", str(DEMO))
    assert result.returncode == 0 and f"{DEMO} is valid: 45 models, 52 operations" in result.stdout and result.stderr == ""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Missing"}}}}}}}))
    result = run_kgen("validate", str(bad))
    assert result.returncode == 2 and result.stdout == "" and "Missing" in result.stderr and f"{bad}#/paths/~1x" in result.stderr
    assert not any(tmp_path.glob("*/kgen.lock"))


def test_validate_reads_stdin() -> None:
    result = run_kgen("validate", "-", input=DEMO.read_bytes())
    assert result.returncode == 0 and "<stdin> is valid" in result.stdout


def test_list_table_and_json() -> None:
    result = run_kgen("list", str(DEMO))
    assert result.returncode == 0
    header, *rows, total = result.stdout.splitlines()
    assert header.split() == ["GROUP", "VERSION", "OPERATIONS", "MODELS", "KINDS"]
    core = next(r for r in rows if r.startswith("core "))
    assert core.split()[:4] == ["core", "v1", "29", "18"] and core.endswith("ConfigMap, Pod, Service")
    assert total == "8 packages, 52 operations, 45 models"
    listed = json.loads(run_kgen("list", str(DEMO), "--json").stdout)
    groups = {(g["group"], g["version"]): g for g in listed["groups"]}
    assert groups[("apps", "v1")] == {"group": "apps", "version": "v1", "kinds": ["Deployment"], "operations": 11, "models": 4}
    assert groups[("version", None)]["operations"] == 1
    selected = json.loads(run_kgen("list", str(DEMO), "--json", "--groups", "example.com/*").stdout)
    assert {g["group"] for g in selected["groups"]} == {"example.com", "meta"}  # and the meta/v1 models Widget uses


def test_list_of_a_bad_document_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("swagger: '2.0'\ninfo: [\n")
    result = run_kgen("list", str(bad))
    assert result.returncode == 2 and "invalid YAML" in result.stderr and result.stdout == ""


def test_generate_quiet_and_verbose(tmp_path: Path) -> None:
    quiet = run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "q"), "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "v"), "--verbose")
    assert verbose.returncode == 0 and verbose.stdout.count("\n") == 1  # one summary line
    for stage in ("reading", "parsing", "building the IR", "rendering", "writing"):
        assert f"kgen: {stage} " in verbose.stderr, stage
    assert "kgen: wrote kube/core/v1/models.py" in verbose.stderr


def test_summary_line_has_counts_time_and_output(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out))
    (line,) = result.stdout.splitlines()
    written = sum(1 for p in out.rglob("*") if p.is_file()) - 1  # kgen.lock is not counted
    assert line.startswith(f"kgen: 45 models, 52 operations in 8 packages; {written} files written, 0 unchanged, 0 removed in ")
    assert line.endswith(f"s -> {out}")
    again = run_kgen("generate", "--spec", str(DEMO), "--out", str(out))
    assert again.stdout.startswith(f"kgen: up to date, {written} files match kgen.lock; nothing written in ")
    full = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--full")
    assert full.stdout.startswith(f"kgen: 45 models, 52 operations in 8 packages; 0 files written, {written} unchanged, 0 removed in ")


def test_nothing_piped_carries_escape_sequences(tmp_path: Path) -> None:
    out = generate(DEMO, tmp_path / "o")
    (out / "kube" / "core" / "v1" / "models.py").write_text("edited\n")
    env = {"NO_COLOR": "", "TERM": "xterm-256color"}
    runs = [
        run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--check", "--diff", env=env),
        run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "x"), "--groups", "nope", env=env),
        run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "v"), "--verbose", env=env),
        run_kgen("list", str(DEMO), env=env),
        run_kgen("validate", str(DEMO), env=env),
        run_kgen("targets", env=env),
    ]
    assert [r.returncode for r in runs] == [1, 2, 0, 0, 0, 0]
    for result in runs:
        assert ANSI not in result.stdout and ANSI not in result.stderr and "\r" not in result.stderr


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run kgen with stdout and stderr on a pseudo-terminal; everything it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "kgen", *args], stdout=follower, stderr=follower, env={**os.environ, **env})
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: kgen is done
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(leader)
    return output.decode()


def test_colour_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    out = generate(DEMO, tmp_path / "o")
    (out / "kube" / "core" / "v1" / "models.py").write_text("edited\n")
    args = ["generate", "--spec", str(DEMO), "--out", str(out), "--check"]
    coloured = _on_a_terminal(args, {"TERM": "xterm", "NO_COLOR": ""})
    assert "\x1b[32m" in coloured and "kgen: out of date" in coloured
    plain = _on_a_terminal(args, {"TERM": "xterm", "NO_COLOR": "1"})
    assert ANSI not in plain and "kgen: out of date" in plain


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_after_the_delay_and_erases_itself() -> None:
    stream = _Terminal()
    with Progress(stream, "kgen", enabled=True, delay=0.05, interval=0.01) as progress:
        progress("rendering")
        time.sleep(0.3)
    text = stream.getvalue()
    assert "\rkgen: rendering " in text and ANSI not in text
    assert text.endswith("\r") and text.rsplit("\r", 2)[-2].strip() == ""  # the last draw is a blank line
    assert [name for name, _ in progress.timings] == ["rendering"]


def test_no_progress_for_short_work_or_off_a_terminal() -> None:
    stream = _Terminal()
    with Progress(stream, "kgen", enabled=True, delay=5.0) as progress:
        progress("reading")
    assert stream.getvalue() == ""
    piped = io.StringIO()
    console = Console(stdout=piped, stderr=piped)
    with console.progress("kgen") as progress:
        progress("reading")
    assert piped.getvalue() == ""


@pytest.mark.parametrize(("env", "expected"), [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)])
def test_console_colour_rules(env: dict[str, str], expected: bool) -> None:
    stream = _Terminal()
    Console(stdout=stream, stderr=stream, env=env).report_line("+added", "+")
    assert (ANSI in stream.getvalue()) is expected
    plain = _Terminal()
    Console(stdout=plain, stderr=plain, env=env).report_line("      - a context line that looks removed", "")
    assert ANSI not in plain.getvalue()


def test_list_table_is_cut_to_the_terminal_width() -> None:
    from kgen.app.listing import Row, table

    rows = [Row("core", "v1", ["ConfigMap", "Pod", "Service"] * 10, 29, 18), Row("version", None, [], 1, 1)]
    cut = table(rows, width=50)
    assert all(len(line) <= 50 for line in cut[:-1]) and cut[1].endswith("...")
    assert table(rows)[1].endswith("Service") and table(rows)[2].split() == ["version", "-", "1", "1", "-"]


def test_a_bug_in_a_target_is_reported_as_kgens_not_blamed_on_the_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A target's own ValueError (not an OptionError) is an internal error, exit 70, and the output stays untouched."""
    from kgen.app import cli
    from kgen.targets import registry

    python = registry.builtin("python")

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise ValueError("() is not in list")

    monkeypatch.setattr(python, "render", broken)
    out = tmp_path / "out"
    assert cli.main(["generate", "--spec", str(DEMO), "--out", str(out)]) == cli.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "internal error: ValueError: () is not in list" in err and "bug in kgen" in err
    assert "change the option" not in err and not out.exists()
    monkeypatch.undo()
    assert cli.main(["generate", "--spec", str(DEMO), "--out", str(out), "--package-name", "class"]) == 2  # an OptionError is the user's
    assert "reserved word" in capsys.readouterr().err
