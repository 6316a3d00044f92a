"""Every example in a generated README type-checks against the package it documents.

The READMEs of the Kubernetes 1.36 document and of a petstore, in every
target (and of the demo document in Java). A README's first code block
connects (it must define the client, and for Go its context); every later
block is compiled as a reader pastes it after that one, by the target's
checker: mypy --strict, tsc --strict, go vet, javac -Xlint:all -Werror. A
call missing a required argument, or a body of the wrong model, fails here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import csharptools
import gotools
import javatools
import pytest
from conftest import DEMO, SPECS_DIR, generate, real_spec
from typescript_tools import run_tsc

from kgen.targets.java.readme import OUTSIDE

# A generic document: a body whose model requires a field, an integer path argument, a call that returns nothing.
PETSTORE = SPECS_DIR / "conformance" / "oai" / "petstore-expanded.json"
FENCES = {"python": "python", "typescript": "ts", "go": "go", "java": "java", "csharp": "csharp"}


def blocks(readme: Path, target: str) -> list[str]:
    """The README's code blocks in the target's language, in order."""
    return re.findall(rf"^```{FENCES[target]}\n(.*?)^```$", readme.read_text("utf-8"), re.S | re.M)


def check_python(out: Path, code: list[str], work: Path) -> None:
    """Each block in a function: the first returns the client it made, the others receive it."""
    parts = ["from kube import Client as _Client\n", "def _connect() -> _Client:\n" + textwrap.indent(code[0], "    ") + "    return client\n"]
    parts += [f"def _example_{i}(client: _Client) -> None:\n" + textwrap.indent(block, "    ") for i, block in enumerate(code[1:], 1)]
    (work / "readme_examples.py").write_text("\n\n".join(parts), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(work / "cache"), "readme_examples.py"],
        capture_output=True, text=True, cwd=work, env={**os.environ, "MYPYPATH": str(out)}, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def check_typescript(out: Path, code: list[str], work: Path) -> None:
    """Each block a module of a project that imports the package by name; the first exports its client."""
    paths = {"kube": [str(out / "src" / "index.ts")], "kube/*": [str(out / "src" / "*" / "index.ts")]}
    options = {"target": "ES2022", "lib": ["ES2022", "DOM"], "module": "NodeNext", "moduleResolution": "NodeNext", "strict": True, "noEmit": True, "types": [], "paths": paths}
    (work / "tsconfig.json").write_text(json.dumps({"compilerOptions": options, "include": ["*.ts"]}), "utf-8")
    (work / "package.json").write_text('{"type": "module"}', "utf-8")
    (work / "readme_0.ts").write_text(code[0] + 'export const connected: import("kube").Client = client;\n', "utf-8")
    for i, block in enumerate(code[1:], 1):
        (work / f"readme_{i}.ts").write_text('declare const client: import("kube").Client;\n' + block, "utf-8")
    result = run_tsc(work)
    assert result.returncode == 0, result.stdout[-5000:]


def check_go(out: Path, code: list[str], work: Path) -> None:
    """Each block a file of a main package: its imports, then its statements in a function; the first returns ctx and c."""
    program = gotools.program(work / "readme", "kube", out, "package main\n\nfunc main() {}\n")
    for i, block in enumerate(code):
        found = re.match(r"import \(\n(.*?)\n\)\n", block, re.S)
        assert found, f"block {i} does not start with its imports:\n{block}"
        imports = [line.strip() for line in found.group(1).splitlines() if line.strip()]
        imports += [need for need in ('"context"', '"kube/client"') if need not in imports]
        head = "package main\n\nimport (\n" + "".join(f"\t{line}\n" for line in imports) + ")\n\n"
        body = block[found.end() :]
        if i == 0:
            function = "func connect() (context.Context, *client.Client) {\n" + body + "return ctx, c\n}\n"
        else:
            function = f"func example{i}(ctx context.Context, c *client.Client) {{\n{body}}}\n"
        (program / f"readme_{i}.go").write_text(head + function, "utf-8")
    gotools.go("vet", ".", cwd=program)


def check_java(out: Path, code: list[str], work: Path) -> None:
    """Each block a class of the reader's package: its imports, then its statements in a method; the first returns its client."""
    client = "kube.client.ApiClient"
    programs = []
    for i, block in enumerate(code):
        found = re.match(r"(?:import [\w.]+;\n|\n)*", block)
        assert found is not None and found.end() > 0, f"block {i} does not start with its imports:\n{block}"
        body = textwrap.indent(block[found.end() :], "    ")
        if i == 0:
            method = f"  static {client} connect() {{\n{body}    return client;\n  }}\n"
        else:
            method = f"  static void example({client} client) throws Exception {{\n{body}  }}\n"
        program = work / f"Readme{i}.java"
        program.write_text(f"package {OUTSIDE};\n\n{found.group(0).strip()}\n\nfinal class Readme{i} {{\n{method}}}\n", "utf-8")
        programs.append(program)
    javatools.javac([*programs, *javatools.sources(out / "src" / "main" / "java")], work / "classes")


