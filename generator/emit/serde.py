"""How each IR type is read from JSON data and written back, as Python source.

`Codec.check` / `Codec.load` give the statements and expressions that `from_dict` runs for
one value, `Codec.dump` the expression `to_dict` uses. They call the small helpers of the
generated `_serde` module; nothing inspects type hints at run time.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.emit.layout import Call, Display, Expr, flat
from generator.emit.pysource import py_str
from generator.ir import (
    Doc,
    DocId,
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
from generator.record import record

_CHECKS = {
    "string": ("not isinstance({v}, str)", "string"),
    "boolean": ("not isinstance({v}, bool)", "boolean"),
    "integer": ("type({v}) is not int", "integer"),
    "number": ("type({v}) not in (int, float)", "number"),
}
"""Primitives checked in place (no call on the happy path): the condition that a value
is bad (`type(…)` tests let `True` fail as a number, as JSON does), and its JSON name."""

_LOADERS = {
    "string": "_serde.string",
    "boolean": "_serde.boolean",
    "integer": "_serde.integer",
    "number": "_serde.number",
    "datetime": "_serde.date_time",
    "date": "_serde.date_",
    "bytes": "_serde.bytes_",
}


@record
class Target:
    """What a referenced doc is, for reading and writing it, and its local names."""

    doc: Doc
    name: str
    """The class (or alias) as this module knows it."""
    loader: str
    """The union's `…_from_dict` function as this module knows it (unions only)."""


def wire_path(path: str, key: str) -> str:
    """The expression for the JSON path of `key` under the path expression `path`."""
    if key.isidentifier():
        return f"{path} + {py_str('.' + key)}"
    return f"_serde.key_path({path}, {py_str(key)})"


