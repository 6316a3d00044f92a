from __future__ import annotations

import pytest

from kgen.diagnostics import Sink
from kgen.ir.model import ANY, OBJECT, ArrayOf, EnumOf, MapOf, ModelRef, Primitive, Special, TupleOf, UnionOf

from .helpers import doc, ir, k8s_op, obj, ref


def test_objects_become_models_with_sorted_fields() -> None:
    api = ir(doc({"A": {**obj(zeta={"type": "string"}, alpha={"type": "integer", "format": "int64"}), "required": ["zeta"]}}))
    model = api.models["A"]
    assert [(f.wire_name, f.type, f.required) for f in model.fields] == [
        ("alpha", Primitive("integer", "int64"), False),
        ("zeta", Primitive("string"), True),
    ]
    assert model.alias is None


def test_other_definitions_become_aliases() -> None:
    api = ir(doc({
        "Free": {"type": "object"},
        "Map": {"type": "object", "additionalProperties": {"type": "string"}},
        "Untyped": {"description": "anything"},
        "IntOrString": {"type": "string", "format": "int-or-string"},
        "Names": {"type": "array", "items": {"type": "string"}},
    }))
    assert api.models["Free"].alias == OBJECT
    assert api.models["Map"].alias == MapOf(Primitive("string"))
    assert api.models["Untyped"].alias == ANY
    assert api.models["IntOrString"].alias == Special("int_or_string")
    assert api.models["Names"].alias == ArrayOf(Primitive("string"))


def test_kubernetes_extensions() -> None:
    api = ir(doc({"A": obj(port={"x-kubernetes-int-or-string": True}, raw={"type": "object", "x-kubernetes-preserve-unknown-fields": True}, any={})}))
    types = {f.wire_name: f.type for f in api.models["A"].fields}
    assert types == {"any": ANY, "port": Special("int_or_string"), "raw": OBJECT}


def test_inline_objects_are_hoisted_with_their_path() -> None:
    api = ir(doc({"io.example.v1.Cert": obj(spec=obj(keys={"type": "array", "items": obj(size={"type": "integer"})}))}))
    spec_field = api.models["io.example.v1.Cert"].fields[0]
    assert isinstance(spec_field.type, ModelRef)
    spec = api.models[spec_field.type.key]
    assert spec.inline and spec.parent == "io.example.v1.Cert" and spec.name_hint == ("Cert", "spec")
    item = spec.fields[0].type
    assert isinstance(item, ArrayOf) and isinstance(item.item, ModelRef)
    assert api.models[item.item.key].name_hint == ("Cert", "spec", "keys")


def test_single_allof_is_a_reference_and_several_merge() -> None:
    api = ir(doc({
        "Base": obj(a={"type": "string"}),
        "One": obj(x={"allOf": [ref("Base")], "description": "d"}),
        "Merged": {"allOf": [ref("Base"), obj(b={"type": "boolean"})]},
    }))
    assert api.models["One"].fields[0].type == ModelRef("Base")
    assert [f.wire_name for f in api.models["Merged"].fields] == ["a", "b"]


def test_enums_and_notes() -> None:
    api = ir(doc({"A": obj(color={"type": "string", "enum": ["red", "blue"], "default": "red", "pattern": "^[a-z]+$"})}))
    (f,) = api.models["A"].fields
    assert f.type == EnumOf(Primitive("string"), ("red", "blue"))
    assert f.notes == ('default: "red"', "pattern: ^[a-z]+$")


def test_group_version_kinds() -> None:
    gvk = [{"group": "apps", "version": "v1", "kind": "Deployment"}]
    api = ir(doc({"D": {**obj(apiVersion={"type": "string"}, kind={"type": "string"}), "x-kubernetes-group-version-kind": gvk}}))
    assert api.models["D"].resource_gvk is not None and api.models["D"].resource_gvk.api_version == "apps/v1"


