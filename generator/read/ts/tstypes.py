"""TypeScript `type X = {...}` declarations: each property's documented name, whether it
may be absent or null, and whether its type holds a `number`."""

from __future__ import annotations

from tree_sitter import Node

from generator.read.ts.nodes import _key, _named, _Problems, _text
from generator.record import record


@record
class _Prop:
    name: str
    optional: bool
    nullable: bool
    """Its type holds `null` (`string | null`)."""
    number: bool
    """Its type holds `number` (alone, in a union, an array or a record's values)."""
    node: Node


@record
class _ObjectType:
    name: str
    props: dict[str, _Prop]
    extra: str | None
    node: Node


def _holds_number(node: Node | None) -> bool:
    if node is None:
        return False
    kind = node.type
    if kind == "predefined_type":
        return _text(node) == "number"
    if kind in ("union_type", "parenthesized_type", "array_type", "type_annotation"):
        return any(_holds_number(c) for c in _named(node))
    if kind == "generic_type" and _text(node.child_by_field_name("name") or node) in (
        "Array",
        "Record",
    ):
        args = _named(node.child_by_field_name("type_arguments"))
        return bool(args) and _holds_number(args[-1])
    if kind == "object_type":
        members = _named(node)
        return (
            len(members) == 1
            and members[0].type == "index_signature"
            and (_holds_number(members[0].child_by_field_name("type")))
        )
    return False


def _holds_null(node: Node | None) -> bool:
    if node is None:
        return False
    if node.type == "literal_type":
        return _text(node) == "null"
    if node.type in ("union_type", "parenthesized_type", "type_annotation"):
        return any(_holds_null(c) for c in _named(node))
    return False


def _index_value(node: Node | None) -> str | None:
    """`T` of `{ [k: string]: T }` (or of a bare type annotation holding one)."""
    if node is not None and node.type == "type_annotation":
        node = next(iter(_named(node)), None)
    if node is None or node.type != "object_type":
        return None
    members = _named(node)
    if len(members) != 1 or members[0].type != "index_signature":
        return None
    value = members[0].child_by_field_name("type")
    return _type_text(value)


def _type_text(annotation: Node | None) -> str | None:
    if annotation is None:
        return None
    inner = _named(annotation) if annotation.type == "type_annotation" else [annotation]
    return " ".join(_text(inner[0]).split()) if inner else None


def _object_type(name: str, value: Node, problems: _Problems) -> _ObjectType:
    props: dict[str, _Prop] = {}
    extra = None
    for member in _named(value):
        if member.type == "index_signature":
            extra = _type_text(member.child_by_field_name("type"))
            continue
        key_node = member.child_by_field_name("name")
        key = _key(key_node) if key_node is not None else None
        if member.type != "property_signature" or key is None:
            problems.add(member, f"{name}: a member that is not a property: {_text(member)}")
            continue
        optional = any(c.type == "?" for c in member.children)
        kind = member.child_by_field_name("type")
        props[key] = _Prop(key, optional, _holds_null(kind), _holds_number(kind), member)
    return _ObjectType(name, props, extra, value)
