"""What the configuration decides beyond the docs, applied to the parsed IR once, here,
before references are bound: after this no stage reads a policy from the config.

- overrides: per-field types and JSON keys (`[tool.docs2models.types]` / `.wire`), and the
  wire-name policy; a key that names no documented field is an error (a silent no-op
  would hide a typo), and so are two fields of one model that would share a JSON key;
- allow-unknown: what the parser found unknown (a type, a doc of unknown sections) is an
  error, or with allow-unknown a warning (`decide`), and an `Unknown` type is `any`;
- number: a documented `number` becomes the `Number` the config says (float, int, both);
- the SDK's TypeScript sources, when given (resolve/facts.py): JSON keys, int or float,
  `null`, the type of other keys, and a warning wherever they and the doc disagree;
- deprecation: descriptions become the text the docstrings show (`Deprecated: …`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from generator.config import Config, ConfigError, parse_field_key
from generator.errors import Diagnostic, DocError, Location, Severity, error
from generator.ir import (
    CheckedDoc,
    CheckedType,
    Example,
    Field,
    Model,
    NullableFrom,
    Number,
    ParsedDoc,
    ParsedLeaf,
    ParsedType,
    Primitive,
    Unknown,
    WireFrom,
    map_leaves,
    map_primitives,
    map_types,
    updated,
)
from generator.parse.type_tokens import CellContext
from generator.parse.types import parse_type
from generator.read.markdown import read_markdown
from generator.read.rawdoc import Paragraph
from generator.read.ts_facts import FieldFacts, SourceFacts
from generator.resolve import facts as sourced
from generator.resolve import names as naming

FieldKey = tuple[str, str]
"""A config key `Model.field` as (model, field)."""


def apply(
    docs: list[ParsedDoc], config: Config, facts: SourceFacts | None = None
) -> tuple[list[CheckedDoc], list[Diagnostic]]:
    """The docs with every policy of the config (and the facts of the TypeScript sources,
    when given) applied, and the diagnostics that gives. A config key that names no field
    of these docs raises ConfigError: give this the whole doc set (`apply_one` and
    `check_all_used` do the two halves)."""
    result: list[CheckedDoc] = []
    diags: list[Diagnostic] = []
    used: set[FieldKey] = set()
    for doc in docs:
        checked, found, keys = apply_one(doc, config, facts)
        result.append(checked)
        diags += found
        used |= keys
    check_all_used(used, config)
    return result, diags


def apply_one(
    parsed: ParsedDoc, config: Config, facts: SourceFacts | None = None
) -> tuple[CheckedDoc, list[Diagnostic], frozenset[FieldKey]]:
    """One doc with every policy of the config applied; its diagnostics (an error where two
    fields would share one JSON key, for each unknown type an error, a warning with
    allow-unknown, and where the doc and the sources disagree a warning); and the config
    keys it used, for `check_all_used`.

    With `facts`, a field's JSON key comes from the first of: the config's wire override,
    the sources, the wire-names policy, the documented name; the int/float of its
    `number`s from a type override, the sources, the number policy; whether it takes
    `null` from the sources (else, as without them, an optional field does)."""
    overrides = _Overrides(config)
    diags: list[Diagnostic] = []
    doc = parsed
    if isinstance(doc, Model):
        known = sourced.model_facts(doc, facts)
        if facts is not None:
            diags += sourced.cross_check(doc, facts)
        fields = [
            _field(f, doc, known.fields.get(f.name) if known else None, overrides, config)
            for f in doc.fields
        ]
        extra, found = sourced.extra_keys(doc, known) if known else (doc.extra, [])
        diags += found
        doc = updated(doc, fields=tuple(fields), extra=extra)
        diags.extend(_shared_keys(fields))
    doc = updated(doc, description=doc_text(doc.description, doc.deprecated))
    return map_types(doc, _TypePolicy(config, diags)), diags, frozenset(overrides.used)


class _Overrides:
    """The config's per-field types and JSON keys, and which of them were used."""

    def __init__(self, config: Config) -> None:
        self.where = config.source or "the command line"
        self.types = {parse_field_key(k, self.where): v for k, v in config.mode.types}
        self.wire = {parse_field_key(k, self.where): v for k, v in config.mode.wire}
        self.used: set[FieldKey] = set()


def _field(
    f: Field[ParsedLeaf],
    doc: Model[ParsedLeaf, Example],
    source: FieldFacts | None,
    overrides: _Overrides,
    config: Config,
) -> Field[ParsedLeaf]:
    """One field with its JSON key, numbers and nullability decided (and where each came
    from), and its docstring text."""
    key = (doc.name, f.name)
    if key in overrides.types or key in overrides.wire:
        overrides.used.add(key)
    wire, wire_from = _wire(f.name, overrides.wire.get(key), source, config)
    override = None
    if key in overrides.types:
        override = _parse_override(overrides.types[key], doc, f, overrides.where)
    type_, number_from = sourced.numbers(f.type, override, source)
    nullable: bool | None = None
    nullable_from: NullableFrom | None = None
    if source is not None:
        nullable, nullable_from = source.nullable, "sources"
    elif f.required and _example_is_null(doc.example, f.name):
        nullable, nullable_from = True, "example"
    return updated(
        f,
        wire=wire,
        type=type_,
        description=doc_text(f.description, f.deprecated),
        nullable=nullable,
        wire_from=wire_from,
        number_from=number_from,
        nullable_from=nullable_from,
    )


