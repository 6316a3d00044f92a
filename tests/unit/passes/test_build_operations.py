from __future__ import annotations

from kgen.ir.model import ModelRef, Primitive, UnionOf

from .helpers import NAME, doc, ir, obj, ref


def test_parameters_body_and_response() -> None:
    paths = {"/things/{name}": {
        "parameters": [NAME],
        "put": {
            "operationId": "replaceThing",
            "parameters": [{"name": "body", "in": "body", "required": True, "schema": ref("Thing")}, {"name": "dryRun", "in": "query", "type": "string"}],
            "responses": {"200": {"description": "ok", "schema": ref("Thing")}, "201": {"description": "created", "schema": ref("Other")}},
        },
    }}
    api = ir(doc({"Thing": obj(a={"type": "string"}), "Other": obj(b={"type": "string"})}, paths))
    (op,) = api.operations
    assert op.method == "PUT" and op.body is not None and op.body.type == ModelRef("Thing")
    assert [(p.wire_name, p.location) for p in op.params] == [("name", "path"), ("dryRun", "query")]
    assert op.returns.type == UnionOf((ModelRef("Thing"), ModelRef("Other"))) and op.returns.status == ("200", "201")


def test_string_responses_are_text_and_missing_ones_none() -> None:
    paths = {"/log": {"get": {"operationId": "log", "produces": ["text/plain"], "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}}},
             "/ping": {"get": {"operationId": "ping", "responses": {"200": {"description": "ok"}}}}}
    api = ir(doc({}, paths))
    media = {op.id: (op.returns.media, op.returns.type) for op in api.operations}
    assert media == {"log": ("text", Primitive("string")), "ping": ("none", None)}


def test_inline_bodies_are_hoisted() -> None:
    paths = {"/x": {"post": {"operationId": "makeThing", "tags": ["things"], "parameters": [{"name": "body", "in": "body", "schema": obj(n={"type": "integer"})}], "responses": {}}}}
    api = ir(doc({}, paths))
    (op,) = api.operations
    assert isinstance(op.body.type, ModelRef)
    hoisted = api.models[op.body.type.key]
    assert hoisted.unit == op.unit and hoisted.name == "MakeThingBody"
