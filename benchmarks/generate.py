#!/usr/bin/env python3
"""Generation benchmark: kgen on the full Kubernetes 1.36 document, beside the generators a user might pick instead.

    python benchmarks/generate.py                   # 5 rounds: kgen cold and warm, opc, openapi-generator
    python benchmarks/generate.py --runs 3 --no-peers
    python benchmarks/generate.py --json results.json
    python benchmarks/generate.py --scale           # cluster scale, every target, stage by stage (generate_scale.py)

Run it with the python of a venv where kgen is installed; the peers come from
benchmarks/setup_peers.sh. Every round runs every tool once, in a rotating
order, so the noise of a shared machine falls on all of them alike. Medians
over the rounds are printed with every run, then the ratios the goals name.

  kgen cold    validated and black-formatted into an empty output directory, with an
               empty cache (KGEN_CACHE_DIR = a fresh directory)
  kgen warm    a real regeneration right after: the same command into another, empty output directory, with the
               cache the cold run left (validation's verdict, formatted files)
  kgen check   then `--check` of the cold run's output: unchanged, so exit 0 (benchmarks/check.py has more --check cases)
  opc          openapi-python-client, on swagger2openapi's conversion of the document
  ogen-python  openapi-generator -g python, on the document itself
  ogen-typescript-fetch  openapi-generator -g typescript-fetch, beside --target typescript (--targets typescript)
  ogen-go      openapi-generator -g go, on the document itself (--targets go; kgen's cold run includes gofmt
               where installed)
  ogen-java    openapi-generator -g java (its default okhttp-gson library), the Maven Central jar run with the
               machine's java, on the document itself (--targets java; setup_peers.sh fetches the jar into ~/.m2)

Peers run exactly as ../shared/bench/generators/run.py runs them: its tool table,
input conversion and timer are imported from it, not copied. Wall time and peak
memory come from /usr/bin/time -v for every tool alike; peak memory is the largest
RSS of any one process of the tree (kgen's validation and black workers, opc's
ruff, the JVM). Lines are newlines in the generated source files of the output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import generate_scale
from environment import PEERS_DIR, SETUP_HINT, kgen_command, load_harness, log, run_directory, settle, spec_path

SPEC = "k8s-1.36"
GENERATE = ("generate", "--spec", "{spec}", "--out", "{out}", "--target", "{target}")
# kgen runs that follow the cold run of each round, on its cache: name -> kgen arguments, and the output they use.
FOLLOW_UPS: dict[str, tuple[str, ...]] = {"warm": GENERATE, "check": (*GENERATE, "--check")}
OUTPUT = {"cold": "out", "warm": "warm-out", "check": "out"}


@dataclass(frozen=True)
class Goal:
    """kgen's `run` (cold, or a follow-up) takes at most `limit` times the wall time of `peer`."""

    run: str
    peer: str
    limit: float


@dataclass(frozen=True)
class Target:
    """A kgen target, the harness tools measured beside it, and what it must achieve."""

    peers: tuple[str, ...]
    goals: tuple[Goal, ...]
    source_suffix: str
    max_lines: int | None = None


# Another target is one more entry; its peers are tools of the shared harness.
TARGETS: dict[str, Target] = {
    "python": Target(
        peers=("opc", "ogen-python"),
        goals=(Goal("cold", "opc", 0.6), Goal("warm", "opc", 0.1), Goal("check", "opc", 0.1)),
        source_suffix=".py",
        max_lines=60_000,
    ),
    "typescript": Target(
        peers=("ogen-typescript-fetch",),
        goals=(Goal("cold", "ogen-typescript-fetch", 0.5),),
        source_suffix=".ts",
    ),
    "go": Target(peers=("ogen-go",), goals=(Goal("cold", "ogen-go", 0.5),), source_suffix=".go"),
    "java": Target(peers=("ogen-java",), goals=(), source_suffix=".java"),
    "csharp": Target(peers=("ogen-csharp",), goals=(), source_suffix=".cs"),
}
# openapi-generator's Java generator as Java users get it: the CLI jar of Maven Central (setup_peers.sh).
OGEN_JAVA_JAR = (Path.home() / ".m2" / "repository" / "org" / "openapitools" / "openapi-generator-cli" / "7.27.0"
                 / "openapi-generator-cli-7.27.0.jar")


