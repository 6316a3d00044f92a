"""FieldsV1 (managedFields' field sets) is kept as the exact JSON it arrived as.

It is a trie that only the apiserver interprets, yet it is most of what a
listed object holds: decoded into nested dicts it makes up most of the objects
a large list allocates (and most of the memory held). Kept verbatim, it
round-trips byte for byte and costs one buffer; a client that wants to read
it decodes it on demand.
"""

from kgen.fixups import Fixup
from kgen.ir.model import OBJECT, Api, Special

FIELDS_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"


def _claims(api: Api) -> bool:
    return FIELDS_V1 in api.models


def _apply(api: Api) -> int:
    model = api.models[FIELDS_V1]
    if model.alias != OBJECT:
        return 0
    model.alias = Special("raw")
    return 1


FIXUP = Fixup(
    "fields-v1-kept-verbatim",
    "k8s.io/apimachinery/pkg/apis/meta/v1/types.go (FieldsV1: the Raw JSON of a field set)",
    _claims,
    _apply,
)
