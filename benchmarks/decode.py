#!/usr/bin/env python3
"""Decode benchmark: a 5,000-pod PodList into kgen's generated models, beside json.loads and lightkube.

    python benchmarks/decode.py                            # generates the k8s-1.36 package into a temp dir
    python benchmarks/decode.py --pods 1000 --repeats 5 --import-repeats 5
    python benchmarks/decode.py --package-dir DIR          # a package kgen generated before (DIR/kube)

Run it with the python of a venv where kgen is installed: it generates the package.
The measured interpreter is --python (default: the runtime venv of setup_peers.sh,
else this one); it needs msgspec, and lightkube for lightkube's rows.

Data: podgen.py of ../shared/bench/runtime (realistic Deployment pods of about
14 KB with managedFields), cached where the runtime harness caches it.

Decode: decode_worker.py in one fresh process times json.loads, kgen's typed
eager decode and lightkube's, interleaved, median of the repeats (see there for
`decode` and `decode+gc0`).

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

from environment import PEERS_DIR, SETUP_HINT, byte_compile, kgen_command, load_harness, log, spec_path

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


def generate_package(out: Path) -> None:
    log(f"kgen: generating {SPEC} into {out}")
    command = [*kgen_command(), "generate", "--spec", str(spec_path(SPEC)), "--out", str(out), "--package-name", PACKAGE, "-q"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"kgen failed (exit {done.returncode}):\n{done.stderr}")


def run_worker(python: str, package_dir: Path, data: Path, repeats: int) -> dict[str, Any]:
    log(f"decoding {data.name} in {python}, {repeats} repeats")
    env = dict(os.environ, PYTHONPATH=str(package_dir))
    command = [python, str(WORKER), str(data), "--package", PACKAGE, "--repeats", str(repeats)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=package_dir)
    if done.returncode != 0:
        sys.exit(f"the decode worker failed (exit {done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


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


def report(result: dict[str, Any], imports: dict[str, list[float]], repeats: int) -> list[str]:
    pods = result["shapes"]["json.loads"]["items"]
    times = result["times"]
    per_pod = {name: {v: statistics.median(t[v]) / pods * 1e6 for v in VARIANTS} for name, t in times.items()}
    base = per_pod["json.loads"]
    versions = ", ".join(f"{k} {v}" for k, v in result["versions"].items() if v)
    out = [
        f"Decode of a {pods:,}-pod PodList ({result['bytes'] / 1e6:.1f} MB, {result['bytes'] / pods / 1e3:.1f} KB/pod)",
        f"{versions}; {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.2f}",
        f"median of {repeats} interleaved repeats in one process, µs per pod.",
        "decode = the call alone; decode+gc0 = the call, then gc.collect(0) right after it",
        "(the young-generation scan that kgen's decode defers by pausing the collector).",
        "",
        "| decoder | decode | × json.loads | decode+gc0 | × json.loads (+gc0) | first call | decodes to |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in per_pod.items():
        shape = ", ".join(f"{k}={v}" for k, v in result["shapes"][name].items() if k != "items")
        first = result["first_call_s"][name] / pods * 1e6
        out.append(f"| {name} | {row['decode']:.1f} | {row['decode'] / base['decode']:.2f}× | {row['decode+gc0']:.1f} | "
                   f"{row['decode+gc0'] / base['decode+gc0']:.2f}× | {first:.1f} | {shape or 'dicts and lists'} |")
    for name, why in result["missing"].items():
        out.append(f"| {name} | - | | | | | {why}; {SETUP_HINT} |")
    out += ["", "Import in a fresh interpreter (ms, median [all runs]):"]
    for name, seconds in imports.items():
        runs = " ".join(f"{s * 1e3:.0f}" for s in seconds)
        out.append(f"  {name:<10} {statistics.median(seconds) * 1e3:6.1f}  [{runs}]  `{IMPORTS[name]}`")
    out += ["", "Goals (verdicts on decode+gc0, the full cost; plain decode in brackets):"]
    out += goals(per_pod, imports)
    return out


def goals(per_pod: dict[str, dict[str, float]], imports: dict[str, list[float]]) -> list[str]:
    kgen, base = per_pod["kgen"], per_pod["json.loads"]
    ratio = {v: kgen[v] / base[v] for v in VARIANTS}
    lines = [f"  kgen / json.loads: {ratio['decode+gc0']:.2f}× [{ratio['decode']:.2f}×] (goal ≤ 0.50×): "
             + verdict(ratio["decode+gc0"] <= 0.5, f"{ratio['decode+gc0'] / 0.5:.2f}× the allowed time")]
    if "lightkube" in per_pod:
        speedup = {v: per_pod["lightkube"][v] / kgen[v] for v in VARIANTS}
        lines.append(f"  lightkube / kgen: kgen {speedup['decode+gc0']:.2f}× faster [{speedup['decode']:.2f}×] (goal ≥ 1.5×): "
                     + verdict(speedup["decode+gc0"] >= 1.5, f"{1.5 / speedup['decode+gc0']:.2f}× the allowed time"))
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
    parser.add_argument("--package-dir", type=Path, help=f"use the package kgen generated there ({PACKAGE}/ inside)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args()

    data = podlist(args.pods)
    with tempfile.TemporaryDirectory(prefix="kgen-bench-decode.") as tmp:
        package_dir = args.package_dir.resolve() if args.package_dir else Path(tmp) / "out"
        if not args.package_dir:
            generate_package(package_dir)
        result = run_worker(args.python, package_dir, data, args.repeats)
        names = [name for name in IMPORTS if name not in result["missing"]]
        log(f"imports: {', '.join(names)}, {args.import_repeats} fresh interpreters each")
        imports = import_times(args.python, package_dir, names, args.import_repeats)
    print("\n".join(report(result, imports, args.repeats)))
    if args.json:
        args.json.write_text(json.dumps({"data": str(data), "decode": result, "imports": imports}, indent=1))


if __name__ == "__main__":
    main()
