"""A model's schema: its `z.object` keys under the wrappers around it, and how its
transform renames JSON keys to properties (`remap$`, object literals)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from generator.read.ts.nodes import _calls_named, _descendants, _key, _named, _string, _text
from generator.read.ts.zod import _call

_EXTRA_PROPERTY = "additionalProperties"


@dataclass(slots=True)
class _Schema:
    """An object schema taken apart."""

    pairs: list[Node] = field(default_factory=list)
    """The `key: schema` pairs of its `z.object({...})`."""
    renames: dict[str, str] = field(default_factory=dict)
    """Input key → output key, as its transforms rename them."""
    extra: Node | None = None
    """The schema of extra keys (`.catchall(T)`)."""
    loose: bool = False
    """It keeps extra keys of any type (`.passthrough()`, `z.looseObject`)."""
    extra_property: str | None = None
    """The property that collects extra keys (`collectExtraKeys$(..., "additionalProperties")`)."""


class _NotUnderstood(Exception):
    """A construct the reader does not know, at `node`."""

    def __init__(self, node: Node, what: str) -> None:
        super().__init__(what)
        self.node = node
        self.what = what


def _unwrap(node: Node) -> _Schema:
    """The object schema `node` builds, through its wrappers; raises _NotUnderstood."""
    schema = _Schema()
    transforms: list[Node] = []
    while True:
        call = _call(node)
        if call is None:
            raise _NotUnderstood(node, f"not an object schema: {_text(node)[:60]}")
        args, name = call.args, call.name
        if call.kind == "function" and name.rstrip("$") == "collectExtraKeys" and args:
            schema.extra_property = _string(args[1]) if len(args) > 1 else _EXTRA_PROPERTY
            node = args[0]
        elif call.kind == "zod" and name in ("object", "strictObject", "looseObject") and args:
            schema.loose |= name == "looseObject"
            if args[0].type != "object":
                raise _NotUnderstood(args[0], "the fields of z.object(...) are not an object")
            schema.pairs = [p for p in _named(args[0]) if p.type == "pair"]
            break
        elif call.kind == "zod" and name in ("pipe", "catchall") and len(args) == 2:
            if name == "pipe":
                transforms.append(args[1])
            else:
                schema.extra = args[1]
            node = args[0]
        elif (
            call.kind == "method"
            and call.receiver is not None
            and (name in ("transform", "catchall", "passthrough", "strict", "strip"))
        ):
            if name == "transform" and args:
                transforms.append(args[0])
            schema.extra = args[0] if name == "catchall" and args else schema.extra
            schema.loose |= name == "passthrough"
            node = call.receiver
        else:
            raise _NotUnderstood(node, f"not an object schema: {_text(node)[:60]}")
    for transform in reversed(transforms):
        schema.renames = _compose(schema.renames, _renames(transform))
    return schema


def _compose(first: dict[str, str], then: dict[str, str]) -> dict[str, str]:
    composed = {key: then.get(value, value) for key, value in first.items()}
    for key, value in then.items():
        if key not in first.values():
            composed.setdefault(key, value)
    return composed


def _renames(transform: Node) -> dict[str, str]:
    """Input key → output key of one transform: `(v) => remap$(v, {...})`, an object
    literal of `v.key`s, or `new ErrorClass(v, ...)` (no renames)."""
    call = _call(transform)
    if call is not None and call.kind == "zod" and call.name == "transform" and call.args:
        transform = call.args[0]
    if transform.type not in ("arrow_function", "function_expression", "function"):
        raise _NotUnderstood(transform, f"a transform that is no function: {_text(transform)[:60]}")
    body = transform.child_by_field_name("body")
    remap = next(_calls_named(body, ("remap$", "remap")), None)
    if remap is not None:
        args = _named(remap.child_by_field_name("arguments"))
        if len(args) < 2 or args[1].type != "object":
            raise _NotUnderstood(remap, "remap$ without an object literal")
        return _string_pairs(args[1])
    literal = _returned_object(body)
    if literal is not None:
        return _literal_renames(literal)
    if next(_descendants(body, "new_expression"), None) is not None:
        return {}
    raise _NotUnderstood(transform, f"a transform not understood: {_text(transform)[:60]}")


def _string_pairs(literal: Node) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for member in _named(literal):
        key_node, value_node = (
            member.child_by_field_name("key"),
            member.child_by_field_name("value"),
        )
        key = _key(key_node) if key_node is not None else None
        value = _string(value_node) if value_node is not None else None
        if member.type != "pair" or key is None or value is None:
            raise _NotUnderstood(member, f"a remap entry not understood: {_text(member)[:60]}")
        pairs[key] = value
    return pairs


def _returned_object(body: Node | None) -> Node | None:
    """The object literal a transform returns: `=> ({...})` or `{ return {...}; }`."""
    while body is not None and body.type == "parenthesized_expression":
        body = next(iter(_named(body)), None)
    if body is None or body.type == "object":
        return body
    if body.type == "statement_block":
        statements = _named(body)
        if len(statements) == 1 and statements[0].type == "return_statement":
            return _returned_object(next(iter(_named(statements[0])), None))
    return None


def _literal_renames(literal: Node) -> dict[str, str]:
    """`{ out: v.in, "o": v["i"], ...(v.in === undefined ? null : { out: v.in }) }`."""
    renames: dict[str, str] = {}
    for member in _named(literal):
        if member.type == "spread_element":
            alternative = next(_descendants(member, "ternary_expression"), None)
            chosen = alternative.child_by_field_name("alternative") if alternative else None
            if chosen is None or _returned_object(chosen) is None:
                raise _NotUnderstood(member, f"a spread not understood: {_text(member)[:60]}")
            renames.update(_literal_renames(_returned_object(chosen) or chosen))
            continue
        key_node, value = member.child_by_field_name("key"), member.child_by_field_name("value")
        out = _key(key_node) if key_node is not None else None
        source = _read_key(value)
        if member.type != "pair" or out is None or source is None:
            raise _NotUnderstood(member, f"a key mapping not understood: {_text(member)[:60]}")
        renames[source] = out
    return renames


def _read_key(value: Node | None) -> str | None:
    """`in` of `v.in` or `v["in"]`."""
    if value is None:
        return None
    if value.type == "member_expression":
        prop = value.child_by_field_name("property")
        return _text(prop) if prop is not None else None
    if value.type == "subscript_expression":
        index = value.child_by_field_name("index")
        return _string(index) if index is not None else None
    return None
