from __future__ import annotations

import pytest

from kgen.diagnostics import KgenError, Sink

from .helpers import doc, ir, obj, ref


def _errors(document: dict) -> list[str]:
    sink = Sink("t.json")
    with pytest.raises(KgenError):
        ir(document, sink)
    return [d.render() for d in sink.errors]


def test_dangling_reference_names_its_pointer() -> None:
    (error,) = _errors(doc({"A": obj(b=ref("Missing"))}))
    assert "#/definitions/A/properties/b/$ref" in error and "missing definition 'Missing'" in error


def test_reference_cycle_without_structure_is_an_error() -> None:
    errors = _errors(doc({"A": ref("B"), "B": ref("C"), "C": ref("A")}))
    assert any("A -> B -> C -> A" in e for e in errors)


def test_recursion_through_properties_is_fine() -> None:
    api = ir(doc({"Props": obj(items=ref("Props"), all=obj(nested={"type": "array", "items": ref("Props")}))}))
    assert "Props" in api.models


def test_long_alias_chains_are_refused() -> None:
    chain = {f"D{i}": ref(f"D{i + 1}") for i in range(100)}
    chain["D100"] = {"type": "string"}
    assert any("chain of more than 64" in e for e in _errors(doc(chain)))
