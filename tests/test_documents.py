"""Small documents of each class real documents fall into (tests/documents/), generated in every target and compiled.

Valid Swagger 2.0 (unquoted response codes, allOf composition, tuple items,
file up- and downloads) generates in strict mode; lenient.yaml holds every
deviation --lenient accepts (docs/lenient.md) and fails without it;
validator-only.yaml holds keys only openapi-spec-validator refuses and a null response.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import gotools
import typescript_tools
from conftest import generate, run_kgen

DOCUMENTS = Path(__file__).parent / "documents"
VALID = ["allof.json", "file.json", "int-keys.yaml", "tuple.json"]
LENIENT = ["lenient.yaml", "paths-null.yaml", "validator-only.yaml"]
PACKAGES = {"python": "kube", "typescript": "kube", "go": "example.com/kube"}


def _generate(name: str, target: str, out: Path) -> Path:
    extra = ["--lenient"] if name in LENIENT else []
    return generate(DOCUMENTS / name, out, "--target", target, "--package-name", PACKAGES[target], *extra)


def _compile(target: str, root: Path, tmp_path: Path) -> None:
    if target == "python":
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), "kube"],
            capture_output=True, text=True, cwd=root, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout[-4000:]
    elif target == "typescript":
        result = typescript_tools.run_tsc(root, "--strict", "--noEmit")
        assert result.returncode == 0, result.stdout[-4000:]
    else:
        if gotools.missing():
            pytest.skip(gotools.missing())
        gotools.go("vet", "./...", cwd=root)
        gotools.go("build", "./...", cwd=root)


@pytest.mark.parametrize("target", sorted(PACKAGES))
@pytest.mark.parametrize("name", VALID + LENIENT)
def test_generates_and_compiles(name: str, target: str, tmp_path: Path) -> None:
    _compile(target, _generate(name, target, tmp_path / "out"), tmp_path)


@pytest.mark.parametrize("name", LENIENT)
def test_deviations_are_errors_without_lenient(name: str, tmp_path: Path) -> None:
    result = run_kgen("generate", "--spec", str(DOCUMENTS / name), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "--lenient" in result.stderr and not (tmp_path / "out").exists()


def _text(root: Path, pattern: str) -> str:
    return "\n".join(p.read_text() for p in sorted(root.rglob(pattern)) if "_runtime" not in p.parts and "runtime" not in p.parts)


def test_tuples_in_every_target(tmp_path: Path) -> None:
    python = _text(_generate("tuple.json", "python", tmp_path / "py"), "models.py")
    assert "label: tuple[str, int, Point] | None" in python and "Point: TypeAlias = tuple[int | float, int | float]" in python
    typescript = _text(_generate("tuple.json", "typescript", tmp_path / "ts"), "*.ts")
    assert "label?: [string, number, Point];" in typescript
    go = _text(_generate("tuple.json", "go", tmp_path / "go"), "*.go")
    assert "Label []json.RawMessage" in go and "type Point = []float64" in go  # Go has no tuples: a slice
    result = run_kgen("generate", "--spec", str(DOCUMENTS / "tuple.json"), "--out", str(tmp_path / "go2"), "--target", "go", "--package-name", "example.com/kube")
    assert "; 2 warnings (2 tuples)" in result.stdout and "tuple.json#/definitions/Point: tuple-style items: Go has no tuples" in result.stderr
    result = run_kgen("generate", "--spec", str(DOCUMENTS / "tuple.json"), "--out", str(tmp_path / "py2"))
    assert "warning" not in result.stdout + result.stderr


def test_all_of_composes_the_fields_of_every_part(tmp_path: Path) -> None:
    python = _text(_generate("allof.json", "python", tmp_path / "py"), "models.py")
    admin = python[python.index("class Admin") : python.index("class User")]
    assert all(f in admin for f in ("email: str | None = None", "id: int\n", "level: int\n", "name: str | None = None"))


def test_file_responses_and_form_files_are_bytes(tmp_path: Path) -> None:
    python = _text(_generate("file.json", "python", tmp_path / "py"), "api.py")
    assert "def download(self, id: str) -> bytes:" in python and "content: bytes" in python
    go = _text(_generate("file.json", "go", tmp_path / "go"), "api.go")
    assert "([]byte, error)" in go and "content []byte" in go


def test_lenient_summary_counts_warnings_by_kind_and_verbose_lists_them(tmp_path: Path) -> None:
    args = ("generate", "--lenient", "--spec", str(DOCUMENTS / "lenient.yaml"), "--out", str(tmp_path / "out"))
    quiet = run_kgen(*args)
    assert quiet.returncode == 0
    assert (
        "14 warnings (3 dangling references, 3 type arrays, 3 undeclared path parameters, 1 bare-name reference, "
        "1 duplicate operationId, 1 reference to another document, 1 missing info.version, 1 pattern kept as text)"
    ) in quiet.stdout
    assert quiet.stderr.count("warning:") == 8 and "6 more warnings of these kinds; -v lists them all" in quiet.stderr
    verbose = run_kgen(*args[:-1], str(tmp_path / "verbose"), "-v")
    assert verbose.stderr.count("warning:") == 14


def test_python_tuples_decode_and_encode_back(tmp_path: Path) -> None:
    root = _generate("tuple.json", "python", tmp_path / "py")
    script = (
        "import msgspec\nfrom kube.models import Track\n"
        "wire = b'{\"label\":[\"a\",1,[1.5,2]],\"start\":[0,1]}'\n"
        "track = msgspec.json.decode(wire, type=Track)\n"
        "assert track.label == ('a', 1, (1.5, 2)), track\n"
        "assert msgspec.json.encode(track) == wire\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, timeout=120)
    assert result.returncode == 0, result.stderr


def test_what_only_the_validator_refuses_is_a_warning_with_lenient(tmp_path: Path) -> None:
    strict = run_kgen("generate", "--spec", str(DOCUMENTS / "validator-only.yaml"), "--out", str(tmp_path / "strict"))
    assert strict.returncode == 2, strict.stderr
    assert "#/paths/~1things/delete/responses/204: a response is null" in strict.stderr  # kgen's own check stops first
    lenient = run_kgen("generate", "-v", "--lenient", "--spec", str(DOCUMENTS / "validator-only.yaml"), "--out", str(tmp_path / "lenient"))
    assert lenient.returncode == 0, lenient.stderr
    assert "'additionalItems' does not match" in lenient.stderr and "'Pattern' does not match" in lenient.stderr
    assert "'required' does not match" in lenient.stderr and "a response is null" in lenient.stderr
    assert "1 null response" in lenient.stdout + lenient.stderr
