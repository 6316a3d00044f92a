"""The generated Java models read and write real objects exactly: unknown members, number tokens, nulls aside.

tests/java/roundtrip/RoundTrip.java decodes each object with a generated model's
CODEC and encodes it back. The fixtures of test_roundtrip.py and the
benchmark's podgen pods must come back with every member and every value; the
differences allowed are a member the input set to null left out and a typed
number's spelling (a double field writes 1 as 1.0), so numbers compare by
value. Members no spec has come back as their exact text, number tokens and
order included; the demo's golden Java client (tests/golden/demo-java) gives
back Quantity and untyped number tokens byte for byte (test_exact_numbers.py's
documents).
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import javatools
import pytest
from conftest import SPECS_DIR, generate
from test_exact_numbers import TOKENS, _documents

FIXTURES = Path(__file__).parent / "fixtures" / "objects"
GOLDEN = Path(__file__).parent / "golden" / "demo-java"
PROGRAM = Path(__file__).parent / "java" / "roundtrip" / "RoundTrip.java"
CLIENT = "kube.client"
CASES = {  # document -> (fixture, the definition it is an instance of)
    "k8s-1.36": [
        ("pod.json", "io.k8s.api.core.v1.Pod"),
        ("deployment.json", "io.k8s.api.apps.v1.Deployment"),
        ("service.json", "io.k8s.api.core.v1.Service"),
        ("crd.json", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"),
    ],
    "cluster-1.36-small-crds": [
        ("pod.json", "io.k8s.api.core.v1.Pod"),
        ("certificate.json", "io.cert-manager.v1.Certificate"),
        ("httproute.json", "io.k8s.networking.gateway.v1.HTTPRoute"),
    ],
}
LENIENT = {"cluster-1.36-small-crds"}


def exact(text: str | bytes) -> Any:
    """A JSON value with its numbers exact (Decimal: 1e400 and 12345678901234567890 keep their value)."""
    return json.loads(text, parse_int=Decimal, parse_float=Decimal)


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def type_names(spec: str, target: str, package: str, separator: str = ".") -> dict[str, str]:
    """The qualified type of each definition in `target`'s output of a shared document (its model_locations)."""
    from kgen.app.pipeline import Request, build_api
    from kgen.targets.registry import builtin

    request = Request(spec=str(SPECS_DIR / f"{spec}.json"), out=Path("unused"), target=target, package_name=package, validate=False, lenient=spec in LENIENT)
    api, _ = build_api(request)
    located = builtin(target).model_locations(api, package)
    return {key: f"{directory}{separator}{name}" for key, (directory, name) in located.items()}


def compiled(out: Path, work: Path) -> Path:
    """The output's sources and RoundTrip, compiled warning-free into `work`/classes."""
    classes = work / "classes"
    javatools.javac([PROGRAM, *javatools.sources(out / "src" / "main" / "java")], classes)
    return classes


def round_trip(classes: Path, pairs: list[tuple[str, Path]]) -> list[bytes]:
    args = [arg for model, path in pairs for arg in (model, str(path))]
    result = javatools.java(classes, "RoundTrip", CLIENT, *args, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout.encode().splitlines()


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Java client of each real document with fixtures, generated and compiled once."""
    if reason := javatools.missing():
        pytest.skip(reason)
    built = {}
    for spec in CASES:
        path = SPECS_DIR / f"{spec}.json"
        if path.is_file():
            work = tmp_path_factory.mktemp(f"java-{spec}")
            extra = ("--lenient",) if spec in LENIENT else ()
            out = generate(path, work / "out", "--target", "java", "--package-name", "kube", *extra)
            built[spec] = compiled(out, work)
    return built


@pytest.mark.parametrize("spec", CASES)
def test_fixtures_come_back_exactly(spec: str, clients: dict[str, Path]) -> None:
    if spec not in clients:
        pytest.skip(f"{spec} not in KGEN_SPECS_DIR ({SPECS_DIR})")
    classes = {key: name.removeprefix("src/main/java/").replace("/", ".") for key, name in type_names(spec, "java", "kube").items()}
    pairs = [(classes[key], FIXTURES / fixture) for fixture, key in CASES[spec]]
    for (model, path), written in zip(pairs, round_trip(clients[spec], pairs)):
        assert without_nulls(exact(written)) == without_nulls(exact(path.read_bytes())), f"{model} from {path.name}"


# members no version of the spec has, at three depths, holding tokens a float would respell
UNKNOWN = ['"futureList":{"z":[1.50,{"deep":-0}],"a":null}', '"futureSpec":{"q":12345678901234567890}', '"futureContainer":[0.50,1e3]']


def podgen_lists(directory: Path) -> tuple[Path, Path] | None:
    """The benchmark's 200 Deployment pods as a PodList (managedFields, int and named ports, quantities), and the
    same list with UNKNOWN members added; None without the benchmark's podgen."""
    podgen = SPECS_DIR.parent / "bench" / "runtime" / "podgen.py"
    if not podgen.is_file():
        return None
    data = subprocess.run([sys.executable, str(podgen), "200"], capture_output=True, check=True).stdout.decode().rstrip()
    assert len(json.loads(data)["items"]) == 200 and data.endswith("}")
    newer = data[:-1] + "," + UNKNOWN[0] + "}"
    newer = newer.replace('"spec":{', '"spec":{' + UNKNOWN[1] + ",", 1)
    newer = newer.replace('"containers":[{', '"containers":[{' + UNKNOWN[2] + ",", 1)
    assert all(newer.count(member) == 1 for member in UNKNOWN)
    (directory / "list.json").write_text(data, "utf-8")
    (directory / "newer.json").write_text(newer, "utf-8")
    return directory / "list.json", directory / "newer.json"


def check_podgen_round_trip(paths: tuple[Path, Path], written: list[bytes]) -> None:
    for path, text in zip(paths, written):
        assert without_nulls(exact(text)) == without_nulls(exact(path.read_bytes())), path.name
    assert all(member.encode() in written[1] for member in UNKNOWN), "an unknown member did not come back as its text"


def test_podgen_pods_and_unknown_members_come_back(clients: dict[str, Path], tmp_path: Path) -> None:
    """The benchmark's Deployment pods, and members no spec has."""
    paths = podgen_lists(tmp_path) if "k8s-1.36" in clients else None
    if paths is None:
        pytest.skip("needs k8s-1.36 and the benchmark's podgen.py")
    check_podgen_round_trip(paths, round_trip(clients["k8s-1.36"], [("kube.core.v1.PodList", path) for path in paths]))


def test_demo_keeps_number_tokens_byte_for_byte(tmp_path: Path) -> None:
    """Quantity values and untyped values (test_exact_numbers.py's tokens) are written back as they came."""
    if reason := javatools.missing():
        pytest.skip(reason)
    inputs = []
    for name, data in zip(("requirements.json", "widget.json"), _documents(TOKENS)):
        (tmp_path / name).write_bytes(data)
        inputs.append(tmp_path / name)
    classes = compiled(GOLDEN, tmp_path)
    pairs = [("kube.core.v1.ResourceRequirements", inputs[0]), ("kube.examplecom.v1.WidgetSpec", inputs[1])]
    assert round_trip(classes, pairs) == [p.read_bytes() for p in inputs]
