"""What a cluster's /openapi/v3 knows that its /openapi/v2 dropped: enums, nullable, and nullable CRD fields' schemas.

The apiserver publishes the same definitions under the same names in both
(v3 under components/schemas). v2 leaves out `enum` of built-in types
(descriptions keep "Possible enum values") and clears the type, properties
and items of nullable CRD fields; v3 keeps all of it. `merge` walks each v2
definition beside its v3 schema and copies, in forms Swagger 2.0 can hold:
  * `enum`, where the v2 schema has none (null dropped: that is nullable);
  * `nullable: true`, as `x-nullable: true`;
  * for a field v2 left without any type, the v3 schema itself.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kgen.sources.crd import KEPT

V3_REFS = "#/components/schemas/"
V2_REFS = "#/definitions/"
STRUCTURE = ("properties", "items", "additionalProperties")
# What makes a schema typed, in either version.
TYPED = frozenset({"type", "$ref", "allOf", *STRUCTURE, "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields"})


def schemas(documents: list[Any]) -> dict[str, Any]:
    """The components/schemas of every v3 document, by name."""
    found: dict[str, Any] = {}
    for doc in documents:
        components = doc.get("components") if isinstance(doc, dict) else None
        named = components.get("schemas") if isinstance(components, dict) else None
        if isinstance(named, dict):
            for name, schema in named.items():
                found.setdefault(name, schema)
    return found


def merge(v2: dict[str, Any], v3_schemas: dict[str, Any]) -> Counter[str]:
    """Copy into v2's definitions what v3 adds (in place); how many enums, nullables and schemas were recovered."""
    counts: Counter[str] = Counter()
    definitions = v2.get("definitions")
    if not isinstance(definitions, dict):
        return counts
    stack = [(definitions[name], v3_schemas[name]) for name in sorted(definitions) if name in v3_schemas]
    while stack:
        target, source = stack.pop()
        if not isinstance(target, dict) or not isinstance(source, dict):
            continue
        if source.get("nullable") is True and target.get("x-nullable") is not True:
            target["x-nullable"] = True
            counts["nullable"] += 1
        if not TYPED & set(target) and TYPED & set(source):
            target.update({k: v for k, v in to_v2(source).items() if k not in target})
            counts["schema"] += 1
            continue
        values = source.get("enum")
        if isinstance(values, list) and "enum" not in target and "$ref" not in target:
            target["enum"] = [v for v in values if v is not None]
            counts["enum"] += 1
        for key in STRUCTURE:
            pair = (target.get(key), source.get(key))
            if key == "properties" and isinstance(pair[0], dict) and isinstance(pair[1], dict):
                stack.extend((pair[0][name], pair[1][name]) for name in sorted(pair[0]) if name in pair[1])
            elif key != "properties":
                stack.append(pair)
    return counts


def to_v2(schema: Any) -> Any:
    """A v3 schema in Swagger 2.0 terms: references into definitions, nullable as x-nullable, no anyOf/oneOf/not."""
    if isinstance(schema, list):
        return [to_v2(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$ref" and isinstance(value, str):
            result[key] = V2_REFS + value[len(V3_REFS) :] if value.startswith(V3_REFS) else value
        elif key == "nullable":
            if value is True:
                result["x-nullable"] = True
        elif key == "properties" and isinstance(value, dict):
            result[key] = {name: to_v2(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "allOf"):
            result[key] = to_v2(value)
        elif key in KEPT or key.startswith("x-"):
            result[key] = value
    return result
