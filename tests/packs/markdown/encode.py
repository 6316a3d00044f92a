"""Spec text as Markdown: every value a page prints goes through `text`."""

from __future__ import annotations


def text(value: str | None) -> str:
    """Spec text as one line of Markdown: markup characters escaped, controls dropped."""
    plain = "".join(ch if ch.isprintable() else " " for ch in value or "")
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+!<>|&~=-" else ch for ch in " ".join(plain.split()))
