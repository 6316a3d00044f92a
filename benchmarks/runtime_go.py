#!/usr/bin/env python3
"""Go runtime benchmark: kgen's generated Go client beside client-go on a 5,000-pod PodList.

    python benchmarks/runtime_go.py                        # generates k8s-1.36 --target go into a temp dir
    python benchmarks/runtime_go.py --pods 1000 --repeats 5 --held-runs 3
    python benchmarks/runtime_go.py --json runs.json       # also every measurement

Run it with the python of a venv where kgen is installed; needs the go command
(Go 1.26 or newer: client-go v0.36 requires it). The harness, benchmarks/go/,
pins k8s.io/client-go, k8s.io/api and k8s.io/apimachinery v0.36.6 (the minor of
the document) in its go.mod and go.sum; they come from the Go module proxy into
the usual module cache the first time, and are never dependencies of kgen or
its output. The first build compiles client-go and the generated module (a few
minutes on two cores); later ones come from the build cache.

Data: the PodList decode.py uses (podgen.py of ../shared/bench/runtime, cached).

Contenders: client-go (its Clientset; decoding with the decoder its REST client
negotiates for application/json: the scheme's JSON serializer, which reads with
sigs.k8s.io/json into *corev1.PodList), kgen (the generated module: client.Decode
into its *v1.PodList, as its calls do) and, for decode only, encoding/json into
map[string]any. Every run checks that they all decoded the same items.

  decode     bytes in memory to the typed list, in one process: each contender
             warmed by one call, then --repeats rounds, the order rotated each
             round, a full GC before each call; median. Also what one call
             allocates (bytes, objects).
  list       the same end to end over HTTP: a separate process serves the file on
             127.0.0.1 as application/json; CoreV1().Pods("default").List against
             CoreV1Client.ListNamespacedPod("default"), each with its own
             connection, rounds as for decode.
  heap held  a fresh process per client and run: the live heap
             (runtime.ReadMemStats after runtime.GC) after one list whose items
             are kept, less the same before it; median of --held-runs, the
             clients in a rotating order.

The goal (issue 17) is parity at least: kgen ÷ client-go ≤ 1.00× on each.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from decode import podlist
from environment import generate_client, kgen_command, log

SPEC = "k8s-1.36"
MODULE = "kgen.bench/kube"  # the module path kgen generates under: benchmarks/go/kgen.go imports it
GO_DIR = Path(__file__).resolve().parent / "go"
CLIENTS = ("client-go", "kgen")  # the API clients; decode also has the map[string]any baseline
BASE = "client-go"


def go_command() -> str:
    go = shutil.which("go")
    if go is None:
        sys.exit("the go command is not on PATH: install Go 1.26 or newer (client-go v0.36 requires it)")
    return go


def generate_kgen(out: Path) -> str:
    """kgen's Go module of SPEC in `out`; returns kgen's version."""
    if (failed := generate_client("go", out, MODULE, SPEC)) is not None:
        sys.exit(failed)
    version = subprocess.run([*kgen_command(), "--version"], capture_output=True, text=True, check=True)
    return version.stdout.strip()


def build(go: str, work: Path, kgen_out: Path) -> Path:
    """The harness, built from benchmarks/go against the generated module.

    The repository's go.mod and go.sum stay as they are: a copy of them in `work`
    (go build -modfile) gets the require and the replace of the generated module.
    """
    modfile = work / "gobench.mod"
    shutil.copy(GO_DIR / "go.mod", modfile)
    shutil.copy(GO_DIR / "go.sum", work / "gobench.sum")
    edit = [go, "mod", "edit", f"-modfile={modfile}", f"-require={MODULE}@v0.0.0", f"-replace={MODULE}={kgen_out}"]
    subprocess.run(edit, cwd=GO_DIR, check=True)
    binary = work / "gobench"
    log("go build: the harness, client-go and kgen's module (minutes the first time, then cached)")
    command = [go, "build", f"-modfile={modfile}", "-mod=mod", "-buildvcs=false", "-trimpath", "-o", str(binary), "."]
    done = subprocess.run(command, cwd=GO_DIR, capture_output=True, text=True, env={**os.environ, "CGO_ENABLED": "0"})
    if done.returncode != 0:
        sys.exit(f"go build failed in {GO_DIR}:\n{done.stdout[-3000:]}{done.stderr[-5000:]}")
    return binary


def harness(binary: Path, *args: str) -> dict[str, Any]:
    """One run of the harness: the JSON object it prints."""
    done = subprocess.run([str(binary), *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"`gobench {' '.join(args)}` failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@contextmanager
def server(binary: Path, data: Path) -> Iterator[str]:
    """The loopback server, a process of its own, serving `data`; yields its URL."""
    process = subprocess.Popen([str(binary), "serve", str(data)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            sys.exit(f"the loopback server did not start (it said {url!r})")
        yield url
    finally:
        process.terminate()
        process.wait()


def held_runs(binary: Path, url: str, runs: int) -> dict[str, list[dict[str, Any]]]:
    """Heap held by each client's listed items, a fresh process each, the order rotated each run."""
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in CLIENTS}
    for index in range(runs):
        shift = index % len(CLIENTS)
        for name in CLIENTS[shift:] + CLIENTS[:shift]:
            log(f"heap held {index + 1}/{runs}: {name}")
            results[name].append(harness(binary, "held", url, name))
    return results


