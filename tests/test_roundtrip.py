"""Realistic objects decode into the generated models and encode back to the same JSON.

The one difference allowed: a field the input set to null may be left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SPECS_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "objects"
CASES = [
    ("k8s-1.36", "pod.json", "kube.core.v1", "Pod"),
    ("k8s-1.36", "deployment.json", "kube.apps.v1", "Deployment"),
    ("k8s-1.36", "service.json", "kube.core.v1", "Service"),
    ("k8s-1.36", "crd.json", "kube.apiextensions.v1", "CustomResourceDefinition"),
    ("cluster-1.36-small-crds", "pod.json", "kube.core.v1", "Pod"),
    ("cluster-1.36-small-crds", "certificate.json", "kube.cert_manager_io.v1", "Certificate"),
    ("cluster-1.36-small-crds", "httproute.json", "kube.gateway_networking.v1", "HTTPRoute"),
]
PROBE = """
import json, sys
import importlib
from kube import decode, encode
cls = getattr(importlib.import_module(sys.argv[1]), sys.argv[2])
data = open(sys.argv[3], "rb").read()
obj = decode(cls, data)
sys.stdout.write(encode(obj).decode())
"""


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _round_trip(root: Path, module: str, cls: str, fixture: Path) -> Any:
    result = subprocess.run([sys.executable, "-c", PROBE, module, cls, str(fixture)], capture_output=True, text=True, cwd=root, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize(("spec", "fixture", "module", "cls"), CASES)
def test_exact_round_trip(spec: str, fixture: str, module: str, cls: str, real_outputs: dict[str, Path]) -> None:
    if spec not in real_outputs:
        pytest.skip(f"{spec} not in KGEN_SPECS_DIR ({SPECS_DIR})")
    original = json.loads((FIXTURES / fixture).read_text())
    assert _round_trip(real_outputs[spec], module, cls, FIXTURES / fixture) == _without_nulls(original)


def test_pod_list_from_podgen(real_outputs: dict[str, Path], tmp_path: Path) -> None:
    """The benchmark's realistic Deployment pods (managedFields, int and named probe ports, quantities)."""
    podgen = SPECS_DIR.parent / "bench" / "runtime" / "podgen.py"
    if "k8s-1.36" not in real_outputs or not podgen.is_file():
        pytest.skip(f"needs k8s-1.36 and {podgen}")
    data = subprocess.run([sys.executable, str(podgen), "200"], capture_output=True, check=True).stdout
    (tmp_path / "list.json").write_bytes(data)
    original = json.loads(data)
    assert len(original["items"]) == 200
    assert _round_trip(real_outputs["k8s-1.36"], "kube.core.v1", "PodList", tmp_path / "list.json") == _without_nulls(original)


def test_types_that_must_survive(real_outputs: dict[str, Path]) -> None:
    """Quantities stay numbers or strings, ports stay int or str, timestamps keep their spelling."""
    if "k8s-1.36" not in real_outputs:
        pytest.skip("needs k8s-1.36")
    code = (
        "import json\nfrom kube import decode\nfrom kube.core.v1 import Pod\n"
        "p = decode(Pod, open('%s','rb').read())\nc = p.spec.containers[0]\n"
        "print(json.dumps([c.resources.requests['cpu'], c.resources.limits['cpu'], c.liveness_probe.http_get.port,"
        " c.readiness_probe.http_get.port, p.metadata.managed_fields[1].time, p.api_version, p.kind]))"
    ) % (FIXTURES / "pod.json")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=real_outputs["k8s-1.36"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [0.5, "1", 8080, "http", "2025-03-01T08:13:02.123456Z", "v1", "Pod"]
