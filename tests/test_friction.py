"""What a newcomer trips on: messages that say what is wrong, and a README that matches the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import DEMO, REPO, generate, run_kgen

from kgen.targets.registry import BUILTIN


def test_a_reserved_package_name_is_called_so(tmp_path: Path) -> None:
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "out"), "--package-name", "class")
    assert result.returncode == 2
    assert "'class' is a reserved word in Python" in result.stderr and "lower-case" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_groups_typo_gets_a_suggestion(tmp_path: Path) -> None:
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "out"), "--groups", "app/v1")
    assert result.returncode == 2
    assert "did you mean apps/v1?" in result.stderr


def test_the_options_table_lists_every_target() -> None:
    row = next(line for line in (REPO / "README.md").read_text("utf-8").splitlines() if line.startswith("| `--target "))
    found = re.match(r"\| `--target ([^`]*)`", row)
    assert found is not None
    listed = found.group(1).replace("\\|", "|").split("|")
    assert sorted(listed) == sorted(BUILTIN)


def test_the_readme_gives_the_ci_command_and_a_fast_tier() -> None:
    """`bash .ci/run` is what CI runs; the fast tier it names exists and holds tests."""
    readme = (REPO / "README.md").read_text("utf-8")
    assert "\n    bash .ci/run\n" in readme and (REPO / ".ci" / "run").is_file()
    fast = re.search(r"\n    \.venv/bin/python -m pytest -q (\S+)\n", readme)
    assert fast is not None and any((REPO / fast.group(1)).rglob("test_*.py"))


def test_generated_dependencies_are_the_versions_ci_tests() -> None:
    """The generated pyproject allows exactly the msgspec, httpx and PyYAML ranges kgen's test extra installs."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    ours = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]["test"]
    generated = tomllib.loads((REPO / "tests" / "golden" / "demo" / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    runtime = {d for d in ours if d.split(">")[0] in ("msgspec", "httpx", "pyyaml")}
    assert set(generated) == runtime and len(runtime) == 3


def test_fetch_without_a_kubeconfig_says_the_file_is_missing(tmp_path: Path) -> None:
    result = run_kgen("fetch", "-o", str(tmp_path / "cluster.json"), env={"HOME": str(tmp_path), "KUBECONFIG": ""})
    assert result.returncode == 2
    assert f"no kubeconfig file found at {tmp_path / '.kube' / 'config'}" in result.stderr
    assert "current-context" not in result.stderr and not (tmp_path / "cluster.json").exists()


def test_the_readme_open_enum_example_runs_on_a_1_36_cluster_document(tmp_path: Path) -> None:
    """The example is taken from the README and run against the client of the 1.36 cluster document with CRDs."""
    import subprocess
    import sys

    from conftest import generate, real_spec

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("### Open enums") : readme.index("### Vendoring and CI")]
    code = "\n".join(line[4:] for line in section.splitlines() if line.startswith("    ") and "#" not in line)
    out = generate(real_spec("cluster-1.36-small-crds"), tmp_path / "out", "--lenient")
    check = code + "\nassert key.algorithm == 'ECDSA' and CertificateSpecPrivateKeyAlgorithm.Value is str\n"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=out, timeout=300)
    assert result.returncode == 0, result.stderr


# A generic API: operationIds that repeat their tag (listPets under pets), a body, a base path.
PETSTORE = {
    "swagger": "2.0",
    "info": {"title": "Petstore", "version": "1"},
    "basePath": "/v1",
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "parameters": [{"name": "limit", "in": "query", "type": "integer"}],
                "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}},
            },
            "post": {
                "operationId": "createPets",
                "tags": ["pets"],
                "parameters": [{"name": "pet", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Pet"}}],
                "responses": {"201": {"description": "created"}},
            },
        },
        "/pets/{petId}": {
            "get": {
                "operationId": "showPetById",
                "tags": ["pets"],
                "parameters": [{"name": "petId", "in": "path", "required": True, "type": "string"}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}},
            }
        },
    },
    "definitions": {
        "Pet": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}}}
    },
}
# target -> (package name, the API module, how it declares each operation, how the README calls it, the demo's golden README)
GENERIC = {
    "python": ("petstore", "petstore/pets/api.py", "def {}(", "api.{}(", "demo"),
    "typescript": ("petstore", "src/pets/api.ts", "export function {}(", "await {}(client", "demo-typescript"),
    "go": ("example.com/petstore", "pets/api.go", ") {}(ctx", "api.{}(ctx", "demo-go"),
}
NAMES = {
    "python": ("list_pets", "create_pets", "show_pet_by_id"),
    "typescript": ("listPets", "createPets", "showPetById"),
    "go": ("ListPets", "CreatePets", "ShowPetByID"),
}
# What only a Kubernetes document's README talks about (`patch` in lower case: PATCH is also an HTTP method).
KUBERNETES_TEXT = re.compile(r"(?i:kube|watch|namespace|cluster)|patch")


@pytest.mark.parametrize("target", sorted(GENERIC))
def test_a_generic_api_keeps_its_names_and_gets_a_readme_of_its_own(target: str, tmp_path: Path) -> None:
    """listPets is list_pets (not list_, its tag's word gone); the README configures a base URL, calls every
    operation (createPets with its body) and says nothing of kubeconfig, watches or patches, as the demo's does."""
    package, module, declared, called, golden = GENERIC[target]
    spec = tmp_path / "petstore.json"
    spec.write_text(json.dumps(PETSTORE), "utf-8")
    out = generate(spec, tmp_path / "out", "--target", target, "--package-name", package)
    source = (out / module).read_text("utf-8")
    readme = (out / "README.md").read_text("utf-8")
    for name in NAMES[target]:
        assert declared.format(name) in source and called.format(name) in readme, name
    assert "https://api.example.com" in readme and "base path, /v1:" in readme
    assert not KUBERNETES_TEXT.search(readme), KUBERNETES_TEXT.search(readme)
    assert KUBERNETES_TEXT.search((REPO / "tests" / "golden" / golden / "README.md").read_text("utf-8"))


def test_no_options_type_is_named_after_another_operation(real_outputs: dict[str, Path]) -> None:
    """An options type shared by several operations is named after what they share (CreateOrReplaceQuery), so a
    ConfigMap's create never takes `Unpack[CreateMutatingAdmissionPolicyQuery]`."""
    if "k8s-1.36" not in real_outputs:
        pytest.skip("k8s-1.36.json is not in KGEN_SPECS_DIR")
    uses: dict[str, set[str]] = {}
    for api in real_outputs["k8s-1.36"].rglob("api.py"):
        for method, query in re.findall(r"def (\w+)\((?:[^()]|\([^()]*\))*?\*\*query: Unpack\[(\w+)\]", api.read_text("utf-8")):
            uses.setdefault(query, set()).add(method)
    methods = {m.replace("_", "") for users in uses.values() for m in users}
    misnamed = {q: sorted(users) for q, users in uses.items() if q.removesuffix("Query").lower() in methods and len(users) > 1}
    assert len(uses) > 10 and not misnamed, misnamed
    assert {"ReadQuery", "ListQuery", "CreateOrReplaceQuery", "WatchQuery"} <= set(uses)