def check_csharp(out: Path, code: list[str], work: Path) -> None:
    """Each block a class of its own file: its usings, then its statements in an async method; the first returns its client."""
    (project,) = out.glob("*.csproj")  # named after the client's namespace
    client = f"global::{project.stem}.Client.ApiClient"
    programs = []
    for i, block in enumerate(code):
        found = re.match(r"(?:using [\w.:= ]+;\n|\n)*", block)
        assert found is not None, f"block {i}:\n{block}"
        body = textwrap.indent(block[found.end() :], "        ")
        if i == 0:
            method = f"    static {client} Connect()\n    {{\n{body}        return client;\n    }}\n"
        else:
            method = f"    static async global::System.Threading.Tasks.Task Example({client} client)\n    {{\n{body}    }}\n"
        program = work / f"Readme{i}.cs"
        program.write_text(f"{found.group(0).strip()}\n\nstatic class Readme{i}\n{{\n{method}}}\n", "utf-8")
        programs.append(program)
    library = csharptools.mcs(csharptools.sources(out), work / "Client.dll")
    csharptools.mcs(programs, work / "Readme.dll", references=[library])


CHECKS: dict[str, Callable[[Path, list[str], Path], None]] = {
    "python": check_python, "typescript": check_typescript, "go": check_go, "java": check_java, "csharp": check_csharp,
}  # fmt: skip
CASES = [(document, target) for target in sorted(CHECKS) for document in ("k8s-1.36", "petstore")] + [("demo", "java"), ("demo", "csharp")]
MISSING: dict[str, Callable[[], str | None]] = {"go": gotools.missing, "java": javatools.missing, "csharp": csharptools.missing}


@pytest.fixture(scope="module")
def petstores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not PETSTORE.is_file():
        pytest.skip(f"{PETSTORE} not found: set KGEN_SPECS_DIR to the shared upstream documents")
    return {target: generate(PETSTORE, tmp_path_factory.mktemp(f"petstore-{target}"), "--target", target) for target in CHECKS}


def _output(request: pytest.FixtureRequest, document: str, target: str, tmp_path: Path) -> Path:
    """The generated package: the session's k8s-1.36 output of the target (Java's made here), this module's petstore, or the demo."""
    if document == "petstore":
        return request.getfixturevalue("petstores")[target]
    if document == "demo":
        return generate(DEMO, tmp_path / "out", "--target", target)
    path = real_spec(document)
    if target in ("java", "csharp"):
        return generate(path, tmp_path / "out", "--target", target)
    fixture = {"python": "real_outputs", "typescript": "typescript_outputs", "go": "go_outputs"}[target]
    return request.getfixturevalue(fixture)[document]


@pytest.mark.parametrize(("document", "target"), CASES)
def test_every_readme_example_type_checks(document: str, target: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if target in MISSING and (reason := MISSING[target]()):
        pytest.skip(reason)
    out = _output(request, document, target, tmp_path)
    code = blocks(out / "README.md", target)
    calls = sum(len(re.findall(r"\bapi\.\w+\(|await \w+\(client\b", block)) for block in code)
    assert len(code) >= 2 and calls >= 4, f"the README shows {len(code)} blocks and {calls} calls"
    work = tmp_path / "work"
    work.mkdir()
    CHECKS[target](out, code, work)
