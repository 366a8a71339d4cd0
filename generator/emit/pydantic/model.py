"""A model doc → a pydantic v2 `BaseModel` (templates/pydantic/model.py.jinja), built on
the package's `_serde.Model` (its settings and JSON methods). Names, types and docstrings
are the dataclass target's; what differs is how a field says its JSON key and default."""

from __future__ import annotations

from typing import Any

from generator.emit.conformance import Checker
from generator.emit.context import (
    Context,
    DocView,
    Lines,
    Rendered,
    Scope,
    chain,
    literal_source,
)
from generator.emit.layout import AnnAssign, Call, Expr
from generator.emit.model import CLASS_BODY, _with_example
from generator.emit.pysource import py_str
from generator.ir import Doc, Field, Literal, Model, Primitive
from generator.record import record
from generator.resolve import names as naming
from generator.resolve.schema import PyDoc

BASE_MODEL_NAMES = frozenset(
    {
        "construct", "copy", "dict", "from_orm", "json", "model_computed_fields",
        "model_config", "model_construct", "model_copy", "model_dump", "model_dump_json",
        "model_extra", "model_fields", "model_fields_set", "model_json_schema",
        "model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
        "model_validate_json", "model_validate_strings", "parse_file", "parse_obj",
        "parse_raw", "schema", "schema_json", "update_forward_refs", "validate",
    }
)  # fmt: skip
"""What `BaseModel` defines: an attribute of that name would hide it (pydantic refuses)."""


class PydanticScope(Scope):
    """A module's names and imports; bytes travel as base64 text, as in every target, and
    a date-time's text comes back as it was read."""

    primitives = {  # noqa: RUF012 (read only)
        "bytes": ("_serde.Base64Bytes", None),
        "datetime": ("_serde.DateTime", None),
    }


@record
class FieldView:
    """One field as the template places it: its declaration and docstring text."""

    declaration: list[str]
    description: str


def attribute_names(members: tuple[str, ...]) -> list[str]:
    """The dataclass target's attribute names, with `_` after one `BaseModel` defines."""
    renamed = [f"{m}_" if m in BASE_MODEL_NAMES else m for m in members]
    if renamed == list(members):
        return renamed
    kept = {m for m, r in zip(members, renamed, strict=True) if m == r}
    return [
        r if r == m else naming.dedupe([r], kept)[0] for m, r in zip(members, renamed, strict=True)
    ]


def render_model(pydoc: PyDoc, doc: Model, ctx: Context) -> Rendered:
    scope = PydanticScope(pydoc, ctx)
    lines = Lines(ctx.config.line_length)
    names = attribute_names(pydoc.members)
    fields = [_field_view(attr, f, scope, lines) for attr, f in zip(names, doc.fields, strict=True)]
    extra: list[str] = []
    if doc.extra_type != Primitive("any"):
        value_type = scope.annotation(doc.extra_type)
        declaration = AnnAssign(
            "__pydantic_extra__",
            chain(f"dict[str, {value_type}]"),
            Call("_serde.Field", ("init=False",)),
        )
        extra = lines(declaration, CLASS_BODY)
    description = doc.extra.description if doc.extra and doc.extra.description else ""
    top, end = scope.imports(lines)
    text = ctx.render(
        "pydantic/model.py.jinja",
        header=ctx.header(pydoc),
        cls=pydoc.cls,
        description=_with_example(doc.description, pydoc, ctx, _NameChecker(ctx)),
        fields=fields,
        extra=extra,
        extra_description=description or _TYPED_EXTRA_TEXT,
        imports=top,
        deferred=end,
        stmt=lines.text,
    )
    return Rendered(text, lines.left_to_black)


_TYPED_EXTRA_TEXT = "Keys of the JSON object that the docs do not list by name, with their values."


class _NameChecker(Checker):
    """Examples fit unless an object holds a key that is the attribute name (not the JSON
    key) of one of its model's fields: pydantic counts such a key as that field set, so
    `to_dict()` would also write the field (as null)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(DocView(ctx.by_id))
        self.by_id = ctx.by_id

    def fits_doc(self, value: Any, doc: Doc) -> bool:
        if isinstance(doc, Model) and isinstance(value, dict):
            names = attribute_names(self.by_id[doc.id].members)
            aliased = {a for a, f in zip(names, doc.fields, strict=True) if a != f.wire}
            if aliased.intersection(value):
                return False
        return super().fits_doc(value, doc)


def _field_view(attr: str, f: Field, scope: Scope, lines: Lines) -> FieldView:
    """`attr: T = _serde.Field(alias=…)`: the alias only when the JSON key is not the
    attribute's name; an optional field defaults to None (and stays unset until given)."""
    text = scope.annotation(f.type)
    if f.takes_null or not f.required:
        text = f"{text} | None"
    args: list[str] = []
    if f.required and isinstance(f.type, Literal):  # a constant: it can only be this
        args.append(f"default={literal_source(f.type)}")
    elif not f.required:
        args.append("default=None")
    if f.wire != attr:
        args.append(f"alias={py_str(f.wire)}")
    if not args:
        bare = lines.text(f"{attr}: {text}", CLASS_BODY).split("\n")
        return FieldView(bare, f.description)
    value: Expr = "None" if args == ["default=None"] else Call("_serde.Field", tuple(args))
    return FieldView(lines(AnnAssign(attr, chain(text), value), CLASS_BODY), f.description)
