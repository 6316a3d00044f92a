#!/usr/bin/env python3
"""End-to-end list of 5,000 pods over loopback HTTP: kgen's client beside lightkube and the official client.

    python benchmarks/runtime.py [--peers-python PY] [--pods 5000] [--repeats 5]

The PodList comes from podgen.py of $KGEN_SHARED_BENCH/runtime (default
../shared/bench; realistic Deployment pods, ~14 KB each) and is served by a
separate process on 127.0.0.1. Each client runs in its own subprocess, all of
them alive at once: after one warm-up each, `list_namespaced_pod` (or its
equivalent) is timed end to end (HTTP + decode into typed objects) in rounds
that take the clients in turn, in a rotating order; median of the rounds. RSS
held is measured in other fresh processes, after one list whose items are all
kept, and after one list of which 1 pod is kept. kgen's encode of the decoded
items is timed against json.dumps of the same items as plain JSON, in one
process, interleaved: each round runs json.dumps once and kgen's encode 3
times; the ratio is of the medians (each round's is printed too).
Peers (kubernetes, lightkube) run with
--peers-python, a virtualenv that has them (see
../shared/bench/runtime/requirements-peers.txt); they are never kgen's
dependencies. Only ratios are meaningful: every number comes from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("KGEN_SHARED_BENCH", REPO.parent / "shared" / "bench")) / "runtime"
SPEC = Path(os.environ.get("KGEN_SPECS_DIR", REPO.parent / "shared" / "specs")) / "k8s-1.36.json"
CLIENTS = ("kgen", "lightkube", "kubernetes")


# -- worker side (runs under the python that has the client; never imports kgen) --------------
def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _lister(client: str, url: str):  # type: ignore[no-untyped-def]
    if client == "kgen":
        from kube import Client
        from kube.core.v1 import CoreV1Api

        core = CoreV1Api(Client(url))
        return lambda: core.list_namespaced_pod("default").items
    if client == "lightkube":
        from lightkube import Client as LightClient
        from lightkube.config.kubeconfig import KubeConfig
        from lightkube.config.models import Cluster, User
        from lightkube.resources.core_v1 import Pod

        config = KubeConfig.from_one(cluster=Cluster(server=url), user=User(), namespace="default")
        light = LightClient(config=config, namespace="default", timeout=120.0)
        return lambda: list(light.list(Pod, namespace="default"))
    import kubernetes.client as k8s

    configuration = k8s.Configuration(host=url)
    api = k8s.CoreV1Api(k8s.ApiClient(configuration))
    return lambda: api.list_namespaced_pod("default").items


def worker(client: str, url: str, mode: str, repeats: int, data_path: str) -> None:
    import gc

    list_pods = _lister(client, url)
    result: dict[str, object] = {}
    if mode == "time":  # one list per line read on stdin, its seconds printed: the driver takes the clients in turn
        items = list_pods()  # warm-up: connection, decoders
        print(json.dumps({"items": len(items)}), flush=True)
        del items
        for _ in sys.stdin:
            start = time.perf_counter()
            items = list_pods()
            seconds = time.perf_counter() - start
            del items
            print(json.dumps({"seconds": seconds}), flush=True)
        return
    if mode in ("rss", "rss1"):
        gc.collect()
        base = _rss_mb()
        items = list_pods()
        result["items"] = len(items)
        if mode == "rss1":  # a controller keeping one object of a large list
            items = items[:1]
        gc.collect()
        result["held_mb"] = _rss_mb() - base
    elif mode == "encode":
        from kube import decode, encode
        from kube.core.v1 import PodList

        raw = Path(data_path).read_bytes()
        typed = decode(PodList, raw).items
        plain = json.loads(raw)["items"]
        del raw
        ours: list[float] = []
        theirs: list[float] = []
        rounds: list[float] = []
        for _ in range(repeats):
            start = time.perf_counter()
            json.dumps(plain)
            theirs.append(time.perf_counter() - start)
            these = []
            for _ in range(3):
                start = time.perf_counter()
                encode(typed)
                these.append(time.perf_counter() - start)
            ours += these
            rounds.append(statistics.median(these) / theirs[-1])
        n = len(typed)
        result["encode_us_per_pod"] = statistics.median(ours) / n * 1e6
        result["json_dumps_us_per_pod"] = statistics.median(theirs) / n * 1e6
        result["round_ratios"] = rounds
    print(json.dumps(result))


def serve(data_path: str, port_file: str) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    body = Path(data_path).read_bytes()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


# -- driver side -----------------------------------------------------------------------------
def _run_worker(python: str, package_root: Path, *args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    done = subprocess.run([python, __file__, "worker", *args], capture_output=True, text=True, env=env, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _has(python: str, module: str) -> bool:
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peers-python", help="python of a virtualenv with kubernetes and lightkube")
    parser.add_argument("--pods", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not (BENCH / "podgen.py").is_file():
        print(f"skipped: {BENCH}/podgen.py not found (the shared benchmark data generator)")
        return 0
    if not SPEC.is_file():
        print(f"skipped: {SPEC} not found (set KGEN_SPECS_DIR)")
        return 0
    sys.path.insert(0, str(BENCH))
    import podgen  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory(prefix="kgen-runtime-bench-") as tmp:
        root = Path(tmp)
        data = root / "pods.json"
        data.write_bytes(podgen.podlist_bytes(args.pods))
        generated = subprocess.run(
            [sys.executable, "-m", "kgen", "generate", "--spec", str(SPEC), "--out", str(root / "client"), "--package-name", "kube"],
            capture_output=True, text=True,
        )
        if generated.returncode != 0:
            print(generated.stderr)
            return 1
        port_file = root / "port"
        server = subprocess.Popen([sys.executable, __file__, "serve", str(data), str(port_file)])
        try:
            for _ in range(500):
                if port_file.exists() and port_file.read_text():
                    break
                time.sleep(0.01)
            url = f"http://127.0.0.1:{port_file.read_text()}"
            return _report(args, root, data, url)
        finally:
            server.terminate()
            server.wait()


def _time_interleaved(pythons: dict[str, str], package_root: Path, url: str, repeats: int, data: Path) -> dict[str, list[float]]:
    """Seconds per list for each client, in rounds taking the clients in turn (rotating), each in its own live process."""
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    workers = {
        name: subprocess.Popen([python, __file__, "worker", name, url, "time", "1", str(data)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=env)
        for name, python in pythons.items()
    }
    try:
        def read(name: str) -> dict[str, float]:
            line = workers[name].stdout.readline()  # type: ignore[union-attr]
            if not line:
                raise RuntimeError(f"{name} time worker died (exit {workers[name].wait()})")
            return json.loads(line)  # type: ignore[no-any-return]

        for name in workers:  # warm-ups, each checked for the full list
            assert read(name)["items"] > 0, name
        times: dict[str, list[float]] = {name: [] for name in workers}
        names = list(workers)
        for index in range(repeats):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                workers[name].stdin.write("go\n")  # type: ignore[union-attr]
                workers[name].stdin.flush()  # type: ignore[union-attr]
                times[name].append(read(name)["seconds"])
        return times
    finally:
        for process in workers.values():
            process.stdin.close()  # type: ignore[union-attr]
            process.wait(timeout=120)


def _report(args: argparse.Namespace, root: Path, data: Path, url: str) -> int:
    pythons = {"kgen": args.peers_python or sys.executable}
    for peer, module in (("lightkube", "lightkube"), ("kubernetes", "kubernetes")):
        if args.peers_python and _has(args.peers_python, module):
            pythons[peer] = args.peers_python
        else:
            print(f"{peer}: not measured (no --peers-python with it installed)")
    versions = subprocess.run(
        [args.peers_python or sys.executable, "-c", "import sys; from importlib import metadata as m\n"
         "for d in ('msgspec', 'httpx', 'lightkube', 'lightkube-models', 'kubernetes'):\n"
         "    try: print(d, m.version(d))\n    except m.PackageNotFoundError: pass\n"
         "print('python', sys.version.split()[0])"],
        capture_output=True, text=True,
    ).stdout.split("\n")
    size_mb = data.stat().st_size / 2**20
    print(f"{args.pods} pods, {size_mb:.0f} MB JSON, served from {url}; {', '.join(v for v in versions if v)}")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; list: median of {args.repeats} interleaved rounds after a warm-up\n")
    times = _time_interleaved(pythons, root / "client", url, args.repeats, data)
    rows: dict[str, dict[str, float]] = {}
    for name, python in pythons.items():
        rss = _run_worker(python, root / "client", name, url, "rss", "1", str(data))
        one = _run_worker(python, root / "client", name, url, "rss1", "1", str(data))
        assert rss["items"] == one["items"] == args.pods, (name, rss, one)
        rows[name] = {"seconds": statistics.median(times[name]), "held_mb": rss["held_mb"], "held1_mb": one["held_mb"]}
        runs = " ".join(f"{t * 1e3:.0f}" for t in times[name])
        print(f"{name:<11} list_namespaced_pod {rows[name]['seconds'] * 1e3:8.1f} ms [{runs}]   RSS held: all kept "
              f"{rss['held_mb']:7.1f} MB, 1 pod kept {one['held_mb']:6.1f} MB")
    encode = _run_worker(pythons["kgen"], root / "client", "kgen", url, "encode", str(max(args.repeats, 7)), str(data))
    encode_ratio = encode["encode_us_per_pod"] / encode["json_dumps_us_per_pod"]
    rounds = " ".join(f"{r:.3f}" for r in encode["round_ratios"])
    print(
        f"\nencode: {encode['encode_us_per_pod']:.1f} us/pod, json.dumps {encode['json_dumps_us_per_pod']:.1f} us/pod"
        f" -> {encode_ratio:.3f}x json.dumps (goal <= 0.10x): " + ("met" if encode_ratio <= 0.10 else "MISSED")
        + f"\n        each round's ratio (no verdict): {rounds}"
    )
    kgen = rows["kgen"]
    if "lightkube" in rows:
        speedup = rows["lightkube"]["seconds"] / kgen["seconds"]
        memory = kgen["held_mb"] / rows["lightkube"]["held_mb"]
        kept_one = kgen["held1_mb"] / rows["lightkube"]["held1_mb"]
        print(f"end to end vs lightkube: {speedup:.2f}x faster (target >= 1.5x); RSS all kept {memory:.2f}x lightkube's "
              f"(target <= 0.8x); RSS 1 pod kept {kept_one:.2f}x lightkube's (target <= 2x)")
    if "kubernetes" in rows:
        speedup = rows["kubernetes"]["seconds"] / kgen["seconds"]
        print(f"end to end vs the official client: {speedup:.1f}x faster (target >= 10x)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
    elif len(sys.argv) > 1 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