def local_tools() -> dict[str, dict[str, Any]]:
    """Peers beside the shared harness's table, in its format; `installed` is the file whose absence means not set up."""
    return {
        "ogen-java": dict(
            input="raw", lang="java", installed=str(OGEN_JAVA_JAR),
            cmd=["java", "-jar", str(OGEN_JAVA_JAR), "generate", "-i", "{spec}", "-g", "java", "-o", "{out}",
                 "--package-name", "k8sgen"],
            fallback=["--skip-validate-spec"]),
        "ogen-csharp": dict(
            input="raw", lang="csharp", installed=str(OGEN_JAVA_JAR),
            cmd=["java", "-jar", str(OGEN_JAVA_JAR), "generate", "-i", "{spec}", "-g", "csharp", "-o", "{out}",
                 "--package-name", "K8sGen"],
            fallback=["--skip-validate-spec"]),
    }


@dataclass
class Row:
    """One measured command: its runs by round (wall s, cpu s, rss_mb), lines generated, what went wrong."""

    name: str
    runs: dict[int, dict[str, float | None]] = field(default_factory=dict)
    lines: int | None = None
    error: str | None = None
    note: str = ""

    def median(self, key: str) -> float | None:
        values = [v for run in self.runs.values() if (v := run.get(key)) is not None]
        return statistics.median(values) if values else None


class Bench:
    """The state of one benchmark run: where things are, the round under way, and the rows measured so far."""

    def __init__(self, spec: Path, scratch: Path, harness: ModuleType):
        self.spec, self.scratch, self.harness = spec, scratch, harness
        self.kgen = kgen_command()
        self.round = 0
        self.rows: dict[str, Row] = {}
        self.peer_inputs: dict[str, str] = {}
        self.peer_flags: dict[str, list[str]] = {}
        self.notes: dict[str, Any] = {}

    def row(self, name: str) -> Row:
        return self.rows.setdefault(name, Row(name))

    def measure(self, row: Row, command: list[str], log_file: Path, env: dict[str, str] | None = None) -> bool:
        """Run `command` under the harness's timer and record it for this round; False if it failed."""
        settle()
        timing = self.harness.timed(command, log_file, env=env)
        if timing["rc"] != 0:
            row.error = f"exit {timing['rc']}: {tail(log_file)}"
            return False
        row.runs[self.round] = {"wall": timing["wall"], "cpu": cpu_seconds(log_file), "rss_mb": timing["rss_mb"]}
        return True

    def kgen_round(self, target_name: str, target: Target) -> None:
        """A cold run with a fresh cache and output, then each follow-up on what it left."""
        work = run_directory(self.scratch, f"kgen-{target_name}.")
        env = dict(os.environ, KGEN_CACHE_DIR=str(work / "cache"))
        for run, args in (("cold", GENERATE), *FOLLOW_UPS.items()):
            values = {"spec": str(self.spec), "out": str(work / OUTPUT[run]), "target": target_name}
            row = self.row(f"kgen {target_name} {run}")
            if not self.measure(row, [*self.kgen, *(a.format(**values) for a in args)], work / f"{run}.log", env):
                return
            if run == "cold" and row.lines is None:
                row.lines = count_lines(work / "out", target.source_suffix)

    def peer_round(self, name: str, target: Target) -> None:
        """One run of a harness tool into a fresh directory; once, on its first failure, again with its fallback flags."""
        tool = self.tools()[name]
        row = self.row(name)
        out = run_directory(self.scratch, f"{name}.")
        log_file = Path(f"{out}.log")
        flags = self.peer_flags.setdefault(name, [])
        ok = self.measure(row, self.harness.fill(tool["cmd"] + flags, self.peer_inputs[name], out), log_file)
        if not ok and tool.get("fallback") and not flags:
            flags.extend(tool["fallback"])
            row.note, row.error = f"needed {' '.join(flags)}", None
            out = run_directory(self.scratch, f"{name}.")
            ok = self.measure(row, self.harness.fill(tool["cmd"] + flags, self.peer_inputs[name], out), log_file)
        if ok and row.lines is None:
            row.lines = count_lines(out, target.source_suffix)

    def tools(self) -> dict[str, dict[str, Any]]:
        return {**self.harness.tools(PEERS_DIR / "generators"), **local_tools()}

    def prepare_peer(self, name: str) -> bool:
        """The peer's input (converted once, as the harness does); False, with the reason noted, if it cannot run."""
        tools = self.tools()
        row = self.row(name)
        if name not in tools:
            row.error = "not a tool of the shared harness"
            return False
        executable = Path(tools[name].get("installed", tools[name]["cmd"][0]))
        if not executable.exists():
            row.error = f"not installed ({executable} missing); {SETUP_HINT}"
            return False
        try:
            self.peer_inputs[name] = self.harness.prepare_input(
                PEERS_DIR / "generators", tools[name]["input"], self.spec.stem, str(self.spec), self.notes
            )
        except Exception as exc:  # noqa: BLE001 - a peer that cannot run is reported, not fatal
            row.error = f"input conversion failed: {exc}"
            return False
        return True


