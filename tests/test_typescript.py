"""The TypeScript target with the real compiler and Node.js: strict type checks, round trips, a live emulator.

Programs in tests/typescript/ are copied into a generated package (src/_check/),
compiled with it by tsc --strict, and run with node. They need Node.js 20+ and
the pinned tsc (.ci/run installs it); without them these tests skip and say why.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import ssl
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubeconfig_cases
import pytest
import trustme
from conftest import DEMO, FIXTURES_OBJECTS, REAL_SPECS, SPECS_DIR, generate, real_spec, run_kgen
from runtime import hostile
from runtime.emulator import Emulator, run_emulator
from runtime.server import Reply, ScriptedServer, Seen
from runtime.test_emulator import NEWER_CONFIG_MAP, unknown_members
from runtime.test_runtime_safety import _closed_port
from test_determinism import differences, shuffled, tree
from test_names import OPTIONS_SPEC
from test_roundtrip import _without_nulls
from typescript_tools import node, run_tsc, with_dependencies, with_programs

from kgen.app.pipeline import build_api
from kgen.app.request import Request
from kgen.targets.shards import PARALLEL_FROM
from kgen.targets.typescript import naming as ts_naming
from kgen.targets.typescript import target as ts_target

PROGRAMS = Path(__file__).parent / "typescript"
# fixture -> (document, module under src/, interface): the Python round trip's cases
FIXTURE_TYPES = {
    "pod.json": ("k8s-1.36", "core/v1", "Pod"),
    "deployment.json": ("k8s-1.36", "apps/v1", "Deployment"),
    "service.json": ("k8s-1.36", "core/v1", "Service"),
    "crd.json": ("k8s-1.36", "apiextensions/v1", "CustomResourceDefinition"),
    "certificate.json": ("cluster-1.36-small-crds", "cert_manager_io/v1", "Certificate"),
    "httproute.json": ("cluster-1.36-small-crds", "gateway_networking/v1", "HTTPRoute"),
}


def _output(outputs: dict[str, Path], spec: str) -> Path:
    real_spec(spec)  # skips with the reason when the document is absent
    return outputs[spec]


def _run(package: Path, program: str, *args: str, timeout: float = 120, cwd: Path | None = None) -> Any:
    script = package / "dist" / "_check" / program.replace(".ts", ".js")
    result = subprocess.run([node(), str(script), *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize("spec", REAL_SPECS)
def test_strict_type_check(spec: str, typescript_outputs: dict[str, Path]) -> None:
    result = run_tsc(_output(typescript_outputs, spec), "--strict", "--noEmit")
    assert result.returncode == 0, result.stdout[-4000:]


def _typed_literals(cases: list[tuple[str, str, str]]) -> str:
    """A module assigning each fixture (nulls left out) to its interface: tsc's excess-property checks apply."""
    lines = []
    for i, (_, module, interface) in enumerate(cases):
        lines.append(f'import type {{ {interface} as T{i} }} from "../{module}/index.js";')
    for i, (fixture, _, _) in enumerate(cases):
        value = json.dumps(_without_nulls(json.loads((FIXTURES_OBJECTS / fixture).read_text("utf-8"))), indent=1)
        lines.append(f"export const fixture{i}: T{i} = {value};")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("spec", ["k8s-1.36", "cluster-1.36-small-crds"])
def test_fixtures_type_check_and_round_trip(spec: str, typescript_outputs: dict[str, Path], tmp_path: Path) -> None:
    """The fixtures are valid object literals of their interfaces, and decode/encode in Node gives them back."""
    cases = [(fixture, module, interface) for fixture, (document, module, interface) in FIXTURE_TYPES.items() if document == spec]
    files = [FIXTURES_OBJECTS / fixture for fixture, _, _ in cases]
    podgen = SPECS_DIR.parent / "bench" / "runtime" / "podgen.py"
    if spec == "k8s-1.36" and podgen.is_file():
        pods = tmp_path / "podlist.json"
        pods.write_bytes(subprocess.run([sys.executable, str(podgen), "200"], capture_output=True, check=True).stdout)
        files.append(pods)
    package = with_programs(PROGRAMS, _output(typescript_outputs, spec), tmp_path, "roundtrip.ts", extra={"fixtures.ts": _typed_literals(cases)})
    lines = _run(package, "roundtrip.ts", *map(str, files)).splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines):
        assert json.loads(line) == _without_nulls(json.loads(path.read_text("utf-8"))), path.name


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = generate(DEMO, tmp_path_factory.mktemp("ts-demo"), "--target", "typescript")
    return with_dependencies(with_programs(PROGRAMS, out, tmp_path_factory.mktemp("ts-demo-programs"), "emulator.ts", "resume.ts", "kubeconfig.ts", "safety.ts", "kubeconfig_cases.ts", "unknown.ts", "watchbreak.ts", "misspelled.ts"))


