from __future__ import annotations

import pytest

from kgen.diagnostics import KgenError, Sink
from kgen.ir.model import ANY, ModelRef

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


def test_lenient_resolves_a_dangling_reference_from_the_shipped_kubernetes_definitions() -> None:
    sink = Sink("t.json", lenient=True)
    api = ir(doc({"A": obj(meta=ref("v1.ObjectMeta"), claim=ref("v1.PersistentVolumeClaim"))}), sink)
    fields = {f.wire_name: f.type for f in api.models["A"].fields}
    assert fields["meta"] == ModelRef("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
    assert "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry" in api.models  # what ObjectMeta uses comes along
    assert fields["claim"] == ANY
    messages = sorted(w.message for w in sink.warnings)
    assert [w.kind for w in sink.warnings] == ["dangling-reference", "dangling-reference"]
    assert "resolved to the Kubernetes definition 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'" in messages[0]
    assert "typed as any JSON value: no Kubernetes definition kgen ships has this name" in messages[1]


def test_diagnostics_about_a_shipped_definition_name_kgens_file() -> None:
    sink = Sink("t.json", lenient=True)
    ir(doc({"A": obj(meta=ref("ListMeta"))}), sink)
    assert sink.origins.find("/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta/properties/x") is not None
