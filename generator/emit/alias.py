"""A union or free-form object doc → its module: a type alias, and for a union the
functions that load and dump it (templates/alias.py.jinja)."""

from __future__ import annotations

from generator.emit.context import (
    RUNTIME,
    Context,
    Lines,
    Rendered,
    Scope,
    chain,
    def_stmt,
    literal_source,
)
from generator.emit.layout import Call, Display, Expr, Stmt
from generator.emit.pysource import py_str
from generator.emit.pytypes import Import
from generator.ir import (
    FreeForm,
    Literal,
    MapOf,
    Member,
    Model,
    Primitive,
    Ref,
    TypeExpr,
    Union,
    UnionOf,
)
from generator.resolve.imports import dumper_name, loader_name
from generator.resolve.schema import PyDoc

FREE_FORM = MapOf(Primitive("any"))
"""What an object doc with no documented fields is: any JSON object."""


def render_alias(pydoc: PyDoc, doc: FreeForm | Union, ctx: Context) -> Rendered:
    """`X: TypeAlias = A | B`, with `x_from_dict` / `x_to_dict` for a union. The right side
    runs at import time, so it is a string when the union names itself or a union of its
    own import cycle."""
    scope = Scope(pydoc, ctx)
    scope.top.add(Import("typing", "TypeAlias"))
    lines = Lines(ctx.config.line_length)
    target: TypeExpr = FREE_FORM if isinstance(doc, FreeForm) else _union_of(doc.members)
    text = scope.annotation(target)
    value: Expr = py_str(text) if pydoc.quoted else chain(text)
    alias = lines(Stmt(value, prefix=f"{pydoc.cls}: TypeAlias = "), 0)
    values: dict[str, object] = {"loader": ""}
    if isinstance(doc, Union):
        scope.top.add(Import("typing", "Any"))
        params = ("data: Any", 'path: str = "$"')
        values = {
            "loader": loader_name(pydoc.module),
            "dumper": dumper_name(pydoc.module),
            "loader_def": lines(def_stmt(loader_name(pydoc.module), params, pydoc.cls), 0),
            "dumper_def": lines(
                def_stmt(dumper_name(pydoc.module), (f"value: {pydoc.cls}",), "Any"), 0
            ),
            "load": lines(Stmt(_union_load(doc, scope), prefix=f"value: {pydoc.cls} = "), 4),
            "how": _union_how(doc),
        }
    return alias_module(
        "alias.py.jinja", pydoc, doc, ctx, scope=scope, lines=lines, alias=alias, values=values
    )


def _union_load(doc: Union, scope: Scope) -> Expr:
    codec = scope.codec
    name = py_str(scope.pydoc.cls)
    if doc.discriminator is not None:
        pairs = tuple(
            f"{_discriminator_value(m.type, doc.discriminator, scope)}: {codec.loader(m.type)}"
            for m in doc.members
        )
        members = Display("{", pairs, "}", exploded=True)
        return Call(
            "_serde.by_discriminator",
            ("data", "path", name, py_str(doc.discriminator), members),
        )
    if len(doc.members) == 1:
        return codec.load(doc.members[0].type, "data", "path")
    options = Display("(", tuple(codec.member(m.type) for m in doc.members), ")", exploded=True)
    return Call("_serde.one_of", ("data", "path", name, options))


def _discriminator_value(member: TypeExpr, key: str, scope: Scope) -> str:
    assert isinstance(member, Ref)
    target = scope.target(member.target)
    assert isinstance(target.doc, Model)
    for f in target.doc.fields:
        if f.wire == key and isinstance(f.type, Literal):
            return literal_source(f.type)
    raise AssertionError("a discriminated union member lost its discriminator")


def _union_how(doc: Union) -> str:
    if doc.discriminator is not None:
        return f"the member its {doc.discriminator!r} key names"
    return "the first member, in documented order, that the data fits"


def _union_of(members: tuple[Member, ...]) -> TypeExpr:
    return members[0].type if len(members) == 1 else UnionOf(tuple(m.type for m in members))


def alias_module(
    template: str,
    pydoc: PyDoc,
    doc: FreeForm | Union,
    ctx: Context,
    *,
    scope: Scope,
    lines: Lines,
    alias: list[str],
    values: dict[str, object],
) -> Rendered:
    """An alias module through a target's template: its imports (the runtime only when
    the module has union functions, `values["loader"]`), then the template's text."""
    if not values["loader"]:
        scope.top.discard(Import("." * (len(pydoc.package) + 1), RUNTIME))
    top, end = scope.imports(lines)
    text = ctx.render(
        template,
        header=ctx.header(pydoc),
        cls=pydoc.cls,
        alias=alias,
        description=doc.description,
        imports=top,
        deferred=end,
        **values,
    )
    return Rendered(text, lines.left_to_black)
