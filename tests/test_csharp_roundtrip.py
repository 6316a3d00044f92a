"""The generated C# models read and write real objects exactly: unknown members, number tokens, nulls aside.

tests/csharp/roundtrip/RoundTrip.cs decodes each object with a generated
model's Codec and encodes it back, on Mono. The contract is test_java_roundtrip.py's:
the fixtures and the benchmark's podgen pods come back with every member and
value (a member set to null may be left out; a typed number may be respelled,
so numbers compare by value); members no spec has come back as their exact
text; the demo's golden C# client gives back Quantity and untyped number
tokens byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import csharptools
import pytest
from conftest import SPECS_DIR, generate
from test_exact_numbers import TOKENS, _documents
from test_java_roundtrip import (
    CASES,
    FIXTURES,
    LENIENT,
    check_podgen_round_trip,
    exact,
    podgen_lists,
    type_names,
    without_nulls,
)

GOLDEN = Path(__file__).parent / "golden" / "demo-csharp"
PROGRAM = Path(__file__).parent / "csharp" / "roundtrip" / "RoundTrip.cs"
NAMESPACE = "Kube"
RUNTIME = f"{NAMESPACE}.Client"


def compiled(out: Path, work: Path) -> tuple[Path, Path]:
    """The output compiled into a library, and RoundTrip.exe beside it."""
    library = csharptools.mcs(csharptools.sources(out), work / "Kube.dll")
    return library, csharptools.mcs([PROGRAM], work / "RoundTrip.exe", exe=True)


def round_trip(built: tuple[Path, Path], pairs: list[tuple[str, Path]]) -> list[bytes]:
    library, program = built
    result = csharptools.run(program, str(library), RUNTIME, *(arg for model, path in pairs for arg in (model, str(path))), timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout.encode().splitlines()


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The C# client of each real document with fixtures, generated and compiled once."""
    if reason := csharptools.missing():
        pytest.skip(reason)
    built = {}
    for spec in CASES:
        if (SPECS_DIR / f"{spec}.json").is_file():
            work = tmp_path_factory.mktemp(f"csharp-{spec}")
            extra = ("--lenient",) if spec in LENIENT else ()
            out = generate(SPECS_DIR / f"{spec}.json", work / "out", "--target", "csharp", "--package-name", NAMESPACE, *extra)
            built[spec] = compiled(out, work)
    return built


def csharp_types(spec: str) -> dict[str, str]:
    return {key: f"{NAMESPACE}.{name}".replace("/", ".") for key, name in type_names(spec, "csharp", NAMESPACE).items()}


@pytest.mark.parametrize("spec", CASES)
def test_fixtures_come_back_exactly(spec: str, clients: dict[str, tuple[Path, Path]]) -> None:
    if spec not in clients:
        pytest.skip(f"{spec} not in KGEN_SPECS_DIR ({SPECS_DIR})")
    types = csharp_types(spec)
    pairs = [(types[key], FIXTURES / fixture) for fixture, key in CASES[spec]]
    for (model, path), written in zip(pairs, round_trip(clients[spec], pairs)):
        assert without_nulls(exact(written)) == without_nulls(exact(path.read_bytes())), f"{model} from {path.name}"


def test_podgen_pods_and_unknown_members_come_back(clients: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    """The benchmark's Deployment pods, and members no spec has."""
    paths = podgen_lists(tmp_path) if "k8s-1.36" in clients else None
    if paths is None:
        pytest.skip("needs k8s-1.36 and the benchmark's podgen.py")
    pod_list = csharp_types("k8s-1.36")["io.k8s.api.core.v1.PodList"]
    check_podgen_round_trip(paths, round_trip(clients["k8s-1.36"], [(pod_list, path) for path in paths]))


def test_demo_keeps_number_tokens_byte_for_byte(tmp_path: Path) -> None:
    """Quantity values and untyped values (test_exact_numbers.py's tokens) are written back as they came."""
    if reason := csharptools.missing():
        pytest.skip(reason)
    inputs = []
    for name, data in zip(("requirements.json", "widget.json"), _documents(TOKENS)):
        (tmp_path / name).write_bytes(data)
        inputs.append(tmp_path / name)
    built = compiled(GOLDEN, tmp_path)
    pairs = [(f"{NAMESPACE}.Core.V1.ResourceRequirements", inputs[0]), (f"{NAMESPACE}.ExampleCom.V1.WidgetSpec", inputs[1])]
    assert round_trip(built, pairs) == [p.read_bytes() for p in inputs]
