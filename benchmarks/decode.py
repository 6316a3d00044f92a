#!/usr/bin/env python3
"""Decode benchmark: a 5,000-pod PodList into kgen's generated models, beside json.loads and lightkube.

    python benchmarks/decode.py                            # generates the k8s-1.36 package into a temp dir
    python benchmarks/decode.py --pods 1000 --repeats 5 --import-repeats 5 --held-repeats 1
    python benchmarks/decode.py --package-dir DIR          # a package kgen generated before (DIR/kube)

Run it with the python of a venv where kgen is installed: it generates the package.
The measured interpreter is --python (default: the runtime venv of setup_peers.sh,
else this one); it needs msgspec, and lightkube for lightkube's rows.

Data: podgen.py of ../shared/bench/runtime (realistic Deployment pods of about
14 KB with managedFields), cached where the runtime harness caches it.

Decode: decode_worker.py in one fresh process times json.loads, kgen's typed
eager decode and lightkube's, interleaved, median of the repeats (see there for
`decode` and `decode+gc0`). Two more kgen rows: kgen-before, the whole-buffer
decode kgen had before each item got a copy of its own bytes (kgen / kgen-before
is what that copy costs), and kgen-like, kgen doing lightkube's work with its GC
setting (collector on, fieldsV1 parsed into dicts; timestamps are measured apart
and added, see decode_worker.py), which the like-for-like goals are judged on.

Both are timed on the podgen list and on the same pods without managedFields,
where fieldsV1 weighs on no decoder: the like-for-like goals are judged on both.

Memory: each of --held-repeats rounds runs, interleaved, one fresh interpreter
per decoder, case and metric, and reads the memory still held after a decode
(the response bytes dropped): live allocations (tracemalloc) and the resident
set's growth; with 1 pod kept of the list (kgen, kgen-before, lightkube), and
with the whole list kept (kgen, kgen-like and lightkube; kgen-like and lightkube
on the list without managedFields too); median.

Import: `import kube.core.v1` against lightkube's `from lightkube.models.core_v1
import Pod`, each in a fresh interpreter timed from inside (interpreter start
excluded), interleaved, median. The generated package is byte-compiled first,
as pip leaves an installed package (and lightkube).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from environment import PEERS_DIR, SETUP_HINT, byte_compile, generate_client, load_harness, log

SPEC = "k8s-1.36"
PACKAGE = "kube"
WORKER = Path(__file__).resolve().parent / "decode_worker.py"
IMPORTS = {
    "kgen": f"import {PACKAGE}.core.v1",
    "lightkube": "from lightkube.models.core_v1 import Pod",
}
IMPORT_TIMER = "import time\n_start = time.perf_counter()\n{statement}\nprint(time.perf_counter() - _start)\n"
VARIANTS = ("decode", "decode+gc0")


def podlist(pods: int) -> Path:
    """The PodList file, made by podgen once and kept where the runtime harness keeps it."""
    podgen = load_harness("runtime/podgen.py", "podgen")
    path = Path(tempfile.gettempdir()) / "kgen-runtime-bench" / f"podlist-{pods}-seed{podgen.DEFAULT_SEED}.json"
    if not path.exists():
        log(f"generating {pods} pods into {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_bytes(podgen.podlist_bytes(pods))
        partial.replace(path)
    return path


def run_worker(python: str, package_dir: Path, data: Path, repeats: int) -> dict[str, Any]:
    log(f"decoding {data.name} in {python}, {repeats} repeats")
    env = dict(os.environ, PYTHONPATH=str(package_dir))
    command = [python, str(WORKER), str(data), "--package", PACKAGE, "--repeats", str(repeats)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=package_dir)
    if done.returncode != 0:
        sys.exit(f"the decode worker failed (exit {done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# (data, decoder, items kept: 0 for the whole list). "full" is the podgen list, "bare" the same pods without managedFields.
HELD_CASES = (("full", "kgen", 1), ("full", "kgen-before", 1), ("full", "lightkube", 1),
              ("full", "kgen", 0), ("full", "kgen-like", 0), ("full", "lightkube", 0),
              ("bare", "kgen-like", 0), ("bare", "lightkube", 0))
METRICS = ("live", "rss")


def held_memory(python: str, package_dir: Path, datas: dict[str, Path], repeats: int,
                missing: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    """MB held after one decode, per metric and `data/name/kept` case; fresh interpreters, interleaved."""
    env = dict(os.environ, PYTHONPATH=str(package_dir))
    cases = [(data, name, keep, metric) for data, name, keep in HELD_CASES if name not in missing for metric in METRICS]
    held: dict[str, dict[str, list[float]]] = {metric: {} for metric in METRICS}
    for index in range(repeats):
        shift = index % len(cases)
        for data, name, keep, metric in cases[shift:] + cases[:shift]:
            command = [python, str(WORKER), str(datas[data]), "--package", PACKAGE, "--held", name, "--keep", str(keep)]
            done = subprocess.run(command + (["--live"] if metric == "live" else []), capture_output=True, text=True,
                                  env=env, cwd=package_dir)
            if done.returncode != 0:
                sys.exit(f"the memory worker failed for {name} (exit {done.returncode}):\n{done.stderr}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            held[metric].setdefault(f"{data}/{name}/{keep}", []).append(result["held_bytes"] / 2**20)
    return held


def bare(data: Path) -> Path:
    """The same list with every pod's managedFields left out (fieldsV1 then weighs on no decoder), compact as served."""
    path = data.with_name(data.stem + "-no-managedfields.json")
    if not path.exists():
        document = json.loads(data.read_bytes())
        for item in document["items"]:
            item["metadata"].pop("managedFields", None)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False))
        partial.replace(path)
    return path


