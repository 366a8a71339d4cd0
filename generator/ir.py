"""The intermediate schema (IR): everything the docs say, as frozen, typed records.

Types form a closed union (`TypeExpr`); every doc, field and enum value carries the
`Location` it came from. Python names are not part of the IR: the resolver assigns them.

The IR has one shape per stage, and mypy tells them apart. Docs and types are generic in
two parameters: the leaves of their types (`L`) and the value of their examples (`X`).

- parsed (`ParsedDoc`): references as the doc writes them (`UnboundRef`), types the
  grammar does not know (`Unknown`), examples that may name enum members (`Example`);
- with the config's policies applied (`CheckedDoc`, resolve/policies.py): no `Unknown`,
  every documented `number` a `Number`, descriptions as the docstrings show them;
- bound (`Doc`, the defaults): every reference a `Ref` to a doc, every example plain
  `JSON`. Emit only ever sees this shape.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeAlias
from typing import Literal as TypingLiteral

from generator.errors import Diagnostic, Location
from generator.record import record

DocId: TypeAlias = str
"""A doc's path relative to the specs root, with `/` separators: unique per doc."""

PrimitiveName: TypeAlias = TypingLiteral[
    "string", "number", "integer", "boolean", "any", "datetime", "date", "bytes"
]
LiteralValue: TypeAlias = str | int | float | bool
NumberType: TypeAlias = TypingLiteral["float", "int", "int | float"]
"""What a documented `number` is in Python (the config's `number` policy)."""
WireFrom: TypeAlias = TypingLiteral["doc", "policy", "override", "sources"]
"""Where a field's JSON key came from: the documented name, the `wire-names` policy,
`[tool.docs2models.wire]` / `--wire`, or the SDK's TypeScript sources."""
NumberFrom: TypeAlias = TypingLiteral["policy", "override", "sources"]
"""Where the int/float of a field's `number`s came from: the `number` setting,
`[tool.docs2models.types]` / `--type`, or the sources."""
NullableFrom: TypeAlias = TypingLiteral["sources", "example"]
"""Where a field's nullability came from: the sources, or (the docs never say it in
words) the doc's `## Example Usage`, whose value for a required field is `null`."""

JSON: TypeAlias = typing.Union[  # noqa: UP007 (a recursive alias needs the quoted names)
    bool, int, float, str, list["JSON"], dict[str, "JSON"], None
]
"""A JSON value: what an example is once its enum members are looked up."""


class Leaf:
    """What a type's leaves are (besides primitives and literals): references, and while
    parsed, unknown types. The IR's generics range over its subclasses."""

    __slots__ = ()


@record
class EnumMember:
    """`Status.Active` in an example: an enum member the docs name, not yet a value."""

    enum: str
    member: str
    kind: ClassVar[str] = "enum-member"


Example: TypeAlias = typing.Union[  # noqa: UP007 (a recursive alias needs the quoted names)
    bool, int, float, str, EnumMember, list["Example"], dict[str, "Example"], None
]
"""An example as parsed: JSON data that may name enum members (`Status.Active`)."""


@record
class Ref(Leaf):
    """A bound reference to another doc; `label` is the text the doc shows
    (`models.Property`)."""

    target: DocId
    label: str
    kind: ClassVar[str] = "ref"


@record
class UnboundRef(Leaf):
    """A reference as the doc writes it: a link (`link` is the DocId its path points at)
    or a bare name (`*components.Pet*`: `link` is None, `label` is the name). The
    resolver binds it to a `Ref` (resolve/links.py)."""

    link: DocId | None
    label: str
    kind: ClassVar[str] = "unbound-ref"


@record
class Unknown(Leaf):
    """A well-formed type the grammar does not know (`Foo<Bar>`, a link to a web page):
    the doc says it. The parser reports it as an error that --allow-unknown allows
    (`Diagnostic.if_allowed`); resolve/policies.py decides which the run reports, and
    makes the type `any` (a doc whose error stands is left out of the schema)."""

    message: str
    hint: str
    kind: ClassVar[str] = "unknown"


if TYPE_CHECKING:
    from typing_extensions import TypeVar

    L = TypeVar("L", bound=Leaf, default=Ref)
    X = TypeVar("X", default=JSON)
