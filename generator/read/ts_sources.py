"""Reading an SDK's TypeScript model sources (Speakeasy's zod schemas) into `SourceFacts`.

Every `*.ts` under the root is parsed with tree-sitter's TypeScript grammar; nothing is
matched with regular expressions over source text. Per file the reader takes:

- each object type (`export type Pet = { ... }`): its property names are the documented
  field names, `?:` marks them optional, an index signature gives the extra keys' type;
- each model's schema: `Pet$inboundSchema` (or `Pet$outboundSchema` for a model the SDK
  only sends), or `inboundSchema` / `outboundSchema` in an `export namespace Pet$ { }`
  (older SDKs). The schema is unwrapped through zod v3 chains (`z.object({...})
  .catchall(T).transform(...)`), zod v4 / mini calls (`z.pipe(z.object({...}),
  z.transform(...))`) and `collectExtraKeys$(...)`; the key map comes from the transform
  (`remap$(v, {"created_at": "createdAt"})`, or an object literal `{ createdAt:
  v.created_at }` in older SDKs). Each field's schema says whether it is nullable and,
  where its TypeScript type holds `number`, whether that is an integer; it is optional
  when its type says `?:`, as the docs do (a schema's `.default(x)` fills it in: required
  in the type of a response, optional in that of a request). Type and schema must agree
  on `null` and absence.

An error model `X` (`class X extends ...Error`) takes its fields from the type `XData`.
Locations are relative to the root (`components/pet.ts:12`): `SourceFacts.root` joined
with `Location.path` is the file. What the reader does not understand is a `ts-source`
warning at its place, and that model or field simply has no facts.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser

from generator.errors import Diagnostic, Location, Severity
from generator.read.ts_facts import FieldFacts, ModelFacts, NumberKind, SourceFacts

_LANGUAGE = Language(tree_sitter_typescript.language_typescript())

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
_EXTRA_PROPERTY = "additionalProperties"


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def _line(node: Node) -> int:
    return node.start_point.row + 1


def _named(node: Node | None) -> list[Node]:
    """The named children that are not comments."""
    return [] if node is None else [c for c in node.named_children if c.type != "comment"]


def _string(node: Node) -> str | None:
    """The value of a string literal (`"a"`, `'a'`), or None when `node` is none."""
    if node.type != "string":
        return None
    parts = []
    for child in node.named_children:
        if child.type == "escape_sequence":
            parts.append(codecs.decode(_text(child), "unicode_escape"))
        else:
            parts.append(_text(child))
    return "".join(parts)


def _key(node: Node) -> str | None:
    """A property's name as written (`a`, `"b-c"`, `1`), None when computed."""
    if node.type in ("property_identifier", "identifier", "number"):
        return _text(node)
    return _string(node)


@dataclass(frozen=True, slots=True)
class _Problems:
    """Where one file's warnings go, each at `file.ts:line`."""

    path: str
    found: list[Diagnostic]

    def add(self, node: Node, message: str) -> None:
        self.at(_line(node), message)

    def at(self, line: int, message: str) -> None:
        loc = Location(self.path, line)
        self.found.append(Diagnostic(loc, Severity.WARNING, message, code="ts-source"))


# --- the TypeScript types: documented names --------------------------------------------


@dataclass(frozen=True, slots=True)
class _Prop:
    name: str
    optional: bool
    nullable: bool
    """Its type holds `null` (`string | null`)."""
    number: bool
    """Its type holds `number` (alone, in a union, an array or a record's values)."""
    node: Node


@dataclass(frozen=True, slots=True)
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


# --- zod schemas: what JSON each field accepts -------------------------------------------


@dataclass(frozen=True, slots=True)
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


# --- a model's schema: its keys and how the transform renames them -----------------------


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


def _descendants(node: Node | None, kind: str) -> Iterator[Node]:
    todo = [node] if node is not None else []
    while todo:
        current = todo.pop()
        if current.type == kind:
            yield current
        todo.extend(reversed(current.named_children))


def _calls_named(node: Node | None, names: tuple[str, ...]) -> Iterator[Node]:
    for call in _descendants(node, "call_expression"):
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "identifier" and _text(fn) in names:
            yield call


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


# --- one file: its types, schemas and error classes -------------------------------------


@dataclass(slots=True)
class _File:
    types: dict[str, _ObjectType] = field(default_factory=dict)
    schemas: dict[tuple[str, str], Node] = field(default_factory=dict)
    """(model name, "in" | "out") → the schema expression."""
    classes: set[str] = field(default_factory=set)


