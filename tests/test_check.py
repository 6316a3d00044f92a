"""The vendoring round trip: generate, edit, `--check` finds it, regenerate, `--check` passes; provenance in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEMO, generate, run_kgen

from kgen.app.request import Request, changes, provenance
from kgen.sources import Inputs


def _check(out: Path, *extra: str, spec: Path = DEMO) -> tuple[int, str, str]:
    result = run_kgen("generate", "--spec", str(spec), "--out", str(out), "--check", *extra)
    return result.returncode, result.stdout, result.stderr


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return generate(DEMO, tmp_path / "clients")


def test_round_trip_edit_check_regenerate(out: Path) -> None:
    code, stdout, _ = _check(out)
    assert code == 0 and "up to date" in stdout
    edited = out / "kube" / "core" / "v1" / "models.py"
    edited.write_text(edited.read_text().replace("class ConfigMap(", "class ConfigMapEdited(", 1))
    code, stdout, stderr = _check(out)
    assert code == 1, stderr
    assert "changed  kube/core/v1/models.py" in stdout
    assert "-class ConfigMapEdited(" in stdout and "+class ConfigMap(" in stdout  # the first lines of the diff
    assert "1 file differs (1 changed, 0 added, 0 removed)" in stdout
    generate(DEMO, out)
    code, stdout, _ = _check(out)
    assert code == 0 and "up to date" in stdout


def test_check_writes_nothing(out: Path, tmp_path: Path) -> None:
    (out / "kube" / "core" / "v1" / "api.py").write_text("edited\n")
    (out / "kube" / "apps" / "v1" / "models.py").unlink()
    before = _snapshot(out)
    code, _, _ = _check(out, "--package-name", "other")
    assert code == 1 and _snapshot(out) == before
    code, _, _ = _check(tmp_path / "never-generated")
    assert code == 1 and not (tmp_path / "never-generated").exists()


def test_a_users_own_file_survives_and_is_no_difference(out: Path) -> None:
    mine = out / "kube" / "core" / "v1" / "extras.py"
    mine.write_text("# hand-written helpers\n")
    (out / "NOTES.md").write_text("ours\n")
    code, stdout, _ = _check(out)
    assert code == 0, stdout
    generate(DEMO, out, "--groups", "apps/v1")  # a regeneration that removes core/v1's api module
    assert mine.read_text() == "# hand-written helpers\n" and (out / "NOTES.md").read_text() == "ours\n"
    assert not (out / "kube" / "core" / "v1" / "api.py").exists()
    code, stdout, _ = _check(out, "--groups", "apps/v1")
    assert code == 0, stdout


def test_a_spec_change_is_reported_as_a_spec_change(out: Path, tmp_path: Path) -> None:
    spec = json.loads(DEMO.read_text())
    spec["definitions"]["io.k8s.api.core.v1.ConfigMap"]["description"] = "ConfigMap holds configuration, changed upstream."
    changed = tmp_path / "demo-changed.json"
    changed.write_text(json.dumps(spec))
    code, stdout, _ = _check(out, spec=changed)
    assert code == 1
    old = json.loads((out / "kgen.lock").read_text())["spec_sha256"]
    new = provenance(Request(str(changed), out), Inputs((str(changed), changed.read_bytes())))["spec_sha256"]
    assert f"the spec changed (sha256 {old[:12]} -> {new[:12]})" in stdout
    assert "changed  kube/core/v1/models.py" in stdout and '+    """ConfigMap holds configuration, changed upstream.' in stdout
    assert "kgen version changed" not in stdout and "options changed" not in stdout


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_options_and_selection_changes_name_the_options(out: Path) -> None:
    code, stdout, _ = _check(out, "--project-version", "2.0.0", "--groups", "core/v1")
    assert code == 1
    assert "options changed: groups ([] -> ['core/v1']), project_version ('0.1.0' -> '2.0.0')" in stdout
    assert "removed  kube/apps/v1/api.py" in stdout and "changed  pyproject.toml" in stdout


def test_deleted_generated_file_is_reported_as_added(out: Path) -> None:
    (out / "kube" / "py.typed").unlink()
    code, stdout, _ = _check(out)
    assert code == 1 and "added    kube/py.typed" in stdout