def test_all_of_composes_fields_through_referenced_compositions_and_keeps_what_it_extends() -> None:
    api = ir(doc({
        "Account": {**obj(id={"type": "integer"}, name={"type": "string"}), "required": ["id"]},
        "User": {"allOf": [ref("Account"), obj(email={"type": "string"})]},
        "Admin": {"allOf": [ref("User"), {**obj(level={"type": "integer"}), "required": ["level"]}]},
    }))
    admin = api.models["Admin"]
    assert [(f.wire_name, f.required) for f in admin.fields] == [("email", False), ("id", True), ("level", True), ("name", False)]
    assert admin.extends == ("User",) and api.models["User"].extends == ("Account",)


def test_tuple_items_are_a_tuple_of_the_position_types() -> None:
    api = ir(doc({"Pair": {"type": "array", "items": [{"type": "string"}, ref("Pair2")]}, "Pair2": {"type": "integer"}}))
    assert api.models["Pair"].alias == TupleOf((Primitive("string"), ModelRef("Pair2")))


def test_type_arrays_are_nullable_or_a_union() -> None:
    from kgen.diagnostics import Sink

    api = ir(doc({"A": obj(a={"type": ["string", "null"]}, b={"type": ["string", "integer"]})}), Sink("t.json", lenient=True))
    fields = {f.wire_name: f for f in api.models["A"].fields}
    assert (fields["a"].type, fields["a"].nullable) == (Primitive("string"), True)
    assert fields["b"].type == UnionOf((Primitive("string"), Primitive("integer")))


def test_file_schemas_are_binary() -> None:
    api = ir(doc(paths={"/f": {"get": {"operationId": "f", "responses": {"200": {"description": "a file", "schema": {"type": "file"}}}}}}))
    assert api.operations[0].returns.type == Special("binary")


@pytest.mark.parametrize("cluster", [False, True])
def test_a_field_without_a_type_is_any_value_and_warned_of_only_in_a_clusters_document(cluster: bool) -> None:
    """Swagger 2.0 reads a schema without a type as any value; a cluster's /openapi/v2 is where a nullable CRD field lost its type."""
    paths = {"/apis/g/v1/things": {"get": k8s_op("listThings", "list", ("g", "v1", "Thing"), "Thing")}} if cluster else {}
    sink = Sink("t.json")
    api = ir(doc({"Thing": obj(owner={"description": "who owns it"})}, paths), sink)
    assert api.models["Thing"].fields[0].type == ANY
    assert [(w.pointer, w.kind) for w in sink.warnings] == ([("/definitions/Thing/properties/owner", "untyped-field")] if cluster else [])


def test_a_schema_that_references_name_is_named_where_it_is_written_whoever_uses_it_first() -> None:
    page = {"allOf": [ref("Base"), obj(meta=obj(total={"type": "integer"}))]}
    err = {"description": "error", "schema": obj(message={"type": "string"}, details={"$ref": "#/definitions/Page/allOf/1/properties/meta"})}
    body = {"name": "p", "in": "body", "schema": obj(page=ref("Page"))}
    post = {
        "operationId": "createA",
        "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/responses/Err/schema"}}],
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/parameters/p/schema"}}},
    }
    api = ir(doc(
        {"Alpha": obj(meta={"$ref": "#/definitions/Page/allOf/1/properties/meta"}), "Base": obj(kind={"type": "string"}), "Page": page},
        {"/a": {"post": post}},
        responses={"Err": err},
        parameters={"p": body},
    ))
    names = {key: m.name for key, m in api.models.items() if m.inline}
    assert names == {"/definitions/Page/allOf/1/properties/meta": "PageMeta", "/responses/Err/schema": "Err", "/parameters/p/schema": "P"}
    assert {f.wire_name: f.type for f in api.models["Alpha"].fields} == {"meta": ModelRef("/definitions/Page/allOf/1/properties/meta")}