@pytest.fixture()
def emulator() -> Iterator[tuple[str, Emulator]]:
    yield from run_emulator()


def test_list_and_watch_config_maps_on_the_emulator(demo_package: Path, emulator: tuple[str, Emulator]) -> None:
    report = json.loads(_run(demo_package, "emulator.ts", emulator[0]))
    assert report["pages"] == [["a", "b"], ["c"]]
    existing = [["ADDED", name, {"n": name}] for name in "abc"]  # a watch without a resourceVersion starts with the current state
    assert report["seen"] == existing + [["ADDED", "w", {"v": "1"}], ["MODIFIED", "w", {"v": "2"}], ["DELETED", "w", {"v": "2"}]]
    assert report["missing"] == "NotFound 404"
    watches = [r for r in list(emulator[1]) if r.params.get("watch") == "true"]
    assert watches and watches[0].params.get("allowWatchBookmarks") == "true"


def test_unknown_fields_survive_read_modify_replace(demo_package: Path, emulator: tuple[str, Emulator]) -> None:
    """Plain objects keep what the interfaces do not declare: members at three depths come back on both replaces."""
    import httpx

    url = emulator[0] + "/api/v1/namespaces/default/configmaps"
    httpx.post(url, json=NEWER_CONFIG_MAP).raise_for_status()
    assert _run(demo_package, "unknown.ts", emulator[0]).strip() == "replaced"
    stored = httpx.get(url + "/newer").json()
    assert stored["data"] == {"mode": "c"} and [o["name"] for o in stored["metadata"]["ownerReferences"]] == ["c", "a", "b"]
    replaces = [json.loads(r.body) for r in emulator[1] if r.method == "PUT"]
    assert len(replaces) == 2 and all(unknown_members(body) == unknown_members(NEWER_CONFIG_MAP) for body in replaces + [stored])


def test_leaving_a_watch_with_break_lets_node_exit(demo_package: Path, emulator: tuple[str, Emulator]) -> None:
    """The emulator keeps a watch open: node exits only if `break` aborted the request (else _run's timeout fails the test)."""
    assert _run(demo_package, "watchbreak.ts", emulator[0], timeout=60).split() == ["ADDED"]


