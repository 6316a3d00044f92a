"""generate.py --scale: generation at cluster scale, stage by stage, for every target beside openapi-generator.

    python benchmarks/generate.py --scale                      # 137 CRDs, every target, 1 round
    python benchmarks/generate.py --scale --crds 55 --targets python,go --runs 3 --no-peers

Two documents: the shared Kubernetes 1.36 document, and the same with synthetic CRDs
added by benchmarks/scale_document.py (a cluster's size). In each round, for each
target and document, every run starts cold (fresh output and cache):

  kgen          kgen generate, formatted, as users run it
  black/gofmt   of which the formatting stage (kgen -v)
  writing       of which the writing stage (kgen -v): 15,000 files for Java and C#, so it shows the disk
  waiting       of which the time spent waiting for validation after rendering (kgen -v)
  --no-format   kgen generate --no-format
  validation    validation alone, on every core, in a fresh process (kgen.sources.validation)
  ogen          openapi-generator for the target's language, on the document itself

Then validation again on the CRD document, its cache warmed by the 1.36 document only:
the built-in Kubernetes part of any cluster's document is validated once per machine.
Goals: kgen's cold run on the CRD document within 3× its run on Kubernetes 1.36, and
within 0.5× openapi-generator's run on the CRD document.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import scale_document
from environment import file_system, log, run_directory, spec_path

SCALE_GOAL, PEER_GOAL = 3.0, 0.5
STAGE = re.compile(r"^kgen: (formatting|validating|writing) ([\d.]+)s$", re.M)
SUMMARY = re.compile(r"kgen: (\d+) models, (\d+) operations")
# Validation alone, as kgen starts it, in a fresh process: load, then wait for the verdict.
VALIDATE = """
import sys, time
from kgen.sources.loading import load
from kgen.sources.validation import Validation
document = load(sys.argv[1])
started = time.perf_counter()
problems = Validation(document.data, document.sha256, document.source, lenient=True).result()
print(f"validation {time.perf_counter() - started:.3f}s, {len(problems)} problems")
"""


class Measured:
    """Seconds by (document, row), every round."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], list[float]] = {}
        self.errors: dict[tuple[str, str], str] = {}
        self.shape: dict[str, str] = {}

    def add(self, document: str, row: str, seconds: float | None) -> None:
        if seconds is not None:
            self.values.setdefault((document, row), []).append(seconds)

    def median(self, document: str, row: str) -> float | None:
        values = self.values.get((document, row))
        return statistics.median(values) if values else None


def run_scale(bench_for: dict[str, Any], table: dict[str, Any], targets: list[str], rounds: int, with_peers: bool,
              measured: Measured) -> None:
    """Every round runs, for each target and document, kgen formatted, kgen --no-format and the peer; then validation."""
    ogen = {t: next(p for p in table[t].peers if p.startswith("ogen-")) for t in targets}
    peers = {t: ogen[t] for t in targets if with_peers and all(b.prepare_peer(ogen[t]) for b in bench_for.values())}
    for index in range(rounds):
        log(f"round {index + 1}/{rounds} (load {os.getloadavg()[0]:.2f})")
        for target in targets[index % len(targets):] + targets[:index % len(targets)]:
            for document, bench in bench_for.items():
                bench.round = index
                kgen_runs(bench, document, target, measured)
                if target in peers:
                    bench.peer_round(peers[target], table[target])
                    row = bench.rows[peers[target]]
                    measured.add(document, f"ogen {target}", row.runs.get(index, {}).get("wall"))
                    if row.error:
                        measured.errors[(document, f"ogen {target}")] = row.error
        validation_runs(bench_for, measured)


def kgen_runs(bench: Any, document: str, target: str, measured: Measured) -> None:
    for flags, row in (((), f"kgen {target}"), (("--no-format",), f"kgen {target} --no-format")):
        work = run_directory(bench.scratch, f"kgen-{target}.")
        env = dict(os.environ, KGEN_CACHE_DIR=str(work / "cache"))
        command = [*bench.kgen, "generate", "--spec", str(bench.spec), "--out", str(work / "out"), "--target", target, "-v", *flags]
        record = bench.row(row)
        if not bench.measure(record, command, work / "run.log", env):
            measured.errors[(document, row)] = record.error or "failed"
            continue
        measured.add(document, row, record.runs[bench.round]["wall"])
        text = (work / "run.log").read_text(errors="replace")
        for stage, seconds in STAGE.findall(text) if not flags else ():
            measured.add(document, f"kgen {target} {stage}", float(seconds))
        if (shape := SUMMARY.search(text)) is not None:
            measured.shape[document] = f"{int(shape[1]):,} / {int(shape[2]):,}"


