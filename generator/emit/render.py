"""`Schema` → Python source, one doc at a time: each kind of doc has its module beside its
template (model.py, enum.py, alias.py); package.py makes the rest of the package. The
other targets (`target = "pydantic"`, `"msgspec"`) have their own modules and templates
(emit/pydantic/, emit/msgspec/, templates/<target>/) and share the enums."""

from __future__ import annotations

from generator.emit.alias import render_alias
from generator.emit.context import Context, Rendered
from generator.emit.enum import render_enum
from generator.emit.model import render_model
from generator.emit.msgspec import render_doc as msgspec_doc
from generator.emit.pydantic import render_doc as pydantic_doc
from generator.ir import (
    Enum,
    Model,
)
from generator.resolve.schema import PyDoc


def render_doc(pydoc: PyDoc, ctx: Context) -> Rendered:
    """The module for one doc: a dataclass, an enum, or a type alias (unions, and objects
    with no documented fields, which are free-form `dict[str, Any]`)."""
    if ctx.config.target == "pydantic":
        return pydantic_doc(pydoc, ctx)
    if ctx.config.target == "msgspec":
        return msgspec_doc(pydoc, ctx)
    doc = pydoc.doc
    if isinstance(doc, Enum):
        return render_enum(pydoc, doc, ctx)
    if isinstance(doc, Model):
        return render_model(pydoc, doc, ctx)
    return render_alias(pydoc, doc, ctx)
