"""What the configuration says beyond the docs: per-field types and JSON keys, and the
wire-name policy. Applied to the parsed IR before references are bound.

A key that names no documented field is an error: a silent no-op would hide a typo.
"""

from __future__ import annotations

import dataclasses

from generator.config import Config, ConfigError, parse_field_key
from generator.errors import Diagnostic, DocError, Location, error
from generator.ir import Doc, Field, Model, TypeExpr
from generator.parse.types import CellContext, parse_type
from generator.read.markdown import Paragraph, read_markdown
from generator.resolve import names as naming

FieldKey = tuple[str, str]
"""A config key `Model.field` as (model, field)."""


def apply(docs: list[Doc], config: Config) -> tuple[list[Doc], list[Diagnostic]]:
    """The docs with the config's field types and wire names in place, and an error for
    every model where two fields would share one JSON key. A config key that names no
    field of these docs raises ConfigError: give this the whole doc set."""
    result: list[Doc] = []
    diags: list[Diagnostic] = []
    used: set[FieldKey] = set()
    for doc in docs:
        new, found, keys = apply_one(doc, config)
        result.append(new)
        diags += found
        used |= keys
    check_all_used(used, config)
    return result, diags


def apply_one(doc: Doc, config: Config) -> tuple[Doc, list[Diagnostic], frozenset[FieldKey]]:
    """One doc with the config's field types and wire names in place, its diagnostics, and
    the config keys it used (for `check_all_used` over the whole set)."""
    if not isinstance(doc, Model):
        return doc, [], frozenset()
    where = config.source or "the command line"
    wanted_types = {parse_field_key(k, where): v for k, v in config.mode.types}
    wanted_wire = {parse_field_key(k, where): v for k, v in config.mode.wire}
    used: set[FieldKey] = set()
    fields: list[Field] = []
    for f in doc.fields:
        key = (doc.name, f.name)
        wire = wanted_wire.get(key) or _policy_wire(f.name, config)
        type_ = f.type
        if key in wanted_types:
            type_ = _parse_override(wanted_types[key], doc, f, where)
        if key in wanted_types or key in wanted_wire:
            used.add(key)
        changed = wire != f.wire or type_ is not f.type
        fields.append(dataclasses.replace(f, wire=wire, type=type_) if changed else f)
    changed = any(new is not old for new, old in zip(fields, doc.fields, strict=True))
    new_doc = dataclasses.replace(doc, fields=tuple(fields)) if changed else doc
    return new_doc, _shared_keys(fields), frozenset(used)


def check_all_used(used: set[FieldKey], config: Config) -> None:
    """ConfigError for the first config key that no doc used: a silent no-op would hide
    a typo."""
    where = config.source or "the command line"
    wanted = {parse_field_key(k, where) for k, _ in (*config.mode.types, *config.mode.wire)}
    unused = sorted(wanted - used)
    if unused:
        model, name = unused[0]
        raise ConfigError(f"{where}: `{model}.{name}` names no documented field")


def _shared_keys(fields: list[Field]) -> list[Diagnostic]:
    first: dict[str, Field] = {}
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


def _policy_wire(documented: str, config: Config) -> str:
    if config.wire_names == "snake_case":
        return naming.snake_case(documented) or documented
    if config.wire_names == "camelCase":
        return naming.camel_case(documented) or documented
    return documented


def _parse_override(text: str, doc: Model, f: Field, where: str) -> TypeExpr:
    """A type written in the docs' syntax (`integer`, `string[]`, `Record<string, number>`),
    read by the same grammar as a Type cell, as if it stood in the field's own row."""
    raw = read_markdown(doc.id, text)
    blocks = [b for b in raw.blocks if isinstance(b, Paragraph)]
    if len(blocks) != 1:
        raise ConfigError(f"{where}: type for `{doc.name}.{f.name}` is not one type: {text!r}")
    try:
        ctx = CellContext(doc.id, Location(doc.id, f.loc.line), construct="type override")
        type_, _ = parse_type(blocks[0].inlines, ctx, text.strip())
    except DocError as exc:  # say it about the config, not the doc
        message = exc.diagnostic.message
        raise ConfigError(f"{where}: type for `{doc.name}.{f.name}`: {message}") from None
    return type_