def validation_runs(bench_for: dict[str, Any], measured: Measured) -> None:
    """Validation alone on each document with a fresh cache; then the CRD document after the 1.36 document only."""
    with tempfile.TemporaryDirectory(prefix="kgen-validation.") as tmp:
        for document, bench in bench_for.items():
            measured.add(document, "validation", validate(bench, Path(tmp) / document))
        first, *others = bench_for
        for document in others:
            shared = Path(tmp) / f"after-{document}"
            validate(bench_for[first], shared)
            measured.add(document, "validation, built-in part cached", validate(bench_for[document], shared))


def validate(bench: Any, cache: Path) -> float | None:
    log_file = cache.with_suffix(".log")
    env = dict(os.environ, KGEN_CACHE_DIR=str(cache))
    timing = bench.harness.timed([bench.kgen[0], "-c", VALIDATE, str(bench.spec)], log_file, env=env)
    found = re.search(r"validation ([\d.]+)s", log_file.read_text(errors="replace"))
    return float(found[1]) if timing["rc"] == 0 and found else None


def report(measured: Measured, documents: dict[str, Path], targets: list[str], rounds: int, scratch: Path) -> list[str]:
    base, scale = documents
    out = [f"Generation at cluster scale: {rounds} round(s), {os.cpu_count()} cores, python {sys.version.split()[0]}, "
           f"load average now {os.getloadavg()[0]:.2f}; seconds, median of the rounds, every run cold",
           f"runs write under {scratch}, on {file_system(scratch)}", ""]
    for target in targets:
        out += [f"{target}:", "| document | models / operations | kgen | of which formatting | of which waiting for validation | "
                "of which writing | kgen --no-format | openapi-generator |", "|---|---|---:|---:|---:|---:|---:|---:|"]
        for document, path in documents.items():
            stages = ("", " formatting", " validating", " writing", " --no-format")
            cells = [_cell(measured, document, f"kgen {target}{suffix}") for suffix in stages]
            cells.append(_cell(measured, document, f"ogen {target}"))
            out.append(f"| {document} ({path.stat().st_size / 1e6:.1f} MB) | {measured.shape.get(document, '-')} | {' | '.join(cells)} |")
        out += [_ratio(measured, (scale, f"kgen {target}"), (base, f"kgen {target}"), SCALE_GOAL),
                _ratio(measured, (scale, f"kgen {target}"), (scale, f"ogen {target}"), PEER_GOAL), ""]
    out += ["validation alone (every core, fresh process):"]
    for document in documents:
        out.append(f"  {document}: {_cell(measured, document, 'validation')} s")
    for document in list(documents)[1:]:
        out.append(f"  {document}, its built-in part cached by {base}: {_cell(measured, document, 'validation, built-in part cached')} s")
    failures = [f"  {doc} {row}: {error}" for (doc, row), error in measured.errors.items()]
    return out + (["", "failed:", *failures] if failures else [])


def _cell(measured: Measured, document: str, row: str) -> str:
    value = measured.median(document, row)
    return "-" if value is None else f"{value:.2f}"


def _ratio(measured: Measured, mine: tuple[str, str], theirs: tuple[str, str], goal: float) -> str:
    a, b = measured.median(*mine), measured.median(*theirs)
    name = f"  {mine[1]} on {mine[0]} / {theirs[1]} on {theirs[0]}"
    if a is None or b is None:
        return f"{name}: not measured (goal ≤ {goal:g}×)"
    verdict = "met" if a / b <= goal else "MISSED"
    return f"{name}: {a:.2f} / {b:.2f} = {a / b:.2f}× (goal ≤ {goal:g}×): {verdict}"


def main(args: Any, make_bench: Any, table: dict[str, Any]) -> list[str]:
    """The --scale run of generate.py; `make_bench(spec, scratch)` gives its Bench for one document, `table` its targets."""
    targets = args.targets.split(",") if args.targets else list(table)
    base = args.spec.resolve() if args.spec else spec_path("k8s-1.36")
    with tempfile.TemporaryDirectory(prefix="kgen-bench-scale.", dir=args.scratch) as scratch:
        cluster = scale_document.write(base, args.crds, Path(scratch) / f"cluster-{args.crds}-crds.json")
        documents = {base.stem: base, f"{base.stem} + {args.crds} CRDs": cluster}
        bench_for = {name: make_bench(path, Path(scratch)) for name, path in documents.items()}
        measured = Measured()
        run_scale(bench_for, table, targets, args.runs, not args.no_peers, measured)
        return report(measured, documents, targets, args.runs, Path(scratch))
