"""What the SDK's TypeScript sources (read/ts_facts.py) add to one model doc, and where the
two disagree.

The docs stay the source of structure, names and prose. The sources give each field's JSON
key, int or float for its `number`s and whether it takes `null`, and the value type of a
model's other keys when the doc does not say it. Every disagreement is a warning at the
doc's line that names the source's `file.ts:line` too; nothing is guessed.
"""

from __future__ import annotations

from generator.errors import Diagnostic, Location, warning
from generator.ir import (
    EXTRA_KEYS_FIELD,
    Example,
    ExtraKeys,
    Field,
    ListOf,
    Literal,
    MapOf,
    Model,
    Number,
    NumberFrom,
    ParsedLeaf,
    ParsedType,
    Primitive,
    UnionOf,
    map_primitives,
)
from generator.read.ts_facts import FieldFacts, ModelFacts, SourceFacts, model_for

CODE = "ts-source"
"""The kind of every warning about the sources."""

_EXTRA_TYPES: dict[str, ParsedType] = {
    "any": Primitive("any"),
    "unknown": Primitive("any"),
    "string": Primitive("string"),
    "boolean": Primitive("boolean"),
    "number": Primitive("number"),
    "int": Number("int"),
    "integer": Number("int"),
    "float": Number("float"),
    "bigint": Primitive("integer"),
}
"""TypeScript's spellings of an extra keys' value type (as the sources reader gives them),
as parsed types: `number` is left to the number policy, as a documented `number` is."""


GLOBALS = "Globals"
"""Speakeasy's `XGlobals` docs list SDK-wide parameters (headers, query values), not a JSON
body: the sources give them no schema, and a doc of them is not checked against them."""


def model_facts(doc: Model[ParsedLeaf, Example], facts: SourceFacts | None) -> ModelFacts | None:
    """What the sources say of the doc's model: found by its `# Name`, in the namespace of
    the doc's folder (`operations/customer.md`: `operations.Customer` first)."""
    if facts is None:
        return None
    namespace = doc.id.split("/", 1)[0] if "/" in doc.id else ""
    return model_for(facts, namespace, doc.name)


def numbers(
    documented: ParsedType, override: ParsedType | None, known: FieldFacts | None
) -> tuple[ParsedType, NumberFrom | None]:
    """A field's type with the sources' int/float for each `number` in it, and where that
    came from: an explicit type override wins (it stays as written), then the sources, then
    the `number` policy (applied later, to whatever `number` is left). None when the field
    holds no `number`."""
    if override is not None:
        overridden = _holds_number(documented) or _holds_number(override)
        return override, "override" if overridden else None
    if not _holds_number(documented):
        return documented, None
    if known is None or known.number is None:
        return documented, "policy"
    kind = Number(known.number)
    return map_primitives(documented, lambda p: kind if p.name == "number" else p), "sources"


def extra_keys(
    doc: Model[ParsedLeaf, Example], known: ModelFacts
) -> tuple[ExtraKeys[ParsedLeaf] | None, list[Diagnostic]]:
    """The model's other keys as the sources type them, when the doc does not say; a
    warning when the sources spell a type this does not read."""
    if doc.extra is not None or known.extra is None:
        return doc.extra, []
    type_ = _EXTRA_TYPES.get(known.extra)
    if type_ is None:
        message = (
            f"the TypeScript sources ({known.loc}) give the other keys of `{doc.name}` the "
            f"type `{known.extra}`, which docs2models does not read; they are kept as any JSON"
        )
        return None, [warning(doc.loc, message, code=CODE)]
    return ExtraKeys(type_, "", doc.loc), []


def cross_check(doc: Model[ParsedLeaf, Example], facts: SourceFacts) -> list[Diagnostic]:
    """Warnings where the doc and the sources disagree on the model: a model or field one
    has and the other lacks, a type, a required flag."""
    known = model_facts(doc, facts)
    if known is None and doc.name.endswith(GLOBALS):
        return []
    if known is None:
        message = f"model `{doc.name}` has no schema in the TypeScript sources"
        return [warning(doc.loc, message, code=CODE)]
    found: list[Diagnostic] = []
    for f in doc.fields:
        source = known.fields.get(f.name)
        if source is None and f.name in known.unread:
            continue  # in the sources, but not understood: that has its own warning
        if source is None:
            message = (
                f"field `{f.name}` of `{doc.name}` is not in the TypeScript sources ({known.loc})"
            )
            found.append(warning(f.loc, message, code=CODE))
        else:
            found += _field_checks(f, source)
    documented = {f.name for f in doc.fields} | {EXTRA_KEYS_FIELD}
    for source in known.fields.values():
        if source.name not in documented:
            message = (
                f"field `{source.name}` (JSON key `{source.wire}`) of `{doc.name}` is in the "
                f"TypeScript sources ({source.loc}) but not in the doc"
            )
            found.append(warning(doc.loc, message, code=CODE))
    return found


def _field_checks(f: Field[ParsedLeaf], source: FieldFacts) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    where = f"the TypeScript sources ({source.loc})"
    if _is_number(f.type) and source.number is None:
        found.append(_at(f.loc, f"field `{f.name}` is a number in the doc but not in {where}"))
    elif source.number is not None and _only(f.type, ("string", "boolean")):
        found.append(_at(f.loc, f"field `{f.name}` is a number in {where} but not in the doc"))
    if source.defaulted or _sdk_optional(f.type):
        pass  # filled in when absent, or optional in every Speakeasy SDK: both fair readings
    elif f.required and source.optional:
        found.append(_at(f.loc, f"field `{f.name}` is required in the doc but optional in {where}"))
    elif not f.required and not source.optional:
        found.append(_at(f.loc, f"field `{f.name}` is optional in the doc but required in {where}"))
    return found


def _at(loc: Location, message: str) -> Diagnostic:
    return warning(loc, message, code=CODE)


def _holds_number(t: ParsedType) -> bool:
    """Whether a documented `number` is anywhere in the type."""
    if isinstance(t, Primitive):
        return t.name == "number"
    if isinstance(t, ListOf):
        return _holds_number(t.item)
    if isinstance(t, MapOf):
        return _holds_number(t.value)
    if isinstance(t, UnionOf):
        return any(_holds_number(m) for m in t.members)
    return False


def _is_number(t: ParsedType) -> bool:
    """A `number`, alone or as the items of arrays or records: the shapes whose number the
    sources reader always reports (so that its silence is certain)."""
    while isinstance(t, ListOf | MapOf):
        t = t.item if isinstance(t, ListOf) else t.value
    return t == Primitive("number")


def _only(t: ParsedType, names: tuple[str, ...]) -> bool:
    """Whether every leaf of the type is one of these primitives (so certainly no number)."""
    if isinstance(t, Primitive):
        return t.name in names
    if isinstance(t, ListOf):
        return _only(t.item, names)
    if isinstance(t, MapOf):
        return _only(t.value, names)
    if isinstance(t, UnionOf):
        return all(_only(m, names) for m in t.members)
    return False


def _sdk_optional(t: ParsedType) -> bool:
    """A constant (`"assistant"`) or `any`: Speakeasy's TypeScript SDKs make such a field
    optional whatever the API says (it fills the constant in; `undefined` is an `any`)."""
    return isinstance(t, Literal) or t == Primitive("any")
