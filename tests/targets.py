"""The targets the hostile, fuzz and determinism suites check, and the checks every target shares.

A target joins by registering a `Target`: how to check that its output
parses (and is in its canonical format), how to load every generated module
in a separate process (the load must run nothing that came from the spec),
and how to read the loaded code back against the IR (every literal and
docstring carries its spec text unchanged). The suites run every check for
every registered target and count what they checked (`CHECKED`, printed at
the end of the pytest run).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from kgen.ir.model import Api, EnumOf
from kgen.ir.walk import enums_in

CHECKED: Counter[tuple[str, str]] = Counter()  # (suite, target) -> cases checked
CANARY = "@CANARY@"  # in corpus and fuzz texts: replaced by a path that payloads try to create
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Loader(Protocol):
    """Loads generated packages in a process of its own; one loader may serve many packages."""

    def load(self, root: Path, package: str) -> dict[str, Any]: ...


class Generated(NamedTuple):
    root: Path  # the output directory
    package: str  # the --package-name it was generated with


@dataclass(frozen=True)
class Target:
    name: str  # the --target value
    check_syntax: Callable[[Path, bool], None]  # (output root, formatted?) -> raises AssertionError
    loader: Callable[[Path], Any]  # (working directory) -> a context manager yielding a Loader
    round_trip: Callable[[Api, dict[str, Any], Path, str], list[str]]  # (ir, loaded facts, root, package) -> problems
    missing: Callable[[], str | None] = lambda: None  # why the target's toolchain cannot run here (the suites skip)
    layout_characters: frozenset[str] = frozenset()  # characters its formatter itself writes (gofmt's tabs)
    fuzz_share: float = 1.0  # of the fuzz suites' examples: targets whose checks compile a program take fewer
    # (document id -> its output, a scratch directory) -> problems per document id: the target's compile and
    # type check, run once over all of them (the conformance suite; a target without it fails that suite)
    check_packages: Callable[[dict[str, Generated], Path], dict[str, list[str]]] | None = None

    def fuzz_examples(self, examples: int) -> int:
        return max(1, round(examples * self.fuzz_share))


TARGETS: dict[str, Target] = {}


def register(target: Target) -> Target:
    TARGETS[target.name] = target
    return target


def all_targets() -> list[Target]:
    import target_csharp  # noqa: F401 - registers itself
    import target_go  # noqa: F401 - registers itself
    import target_java  # noqa: F401 - registers itself
    import target_python  # noqa: F401 - registers itself
    import target_typescript  # noqa: F401 - registers itself

    return [TARGETS[name] for name in sorted(TARGETS)]


# -- checks every target shares ------------------------------------------------------
def substitute(value: Any, canary: Path, token: bool = False) -> Any:
    """A copy of a JSON value with every CANARY placeholder replaced by the canary's path (escaped inside $refs)."""
    if isinstance(value, str):
        return value.replace(CANARY, str(canary).replace("~", "~0").replace("/", "~1") if token else str(canary))
    if isinstance(value, list):
        return [substitute(v, canary) for v in value]
    if isinstance(value, dict):
        return {substitute(k, canary): substitute(v, canary, k == "$ref") for k, v in value.items()}
    return value


def snapshot(root: Path) -> set[str]:
    """Every path under root (not following symlinks), relative to it."""
    found = set()
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(directory, name), root))
    return found


def check_contained(sandbox: Path, before: set[str], out: Path) -> None:
    """Everything the run created is under `out`, is a regular file or directory, and is listed in kgen.lock."""
    rel_out = os.path.relpath(out, sandbox)
    created = snapshot(sandbox) - before
    outside = sorted(p for p in created if p != rel_out and not p.startswith(rel_out + os.sep))
    assert not outside, f"files created outside the output root: {outside}"
    files = set()
    for path in out.rglob("*"):
        assert not path.is_symlink(), f"symlink in the output: {path}"
        assert path.is_dir() or path.is_file(), f"not a regular file: {path}"
        assert path.resolve().is_relative_to(out.resolve()), f"{path} resolves outside the output root"
        if path.is_file() and "__pycache__" not in path.parts:
            files.add(path.relative_to(out).as_posix())
    listed = set(json.loads((out / "kgen.lock").read_text("utf-8"))["files"])
    assert files == listed | {"kgen.lock"}, f"files not listed in kgen.lock: {sorted(files ^ (listed | {'kgen.lock'}))}"


