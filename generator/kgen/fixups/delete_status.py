"""A delete answers with the deleted object, or with a Status when deletion completed at once.

Swagger 2.0 cannot say "either", so upstream documents name only one of
them: most built-in deletes the object, the rest (and every custom
resource's delete) Status. The client must accept both.
"""

from kgen.fixups import Fixup
from kgen.ir.model import Api, ModelRef, UnionOf

STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status"


def _claims(api: Api) -> bool:
    return STATUS in api.models and any(op.action == "delete" for op in api.operations)


def _apply(api: Api) -> int:
    resources = {m.resource_gvk: key for key, m in api.models.items() if m.resource_gvk is not None}
    changed = 0
    for op in api.operations:
        rtype = op.returns.type
        if op.action != "delete" or not isinstance(rtype, ModelRef):
            continue
        if rtype.key != STATUS:
            op.returns.type = UnionOf((rtype, ModelRef(STATUS)))
            changed += 1
        elif op.gvk in resources:
            op.returns.type = UnionOf((ModelRef(resources[op.gvk]), rtype))
            changed += 1
    return changed


FIXUP = Fixup(
    "delete-returns-object-or-status",
    "kubernetes-client/gen openapi/preprocess_spec.py (fix_python_delete_response); apiserver registry Store.Delete",
    _claims,
    _apply,
)
