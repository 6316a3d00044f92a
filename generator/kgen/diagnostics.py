"""Structured problems: what is wrong, where (a JSON pointer), and how to fix it.

Errors are collected as values so that one run reports every problem it can
find, and the CLI renders them without a traceback.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote


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
    kind: str = "other"  # a stable name for the class of problem (KINDS), which the summary counts

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


@dataclass(frozen=True)
class Origin:
    """Where a part of the document came from: a file other than the document itself (a CRD manifest)."""

    source: str
    pointer: str  # the same part in that file
    line: int | None = None  # where the file's document starts, when it holds several
    lenient: bool = False  # written in a dialect the quirks belong to (Go regex syntax in a CRD)


@dataclass
class Origins:
    """Document parts (a definition, a path item) that came from other files, so diagnostics can point there."""

    parts: dict[tuple[str, str], Origin] = field(default_factory=dict)  # (section, name) -> origin

    def add(self, section: str, name: str, origin: Origin) -> None:
        self.parts[(section, name)] = origin

    def find(self, pointer: str) -> tuple[Origin, str] | None:
        """The origin of the part `pointer` is in, and the pointer's rest within that part."""
        tokens = pointer.split("/", 3)  # "", section, name, rest
        if len(tokens) < 3:
            return None
        origin = self.parts.get((tokens[1], unescape_token(tokens[2])))
        if origin is None:
            return None
        return origin, "/" + tokens[3] if len(tokens) > 3 else ""

    def relocate(self, diagnostic: Diagnostic) -> Diagnostic:
        found = self.find(diagnostic.pointer) if diagnostic.pointer else None
        if found is None:
            return diagnostic
        origin, rest = found
        return replace(diagnostic, source=origin.source, pointer=origin.pointer + rest, line=origin.line, column=None)


@dataclass
class Sink:
    """Collects diagnostics for one run; `lenient` demotes known real-world quirks.

    Diagnostics about parts that came from other files (`origins`) name those files.
    """

    source: str = ""
    lenient: bool = False
    items: list[Diagnostic] = field(default_factory=list)
    origins: Origins = field(default_factory=Origins)

    def error(self, pointer: str, message: str, hint: str = "") -> None:
        self._add(Diagnostic(Level.ERROR, message, pointer, hint, self.source))

    def warning(self, pointer: str, message: str, hint: str = "", kind: str = "other") -> None:
        self._add(Diagnostic(Level.WARNING, message, pointer, hint, self.source, kind=kind))

    def _add(self, diagnostic: Diagnostic) -> None:
        self.items.append(self.origins.relocate(diagnostic))

    def lenient_at(self, pointer: str) -> bool:
        """Whether quirks at `pointer` are warnings: under --lenient, or where its origin is written that way."""
        found = self.origins.find(pointer)
        return self.lenient or (found is not None and found[0].lenient)

    def quirk(self, pointer: str, message: str, hint: str, kind: str) -> None:
        """A problem that real clusters publish: an error unless lenient_at(pointer)."""
        if self.lenient_at(pointer):
            self.warning(pointer, message, hint, kind)
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


# Each kind of warning, singular and plural, for the summary line: "3 warnings (2 untyped fields, 1 dangling reference)".
KINDS: dict[str, tuple[str, str]] = {
    "untyped-field": ("untyped field", "untyped fields"),
    "dangling-reference": ("dangling reference", "dangling references"),
    "bare-reference": ("bare-name reference", "bare-name references"),
    "external-reference": ("reference to another document", "references to other documents"),
    "duplicate-operation-id": ("duplicate operationId", "duplicate operationIds"),
    "type-array": ("type array", "type arrays"),
    "type-null": ("null type", "null types"),
    "discriminator": ("discriminator not generated", "discriminators not generated"),
    "x-ms-paths": ("x-ms-paths left out", "x-ms-paths left out"),
    "tuple": ("tuple", "tuples"),
    "undeclared-path-parameter": ("undeclared path parameter", "undeclared path parameters"),
    "missing-paths": ("missing paths", "missing paths"),
    "missing-info": ("missing info", "missing info"),
    "missing-title": ("missing info.title", "missing info.title"),
    "missing-version": ("missing info.version", "missing info.version"),
    "version": ("unquoted swagger version", "unquoted swagger versions"),
    "info-version": ("number as info.version", "numbers as info.version"),
    "duplicate-key": ("duplicate key", "duplicate keys"),
    "response-reference": ("response referencing a definition", "responses referencing definitions"),
    "null-response": ("null response", "null responses"),
    "pattern": ("pattern kept as text", "patterns kept as text"),
    "all-of": ("allOf part ignored", "allOf parts ignored"),
    "path-parameter": ("optional path parameter", "optional path parameters"),
    "path-array": ("array path parameter", "array path parameters"),
    "unused-path-parameter": ("path parameter not in its path", "path parameters not in their paths"),
    "unknown-key": ("unknown key", "unknown keys"),
    "left-out": ("property left out", "properties left out"),
    "enum": ("enum value dropped", "enum values dropped"),
    "zero-default": ("zero default outside its enum", "zero defaults outside their enums"),
    "fixup": ("fixup", "fixups"),
    "kept": ("changed file kept", "changed files kept"),
    "name": ("renamed", "renamed"),
    "alias-cycle": ("alias cycle cut", "alias cycles cut"),
    "selection": ("selection", "selections"),
    "input": ("input skipped", "inputs skipped"),
    "validation": ("validation", "validations"),
    "other": ("other", "other"),
}


def count_by_kind(warnings: list[Diagnostic]) -> str:
    """`N warnings (a x, b y)`, the most frequent kind first."""
    counts: dict[str, int] = {}
    for warning in warnings:
        counts[warning.kind] = counts.get(warning.kind, 0) + 1
    total = f"{len(warnings)} warning" + ("" if len(warnings) == 1 else "s")
    if not counts:
        return total
    parts = [f"{n} {KINDS.get(kind, (kind, kind))[n != 1]}" for kind, n in sorted(counts.items(), key=lambda kn: (-kn[1], kn[0]))]
    return f"{total} ({', '.join(parts)})"


def escape_token(token: str | int) -> str:
    """One JSON pointer reference token (RFC 6901)."""
    text = str(token)
    return text.replace("~", "~0").replace("/", "~1") if "~" in text or "/" in text else text


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def reference_tokens(ref: str) -> list[str] | None:
    """The tokens of a reference to a node of this document (`#/paths/~1pets`: a URI fragment holding a JSON
    pointer, RFC 6901 section 6: percent-decoded, then split, then unescaped); None for any other reference."""
    return pointer_tokens(unquote(ref[1:])) if ref.startswith("#/") else None


def pointer_tokens(ptr: str) -> list[str]:
    """The reference tokens of a JSON pointer ("" is the root)."""
    return [unescape_token(token) for token in ptr.split("/")[1:]]


def node_at(root: Any, tokens: list[str] | tuple[str, ...]) -> Any:
    """The node the tokens of a JSON pointer name in `root`; LookupError if there is none."""
    node = root
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isascii() and token.isdigit() and str(int(token)) == token and int(token) < len(node):
            node = node[int(token)]
        else:
            raise LookupError(token)
    return node


def pointer(*tokens: str | int) -> str:
    return "".join("/" + escape_token(t) for t in tokens)


def child(base: str, *tokens: str | int) -> str:
    if len(tokens) == 1:  # the common case, on every schema of a document
        return f"{base}/{escape_token(tokens[0])}"
    return base + pointer(*tokens)