def _declarations(program: Node) -> Iterator[tuple[str, Node]]:
    """(namespace, declaration) for the top level and `namespace X$ { }` bodies."""
    for statement in _named(program):
        node = statement.child_by_field_name("declaration") or statement
        if node.type == "expression_statement":
            node = next(iter(_named(node)), node)
        if node.type in ("internal_module", "module"):
            name = _text(node.child_by_field_name("name") or node)
            for inner in _named(node.child_by_field_name("body")):
                yield name, inner.child_by_field_name("declaration") or inner
        else:
            yield "", node


def _read_file(program: Node, problems: _Problems) -> _File:
    found = _File()
    for namespace, node in _declarations(program):
        if node.type == "class_declaration":
            found.classes.add(_text(node.child_by_field_name("name") or node))
        elif node.type == "type_alias_declaration" and not namespace:
            name = _text(node.child_by_field_name("name") or node)
            value = node.child_by_field_name("value")
            if value is not None and value.type == "object_type" and "$" not in name:
                found.types[name] = _object_type(name, value, problems)
        elif node.type == "lexical_declaration":
            for declarator in _named(node):
                _schema_declaration(namespace, declarator, found)
    return found


def _schema_declaration(namespace: str, declarator: Node, found: _File) -> None:
    name = _text(declarator.child_by_field_name("name") or declarator)
    value = declarator.child_by_field_name("value")
    if value is None or value.type in ("identifier", "member_expression"):
        return  # an alias of another schema
    if namespace.endswith("$") and name in ("inboundSchema", "outboundSchema"):
        model, direction = namespace[:-1], name[: -len("boundSchema")]
    elif name.endswith(("$inboundSchema", "$outboundSchema")):
        model, _, direction = name.partition("$")
        direction = direction[: -len("boundSchema")]
    else:
        return
    found.schemas.setdefault((model, direction), value)


# --- models: a type and its schema together ---------------------------------------------


def _models(found: _File, problems: _Problems) -> Iterator[ModelFacts]:
    for type_name, object_type in found.types.items():
        name = type_name
        if type_name.endswith("Data") and type_name[:-4] in found.classes:
            name = type_name[:-4]  # an error class's fields
        direction = "in" if (name, "in") in found.schemas else "out"
        schema_node = found.schemas.get((name, direction))
        if schema_node is None:
            if not type_name.endswith("Globals"):  # SDK-wide parameters, never JSON
                problems.add(object_type.node, f"{type_name}: no schema for this type")
            continue
        try:
            schema = _unwrap(schema_node)
        except _NotUnderstood as error:
            problems.add(error.node, f"{name}: {error.what}")
            continue
        yield _model(name, object_type, schema, direction == "in", problems)


def _model(
    name: str,
    object_type: _ObjectType,
    schema: _Schema,
    inbound: bool,
    problems: _Problems,
) -> ModelFacts:
    fields: dict[str, FieldFacts] = {}
    unread: set[str] = set()
    seen = {schema.extra_property}
    for pair in schema.pairs:
        key_node, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        key = _key(key_node) if key_node is not None else None
        if key is None:
            problems.add(pair, f"{name}: a computed key: {_text(pair)[:60]}")
            continue
        renamed = schema.renames.get(key, key)
        prop, wire = (renamed, key) if inbound else (key, renamed)
        if prop not in object_type.props:
            if not key.endswith("$"):  # request$, response$, body$ of an error class
                problems.add(pair, f"{name}: the key {key!r} is no property of the type")
            continue
        seen.add(prop)
        facts = _field(name, object_type.props[prop], wire, value, problems)
        if facts is not None:
            fields[prop] = facts
        else:
            unread.add(prop)
    for missing in object_type.props.values():
        if missing.name not in seen:
            problems.add(missing.node, f"{name}.{missing.name}: not in the schema")
            unread.add(missing.name)
    extra = _extra(object_type, schema, problems)
    loc = Location(problems.path, _line(object_type.node))
    return ModelFacts(name, fields, extra, loc, frozenset(unread))


def _field(
    model: str, prop: _Prop, wire: str, value: Node | None, problems: _Problems
) -> FieldFacts | None:
    accepts = _Accepts()
    _walk(value, accepts)
    where = value if value is not None else prop.node
    if accepts.unknown is not None:
        problems.add(
            accepts.unknown,
            f"{model}.{prop.name}: not understood: {_text(accepts.unknown)[:60]}",
        )
        return None
    absent_ok = accepts.optional or accepts.defaulted or accepts.anything
    if (
        prop.nullable != accepts.nullable
        or accepts.optional > prop.optional
        or (prop.optional > absent_ok)
    ):
        problems.add(
            where, f"{model}.{prop.name}: the type and the schema disagree on null or absence"
        )
        return None
    number: NumberKind | None = None
    if prop.number:
        if not accepts.numbers:
            problems.add(where, f"{model}.{prop.name}: a number the schema does not read")
            return None
        number = "float" if "float" in accepts.numbers else "int"
    return FieldFacts(
        prop.name,
        wire,
        number,
        accepts.nullable,
        prop.optional,
        Location(problems.path, _line(where)),
        accepts.defaulted,
    )


