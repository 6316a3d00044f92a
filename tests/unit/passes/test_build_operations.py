from __future__ import annotations

from kgen.diagnostics import Sink
from kgen.ir.model import ArrayOf, ModelRef, Primitive, UnionOf

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


def test_an_array_path_parameter_is_the_text_of_its_items_with_a_warning() -> None:
    """No target's path arguments are lists: the method takes the items joined as collectionFormat says, and says so."""
    array = {"in": "path", "required": True, "type": "array", "items": {"type": "integer"}}
    paths = {"/a/{ids}/{words}": {"get": {"operationId": "get", "responses": {}, "parameters": [
        {"name": "ids", **array}, {"name": "words", "collectionFormat": "pipes", **array}, {"name": "q", "in": "query", "type": "array", "items": {"type": "string"}}]}}}
    sink = Sink("t.json")
    (op,) = ir(doc({}, paths), sink).operations
    assert [(p.wire_name, p.type) for p in op.params] == [("ids", Primitive("string")), ("words", Primitive("string")), ("q", ArrayOf(Primitive("string")))]
    warned = [(d.pointer, d.kind, d.message.rsplit(" ", 1)[-1]) for d in sink.items]
    assert warned == [("/paths/~1a~1{ids}~1{words}/get/parameters/0", "path-array", "','"), ("/paths/~1a~1{ids}~1{words}/get/parameters/1", "path-array", "'|'")]
