"""The demo client, generated once per session and importable as `kube`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import javatools
import pytest
from conftest import DEMO, REPO, generate

from runtime.emulator import Emulator, run_emulator
from runtime.server import Reply, ScriptedServer, Seen


@pytest.fixture(scope="session", autouse=True)
def demo_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = generate(DEMO, tmp_path_factory.mktemp("demo-client"), "--package-name", "kube")
    sys.path.insert(0, str(out))
    try:
        yield out
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "kube" or m.startswith("kube.")]:
            del sys.modules[name]


@pytest.fixture()
def emulator() -> Iterator[tuple[str, Emulator]]:
    yield from run_emulator()


@pytest.fixture()
def scripted() -> Iterator[Callable[[Callable[[Seen], Reply]], ScriptedServer]]:
    """Starts scripted servers on loopback (`scripted(answer)`), and stops them after the test."""
    servers: list[ScriptedServer] = []

    def start(answer: Callable[[Seen], Reply]) -> ScriptedServer:
        server = ScriptedServer(answer).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()


@pytest.fixture(scope="session")
def java_probe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Java runtime in place and tests/java/runtime (the probe, and its bridge into the runtime's package), compiled warning-free once per session."""
    if reason := javatools.missing():
        pytest.skip(reason)
    classes = tmp_path_factory.mktemp("java-probe")
    javatools.javac(javatools.sources(REPO / "templates" / "java" / "runtime", REPO / "tests" / "java" / "runtime"), classes)
    return classes
