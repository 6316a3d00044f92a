"""A small content-addressed cache on disk (validation results, formatted files).

Entries are written atomically; a missing or unreadable cache is never an error.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_root() -> Path | None:
    """$KGEN_CACHE_DIR, else $XDG_CACHE_HOME/kgen, else ~/.cache/kgen; KGEN_CACHE_DIR="" disables caching."""
    explicit = os.environ.get("KGEN_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kgen"


class Cache:
    def __init__(self, namespace: str, root: Path | None = None):
        base = root if root is not None else cache_root()
        self.dir = base / namespace if base is not None else None

    def get(self, key: str) -> bytes | None:
        if self.dir is None:
            return None
        try:
            return (self.dir / key[:2] / key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, value: bytes) -> None:
        if self.dir is None:
            return
        target = self.dir / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(value)
            os.replace(tmp, target)
        except OSError:
            return
