"""The TypeScript and Go clients generated from the live document, run against the real kube-apiserver.

Each target runs one program (programs/e2e.ts with Node.js, programs/e2e.go
built with Go) that goes through the scenarios and prints a JSON report of
what it saw, in the same shape; the tests below check that report for both.
Path parameters are passed positionally in the official client's order
(name, then namespace).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import gotools
import pytest
from conftest import generate
from typescript_tools import node, with_dependencies, with_programs

from apiserver.cluster import Cluster
from apiserver.conftest import GROUPS

PROGRAMS = Path(__file__).parent / "programs"
RUN_TIMEOUT = 180


def _typescript(server: Cluster, document: Path, work: pytest.TempPathFactory) -> list[str]:
    out = generate(document, work.mktemp("ts-live"), "--target", "typescript", "--lenient", "--groups", GROUPS)
    package = with_dependencies(with_programs(PROGRAMS, out, work.mktemp("ts-live-programs"), "e2e.ts"))
    return [node(), str(package / "dist" / "_check" / "e2e.js"), str(server.kubeconfig), "ts-e2e", server.etcd]


def _go(server: Cluster, document: Path, work: pytest.TempPathFactory) -> list[str]:
    if reason := gotools.missing():
        pytest.skip(reason)
    out = generate(document, work.mktemp("go-live"), "--target", "go", "--lenient", "--groups", GROUPS, "--package-name", "live")
    program = gotools.program(work.mktemp("go-e2e"), "live", out, (PROGRAMS / "e2e.go").read_text("utf-8"))
    gotools.go("build", "-o", "e2e", ".", cwd=program)
    return [str(program / "e2e"), server.url, server.token, str(server.ca), "go-e2e", server.etcd]


@pytest.fixture(scope="module", params=[_typescript, _go], ids=["typescript", "go"])
def report(request: pytest.FixtureRequest, server: Cluster, live_document: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    command = request.param(server, live_document[0], tmp_path_factory)
    result = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_crud_selectors_and_conflicts(report: dict[str, Any]) -> None:
    assert report["read"] == {"n": "a"}
    assert report["labelSelector"] == ["a", "b"] and report["fieldSelector"] == ["c"]
    assert report["missing"]["error"] == "NotFound" and report["missing"]["code"] == 404
    stale = report["staleReplace"]
    assert (stale["error"], stale["code"], stale["reason"]) == ("Conflict", 409, "Conflict") and "the object has been modified" in stale["message"]


def test_patches_apply_and_dry_run(report: dict[str, Any]) -> None:
    assert report["merge"] == {"n": "b", "extra": "1"} and report["json"] == {"n": "json", "extra": "1"}
    assert report["strategic"] == [["app", "app:2"], ["sidecar", "sidecar:1"]]  # merged by container name
    conflict = report["applyConflict"]
    assert conflict["error"] == "Conflict" and [(c["reason"], c["field"]) for c in conflict["causes"]] == [("FieldManagerConflict", ".data.owner")]
    assert report["forced"] == [{"owner": "bob"}, ["bob"]]
    assert report["dryRun"]["error"] == "NotFound"


def test_validation_errors_and_preconditions(report: dict[str, Any]) -> None:
    invalid = report["invalid"]
    assert (invalid["error"], invalid["code"]) == ("Invalid", 422) and [c["field"] for c in invalid["causes"]] == ["metadata.name"]
    [cause] = report["strict"]["causes"]
    assert report["strict"]["error"] == "Invalid" and cause["field"] == "patch" and 'unknown field "spex"' in cause["message"]
    assert report["staleDelete"]["error"] == "Conflict" and "the ResourceVersion in the precondition" in report["staleDelete"]["message"]
    assert report["deleted"]["error"] == "NotFound"


def test_paging_compaction_and_watches(report: dict[str, Any]) -> None:
    assert report["pages"] == [["s0", "s1"], ["s2", "s3"], ["s4"]]
    expired = report["expiredContinue"]
    assert (expired["error"], expired["code"], expired["reason"]) == ("Gone", 410, "Expired")
    assert report["watchGone"]["error"] == "Gone"
    assert report["watch"] == ["ADDED first", "ADDED end"] and report["bookmarked"] is True  # nothing lost or repeated across the resume


def test_custom_resource_and_its_status_subresource(report: dict[str, Any]) -> None:
    assert report["certificate"] == ["web-tls", [["Ready", "True"]], 2]
