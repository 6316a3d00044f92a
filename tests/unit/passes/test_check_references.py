from __future__ import annotations

import pytest

from kgen.diagnostics import KgenError, Sink
from kgen.ir.model import ANY, Api, ModelRef

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


def _lenient(**fields: dict[str, str]) -> tuple[dict[str, object], dict[str, str], Api]:
    """The field types of a model A whose fields hold the given references, and each field's warning, under --lenient."""
    sink = Sink("t.json", lenient=True)
    api = ir(doc({"A": obj(**fields)}), sink)
    assert {w.kind for w in sink.warnings} == {"dangling-reference"}
    warnings = {w.pointer.split("/")[-2]: f"{w.message} (hint: {w.hint})" for w in sink.warnings}
    return {f.wire_name: f.type for f in api.models["A"].fields}, warnings, api


def test_lenient_resolves_a_dangling_reference_from_the_shipped_kubernetes_definitions() -> None:
    types, warnings, api = _lenient(meta=ref("v1.ObjectMeta"), claim=ref("v1.PersistentVolumeClaim"), status=ref("v1.Status"))
    assert types["meta"] == ModelRef("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
    assert types["claim"] == ModelRef("io.k8s.api.core.v1.PersistentVolumeClaim")
    assert types["status"] == ModelRef("io.k8s.apimachinery.pkg.apis.meta.v1.Status")
    assert "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry" in api.models  # what ObjectMeta uses comes along
    assert "io.k8s.api.core.v1.TypedObjectReference" in api.models  # and what it uses, at any depth (spec.dataSourceRef)
    assert "resolved to the Kubernetes 1.36 definition 'io.k8s.api.core.v1.PersistentVolumeClaim' that kgen ships" in warnings["claim"]


def test_a_full_name_resolves_and_wins_over_longer_names_it_ends() -> None:
    types, warnings, _ = _lenient(volume=ref("io.k8s.api.core.v1.Volume"), time=ref("meta.v1.Time"))
    assert types == {"volume": ModelRef("io.k8s.api.core.v1.Volume"), "time": ModelRef("io.k8s.apimachinery.pkg.apis.meta.v1.Time")}


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("v1.Subject", "2 Kubernetes 1.36 definitions kgen ships end with it (hint: write the full name of the one meant "
         "(io.k8s.api.flowcontrol.v1.Subject, io.k8s.api.rbac.v1.Subject)"),
        ("Status", "a name without a version could be any API's (hint: write the full name of the one meant "
         "(io.k8s.apimachinery.pkg.apis.meta.v1.Status)"),
        ("v1beta1.Deployment", "no Kubernetes 1.36 definition kgen ships has this name"),
        ("1.Status", "no Kubernetes 1.36 definition kgen ships has this name"),  # only whole parts of a name match
    ],
)  # fmt: skip
def test_an_ambiguous_bare_or_unknown_name_stays_untyped_and_the_warning_says_why(name: str, why: str) -> None:
    types, warnings, _ = _lenient(x=ref(name))
    assert types["x"] == ANY
    assert f"reference to a missing definition {name!r}; typed as any JSON value: {why}" in warnings["x"]


def test_diagnostics_about_a_shipped_definition_name_kgens_file() -> None:
    sink = Sink("t.json", lenient=True)
    ir(doc({"A": obj(meta=ref("v1.ListMeta"))}), sink)
    found = sink.origins.find("/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta/properties/x")
    assert found is not None and found[0].source == "<kgen's Kubernetes 1.36 definitions>"


OWN = {"sgroups.io.sgroups-k8s-api.pkg.apis.sgroups.v1alpha1.Tenant": obj(name={"type": "string"})}


def test_a_dangling_name_that_ends_one_own_definition_is_told_that_one() -> None:
    (error,) = _errors(doc({**OWN, "A": obj(t=ref("v1alpha1.Tenant"))}))
    assert "did you mean '#/definitions/sgroups.io.sgroups-k8s-api.pkg.apis.sgroups.v1alpha1.Tenant'?" in error
    assert "(or pass --lenient to resolve it to that definition with a warning)" in error


def test_lenient_resolves_a_dangling_name_to_the_one_own_definition_it_ends_before_shipped_ones() -> None:
    own = {"io.x.v1.ObjectMeta": obj(name={"type": "string"}), **OWN}
    sink = Sink("t.json", lenient=True)
    api = ir(doc({**own, "A": obj(t=ref("v1alpha1.Tenant"), meta=ref("v1.ObjectMeta"))}), sink)
    assert {f.wire_name: f.type for f in api.models["A"].fields} == {"t": ModelRef(next(iter(OWN))), "meta": ModelRef("io.x.v1.ObjectMeta")}
    assert not any(name.startswith("io.k8s.") for name in api.models)
    warning = next(w for w in sink.warnings if w.pointer == "/definitions/A/properties/t/$ref")
    assert warning.kind == "dangling-reference"
    assert warning.message == f"reference to a missing definition 'v1alpha1.Tenant'; resolved to {next(iter(OWN))!r}, the only definition of the document whose name ends with it"


@pytest.mark.parametrize("name", ["Tenant", "v1alpha1.Tenant"])  # a bare kind; a name two definitions end with
def test_a_bare_kind_or_several_own_definitions_are_no_suggestion(name: str) -> None:
    (error,) = _errors(doc({**OWN, "io.other.v1alpha1.Tenant": obj(), "A": obj(t=ref(name))}))
    assert "did you mean" not in error and "correct the name" in error
