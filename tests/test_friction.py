"""What a newcomer trips on: messages that say what is wrong, and a README that matches the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import DEMO, REPO, run_kgen
from kgen.targets import TARGETS


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
    assert sorted(listed) == sorted(TARGETS)


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
