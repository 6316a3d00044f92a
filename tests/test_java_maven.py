"""The generated Java project builds the way its README says: `mvn package` on the demo's golden output.

The other Java tests compile with javac against jars they resolve; this one
runs Maven itself, so the pom (its coordinates, dependencies and the pinned
compiler plugin) is what is checked. Maven's plugins come from Maven Central
the first time.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import javatools
import pytest

GOLDEN = Path(__file__).parent / "golden" / "demo-java"


def test_the_generated_project_builds_with_mvn_package(tmp_path: Path) -> None:
    if reason := javatools.missing():
        pytest.skip(reason)
    project = tmp_path / "demo-java"
    shutil.copytree(GOLDEN, project)
    result = subprocess.run(["mvn", "-q", "-B", "package"], cwd=project, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"mvn package failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}"
    with zipfile.ZipFile(project / "target" / "kube-0.1.0.jar") as jar:
        names = set(jar.namelist())
    assert {"kube/client/ApiClient.class", "kube/core/v1/CoreV1Api.class", "kube/core/v1/Pod.class"} <= names
