"""The output directory as an attacker commits it: symlinks, journals, locks and files kgen did not write.

Each test starts from a generated output, plants what a hostile repository
could hold, runs kgen, and checks that nothing outside the output changed and
that the output is either the previous one or the new one, never a mix.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DEMO, generate, run_kgen

from kgen.diagnostics import KgenError
from kgen.emit.outdir import RUN_LOCK, OutputDir
from kgen.emit.output import JOURNAL, LOCK, STAGING, locked, write_output
from kgen.targets.base import GeneratedFile

HEADER_SPEC = "spec sha256:"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _changed_spec(tmp_path: Path, title: str = "second edition") -> Path:
    doc = json.loads(DEMO.read_text())
    doc["info"]["title"] = title
    for definition in doc["definitions"].values():
        definition["description"] = definition.get("description", "") + f" ({title})"
    path = tmp_path / f"{title.replace(' ', '-')}.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return generate(DEMO, tmp_path / "out")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A directory beside the output holding a private file, that no run may touch."""
    directory = tmp_path / "outside"
    directory.mkdir()
    (directory / "id_rsa").write_text("PRIVATE KEY\n")
    return directory


def _refused(out: Path, spec: Path, *needles: str) -> None:
    before = _tree(out)
    result = run_kgen("generate", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and all(n in result.stderr for n in needles), result.stderr
    assert _tree(out) == before


def test_a_symlinked_staging_directory_is_refused(out: Path, outside: Path, tmp_path: Path) -> None:
    (out / STAGING).symlink_to(outside)
    _refused(out, _changed_spec(tmp_path), f"refusing to follow the symlink {out / STAGING}", "remove the symlink")
    assert sorted(p.name for p in outside.iterdir()) == ["id_rsa"] and (outside / "id_rsa").read_text() == "PRIVATE KEY\n"


def test_a_symlinked_journal_tmp_is_refused(out: Path, outside: Path, tmp_path: Path) -> None:
    (out / (JOURNAL + ".tmp")).symlink_to(outside / "id_rsa")
    _refused(out, _changed_spec(tmp_path), f"refusing to follow the symlink {out / (JOURNAL + '.tmp')}")
    assert (outside / "id_rsa").read_text() == "PRIVATE KEY\n"


def test_a_symlinked_run_lock_or_output_directory_is_refused(out: Path, outside: Path, tmp_path: Path) -> None:
    (out / RUN_LOCK).symlink_to(outside / "id_rsa")
    _refused(out, _changed_spec(tmp_path), f"refusing to follow the symlink {out / RUN_LOCK}")
    (out / RUN_LOCK).unlink()
    (out / "kube" / "apps").rename(tmp_path / "apps")
    (out / "kube" / "apps").symlink_to(outside)
    _refused(out, _changed_spec(tmp_path), f"refusing to follow the symlink {out / 'kube' / 'apps'}")
    assert sorted(p.name for p in outside.iterdir()) == ["id_rsa"]


@pytest.mark.parametrize(
    ("journal", "why"),
    [
        ({"replace": ["id_rsa"], "delete": []}, "does not have kgen's journal fields"),  # the old format, by hand
        ({"staging": 0, "replace": {"id_rsa": "0" * 64}, "delete": []}, "refusing to follow the symlink"),
    ],
)
def test_a_journal_with_a_symlinked_staging_moves_nothing_in(out: Path, outside: Path, journal: dict[str, object], why: str) -> None:
    (out / STAGING).symlink_to(outside)
    (out / JOURNAL).write_text(json.dumps(journal))
    _refused(out, DEMO, why)
    assert not (out / "id_rsa").exists() and (outside / "id_rsa").read_text() == "PRIVATE KEY\n"


@pytest.mark.parametrize(
    ("journal", "why"),
    [
        ({"staging": None, "replace": {"README.md": "0" * 64}, "delete": []}, "it belongs to another .kgen-staging"),
        ({"replace": ["README.md"], "delete": []}, "it does not have kgen's journal fields"),
        ({"staging": None, "replace": {"../x": "0" * 64}, "delete": []}, "it names '../x'"),
        ({"staging": None, "replace": {}, "delete": ["/etc/passwd"]}, "it names '/etc/passwd'"),
        ({"staging": None, "replace": {"README.md": "not a hash"}, "delete": []}, "its hashes are not sha256 digests"),
        ("not JSON", "it is not JSON"),
    ],
)
def test_a_hand_written_journal_is_refused(out: Path, journal: object, why: str) -> None:
    """A journal committed beside a real staging directory: its inode is not the one the journal names."""
    (out / STAGING).mkdir()
    (out / STAGING / "new").mkdir()
    (out / STAGING / "new" / "README.md").write_text("planted\n")
    (out / JOURNAL).write_text(journal if isinstance(journal, str) else json.dumps(journal))
    _refused(out, DEMO, f"{out / JOURNAL} is not the journal of a kgen run interrupted here: {why}", f"delete {JOURNAL} and {STAGING}")


def test_a_tampered_staged_file_is_refused(out: Path) -> None:
    with OutputDir(out, create=False) as opened:
        (out / STAGING / "new").mkdir(parents=True)
        (out / STAGING / "new" / "README.md").write_text("planted\n")
        journal = {"staging": opened.identity(STAGING), "replace": {"README.md": "0" * 64}, "delete": []}
    (out / JOURNAL).write_text(json.dumps(journal))
    _refused(out, DEMO, "the staged README.md is not the file kgen staged")


@pytest.mark.parametrize("listed", ["../outside.txt", "/etc/hostname", "kube/../../outside.txt"])
def test_a_lock_listing_a_path_outside_is_refused_before_anything_is_committed(out: Path, tmp_path: Path, listed: str) -> None:
    (tmp_path / "outside.txt").write_text("keep me\n")
    original = (out / LOCK).read_text()
    lock = json.loads(original)
    lock["files"][listed] = "0" * 64
    (out / LOCK).write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n")
    _refused(out, _changed_spec(tmp_path), f"{out / LOCK} lists {listed!r}, outside the output directory", f"restore {LOCK}")
    assert not (out / JOURNAL).exists() and (tmp_path / "outside.txt").read_text() == "keep me\n"
    (out / LOCK).write_text(original)  # later runs are not wedged
    generate(_changed_spec(tmp_path), out)


def test_an_identical_file_kgen_did_not_write_is_not_adopted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "kube").mkdir(parents=True)
    (out / "kube" / "py.typed").write_text("")  # what kgen would write, but the user's
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out))
    assert result.returncode == 2 and "kube/py.typed exists and was not written by kgen" in result.stderr, result.stderr
    assert _tree(out) == {"kube/py.typed": b""} and not (out / LOCK).exists()
    check = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--check")
    assert check.returncode == 1 and "kube/py.typed  (not written by kgen" in check.stdout, check.stdout


