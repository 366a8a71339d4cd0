"""What the configuration says beyond the docs: per-field types and JSON keys, and the
wire-name policy. Applied to the parsed IR before references are bound.

A key that names no documented field is an error: a silent no-op would hide a typo.
"""

from __future__ import annotations

import dataclasses

from . import naming
from .config import Config, ConfigError, parse_field_key
from .errors import Diagnostic, DocError, Location, error
from .ir import Doc, Field, Model, TypeExpr
from .markdown import Paragraph, read_markdown
from .types import CellContext, parse_type


def apply(docs: list[Doc], config: Config) -> tuple[list[Doc], list[Diagnostic]]:
    """The docs with the config's field types and wire names in place, and an error for
    every model where two fields would share one JSON key."""
    where = config.source or "the command line"
    wanted_types = {parse_field_key(k, where): v for k, v in config.types.items()}
    wanted_wire = {parse_field_key(k, where): v for k, v in config.wire.items()}
    used: set[tuple[str, str]] = set()
    result: list[Doc] = []
    diags: list[Diagnostic] = []
    for doc in docs:
        if not isinstance(doc, Model):
            result.append(doc)
            continue
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
        result.append(dataclasses.replace(doc, fields=tuple(fields)) if changed else doc)
        diags.extend(_shared_keys(fields))
    unused = sorted((set(wanted_types) | set(wanted_wire)) - used)
    if unused:
        model, name = unused[0]
        raise ConfigError(f"{where}: `{model}.{name}` names no documented field")
    return result, diags


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