def _extra(object_type: _ObjectType, schema: _Schema, problems: _Problems) -> str | None:
    """The extra keys' type as TypeScript spells it: from the collecting property's or an
    index signature's type, else from the catchall schema."""
    collector = object_type.props.get(schema.extra_property or "")
    if collector is not None:
        annotation = collector.node.child_by_field_name("type")
        spelled = _index_value(annotation)
        if spelled is not None:
            return spelled
    if object_type.extra is not None:
        return object_type.extra
    if schema.extra is not None:
        spelled = _spell(schema.extra)
        if spelled is None:
            problems.add(schema.extra, f"{object_type.name}: extra keys not understood")
        return spelled
    return "unknown" if schema.loose else None


def _spell(node: Node) -> str | None:
    """A catchall schema as TypeScript spells its type: `z.any()` → `any`, `X$inboundSchema`
    → `X`."""
    if node.type == "identifier":
        return _text(node).partition("$")[0]
    call = _call(node)
    if call is None:
        return None
    if call.kind == "zod" and call.name == "lazy" and call.args:
        return _spell(call.args[0].child_by_field_name("body") or call.args[0])
    if call.kind == "method" and call.name == "int" and call.receiver is not None:
        return _spell(call.receiver)
    if call.kind == "zod" and call.name in ("any", "unknown", "string", "boolean", "number"):
        return call.name
    if call.kind == "zod" and call.name in _NUMBERS:
        return "number"
    return None


# --- the whole folder -------------------------------------------------------------------


def read_sources(root: Path) -> SourceFacts:
    """The facts the TypeScript model sources under `root` give, with a `ts-source` warning
    for every construct not understood. Files are read in path order, so the result is
    the same on every run.

    `SourceFacts.models` is keyed by model name, except for a name that two namespaces
    (the first folder under `root`: `components`, `operations`…) define differently, as
    Speakeasy does for docs like `components/customer.md` and `operations/customer.md`:
    such a model is keyed `namespace.Name` (`operations.Customer`); `model_for` looks a
    doc's model up either way."""
    parser = Parser(_LANGUAGE)
    found: list[Diagnostic] = []
    defined: dict[str, dict[str, ModelFacts]] = {}
    for file in sorted(root.rglob("*.ts"), key=lambda p: p.relative_to(root).as_posix()):
        path = file.relative_to(root).as_posix()
        problems = _Problems(path, found)
        try:
            tree = parser.parse(file.read_bytes())
        except OSError as error:
            problems.at(1, f"unreadable: {error}")
            continue
        if tree.root_node.has_error:
            problems.add(_first_error(tree.root_node), "TypeScript that does not parse")
        namespace = path.rpartition("/")[0].partition("/")[0]
        for model in _models(_read_file(tree.root_node, problems), problems):
            _keep(defined.setdefault(model.name, {}), namespace, model, problems)
    models: dict[str, ModelFacts] = {}
    for name, by_namespace in defined.items():
        if len({_shape(model) for model in by_namespace.values()}) == 1:
            models[name] = next(iter(by_namespace.values()))
        else:
            models.update({f"{ns}.{name}": model for ns, model in by_namespace.items()})
    return SourceFacts(str(root), dict(sorted(models.items())), tuple(found))


def _keep(
    by_namespace: dict[str, ModelFacts], namespace: str, model: ModelFacts, problems: _Problems
) -> None:
    first = by_namespace.setdefault(namespace, model)
    if first is not model and _shape(first) != _shape(model):
        problems.at(
            model.loc.line,
            f"{model.name}: defined again, differently, after {first.loc}; the first is kept",
        )


def _shape(model: ModelFacts) -> tuple[object, ...]:
    """What a model's facts say, without where they were found."""
    return model.extra, *(
        (f.name, f.wire, f.number, f.nullable, f.optional) for f in model.fields.values()
    )


def _first_error(node: Node) -> Node:
    for child in node.children:
        if child.has_error or child.is_missing or child.type == "ERROR":
            return _first_error(child)
    return node
