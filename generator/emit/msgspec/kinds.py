"""What msgspec can decode: its unions may hold at most one member of each JSON kind (one
object type, one array type, one string-like type, one integer-like type), except that
several Structs may share an object slot when each is tagged by the same key.

A union it cannot tell apart (two models with no tag, `str | bytes`, `list[A] | list[B]`,
a union that names itself) is typed `Any` where a Struct field holds it, so msgspec keeps
its JSON data as it came; the Struct's `__post_init__` then reads it through the union's
own `x_from_dict`, which picks the member.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.ir import (
    Enum,
    FreeForm,
    ListOf,
    Literal,
    MapOf,
    Model,
    Number,
    Primitive,
    Ref,
    TypeExpr,
    Union,
    UnionOf,
)
from generator.resolve.schema import PyDoc

ANY = Primitive("any")


def readable(key: str) -> bool:
    """Whether msgspec can name a field by this JSON key: not with `"`, `\\` or a control
    character in it (msgspec refuses such names)."""
    return not any(ch in '"\\' or ord(ch) < 0x20 for ch in key)


def tag_of(doc: Model) -> tuple[str, str] | None:
    """The Struct tag of a model: its first required field whose type is one string
    literal (`op: "add"`), as (JSON key, value). msgspec writes it always, and reads a
    union of such models by it."""
    for f in doc.fields:
        is_text = isinstance(f.type, Literal) and isinstance(f.type.value, str)
        if f.required and is_text and readable(f.wire):
            assert isinstance(f.type, Literal) and isinstance(f.type.value, str)
            return f.wire, f.type.value
    return None


class Kinds:
    """Which types msgspec can decode, over the run's docs."""

    def __init__(self, by_id: Mapping[str, PyDoc]) -> None:
        self.by_id = by_id

    def plain(self, t: TypeExpr) -> TypeExpr:
        """`t` with each union msgspec cannot decode replaced by `any`."""
        if isinstance(t, ListOf):
            return ListOf(self.plain(t.item))
        if isinstance(t, MapOf):
            return MapOf(self.plain(t.value))
        if isinstance(t, UnionOf):
            if not self.decodable(t.members):
                return ANY
            return UnionOf(tuple(self.plain(m) for m in t.members))
        if isinstance(t, Ref) and not self.ref_decodable(t):
            return ANY
        return t

    def ref_decodable(self, t: Ref) -> bool:
        pydoc = self.by_id[t.target]
        if not isinstance(pydoc.doc, Union):
            return True
        return not pydoc.quoted and self.decodable(tuple(m.type for m in pydoc.doc.members))

    def decodable(self, members: tuple[TypeExpr, ...]) -> bool:
        """Whether msgspec can decode a union of `members` (unions they name flattened)."""
        slots: dict[str, set[str]] = {}
        tags: set[str] = set()
        untagged = 0
        for kind, name, tag in self._leaves(members, set()):
            if kind == "unknowable":
                return False
            if kind == "any":
                continue
            if kind == "struct":
                if tag is None:
                    untagged += 1
                else:
                    tags.add(tag)
            slots.setdefault(kind, set()).add(name)
        structs = slots.pop("struct", set())
        objects = slots.pop("object", set())
        if structs and (objects or (len(structs) > 1 and (untagged or len(tags) > 1))):
            return False
        if len(objects) > 1:
            return False
        for kind, plain in (("str", "string"), ("int", "integer")):
            found = slots.get(kind, set())
            if plain in found:  # `str` takes its literals along, `int` likewise
                found = {n for n in found if not n.startswith("literal")}
            if len(found) > 1:
                return False
        return len(slots.get("array", set())) <= 1 and all(
            self.plain(m) == m for m in members if isinstance(m, ListOf | MapOf)
        )

    def _leaves(
        self, members: tuple[TypeExpr, ...], seen: set[str]
    ) -> list[tuple[str, str, str | None]]:
        """(JSON kind, which type, struct tag key) of each member, unions flattened."""
        out: list[tuple[str, str, str | None]] = []
        for m in members:
            if isinstance(m, UnionOf):
                out += self._leaves(m.members, seen)
            elif isinstance(m, Ref):
                out += self._ref(m, seen)
            else:
                out.append(_KIND_OF[type(m)](m))
        return out

    def _ref(self, t: Ref, seen: set[str]) -> list[tuple[str, str, str | None]]:
        pydoc = self.by_id[t.target]
        doc = pydoc.doc
        if isinstance(doc, Union):
            if pydoc.quoted or t.target in seen:
                return [("unknowable", t.target, None)]
            return self._leaves(tuple(m.type for m in doc.members), seen | {t.target})
        if isinstance(doc, Enum):
            return [("int" if doc.numeric else "str", t.target, None)]
        if isinstance(doc, FreeForm):
            return [("object", t.target, None)]
        tag = tag_of(doc)
        return [("struct", t.target, tag[0] if tag else None)]


def _primitive(t: TypeExpr) -> tuple[str, str, str | None]:
    assert isinstance(t, Primitive)
    kinds = {"string": "str", "datetime": "str", "date": "str", "bytes": "str"}
    kinds |= {"integer": "int", "boolean": "bool", "any": "any", "number": "float"}
    return kinds[t.name], t.name, None


def _literal(t: TypeExpr) -> tuple[str, str, str | None]:
    assert isinstance(t, Literal)
    value = t.value
    if isinstance(value, bool):
        return "bool", f"literal {value!r}", None
    if isinstance(value, str):
        return "str", "literal", None
    return ("int" if isinstance(value, int) else "float"), "literal", None


def _number(t: TypeExpr) -> tuple[str, str, str | None]:
    assert isinstance(t, Number)
    return ("float", "number", None) if t.python == "float" else ("int", "integer", None)


_KIND_OF: dict[type, Callable[[TypeExpr], tuple[str, str, str | None]]] = {
    Primitive: _primitive,
    Literal: _literal,
    Number: _number,
    ListOf: lambda t: ("array", repr(t), None),
    MapOf: lambda t: ("object", repr(t), None),
}
