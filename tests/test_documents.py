"""Small documents of each class real documents fall into (tests/documents/), generated in every target and compiled.

Valid Swagger 2.0 (unquoted response codes, allOf composition, tuple items,
file up- and downloads) generates in strict mode; lenient.yaml holds every
deviation --lenient accepts (docs/lenient.md) and fails without it;
validator-only.yaml holds keys only openapi-spec-validator refuses and a null response;
kubernetes-types.yaml names Kubernetes types it does not define.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import gotools
import pytest
import typescript_tools
from conftest import generate, run_kgen

DOCUMENTS = Path(__file__).parent / "documents"
VALID = ["allof.json", "file.json", "int-keys.yaml", "tuple.json"]
LENIENT = ["kubernetes-types.yaml", "lenient.yaml", "paths-null.yaml", "validator-only.yaml"]
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
    assert "unexpected 'additionalItems'" in lenient.stderr and "unexpected 'Pattern'" in lenient.stderr
    assert "unexpected 'required'" in lenient.stderr and "a response is null" in lenient.stderr
    assert "1 null response" in lenient.stdout + lenient.stderr


def test_kubernetes_types_the_document_names_resolve_from_kgens_definitions_or_are_untyped(tmp_path: Path) -> None:
    args = ("generate", "-v", "--lenient", "--spec", str(DOCUMENTS / "kubernetes-types.yaml"))
    result = run_kgen(*args, "--out", str(tmp_path / "py"))
    assert result.returncode == 0, result.stderr
    resolved = {
        "v1.ListMeta": "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
        "v1.PersistentVolumeClaim": "io.k8s.api.core.v1.PersistentVolumeClaim",
        "v1.VolumeMount": "io.k8s.api.core.v1.VolumeMount",
        "io.k8s.api.core.v1.Volume": "io.k8s.api.core.v1.Volume",  # the fragment of a URL into the upstream swagger.json
    }
    for name, full in resolved.items():
        assert f"missing definition {name!r}; resolved to the Kubernetes 1.36 definition {full!r} that kgen ships" in result.stderr
    assert "'v1.Subject'; typed as any JSON value: 2 Kubernetes 1.36 definitions kgen ships end with it" in result.stderr
    assert "'Status'; typed as any JSON value: a name without a version could be any API's" in result.stderr
    assert "'v1.Gadget'; typed as any JSON value: no Kubernetes 1.36 definition kgen ships has this name" in result.stderr
    assert "8 warnings (7 dangling references, 1 reference to another document)" in result.stdout

    wire = (
        b'{"claim":{"spec":{"resources":{"requests":{"storage":"1Gi"}},"dataSourceRef":{"kind":"Snap","name":"s"}}},'
        b'"mounts":[{"name":"data","mountPath":"/data"}],"volume":{"name":"v","persistentVolumeClaim":{"claimName":"c"}},'
        b'"subject":{"kind":"User"},"status":"Ready"}'
    )
    script = (
        "from kube import decode\nfrom kube.models import Workspace\nfrom kube.core.v1 import TypedObjectReference, VolumeMount\n"
        f"w = decode(Workspace, {wire!r})\n"
        "assert isinstance(w.mounts[0], VolumeMount) and w.mounts[0].mount_path == '/data', w\n"
        "assert isinstance(w.claim.spec.data_source_ref, TypedObjectReference) and w.claim.spec.resources.requests == {'storage': '1Gi'}\n"
        "assert w.volume.persistent_volume_claim.claim_name == 'c' and w.subject == {'kind': 'User'} and w.status == 'Ready'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path / "py", timeout=120)
    assert done.returncode == 0, done.stderr

    typescript = _text(_generate("kubernetes-types.yaml", "typescript", tmp_path / "ts"), "models.ts")
    assert "mounts?: _coreV1.VolumeMount[];" in typescript and "claim?: _coreV1.PersistentVolumeClaim;" in typescript
    assert "volume?: _coreV1.Volume;" in typescript and "subject?: unknown;" in typescript
    assert "export interface VolumeMount {" in typescript and "mountPath: string;" in typescript
    go = _text(_generate("kubernetes-types.yaml", "go", tmp_path / "go"), "models.go")
    assert re.search(r"Mounts +\[\]corev1\.VolumeMount ", go) and re.search(r"Claim +\*corev1\.PersistentVolumeClaim ", go)
    assert re.search(r"Subject +any ", go) and re.search(r"MountPath +string ", go)
