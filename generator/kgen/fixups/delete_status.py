"""A delete answers with the deleted object, or with a Status when deletion completed at once.

Swagger 2.0 cannot say "either", so upstream documents name only one of
them: most built-in deletes the object, the rest (and every custom
resource's delete) Status. The client must accept both.
"""

from kgen.fixups import Fixup
from kgen.ir.model import GVK, Api, ModelRef, TypeRef, UnionOf

STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status"


def _claims(api: Api) -> bool:
    """A document with a delete of a typed resource: a custom resource without a schema (its root only
    x-kubernetes-preserve-unknown-fields) has no type to offer beside Status, and is not one."""
    resources = _resources(api)
    return STATUS in api.models and any(op.action == "delete" and (op.gvk in resources or _names_another(op.returns.type)) for op in api.operations)


def _resources(api: Api) -> dict[GVK, str]:
    return {m.resource_gvk: key for key, m in api.models.items() if m.resource_gvk is not None}


def _names_another(rtype: TypeRef | None) -> bool:
    return isinstance(rtype, ModelRef) and rtype.key != STATUS


def _apply(api: Api) -> int:
    resources = _resources(api)
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
