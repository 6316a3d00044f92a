# kgen:header
"""Kubernetes timestamps. Standard library only: configuration code uses it too."""

from __future__ import annotations

from datetime import datetime

__all__ = ["parse_time"]


def parse_time(value: str) -> datetime:
    """A Kubernetes Time or MicroTime (RFC 3339) as an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
