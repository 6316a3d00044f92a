"""A run killed partway leaves the previous output complete; a committed one is finished by the next run."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import DEMO, generate

STAGING = ".kgen-staging"
JOURNAL = ".kgen-journal.json"
RUN_LOCK = ".kgen-run.lock"  # a killed run leaves it; its flock died with the process


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and STAGING not in p.parts and p.name not in (JOURNAL, RUN_LOCK)
    }


def _changed_spec(tmp_path: Path) -> Path:
    doc = json.loads(DEMO.read_text())
    doc["info"]["title"] = "Kubernetes demo cluster, second edition"
    for definition in doc["definitions"].values():
        definition["description"] = definition.get("description", "") + " (edited)"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(doc))
    return path


def test_sigkill_during_generation(tmp_path: Path) -> None:
    out = generate(DEMO, tmp_path / "out")
    previous = _tree(out)
    changed = _changed_spec(tmp_path)
    command = [sys.executable, "-m", "kgen", "generate", "--spec", str(changed), "--out", str(out)]
    outcomes = set()
    for delay in (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.005)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if (out / JOURNAL).exists():
            outcomes.add("committed")  # the next run must finish the switch before anything else
            assert generate(changed, out)
            assert not (out / JOURNAL).exists() and not (out / STAGING).exists()
        now = _tree(out)
        if now == previous:
            outcomes.add("previous")
        else:
            outcomes.add("new")
            assert json.loads(now["kgen.lock"])["spec_sha256"] != json.loads(previous["kgen.lock"])["spec_sha256"]
            assert set(now) == set(previous)  # same files, all of them complete
            previous = now
        # back to the first spec for the next round, so every round replaces real content; the killed
        # run's lock does not wedge it, and a finished run leaves no lock behind
        generate(DEMO, out)
        assert not (out / RUN_LOCK).exists()
        previous = _tree(out)
    assert "previous" in outcomes


def test_interrupted_staging_is_discarded(tmp_path: Path) -> None:
    out = generate(DEMO, tmp_path / "out")
    before = _tree(out)
    (out / STAGING / "kube").mkdir(parents=True)
    (out / STAGING / "kube" / "__init__.py").write_text("half written")
    generate(DEMO, out)
    assert not (out / STAGING).exists() and _tree(out) == before


def test_committed_journal_is_completed(tmp_path: Path) -> None:
    """The state a run killed right after its commit point leaves: staged files, and a journal naming them."""
    from kgen.emit.outdir import OutputDir
    from kgen.emit.output import locked

    out = generate(DEMO, tmp_path / "out")
    staged = out / STAGING / "new" / "README.md"
    staged.parent.mkdir(parents=True)
    staged.write_text("finished by the next run\n")
    with OutputDir(out, create=False) as opened:
        journal = {"staging": opened.identity(STAGING), "replace": {"README.md": hashlib.sha256(staged.read_bytes()).hexdigest()}, "delete": []}
    (out / JOURNAL).write_text(json.dumps(journal))
    with locked(out):
        pass
    assert (out / "README.md").read_text() == "finished by the next run\n"
    assert not (out / JOURNAL).exists() and not (out / STAGING).exists()
