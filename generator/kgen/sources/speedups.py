"""Speed-ups for the validator's libraries, installed in the validation workers only: they change no answer.

Each is named for what it mends, checks that the library still has what it
mends, and otherwise leaves the library as it is (another version may differ).
"""

from __future__ import annotations

from typing import Any

__all__ = ["install"]

JSON_VALUES: tuple[Any, ...] = ({}, [], "", 0, 0.0, True, None)  # one value of each type a loaded document holds


def install() -> None:
    """Every speed-up below."""
    cached_subscriptable_check()


def cached_subscriptable_check() -> None:
    """pathable, through which openapi-spec-validator reads the document, asks `isinstance(node, Subscriptable)` at
    every step; Subscriptable is a runtime Protocol, and Python 3.11 lists a protocol's members again at each such
    check (6 µs; an eighth of walking a cluster's paths). For the types of a loaded document the answer is the
    protocol's own, asked once per type; any other value is asked as before."""
    try:
        from pathable import accessors
    except ImportError:
        return
    protocol: Any = getattr(accessors, "Subscriptable", None)
    if not getattr(protocol, "_is_runtime_protocol", False):
        return
    answers = {type(value): isinstance(value, protocol) for value in JSON_VALUES}

    class Answered(type):
        def __instancecheck__(cls, instance: Any) -> bool:
            answer = answers.get(type(instance))
            return isinstance(instance, protocol) if answer is None else answer

    setattr(accessors, "Subscriptable", Answered("Subscriptable", (), {"protocol": protocol}))  # noqa: B010 - not a name pathable exports
