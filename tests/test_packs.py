"""Template packs (--templates): a toy target of a pack's own, and an override of one Python template."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DEMO, run_kgen

PACKS = Path(__file__).parent / "packs"


def test_a_pack_adds_a_target(tmp_path: Path) -> None:
    out = tmp_path / "reference"
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--templates", str(PACKS / "markdown"))
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in out.glob("*.md"))
    assert "index.md" in pages and "core-v1.md" in pages
    core = (out / "core-v1.md").read_text("utf-8")
    assert "| GET | /api/v1/namespaces/\\{namespace\\}/configmaps |" in core
    assert "## ConfigMap" in core
    lock = json.loads((out / "kgen.lock").read_text("utf-8"))
    assert lock["target"] == "markdown" and lock["templates"] is None and len(lock["template_pack"]) == 64


def test_a_pack_overrides_one_python_template(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACKS / "python-readme", pack)
    out = tmp_path / "client"
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--templates", str(pack))
    assert result.returncode == 0, result.stderr
    assert "<!-- from the python-readme test pack -->" in (out / "README.md").read_text("utf-8")
    plain = tmp_path / "plain"
    assert run_kgen("generate", "--spec", str(DEMO), "--out", str(plain)).returncode == 0
    assert (out / "kube" / "core" / "v1" / "models.py").read_bytes() == (plain / "kube" / "core" / "v1" / "models.py").read_bytes()
    assert "template_pack" in json.loads((out / "kgen.lock").read_text("utf-8"))

    check = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--templates", str(pack), "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    with (pack / "README.md.jinja").open("a", encoding="utf-8") as readme:
        readme.write("\nA line the pack added.\n")
    check = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--templates", str(pack), "--check")
    assert check.returncode == 1 and "the template pack changed" in check.stdout + check.stderr


def test_targets_lists_packs_without_running_them(tmp_path: Path) -> None:
    result = run_kgen("targets", "--templates", str(PACKS / "markdown"), env={"KGEN_TEMPLATES_PATH": str(PACKS)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("python ") for line in lines) and any(line.startswith("typescript ") for line in lines)
    assert sum(line.startswith("markdown ") for line in lines) == 2  # named, and found on the search path
    assert any(line.startswith("overrides ") and "README.md.jinja" in line for line in lines)


def test_a_pack_target_refuses_another_target(tmp_path: Path) -> None:
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "o"), "--templates", str(PACKS / "markdown"), "--target", "python")
    assert result.returncode == 2 and "defines the target 'markdown'" in result.stderr
