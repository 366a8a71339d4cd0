"""What a zod schema expression accepts: null, absence, integers, a default (zod v3
chains, zod v4 and v4-mini functions, the SDKs' `types.*` helpers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from generator.read.ts.nodes import _named, _text
from generator.read.ts_facts import NumberKind
from generator.record import record

_ZOD = frozenset({"z", "types"})
"""Namespaces whose functions build schemas: zod itself and Speakeasy's `types` helpers."""


_NUMBERS: dict[str, NumberKind] = {
    "number": "float",
    "float": "float",
    "float32": "float",
    "float64": "float",
    "coerce.number": "float",
    "int": "int",
    "int32": "int",
    "uint32": "int",
    "safeint": "int",
}


_LEAVES = frozenset(
    "string boolean any unknown date literal enum nativeEnum instanceof custom never bigint"
    " object strictObject looseObject transform symbol void file tuple json email url uuid"
    " coerce.string coerce.boolean coerce.date coerce.bigint".split()
)
"""Schema functions that hold no number and say nothing about null or absence."""


_WRAPPERS = frozenset(
    "transform pipe refine superRefine describe datetime date time email url uuid min max"
    " length regex brand readonly catch check overwrite".split()
)
"""Chained methods that leave what JSON the schema accepts as their receiver says."""


@record
class _Call:
    """A call taken apart: `z.name(args)` (zod), `receiver.name(args)` (method) or
    `name(args)` (function)."""

    kind: str
    name: str
    args: list[Node]
    receiver: Node | None = None


def _call(node: Node) -> _Call | None:
    if node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    args = _named(node.child_by_field_name("arguments"))
    if fn is None:
        return None
    if fn.type == "identifier":
        return _Call("function", _text(fn), args)
    if fn.type != "member_expression":
        return None
    obj = fn.child_by_field_name("object")
    prop = _text(fn.child_by_field_name("property") or fn)
    if obj is None:
        return None
    if obj.type == "identifier" and _text(obj) in _ZOD:
        return _Call("zod", prop, args)
    inner = obj.child_by_field_name("object") if obj.type == "member_expression" else None
    if inner is not None and inner.type == "identifier" and _text(inner) in _ZOD:
        return _Call("zod", f"{_text(obj.child_by_field_name('property') or obj)}.{prop}", args)
    return _Call("method", prop, args, obj)


@dataclass(slots=True)
class _Accepts:
    """What one field's schema accepts."""

    optional: bool = False
    defaulted: bool = False
    """It has a default (`.default(x)`): absent in one direction, filled in the other."""
    nullable: bool = False
    anything: bool = False
    """`z.any()` or `z.unknown()`, which take an absent key as well."""
    numbers: set[str] = field(default_factory=set)
    unknown: Node | None = None
    """The first construct not understood."""


def _walk(node: Node | None, acc: _Accepts) -> None:
    """Add to `acc` what the schema `node` accepts; another model's schema (`X$inboundSchema`,
    `X$.inboundSchema`) is a leaf."""
    if node is None or node.type in ("identifier", "member_expression"):
        return
    if node.type in ("parenthesized_expression", "arrow_function"):
        inner = node.child_by_field_name("body") if node.type == "arrow_function" else None
        _walk(inner if inner is not None else next(iter(_named(node)), None), acc)
        return
    call = _call(node)
    if call is None or call.kind == "function":
        acc.unknown = acc.unknown or node
    elif call.kind == "zod":
        _walk_zod(node, call, acc)
    else:
        _walk_method(node, call, acc)


def _walk_zod(node: Node, call: _Call, acc: _Accepts) -> None:
    name, args = call.name, call.args
    first = args[0] if args else None
    if name in ("optional", "nullable", "nullish", "_default", "default", "prefault"):
        acc.optional |= name in ("optional", "nullish")
        acc.defaulted |= name in ("_default", "default", "prefault")
        acc.nullable |= name in ("nullable", "nullish")
        _walk(first, acc)
    elif name in ("null", "undefined"):
        acc.nullable |= name == "null"
        acc.optional |= name == "undefined"
    elif name in ("array", "set", "lazy", "pipe", "readonly"):
        _walk(first, acc)
    elif name in ("record", "map", "partialRecord"):
        _walk(args[-1] if args else None, acc)
    elif name in ("union", "discriminatedUnion", "intersection"):
        options = args[-1] if name != "intersection" and args else None
        for option in _named(options) if options is not None else args:
            _walk(option, acc)
    elif name in _NUMBERS:
        acc.numbers.add(_NUMBERS[name])
    elif name in ("any", "unknown"):
        acc.anything = True
    elif name not in _LEAVES and not name.startswith("iso."):
        acc.unknown = acc.unknown or node


def _walk_method(node: Node, call: _Call, acc: _Accepts) -> None:
    name = call.name
    if name in ("optional", "nullable", "nullish", "default", "prefault"):
        acc.optional |= name in ("optional", "nullish")
        acc.defaulted |= name in ("default", "prefault")
        acc.nullable |= name in ("nullable", "nullish")
        _walk(call.receiver, acc)
    elif name == "int":
        inner = _Accepts()
        _walk(call.receiver, inner)
        acc.optional |= inner.optional
        acc.nullable |= inner.nullable
        acc.numbers |= {"int" if kind == "float" else kind for kind in inner.numbers}
        acc.unknown = acc.unknown or inner.unknown
    elif name in ("or", "and"):
        _walk(call.receiver, acc)
        _walk(call.args[0] if call.args else None, acc)
    elif name == "array" or name in _WRAPPERS:
        _walk(call.receiver, acc)
    else:
        acc.unknown = acc.unknown or node