def cpu_seconds(log_file: Path) -> float | None:
    """User + system seconds of the whole tree, from the report /usr/bin/time -v wrote beside the log."""
    try:
        report = log_file.with_suffix(".time").read_text(errors="replace")
    except OSError:
        return None
    times = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", report)
    return sum(float(t) for t in times) if len(times) == 2 else None


def count_lines(root: Path, suffix: str) -> int:
    return sum(p.read_bytes().count(b"\n") for p in root.rglob(f"*{suffix}") if p.is_file() and "__pycache__" not in p.parts)


def tail(log_file: Path, lines: int = 3) -> str:
    text = log_file.read_text(errors="replace").strip().splitlines() if log_file.exists() else []
    return " | ".join(text[-lines:])[:400]


def run(bench: Bench, targets: list[str], rounds: int, with_peers: bool) -> None:
    units: list[tuple[str, str]] = [("kgen", t) for t in targets]
    for target in targets:  # kgen's rows first in the report
        for name in ("cold", *FOLLOW_UPS):
            bench.row(f"kgen {target} {name}")
    if with_peers:
        for target in targets:
            units += [(peer, target) for peer in TARGETS[target].peers if bench.prepare_peer(peer)]
    for index in range(rounds):
        bench.round = index
        shift = index % len(units)
        order = units[shift:] + units[:shift]
        log(f"round {index + 1}/{rounds} (load {os.getloadavg()[0]:.2f}): {', '.join(u for u, _ in order)}")
        for unit, target in order:
            if unit == "kgen":
                bench.kgen_round(target, TARGETS[target])
            else:
                bench.peer_round(unit, TARGETS[target])


def report(bench: Bench, targets: list[str], rounds: int) -> list[str]:
    out = [
        f"Generation of the full {SPEC} client from {bench.spec} ({bench.spec.stat().st_size / 1e6:.1f} MB)",
        f"{rounds} interleaved rounds; python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average now {os.getloadavg()[0]:.2f}",
        "wall and cpu (user + system, whole tree) in seconds, median [every round]; "
        "peak RSS: largest single process of the tree, median",
        "",
        "| run | wall s | wall, every round | cpu s | peak RSS MB | lines generated | notes |",
        "|---|---:|---|---:|---:|---:|---|",
    ]
    for row in bench.rows.values():
        note = "; ".join(x for x in (row.note, row.error or "") if x)
        if not row.runs:
            out.append(f"| {row.name} | - | | | | | {note} |")
            continue
        walls = " ".join(f"{wall(row, r):.2f}" for r in row.runs)
        lines = f"{row.lines:,}" if row.lines is not None else ""
        out.append(f"| {row.name} | {number(row.median('wall'), 2)} | {walls} | {number(row.median('cpu'), 1)} | "
                   f"{number(row.median('rss_mb'), 0)} | {lines} | {note} |")
    convert = bench.notes.get("convert", {})
    if convert:
        out += ["", f"swagger2openapi conversion for opc (once, not in opc's wall): {convert} s"]
    out += ["", "Goals (ratio of median walls; in brackets the median of the per-round ratios):"]
    for name in targets:
        out += goal_lines(bench, name, TARGETS[name])
    return out


