"""What kgen prints: results on stdout, diagnostics on stderr, a progress line on a terminal.

Colour only on a terminal and never with NO_COLOR set (https://no-color.org)
or TERM=dumb; nothing but plain text when piped. The progress line appears
only on a terminal, only once work has taken over a second, and is drawn
with carriage returns (no escape sequences) and erased when the work ends.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TextIO

from kgen.diagnostics import Diagnostic, Level

RED, YELLOW, GREEN, CYAN, BOLD = "31", "33", "32", "36", "1"
PROGRESS_DELAY = 1.0
PROGRESS_INTERVAL = 0.1


def colour_enabled(stream: TextIO, env: Mapping[str, str] = os.environ) -> bool:
    return _isatty(stream) and not env.get("NO_COLOR") and env.get("TERM") != "dumb"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Console:
    def __init__(
        self,
        quiet: bool = False,
        verbose: bool = False,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        env: Mapping[str, str] = os.environ,
    ):
        self.quiet, self.verbose = quiet, verbose and not quiet
        self.stdout, self.stderr = stdout or sys.stdout, stderr or sys.stderr
        self._colour_out, self._colour_err = colour_enabled(self.stdout, env), colour_enabled(self.stderr, env)

    def result(self, text: str, always: bool = False) -> None:
        """A result on stdout; `always` for what the user asked for (a listing), which --quiet keeps."""
        if always or not self.quiet:
            print(text, file=self.stdout)

    def detail(self, text: str) -> None:
        """More about the run, with --verbose only, on stderr."""
        if self.verbose:
            print(self._paint(text, CYAN, self._colour_err), file=self.stderr)

    def notice(self, text: str) -> None:
        """What the run is waiting for, on stderr unless --quiet."""
        if not self.quiet:
            print(text, file=self.stderr, flush=True)

    def diagnostic(self, diagnostic: Diagnostic) -> None:
        """Errors always; warnings unless --quiet."""
        if diagnostic.level is Level.WARNING and self.quiet:
            return
        text = diagnostic.render()
        prefix = f"{diagnostic.level.value}:"
        colour = RED if diagnostic.level is Level.ERROR else YELLOW
        print(self._paint(prefix, colour, self._colour_err) + text[len(prefix) :], file=self.stderr)

    def warnings(self, warnings: Sequence[Diagnostic]) -> None:
        """Every warning with --verbose; otherwise the first of each kind and a line saying how to see the rest.

        A real document can bring hundreds of warnings of one kind; the summary line counts them all.
        """
        first: dict[str, Diagnostic] = {}
        for warning in warnings:
            first.setdefault(warning.kind, warning)
        shown = warnings if self.verbose else [w for w in warnings if first[w.kind] is w]
        for warning in shown:
            self.diagnostic(warning)
        if len(shown) < len(warnings) and not self.quiet:
            more = len(warnings) - len(shown)
            print(f"kgen: {more} more warning{'s' if more != 1 else ''} of these kinds; -v lists them all", file=self.stderr)

    def report_line(self, text: str, role: str = "") -> None:
        """A line of a report on stdout; diff lines ("+", "-", "@" hunk, "h" file header) in colour."""
        if not self.quiet:
            colour = {"+": GREEN, "-": RED, "@": CYAN, "h": BOLD}.get(role)
            print(self._paint(text, colour, self._colour_out), file=self.stdout)

    @staticmethod
    def _paint(text: str, colour: str | None, enabled: bool) -> str:
        return f"\033[{colour}m{text}\033[0m" if enabled and colour else text

    @contextmanager
    def progress(self, label: str) -> Iterator[Progress]:
        """A progress line on stderr for the work in the block (if stderr is a terminal and not --quiet)."""
        progress = Progress(self.stderr, label, enabled=not self.quiet and _isatty(self.stderr))
        with progress:
            yield progress
        for name, seconds in progress.timings:
            self.detail(f"kgen: {name} {seconds:.2f}s")


class Progress:
    """A one-line status, redrawn until the work ends; also times each stage for --verbose."""

    def __init__(self, stream: TextIO, label: str, enabled: bool, delay: float = PROGRESS_DELAY, interval: float = PROGRESS_INTERVAL):
        self.stream, self.label, self.enabled = stream, label, enabled
        self.delay, self.interval = delay, interval
        self.timings: list[tuple[str, float]] = []
        self._stage = ""
        self._stage_started = self._started = time.perf_counter()
        self._width = 0
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def __call__(self, stage: str) -> None:
        """Start a named stage (the pipeline's stage callback)."""
        now = time.perf_counter()
        with self._lock:
            if self._stage:
                self.timings.append((self._stage, now - self._stage_started))
            self._stage, self._stage_started = stage, now

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, name="kgen-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self("")
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()

    def _run(self) -> None:
        if self._done.wait(self.delay):
            return
        spinner = "|/-\\"
        tick = 0
        while not self._done.is_set():
            with self._lock:
                stage = self._stage
            text = f"{self.label}: {stage} {spinner[tick % 4]} {time.perf_counter() - self._started:.1f}s"
            self.stream.write("\r" + text.ljust(self._width))
            self.stream.flush()
            self._width = max(self._width, len(text))
            tick += 1
            self._done.wait(self.interval)
