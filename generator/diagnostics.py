"""Structured problems: what is wrong, where (a JSON pointer), and how to fix it.

Errors are collected as values so that one run reports every problem it can
find, and the CLI renders them without a traceback.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Level(enum.Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    message: str
    pointer: str = ""  # JSON pointer into the document; "" is the root
    hint: str = ""
    source: str = ""  # file name, or "<stdin>"
    line: int | None = None
    column: int | None = None

    def render(self) -> str:
        """`level: where: message` and the hint; a diagnostic with no place is about the run (an option, the output).

        Spec text in it is escaped: it cannot move the terminal's cursor or change its colours.
        """
        located = self.source or self.pointer or self.line is not None
        message = printable(self.message)
        text = f"{self.level.value}: {printable(self.where())}: {message}" if located else f"{self.level.value}: {message}"
        if self.hint:
            text += f"\n  hint: {printable(self.hint)}"
        return text

    def where(self) -> str:
        """file:line:column#pointer, as much of it as is known."""
        where = self.source or "<spec>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        if self.pointer or self.line is None:
            where += f"#{self.pointer}" if self.pointer else "#/"
        return where


def printable(text: str) -> str:
    """Control, bidi and other invisible characters as escapes: diagnostics quote untrusted text."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


class KgenError(Exception):
    """A run that cannot go on; carries every diagnostic found so far."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.render() for d in diagnostics))


@dataclass
class Sink:
    """Collects diagnostics for one run; `lenient` demotes known real-world quirks."""

    source: str = ""
    lenient: bool = False
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, pointer: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Level.ERROR, message, pointer, hint, self.source))

    def warning(self, pointer: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Level.WARNING, message, pointer, hint, self.source))

    def quirk(self, pointer: str, message: str, hint: str) -> None:
        """A problem that real clusters publish: an error unless --lenient."""
        if self.lenient:
            self.warning(pointer, message, hint)
        else:
            self.error(pointer, message, hint + " (or pass --lenient to continue with a warning)")

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise KgenError(self.errors)


def escape_token(token: str | int) -> str:
    """One JSON pointer reference token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    return "".join("/" + escape_token(t) for t in tokens)


def child(base: str, *tokens: str | int) -> str:
    return base + pointer(*tokens)