def test_diff_prints_every_line(out: Path) -> None:
    models = out / "kube" / "core" / "v1" / "models.py"
    models.write_text(models.read_text().replace("    ", "  "))  # touches hundreds of lines
    code, short, _ = _check(out)
    assert code == 1 and "more lines (--diff shows them all)" in short
    code, full, _ = _check(out, "--diff")
    assert code == 1 and "--- a/kube/core/v1/models.py" in full and "+++ b/kube/core/v1/models.py" in full
    assert "more lines" not in full and full.count("\n+") > 100


def test_full_regenerates_in_memory(out: Path) -> None:
    code, stdout, _ = _check(out)
    assert code == 0 and "from kgen.lock" in stdout
    code, stdout, _ = _check(out, "--full")
    assert code == 0 and "regenerated in memory" in stdout


def test_the_fast_path_notices_an_edited_lock(out: Path) -> None:
    lock = json.loads((out / "kgen.lock").read_text())
    lock["files"]["kube/py.typed"] = "0" * 64
    (out / "kgen.lock").write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n")
    code, stdout, _ = _check(out)
    assert code == 1 and "kgen.lock would be rewritten" in stdout


def test_a_file_kgen_did_not_write_in_its_way_is_a_difference(out: Path) -> None:
    generate(DEMO, out, "--groups", "apps/v1")
    (out / "kube" / "core" / "v1" / "api.py").write_text("# mine\n")
    code, stdout, _ = _check(out)
    assert code == 1 and "changed  kube/core/v1/api.py  (not written by kgen" in stdout


def test_check_errors_exit_2(out: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"swagger": "2.0", ')
    code, stdout, stderr = _check(out, spec=bad)
    assert code == 2 and "invalid JSON" in stderr and stdout == ""
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--diff")
    assert result.returncode == 2 and "--diff goes with --check" in result.stderr


def test_provenance_changes_in_words() -> None:
    request = Request("spec.json", Path("out"))
    new = provenance(request, Inputs(("spec.json", b"{}")))
    old = {**new, "kgen": "0.0.9", "templates": "c" * 64, "spec_sha256": "a" * 64, "options": {**new["options"], "package_name": "k"}}
    assert changes(old, new) == [
        f"the spec changed (sha256 {'a' * 12} -> {new['spec_sha256'][:12]})",
        f"kgen version changed (0.0.9 -> {new['kgen']})",
        f"the python templates changed (sha256 {'c' * 12} -> {new['templates'][:12]})",
        "options changed: package_name ('k' -> 'kube')",
    ]
    assert changes(new, new) == []


def test_lock_records_the_provenance(out: Path) -> None:
    lock = json.loads((out / "kgen.lock").read_text())
    assert set(lock) == {"kgen", "target", "templates", "spec_sha256", "options", "files"}
    assert lock["spec_sha256"] == _sha(DEMO) and lock["target"] == "python"
    assert set(lock["options"]) == {"package_name", "project_name", "project_version", "lenient", "format", "groups", "exclude_groups"}
    assert lock["files"]["kube/py.typed"] == _sha(out / "kube" / "py.typed")


def test_a_lock_listing_a_path_outside_the_output_is_refused(out: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    lock = json.loads((out / "kgen.lock").read_text())
    lock["files"]["../outside.txt"] = "0" * 64
    (out / "kgen.lock").write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n")
    for args in (["--check"], []):
        result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), *args)
        assert result.returncode == 2 and "lists '../outside.txt', outside the output directory" in result.stderr, result.stderr
    assert outside.read_text() == "keep me\n"


def test_a_lock_that_is_not_a_lock_is_no_lock(out: Path) -> None:
    (out / "kgen.lock").write_text('{"files": ["kube/py.typed"]}\n')
    code, stdout, _ = _check(out)
    assert code == 1 and "no readable kgen.lock" in stdout


def test_check_reads_the_spec_from_stdin(out: Path) -> None:
    result = run_kgen("generate", "--spec", "-", "--out", str(out), "--check", "--full", input=DEMO.read_bytes())
    assert result.returncode == 0 and "up to date" in result.stdout, result.stderr
