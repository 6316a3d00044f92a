"""Pod portforward's `ports` query parameter is a list of ports, published as one integer."""

from kgen.fixups import Fixup
from kgen.ir.model import Api, ArrayOf, Operation, Primitive


def _operations(api: Api) -> list[Operation]:
    return [op for op in api.operations if op.action == "connect" and op.path.endswith("/pods/{name}/portforward")]


def _claims(api: Api) -> bool:
    return bool(_operations(api))


def _apply(api: Api) -> int:
    changed = 0
    for op in _operations(api):
        for param in op.params:
            if param.wire_name == "ports" and isinstance(param.type, Primitive) and param.type.kind == "integer":
                param.type = ArrayOf(param.type)
                param.collection_format = "multi"
                changed += 1
    return changed


FIXUP = Fixup(
    "portforward-ports-is-a-list",
    "kubernetes-client/gen openapi/preprocess_spec.py (fix_python_portforward_ports_parameter)",
    _claims,
    _apply,
)
