"""Quantity is published as a string, but the apiserver also accepts and returns JSON numbers.

Kubernetes' Quantity unmarshals `1`, `0.5` and `"500m"` alike; a typed
client must keep whichever form it was given so the round trip is exact.
"""

from kgen.fixups import Fixup
from kgen.ir.model import Api, Special

QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"


def _claims(api: Api) -> bool:
    return QUANTITY in api.models


def _apply(api: Api) -> int:
    model = api.models[QUANTITY]
    if model.alias == Special("quantity") or model.fields:
        return 0
    model.alias = Special("quantity")
    return 1


FIXUP = Fixup(
    "quantity-accepts-numbers",
    "k8s.io/apimachinery/pkg/api/resource/quantity.go (UnmarshalJSON accepts numbers)",
    _claims,
    _apply,
)