def unsafe_characters(text: str) -> list[str]:
    """Characters that must never reach a file or a terminal raw: controls (but newline), bidi, format, separators."""
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch != "\n" and not ch.isprintable()})


def check_file_bytes(out: Path, layout: frozenset[str] = frozenset()) -> None:
    """Every written file is UTF-8 with nothing but printable characters, newlines and `layout` (so no bidi controls)."""
    for path in sorted(out.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AssertionError(f"{path} is not UTF-8: {exc}") from None
        bad = unsafe_characters("".join(ch for ch in text if ch not in layout) if layout else text)
        assert not bad, f"{path} contains raw {', '.join(bad)}"
        assert not BIDI & set(text)


def check_cli_outcome(result: subprocess.CompletedProcess[str], expect_error: dict[str, str] | None, out: Path) -> None:
    """Success (exit 0), or the expected clear error: exit 2, located diagnostics with a hint, nothing written.

    `expect_error` has the `message` and the location (`at`: a JSON pointer `#/...` or `:line:`) of one error.
    """
    assert "Traceback" not in result.stderr, result.stderr
    bad = unsafe_characters(result.stderr.replace("\n", ""))
    assert not bad, f"raw {bad} in kgen's messages: {result.stderr!r}"
    if expect_error is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 2, (result.returncode, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors, result.stderr
    assert all(re.match(r"^error: .*?(#/|:\d+:\d+)", line) for line in errors), f"an error without a location:\n{result.stderr}"
    assert "  hint: " in result.stderr, result.stderr
    wanted = [line for line in errors if expect_error["message"] in line and expect_error["at"] in line]
    assert wanted, f"expected {expect_error} in:\n{result.stderr}"
    assert not out.exists() or not any(out.iterdir()), "an error run must write nothing"


@contextmanager
def no_canary(canary: Path, stage: str) -> Iterator[None]:
    yield
    assert not canary.exists(), f"a payload ran during {stage}: {canary} was created"


def definition_ref(name: str) -> dict[str, str]:
    """A $ref to a definition: a JSON pointer (RFC 6901) inside a URI fragment."""
    return {"$ref": "#/definitions/" + name.replace("~", "~0").replace("/", "~1").replace("%", "%25")}


def check_output(target: Target, api: Api, out: Path, package: str, loader: Loader, canary: Path, formatted: bool) -> None:
    """Everything a target's output must satisfy, once generated: raw characters, syntax, load, round trip."""
    check_file_bytes(out, target.layout_characters)
    target.check_syntax(out, formatted)
    with no_canary(canary, "import"):
        facts = loader.load(out, package)
    problems = target.round_trip(api, facts, out, package)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


# -- what a compiled target's read-back must find (Java, C#) ----------------------------------
def _string_values(enum: EnumOf) -> list[str]:
    return [v for v in enum.values if isinstance(v, str)] if enum.base.kind == "string" else []


def expected_literals(api: Api) -> dict[str, str]:
    """Each text that must be a string literal's value -> where the document has it."""
    expected: dict[str, str] = {}
    for model in api.models.values():
        for f in model.fields:
            expected.setdefault(f.wire_name, f"field {f.wire_name!r} of {model.key!r}")
        for enum in (e for t in [model.alias, *(f.type for f in model.fields)] for e in enums_in(t)):
            for value in _string_values(enum):
                expected.setdefault(value, f"enum value {value!r} in {model.key!r}")
    for op in api.operations:
        expected.setdefault(op.path, f"path of {op.id!r}")
        for p in op.params:
            expected.setdefault(p.wire_name, f"parameter {p.wire_name!r} of {op.id!r}")
    return expected


def expected_docs(api: Api, spec_text: Callable[[str], str]) -> dict[str, str]:
    """Each text that must be a doc comment's, as `spec_text` says the language gives it back -> where the document has it."""
    expected: dict[str, str] = {}

    def add(text: str | None, where: str) -> None:
        if text and text.strip():
            expected.setdefault(spec_text(text), where)

    for model in api.models.values():
        add(model.description, f"description of {model.key!r}")
        for f in model.fields:
            add(f.description, f"description of {model.key!r}.{f.wire_name}")
    for op in api.operations:
        add(next((t for t in (op.description, op.summary) if t and t.strip()), None), f"description of {op.id!r}")
    return expected
