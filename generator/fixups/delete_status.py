"""A delete answers with the deleted object, or with a Status when deletion completed at once.

Swagger 2.0 cannot say "either", so upstream documents name only one of
them; the client must accept both.
"""

from kgen.fixups import Fixup
from kgen.ir.model import Api, ModelRef, UnionOf

STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status"


def _claims(api: Api) -> bool:
    return STATUS in api.models and any(op.action == "delete" for op in api.operations)


def _apply(api: Api) -> int:
    changed = 0
    for op in api.operations:
        rtype = op.returns.type
        if op.action == "delete" and isinstance(rtype, ModelRef) and rtype.key != STATUS:
            op.returns.type = UnionOf((rtype, ModelRef(STATUS)))
            changed += 1
    return changed


FIXUP = Fixup(
    "delete-returns-object-or-status",
    "kubernetes-client/gen openapi/preprocess_spec.py (fix_python_delete_response)",
    _claims,
    _apply,
)