def import_times(python: str, package_dir: Path, names: list[str], repeats: int) -> dict[str, list[float]]:
    """Seconds per fresh interpreter for each import statement, interleaved."""
    env = dict(os.environ, PYTHONPATH=str(package_dir))

    def once(name: str) -> float:
        source = IMPORT_TIMER.format(statement=IMPORTS[name])
        done = subprocess.run([python, "-c", source], capture_output=True, text=True, env=env, cwd=package_dir)
        if done.returncode != 0:
            sys.exit(f"`{IMPORTS[name]}` failed in {python}:\n{done.stderr}")
        return float(done.stdout.strip().splitlines()[-1])

    byte_compile(python, package_dir / PACKAGE)
    for name in names:  # untimed: warms the page cache
        once(name)
    times: dict[str, list[float]] = {name: [] for name in names}
    for index in range(repeats):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(once(name))
    return times


def per_pod(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    pods = result["shapes"]["json.loads"]["items"]
    return {name: {v: statistics.median(t[v]) / pods * 1e6 for v in VARIANTS} for name, t in result["times"].items()}


def timestamp_us(result: dict[str, Any]) -> float:
    """Per pod, what parsing the timestamps into datetimes costs beyond keeping them as strings."""
    stamps = result["timestamps"]
    return float(stamps["datetime"] - stamps["str"]) / result["shapes"]["json.loads"]["items"] * 1e6


def decode_table(title: str, result: dict[str, Any]) -> list[str]:
    pods = result["shapes"]["json.loads"]["items"]
    rows = per_pod(result)
    base = rows["json.loads"]
    out = [f"{title}: {pods:,} pods, {result['bytes'] / 1e6:.1f} MB, {result['bytes'] / pods / 1e3:.1f} KB/pod",
           "",
           "| decoder | decode | × json.loads | decode+gc0 | × json.loads (+gc0) | first call | decodes to |",
           "|---|---:|---:|---:|---:|---:|---|"]
    for name, row in rows.items():
        shape = ", ".join(f"{k}={v}" for k, v in result["shapes"][name].items() if k != "items")
        first = result["first_call_s"][name] / pods * 1e6
        out.append(f"| {name} | {row['decode']:.1f} | {row['decode'] / base['decode']:.2f}× | {row['decode+gc0']:.1f} | "
                   f"{row['decode+gc0'] / base['decode+gc0']:.2f}× | {first:.1f} | {shape or 'dicts and lists'} |")
    for name, why in result["missing"].items():
        out.append(f"| {name} | - | | | | | {why}; {SETUP_HINT} |")
    stamps = result["timestamps"]
    out += ["", f"Timestamps: {stamps['count']:,} ({stamps['count'] / pods:.0f} a pod); lightkube parses them into datetimes, "
            f"kgen keeps strings. Decoded alone with msgspec: {stamps['str'] * 1e3:.2f} ms as str, {stamps['datetime'] * 1e3:.2f} ms "
            f"as datetime: {timestamp_us(result):+.2f} µs a pod, added to kgen-like in the goals."]
    return out


def report(results: dict[str, dict[str, Any]], imports: dict[str, list[float]], held: dict[str, dict[str, list[float]]],
           repeats: int) -> list[str]:
    full = results["full"]
    versions = ", ".join(f"{k} {v}" for k, v in full["versions"].items() if v)
    out = [
        f"Decode of a PodList; {versions}; {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.2f}",
        f"median of {repeats} interleaved repeats in one process per list, µs per pod.",
        "decode = the call alone; decode+gc0 = the call, then gc.collect(0) right after it",
        "(the young-generation scan that kgen's decode defers by pausing the collector).",
        "kgen-before = the whole-buffer decode kgen had before each item got its own bytes;",
        "kgen-like = kgen with lightkube's GC setting (collector on, not paused) and fieldsV1 parsed into dicts.",
        "",
    ]
    out += decode_table("Full pods (with managedFields)", full)
    out += ["", *decode_table("The same pods without managedFields", results["bare"])]
    out += ["", "Import in a fresh interpreter (ms, median [all runs]):"]
    for name, seconds in imports.items():
        runs = " ".join(f"{s * 1e3:.0f}" for s in seconds)
        out.append(f"  {name:<10} {statistics.median(seconds) * 1e3:6.1f}  [{runs}]  `{IMPORTS[name]}`")
    if held["live"]:
        out += ["", "Memory held after one decode, the response bytes dropped, fresh interpreters, MB, median [all runs]:",
                "live = Python allocations still alive (tracemalloc: it does not see the mappings kgen copies a large",
                "list's items into, nor what the allocators keep of freed memory); rss = growth of the resident set", "",
                "| list | decoder | kept | live MB | rss MB |", "|---|---|---|---:|---:|"]
        for case, lives in held["live"].items():
            data, name, keep = case.split("/")
            rss = held["rss"][case]
            out.append(f"| {data} | {name} | {'whole list' if keep == '0' else keep + ' pod'} | "
                       f"{statistics.median(lives):.2f} [{' '.join(f'{m:.2f}' for m in lives)}] | "
                       f"{statistics.median(rss):.1f} [{' '.join(f'{m:.1f}' for m in rss)}] |")
    out += ["", "Goals (verdicts on decode+gc0, the full cost, plain decode in brackets; memory verdicts on rss):"]
    out += goals(results, imports, held)
    return out


def goals(results: dict[str, dict[str, Any]], imports: dict[str, list[float]],
          held: dict[str, dict[str, list[float]]]) -> list[str]:
    full, bare_ = per_pod(results["full"]), per_pod(results["bare"])
    kgen, base = full["kgen"], full["json.loads"]
    ratio = {v: kgen[v] / base[v] for v in VARIANTS}
    lines = [f"  kgen / json.loads: {ratio['decode+gc0']:.2f}× [{ratio['decode']:.2f}×] (goal ≤ 0.50×): "
             + verdict(ratio["decode+gc0"] <= 0.5, f"{ratio['decode+gc0'] / 0.5:.2f}× the allowed time")]
    for label, rows in (("full", full), ("without managedFields", bare_)):
        copy = {v: rows["kgen"][v] / rows["kgen-before"][v] for v in VARIANTS}
        lines.append(f"  per-item copy, {label}: kgen / kgen-before {copy['decode+gc0']:.2f}× [{copy['decode']:.2f}×] "
                     "the time (no goal)")
    if "lightkube" in full:
        speedup = {v: full["lightkube"][v] / kgen[v] for v in VARIANTS}
        lines.append(f"  lightkube / kgen: kgen {speedup['decode+gc0']:.2f}× faster [{speedup['decode']:.2f}×] (goal ≥ 1.5×): "
                     + verdict(speedup["decode+gc0"] >= 1.5, f"{1.5 / speedup['decode+gc0']:.2f}× the allowed time"))
        for label, name, rows in (("without managedFields", "bare", bare_), ("full, fieldsV1 parsed", "full", full)):
            stamps = timestamp_us(results[name])
            like = {v: rows["lightkube"][v] / (rows["kgen-like"][v] + stamps) for v in VARIANTS}
            lines.append(f"  like for like, {label}: lightkube / (kgen-like + timestamps): kgen {like['decode+gc0']:.2f}× "
                         f"faster [{like['decode']:.2f}×] (goal ≥ 3×): "
                         + verdict(like["decode+gc0"] >= 3, f"{3 / like['decode+gc0']:.2f}× the allowed time"))
    if "full/lightkube/1" in held["rss"]:
        def mb(case: str, metric: str = "rss") -> float:
            return statistics.median(held[metric][case])

        one = mb("full/kgen/1") / mb("full/lightkube/1")
        lines.append(f"  1 pod kept (rss): kgen holds {mb('full/kgen/1'):.2f} MB, {one:.2f}× lightkube's "
                     f"(kgen-before {mb('full/kgen-before/1'):.2f} MB) (goal ≤ 2×): " + verdict(one <= 2, f"{one / 2:.2f}× the allowed"))
        for label, case in (("without managedFields", "bare"), ("full, fieldsV1 parsed", "full")):
            whole = mb(f"{case}/kgen-like/0") / mb(f"{case}/lightkube/0")
            lines.append(f"  whole list kept (rss), {label}: kgen-like holds {whole:.2f}× lightkube's (goal ≤ 0.8×): "
                         + verdict(whole <= 0.8, f"{whole / 0.8:.2f}× the allowed"))
        today = mb("full/kgen/0") / mb("full/lightkube/0")
        lines.append(f"  whole list kept (rss), full, kgen as it decodes (fieldsV1 raw): {today:.2f}× lightkube's (no goal)")
        live = mb("full/kgen/1", "live") / mb("full/lightkube/1", "live")
        lines.append(f"  1 pod kept (live, not judged: tracemalloc misses mapped copies): kgen {live:.2f}× lightkube's")
    if "lightkube" in imports:
        share = statistics.median(imports["kgen"]) / statistics.median(imports["lightkube"])
        lines.append(f"  import kgen / lightkube: {share:.2f}× (goal ≤ 0.50×): "
                     + verdict(share <= 0.5, f"{share / 0.5:.2f}× the allowed time"))
    return lines


def verdict(met: bool, overshoot: str) -> str:
    return "met" if met else f"MISSED ({overshoot})"


def default_python() -> str:
    peers = PEERS_DIR / "venv-runtime" / "bin" / "python"
    return str(peers) if peers.exists() else sys.executable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=default_python(), help="interpreter measured (default: %(default)s)")
    parser.add_argument("--pods", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=7, help="decode repeats (default 7)")
    parser.add_argument("--import-repeats", type=int, default=9, help="fresh interpreters per import (default 9)")
    parser.add_argument("--held-repeats", type=int, default=3, help="fresh interpreters per memory case (default 3; 0: none)")
    parser.add_argument("--package-dir", type=Path, help=f"use the package kgen generated there ({PACKAGE}/ inside)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args()

    datas = {"full": podlist(args.pods)}
    datas["bare"] = bare(datas["full"])
    with tempfile.TemporaryDirectory(prefix="kgen-bench-decode.") as tmp:
        package_dir = args.package_dir.resolve() if args.package_dir else Path(tmp) / "out"
        if not args.package_dir and (failed := generate_client("python", package_dir, PACKAGE)) is not None:
            sys.exit(failed)
        results = {name: run_worker(args.python, package_dir, data, args.repeats) for name, data in datas.items()}
        missing = results["full"]["missing"]
        names = [name for name in IMPORTS if name not in missing]
        log(f"imports: {', '.join(names)}, {args.import_repeats} fresh interpreters each")
        imports = import_times(args.python, package_dir, names, args.import_repeats)
        log(f"memory held: {args.held_repeats} fresh interpreters per case and metric")
        held = held_memory(args.python, package_dir, datas, args.held_repeats, missing)
    print("\n".join(report(results, imports, held, args.repeats)))
    if args.json:
        args.json.write_text(json.dumps({"data": {k: str(v) for k, v in datas.items()}, "decode": results,
                                         "imports": imports, "held_mb": held}, indent=1))


if __name__ == "__main__":
    main()
