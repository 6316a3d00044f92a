"""Property-based fuzzing of names and texts, for every target: the hostile corpus' checks on generated documents.

Each example is a small Kubernetes-style document whose names (definitions,
properties, operationIds, parameters, tags, kinds) and texts (descriptions,
defaults, patterns, enum values, validation rules, titles, path segments)
are drawn from quotes, backslashes, line breaks, controls, bidi and
zero-width characters, template and shell syntax, keywords and payloads
that try to create a canary file.

CI runs a few hundred examples in-process (no black or validation: they do not
change what is checked) and a few through the CLI with both. The long mode:

    KGEN_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py -q -p no:cacheprovider

(KGEN_FUZZ_CLI_EXAMPLES sets the CLI examples the same way.) A target whose checks
build a program per example (Go) runs its share of them (Target.fuzz_share).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import run_kgen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from targets import (
    BIDI,
    CANARY,
    CHECKED,
    Target,
    all_targets,
    check_cli_outcome,
    check_contained,
    check_output,
    definition_ref,
    no_canary,
    snapshot,
    substitute,
)

from kgen.app.pipeline import Request, build, generate
from kgen.emit.output import locked

EXAMPLES = int(os.environ.get("KGEN_FUZZ_EXAMPLES", "200"))
CLI_EXAMPLES = int(os.environ.get("KGEN_FUZZ_CLI_EXAMPLES", "10"))

CHARACTERS = (
    "\"'\\\n\r\t\x00\x07\x1b\x7f\x85\x0b\x0c\u2028\u2029\u200b\u200d\ufeff\xa0\u3000"
    "{}$`*/#%.:;()[]<>!?@&|~-_= aZz09\xe9\u0301\u210c\ufb01\U0001f600" + "".join(sorted(BIDI))
)
FRAGMENTS = [
    '"""', "'''", '"', "'", "\\", "\\u002a/", "\\N{ASTERISK}", "\\x41", "*/", "/*", "${x}", "`id`", "{{ x }}", "{% x %}", "{#",
    "%s", "{0}", "\n", "\r\n", "\n    ", "\n\nAttributes:\n    x: y", "\n\nArgs:\n    x: y", " ", "\t", "# x", "../",
    "/etc/passwd", "__init__", "__class__", "None", "class", "field", "str", "locals", "self", "Any", "Model", "_field",
    f"__import__('os').system('touch {CANARY}')", f'"""\n__import__("os").system("touch {CANARY}")\n"""',
    f"');__import__('os').system('touch {CANARY}');('", f'");__import__("os").system("touch {CANARY}");("',
]
KEYWORDS = ["class", "None", "True", "import", "def", "lambda", "match", "type", "_", "self", "body", "query", "watch", "continue"]

texts = st.one_of(
    st.text(st.sampled_from(CHARACTERS), max_size=24),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=24),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(st.sampled_from(CHARACTERS), max_size=4)), max_size=5).map("".join),
)
names = st.one_of(
    st.sampled_from(KEYWORDS),
    st.text(st.sampled_from("abcXYZ019_-.$ \"'\\/{}:\x00\u202e\xe9"), min_size=0, max_size=12),
    texts,
)


def _segment(text: str) -> str:
    """Text usable inside a path template as a literal part (no template braces)."""
    return re.sub(r"[{}]", "", text)


def _path_param(name: str, validated: bool) -> str:
    """A path parameter name that can be found in a template; for validated runs, one the validator can parse.

    openapi-spec-validator reads templates with Python's format syntax: it cannot check a
    document whose path parameter names hold '!', '[' and the like (that run fails, clearly).
    """
    return re.sub(r"[^A-Za-z0-9_.-]" if validated else r"[{}/]", "", name) or "p"


@st.composite
def documents(draw: st.DrawFn, validated: bool = False) -> dict[str, Any]:
    """A Kubernetes-style document with a resource, a plain model, an alias and operations, all named and described by the fuzzer."""
    words = draw(st.lists(texts, min_size=3, max_size=6))
    idents = draw(st.lists(names, min_size=3, max_size=6, unique=True))
    group, kind = draw(texts), draw(names)
    properties = {
        name: {
            "type": "string",
            "description": text,
            "default": text,
            "pattern": re.escape(text),
            "enum": [text],
            "x-kubernetes-validations": [{"rule": text, "message": text}],
        }
        for name, text in zip(idents, words)
    }
    resource = f"io.example.v1.{idents[0]}"
    plain = f"io.example.v1.{idents[1]}Spec"
    alias = f"io.example.v1.{idents[2]}Alias"
    definitions = {
        resource: {
            "type": "object",
            "description": words[0],
            "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "spec": definition_ref(plain)},
            "x-kubernetes-group-version-kind": [{"group": group, "version": "v1", "kind": kind}],
        },
        plain: {
            "type": "object",
            "description": words[1],
            "properties": {**properties, idents[-1]: {"type": "object", "description": words[-1], "properties": dict(properties)}},
        },
        alias: {"type": "array", "description": words[2], "items": definition_ref(alias if draw(st.booleans()) else plain)},
    }
    params = [{"name": n, "in": "query", "type": "string", "description": t} for n, t in zip(idents, words)]
    params.append({"name": idents[-1], "in": "header", "type": "string", "description": words[-1]})
    params.append({"name": idents[0] + " required", "in": "query", "type": "string", "required": True, "description": words[0]})
    path_names = list(dict.fromkeys(_path_param(n, validated) for n in idents))
    template = "/apis/example.io/v1/" + "/".join(f"{_segment(words[i % len(words)])}/{{{p}}}" for i, p in enumerate(path_names))
    paths = {
        template: {
            "get": {
                "operationId": idents[0],
                "description": words[0],
                "summary": words[1],
                "x-kubernetes-action": "get",
                "x-kubernetes-group-version-kind": {"group": group, "version": "v1", "kind": kind},
                "parameters": [{"name": p, "in": "path", "type": "string", "required": True} for p in path_names] + params,
                "responses": {"200": {"description": words[1], "schema": definition_ref(resource)}},
            },
        },
        f"/apis/{_segment(group).replace('/', '')}/v1/{_segment(words[-1])}": {
            "get": {
                "operationId": idents[-1],
                "x-kubernetes-action": "list",
                "parameters": [{"name": "watch", "in": "query", "type": "boolean", "description": words[-1]}],
                "responses": {"200": {"description": "OK", "schema": definition_ref(resource)}},
            },
        },
        "/tagged/" + _segment(words[1]): {
            "post": {
                "operationId": idents[1],
                "summary": words[2],
                "tags": [words[2]],
                "parameters": [{"name": "body", "in": "body", "schema": definition_ref(alias), "description": words[1]}],
                "responses": {"200": {"description": "OK", "schema": definition_ref(alias)}},
            },
        },
    }
    return {"swagger": "2.0", "info": {"title": "".join(words), "version": "1"}, "paths": paths, "definitions": definitions}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def loaders(workspace: Path) -> Iterator[dict[str, Any]]:
    """One long-lived loader per target: loading in a fresh process per example would dominate the run."""
    started: dict[str, Any] = {}
    contexts = []
    for target in all_targets():
        context = target.loader(workspace)
        started[target.name] = context.__enter__()
        contexts.append(context)
    yield started
    for context in contexts:
        context.__exit__(None, None, None)


PACKAGE = "kube"  # one name for every example: files that only depend on it (the runtime) are checked once
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large], "database": None}


def _example(workspace: Path, document: dict[str, Any]) -> tuple[Path, Path, Path]:
    directory = Path(tempfile.mkdtemp(dir=workspace))
    canary = directory / "canary"
    spec = directory / "spec.json"
    spec.write_text(json.dumps(substitute(document, canary), ensure_ascii=True), "utf-8")
    return directory, canary, spec


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_fuzz_in_process(target: Target, workspace: Path, loaders: dict[str, Any]) -> None:
    if reason := target.missing():
        pytest.skip(reason)
    @settings(max_examples=target.fuzz_examples(EXAMPLES), **SETTINGS)
    @given(documents())
    def check(document: dict[str, Any]) -> None:
        directory, canary, spec = _example(workspace, document)
        try:
            out = directory / "out"
            before = snapshot(directory)
            with no_canary(canary, "generation"), locked(out) as opened:
                result = generate(Request(spec=str(spec), out=out, target=target.name, package_name=PACKAGE, format=False, validate=False), opened)
            check_contained(directory, before, out)
            check_output(target, result.api, out, PACKAGE, loaders[target.name], canary, formatted=False)
        finally:
            shutil.rmtree(directory)
        CHECKED[("fuzz, in-process", target.name)] += 1

    check()


@pytest.mark.parametrize("target", all_targets(), ids=lambda t: t.name)
def test_fuzz_cli(target: Target, workspace: Path, loaders: dict[str, Any]) -> None:
    if reason := target.missing():
        pytest.skip(reason)
    @settings(max_examples=target.fuzz_examples(CLI_EXAMPLES), **SETTINGS)
    @given(documents(validated=True))
    def check(document: dict[str, Any]) -> None:
        directory, canary, spec = _example(workspace, document)
        try:
            out = directory / "out"
            before = snapshot(directory)
            with no_canary(canary, "generation"):
                result = run_kgen("generate", "--spec", str(spec), "--out", str(out), "--target", target.name, "--package-name", PACKAGE, cwd=directory)
            check_cli_outcome(result, None, out)
            check_contained(directory, before, out)
            api, _, _ = build(Request(spec=str(spec), out=out, package_name=PACKAGE, format=False, validate=False))
            check_output(target, api, out, PACKAGE, loaders[target.name], canary, formatted=True)
        finally:
            shutil.rmtree(directory)
        CHECKED[("fuzz, CLI", target.name)] += 1

    check()
