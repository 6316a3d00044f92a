"""CRD manifests (--crd) against the apiserver's own rendering of the same CRDs, and what only the manifests keep.

cluster-1.36-small-crds.json is what /openapi/v2 serves on a 1.36 cluster with
the shared cert-manager and Gateway API CRDs installed; `--crd` with
k8s-1.36.json must publish the same groups, kinds, paths and operations.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES_OBJECTS, crd_dirs, import_all, real_spec, run_kgen

from kgen.app.pipeline import build_api
from kgen.app.request import Request
from kgen.ir.model import Api

ROUND_TRIPS = [
    ("certificate.json", "cert_manager_io.v1", "Certificate"),
    ("issuer.json", "cert_manager_io.v1", "Issuer"),
    ("gateway.json", "gateway_networking.v1", "Gateway"),
    ("httproute.json", "gateway_networking.v1", "HTTPRoute"),
]
PROBE = """
import json, sys, importlib
from kube import decode, encode
cls = getattr(importlib.import_module("kube." + sys.argv[1]), sys.argv[2])
print(encode(decode(cls, open(sys.argv[3], "rb").read())).decode())
"""


def _api(spec: Path | None, crds: list[Path] = ()) -> Api:
    request = Request(str(spec) if spec else None, Path("."), lenient=True, validate=False, crds=tuple(map(str, crds)))
    return build_api(request)[0]


@pytest.fixture(scope="module")
def routes() -> tuple[Api, Api]:
    """(the apiserver's rendering, kgen's --crd rendering joined to k8s-1.36)."""
    return _api(real_spec("cluster-1.36-small-crds")), _api(real_spec("k8s-1.36"), crd_dirs())


def _operations(api: Api) -> dict[str, Any]:
    return {
        op.id: (
            op.method, op.path, op.unit.path, op.unit.group, op.unit.version, op.name, op.watch_name, op.action, op.gvk,
            sorted((p.wire_name, p.location, repr(p.type), p.required, p.description) for p in op.params),
            repr(op.body.type) if op.body else None, repr(op.returns.type), op.consumes, op.produces,
        )
        for op in api.operations
    }  # fmt: skip


def test_same_groups_kinds_paths_and_operations_as_the_apiserver(routes: tuple[Api, Api]) -> None:
    cluster, crds = routes
    assert [(u.path, u.group, u.version) for u in crds.units] == [(u.path, u.group, u.version) for u in cluster.units]
    assert [(r.gvk, r.plural, r.namespaced, r.verbs, r.subresources, r.model) for r in crds.resources] == [
        (r.gvk, r.plural, r.namespaced, r.verbs, r.subresources, r.model) for r in cluster.resources
    ]
    assert _operations(crds) == _operations(cluster)
    assert {k: (m.unit.path, m.name, [f.wire_name for f in m.fields]) for k, m in crds.models.items()} == {
        k: (m.unit.path, m.name, [f.wire_name for f in m.fields]) for k, m in cluster.models.items()
    }
    served = {r.gvk.version for r in crds.resources if r.gvk.group == "gateway.networking.k8s.io" and r.gvk.kind == "Gateway"}
    assert served == {"v1", "v1beta1"}  # served versions; v1alpha2/v1alpha3 TLSRoute are not
    assert not any(r.gvk.version.startswith("v1alpha") for r in crds.resources if r.gvk.group == "gateway.networking.k8s.io")


def test_generated_api_modules_are_identical(crd_outputs: dict[str, Path], real_outputs: dict[str, Path]) -> None:
    if "crd+k8s-1.36" not in crd_outputs or "cluster-1.36-small-crds" not in real_outputs:
        pytest.skip("needs k8s-1.36 and cluster-1.36-small-crds")
    ours, theirs = crd_outputs["crd+k8s-1.36"] / "kube", real_outputs["cluster-1.36-small-crds"] / "kube"
    names = sorted(p.relative_to(theirs).as_posix() for p in theirs.rglob("api.py")) + ["_queries.py"]
    assert names == sorted(p.relative_to(ours).as_posix() for p in ours.rglob("api.py")) + ["_queries.py"]
    for name in names:  # the first line names the document's sha256
        assert (ours / name).read_text().split("\n", 1)[1] == (theirs / name).read_text().split("\n", 1)[1], name


def test_the_manifests_keep_defaults_that_v2_drops(routes: tuple[Api, Api]) -> None:
    cluster, crds = routes

    def tls_mode(api: Api) -> tuple[str, ...]:
        (listener,) = [m for m in api.models.values() if m.name == "GatewaySpecListenersTls" and m.unit.path[-1] == ("v1",)]
        return next(f.notes for f in listener.fields if f.wire_name == "mode")

    assert 'default: "Terminate"' in tls_mode(crds) and 'default: "Terminate"' not in tls_mode(cluster)


NULLABLE_CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: backups.example.com}
spec:
  group: example.com
  names: {kind: Backup, listKind: BackupList, plural: backups, singular: backup}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}, scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [schedule]
            properties:
              schedule: {type: string, nullable: true}
              retention:
                type: object
                nullable: true
                properties:
                  days: {type: integer, default: 7}
                x-kubernetes-validations:
                - {rule: self.days > 0, message: keep backups for a day at least}
              tier: {type: string, nullable: true, enum: [gold, silver]}
              replicas: {type: integer}
              mode: {type: string, enum: [Full, Incremental], default: Full}
              target:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  bucket: {type: string}
              template:
                type: object
                x-kubernetes-embedded-resource: true
                properties:
                  spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
              port:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
"""


