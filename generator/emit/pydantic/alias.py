"""A union or free-form object doc → a type alias for pydantic (templates/pydantic/alias.py.jinja):
a union with a discriminator is `Annotated[A | B, Field(discriminator=…)]`, and
`x_from_dict` / `x_to_dict` load and dump it through one `TypeAdapter`."""

from __future__ import annotations

from generator.emit.alias import FREE_FORM, _union_of, alias_module
from generator.emit.context import Context, Lines, Rendered, Scope, chain, def_stmt
from generator.emit.layout import Call, Expr, Stmt, flat
from generator.emit.pydantic.model import PydanticScope, attribute_names
from generator.emit.pysource import py_str
from generator.emit.pytypes import Import
from generator.ir import FreeForm, Literal, Model, Ref, TypeExpr, Union
from generator.resolve.imports import dumper_name, loader_name
from generator.resolve.schema import PyDoc


def render_alias(pydoc: PyDoc, doc: FreeForm | Union, ctx: Context) -> Rendered:
    """`X: TypeAlias = A | B` (annotated with its discriminator when it has one), with
    `x_from_dict` / `x_to_dict` for a union."""
    scope = PydanticScope(pydoc, ctx)
    scope.top.add(Import("typing", "TypeAlias"))
    lines = Lines(ctx.config.line_length)
    target: TypeExpr = FREE_FORM if isinstance(doc, FreeForm) else _union_of(doc.members)
    text = scope.annotation(target)
    key = discriminator_attribute(doc, scope) if isinstance(doc, Union) else None
    value: Expr = chain(text)
    if key is not None:
        scope.top.add(Import("typing", "Annotated"))
        value = f"Annotated[{text}, _serde.Field(discriminator={py_str(key)})]"
    if pydoc.quoted:  # it names itself: pydantic resolves a TypeAliasType's text lazily
        scope.top.discard(Import("typing", "TypeAlias"))
        scope.top.add(Import("typing_extensions", "TypeAliasType"))
        call = Call("TypeAliasType", (py_str(pydoc.cls), py_str(flat(value))))
        alias = lines(Stmt(call, prefix=f"{pydoc.cls} = "), 0)
    else:
        alias = lines(Stmt(value, prefix=f"{pydoc.cls}: TypeAlias = "), 0)
    values: dict[str, object] = {"loader": ""}
    if isinstance(doc, Union):
        scope.top.add(Import("typing", "Any"))
        cls = pydoc.cls
        values = {
            "loader": loader_name(pydoc.module),
            "loader_def": lines(def_stmt(loader_name(pydoc.module), ("data: Any",), cls), 0),
            "dumper_def": lines(def_stmt(dumper_name(pydoc.module), (f"value: {cls}",), "Any"), 0),
            "load": lines(Stmt(Call("_serde.load", (cls, "data")), prefix=f"value: {cls} = "), 4),
            "dump": lines(Stmt(Call("_serde.dump", (cls, "value")), prefix="return "), 4),
            "how": _how(doc, key),
        }
    return alias_module(
        "pydantic/alias.py.jinja",
        pydoc,
        doc,
        ctx,
        scope=scope,
        lines=lines,
        alias=alias,
        values=values,
    )


def discriminator_attribute(doc: Union, scope: Scope) -> str | None:
    """The attribute that holds the union's discriminator in every member (pydantic names
    it by attribute), or None when the union has none or its members name it differently."""
    if doc.discriminator is None:
        return None
    found: set[str] = set()
    for member in doc.members:
        assert isinstance(member.type, Ref)
        target = scope.ctx.by_id[member.type.target]
        assert isinstance(target.doc, Model)
        names = attribute_names(target.members)
        for attr, f in zip(names, target.doc.fields, strict=True):
            if f.wire == doc.discriminator and isinstance(f.type, Literal):
                found.add(attr)
    return found.pop() if len(found) == 1 else None


def _how(doc: Union, key: str | None) -> str:
    if key is not None:
        return f"the member its {doc.discriminator!r} key names"
    return "the member that fits it best (pydantic's smart union)"
