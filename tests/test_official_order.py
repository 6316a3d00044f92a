"""Drop-in for the official client: every operation takes its positional parameters in the official order.

A user porting `api.read_namespaced_config_map("web", "prod")` from the official
`kubernetes` package must read the same object with kgen: path parameters as the
document lists them (name, namespace), then the body. The official package (a test
dependency, the release built from the 1.36 document) is the reference; the
Python client is compared through `inspect`, the TypeScript and Go clients
through their generated signatures.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import generate, real_spec

DOCUMENT = "k8s-1.36"
OFFICIAL_MAJOR = "36"  # kubernetes 36.x is generated from the 1.36 document

PROBE = """
import importlib, inspect, json, pkgutil
import kube
import kubernetes
import kubernetes.client as official

def positional(fn):
    return [p.name for p in inspect.signature(fn).parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self"]

ours, theirs = {}, {}
for info in pkgutil.walk_packages(kube.__path__, "kube."):
    if info.name.endswith(".api"):
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            reference = getattr(official, name, None)
            if not isinstance(cls, type) or cls.__module__ != module.__name__ or reference is None:
                continue
            for method, fn in vars(cls).items():
                if not method.startswith("_") and hasattr(reference, method):
                    ours[f"{name}.{method}"] = positional(fn)
                    theirs[f"{name}.{method}"] = positional(getattr(reference, method))
print(json.dumps({"version": kubernetes.__version__, "ours": ours, "theirs": theirs}))
"""


@pytest.fixture(scope="module")
def python_signatures(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = generate(real_spec(DOCUMENT), tmp_path_factory.mktemp("official-order"))
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=out, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_reference_is_the_official_release_of_the_document(python_signatures: dict) -> None:
    assert python_signatures["version"].split(".")[0] == OFFICIAL_MAJOR, python_signatures["version"]


def test_python_positional_parameters_are_the_official_ones(python_signatures: dict) -> None:
    ours, theirs = python_signatures["ours"], python_signatures["theirs"]
    assert len(ours) > 900  # the operations both clients have (every built-in one the official client keeps)
    differences = {op: (ours[op], theirs[op]) for op in ours if ours[op] != theirs[op]}
    assert differences == {}
    assert ours["CoreV1Api.read_namespaced_config_map"] == ["name", "namespace"]
    assert ours["CoreV1Api.replace_namespaced_config_map"] == ["name", "namespace", "body"]
    assert ours["CoreV1Api.connect_get_namespaced_pod_proxy_with_path"] == ["name", "namespace", "path"]


def _official_by_name(python_signatures: dict) -> dict[str, set[tuple[str, ...]]]:
    """Official positional parameters by operation name alone, with case and underscores folded (readNamespacedPod, ReadNamespacedPod)."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for op, params in python_signatures["theirs"].items():
        found.setdefault(_fold(op.split(".")[1]), set()).add(tuple(params))
    return found


def _fold(name: str) -> str:
    return name.replace("_", "").lower()


TS_FUNCTION = re.compile(r"^export function (\w+)\(\n((?:  .*\n)*?)\)", re.M)
GO_METHOD = re.compile(r"^func \(c \*\w+\) (\w+)\(ctx context\.Context((?:, \w+ [^,)]+)*)\)", re.M)


def _typescript_signatures(root: Path) -> dict[str, set[tuple[str, ...]]]:
    """Positional parameters of every operation function: path parameters and a required body."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for api in root.glob("src/**/api.ts"):
        for name, params in TS_FUNCTION.findall(api.read_text()):
            names = [p.strip().split(":")[0] for p in params.strip().splitlines()]
            kept = tuple(n for n in names if n not in ("client", "options?", "body?"))
            found.setdefault(_fold(name), set()).add(kept)
    return found


def _go_signatures(root: Path) -> dict[str, set[tuple[str, ...]]]:
    """Positional parameters of every client method, less the patch type and options (Go has no optional arguments)."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for api in root.glob("**/api.go"):
        for name, params in GO_METHOD.findall(api.read_text()):
            names = [p.split()[0].rstrip("_") for p in params.split(", ") if p]
            found.setdefault(_fold(name), set()).add(tuple(n for n in names if n not in ("patchType", "opts")))
    return found


@pytest.mark.parametrize("target", ["typescript", "go"])
def test_every_target_keeps_the_official_order(target: str, python_signatures: dict, tmp_path: Path) -> None:
    out = generate(real_spec(DOCUMENT), tmp_path / target, "--target", target)
    ours = (_typescript_signatures if target == "typescript" else _go_signatures)(out)
    official = _official_by_name(python_signatures)
    both = sorted(set(ours) & set(official))
    assert len(both) > 500
    differences = {}
    for name in both:
        # The official client takes an optional body (a delete's DeleteOptions) as a keyword; TypeScript and Go take it last.
        mine = {tuple(p for p in params if p != "body") for params in ours[name]}
        theirs = {tuple(p for p in params if p != "body") for params in official[name]}
        if mine != theirs or any("body" in params and params[-1] != "body" for params in ours[name]):
            differences[name] = (ours[name], official[name])
    assert differences == {}
