"""What an SDK's TypeScript model sources say that its docs lose, per model and field.

The docs stay the source of structure, names and prose; the sources (read by
ts_sources.py) add only each field's JSON key, whether a `number` is an integer, whether
`null` is allowed, and what a model's extra keys hold. Every fact keeps the `file.ts:line`
it came from, so a cross-check can name both files.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from generator.errors import Diagnostic, Location
from generator.record import record

NumberKind = Literal["int", "float"]


@record
class FieldFacts:
    """One property of a model's wire shape."""

    name: str
    """The property as the SDK (and so the docs) names it: `createdAt`."""
    wire: str
    """Its JSON key: `created_at`."""
    number: NumberKind | None
    """For a field whose type holds `number` (alone, in an array or a record's values):
    `int` when the schema says integer (`z.number().int()`, `z.int()`), else `float`.
    None when the type holds no number."""
    nullable: bool
    """The schema accepts `null` for it (`z.nullable(...)`, `.nullable()`, `| null`)."""
    optional: bool
    """The key may be absent (`.optional()`, `?:`)."""
    loc: Location
    """Where the property is in the schema: `src/models/components/pet.ts:42`."""
    defaulted: bool = False
    """The schema fills the key in when it is absent (`.default(x)`): its docs may call it
    required (the property always has a value) or optional (the key may be left out)."""


@record
class ModelFacts:
    """One object model of the sources."""

    name: str
    """The TypeScript type's name, which is the doc's `# Name`: `Pet`."""
    fields: dict[str, FieldFacts]
    """By documented name (`FieldFacts.name`)."""
    extra: str | None
    """The value type of keys the model does not list, as TypeScript spells it (`any`,
    `number`, `string`), when the schema takes them (`.catchall(...)`, an index
    signature); None when it takes none or does not say."""
    loc: Location
    unread: frozenset[str] = frozenset()
    """Properties the model has whose schema the reader did not understand (each with its
    own warning): they have no facts, but they are not missing."""


@record
class SourceFacts:
    """Everything read from one sources folder."""

    root: str
    """The folder, as given (for messages)."""
    models: dict[str, ModelFacts] = field(default_factory=dict)
    """By model name; by `namespace.Name` where two namespaces (the first folder under the
    sources root, as under the docs root) each define a model of that name (`model_for`)."""
    problems: tuple[Diagnostic, ...] = ()
    """Warnings at `file.ts:line` for what the reader did not understand (it guesses
    nothing: such a model or field simply has no facts)."""


def model_for(facts: SourceFacts, namespace: str, name: str) -> ModelFacts | None:
    """The facts of the model a doc in `namespace` (its folder under the docs root:
    `operations` for `operations/customer.md`, "" at the top) names `name`."""
    return facts.models.get(f"{namespace}.{name}") or facts.models.get(name)