def test_a_file_left_out_of_the_lock_is_kept(out: Path, tmp_path: Path) -> None:
    """A later run that no longer writes a file removes it only if the lock lists it."""
    lock = json.loads((out / LOCK).read_text())
    del lock["files"]["kube/apps/v1/models.py"]
    (out / LOCK).write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n")
    kept = (out / "kube" / "apps" / "v1" / "models.py").read_bytes()
    generate(DEMO, out, "--groups", "core/v1")
    assert (out / "kube" / "apps" / "v1" / "models.py").read_bytes() == kept
    assert not (out / "kube" / "apps" / "v1" / "api.py").exists()


@pytest.mark.parametrize("planted", ["Makefile", "kube/apps/v1/models.py"])
def test_a_stale_file_changed_since_kgen_wrote_it_is_kept_with_a_warning(out: Path, planted: str) -> None:
    """A lock edited to list someone's file (Makefile), or a generated file edited by hand that a later run no
    longer writes: only what still has the hash the lock lists is removed."""
    lock = json.loads((out / LOCK).read_text())
    lock["files"].setdefault(planted, "0" * 64)
    (out / LOCK).write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n")
    (out / planted).write_text("all:\n\tmake -C src\n")
    check = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--groups", "core/v1", "--check")
    assert check.returncode == 1 and f"removed  {planted}  (changed since kgen wrote it: generating keeps it, no longer listed)" in check.stdout, check.stdout
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--groups", "core/v1")
    assert result.returncode == 0, result.stderr
    assert (out / planted).read_text() == "all:\n\tmake -C src\n"
    assert f"warning: {out / planted} was written by kgen and changed since; this run no longer generates it, so it was kept" in result.stderr
    assert not (out / "kube" / "apps" / "v1" / "api.py").exists()  # unchanged stale files are still removed
    assert planted not in json.loads((out / LOCK).read_text())["files"]


