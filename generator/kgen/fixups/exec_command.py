"""Pod exec's `command` query parameter is an argv list, published as a single string.

Attach is not claimed: upstream publishes no `command` for it (it attaches to the running process).
"""

from kgen.fixups import Fixup
from kgen.ir.model import Api, ArrayOf, Operation, Primitive

STRING = Primitive("string")


def _exec_operations(api: Api) -> list[Operation]:
    return [op for op in api.operations if op.action == "connect" and op.path.endswith("/pods/{name}/exec")]


def _claims(api: Api) -> bool:
    return bool(_exec_operations(api))


def _apply(api: Api) -> int:
    changed = 0
    for op in _exec_operations(api):
        for param in op.params:
            if param.wire_name == "command" and param.type == STRING:
                param.type = ArrayOf(STRING)
                param.collection_format = "multi"
                changed += 1
    return changed


FIXUP = Fixup(
    "exec-command-is-a-list",
    "kubernetes-client/gen openapi/preprocess_spec.py (fix_exec_command_parameter)",
    _claims,
    _apply,
)