def test_nullable_fields_stay_typed_where_v2_leaves_them_untyped(tmp_path: Path) -> None:
    (tmp_path / "backup.yaml").write_text(NULLABLE_CRD)
    out = tmp_path / "out"
    result = run_kgen("generate", "--crd", str(tmp_path / "backup.yaml"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "has no type" not in result.stderr
    models = (out / "kube" / "example_com" / "v1" / "models.py").read_text()
    assert "    schedule: str | None\n" in models  # required, and may be null
    assert "retention: BackupSpecRetention | None = None" in models and "default: 7" in models
    assert "validation: self.days > 0 (keep backups for a day at least)" in models
    assert "tier: BackupSpecTier.Value | None = None" in models and '    SILVER: Final = "silver"\n' in models
    assert "mode: BackupSpecMode.Value | None = None" in models and '    INCREMENTAL: Final = "Incremental"\n' in models
    assert "target: dict[str, Any] | None = None" in models  # unknown fields are kept: free-form
    assert "port: int | str | None = None" in models
    assert "class BackupSpecTemplate(Model" in models and "api_version: str\n" in models  # an embedded resource
    api = (out / "kube" / "example_com" / "v1" / "api.py").read_text()
    assert "def replace_namespaced_backup_scale(" in api and "_autoscaling_v1.Scale" in api
    assert "def patch_namespaced_backup_status(" in api

    # The apiserver's /openapi/v2 rendering of the same CRD: nullable fields lose their type.
    v2 = _apiserver_v2(tmp_path / "backup.yaml")
    (tmp_path / "cluster.json").write_text(json.dumps(v2))
    result = run_kgen("generate", "--spec", str(tmp_path / "cluster.json"), "--out", str(tmp_path / "v2"), "-v")
    assert result.returncode == 0, result.stderr
    assert "field 'schedule' has no type" in result.stderr and "field 'retention' has no type" in result.stderr
    assert "/definitions/com.example.v1.Backup/properties/spec/properties/schedule" in result.stderr
    v2_models = (tmp_path / "v2" / "kube" / "example_com" / "v1" / "models.py").read_text()
    assert "    schedule: Any = None\n" in v2_models and "    tier: Any = None\n" in v2_models and "SILVER" not in v2_models


def _apiserver_v2(manifest: Path) -> dict[str, Any]:
    """kgen's CRD-only document, with nullable fields rendered as the apiserver renders them in v2 (untyped)."""
    from kgen.sources import Inputs, crd, document

    inputs = Inputs(None, (crd.ManifestFile(str(manifest), manifest.name, manifest.read_bytes()),))
    data = document(inputs)[0].data
    spec = data["definitions"]["com.example.v1.Backup"]["properties"]["spec"]
    for name in ("schedule", "retention", "tier"):
        spec["properties"][name] = {k: v for k, v in spec["properties"][name].items() if k == "description"}
    del spec["required"]
    return data


def test_crd_only_package_imports(crd_outputs: dict[str, Path]) -> None:
    root = crd_outputs["crd-only"]
    result = import_all(root)
    assert result.returncode == 0, result.stderr
    code = (
        "from kube.cert_manager_io.v1 import Certificate, CertManagerIoV1Api\n"
        "from kube.meta.v1 import ObjectMeta, Status\n"
        "c = Certificate(metadata=ObjectMeta(name='a'))\n"
        "print(c.api_version, c.kind, CertManagerIoV1Api.list_namespaced_certificate.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["cert-manager.io/v1", "Certificate", "list_namespaced_certificate"]
    assert not (root / "kube" / "apps").exists()  # only what custom resources use


@pytest.mark.parametrize(("fixture", "module", "cls"), ROUND_TRIPS)
@pytest.mark.parametrize("route", ["cluster-1.36-small-crds", "crd+k8s-1.36", "crd-only"])
def test_objects_round_trip_exactly(
    route: str, fixture: str, module: str, cls: str, crd_outputs: dict[str, Path], real_outputs: dict[str, Path]
) -> None:
    root = {**real_outputs, **crd_outputs}.get(route)
    if root is None:
        pytest.skip(f"{route} needs documents missing from KGEN_SPECS_DIR")
    path = FIXTURES_OBJECTS / fixture
    done = subprocess.run([sys.executable, "-c", PROBE, module, cls, str(path)], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == json.loads(path.read_text())


# -- manifests that are wrong ------------------------------------------------------------------
def _generate(tmp_path: Path, manifest: str, *extra: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "crds.yaml"
    path.write_text(textwrap.dedent(manifest).lstrip())
    return run_kgen("generate", "--crd", str(path), "--out", str(tmp_path / "out"), *extra)


CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {{name: things.example.com}}
spec:
  group: example.com
  names: {{kind: Thing, plural: things}}
  scope: {scope}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              name: {{type: {type}, pattern: '^[a-z]+(?i)x$'}}
"""


def test_errors_point_into_the_manifest(tmp_path: Path) -> None:
    manifest = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: unrelated}\n---\n" + CRD.format(scope="Namespaced", type="strin")
    result = _generate(tmp_path, manifest)
    assert result.returncode == 2
    assert f"{tmp_path / 'crds.yaml'}:5:1#/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/name/type" in result.stderr
    assert "unknown type 'strin'" in result.stderr and "hint: use string, number" in result.stderr
    assert not (tmp_path / "out").exists()

    result = _generate(tmp_path, CRD.format(scope="Everywhere", type="string").replace("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1"))
    assert result.returncode == 2 and "#/apiVersion: apiVersion 'apiextensions.k8s.io/v1beta1'" in result.stderr

    result = _generate(tmp_path, CRD.format(scope="Everywhere", type="string"))
    assert result.returncode == 2 and "crds.yaml#/spec/scope: scope 'Everywhere'" in result.stderr


@pytest.mark.parametrize(
    ("plain", "newline", "pointer"),
    [
        ("group: example.com", 'group: "example.com\\n"', "/spec/group: group: 'example.com\\n' is not valid"),
        ("kind: Thing", 'kind: "Thing\\n"', "/spec/names/kind: kind: 'Thing\\n' is not valid"),
        ("plural: things", 'plural: "things\\n"', "/spec/names/plural: plural: 'things\\n' is not valid"),
        ("- name: v1", '- name: "v1\\n"', "/spec/versions/0/name: name: 'v1\\n' is not valid"),
    ],
)
def test_a_name_ending_in_a_newline_is_refused(tmp_path: Path, plain: str, newline: str, pointer: str) -> None:
    """`$` matches before a final newline: the names are matched whole."""
    manifest = CRD.format(scope="Namespaced", type="string")
    assert plain in manifest
    result = _generate(tmp_path, manifest.replace(plain, newline, 1))
    assert result.returncode == 2 and pointer in result.stderr, result.stderr


def test_go_regex_in_a_manifest_is_a_warning_and_other_documents_are_skipped(tmp_path: Path) -> None:
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unrelated}\n---\n" + CRD.format(scope="Cluster", type="string")
    result = _generate(tmp_path, manifest)
    assert result.returncode == 0, result.stderr
    assert "skipped a document that is not a CustomResourceDefinition (ConfigMap)" in result.stderr
    assert "crds.yaml:4:1#/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/name/pattern" in result.stderr
    assert "warning:" in result.stderr and "not an ECMA 262 regular expression" in result.stderr
    api = (tmp_path / "out" / "kube" / "example_com" / "v1" / "api.py").read_text()
    assert "/apis/example.com/v1/things/{name}" in api and "namespaces" not in api  # cluster-scoped


def test_a_crd_twice_and_a_crd_the_spec_has_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "thing.yaml"
    path.write_text(textwrap.dedent(CRD.format(scope="Namespaced", type="string")).lstrip())
    copy = tmp_path / "again.yaml"
    copy.write_text(path.read_text())
    result = run_kgen("generate", "--crd", str(path), str(copy), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "example.com/v1 Thing is also defined by" in result.stderr

    crds = crd_dirs()
    result = run_kgen("generate", "--spec", str(real_spec("cluster-1.36-small-crds")), "--crd", str(crds[0]), "--lenient", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "cert-manager.io/v1 Certificate is also defined by" in result.stderr
    assert "hint: leave out the manifest of a CRD the document already has" in result.stderr


def test_check_notices_a_changed_manifest(tmp_path: Path) -> None:
    path = tmp_path / "thing.yaml"
    path.write_text(textwrap.dedent(CRD.format(scope="Namespaced", type="string")).lstrip())
    out = tmp_path / "out"
    assert run_kgen("generate", "--crd", str(path), "--out", str(out)).returncode == 0
    lock = json.loads((out / "kgen.lock").read_text())
    assert lock["spec_sha256"] is None and [name for name, _ in lock["crds"]] == ["thing.yaml"]
    assert run_kgen("generate", "--crd", str(path), "--out", str(out), "--check").returncode == 0
    path.write_text(path.read_text().replace("type: object\n        properties:", "type: object\n        description: Things.\n        properties:"))
    result = run_kgen("generate", "--crd", str(path), "--out", str(out), "--check")
    assert result.returncode == 1 and "the CRD manifests changed: thing.yaml (sha256 " in result.stdout, result.stdout
