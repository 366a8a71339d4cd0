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

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node, Parser

from generator.errors import Diagnostic, Location
from generator.read.ts.nodes import _LANGUAGE, _first_error, _key, _line, _named, _Problems, _text
from generator.read.ts.schemas import _NotUnderstood, _Schema, _unwrap
from generator.read.ts.tstypes import _index_value, _object_type, _ObjectType, _Prop
from generator.read.ts.zod import _NUMBERS, _Accepts, _call, _walk
from generator.read.ts_facts import FieldFacts, ModelFacts, NumberKind, SourceFacts


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
