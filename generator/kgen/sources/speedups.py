"""Speed-ups for the validator's libraries, installed in the validation workers only: they change no answer.

Each is named for what it mends, checks that the library still has what it
mends, and otherwise leaves the library as it is (another version may differ).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["install"]

JSON_VALUES: tuple[Any, ...] = ({}, [], "", 0, 0.0, True, None)  # one value of each type a loaded document holds


def install() -> None:
    """Every speed-up below."""
    cached_subscriptable_check()
    plain_path_parameter_names()
    plain_parameters()


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


def plain_path_parameter_names() -> None:
    """openapi-spec-validator finds an operation's path parameters by reading each parameter's `in` and `name`
    through path objects that resolve references at every step, for the operation's parameters and again for its
    path item's (more than a quarter of walking a cluster's paths). A plain parameter (see `_plain`) is read as the
    object it is; any other (a missing or odd value) as before."""
    try:
        from openapi_spec_validator.validation.keywords import OperationValidator
    except ImportError:
        return
    original: Any = getattr(OperationValidator, "_get_path_param_names", None)
    if original is None or getattr(original, "plain", False):
        return

    def path_param_names(self: Any, params: Any) -> Iterator[str]:
        for index, raw in _listed(params):
            if _plain(raw):
                if raw["in"] == "path":
                    yield raw["name"]
            else:
                yield from original(self, [params / index])

    path_param_names.plain = True  # type: ignore[attr-defined]
    setattr(OperationValidator, "_get_path_param_names", path_param_names)  # noqa: B010 - a private method


def plain_parameters() -> None:
    """openapi-spec-validator checks a list of parameters by handing each to its parameter validator, which looks
    for `schema` and `default` through path objects that resolve references at every step, and reads each one's
    `name` and `in` the same way to find duplicates (a quarter of walking a cluster's paths). A plain parameter
    (see `_plain`) without `schema` or `default` gives the parameter validator nothing to check, and its name and
    location are read from the object; any other parameter goes through the path objects as before."""
    try:
        from openapi_spec_validator.validation.exceptions import ParameterDuplicateError
        from openapi_spec_validator.validation.keywords import ParametersValidator
    except ImportError:
        return
    original: Any = ParametersValidator.__dict__.get("__call__")
    if original is None or getattr(original, "plain", False):
        return

    def check(self: Any, parameters: Any) -> Iterator[Any]:
        seen = set()
        for index, raw in _listed(parameters):
            if _plain(raw) and "schema" not in raw and "default" not in raw:
                key = (raw["name"], raw["in"])
            else:
                parameter = parameters / index
                yield from self.parameter_validator(parameter)
                key = (parameter["name"], parameter["in"])
            if key in seen:
                yield ParameterDuplicateError(f"Duplicate parameter '{key[0]}'")
            seen.add(key)

    check.plain = True  # type: ignore[attr-defined]
    setattr(ParametersValidator, "__call__", check)  # noqa: B010 - the library's method, mended


def _listed(parameters: Any) -> Iterator[tuple[int, Any]]:
    """Each item of a list of parameters (a path object) with its index, as the walk reads it: a reference is
    resolved by the library, once; the items of anything but a list are the path object's own."""
    listed = parameters.read_value()
    if not isinstance(listed, list):
        yield from ((index, None) for index, _ in enumerate(parameters))
        return
    for index, raw in enumerate(listed):
        yield index, (parameters / index).read_value() if isinstance(raw, dict) and "$ref" in raw else raw


def _plain(raw: Any) -> bool:
    """A parameter object with string `in` and `name`, and no reference left in it."""
    return isinstance(raw, dict) and "$ref" not in raw and type(raw.get("in")) is str and type(raw.get("name")) is str
