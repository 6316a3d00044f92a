"""Mark the responses that are an object or a Status, so that targets read the fact instead of re-detecting it.

The delete fixup (fixups/delete_status.py) makes them, and so does a
document that answers one success code with the object and another with a
Status; both are UnionOf((ModelRef(object), ModelRef(Status))).
"""

from __future__ import annotations

from kgen.fixups.delete_status import STATUS
from kgen.ir.model import ModelRef, UnionOf
from kgen.passes.context import Context


def run(ctx: Context) -> None:
    for op in ctx.api.operations:
        t = op.returns.type
        op.returns.or_status = isinstance(t, UnionOf) and len(t.options) == 2 and isinstance(t.options[0], ModelRef) and t.options[1] == ModelRef(STATUS)