class Codec:
    """Source for reading and writing values of IR types inside one module."""

    def __init__(self, targets: Callable[[DocId], Target]) -> None:
        self.targets = targets

    def _kind(self, t: TypeExpr) -> Primitive | Literal | ListOf | MapOf | UnionOf | Ref:
        """`t`, with a `Number` as the JSON value it is read as: an integer when it is an
        `int` in Python, else any number."""
        if isinstance(t, Number):
            return Primitive("integer") if t.python == "int" else Primitive("number")
        return t

    def check(self, t: TypeExpr, v: str, path: str) -> str | None:
        """A condition that is True for a bad value, for types read without conversion."""
        t = self._kind(t)
        if isinstance(t, Primitive) and t.name in _CHECKS:
            return _CHECKS[t.name][0].format(v=v)
        return None

    def expected(self, t: TypeExpr) -> str:
        t = self._kind(t)
        assert isinstance(t, Primitive)
        return _CHECKS[t.name][1]

    def is_identity(self, t: TypeExpr) -> bool:
        """True when the JSON value is the Python value (only checked, never converted)."""
        t = self._kind(t)
        return isinstance(t, Primitive) and t.name in (*_CHECKS, "any")

    def load(self, t: TypeExpr, v: str, path: str) -> Expr:
        """An expression that reads the JSON value `v` (found at `path`) as type `t`."""
        t = self._kind(t)
        if isinstance(t, Primitive):
            if t.name == "any":
                return v
            return Call(_LOADERS[t.name], (v, path))
        if isinstance(t, Literal):
            return Call("_serde.literal", (v, path, _literal(t)))
        if isinstance(t, ListOf):
            return Call("_serde.list_of", (v, path, self.loader(t.item)))
        if isinstance(t, MapOf):
            return Call("_serde.map_of", (v, path, self.loader(t.value)))
        if isinstance(t, UnionOf):
            return self._one_of(t, v, path)
        target = self.targets(t.target)
        if isinstance(target.doc, Enum):
            return Call("_serde.enum", (target.name, v, path))
        if isinstance(target.doc, Union):
            return Call(target.loader, (v, path))
        if isinstance(target.doc, FreeForm):
            return Call("_serde.obj", (v, path))
        return Call(f"{target.name}.from_dict", (v, path))

    def loader(self, t: TypeExpr) -> str:
        """A callable `(value, path) -> value` for `t`: a name when one exists, else a lambda."""
        t = self._kind(t)
        if isinstance(t, Primitive):
            return "_serde.any_" if t.name == "any" else _LOADERS[t.name]
        if isinstance(t, Ref):
            target = self.targets(t.target)
            if isinstance(target.doc, Union):
                return target.loader
            if isinstance(target.doc, Model):
                return f"{target.name}.from_dict"
            if isinstance(target.doc, FreeForm):
                return "_serde.obj"
        return f"lambda v, p: {flat(self.load(t, 'v', 'p'))}"

    def _one_of(self, t: UnionOf, v: str, path: str) -> Expr:
        members = Display("(", tuple(self.member(m) for m in t.members), ")", exploded=True)
        return Call("_serde.one_of", (v, path, py_str(self.label(t)), members))

    def member(self, t: TypeExpr) -> Expr:
        """`(label, keys or None, loader)` for `_serde.one_of`."""
        keys = "None"
        if isinstance(t, Ref):
            doc = self.targets(t.target).doc
            if isinstance(doc, Model) and _keeps_any(doc):
                keys = f"{self.targets(t.target).name}._WIRE_KEYS"
        return Display("(", (py_str(self.label(t)), keys, self.loader(t)), ")")

    def label(self, t: TypeExpr) -> str:
        """How an error names a type: `string`, `Pet`, `string[]`, `"add"`."""
        if isinstance(t, Primitive):
            return t.name
        if isinstance(t, Number):
            return "number"
        if isinstance(t, Literal):
            return _literal(t)
        if isinstance(t, ListOf):
            return f"{self.label(t.item)}[]"
        if isinstance(t, MapOf):
            return f"Record<string, {self.label(t.value)}>"
        if isinstance(t, UnionOf):
            return " | ".join(dict.fromkeys(self.label(m) for m in t.members))
        return self.targets(t.target).name

    def dump(self, t: TypeExpr, v: str, depth: int = 0) -> Expr:
        """An expression that writes the Python value `v` of type `t` as JSON data."""
        t = self._kind(t)
        if isinstance(t, Primitive | Literal):
            if isinstance(t, Primitive) and t.name == "datetime":
                return Call("_serde.dump_date_time", (v,))
            if isinstance(t, Primitive) and t.name == "date":
                return f"{v}.isoformat()"
            if isinstance(t, Primitive) and t.name == "bytes":
                return Call("_serde.dump", (v,))
            return v
        if isinstance(t, ListOf):
            if self.is_identity(t.item):
                return Call("list", (v,))
            item = f"e{depth}"
            inner = flat(self.dump(t.item, item, depth + 1))
            return Display("[", (f"{inner} for {item} in {v}",), "]")
        if isinstance(t, MapOf):
            if self.is_identity(t.value):
                return Call("dict", (v,))
            key, item = f"k{depth}", f"e{depth}"
            inner = flat(self.dump(t.value, item, depth + 1))
            return Display("{", (f"{key}: {inner} for {key}, {item} in {v}.items()",), "}")
        if isinstance(t, UnionOf):
            return Call("_serde.dump", (v,))
        target = self.targets(t.target)
        if isinstance(target.doc, Enum):
            return f"{v}.value"
        if isinstance(target.doc, Union):
            return Call("_serde.dump", (v,))
        if isinstance(target.doc, FreeForm):
            return Call("dict", (v,))
        return f"{v}.to_dict()"


def _keeps_any(model: Model) -> bool:
    """True when a model takes other keys with any value: only its listed keys tell
    whether an object is one of it (a model with typed extra keys checks their values)."""
    return model.extra_type == Primitive("any")


def _literal(t: Literal) -> str:
    if isinstance(t.value, str):
        return py_str(t.value)
    return repr(t.value)