else:  # the defaults only matter to mypy (typing_extensions is not a dependency)
    L = typing.TypeVar("L", bound=Leaf)
    X = typing.TypeVar("X")

ParsedLeaf: TypeAlias = UnboundRef | Unknown
"""The leaves of a parsed type besides primitives and literals."""


@record
class Primitive:
    """A scalar type: `*string*`, `*boolean*`, ...; `number` only until the number policy
    makes it a `Number`."""

    name: PrimitiveName
    kind: ClassVar[str] = "primitive"


@record
class Number:
    """A documented `*number*`, with the config's number policy applied: `python` is the
    type it is in Python. JSON calls it `number` whatever the policy."""

    python: NumberType
    kind: ClassVar[str] = "number"


@record
class ListOf(Generic[L]):
    """`T[]`: a JSON array of `item`."""

    item: TypeExpr[L]
    kind: ClassVar[str] = "list"


@record
class MapOf(Generic[L]):
    """`Record<string, T>`: a JSON object with arbitrary keys and `value` values."""

    value: TypeExpr[L]
    kind: ClassVar[str] = "map"


@record
class Literal:
    """A single allowed value: `*"host"*`, `*true*`, `*42*`."""

    value: LiteralValue
    kind: ClassVar[str] = "literal"


@record
class UnionOf(Generic[L]):
    """`A | B`: a value of any one of `members`, in documented order."""

    members: tuple[TypeExpr[L], ...]
    kind: ClassVar[str] = "union"


TypeExpr: TypeAlias = typing.Union[
    Primitive, Number, Literal, "ListOf[L]", "MapOf[L]", "UnionOf[L]", L
]
"""A type; `L` is what its references are (and, when parsed, what else its leaves may be)."""

ParsedType: TypeAlias = "TypeExpr[ParsedLeaf]"
CheckedType: TypeAlias = "TypeExpr[UnboundRef]"


@record
class ExtraColumn:
    """A `## Fields` cell from a column the generator gives no meaning to, kept as text."""

    column: str
    text: str


@record
class Field(Generic[L]):
    """One row of a `## Fields` table."""

    name: str
    wire: str
    type: TypeExpr[L]
    required: bool
    deprecated: bool
    description: str
    example: JSON
    """The Example cell's value as JSON data (text when it is not JSON), or None."""
    extras: tuple[ExtraColumn, ...]
    loc: Location
    nullable: bool | None = None
    """Whether JSON `null` is a value of the field; None when nothing says (the docs never
    do in words): then an optional field takes `null` and a required one does not."""
    wire_from: WireFrom = "doc"
    number_from: NumberFrom | None = None
    """None when the field's type holds no `number`."""
    nullable_from: NullableFrom | None = None

    @property
    def takes_null(self) -> bool:
        """Whether `from_dict` reads JSON `null` as `None` for this field."""
        return (not self.required) if self.nullable is None else self.nullable


EXTRA_KEYS_FIELD = "additionalProperties"
"""The field by which Speakeasy docs say what a model's unlisted keys hold."""


@record
class ExtraKeys(Generic[L]):
    """What a model says of the keys it does not list: Speakeasy documents them as a
    field `additionalProperties` of type `Record<string, T>`; `type` is T."""

    type: TypeExpr[L]
    description: str
    loc: Location


@record(kw_only=True)
class DocHead(Generic[X]):
    """What every doc has: where it is, its `# Name` (struck through when deprecated), its
    description and its `## Example Usage` (the code, and the value it assigns)."""

    id: DocId
    name: str
    description: str
    """As written; once policies are applied, the text the docstring shows."""
    example_code: str | None
    example: X
    """The example's value (from `## Example Usage`), when it could be read, else None."""
    loc: Location
    deprecated: bool


@record(kw_only=True)
class Model(DocHead[X], Generic[L, X]):
    """An object doc: a `## Fields` table. `extra` says what its other keys hold, when the
    doc says it; otherwise they are kept as any JSON."""

    fields: tuple[Field[L], ...]
    extra: ExtraKeys[L] | None = None
    kind: ClassVar[str] = "model"

    @property
    def extra_type(self) -> TypeExpr[L]:
        """The type of the values of keys the model does not list."""
        return Primitive("any") if self.extra is None else self.extra.type


