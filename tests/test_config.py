"""Configuration: [tool.kgen] in pyproject.toml or kgen.yaml, several outputs, flags over config, clear errors."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import DEMO, run_kgen


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project directory with the demo spec in it."""
    (tmp_path / "specs").mkdir()
    shutil.copy(DEMO, tmp_path / "specs" / "demo.json")
    return tmp_path


def _write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text))


def _kgen(cwd: Path, *args: str):
    return run_kgen(*args, cwd=cwd)


TWO_OUTPUTS_TOML = """
    [project]
    name = "my-app"

    [tool.kgen]
    spec = "specs/demo.json"
    project-version = "1.2.3"

    [[tool.kgen.outputs]]
    name = "core"
    out = "clients/core"
    groups = ["core/v1"]

    [[tool.kgen.outputs]]
    name = "apps"
    out = "clients/apps"
    package-name = "apps_client"
    groups = "apps/v1"
"""


def test_generate_without_arguments_uses_pyproject(project: Path) -> None:
    _write(project / "pyproject.toml", TWO_OUTPUTS_TOML)
    result = _kgen(project, "generate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 2 and "-> clients/core" in result.stdout and "-> clients/apps" in result.stdout
    core = json.loads((project / "clients" / "core" / "kgen.lock").read_text())
    apps = json.loads((project / "clients" / "apps" / "kgen.lock").read_text())
    assert core["options"]["groups"] == ["core/v1"] and core["options"]["project_version"] == "1.2.3"
    assert apps["options"]["package_name"] == "apps_client" and (project / "clients" / "apps" / "apps_client" / "apps" / "v1").is_dir()
    check = _kgen(project, "generate", "--check")
    assert check.returncode == 0 and check.stdout.count("up to date") == 2


def test_flags_override_the_config(project: Path) -> None:
    _write(project / "pyproject.toml", TWO_OUTPUTS_TOML)
    result = _kgen(project, "generate", "--output", "apps", "--project-version", "2.0.0", "--groups", "apps/*")
    assert result.returncode == 0, result.stderr
    assert not (project / "clients" / "core").exists()
    lock = json.loads((project / "clients" / "apps" / "kgen.lock").read_text())
    assert lock["options"]["project_version"] == "2.0.0" and lock["options"]["groups"] == ["apps/*"]
    assert 'version = "2.0.0"' in (project / "clients" / "apps" / "pyproject.toml").read_text()
    check = _kgen(project, "generate", "--check", "--output", "apps")
    assert check.returncode == 1 and "options changed: groups (['apps/*'] -> ['apps/v1']), project_version ('2.0.0' -> '1.2.3')" in check.stdout


def test_kgen_yaml_with_two_specs(project: Path) -> None:
    spec = json.loads(DEMO.read_text())
    spec["info"]["title"] = "Second cluster"
    (project / "specs" / "second.json").write_text(json.dumps(spec))
    _write(
        project / "kgen.yaml",
        """
        outputs:
          - name: first
            spec: specs/demo.json
            out: out/first
          - name: second
            spec: specs/second.json
            out: out/second
            package-name: second
        """,
    )
    result = _kgen(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "Second cluster" in (project / "out" / "second" / "README.md").read_text()
    assert (project / "out" / "first" / "kube" / "__init__.py").is_file()
    # a spec change in one output is reported for that output only
    spec["info"]["description"] = "changed"
    (project / "specs" / "second.json").write_text(json.dumps(spec))
    check = _kgen(project, "generate", "--check")
    assert check.returncode == 1 and check.stdout.count("the spec changed") == 1 and "up to date" in check.stdout


def test_spec_and_out_flags_alone_ignore_the_config_found(project: Path, tmp_path: Path) -> None:
    _write(project / "pyproject.toml", TWO_OUTPUTS_TOML)
    result = _kgen(project, "generate", "--spec", "specs/demo.json", "--out", "adhoc")
    assert result.returncode == 0, result.stderr
    assert json.loads((project / "adhoc" / "kgen.lock").read_text())["options"]["groups"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[tool.kgen]\nspec = 'specs/demo.json'\nout = 'o'\npackage_name = 'x'\n", ["#/tool/kgen/package_name: unknown key 'package_name'", "did you mean 'package-name'?"]),
        ("[tool.kgen]\nspec = 'specs/demo.json'\nout = 'o'\nlenient = 'yes'\n", ["#/tool/kgen/lenient: lenient must be true or false"]),
        ("[tool.kgen]\nspec = 'specs/demo.json'\nout = 'o'\ngroups = ['/v1']\n", ["#/tool/kgen/groups:", "write the core group as 'core'"]),
        ("[tool.kgen]\nspec = 'specs/demo.json'\nout = 'o'\ntarget = 'cobol'\n", ["#/tool/kgen/target: target must be one of: csharp, go, java, python, typescript"]),
        ("[tool.kgen]\nspec = 'specs/demo.json'\nout = 'o'\nmax-bytes = 0\n", ["#/tool/kgen/max-bytes: max-bytes must be a positive integer"]),
        ("[tool.kgen]\nout = 'o'\n", ["no spec for 'o'", "pass --spec"]),
        ("[tool.kgen]\nspec = 'specs/demo.json'\noutputs = 3\n", ["#/tool/kgen/outputs: must be a non-empty list of tables"]),
        (
            "[tool.kgen]\nspec = 'specs/demo.json'\n[[tool.kgen.outputs]]\nout = 'o'\n[[tool.kgen.outputs]]\nout = 'o'\n",
            ["#/tool/kgen/outputs/1: a second output is named 'o'", "writes to the same directory"],
        ),
        ("[tool.kgen\n", ["pyproject.toml:1:11: invalid TOML: Expected ']'"]),
    ],
)
def test_config_errors_name_file_key_and_hint_and_exit_2(project: Path, text: str, expected: list[str]) -> None:
    (project / "pyproject.toml").write_text(text)
    result = _kgen(project, "generate")
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("error: pyproject.toml") or "pyproject.toml" in result.stderr
    for fragment in expected:
        assert fragment in result.stderr
    assert "hint:" in result.stderr and result.stdout == ""
    assert not (project / "o").exists()


def test_yaml_config_errors_and_ambiguity(project: Path) -> None:
    (project / "kgen.yaml").write_text("spec: specs/demo.json\nout: [1\n")
    result = _kgen(project, "generate")
    assert result.returncode == 2 and "kgen.yaml:" in result.stderr and "invalid YAML" in result.stderr
    (project / "kgen.yaml").write_text("spec: specs/demo.json\nout: o\nexclude-groups: [apps/v1, 7]\n")
    result = _kgen(project, "generate")
    assert result.returncode == 2 and "kgen.yaml#/exclude-groups: exclude-groups must be a list" in result.stderr
    (project / "kgen.yaml").write_text("spec: specs/demo.json\nout: o\n")
    (project / "pyproject.toml").write_text("[tool.kgen]\nspec = 'x'\n")
    result = _kgen(project, "generate")
    assert result.returncode == 2 and "both kgen.yaml and [tool.kgen] in pyproject.toml" in result.stderr


def test_no_config_and_no_flags(project: Path) -> None:
    (project / "pyproject.toml").write_text("[project]\nname = 'not-kgen'\n")  # no [tool.kgen]: not a config
    result = _kgen(project, "generate")
    assert result.returncode == 2 and "no spec" in result.stderr and "[tool.kgen]" in result.stderr
    result = _kgen(project, "generate", "--output", "x")
    assert result.returncode == 2 and "--output needs a config" in result.stderr


def test_output_selection_errors(project: Path) -> None:
    _write(project / "pyproject.toml", TWO_OUTPUTS_TOML)
    result = _kgen(project, "generate", "--output", "nope")
    assert result.returncode == 2 and "--output 'nope': no output of that name" in result.stderr and "core, apps" in result.stderr
    result = _kgen(project, "generate", "--package-name", "x")
    assert result.returncode == 2 and "choose one with --output NAME" in result.stderr
    result = _kgen(project, "generate", "--config", "missing.yaml")
    assert result.returncode == 2 and "missing.yaml#/: no such file" in result.stderr and "--config" in result.stderr


def test_crd_manifests_and_clusters_in_a_config(project: Path) -> None:
    from kgen.app import config

    (project / "crds").mkdir()
    (project / "crds" / "thing.yaml").write_text(textwrap.dedent("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: things.example.com}
        spec:
          group: example.com
          names: {kind: Thing, plural: things}
          scope: Namespaced
          versions:
          - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
        """))
    _write(project / "kgen.yaml", """
        crd: crds
        out: clients/things
    """)
    result = _kgen(project, "generate")
    assert result.returncode == 0, result.stderr
    lock = json.loads((project / "clients" / "things" / "kgen.lock").read_text())
    assert lock["spec_sha256"] is None and [name for name, _ in lock["crds"]] == ["crds/thing.yaml"]

    outputs = config.read(project / "kgen.yaml").outputs
    (request,) = config.requests(outputs, {"from-cluster": True, "context": "prod", "kubeconfig": "kc.yaml"})
    assert request.from_cluster and request.lenient and request.context == "prod"  # clusters publish the quirks
    assert request.crds == (str(project / "crds"),)
    with pytest.raises(config.KgenError, match="both spec and from-cluster"):
        config.requests(outputs, {"from-cluster": True, "spec": "x.json"})
    _write(project / "kgen.yaml", "out: clients/none\n")
    result = _kgen(project, "generate")
    assert result.returncode == 2 and "pass --spec, --crd or --from-cluster" in result.stderr
