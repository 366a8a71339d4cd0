"""A union or free-form object doc → a type alias for msgspec (templates/msgspec/alias.py.jinja),
with `x_from_dict` / `x_to_dict` for a union: msgspec decodes a union it can tell apart
(members of different JSON kinds, or models tagged by one key); any other union is tried
member by member, in documented order, and the first that fits wins."""

from __future__ import annotations

from generator.emit.alias import FREE_FORM, _union_of, alias_module
from generator.emit.context import Context, Lines, Rendered, chain, def_stmt
from generator.emit.layout import Call, Display, Expr, Stmt
from generator.emit.msgspec.kinds import Kinds
from generator.emit.msgspec.model import MsgspecScope
from generator.emit.pysource import py_str
from generator.emit.pytypes import Import
from generator.ir import FreeForm, TypeExpr, Union
from generator.resolve.imports import dumper_name, loader_name
from generator.resolve.schema import PyDoc


def render_alias(pydoc: PyDoc, doc: FreeForm | Union, ctx: Context) -> Rendered:
    scope = MsgspecScope(pydoc, ctx)
    scope.top.add(Import("typing", "TypeAlias"))
    lines = Lines(ctx.config.line_length)
    target: TypeExpr = FREE_FORM if isinstance(doc, FreeForm) else _union_of(doc.members)
    text = super(MsgspecScope, scope).annotation(target)  # the true type, for mypy
    value: Expr = py_str(text) if pydoc.quoted else chain(text)
    alias = lines(Stmt(value, prefix=f"{pydoc.cls}: TypeAlias = "), 0)
    values: dict[str, object] = {"loader": ""}
    if isinstance(doc, Union):
        scope.top.add(Import("typing", "Any"))
        cls = pydoc.cls
        members = tuple(m.type for m in doc.members)
        decodable = not pydoc.quoted and Kinds(ctx.by_id).decodable(members)
        if decodable:
            load: Expr = Call("_serde.load", (cls, "data"))
            how = "msgspec tells the members apart (by JSON kind, or by their tag)"
        else:
            options = Display("(", tuple(scope.annotation(m) for m in members), ")", exploded=True)
            load = Call("_serde.first_fit", (py_str(cls), options, "data"))
            how = "the first member, in documented order, that the data fits"
        values = {
            "loader": loader_name(pydoc.module),
            "loader_def": lines(def_stmt(loader_name(pydoc.module), ("data: Any",), cls), 0),
            "dumper_def": lines(def_stmt(dumper_name(pydoc.module), (f"value: {cls}",), "Any"), 0),
            "load": lines(Stmt(load, prefix=f"value: {cls} = "), 4),
            "dump": lines(Stmt(Call("_serde.dump", ("value",)), prefix="return "), 4),
            "how": how,
        }
    return alias_module(
        "msgspec/alias.py.jinja",
        pydoc,
        doc,
        ctx,
        scope=scope,
        lines=lines,
        alias=alias,
        values=values,
    )
