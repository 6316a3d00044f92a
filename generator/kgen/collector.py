"""Python's cycle collector, kept off the objects a run builds once and keeps until it ends.

Reading, parsing and the IR passes only add objects that live as long as the run: the
document, the spec model, the IR. With the collector on, its full collections walk that
growing heap again and again, for nothing to free: at cluster scale that was 45% of
parsing and building the IR. Forked workers (validation, rendering) freeze what they
inherit, so that their collections neither walk it nor write to its objects' headers,
which would copy the parent's memory page by page.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, then as it was: for code that builds long-lived objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def in_worker() -> None:
    """First thing in a forked worker: what it inherited is frozen (never collected), what it makes is collected."""
    gc.freeze()
    gc.enable()