@pytest.mark.parametrize("fifo", [LOCK, "kube/py.typed", RUN_LOCK])
def test_a_fifo_in_the_output_is_refused_instead_of_waited_on(out: Path, fifo: str) -> None:
    (out / fifo).unlink(missing_ok=True)
    os.mkfifo(out / fifo)
    for check in ((), ("--check",)):
        result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), *check, timeout=60)
        assert result.returncode == 2 and f"{out / fifo} is not a regular file" in result.stderr, result.stderr


def _spec_of(out: Path) -> str:
    """The spec sha256 that every file's header and the lock agree on (fails on a mix)."""
    lock = json.loads((out / LOCK).read_text())
    for path, sha in lock["files"].items():
        data = (out / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha, f"{path} is not the file the lock lists"
        first = data.split(b"\n", 1)[0].decode()
        if HEADER_SPEC in first:
            assert HEADER_SPEC + lock["spec_sha256"] in first, f"{path} comes from another spec than {LOCK}"
    assert set(_tree(out)) == set(lock["files"]) | {LOCK}
    return str(lock["spec_sha256"])


def test_two_concurrent_runs_do_not_mix(out: Path, tmp_path: Path) -> None:
    specs = [_changed_spec(tmp_path, "first"), _changed_spec(tmp_path, "second")]
    runs = [
        subprocess.Popen([sys.executable, "-m", "kgen", "generate", "--spec", str(spec), "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for spec in specs
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    _spec_of(out)
    assert not (out / RUN_LOCK).exists()


def test_a_second_run_waits_for_the_first(out: Path, tmp_path: Path) -> None:
    before = _tree(out)
    with OutputDir(out, create=False) as held, held.lock(exclusive=True, waiting=pytest.fail):
        waiting = subprocess.Popen(
            [sys.executable, "-m", "kgen", "generate", "--spec", str(_changed_spec(tmp_path)), "--out", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert waiting.stderr is not None
        line = waiting.stderr.readline()  # blocks until kgen says it waits (or exits)
        assert line.strip() == f"kgen: waiting for another kgen run to finish writing {out}", line
        assert waiting.poll() is None and {p: d for p, d in _tree(out).items() if p != RUN_LOCK} == before
    _, stderr = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, stderr
    assert _spec_of(out) != json.loads(before[LOCK])["spec_sha256"]


def test_a_killed_lock_holder_does_not_wedge_the_next_run(out: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from kgen.emit.outdir import OutputDir\n"
         "with OutputDir(Path(sys.argv[1]), create=False) as d, d.lock(exclusive=True, waiting=print):\n"
         "    print('held', flush=True); time.sleep(600)", str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (out / RUN_LOCK).exists()  # left behind, but no longer locked
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), timeout=600)
    assert result.returncode == 0 and "waiting" not in result.stderr, result.stderr
    assert not (out / RUN_LOCK).exists()


def test_check_creates_no_lock_and_waits_for_a_writer(out: Path) -> None:
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--check")
    assert result.returncode == 0 and not (out / RUN_LOCK).exists()
    with OutputDir(out, create=False) as held, held.lock(exclusive=True, waiting=pytest.fail):
        check = subprocess.Popen(
            [sys.executable, "-m", "kgen", "generate", "--spec", str(DEMO), "--out", str(out), "--check"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert check.stderr is not None and "waiting for another kgen run" in check.stderr.readline()
    stdout, _ = check.communicate(timeout=600)
    assert check.returncode == 0, stdout


def _no_file_bigger_than(limit: int) -> None:
    """In the child: writing past `limit` bytes fails with EFBIG, as a full disk fails (even for root, unlike permissions)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_disk_error_exits_2_with_the_previous_output_intact(out: Path, tmp_path: Path) -> None:
    before = _tree(out)
    result = subprocess.run(
        [sys.executable, "-m", "kgen", "generate", "--spec", str(_changed_spec(tmp_path)), "--out", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: _no_file_bigger_than(2000),
        timeout=600,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "cannot write" in result.stderr and "File too large" in result.stderr and "the previous output is intact" in result.stderr
    assert _tree(out) == before


def test_an_unwritable_output_exits_2_with_the_previous_output_intact(out: Path, tmp_path: Path) -> None:
    before = _tree(out)
    directories = [out, *(p for p in out.rglob("*") if p.is_dir())]
    for directory in directories:
        directory.chmod(0o555)
    # root writes through permission bits: CI runs as root, so kgen runs there without the capabilities that allow it
    unprivileged = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    try:
        result = subprocess.run(
            [*unprivileged, sys.executable, "-m", "kgen", "generate", "--spec", str(_changed_spec(tmp_path)), "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        for directory in directories:
            directory.chmod(0o755)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "Permission denied" in result.stderr and str(out) in result.stderr, result.stderr
    assert _tree(out) == before


def _files(tag: str) -> list[GeneratedFile]:
    return [GeneratedFile(f"pkg/m{i}.py", f"# {tag} {i}\n") for i in range(6)] + ([GeneratedFile("pkg/only_first.py", "x = 1\n")] if tag == "first" else [])


def _with_new_directory(tag: str) -> list[GeneratedFile]:
    return _files(tag) + [GeneratedFile(f"newpkg/{part}/m{i}.py", f"# {tag} {i}\n") for part in ("a", "b") for i in range(3)]


def _replacing(monkeypatch: pytest.MonkeyPatch, after: int = 0, times: int = 0) -> dict[str, int]:
    """os.replace, counted ("n"); it fails (as a full disk or a read-only directory would) once `after` renames
    succeeded, `times` times."""
    real, calls = os.replace, {"n": 0}

    def replace(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if after < calls["n"] <= after + times:
            raise OSError(errno.EIO, "Input/output error")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    return calls


@pytest.mark.parametrize(("second", "after"), [(_files, 1), (_files, 3), (_files, 6), (_files, 9), (_with_new_directory, 1), (_with_new_directory, 5), (_with_new_directory, 15), (_with_new_directory, 16)])
def test_a_failure_mid_commit_restores_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second: Callable[[str], list[GeneratedFile]], after: int
) -> None:
    root = tmp_path / "out"
    with locked(root) as out:
        write_output(out, _files("first"), {"run": 1})
    before = _tree(root)
    _replacing(monkeypatch, after=after, times=1)  # the journal's own rename is the first
    with pytest.raises(KgenError, match="Input/output error") as failure, locked(root) as out:
        write_output(out, second("second"), {"run": 2})
    assert "the previous output is intact" in str(failure.value)
    assert _tree(root) == before and not (root / "newpkg").exists()
    assert not (root / JOURNAL).exists() and not (root / STAGING).exists()


def test_a_commit_that_cannot_be_undone_is_completed_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "out"
    with locked(root) as out:
        write_output(out, _files("first"), {"run": 1})
    _replacing(monkeypatch, after=4, times=100)  # the commit fails, and so does putting things back
    with pytest.raises(KgenError, match="the next kgen run in this directory completes it"), locked(root) as out:
        write_output(out, _files("second"), {"run": 2})
    assert (root / JOURNAL).exists()
    monkeypatch.undo()
    with locked(root):  # recovery alone finishes the committed run
        pass
    assert _tree(root) == {**{f"pkg/m{i}.py": f"# second {i}\n".encode() for i in range(6)}, LOCK: _tree(root)[LOCK]}
    assert json.loads(_tree(root)[LOCK])["run"] == 2 and not (root / STAGING).exists()


def test_a_new_directory_moves_into_place_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "out"
    with locked(root) as out:
        write_output(out, _files("first"), {"run": 1})
    renames = _replacing(monkeypatch)
    with locked(root) as out:
        write_output(out, _with_new_directory("second"), {"run": 2})
    assert {p: v for p, v in _tree(root).items() if p != LOCK} == {f.path: f.content.encode() for f in _with_new_directory("second")}
    # the journal, the pkg files (each moved aside, then into place), newpkg once, the lock
    assert renames["n"] == 1 + 2 * 7 + 1 + 1


@pytest.mark.parametrize("planted", ["file", "symlink"])
def test_a_staged_directory_holding_what_kgen_did_not_stage_moves_file_by_file(out: Path, outside: Path, planted: str) -> None:
    staged = out / STAGING / "new" / "newpkg"
    staged.mkdir(parents=True)
    (staged / "listed.py").write_text("x = 1\n")
    if planted == "file":
        (staged / "planted.py").write_text("import os\n")
    else:
        (staged / "planted.py").symlink_to(outside / "id_rsa")
    with OutputDir(out, create=False) as opened:
        digest = hashlib.sha256(b"x = 1\n").hexdigest()
        journal = {"staging": opened.identity(STAGING), "replace": {"newpkg/listed.py": digest}, "delete": []}
    (out / JOURNAL).write_text(json.dumps(journal))
    with locked(out):  # recovery finishes the run the journal describes, and only that
        pass
    assert (out / "newpkg" / "listed.py").read_text() == "x = 1\n"
    assert sorted(p.name for p in (out / "newpkg").iterdir()) == ["listed.py"]
    assert not (out / STAGING).exists() and (outside / "id_rsa").read_text() == "PRIVATE KEY\n"


def test_reading_many_files_lists_each_directory_and_refuses_symlinks(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "root"
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "top.py").write_text("top\n")
    (root / "pkg" / "a.py").write_text("a\n")
    (root / "pkg" / "sub" / "b.py").write_text("b\n")
    wanted = ["top.py", "absent.py", "pkg/a.py", "pkg/gone.py", "pkg/sub/b.py", "nodir/c.py", "pkg/nodir/d.py"]
    with OutputDir(root, create=False) as out:
        assert out.read_many(wanted) == {"top.py": b"top\n", "pkg/a.py": b"a\n", "pkg/sub/b.py": b"b\n"}
    (root / "pkg" / "link.py").symlink_to(outside / "id_rsa")
    with pytest.raises(KgenError, match="refusing to follow the symlink"), OutputDir(root, create=False) as out:
        out.read_many(["pkg/link.py"])
    (root / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(KgenError, match="refusing to follow the symlink"), OutputDir(root, create=False) as out:
        out.read_many(["linked/id_rsa"])
    with OutputDir(tmp_path / "absent", create=False) as out:
        assert out.read_many(wanted) == {}


def test_writing_many_files_creates_their_directories_and_overwrites_nothing(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "root"
    files = {"top.py": b"top\n", "pkg/a.py": b"a\n" * 70000, "pkg/sub/b.py": b"", "other/c.py": b"c\n"}
    with OutputDir(root, create=True) as out:
        out.write_many(files)
    assert _tree(root) == files
    with pytest.raises(KgenError, match="cannot write .*pkg/a.py"), OutputDir(root, create=False) as out:
        out.write_many({"pkg/new.py": b"new\n", "pkg/a.py": b"again\n"})
    assert (root / "pkg" / "a.py").read_bytes() == files["pkg/a.py"]
    (root / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(KgenError, match="refusing to follow the symlink"), OutputDir(root, create=False) as out:
        out.write_many({"linked/planted.py": b"x\n"})
    assert sorted(p.name for p in outside.iterdir()) == ["id_rsa"]
