"""Code generation targets: each turns the IR into the files of one language.

A target is a module that satisfies kgen.targets.protocol.Target: kgen's own
are kgen.targets.<name>.target, over the templates in templates/<name>/;
kgen.targets.registry finds them and those of template packs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def tree_sha256(root: Path) -> str:
    """sha256 over a directory's files (relative paths and contents, in path order; caches left out): kgen.lock's template hashes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
