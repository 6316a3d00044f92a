#!/usr/bin/env python3
"""Java decode benchmark: a 5,000-pod PodList into kgen's generated Java, the official client and fabric8.

    python benchmarks/decode_java.py                      # generates k8s-1.36 --target java into a temp dir
    python benchmarks/decode_java.py --pods 1000 --repeats 5 --first-runs 3
    python benchmarks/decode_java.py --no-kgen            # the peers alone

Run it with the python of a venv where kgen is installed; needs java, javac and
mvn (the peers resolve from Maven Central into ~/.m2 the first time, through
benchmarks/java/pom.xml; they are never dependencies of kgen or its output).

Data: the PodList decode.py uses (podgen.py of ../shared/bench/runtime, cached).

Decoders (benchmarks/java/): client-java (io.kubernetes:client-java-api: its
JSON.deserialize with Gson, from the body as a String as its ApiClient does),
fabric8 (io.fabric8:kubernetes-model-core read by the Jackson databind it
depends on), kgen (the generated Json.decode with PodList.CODEC, jackson-core).
Every run checks that they all decoded the same items.

  first call   a fresh JVM per decoder, from before its classes are touched to the
               end of its first decode (class loading, static setup, cold code):
               what a short-lived program or a controller's first list pays.
               Median of --first-runs, the decoders in a rotating order.
  steady       one JVM for all: each warmed, then interleaved, a full GC before each
               call; median of --repeats.
  heap held    in that JVM: used heap after a full GC with the decoded list
               reachable, minus the same before the decode.

Only ratios between rows of one run mean anything on a shared machine.
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

from decode import podlist
from environment import generate_client, log

SPEC = "k8s-1.36"
PACKAGE = "com.example.kube"
JAVA_DIR = Path(__file__).resolve().parent / "java"
PEERS = ("client-java", "fabric8")
JVM = ("-Xms3g", "-Xmx3g")  # the same heap for every decoder: 5,000 pods held by the slowest stay well inside it


def peer_classpath(work: Path) -> str:
    """The peers' jars and jackson-core, resolved by Maven from benchmarks/java/pom.xml."""
    output = work / "classpath.txt"
    command = ["mvn", "-q", "-B", "dependency:build-classpath", f"-Dmdep.outputFile={output}"]
    done = subprocess.run(command, cwd=JAVA_DIR, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"mvn could not resolve the peers of {JAVA_DIR / 'pom.xml'} (is Maven Central reachable?):\n"
                 f"{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return output.read_text("utf-8").strip()


def compile_all(classes: Path, classpath: str, kgen_out: Path | None) -> None:
    """The harness (and kgen's adapter with the generated sources) in one javac run."""
    roots = [JAVA_DIR / "src"]
    if kgen_out is not None:
        roots += [JAVA_DIR / "kgen", kgen_out / "src" / "main" / "java"]
    sources = sorted(str(p) for root in roots for p in root.rglob("*.java"))
    argfile = classes.parent / "sources.txt"
    argfile.write_text("\n".join(sources), "utf-8")
    log(f"javac: {len(sources):,} files")
    command = ["javac", "--release", "17", "-nowarn", "-encoding", "UTF-8", "-cp", classpath, "-d", str(classes),
               f"@{argfile}"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"javac failed:\n{done.stdout[-3000:]}{done.stderr[-5000:]}")


def bench(classpath: str, *args: str) -> dict[str, Any]:
    command = ["java", *JVM, "-cp", classpath, "kgen.bench.DecodeBench", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"`{' '.join(command[-len(args) - 1:])}` failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def first_calls(classpath: str, names: list[str], data: Path, runs: int) -> tuple[dict[str, list[float]], dict[str, str]]:
    times: dict[str, list[float]] = {name: [] for name in names}
    shapes: dict[str, str] = {}
    for index in range(runs):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            log(f"first call {index + 1}/{runs}: {name}")
            result = bench(classpath, "first", name, str(data))
            times[name].append(result["first_s"])
            shapes[name] = result["shape"]
    return times, shapes


def report(pods: int, size: int, first: dict[str, list[float]], steady: dict[str, Any], missing: dict[str, str],
           args: argparse.Namespace) -> list[str]:
    names = list(first)
    first_s = {n: statistics.median(first[n]) for n in names}
    steady_s = {n: statistics.median(steady["times"][n]) for n in names}
    held = {n: steady["held_bytes"][n] / 2**20 for n in names}
    out = [
        f"Java decode of a {pods:,}-pod PodList ({size / 1e6:.1f} MB); {steady['java']}, {steady['gc']}, "
        f"heap {' '.join(JVM)}; {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.2f}",
        f"first call: median of {args.first_runs} fresh JVMs; steady: median of {args.repeats} interleaved calls in one JVM",
        "",
        "| decoder | first call s | steady ms | µs/pod | heap held MB | client-java ÷ it: first | steady | heap it ÷ client-java |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = "client-java"
    for name in names:
        out.append(f"| {name} | {first_s[name]:.2f} | {steady_s[name] * 1e3:.0f} | {steady_s[name] / pods * 1e6:.1f} | "
                   f"{held[name]:.0f} | {first_s[base] / first_s[name]:.2f}× | {steady_s[base] / steady_s[name]:.2f}× | "
                   f"{held[name] / held[base]:.2f}× |")
    for name, why in missing.items():
        out.append(f"| {name} | - | - | - | - | | | {why} |")
    out += ["", "every run [first s] [steady ms]:"]
    for name in names:
        out.append(f"  {name:<12} [{' '.join(f'{s:.2f}' for s in first[name])}] "
                   f"[{' '.join(f'{s * 1e3:.0f}' for s in steady['times'][name])}]")
    if "kgen" in names:
        out += ["", "Goals (kgen against client-java):",
                goal("steady speedup", steady_s[base] / steady_s["kgen"], 2.0, at_least=True),
                goal("first-call speedup", first_s[base] / first_s["kgen"], 3.0, at_least=True),
                goal("heap held", held["kgen"] / held[base], 0.7, at_least=False)]
    return out


def goal(what: str, ratio: float, limit: float, at_least: bool) -> str:
    met = ratio >= limit if at_least else ratio <= limit
    return f"  {what}: {ratio:.2f}× (goal {'≥' if at_least else '≤'} {limit:.1f}×): {'met' if met else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pods", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=7, help="steady-state calls per decoder (default 7)")
    parser.add_argument("--first-runs", type=int, default=3, help="fresh JVMs per decoder (default 3)")
    parser.add_argument("--no-kgen", action="store_true", help="measure the peers only")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args()

    data = podlist(args.pods)
    missing: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="kgen-bench-java.") as tmp:
        work = Path(tmp)
        classpath = peer_classpath(work)
        kgen_out: Path | None = None
        if not args.no_kgen:
            kgen_out = work / "kube-java"
            reason = generate_client("java", kgen_out, PACKAGE)
            if reason:
                missing["kgen"], kgen_out = reason, None
        classes = work / "classes"
        compile_all(classes, classpath, kgen_out)
        full_classpath = f"{classes}{os.pathsep}{classpath}"
        names = [*PEERS, *(["kgen"] if kgen_out else [])]
        first, shapes = first_calls(full_classpath, names, data, args.first_runs)
        log(f"steady state: {', '.join(names)}, {args.repeats} calls each, one JVM")
        steady = bench(full_classpath, "steady", str(data), str(args.repeats), *names)
    seen = [*shapes.items(), *steady["shapes"].items()]
    differing = [f"{name}: {shape}" for name, shape in seen if shape != seen[0][1]]
    if differing:
        sys.exit(f"the decoders disagree on what the list holds: {seen[0]} against {differing}")
    print("\n".join(report(args.pods, data.stat().st_size, first, steady, missing, args)))
    if args.json:
        args.json.write_text(json.dumps({"data": str(data), "first": first, "steady": steady, "missing": missing}, indent=1))


if __name__ == "__main__":
    main()