def _event(kind: str, name: str, version: str) -> dict[str, Any]:
    return {"type": kind, "object": {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": name, "resourceVersion": version}}}


def test_watch_resumes_after_a_drop_and_reports_gone(demo_package: Path) -> None:
    """A dropped stream resumes from the last version; bookmarks move it on; an expired version is Gone."""
    bookmark = {"type": "BOOKMARK", "object": {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"resourceVersion": "9"}}}
    gone = {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Expired", "code": 410, "message": "too old resource version"}
    replies = iter([
        Reply(events=[_event("ADDED", "a", "3"), _event("MODIFIED", "a", "4")], drop=True),
        Reply(events=[_event("ADDED", "b", "5"), bookmark]),
        Reply(events=[{"type": "ERROR", "object": gone}]),
    ])  # fmt: skip

    def answer(seen: Seen) -> Reply:
        return next(replies)

    with ScriptedServer(answer) as server:
        report = json.loads(_run(demo_package, "resume.ts", server.url))
        versions = [s.query.get("resourceVersion") for s in server.seen]
    assert report == {"events": ["ADDED a", "MODIFIED a", "ADDED b", "BOOKMARK 9"], "ending": "Gone 410 Expired", "resourceVersion": "9"}
    assert versions == [None, "4", "9"]



def test_path_arguments_limits_deadline_retries_and_error_family(demo_package: Path) -> None:
    hostile.bomb()
    with ScriptedServer(hostile.scenario) as server:
        report = json.loads(_run(demo_package, "safety.ts", server.url, f"http://127.0.0.1:{_closed_port()}", timeout=180))
        sent = list(server.seen)
    assert len(report["paths"]) == 8 and all("is not the name of one object" in text for text in report["paths"])
    assert not any("/pods" in s.path for s in sent)  # refused before sending
    assert report["huge"] == {"type": "ResponseTooLarge", "what": "Content-Length", "limit": 2 << 20}
    assert report["endless"] == {"type": "ResponseTooLarge", "what": "the response", "limit": 2 << 20}
    assert report["bomb"] == {"type": "ResponseTooLarge", "what": "the decompressed response", "limit": 2 << 20}
    assert report["rssGrowthMiB"] < 64  # the 64 MiB bomb and the endless body were never held
    assert report["trickle"] == {"type": "DeadlineExceeded", "method": "GET", "cause": True}
    assert report["decode"] == {"type": "DecodeError", "code": 200, "body": "{not json", "cause": True}
    assert report["line"] == {"type": "ResponseTooLarge", "what": "a watch event", "limit": 1 << 20}
    assert report["trickleWatch"]["type"] == "DeadlineExceeded"
    assert report["post503"] == {"type": "ServiceUnavailable", "code": 503}
    assert [s.method for s in sent if "post503" in s.path] == ["POST"]  # 503 without Retry-After: not retried
    assert report["refused"] == {"type": "NetworkError", "method": "GET", "cause": True}
    assert report["prototype"]["type"] == "ApiError"  # not Object, which every object inherits as "constructor"


def test_a_javascript_callers_mistakes_throw_before_anything_is_sent(demo_package: Path) -> None:
    """What tsc refuses, JavaScript may still call: a misspelled option throws a TypeError naming the key meant
    (as the Python client's does), a key the operation does not take one naming none; a namespace that is
    undefined or null throws InvalidPathArgument rather than being sent as "undefined" or "null"."""
    report = json.loads(_run(demo_package, "misspelled.ts"))
    assert report["misspelled"] == 'TypeError: unexpected option "labelSelectr"; did you mean "labelSelector"?'
    assert report["unknown"] == 'TypeError: unexpected option "everything"'
    assert report["watch"] == 'TypeError: unexpected option "watchEverything"'
    assert report["patchTypeOfARead"] == 'TypeError: unexpected option "patchType"'
    assert report["namespaceUndefined"].startswith("InvalidPathArgument: ") and report["namespaceNull"].startswith("InvalidPathArgument: ")
    assert report["list"] == report["patch"] == "sent"
    assert report["sent"] == ["/api/v1/namespaces/default/configmaps?labelSelector=app%3Dweb&limit=5", "/api/v1/namespaces/default/configmaps/a"]


def _generate_tree(spec: Path, out: Path, env: dict[str, str] | None = None) -> dict[str, bytes]:
    result = run_kgen("generate", "--spec", str(spec), "--out", str(out), "--lenient", "--target", "typescript", env=env)
    assert result.returncode == 0, result.stderr
    return tree(out)


def test_same_bytes_whatever_the_hash_seed_locale_and_key_order(typescript_outputs: dict[str, Path], tmp_path: Path) -> None:
    """The TypeScript output is as deterministic as the Python one (test_determinism.py)."""
    spec = real_spec("cluster-1.36-small-crds")
    baseline = tree(_output(typescript_outputs, "cluster-1.36-small-crds"))
    assert not differences(baseline, _generate_tree(spec, tmp_path / "seeded", {"PYTHONHASHSEED": "4242", "LANG": "C", "LC_ALL": "C"}))
    original = spec.read_bytes()
    shuffled_spec = tmp_path / "shuffled.json"
    shuffled_spec.write_text(json.dumps(shuffled(json.loads(original), random.Random(7)), indent=1), "utf-8")
    actual = _generate_tree(shuffled_spec, tmp_path / "shuffled")
    # Only the spec's hash (in headers and the lock) may differ.
    digests = hashlib.sha256(original).hexdigest().encode(), hashlib.sha256(shuffled_spec.read_bytes()).hexdigest().encode()
    normalised = {path: data.replace(digests[1], digests[0]) for path, data in actual.items() if path != "kgen.lock"}
    assert not differences({p: d for p, d in baseline.items() if p != "kgen.lock"}, normalised)


def _config_map_server(tls: ssl.SSLContext | None = None) -> ScriptedServer:
    def answer(seen: Seen) -> Reply:
        return Reply(body={"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "a"}})

    return ScriptedServer(answer, tls=tls)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_kubeconfig_with_ca_and_client_certificate_over_node_tls(demo_package: Path, tmp_path: Path) -> None:
    """fetch cannot take a CA or a client certificate: the runtime sends such requests through node:https."""
    ca = trustme.CA()
    server_cert, client_cert = ca.issue_cert("127.0.0.1"), ca.issue_cert("kube-tests@example.com")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_cert.configure_cert(context)
    ca.configure_trust(context)
    context.verify_mode = ssl.CERT_REQUIRED  # a client without the certificate is refused
    with _config_map_server(context) as server:
        config = tmp_path / "config"
        config.write_text(textwrap.dedent(f"""\
            current-context: tls
            clusters:
            - name: tls
              cluster:
                server: {server.url}
                certificate-authority-data: {_b64(ca.cert_pem.bytes())}
            contexts:
            - name: tls
              context: {{cluster: tls, user: cert, namespace: apps}}
            users:
            - name: cert
              user:
                client-certificate-data: {_b64(b"".join(blob.bytes() for blob in client_cert.cert_chain_pems))}
                client-key-data: {_b64(client_cert.private_key_pem.bytes())}
            """), "utf-8")
        assert json.loads(_run(demo_package, "kubeconfig.ts", str(config))) == {"name": "a", "namespace": "apps"}
        assert server.seen[-1].path == "/api/v1/namespaces/apps/configmaps/a"


def test_shared_kubeconfig_cases(demo_package: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(kubeconfig_cases.plan()), "utf-8")
    kubeconfig_cases.check("typescript", json.loads(_run(demo_package, "kubeconfig_cases.ts", str(plan))))


def test_kubeconfig_exec_plugin_runs_without_a_shell(demo_package: Path, tmp_path: Path) -> None:
    plugin = tmp_path / "plugin.py"
    plugin.write_text(textwrap.dedent("""\
        import json, os, sys
        info = json.loads(os.environ["KUBERNETES_EXEC_INFO"])
        print(json.dumps({"apiVersion": info["apiVersion"], "kind": "ExecCredential", "status": {"token": "t-" + sys.argv[1].encode().hex() + os.environ["EXTRA"]}}))
        """), "utf-8")
    with _config_map_server() as server:
        config = tmp_path / "config"
        config.write_text(textwrap.dedent(f"""\
            current-context: x
            clusters: [{{name: x, cluster: {{server: "{server.url}"}}}}]
            contexts: [{{name: x, context: {{cluster: x, user: x}}}}]
            users:
            - name: x
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: {sys.executable}
                  args: ["{plugin}", "$(touch pwned); 'quoted'"]
                  env: [{{name: EXTRA, value: "-ok"}}]
            """), "utf-8")
        assert json.loads(_run(demo_package, "kubeconfig.ts", str(config), cwd=tmp_path)) == {"name": "a", "namespace": "default"}
        assert server.seen[-1].headers["Authorization"] == "Bearer t-" + b"$(touch pwned); 'quoted'".hex() + "-ok"  # as given
    assert not (tmp_path / "pwned").exists()


def test_options_go_where_their_key_says(tmp_path: Path) -> None:
    """A query and a header parameter of one name: the query keeps it, the header's key says so; keys named
    like Object.prototype's members (constructor, toString) are sent as given."""
    spec = tmp_path / "options.json"
    spec.write_text(json.dumps(OPTIONS_SPEC))
    package = with_programs(PROGRAMS, generate(spec, tmp_path / "out", "--target", "typescript"), tmp_path, "options.ts")
    sent = json.loads(_run(package, "options.ts"))
    assert sorted(sent["query"]) == [["constructor", "c"], ["toString", "t"], ["x", "to-query"], ["y", "y-query"]]
    assert sent["headers"]["x"] == "to-header" and sent["headers"]["y"] == "y-header"


def test_the_root_units_models_are_exported_by_the_package(tmp_path: Path) -> None:
    """Definitions without a group or namespace go to the root unit, in src/: the package's index exports them beside
    the runtime, under names none of the runtime's exports take (Client, Config and Watch here), whether one process
    renders it or several (a render of 400 models and more is shared between processes)."""
    shape = {"type": "object", "properties": {"name": {"type": "string"}}}
    names = ["Client", "Config", "Watch", *(f"Filler{i}" for i in range(PARALLEL_FROM))]
    document = {"swagger": "2.0", "info": {"title": "root", "version": "1"}, "paths": {}, "definitions": dict.fromkeys(names, shape)}
    spec = tmp_path / "root.json"
    spec.write_text(json.dumps(document))
    out = generate(spec, tmp_path / "out", "--target", "typescript")
    api = build_api(Request(spec=str(spec), out=out))[0]
    types = sorted(name for path, name in ts_target.model_locations(api, "kube").values() if path == "src/models.ts")
    assert len(types) == len(names) and not set(types) & ts_naming.RUNTIME_EXPORTS
    program = f'import type {{ {", ".join(types)} }} from "../index.js";\nimport {{ Client }} from "../index.js";\n'
    program += "export const checked: Array<" + " | ".join(types) + "> = [];\nexport const runtime = Client;\n"
    (out / "src" / "_check").mkdir()
    (out / "src" / "_check" / "root.ts").write_text(program)
    result = run_tsc(with_dependencies(out), "--strict", "--noEmit")
    assert result.returncode == 0, result.stdout[-4000:]
