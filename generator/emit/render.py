"""`Schema` → Python source, one doc at a time: each kind of doc has its module beside its
template (model.py, enum.py, alias.py); package.py makes the rest of the package. The
other targets (`target = "pydantic"`, `"msgspec"`) have their own modules and templates
(emit/pydantic/, emit/msgspec/, templates/<target>/) and share the enums.

Only the run's target is loaded: `prepare` imports its modules and compiles its
templates once, in the parent, before the render workers fork."""

from __future__ import annotations

from collections.abc import Callable

from generator.emit.alias import render_alias
from generator.emit.context import Context, Rendered, compile_templates
from generator.emit.enum import render_enum
from generator.emit.model import render_model
from generator.ir import (
    Enum,
    Model,
)
from generator.resolve.schema import PyDoc

Renderer = Callable[[PyDoc, Context], Rendered]


def render_doc(pydoc: PyDoc, ctx: Context) -> Rendered:
    """The module for one doc, as the run's target writes it."""
    return renderer(ctx.config.target)(pydoc, ctx)


def renderer(target: str) -> Renderer:
    """The function that renders one doc for `target`; the other targets' modules are
    imported only when one of them is the target."""
    if target == "pydantic":
        from generator.emit import pydantic  # noqa: PLC0415

        return pydantic.render_doc
    if target == "msgspec":
        from generator.emit import msgspec  # noqa: PLC0415

        return msgspec.render_doc
    return _dataclass_doc


def prepare(target: str) -> None:
    """Load what rendering for `target` needs: its modules and its templates."""
    renderer(target)
    compile_templates(target)


def _dataclass_doc(pydoc: PyDoc, ctx: Context) -> Rendered:
    """The module for one doc: a dataclass, an enum, or a type alias (unions, and objects
    with no documented fields, which are free-form `dict[str, Any]`)."""
    doc = pydoc.doc
    if isinstance(doc, Enum):
        return render_enum(pydoc, doc, ctx)
    if isinstance(doc, Model):
        return render_model(pydoc, doc, ctx)
    return render_alias(pydoc, doc, ctx)