def wall(row: Row, round_: int) -> float:
    value = row.runs[round_]["wall"]
    assert value is not None
    return value


def number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def goal_lines(bench: Bench, target_name: str, target: Target) -> list[str]:
    lines = []
    goals = {(g.run, g.peer): g.limit for g in target.goals}
    for run in ("cold", *FOLLOW_UPS):
        for peer in target.peers:
            if (run, peer) in goals or run == "cold":  # kgen's cold run against every peer, for context
                lines.append(compare(bench, f"kgen {target_name} {run}", peer, goals.get((run, peer))))
    cold = bench.rows[f"kgen {target_name} cold"]
    if target.max_lines is not None and cold.lines is not None:
        verdict = "met" if cold.lines <= target.max_lines else f"MISSED by {cold.lines - target.max_lines:,} lines"
        lines.append(f"  kgen {target_name} lines: {cold.lines:,} (goal ≤ {target.max_lines:,}): {verdict}")
    return lines


def compare(bench: Bench, run: str, peer: str, limit: float | None) -> str:
    """`run / peer` as a ratio of median walls, with the verdict against `limit` if there is one."""
    goal = f" (goal ≤ {limit:.2f}×)" if limit is not None else ""
    mine, theirs = bench.rows[run], bench.rows.get(peer)
    mine_wall, their_wall = mine.median("wall"), theirs.median("wall") if theirs else None
    if theirs is None or mine_wall is None or their_wall is None:
        return f"  {run} / {peer}: not measured{goal}"
    ratio = mine_wall / their_wall
    paired = [wall(mine, r) / wall(theirs, r) for r in mine.runs if r in theirs.runs]
    text = (f"  {run} / {peer}: {mine_wall:.2f} s / {their_wall:.2f} s = {ratio:.3f}× "
            f"[{statistics.median(paired):.3f}×]{goal}")
    if limit is None:
        return text
    if ratio <= limit:
        return f"{text}: met"
    allowed = limit * their_wall
    return f"{text}: MISSED, {mine_wall - allowed:.2f} s over (needs ≤ {allowed:.2f} s, {ratio / limit:.2f}× the goal)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, help="rounds; each runs every tool once (default 5, 1 with --scale)")
    parser.add_argument("--targets", help=f"comma list of kgen targets ({', '.join(TARGETS)}; default python, all with --scale)")
    parser.add_argument("--spec", type=Path, help=f"the document (default: {SPEC}.json in KGEN_SPECS_DIR)")
    parser.add_argument("--no-peers", action="store_true", help="measure kgen only")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument("--scale", action="store_true", help="cluster scale instead: --spec (default Kubernetes 1.36) "
                        "beside itself with --crds synthetic CRDs, stage by stage, every target")
    parser.add_argument("--crds", type=int, default=137, help="with --scale: how many CRDs to add (default 137)")
    parser.add_argument("--scratch", type=Path, help="where the runs write (default: the temporary directory); "
                        "the report names its file system")
    args = parser.parse_args()
    if args.scale:
        args.runs = args.runs or 1
        harness = load_harness("generators/run.py", "peer_generators")
        print("\n".join(generate_scale.main(args, lambda spec, scratch: Bench(spec, scratch, harness), TARGETS)))
        return

    targets = (args.targets or "python").split(",")
    args.runs = args.runs or 5
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown targets {unknown}; known: {', '.join(TARGETS)}")
    spec = args.spec.resolve() if args.spec else spec_path(SPEC)
    harness = load_harness("generators/run.py", "peer_generators")  # its timer measures kgen too
    with tempfile.TemporaryDirectory(prefix="kgen-bench-generate.", dir=args.scratch) as scratch:
        bench = Bench(spec, Path(scratch), harness)
        run(bench, targets, args.runs, not args.no_peers)
        lines = report(bench, targets, args.runs)
    print("\n".join(lines))
    if args.json:
        rows = [asdict(row) for row in bench.rows.values()]
        args.json.write_text(json.dumps({"spec": str(spec), "rows": rows, "notes": bench.notes}, indent=1))


if __name__ == "__main__":
    main()
