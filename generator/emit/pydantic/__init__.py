"""The pydantic v2 target: the same docs, names, docstrings and modules as the dataclass
target, as `BaseModel` classes (model.py), `TypeAdapter`-backed union aliases (alias.py)
and the same enums, through templates/pydantic/."""

from __future__ import annotations

from generator.emit.context import Context, Rendered
from generator.emit.enum import render_enum
from generator.emit.pydantic.alias import render_alias
from generator.emit.pydantic.model import render_model
from generator.ir import Enum, Model
from generator.resolve.schema import PyDoc


def render_doc(pydoc: PyDoc, ctx: Context) -> Rendered:
    """The module for one doc: a model, an enum, or a type alias."""
    doc = pydoc.doc
    if isinstance(doc, Enum):
        return render_enum(pydoc, doc, ctx)
    if isinstance(doc, Model):
        return render_model(pydoc, doc, ctx)
    return render_alias(pydoc, doc, ctx)