def _example_is_null(example: object, name: str) -> bool:
    """Whether the doc's own `## Example Usage` gives field `name` the value `null`.
    Speakeasy writes `null` there only for a field whose schema takes it (in the real
    corpora the SDK's sources say so of every required field shown as `null`), so such a
    required field must read `null` too, or the doc's own example would not load."""
    return isinstance(example, dict) and name in example and example[name] is None


def check_all_used(used: set[FieldKey], config: Config) -> None:
    """ConfigError for the first config key that no doc used: a silent no-op would hide
    a typo."""
    where = config.source or "the command line"
    wanted = {parse_field_key(k, where) for k, _ in (*config.mode.types, *config.mode.wire)}
    unused = sorted(wanted - used)
    if unused:
        model, name = unused[0]
        raise ConfigError(f"{where}: `{model}.{name}` names no documented field")


class _TypePolicy:
    """One parsed type → its checked type: unknown types decided, numbers made `Number`."""

    def __init__(self, config: Config, diags: list[Diagnostic]) -> None:
        self.config = config
        self.diags = diags

    def __call__(self, t: ParsedType, loc: Location) -> CheckedType:
        known: CheckedType = map_leaves(
            t, lambda leaf: self.unknown(leaf, loc) if isinstance(leaf, Unknown) else leaf
        )
        return map_primitives(known, self.number)

    def unknown(self, leaf: Unknown, loc: Location) -> CheckedType:
        """`any`: the parser reported the type already (see `decide`)."""
        return Primitive("any")

    def number(self, t: Primitive) -> CheckedType:
        return Number(self.config.number) if t.name == "number" else t


def decide(diagnostics: Iterable[Diagnostic], config: Config) -> list[Diagnostic]:
    """The diagnostics as the run reports them: an error that --allow-unknown allows
    (`if_allowed`) becomes its warning when the config allows unknown types."""
    return [
        d if d.if_allowed is None else (d.if_allowed if config.allow_unknown else _plain(d))
        for d in diagnostics
    ]


def _plain(diagnostic: Diagnostic) -> Diagnostic:
    return dataclasses.replace(diagnostic, if_allowed=None)


def doc_text(description: str, deprecated: bool) -> str:
    """The docstring text for a description: Speakeasy's `: warning: ** DEPRECATED **:`
    marker reads `Deprecated:`, and a deprecated item without one starts `Deprecated.`"""
    text = description
    for marker in (": warning: ** DEPRECATED **:", ":warning: **DEPRECATED**:"):
        if text.startswith(marker):
            text = "Deprecated:" + text[len(marker) :]
    if deprecated and not text.lower().startswith("deprecated"):
        text = f"Deprecated.\n\n{text}" if text else "Deprecated."
    return text


def _shared_keys(fields: list[Field[ParsedLeaf]]) -> list[Diagnostic]:
    first: dict[str, Field[ParsedLeaf]] = {}
    out: list[Diagnostic] = []
    for f in fields:
        other = first.setdefault(f.wire, f)
        if other is not f:
            out.append(
                error(
                    f.loc,
                    f"fields `{other.name}` (line {other.loc.line}) and `{f.name}` would both "
                    f"use the JSON key `{f.wire}`",
                    "give one of them another key with [tool.docs2models.wire] or --wire",
                    code="duplicate-key",
                )
            )
    return out


def _wire(
    documented: str, override: str | None, source: FieldFacts | None, config: Config
) -> tuple[str, WireFrom]:
    """A field's JSON key and where it came from, the first that says: the config's
    override, the sources, the wire-names policy, the doc."""
    if override:
        return override, "override"
    if source is not None:
        return source.wire, "sources"
    if config.wire_names != "as-documented":
        return _policy_wire(documented, config), "policy"
    return documented, "doc"


def _policy_wire(documented: str, config: Config) -> str:
    if config.wire_names == "snake_case":
        return naming.snake_case(documented) or documented
    if config.wire_names == "camelCase":
        return naming.camel_case(documented) or documented
    return documented


def _parse_override(
    text: str, doc: Model[ParsedLeaf, Example], f: Field[ParsedLeaf], where: str
) -> ParsedType:
    """A type written in the docs' syntax (`integer`, `string[]`, `Record<string, number>`),
    read by the same grammar as a Type cell, as if it stood in the field's own row."""
    raw = read_markdown(doc.id, text)
    blocks = [b for b in raw.blocks if isinstance(b, Paragraph)]
    if len(blocks) != 1:
        raise ConfigError(f"{where}: type for `{doc.name}.{f.name}` is not one type: {text!r}")
    try:
        ctx = CellContext(doc.id, Location(doc.id, f.loc.line), construct="type override")
        type_, found = parse_type(blocks[0].inlines, ctx, text.strip())
    except DocError as exc:  # say it about the config, not the doc
        message = exc.diagnostic.message
        raise ConfigError(f"{where}: type for `{doc.name}.{f.name}`: {message}") from None
    problems = [d.message for d in found if d.severity is Severity.ERROR]
    if problems:
        raise ConfigError(f"{where}: type for `{doc.name}.{f.name}`: {problems[0]}")
    return type_
