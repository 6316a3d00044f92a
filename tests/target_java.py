"""The Java target under the hostile suites: google-java-format, javac -Xlint:all -Werror, every class loaded, read back by javac.

Syntax: google-java-format --dry-run lists nothing (the output is formatted as
written). Load: the sources compile warning-free with `javac --release 17
-Xlint:all -Werror`, and tests/java/probe (a separate JVM) initialises every
class they compiled to (static initialisers run; nothing from the spec may).
Read back: the same probe parses the sources with javac's own parser and
reports each declaration's doc comment and the values of its string literals,
after javac's \\u translation and escape decoding: what the compiler sees.

Read-back contract (what "gives back the original text" means for Java):
  * every field's wire name, every documented string enum value, every
    operation's path template (basePath included) and every parameter's wire
    name is the value of a string literal of the client's generated packages;
  * every model's and field's description, and each operation's description
    (else its summary), is the text of a doc comment there, once kgen's own
    markup is read back: HTML tags dropped, {@code x} and {@literal x} read as
    x, character references decoded, whitespace runs collapsed; a control
    character or lone surrogate of the spec reads as U+FFFD (Javadoc cannot
    hold one); and no doc comment holds a javadoc block tag (`@param`, ...)
    that the spec wrote.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import javaformat
import javatools
from targets import Generated, Target, expected_docs, expected_literals, register

from kgen.ir.model import Api

LOAD_TIMEOUT = 900
PROBE = Path(__file__).parent / "java" / "probe" / "Probe.java"
RUNTIME_PACKAGE = "client"  # the runtime's package under --package-name: copied runtime code, not read back
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_INLINE = re.compile(r"\{@(?:code|literal) ([^{}]*)\}")
_REFERENCE = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_UNWRITABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")  # what Javadoc cannot hold (after whitespace is collapsed)


def sources_root(out: Path) -> Path:
    return out / "src" / "main" / "java"


def runtime_root(out: Path, package: str) -> Path:
    return sources_root(out) / Path(*package.split(".")) / RUNTIME_PACKAGE


# -- syntax ------------------------------------------------------------------------------
def check_syntax(out: Path, formatted: bool) -> None:
    """google-java-format has nothing to change, whether or not kgen was asked to format."""
    changed = javaformat.changes(javatools.sources(sources_root(out)))
    assert not changed, f"google-java-format would change {changed}"


# -- loading -----------------------------------------------------------------------------
@cache
def scratch() -> Path:
    """A directory for this process's compiled probe and runtimes, removed when it exits."""
    path = Path(tempfile.mkdtemp(prefix="kgen-java-tests."))
    atexit.register(shutil.rmtree, path, True)
    return path


@cache
def probe_classes() -> Path:
    """The probe, compiled once per process."""
    classes = scratch() / "probe"
    javatools.javac([PROBE], classes)
    return classes


def runtime_classes(runtime: Path) -> Path:
    """A runtime tree's classes, compiled once per process for each distinct tree: examples share one."""
    files = javatools.sources(runtime)
    assert files, f"no runtime sources in {runtime}"
    digest = hashlib.sha256(b"\0".join(f.read_bytes() for f in files)).hexdigest()[:16]
    classes = scratch() / f"runtime-{digest}"
    if not classes.is_dir():
        partial = scratch() / f"partial-{digest}"
        shutil.rmtree(partial, ignore_errors=True)
        compile_into(files, partial)
        partial.rename(classes)
    return classes


class JavaLoader:
    """Compiles an output warning-free, then loads and reads it in a JVM of its own (the probe)."""

    def __init__(self, cwd: Path):
        self.cwd = cwd

    def load(self, root: Path, package: str) -> dict[str, Any]:
        sources = sources_root(root)
        runtime = runtime_root(root, package)
        runtime_dir = runtime_classes(runtime)
        classes = Path(tempfile.mkdtemp(prefix="classes.", dir=self.cwd))
        try:
            rest = [p for p in javatools.sources(sources) if not p.is_relative_to(runtime)]
            if rest:
                compile_into(rest, classes, runtime_dir)
            command = ["java", "-cp", javatools.classpath_arg(probe_classes(), runtime_dir), "Probe", str(sources), str(classes)]
            result = subprocess.run(command, capture_output=True, text=True, timeout=LOAD_TIMEOUT, cwd=self.cwd)
        finally:
            shutil.rmtree(classes, ignore_errors=True)
        assert result.returncode == 0, f"loading every class of {root} failed:\n{result.stderr[-4000:]}"
        facts: dict[str, Any] = json.loads(result.stdout)
        facts["runtime"] = runtime.relative_to(sources).as_posix()
        return facts


def compile_into(files: list[Path], classes: Path, *classpath: Path) -> None:
    """javac --release 17 -Xlint:all -Werror of `files` (javatools' flags), with `classpath` before the jars."""
    classes.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".args") as argfile:
        argfile.write("\n".join(str(f) for f in files))
        argfile.flush()
        command = ["javac", *javatools.JAVAC_FLAGS, "-cp", javatools.classpath_arg(*classpath), "-d", str(classes), f"@{argfile.name}"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=LOAD_TIMEOUT)
    assert result.returncode == 0, f"javac failed:\n{result.stdout[-4000:]}{result.stderr[-8000:]}"


