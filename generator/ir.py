"""The intermediate schema (IR): everything the docs say, as frozen, typed records.

Types form a closed union (`TypeExpr`); every model, field and enum value carries the
`Location` it came from. Python names are not part of the IR: the resolver assigns them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias
from typing import Literal as TypingLiteral

from generator.errors import Diagnostic, Location

DocId: TypeAlias = str
"""A doc's path relative to the specs root, with `/` separators: unique per doc."""

PrimitiveName: TypeAlias = TypingLiteral[
    "string", "number", "integer", "boolean", "any", "datetime", "date", "bytes"
]
LiteralValue: TypeAlias = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Primitive:
    """A scalar type: `*string*`, `*number*`, `*boolean*`, ..."""

    name: PrimitiveName
    kind: ClassVar[str] = "primitive"


@dataclass(frozen=True, slots=True)
class ListOf:
    """`T[]`: a JSON array of `item`."""

    item: TypeExpr
    kind: ClassVar[str] = "list"


@dataclass(frozen=True, slots=True)
class MapOf:
    """`Record<string, T>`: a JSON object with arbitrary keys and `value` values."""

    value: TypeExpr
    kind: ClassVar[str] = "map"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another doc; `label` is the text the doc shows (`models.Property`).

    A link gives the target at once; a bare name (`*components.Pet*`) leaves `target`
    empty until the resolver finds the doc by name.
    """

    target: DocId
    label: str
    kind: ClassVar[str] = "ref"


@dataclass(frozen=True, slots=True)
class Literal:
    """A single allowed value: `*"host"*`, `*true*`, `*42*`."""

    value: LiteralValue
    kind: ClassVar[str] = "literal"


@dataclass(frozen=True, slots=True)
class UnionOf:
    """`A | B`: a value of any one of `members`, in documented order."""

    members: tuple[TypeExpr, ...]
    kind: ClassVar[str] = "union"


TypeExpr: TypeAlias = Primitive | ListOf | MapOf | Ref | Literal | UnionOf


@dataclass(frozen=True, slots=True)
class ExtraColumn:
    """A `## Fields` cell from a column the generator gives no meaning to, kept as text."""

    column: str
    text: str


@dataclass(frozen=True, slots=True)
class Field:
    """One row of a `## Fields` table."""

    name: str
    wire: str
    type: TypeExpr
    required: bool
    deprecated: bool
    description: str
    example: Any
    """The Example cell's value as JSON data (text when it is not JSON), or None."""
    extras: tuple[ExtraColumn, ...]
    loc: Location


EXTRA_KEYS_FIELD = "additionalProperties"
"""The field by which Speakeasy docs say what a model's unlisted keys hold."""


@dataclass(frozen=True, slots=True)
class ExtraKeys:
    """What a model says of the keys it does not list: Speakeasy documents them as a
    field `additionalProperties` of type `Record<string, T>`; `type` is T."""

    type: TypeExpr
    description: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Model:
    """An object doc: a `## Fields` table. `extra` says what its other keys hold, when the
    doc says it; otherwise they are kept as any JSON."""

    id: DocId
    name: str
    description: str
    fields: tuple[Field, ...]
    example_code: str | None
    loc: Location
    deprecated: bool = False
    example: Any = None
    """The example's value as JSON data (from `## Example Usage`), when it could be read."""
    extra: ExtraKeys | None = None
    kind: ClassVar[str] = "model"

    @property
    def free_form(self) -> bool:
        """True for an object that lists no fields and whose keys may hold any JSON: it is
        generated as `dict[str, Any]`, not as a class."""
        return not self.fields and (self.extra is None or self.extra.type == Primitive("any"))

    @property
    def extra_type(self) -> TypeExpr:
        """The type of the values of keys the model does not list."""
        return Primitive("any") if self.extra is None else self.extra.type


@dataclass(frozen=True, slots=True)
class EnumValue:
    """One allowed value of an enum; `name` is set when the doc gives one (table form)."""

    value: str | int
    name: str | None
    loc: Location


@dataclass(frozen=True, slots=True)
class Enum:
    """An enum doc: a `## Values` section. `open` enums accept values not listed."""

    id: DocId
    name: str
    description: str
    values: tuple[EnumValue, ...]
    open: bool
    example_code: str | None
    loc: Location
    deprecated: bool = False
    example: Any = None
    """The example's value as JSON data (from `## Example Usage`), when it could be read."""
    kind: ClassVar[str] = "enum"


@dataclass(frozen=True, slots=True)
class Union:
    """A union doc: `## Supported Types`, one `###` heading per member, in doc order.

    `discriminator` is the JSON key of the field whose single string literal tells the
    members apart, when every member is a model that has one; the resolver sets it.
    """

    id: DocId
    name: str
    description: str
    members: tuple[TypeExpr, ...]
    member_locs: tuple[Location, ...]
    discriminator: str | None
    example_code: str | None
    loc: Location
    deprecated: bool = False
    example: Any = None
    """The example's value as JSON data (from `## Example Usage`), when it could be read."""
    kind: ClassVar[str] = "union"


Doc: TypeAlias = Model | Enum | Union


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What reading one doc gave: its IR (None when it has errors), its diagnostics, and
    its `# Name`, also when it failed (so that a name that refers to it still finds it)."""

    doc: Doc | None
    diagnostics: tuple[Diagnostic, ...]
    title: str = ""


def doc_refs(doc: Doc) -> tuple[Ref, ...]:
    """Every reference a doc makes, in order."""
    if isinstance(doc, Model):
        extra = refs_in(doc.extra.type) if doc.extra else ()
        return tuple(r for f in doc.fields for r in refs_in(f.type)) + extra
    if isinstance(doc, Union):
        return tuple(r for m in doc.members for r in refs_in(m))
    return ()


def refs_in(t: TypeExpr) -> tuple[Ref, ...]:
    """Every `Ref` inside a type expression, in order."""
    if isinstance(t, Ref):
        return (t,)
    if isinstance(t, ListOf):
        return refs_in(t.item)
    if isinstance(t, MapOf):
        return refs_in(t.value)
    if isinstance(t, UnionOf):
        return tuple(r for m in t.members for r in refs_in(m))
    return ()


def map_refs(t: TypeExpr, fn: Callable[[Ref], TypeExpr]) -> TypeExpr:
    """`t` with every `Ref` replaced by `fn(ref)`."""
    if isinstance(t, Ref):
        return fn(t)
    if isinstance(t, ListOf):
        return ListOf(map_refs(t.item, fn))
    if isinstance(t, MapOf):
        return MapOf(map_refs(t.value, fn))
    if isinstance(t, UnionOf):
        return UnionOf(tuple(map_refs(m, fn) for m in t.members))
    return t


def to_jsonable(value: object) -> Any:
    """The IR as plain JSON data; each record carries its `kind` where it has one."""
    if isinstance(value, Location):
        return {"path": value.path, "line": value.line}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        kind = getattr(type(value), "kind", None)
        if isinstance(kind, str):
            out["kind"] = kind
        for f in dataclasses.fields(value):
            out[f.name] = to_jsonable(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [to_jsonable(x) for x in value]
    return value