@record(kw_only=True)
class FreeForm(DocHead[X]):
    """An object doc whose keys may hold any JSON: it lists no fields (and says at most that
    its other keys hold `any`). It is generated as `dict[str, Any]`, not as a class."""

    lists_extra: bool = False
    """The doc has an `additionalProperties` row: an example may nest keys under it."""
    kind: ClassVar[str] = "free-form"


@record
class EnumValue:
    """One allowed value of an enum; `name` is set when the doc gives one (table form)."""

    value: str | int
    name: str | None
    loc: Location


@record(kw_only=True)
class Enum(DocHead[X]):
    """An enum doc: a `## Values` section. `open` enums accept values not listed;
    `numeric` ones have integer values (the parser decides which, from the values)."""

    values: tuple[EnumValue, ...]
    open: bool
    numeric: bool
    kind: ClassVar[str] = "enum"


@record
class Member(Generic[L]):
    """One member of a union doc: its type, and the line of its `###` heading."""

    type: TypeExpr[L]
    loc: Location


@record(kw_only=True)
class Union(DocHead[X], Generic[L, X]):
    """A union doc: `## Supported Types`, one `###` heading per member, in doc order.

    `discriminator` is the JSON key of the field whose single string literal tells the
    members apart, when every member is a model that has one; the resolver sets it.
    """

    members: tuple[Member[L], ...]
    discriminator: str | None = None
    kind: ClassVar[str] = "union"


DocOf: TypeAlias = typing.Union["Model[L, X]", "Enum[X]", "Union[L, X]", "FreeForm[X]"]
Doc: TypeAlias = "DocOf[Ref, JSON]"
"""A doc as emit sees it: references bound, examples plain JSON."""
ParsedDoc: TypeAlias = "DocOf[ParsedLeaf, Example]"
"""A doc as the parser gives it."""
CheckedDoc: TypeAlias = "DocOf[UnboundRef, Example]"
"""A doc with the config's policies applied (resolve/policies.py), not yet bound."""
BoundDoc: TypeAlias = "DocOf[Ref, Example]"
"""A doc with its references bound, before its example's enum members are looked up."""


@record
class ParseResult:
    """What reading one doc gave: its IR (None when it has errors), its diagnostics, and
    its `# Name`, also when it failed (so that a name that refers to it still finds it)."""

    doc: ParsedDoc | None
    diagnostics: tuple[Diagnostic, ...]
    title: str = ""


R = typing.TypeVar("R", bound=Leaf)
S = typing.TypeVar("S", bound=Leaf)
T = typing.TypeVar("T")


def doc_refs(doc: DocOf[R, Any]) -> tuple[R, ...]:
    """Every leaf of a doc's types (its references, once policies are applied), in order."""
    if isinstance(doc, Model):
        extra = leaves(doc.extra.type) if doc.extra else ()
        return tuple(r for f in doc.fields for r in leaves(f.type)) + extra
    if isinstance(doc, Union):
        return tuple(r for m in doc.members for r in leaves(m.type))
    return ()


def leaves(t: TypeExpr[R]) -> tuple[R, ...]:
    """Every leaf (a reference, when parsed maybe an `Unknown`) of a type, in order."""
    if isinstance(t, Primitive | Number | Literal):
        return ()
    if isinstance(t, ListOf):
        return leaves(t.item)
    if isinstance(t, MapOf):
        return leaves(t.value)
    if isinstance(t, UnionOf):
        return tuple(r for m in t.members for r in leaves(m))
    return (t,)


def map_leaves(t: TypeExpr[R], fn: Callable[[R], TypeExpr[S]]) -> TypeExpr[S]:
    """`t` with every leaf replaced by `fn(leaf)`; parts without leaves kept as they are,
    and `t` itself when `fn` changes no leaf (records are frozen: sharing them is safe)."""
    if isinstance(t, Primitive | Number | Literal):
        return t
    if isinstance(t, ListOf):
        item = map_leaves(t.item, fn)
        return typing.cast("TypeExpr[S]", t) if item is t.item else ListOf(item)
    if isinstance(t, MapOf):
        value = map_leaves(t.value, fn)
        return typing.cast("TypeExpr[S]", t) if value is t.value else MapOf(value)
    if isinstance(t, UnionOf):
        members = tuple(map_leaves(m, fn) for m in t.members)
        kept = _same_items(members, t.members)
        return typing.cast("TypeExpr[S]", t) if kept else UnionOf(members)
    return fn(t)