@contextmanager
def loader(cwd: Path) -> Iterator[JavaLoader]:
    yield JavaLoader(cwd)


# -- reading back ------------------------------------------------------------------------
def doc_text(raw: str) -> str:
    """A doc comment's text as its reader sees it: kgen's tags dropped, inline code read, references decoded."""
    return " ".join(_REFERENCE.sub(_character, _INLINE.sub(r"\1", _TAG.sub(" ", raw))).split())


def _character(reference: re.Match[str]) -> str:
    """The character an HTML character reference stands for, exactly (no HTML5 remapping of 0x80-0x9f)."""
    hexadecimal, decimal, name = reference.groups()
    return _NAMED[name] if name else chr(int(hexadecimal, 16) if hexadecimal else int(decimal))


def spec_text(text: str) -> str:
    """Spec text as a doc comment must give it back: whitespace runs collapsed, what Javadoc cannot hold as U+FFFD."""
    return _UNWRITABLE.sub("\ufffd", " ".join(text.split()))


def _generated_declarations(facts: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every type and member of the generated packages (the runtime's left out)."""
    for path, unit in facts["files"].items():
        if path.startswith(facts["runtime"] + "/"):
            continue
        for declared in unit["types"]:
            yield declared
            yield from declared["members"]


def round_trip(api: Api, facts: dict[str, Any], root: Path, package: str) -> list[str]:
    problems: list[str] = []
    declarations = list(_generated_declarations(facts))
    literals = {s for unit in facts["files"].values() for t in unit["types"] for s in t["strings"]}
    for text, where in expected_literals(api).items():
        if text not in literals:
            problems.append(f"{where}: no string literal reads back as {text!r}")
    docs = [doc_text(d["doc"]) for d in declarations if d["doc"]]
    joined = "\x00".join(docs)
    for text, where in expected_docs(api, spec_text).items():
        if text not in joined:
            problems.append(f"{where}: no doc comment reads back as {text!r}")
    for d in declarations:
        tags = re.findall(r"^\s*@\w+", d["doc"] or "", re.MULTILINE)
        if [t for t in tags if t.strip() not in ("@param", "@return", "@throws", "@deprecated", "@see")]:
            problems.append(f"{d['name']}: doc comment holds block tags {tags!r}")
    if facts["loaded"] == 0:
        problems.append("no class was loaded")
    return problems


# -- the conformance suite's batched check ----------------------------------------------------
def check_packages(packages: dict[str, Generated], work: Path) -> dict[str, list[str]]:
    """google-java-format once, then one javac -Xlint:all run over every document's sources (distinct packages)."""
    problems: dict[str, list[str]] = {}
    if not packages:
        return problems
    roots = {document: sources_root(g.root).resolve() for document, g in packages.items()}

    def owner(path: str) -> list[str]:
        """The document whose output holds `path` (every document, for a path that is in none)."""
        resolved = Path(path).resolve()
        return [d for d, root in roots.items() if resolved.is_relative_to(root)][:1] or list(packages)

    def report(path: str, problem: str) -> None:
        for document in owner(path):
            problems.setdefault(document, []).append(problem)

    # The runtime is the same code in every output but for its package line: its format is checked in one of them.
    runtimes = {runtime_root(g.root, g.package).resolve() for g in packages.values()}
    files = javatools.sources(*roots.values())
    generated = [f for f in files if f.parent not in runtimes]  # the runtime is one flat directory
    for path in javaformat.changes(generated + javatools.sources(min(runtimes))):
        report(path, f"google-java-format would change {path}")
    classes = work / "java-classes"
    classes.mkdir(parents=True, exist_ok=True)
    argfile = work / "java-sources.args"
    argfile.write_text("\n".join(str(f) for f in files), "utf-8")
    flags = [f for f in javatools.JAVAC_FLAGS if f != "-Werror"]  # every warning reported, each to its document
    command = ["javac", "-J-Xmx3g", *flags, "-Xmaxerrs", "100000", "-Xmaxwarns", "100000", "-cp", javatools.classpath_arg(),
               "-d", str(classes), f"@{argfile}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    for line in result.stderr.splitlines():
        found = re.match(r"^(/[^:]+\.java):\d+: (?:error|warning): ", line)
        if found or line.startswith(("error:", "warning:")):
            report(found.group(1) if found else "", f"javac: {line}")
    if result.returncode != 0 and not problems:
        for document in packages:
            problems.setdefault(document, []).append(f"javac failed: {result.stderr[-500:]}")
    return problems


# Each example compiles and loads its classes in a fresh JVM (seconds): CI checks a twentieth of the examples.
JAVA = register(
    Target(
        "java", check_syntax, loader, round_trip,
        missing=javatools.missing, fuzz_share=0.05, check_packages=check_packages,
    )
)  # fmt: skip
