"""An enum doc → its module: a `str` or `int` Enum, open ones with `_missing_`
(templates/enum.py.jinja)."""

from __future__ import annotations

from generator.emit.context import Context, Lines, Rendered, def_stmt
from generator.emit.layout import Stmt
from generator.emit.pysource import py_str
from generator.ir import (
    Enum,
)
from generator.resolve import names as naming
from generator.resolve.schema import PyDoc


def render_enum(pydoc: PyDoc, doc: Enum, ctx: Context) -> Rendered:
    lines = Lines(ctx.config.line_length)
    members = [
        line
        for name, v in zip(pydoc.members, doc.values, strict=True)
        for line in lines(Stmt(_value_source(v.value), prefix=f"{name} = "), 4)
    ]
    text = ctx.render(
        "enum.py.jinja",
        header=ctx.header(pydoc),
        cls=pydoc.cls,
        base="int" if doc.numeric else "str",
        description=doc.description,
        members=members,
        open=doc.open,
        unknown_name=naming.dedupe(["UNRECOGNIZED"], pydoc.members)[0],
        stmt=lines.text,
        missing_def=lines(
            def_stmt("_missing_", ("cls", "value: object"), f"{pydoc.cls} | None"), 4
        ),
    )
    return Rendered(text, lines.left_to_black)


def _value_source(value: str | int) -> str:
    return repr(value) if isinstance(value, int) else py_str(value)