def map_primitives(t: TypeExpr[R], fn: Callable[[Primitive], TypeExpr[R]]) -> TypeExpr[R]:
    """`t` with every primitive replaced by `fn(primitive)` (`t` itself when none changes)."""
    if isinstance(t, Primitive):
        return fn(t)
    if isinstance(t, ListOf):
        item = map_primitives(t.item, fn)
        return t if item is t.item else ListOf(item)
    if isinstance(t, MapOf):
        value = map_primitives(t.value, fn)
        return t if value is t.value else MapOf(value)
    if isinstance(t, UnionOf):
        members = tuple(map_primitives(m, fn) for m in t.members)
        return t if _same_items(members, t.members) else UnionOf(members)
    return t


def map_types(doc: DocOf[R, X], fn: Callable[[TypeExpr[R], Location], TypeExpr[S]]) -> DocOf[S, X]:
    """The doc with the type of each field, of its other keys and of each member replaced
    by `fn(type, where it is)`: the one way a doc moves from one stage's types to the next.
    What `fn` leaves as it was (the same object) is kept, and so is the doc when nothing
    changes."""
    if isinstance(doc, Model):
        fields = tuple(_retyped(f, fn(f.type, f.loc)) for f in doc.fields)
        extra = (
            None if doc.extra is None else _retyped(doc.extra, fn(doc.extra.type, doc.extra.loc))
        )
        if extra is doc.extra and _same_items(fields, doc.fields):
            return typing.cast("DocOf[S, X]", doc)
        return _same_but(doc, fields=fields, extra=extra)
    if isinstance(doc, Union):
        members = tuple(_remembered(m, fn(m.type, m.loc)) for m in doc.members)
        if _same_items(members, doc.members):
            return typing.cast("DocOf[S, X]", doc)
        return _same_but(doc, members=members)
    return doc


def with_example(doc: DocOf[R, Any], example: JSON) -> DocOf[R, JSON]:
    """The doc with its example's final value (its enum members looked up)."""
    if example is doc.example:
        return typing.cast("DocOf[R, JSON]", doc)
    copied: DocOf[R, JSON] = _copy(doc, {"example": example})
    return copied


def updated(item: T, **changes: Any) -> T:
    """An IR record with `changes` (as `dataclasses.replace`), or `item` itself when each
    change equals what it has: most policies change nothing, and a copy costs as much as a
    new record."""
    for name, value in changes.items():
        old = getattr(item, name)
        if value is not old and value != old:
            new: T = _copy(item, changes)
            return new
    return item


_F = typing.TypeVar("_F", Field[Any], ExtraKeys[Any])
_D = typing.TypeVar("_D", Model[Any, Any], Union[Any, Any])


def _retyped(item: _F, type_: TypeExpr[S]) -> _F:
    """`item` with another type (mypy cannot see that `replace` may change the type
    parameter: the callers' annotations say what comes out)."""
    if type_ is item.type:
        return item
    copied: _F = _copy(item, {"type": type_})
    return copied


def _remembered(member: Member[R], type_: TypeExpr[S]) -> Member[S]:
    """A union member with another type (the same member when it is the same type)."""
    return typing.cast("Member[S]", member) if type_ is member.type else Member(type_, member.loc)


def _same_but(doc: _D, **changes: Any) -> _D:
    """`doc` with other parts (of another type parameter, as `_retyped`)."""
    copied: _D = _copy(doc, changes)
    return copied


def _copy(item: Any, changes: dict[str, Any]) -> Any:
    """`dataclasses.replace(item, **changes)` for the IR's records, at half the cost (the
    IR copies tens of thousands per run): they are slotted records, with every field set
    by `__init__` and no `__post_init__`, so a copy is just their fields."""
    cls = type(item)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    if not changes.keys() <= set(names):
        raise TypeError(f"{cls.__name__} has no field {sorted(changes.keys() - set(names))}")
    new = object.__new__(cls)
    for name in names:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(item, name))
    return new


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""Each IR record class's fields, in order (`_copy` sets each)."""


def _same_items(new: tuple[object, ...], old: tuple[object, ...]) -> bool:
    """Whether `new` holds the very objects of `old` (nothing was replaced)."""
    return all(a is b for a, b in zip(new, old, strict=True))


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
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value
