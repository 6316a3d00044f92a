"""The generated C# client on loopback: C# programs (tests/csharp/) against kmock's emulator and scripted servers, on Mono.

The programs use the demo spec's C# output (namespace Kube), compiled into a
library with mcs -langversion:7.2 -warnaserror, and print what they saw as
JSON lines; the checks are the Java client's (test_java_client.py), so both
clients are held to the same behaviour.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, BinaryIO

import csharptools
import pytest
import trustme
from conftest import DEMO, generate

from runtime.emulator import Emulator
from runtime.server import Reply
from runtime.test_emulator import read_modify_replace
from runtime.test_java_client import (
    check_emulator_program,
    check_kubeconfig_with_an_exec_plugin,
    check_server_side_apply,
    check_typed_errors_retries_and_warnings,
    check_watch_refused_with_410_is_gone,
    check_watch_resumes_after_a_drop_and_ends_with_gone,
)

PROGRAMS = Path(__file__).parent.parent / "csharp"
NAMES = ("emulator", "scripted", "unknown")


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo client in C# as a library, and each test program compiled against it."""
    if reason := csharptools.missing():
        pytest.skip(reason)
    out = generate(DEMO, tmp_path_factory.mktemp("demo-csharp"), "--target", "csharp", "--package-name", "Kube")
    built = tmp_path_factory.mktemp("bin")
    library = csharptools.mcs(csharptools.sources(out), built / "Kube.dll")
    shared = csharptools.sources(PROGRAMS / "shared")
    return {
        name: csharptools.mcs([PROGRAMS / name / f"{name.title()}Program.cs", *shared], built / f"{name.title()}Program.exe", exe=True, references=[library])
        for name in NAMES
    }


def run(program: Path, *args: str) -> list[dict[str, Any]]:
    result = csharptools.run(program, *args, timeout=120)
    assert result.returncode == 0, result.stderr[-4000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_csharp_program_creates_lists_patches_watches_and_deletes(emulator: tuple[str, Emulator], programs: dict[str, Path]) -> None:
    check_emulator_program(run(programs["emulator"], emulator[0]), emulator)


def test_csharp_watch_resumes_after_a_drop_and_ends_with_gone(scripted: Any, programs: dict[str, Path]) -> None:
    check_watch_resumes_after_a_drop_and_ends_with_gone(scripted, lambda *args: run(programs["scripted"], *args))


def test_csharp_watch_refused_with_410_is_gone(scripted: Any, programs: dict[str, Path]) -> None:
    check_watch_refused_with_410_is_gone(scripted, lambda *args: run(programs["scripted"], *args))


def _silent_stream(out: BinaryIO) -> None:
    """A watch response that starts and then sends nothing, for longer than any test waits."""
    out.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    out.flush()
    time.sleep(30)


def test_csharp_watch_stops_when_cancelled(scripted: Any, programs: dict[str, Path]) -> None:
    """A watch whose server sends nothing: cancelling the token ends the pending MoveNextAsync (the run has 120 s)."""
    server = scripted(lambda seen: Reply(raw=_silent_stream))
    assert run(programs["scripted"], "cancel", server.url) == [{"cancelled": True}]


def test_csharp_server_side_apply(scripted: Any, programs: dict[str, Path]) -> None:
    check_server_side_apply(scripted, lambda *args: run(programs["scripted"], *args))


def test_csharp_keeps_unknown_fields_through_read_modify_replace(emulator: tuple[str, Emulator], programs: dict[str, Path]) -> None:
    """Members the demo spec lacks, at three depths, come back on a replace of a read object and of a list item."""
    read_modify_replace(emulator, lambda url: csharptools.run(programs["unknown"], url, timeout=120))


def test_csharp_typed_errors_retries_and_warnings(scripted: Any, programs: dict[str, Path]) -> None:
    check_typed_errors_retries_and_warnings(scripted, lambda *args: run(programs["scripted"], *args))


def test_csharp_client_through_a_kubeconfig_with_an_exec_plugin_over_tls(programs: dict[str, Path], tmp_path: Path) -> None:
    """RSA certificates: Mono's TLS does not accept ECDSA server certificates."""
    check_kubeconfig_with_an_exec_plugin(tmp_path, lambda *args: run(programs["scripted"], *args), trustme.KeyType.RSA)
