"""A model doc → a `msgspec.Struct` (templates/msgspec/model.py.jinja), built on the
package's `_serde.Model` (keyword-only fields, defaults not written, the JSON methods).
Names, types and docstrings are the dataclass target's. A model's first required field
that holds one string literal is its Struct tag (`tag_field`/`tag`), read back through a
property of the field's name, so that a union of such models decodes by it; a union
msgspec cannot tell apart is `Any`, read into its members by `__post_init__`."""

from __future__ import annotations

import re
from typing import Any

from generator.emit.conformance import Checker
from generator.emit.context import Context, DocView, Lines, Rendered, Scope, chain, def_stmt
from generator.emit.layout import AnnAssign, Block, Call, Display, Expr, If, Stmt
from generator.emit.model import CLASS_BODY, METHOD_BODY, _with_example
from generator.emit.msgspec.kinds import Kinds, readable, tag_of
from generator.emit.pysource import py_str
from generator.ir import (
    Doc,
    Field,
    ListOf,
    Literal,
    MapOf,
    Model,
    Primitive,
    Ref,
    TypeExpr,
    UnionOf,
)
from generator.record import record
from generator.resolve.schema import PyDoc


class MsgspecScope(Scope):
    """A module's names and imports; a union msgspec cannot decode is spelled `Any`."""

    def annotation(self, t: TypeExpr) -> str:
        return super().annotation(Kinds(self.ctx.by_id).plain(t))


@record
class FieldView:
    """One field as the template places it: its declaration and docstring text."""

    declaration: list[str]
    description: str


@record
class TagView:
    """The tag field as a read-only property: its `def` line, docstring and value."""

    declaration: list[str]
    description: str
    value: str


def render_model(pydoc: PyDoc, doc: Model, ctx: Context) -> Rendered:
    scope = MsgspecScope(pydoc, ctx)
    lines = Lines(ctx.config.line_length)
    tag = tag_of(doc)
    bases: tuple[str, ...] = ("_serde.Model", "kw_only=True", "omit_defaults=True")
    fields = []
    unread = [f.wire for f in doc.fields if not readable(f.wire)]
    tag_view: TagView | None = None
    for attr, f in zip(pydoc.members, doc.fields, strict=True):
        if tag is not None and f.wire == tag[0] and isinstance(f.type, Literal):
            # the Struct's tag: msgspec reads and writes it; a property keeps the attribute
            returns = def_stmt(attr, ("self",), scope.annotation(f.type))
            tag_view = TagView(lines(returns, CLASS_BODY), f.description, py_str(tag[1]))
            continue
        if readable(f.wire):
            fields.append(_field_view(attr, f, scope, lines))
    if tag is not None:
        bases += (f"tag_field={py_str(tag[0])}", f"tag={py_str(tag[1])}")
    class_line = Stmt(Call(pydoc.cls, bases), prefix="class ", suffix=":")
    post_init = _post_init(pydoc, doc, scope)
    top, end = scope.imports(lines)
    text = ctx.render(
        "msgspec/model.py.jinja",
        header=ctx.header(pydoc),
        class_line=lines(class_line, 0),
        description=_with_unread(
            _with_example(doc.description, pydoc, ctx, _closed_checker(ctx)), unread
        ),
        fields=fields,
        tag=tag_view,
        post_init=lines(post_init, METHOD_BODY),
        stmt=lines.text,
        imports=top,
        deferred=end,
    )
    return Rendered(text, lines.left_to_black)


def _post_init(pydoc: PyDoc, doc: Model, scope: MsgspecScope) -> list[Block]:
    """`__post_init__`'s statements: each field whose type holds a union msgspec cannot
    tell apart is typed `Any`, so msgspec keeps its JSON data; here it is read into the
    union's members (`x_from_dict`), and an error names the key."""
    kinds = Kinds(scope.ctx.by_id)
    blocks: list[Block] = []
    for attr, f in zip(pydoc.members, doc.fields, strict=True):
        load = _refiner(f.type, scope, kinds)
        if load is None or not readable(f.wire):
            continue
        value = f"self.{attr}"
        read = Stmt(Call("_serde.refine", (value, py_str(f.wire), load)), prefix=f"{value} = ")
        present: tuple[str, ...] = () if f.required else (f"{value} is not _serde.UNSET",)
        if f.takes_null:
            present += (f"{value} is not None",)
        blocks.append(If("if", present, (read,)) if present else read)
    return blocks


def _refiner(t: TypeExpr, scope: MsgspecScope, kinds: Kinds) -> Expr | None:
    """A loader for the JSON data msgspec keeps of `t` (None: msgspec reads all of it)."""
    if isinstance(t, Ref):
        if kinds.ref_decodable(t):
            return None
        return scope.target(t.target).loader or None
    if isinstance(t, ListOf | MapOf):
        inner = _refiner(t.item if isinstance(t, ListOf) else t.value, scope, kinds)
        helper = "_serde.each" if isinstance(t, ListOf) else "_serde.values"
        return None if inner is None else Call(helper, (inner,))
    if isinstance(t, UnionOf) and not kinds.decodable(t.members):
        label = Scope.annotation(scope, t)
        members = Display("(", tuple(scope.annotation(m) for m in t.members), ")")
        return Call("_serde.one_of", (py_str(label), members))
    return None


class _ClosedChecker(Checker):
    """Examples fit only when they hold no key a Struct does not read (msgspec drops them,
    so they would not come back)."""

    def fits_doc(self, value: Any, doc: Doc) -> bool:
        if isinstance(value, dict) and not all(readable(k) for k in value):
            return False
        return super().fits_doc(value, doc)

    def _fits(self, value: Any, t: TypeExpr) -> bool:
        if t == Primitive("datetime") and isinstance(value, str):
            return _WRITTEN_AS_READ.match(value) is not None and super()._fits(value, t)
        return super()._fits(value, t)


_WRITTEN_AS_READ = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.(?!000000)\d{6})?(Z|[+-](?!00:00)\d{2}:\d{2})\Z"
)
"""A date-time as msgspec writes it (`Z` for UTC, six digits of fraction or none): only
such text comes back as it was read."""


def _closed_checker(ctx: Context) -> Checker:
    return _ClosedChecker(DocView(ctx.by_id), closed=True)


def _with_unread(text: str, keys: list[str]) -> str:
    """The class docstring, saying which documented keys msgspec cannot read."""
    if not keys:
        return text
    shown = ", ".join(repr(k) for k in keys)
    note = (
        f"msgspec cannot name a field by a JSON key with a quote, a backslash or a control "
        f"character: {shown} is not part of this Struct (its values are dropped)."
    )
    return f"{text}\n\n{note}" if text else note


def _field_view(attr: str, f: Field, scope: Scope, lines: Lines) -> FieldView:
    """`attr: T = _serde.field(name=…)`: the name only when the JSON key is not the
    attribute's; an optional field is `… | UnsetType` and defaults to UNSET."""
    text = scope.annotation(f.type)
    if f.takes_null:
        text = f"{text} | None"
    args: list[str] = []
    if not f.required:
        text = f"{text} | _serde.UnsetType"
        args.append("default=_serde.UNSET")
    if f.wire != attr:
        args.append(f"name={py_str(f.wire)}")
    if not args:
        bare = lines.text(f"{attr}: {text}", CLASS_BODY).split("\n")
        return FieldView(bare, f.description)
    value: Expr = Call("_serde.field", tuple(args))
    if args == ["default=_serde.UNSET"]:
        value = "_serde.UNSET"
    return FieldView(lines(AnnAssign(attr, chain(text), value), CLASS_BODY), f.description)
