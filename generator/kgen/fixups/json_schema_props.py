"""JSONSchemaProps' `…OrArray`, `…OrBool` and `…OrStringArray` are unions that Swagger 2.0 cannot express.

Upstream publishes them as untyped definitions; the apiserver sends a schema
or an array (items), a schema or a boolean (additionalProperties), a schema
or a list of strings (dependencies).
"""

from kgen.fixups import Fixup
from kgen.ir.model import Api, ArrayOf, ModelRef, Primitive, TypeRef, UnionOf

PREFIX = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1."
PROPS = ModelRef(PREFIX + "JSONSchemaProps")
UNIONS: dict[str, TypeRef] = {
    PREFIX + "JSONSchemaPropsOrArray": UnionOf((PROPS, ArrayOf(PROPS))),
    PREFIX + "JSONSchemaPropsOrBool": UnionOf((PROPS, Primitive("boolean"))),
    PREFIX + "JSONSchemaPropsOrStringArray": UnionOf((PROPS, ArrayOf(Primitive("string")))),
}


def _claims(api: Api) -> bool:
    return PROPS.key in api.models


def _apply(api: Api) -> int:
    changed = 0
    for key, union in UNIONS.items():
        model = api.models.get(key)
        if model is not None and not model.fields and model.alias != union:
            model.alias = union
            changed += 1
    return changed


FIXUP = Fixup(
    "json-schema-props-unions",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/types_jsonschema.go (custom JSON (un)marshalling)",
    _claims,
    _apply,
)
