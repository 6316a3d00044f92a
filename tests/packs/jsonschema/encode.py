"""Spec text and schemas as JSON: everything a template prints goes through `literal`."""

from __future__ import annotations

import json


def literal(value: object) -> str:
    """A JSON value on one line, ASCII only: no spec text can end a string or a line early."""
    return json.dumps(value, ensure_ascii=True, sort_keys=True)
