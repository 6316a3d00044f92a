"""The shared kubeconfig fixtures (tests/kubeconfig) and what every target must load from them.

Each target's tests load every case with its own runtime and report, per case,
a summary (`summary(...)`'s keys) or {"error": message, "shown": ...};
`check` compares the reports with tests/kubeconfig/cases.json, so all targets
are held to the same servers, namespaces, credentials and errors.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

DIR = Path(__file__).parent / "kubeconfig"
TARGETS = ("python", "typescript", "go", "java")
DEFAULTS: dict[str, Any] = {"authorization": None, "ca": None, "cert": None, "key": None, "insecure": False, "tls_server_name": None, "proxy": None}


def cases() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads((DIR / "cases.json").read_text("utf-8"))["cases"]
    return loaded


def plan() -> list[dict[str, Any]]:
    """What a target's program needs per case: its name, KUBECONFIG, the context and the exec allowlist (or null)."""
    return [
        {
            "name": case["name"],
            "kubeconfig": os.pathsep.join(str(DIR / f) for f in case["kubeconfig"]),
            "context": case.get("context"),
            "allowlist": [entry.replace("{dir}", str(DIR)) for entry in case["allowlist"]] if "allowlist" in case else None,
        }
        for case in cases()
    ]


def digest(data: bytes | None) -> str | None:
    """How reports give certificates and keys: the sha256 of their bytes."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def summary(
    *,
    server: str,
    namespace: str,
    authorization: str | None,
    ca: bytes | None,
    cert: bytes | None,
    key: bytes | None,
    insecure: bool,
    tls_server_name: str | None,
    proxy: str | None,
    shown: str,
) -> dict[str, Any]:
    """A loaded configuration as reports give it; `shown` is its printed form (repr, String)."""
    return {
        "server": server, "namespace": namespace, "authorization": authorization, "ca": digest(ca), "cert": digest(cert),
        "key": digest(key), "insecure": insecure, "tls_server_name": tls_server_name, "proxy": proxy, "shown": shown,
    }


def expected(case: dict[str, Any], target: str) -> dict[str, Any]:
    """{"expect": summary without `shown`} or {"error": fragments}, for this target."""
    outcome = case.get(target) or {k: case[k] for k in ("expect", "error") if k in case}
    if "error" in outcome:
        return {"error": outcome["error"]}
    expect = {**DEFAULTS, **outcome["expect"]}
    for field in ("ca", "cert", "key"):
        if expect[field] is not None:
            expect[field] = digest((DIR / expect[field]).read_bytes())
    return {"expect": expect}


def check(target: str, reports: dict[str, dict[str, Any]]) -> None:
    """Every case's report matches its expectation; the hidden strings appear nowhere in it."""
    failures = []
    for case in cases():
        name, report, want = case["name"], reports.get(case["name"]), expected(case, target)
        if report is None:
            failures.append(f"{name}: no report")
            continue
        printed = str(report.get("error", "")) + "\n" + str(report.get("shown", ""))
        leaked = [h for h in case.get("hidden", []) if h in printed]
        if leaked:
            failures.append(f"{name}: shows {leaked}: {printed!r}")
        if "error" in want:
            missing = [f for f in want["error"] if f not in str(report.get("error"))]
            if "error" not in report or missing:
                failures.append(f"{name}: expected an error with {missing or want['error']}, got {report!r}")
        elif "error" in report:
            failures.append(f"{name}: unexpected error {report['error']!r}")
        else:
            got = {k: v for k, v in report.items() if k != "shown"}
            if got != want["expect"]:
                failures.append(f"{name}: got {got!r}, expected {want['expect']!r}")
    assert not failures, f"{target} kubeconfig cases:\n" + "\n".join(failures)
