"""Generated packages type-check under mypy --strict, and their runtime files are black-stable."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import black
import pytest

# User code the generated types must carry through: Op[T] -> request -> T, watch events, pages.
USAGE = '''
from typing_extensions import assert_type

from kube import AsyncClient, Client, NotFound, WatchEvent, paginate
from kube.core.v1 import AsyncCoreV1Api, ConfigMap, CoreV1Api, Pod
from kube.meta.v1 import Status


def use(client: Client) -> None:
    core = CoreV1Api(client)
    assert_type(core.read_namespaced_config_map("a", "default"), ConfigMap)
    assert_type(core.delete_namespaced_pod("p", "default"), Pod | Status)
    assert_type(core.read_namespaced_pod_log("p", "default"), str)
    for event in core.watch_namespaced_pod("default", label_selector="app=web"):
        assert_type(event, WatchEvent[Pod])
    for pod in paginate(core.list_namespaced_pod, "default"):
        assert_type(pod, Pod)
    try:
        core.read_namespaced_pod("p", "default")
    except NotFound as error:
        assert_type(error.status.code, int | None)


async def use_async(client: AsyncClient) -> None:
    core = AsyncCoreV1Api(client)
    assert_type(await core.read_namespaced_pod("p", "default"), Pod)
    async for event in core.watch_namespaced_pod("default"):
        assert_type(event.object, Pod)
'''


# Open enums: documented values as constants and a Literal hint; a value the document does not list still types and decodes.
ENUM_USAGE = '''
from typing import Literal

from typing_extensions import assert_type

from kube import decode, encode
from kube.core.v1 import ContainerPort, ContainerPortProtocol

port = ContainerPort(container_port=80, protocol=ContainerPortProtocol.TCP)
newer = ContainerPort(container_port=80, protocol="QUIC")  # a value a newer server sends
assert_type(ContainerPortProtocol.TCP, Literal["TCP"])
known: ContainerPortProtocol.Value = ContainerPortProtocol.SCTP
if port.protocol == ContainerPortProtocol.UDP:
    raise AssertionError
assert decode(ContainerPort, encode(newer)).protocol == "QUIC"
'''
ENUM_MISUSE = '''
from kube.core.v1 import ContainerPort

ContainerPort(container_port=80, protocol=6)
'''


def _mypy(root: Path, cache: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *targets]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=900)


def test_demo_package_and_its_use_type_check(demo_client: Path, tmp_path: Path) -> None:
    (demo_client / "usage_check.py").write_text(textwrap.dedent(USAGE))
    try:
        result = _mypy(demo_client, tmp_path / "cache", "kube", "usage_check.py")
    finally:
        (demo_client / "usage_check.py").unlink()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["k8s-1.36", "cluster-1.36-small-crds"])
def test_real_packages_type_check(real_outputs: dict[str, Path], tmp_path: Path, name: str) -> None:
    if name not in real_outputs:
        pytest.skip(f"{name} is not in KGEN_SPECS_DIR")
    result = _mypy(real_outputs[name], tmp_path / "cache", "kube")
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr


def _pyright(root: Path, config_dir: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    config = config_dir / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.10", "reportMissingModuleSource": "none", "extraPaths": [str(root)]}))
    command = [sys.executable, "-m", "pyright", "-p", str(config), "--pythonpath", sys.executable, *targets]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=900)


def test_open_enums_type_check_under_mypy_and_pyright_and_keep_unknown_values(demo_client: Path, tmp_path: Path) -> None:
    (demo_client / "enum_usage.py").write_text(textwrap.dedent(ENUM_USAGE))
    (demo_client / "enum_misuse.py").write_text(textwrap.dedent(ENUM_MISUSE))
    try:
        assert (mypy := _mypy(demo_client, tmp_path / "cache", "kube", "enum_usage.py")).returncode == 0, mypy.stdout
        assert (pyright := _pyright(demo_client, tmp_path, "kube", "enum_usage.py")).returncode == 0, pyright.stdout[-3000:]
        assert "protocol" in _mypy(demo_client, tmp_path / "cache", "enum_misuse.py").stdout
        assert "protocol" in _pyright(demo_client, tmp_path, "enum_misuse.py").stdout
        run = subprocess.run([sys.executable, "enum_usage.py"], cwd=demo_client, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
    finally:
        (demo_client / "enum_usage.py").unlink()
        (demo_client / "enum_misuse.py").unlink()


def test_runtime_files_are_black_stable(demo_client: Path) -> None:
    mode = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)
    unstable = []
    for path in sorted((demo_client / "kube" / "_runtime").glob("*.py")):
        text = path.read_text()
        if black.format_str(text, mode=mode) != text:
            unstable.append(path.name)
    assert not unstable


def test_models_and_api_classes_load_without_the_http_stack(demo_client: Path) -> None:
    code = (
        "import sys\n"
        "import kube.core.v1\n"
        "from kube.core.v1 import CoreV1Api, ConfigMap\n"
        "assert 'httpx' not in sys.modules, 'models and API classes must not import httpx'\n"
        "from kube import Client\n"
        "assert 'httpx' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=demo_client, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