def check_shapes(decode: dict[str, Any], listing: dict[str, Any], held: dict[str, list[dict[str, Any]]]) -> None:
    seen = [*decode["shapes"].items(), *listing["shapes"].items(),
            *((name, run["shape"]) for name, runs in held.items() for run in runs)]
    differing = [f"{name}: {shape}" for name, shape in seen if shape != seen[0][1]]
    if differing:
        sys.exit(f"the contenders disagree on what the list holds: {seen[0]} against {differing}")


def medians(result: dict[str, Any], field: str) -> dict[str, float]:
    return {name: statistics.median(run[field] for run in runs) for name, runs in result["runs"].items()}


def report(decode: dict[str, Any], listing: dict[str, Any], held: dict[str, list[dict[str, Any]]], kgen_version: str,
           args: argparse.Namespace) -> list[str]:
    pods = decode["shapes"][BASE]["items"]
    versions = decode["versions"]
    modules = ", ".join(f"{path} {versions[path]}" for path in
                        ("k8s.io/client-go", "k8s.io/api", "k8s.io/apimachinery", "sigs.k8s.io/json"))
    names = list(decode["order"])
    times = {"decode": medians(decode, "seconds"), "list": medians(listing, "seconds")}
    allocated = {"decode": medians(decode, "allocBytes"), "list": medians(listing, "allocBytes")}
    objects = {"decode": medians(decode, "allocs"), "list": medians(listing, "allocs")}
    held_mb = {name: statistics.median(run["heldBytes"] for run in runs) / 2**20 for name, runs in held.items()}

    def row(what: str, values: dict[str, float], shown: str) -> str:
        cells = [format(values[name], shown) if name in values else "-" for name in names]
        return f"| {what} | {' | '.join(cells)} | {values['kgen'] / values[BASE]:.2f}× |"

    out = [
        f"Go runtime of a {pods:,}-pod PodList ({decode['bytes'] / 1e6:.1f} MB JSON); {versions['go']}, "
        f"GOMAXPROCS {versions['GOMAXPROCS']}; {modules}; {kgen_version} --target go; "
        f"{os.cpu_count()} cores, load average now {os.getloadavg()[0]:.2f}",
        f"decode and list: median of {args.repeats} interleaved rounds in one process each; "
        f"heap held: median of {args.held_runs} fresh processes per client",
        "",
        f"| measure | {' | '.join(names)} | kgen ÷ {BASE} |",
        f"|---|{'---:|' * len(names)}---:|",
    ]
    for what in ("decode", "list"):
        out += [
            row(f"{what} ms", {n: s * 1e3 for n, s in times[what].items()}, ".0f"),
            row(f"{what} µs/pod", {n: s / pods * 1e6 for n, s in times[what].items()}, ".1f"),
            row(f"{what} MB allocated/call", {n: b / 2**20 for n, b in allocated[what].items()}, ".0f"),
            row(f"{what} objects allocated/call (M)", {n: c / 1e6 for n, c in objects[what].items()}, ".2f"),
        ]
    out.append(row("heap held MB", held_mb, ".1f"))
    out += ["", "every run [decode ms] [list ms] [heap held MB]:"]
    for name in names:
        decode_ms = " ".join(f"{run['seconds'] * 1e3:.0f}" for run in decode["runs"][name])
        list_ms = " ".join(f"{run['seconds'] * 1e3:.0f}" for run in listing["runs"].get(name, []))
        held_runs_mb = " ".join(f"{run['heldBytes'] / 2**20:.1f}" for run in held.get(name, []))
        out.append(f"  {name:<15} [{decode_ms}] [{list_ms}] [{held_runs_mb}]")
    out += ["", f"Goals (kgen against {BASE}: parity at least):",
            goal("decode time", times["decode"]["kgen"] / times["decode"][BASE]),
            goal("list time", times["list"]["kgen"] / times["list"][BASE]),
            goal("heap held", held_mb["kgen"] / held_mb[BASE])]
    return out


def goal(what: str, ratio: float) -> str:
    return f"  {what}: {ratio:.2f}× (goal ≤ 1.00×): {'met' if ratio <= 1.0 else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pods", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=7, help="interleaved rounds of decode and of list (default 7)")
    parser.add_argument("--held-runs", type=int, default=3, help="fresh processes per client for heap held (default 3)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args()

    go = go_command()
    data = podlist(args.pods)
    with tempfile.TemporaryDirectory(prefix="kgen-bench-go.") as tmp:
        work = Path(tmp)
        kgen_version = generate_kgen(work / "kube-go")
        binary = build(go, work, work / "kube-go")
        log(f"decode: {args.repeats} rounds, one process")
        decode = harness(binary, "decode", str(data), str(args.repeats))
        with server(binary, data) as url:
            log(f"list from {url}: {args.repeats} rounds, one process")
            listing = harness(binary, "list", url, str(args.repeats))
            held = held_runs(binary, url, args.held_runs)
    check_shapes(decode, listing, held)
    print("\n".join(report(decode, listing, held, kgen_version, args)))
    if args.json:
        args.json.write_text(json.dumps({"data": str(data), "decode": decode, "list": listing, "held": held}, indent=1))


if __name__ == "__main__":
    main()
