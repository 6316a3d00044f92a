"""The validators of the schemas a document is checked against, each with its references resolved once.

jsonschema resolves a `$ref` every time validation passes it, and the Swagger
2.0 and JSON Schema draft 4 meta-schemas reach every nested schema through one
(`#/definitions/schema`, `#`): resolving was two thirds of checking a CRD's
schema. Here each reference is replaced by the schema it names, once, giving
a cyclic graph that validates the same instances with the same errors (draft 4
ignores a reference's siblings, and jsonschema leaves `$ref` out of an error's
schema path). tests/unit/sources/test_metaschemas.py holds both to the
validators they replace.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

__all__ = ["definition_validator", "schema_checker"]


@functools.cache
def definition_validator(definition: str) -> Any:
    """The Swagger 2.0 schema's validator for one of its definitions (a schema, a path item)."""
    from openapi_spec_validator.schemas import openapi_v2_schema_validator

    return _inlined(openapi_v2_schema_validator.evolve(schema={**openapi_v2_schema_validator.schema, "$ref": f"#/definitions/{definition}"}))


@functools.cache
def schema_checker(cls: Any) -> Callable[[Any], None]:
    """`cls.check_schema` as openapi-schema-validator defines it (its meta-schema, its format checker): raises the
    first error as a SchemaError."""
    from jsonschema.exceptions import SchemaError
    from jsonschema.validators import validator_for

    validator = _inlined(validator_for(cls.META_SCHEMA, default=cls)(cls.META_SCHEMA, format_checker=cls.FORMAT_CHECKER))

    def check(schema: Any) -> None:
        for error in validator.iter_errors(schema):
            raise SchemaError.create_from(error)

    return check


def _inlined(validator: Any) -> Any:
    """`validator` over a copy of its schema in which each `$ref` (a string one: a property may be named "$ref")
    is the copy of the schema it resolves to."""
    copies: dict[int, Any] = {}

    def copy(node: Any, resolver: Any) -> Any:
        if isinstance(node, list):
            return [copy(item, resolver) for item in node]
        if not isinstance(node, dict):
            return node
        if id(node) not in copies:
            ref = node.get("$ref")
            if isinstance(ref, str):
                resolved = resolver.lookup(ref)
                copies[id(node)] = copy(resolved.contents, resolved.resolver)
            else:
                made: dict[str, Any] = {}
                copies[id(node)] = made  # registered before its children: a reference may lead back to it
                made.update((key, copy(value, resolver)) for key, value in node.items())
        return copies[id(node)]

    schema = copy(validator.schema, validator._resolver)
    schema.pop("id", None)  # resolving is done: without a base URI, jsonschema does not join one at each nested schema
    return validator.evolve(schema=schema)
