"""What an OpenAPI document says of each component schema's properties: the JSON key,
integer or float, nullable. The independent check of what read/ts_sources.py reads from
an SDK's TypeScript sources, written from the OpenAPI specification alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

Number = Literal["int", "float"]
Schema = dict[str, Any]


@dataclass(frozen=True)
class SpecProperty:
    """One property of a component schema, as the spec says it."""

    key: str
    number: Number | None
    """`int` for `type: integer`, `float` for `type: number` (alone, as array items or as
    map values; through anyOf/oneOf); None when the property holds no number."""
    nullable: bool
    """`nullable: true`, `type: [..., "null"]` or an anyOf/oneOf option that is null."""
    required: bool
    """Listed in `required` (of the schema or one of its allOf members)."""


def component_properties(document: Schema) -> dict[str, dict[str, SpecProperty]]:
    """Component schema name → its properties (allOf members merged) by JSON key."""
    schemas: Schema = document.get("components", {}).get("schemas", {}) or {}
    found: dict[str, dict[str, SpecProperty]] = {}
    for name, schema in schemas.items():
        properties = _properties(schema, schemas, depth=0)
        required = _required(schema, schemas, depth=0)
        if properties:
            found[name] = {
                key: SpecProperty(
                    key, _number(value, schemas), _nullable(value, schemas), key in required
                )
                for key, value in properties.items()
            }
    return found


def normalized(name: str) -> str:
    """A name as names are compared across spec and SDK: letters and digits, lower case."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _deref(schema: Any, schemas: Schema) -> Schema:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        target = schema["$ref"].rpartition("/")[2]
        resolved = schemas.get(target)
        return resolved if isinstance(resolved, dict) else {}
    return schema if isinstance(schema, dict) else {}


def _properties(schema: Any, schemas: Schema, depth: int) -> dict[str, Schema]:
    schema = _deref(schema, schemas)
    merged: dict[str, Schema] = {}
    if depth < 8:
        for member in schema.get("allOf", []) or []:
            merged.update(_properties(member, schemas, depth + 1))
    merged.update(schema.get("properties", {}) or {})
    return merged


def _required(schema: Any, schemas: Schema, depth: int) -> set[str]:
    schema = _deref(schema, schemas)
    required = set(schema.get("required", []) or [])
    if depth < 8:
        for member in schema.get("allOf", []) or []:
            required |= _required(member, schemas, depth + 1)
    return required


def _types(schema: Schema) -> list[str]:
    kind = schema.get("type")
    return [kind] if isinstance(kind, str) else list(kind or [])


def _options(schema: Schema) -> list[Any]:
    return [*(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]


def _nullable(schema: Any, schemas: Schema, depth: int = 0) -> bool:
    if not isinstance(schema, dict) or depth > 4:
        return False
    if schema.get("nullable") is True or "null" in _types(schema):
        return True
    if "$ref" in schema:
        return _nullable(_deref(schema, schemas), schemas, depth + 1)
    members = [*_options(schema), *(schema.get("allOf") or [])]
    if schema.get("allOf") and not _options(schema):
        return all(_nullable(m, schemas, depth + 1) for m in schema["allOf"])
    return any(_nullable(m, schemas, depth + 1) for m in members)


def _number(schema: Any, schemas: Schema) -> Number | None:
    """Integer or float, looking through arrays, maps and unions but not through $refs
    (a named schema is a model of its own in the SDK, not a `number`)."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return None
    kinds = _types(schema)
    found: set[Number] = set()
    if "integer" in kinds:
        found.add("int")
    if "number" in kinds:
        found.add("float")
    inner = [*_options(schema), *(schema.get("allOf") or [])]
    if "array" in kinds:
        inner.append(schema.get("items"))
    if isinstance(schema.get("additionalProperties"), dict) and not schema.get("properties"):
        inner.append(schema["additionalProperties"])
    for member in inner:
        kind = _number(member, schemas)
        if kind is not None:
            found.add(kind)
    if not found:
        return None
    return "float" if "float" in found else "int"
