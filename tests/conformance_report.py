"""Print the conformance results as a table: document x target -> ok / invalid / failed with its reason.

    .venv/bin/python tests/conformance_report.py [TARGET ...]     (default: every registered target)

The same run as tests/test_conformance.py (conformance.run), outside pytest; exit 1 if any document failed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("KGEN_CACHE_DIR", tempfile.mkdtemp(prefix="kgen-cache-"))

import conformance  # noqa: E402
from targets import all_targets  # noqa: E402


def main(names: list[str]) -> int:
    targets = [t for t in all_targets() if not names or t.name in names]
    for t in targets:
        if t.missing() is not None:
            sys.exit(f"{t.name}: {t.missing()}")
    with tempfile.TemporaryDirectory(prefix="kgen-conformance-") as work:
        results = conformance.run(targets, Path(work))
    print(conformance.table(results))
    return int(any(o.status == "failed" for r in results.values() for o in r.outcomes.values()))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
