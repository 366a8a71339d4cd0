"""`Schema` → Python source, one doc at a time: each kind of doc has its module beside its
template (model.py, enum.py, alias.py); package.py makes the rest of the package."""

from __future__ import annotations

from generator.emit.alias import render_alias
from generator.emit.context import Context, Rendered
from generator.emit.enum import render_enum
from generator.emit.model import render_model
from generator.ir import (
    Enum,
    Model,
)
from generator.resolve.schema import PyDoc


def render_doc(pydoc: PyDoc, ctx: Context) -> Rendered:
    """The module for one doc: a dataclass, an enum, or a type alias (unions, and objects
    with no documented fields, which are free-form `dict[str, Any]`)."""
    doc = pydoc.doc
    if isinstance(doc, Enum):
        return render_enum(pydoc, doc, ctx)
    if isinstance(doc, Model):
        return render_model(pydoc, doc, ctx)
    return render_alias(pydoc, doc, ctx)
