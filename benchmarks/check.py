"""`kgen generate --check` on an unchanged output, beside full generations measured in the same run.

    python benchmarks/check.py                      # k8s-1.36 from $KGEN_SPECS_DIR, peers from $KGEN_PEERS_DIR
    python benchmarks/check.py --spec other.json --runs 7

Target (../shared/docs/goals.md): an unchanged spec's --check takes at most
0.1x openapi-python-client's full generation. openapi-python-client runs only
where the peer environments exist (`bash benchmarks/setup_peers.sh`, see
environment.py for KGEN_PEERS_DIR); without them the kgen rows still print.
Every time is the wall clock of the command as a user runs it (interpreter
start included), the median of --runs runs. kgen uses a private cache: its
first generation is cold (validation and black), the later ones warm.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from environment import PEERS_DIR

REPO = Path(__file__).resolve().parent.parent
SPECS = Path(os.environ.get("KGEN_SPECS_DIR", REPO.parent / "shared" / "specs"))
PEERS = PEERS_DIR / "generators"  # the shared generator harness's environments, as setup_peers.sh installs them
KGEN = [sys.executable, "-m", "kgen"]


def wall(cmd: list[str], env: dict[str, str], expect: int = 0, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    seconds = time.perf_counter() - started
    if result.returncode != expect:
        sys.exit(f"{' '.join(map(str, cmd))} exited {result.returncode}, not {expect}:\n{result.stderr[-2000:]}")
    return seconds


def median(cmd: list[str], env: dict[str, str], runs: int, expect: int = 0, before=None, cwd: Path | None = None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        times.append(wall(cmd, env, expect, cwd))
    return statistics.median(times)


def opc(spec: Path, work: Path, runs: int) -> float | None:
    """openapi-python-client's full generation (after the swagger2openapi conversion it needs, not timed)."""
    tool = PEERS / "venv-opc" / "bin" / "openapi-python-client"
    converter = PEERS / "node" / "node_modules" / ".bin" / "swagger2openapi"
    if not (tool.exists() and converter.exists()):
        return None
    oas3 = work / "oas3.json"
    subprocess.run(["node", str(converter), "--patch", str(spec), "-o", str(oas3)], check=True, capture_output=True)
    env = {**os.environ, "PATH": f"{tool.parent}:{os.environ['PATH']}", "VIRTUAL_ENV": str(tool.parent.parent)}
    out = work / "opc"
    cmd = [str(tool), "generate", "--path", str(oas3), "--output-path", str(out / "proj"), "--meta", "setup"]
    return median(cmd, env, runs, before=lambda: shutil.rmtree(out, ignore_errors=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--spec", type=Path, default=SPECS / "k8s-1.36.json")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of openapi-python-client")
    args = parser.parse_args()
    if not args.spec.is_file():
        sys.exit(f"{args.spec} not found: pass --spec or set KGEN_SPECS_DIR")
    with tempfile.TemporaryDirectory(prefix="kgen-check-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "KGEN_CACHE_DIR": str(work / "cache")}
        out = work / "out"
        generate = [*KGEN, "generate", "--spec", str(args.spec), "--out", str(out), "--quiet"]
        rows = {"kgen generate, cold (first run, empty cache)": wall(generate, env)}
        fresh = [*KGEN, "generate", "--spec", str(args.spec), "--out", str(work / "fresh"), "--quiet"]
        rows["kgen generate, warm, into an empty directory"] = median(fresh, env, args.runs, before=lambda: shutil.rmtree(work / "fresh", ignore_errors=True))
        check = [*generate, "--check"]
        rows["kgen generate --check --full (in memory), unchanged"] = median([*check, "--full"], env, args.runs)
        rows["kgen generate --check, unchanged (from kgen.lock)"] = median(check, env, args.runs)
        models = out / "kube" / "core" / "v1" / "models.py"
        models.write_text(models.read_text() + "# edited\n")
        rows["kgen generate --check, one file edited"] = median(check, env, args.runs, expect=1)
        peer = opc(args.spec, work, args.peer_runs)
    check_time = rows["kgen generate --check, unchanged (from kgen.lock)"]
    print(f"{args.spec.name}: median of {args.runs} runs (openapi-python-client: {args.peer_runs})")
    for name, seconds in rows.items():
        print(f"  {name:<52} {seconds:7.3f} s")
    if peer is None:
        print(f"  openapi-python-client: not found under {PEERS} (see the docstring); no ratio against it")
    else:
        print(f"  {'openapi-python-client generate (full)':<52} {peer:7.3f} s")
        print(f"--check / openapi-python-client full: {check_time / peer:.3f}x (target <= 0.1x)")
    print(f"--check / kgen warm full generation: {check_time / rows['kgen generate, warm, into an empty directory']:.3f}x")


if __name__ == "__main__":
    main()
