"""Regenerate tests/golden/ from specs/: run after an intended change to the generated output.

    python tests/regen_golden.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
# name -> kgen generate arguments (besides --out); every target's output of the demo spec is kept.
CASES = {
    "demo": ["--spec", "specs/demo-cluster.json", "--package-name", "kube"],
    "demo-go": ["--spec", "specs/demo-cluster.json", "--package-name", "kube", "--target", "go"],
    "demo-typescript": ["--spec", "specs/demo-cluster.json", "--package-name", "kube", "--target", "typescript"],
    "demo-java": ["--spec", "specs/demo-cluster.json", "--package-name", "kube", "--target", "java"],
    "demo-csharp": ["--spec", "specs/demo-cluster.json", "--package-name", "Kube", "--target", "csharp"],
}


def main() -> None:
    for name, args in CASES.items():
        out = GOLDEN / name
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "kgen", "generate", *args, "--out", str(out)], check=True, cwd=REPO)


if __name__ == "__main__":
    main()
