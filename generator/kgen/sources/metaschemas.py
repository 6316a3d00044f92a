"""The validators of the schemas a document is checked against, and what needs none of them.

jsonschema resolves a `$ref` every time validation passes it, and the Swagger
2.0 and JSON Schema draft 4 meta-schemas reach every nested schema through one
(`#/definitions/schema`, `#`): resolving was two thirds of checking a CRD's
schema. Here each reference is replaced by the schema it names, once, giving
a cyclic graph that validates the same instances with the same errors (draft 4
ignores a reference's siblings, and jsonschema leaves `$ref` out of an error's
schema path).

Most of a cluster's schemas and operations are plain: made only of keywords
every validator accepts, with values no validator can reject. `plain` and
`plain_path_item` recognise those, and validation hands them to no validator;
they never report anything, so the validators still report every problem.
tests/unit/sources/test_metaschemas.py holds the validators here to the ones
they replace, and the recognisers to both validators.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["definition_validator", "plain", "plain_path_item", "schema_checker"]

TYPES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})  # draft 4's simple types
TEXTS = frozenset({"$ref", "format", "title", "description", "discriminator"})
FLAGS = frozenset({"readOnly", "uniqueItems"})
BOUNDS = frozenset({"maximum", "minimum"})
COUNTS = frozenset({"maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"})
METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch"})
SCHEMES = frozenset({"http", "https", "ws", "wss"})
_STATUS = re.compile(r"[0-9]{3}|default")  # a response's key, as the Swagger 2.0 schema allows it (fullmatch)


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
        if plain(schema, cls.FORMAT_CHECKER):
            return
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


def plain(schema: Any, format_checker: Any) -> bool:
    """Whether `schema` is surely valid against both the Swagger 2.0 schema's `schema` definition and JSON Schema
    draft 4's meta-schema, with `format_checker` (None: none) checking `pattern` as a regex: every object in it is
    made only of the keywords both accept, each with a value both accept, plainly (a string `type`, string `enum`s,
    non-negative integer counts, ...). False says nothing: the validator decides, and reports.

    Checking a cluster's CRD schemas with the validator is most of validating its document; nearly all of them are
    plain (tests/unit/sources/test_metaschemas.py holds `plain` to both validators on generated schemas).
    """
    seen: set[int] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if type(node) is not dict:
            return False
        if id(node) in seen:
            continue
        seen.add(id(node))
        for key, value in node.items():
            if type(key) is not str or not (key.startswith("x-") or key in ("default", "example") or _plain_value(key, value, format_checker, stack)):
                return False
    return True


def _plain_value(key: str, value: Any, format_checker: Any, schemas: list[Any]) -> bool:
    """Whether `value` is plainly valid for the keyword `key`; the schemas inside it are added to `schemas`."""
    kind = type(value)
    if key in TEXTS:
        return kind is str
    if key == "type":
        return kind is str and value in TYPES
    if key == "properties":
        return kind is dict and _inside(schemas, value.values())
    if key == "items":
        return kind is dict and _inside(schemas, [value])
    if key == "additionalProperties":
        return kind is bool or (kind is dict and _inside(schemas, [value]))
    if key == "allOf":
        return kind is list and bool(value) and _inside(schemas, value)
    if key in ("required", "enum"):  # strings (and an enum's integers: HTTP status codes), each once
        return bool(value) and _distinct(value, (str,) if key == "required" else (str, int))
    if key in FLAGS:
        return kind is bool
    if key in BOUNDS:
        return kind is int or kind is float
    if key == "multipleOf":
        return (kind is int or kind is float) and value > 0
    if key in COUNTS:
        return kind is int and value >= 0
    if key == "pattern":
        return kind is str and (format_checker is None or format_checker.conforms(value, "regex"))
    return False


def _inside(schemas: list[Any], found: Iterable[Any]) -> bool:
    schemas.extend(found)
    return True


def plain_path_item(item: Any) -> bool:
    """Whether a path item whose parameter lists were emptied (validation checks each parameter on its own) is
    surely valid against the Swagger 2.0 schema's pathItem: operations of plain fields (text, lists of distinct
    strings, a flag) and of responses each with a description and a `plain` schema, vendor extensions aside.
    False says nothing: the validator decides. Checking a cluster's thousands of operations with the validator
    costs a third of validating its paths.
    """
    if type(item) is not dict:
        return False
    for key, value in item.items():
        if type(key) is not str or not (key.startswith("x-") or _plain_item_member(key, value)):
            return False
    return True


def _plain_item_member(key: str, value: Any) -> bool:
    if key == "$ref":
        return type(value) is str
    if key == "parameters":
        return type(value) is list and not value
    return key in METHODS and _plain_operation(value)


def _plain_operation(operation: Any) -> bool:
    if type(operation) is not dict or "responses" not in operation:
        return False
    for key, value in operation.items():
        if type(key) is not str:
            return False
        if key.startswith("x-"):
            continue
        if key in ("summary", "description", "operationId"):
            plainly = type(value) is str
        elif key in ("tags", "produces", "consumes", "schemes"):
            plainly = _distinct(value, (str,)) and (key != "schemes" or SCHEMES.issuperset(value))
        elif key == "deprecated":
            plainly = type(value) is bool
        elif key == "parameters":
            plainly = type(value) is list and not value
        else:
            plainly = key == "responses" and _plain_responses(value)
        if not plainly:
            return False
    return True


def _plain_responses(responses: Any) -> bool:
    """At least one response (only vendor extensions is not enough), each under a status code or `default`."""
    if type(responses) is not dict:
        return False
    statuses = 0
    for key, value in responses.items():
        if type(key) is not str:
            return False
        if key.startswith("x-"):
            continue
        if not (_STATUS.fullmatch(key) and _plain_response(value)):
            return False
        statuses += 1
    return statuses > 0


def _plain_response(response: Any) -> bool:
    """A description and a plain schema: a response (never a JSON reference), and the schema never a file's."""
    if type(response) is not dict or type(response.get("description")) is not str:
        return False
    for key, value in response.items():
        if not (key == "description" or (type(key) is str and key.startswith("x-")) or (key == "schema" and plain(value, None))):
            return False
    return True


def _distinct(value: Any, kinds: tuple[type, ...]) -> bool:
    """A list of values of these exact types (no bool for int), each once."""
    return type(value) is list and all(type(item) in kinds for item in value) and len(set(value)) == len(value)
