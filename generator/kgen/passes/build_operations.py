"""Operations with typed parameters, body and success response."""

from __future__ import annotations

from kgen.ir.model import (
    ANY,
    SEPARATORS,
    ArrayOf,
    EnumOf,
    Operation,
    Param,
    Primitive,
    Returns,
    Special,
    TypeRef,
    UnionOf,
)
from kgen.passes.build_models import parse_gvks
from kgen.passes.context import Context
from kgen.passes.types import TypeBuilder
from kgen.spec import model as spec


def run(ctx: Context) -> None:
    builder = TypeBuilder(ctx)
    for op in ctx.spec.operations:
        ctx.api.operations.append(_operation(ctx, builder, op))
    ctx.api.kubernetes = any(op.action for op in ctx.api.operations)


def _operation(ctx: Context, builder: TypeBuilder, op: spec.Operation) -> Operation:
    gvks = parse_gvks(ctx, op.extensions.get("x-kubernetes-group-version-kind"), op.pointer)
    action = op.extensions.get("x-kubernetes-action")
    result = Operation(
        id=op.key,
        operation_id=op.operation_id,
        repeats=op.repeats,
        method=op.method.upper(),
        path=op.path,
        pointer=op.pointer,
        summary=op.summary,
        description=op.description,
        tags=op.tags,
        action=action if isinstance(action, str) else None,
        gvk=gvks[0] if len(gvks) == 1 else None,
        consumes=op.consumes,
        produces=op.produces,
        deprecated=op.deprecated,
    )
    for param in op.parameters:
        converted = _param(builder, op, param)
        if param.location == "body":
            result.body = converted
        else:
            result.params.append(converted)
    result.returns = _returns(builder, op)
    return result


def _param(builder: TypeBuilder, op: spec.Operation, param: spec.Parameter) -> Param:
    if param.schema is not None:
        ptype = builder.type_of(param.schema, (op.operation_id, "body"), None)
    elif param.location == "path" and param.type == "array":
        ptype = _path_array(builder.ctx, param)
    else:
        ptype = _simple_type(builder, op, param)
    return Param(
        wire_name=param.name,
        location=param.location,
        type=ptype,
        required=param.required,
        description=param.description,
        default=param.default,
        collection_format=param.collection_format,
        pointer=param.pointer,
    )


def _path_array(ctx: Context, param: spec.Parameter) -> TypeRef:
    """A path parameter of type array is the text of its items as one path segment, joined as its collectionFormat
    says: its methods take that text (no target's path arguments are lists), and the user is told how to join them."""
    separator = SEPARATORS.get(param.collection_format or "csv", ",")  # `multi` has no separator: a path joins with `,`
    message = f"path parameter {param.name!r} is an array: its methods take the items' text joined by {separator!r}"
    ctx.sink.warning(param.pointer, message, "nothing to do in the document: join the items when calling", kind="path-array")
    return Primitive("string")


def _simple_type(builder: TypeBuilder, op: spec.Operation, param: spec.Parameter) -> TypeRef:
    if param.type == "array":
        item = builder.type_of(param.items, (op.operation_id, param.name), None) if param.items else ANY
        return ArrayOf(item)
    if param.type == "file":
        return Special("binary")
    if param.type in ("string", "integer", "number", "boolean"):
        base = Primitive(param.type, param.format)
        return EnumOf(base, param.enum) if param.enum else base
    return Primitive("string")


def _returns(builder: TypeBuilder, op: spec.Operation) -> Returns:
    """The 2xx responses: one type, or a union when codes return different ones."""
    codes = sorted(code for code in op.responses if code.startswith("2") or code == "default" and len(op.responses) == 1)
    types: list[TypeRef] = []
    for code in codes:
        schema = op.responses[code].schema
        if schema is not None:
            rtype = builder.type_of(schema, (op.operation_id, "response"), None)
            if rtype not in types:
                types.append(rtype)
    if not types:
        return Returns(None, "none", tuple(codes))
    rtype = types[0] if len(types) == 1 else UnionOf(tuple(types))
    return Returns(rtype, _media(rtype, op.produces), tuple(codes))


def _media(rtype: TypeRef, produces: tuple[str, ...]) -> str:
    if rtype == Special("binary") or rtype == Primitive("string", "binary"):
        return "binary"
    if isinstance(rtype, Primitive) and rtype.kind == "string":
        return "text"
    return "json" if not produces or any(_is_json(p) for p in produces) else "text"


def _is_json(media: str) -> bool:
    base = media.split(";", 1)[0].strip().lower()
    return base in ("*/*", "application/json") or base.endswith("+json")
