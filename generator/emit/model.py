"""A model doc → its module: a dataclass with `from_dict`/`to_dict`/`from_json`/`to_json`
(templates/model.py.jinja). Python decides every name, type and statement here; the
template only arranges them. Doc text reaches the template raw and is escaped by its
`docstring` filter."""

from __future__ import annotations

import pprint

from generator.emit.conformance import Checker, example_of
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
from generator.emit.layout import AnnAssign, Block, Call, Display, Expr, Stmt
from generator.emit.methods import field_code, local_names
from generator.emit.pysource import escape_text, py_str
from generator.emit.pytypes import Import
from generator.ir import (
    Literal,
    MapOf,
    Model,
    Primitive,
)
from generator.record import record
from generator.resolve.schema import PyDoc


@record
class FieldView:
    """One field as the template places it: its declaration, docstring text, and its
    lines in `from_dict` and `to_dict`, all laid out already."""

    declaration: list[str]
    description: str
    load: list[str]
    dump: list[str]
    argument: str


CLASS_BODY = 4
"""The indent of statements in the class body, as model.py.jinja places them."""
METHOD_BODY = 8
"""The indent of statements in a method body, as model.py.jinja places them."""


def render_model(pydoc: PyDoc, doc: Model, ctx: Context) -> Rendered:
    scope = Scope(pydoc, ctx)
    runtime = f"{'.' * (len(pydoc.package) + 1)}{RUNTIME}"
    scope.top |= {
        Import("dataclasses", "dataclass"),
        Import("dataclasses", "field"),
        Import("typing", "Any"),
        Import("typing", "ClassVar"),
        Import(runtime, "UNSET"),
    }
    lines = Lines(ctx.config.line_length)
    fields = _field_views(pydoc, doc, scope, lines)
    extra = _extra_keys(doc, scope)
    cls = pydoc.cls
    keys = Display("{", tuple(py_str(f.wire) for f in doc.fields), "}")
    wire_keys = Call("frozenset", (keys,) if doc.fields else ())
    construct = Call("cls", (*(f.argument for f in fields), extra.argument), exploded=True)
    from_dict = def_stmt("from_dict", ("cls", "data: Any", 'path: str = "$"'), cls)
    from_json = def_stmt("from_json", ("cls", "text: str | bytes"), cls)
    top, end = scope.imports(lines)
    text = ctx.render(
        "model.py.jinja",
        header=ctx.header(pydoc),
        cls=cls,
        description=_with_example(doc.description, pydoc, ctx),
        fields=fields,
        imports=top,
        deferred=end,
        extra_declaration=lines(extra.declaration, CLASS_BODY),
        extra_description=extra.description,
        extra_dump=lines(extra.dump, METHOD_BODY),
        wire_keys=lines(Stmt(wire_keys, prefix=_WIRE_KEYS), CLASS_BODY),
        from_dict_def=lines(from_dict, CLASS_BODY),
        construct=lines(Stmt(construct, prefix="return "), METHOD_BODY),
        stmt=lines.text,
        from_json_def=lines(from_json, CLASS_BODY),
    )
    return Rendered(text, lines.left_to_black)


def _field_views(pydoc: PyDoc, doc: Model, scope: Scope, lines: Lines) -> list[FieldView]:
    """Each field's declaration and its statements in `from_dict` and `to_dict`."""
    runtime = f"{'.' * (len(pydoc.package) + 1)}{RUNTIME}"
    module_names = {RUNTIME} | {r.alias for r in pydoc.refs if r.alias}
    local_vars = local_names(pydoc.members, module_names)
    views: list[FieldView] = []
    for attr, var, f in zip(pydoc.members, local_vars, doc.fields, strict=True):
        text = scope.annotation(f.type)
        if f.takes_null:
            text = f"{text} | None"
        metadata = f"metadata={{{py_str('wire')}: {py_str(f.wire)}}}"
        if f.required and isinstance(f.type, Literal):  # a constant: it can only be this
            args: tuple[str, ...] = (f"default={literal_source(f.type)}", metadata)
        elif f.required:
            args = (metadata,)
        else:
            text = f"{text} | Unset"
            scope.top.add(Import(runtime, "Unset"))
            args = ("default=UNSET", metadata)
        code = field_code(f, attr, var, scope.codec)
        views.append(
            FieldView(
                lines(AnnAssign(attr, chain(text), Call("field", args)), CLASS_BODY),
                f.description,
                lines(list(code.load), METHOD_BODY),
                lines(list(code.dump), METHOD_BODY),
                f"{attr}={code.var}",
            )
        )
    return views


_WIRE_KEYS = "_WIRE_KEYS: ClassVar[frozenset[str]] = "
_EXTRA = "additional_properties"
_EXTRA_TEXT = "Keys of the JSON object that the docs do not list, kept as they came."
_TYPED_EXTRA_TEXT = "Keys of the JSON object that the docs do not list by name, with their values."


@record
class _ExtraView:
    """A model's `additional_properties`: its declaration and docstring, the argument
    `from_dict` gives it, and how `to_dict` writes it back."""

    declaration: Block
    description: str
    argument: str
    dump: Block


def _extra_keys(doc: Model, scope: Scope) -> _ExtraView:
    """`additional_properties` as the doc says: any JSON, or values of one documented type
    (read and checked by `from_dict` like a field's)."""
    value_type = doc.extra_type
    metadata = Call("field", ("default_factory=dict", 'metadata={"additional": True}'))
    annotation = f"dict[str, {scope.annotation(value_type)}]"
    declaration = AnnAssign(_EXTRA, chain(annotation), metadata)
    description = doc.extra.description if doc.extra and doc.extra.description else ""
    if not description:
        typed = value_type != Primitive("any")
        description = _TYPED_EXTRA_TEXT if typed else _EXTRA_TEXT
    codec = scope.codec
    own = f"self.{_EXTRA}"
    if codec.is_identity(value_type) and codec.check(value_type, "v", "p") is None:
        argument = f"{_EXTRA}=_serde.extra(data, cls._WIRE_KEYS)"
        written: Expr = own
    else:
        loader = codec.loader(value_type)
        argument = f"{_EXTRA}=_serde.extra_of(data, cls._WIRE_KEYS, path, {loader})"
        written = codec.dump(MapOf(value_type), own)
        written = own if written == Call("dict", (own,)) else written
    return _ExtraView(declaration, description, argument, Stmt(Call("data.update", (written,))))


EXAMPLE_LINES = 12
"""The longest example (in lines of data) a class docstring shows."""


def _with_example(text: str, pydoc: PyDoc, ctx: Context, checker: Checker | None = None) -> str:
    """The class docstring text with a runnable example of the doc's own example data,
    when the doc has one that fits the model (as `checker` sees it) and is short enough
    to read."""
    assert isinstance(pydoc.doc, Model)
    example = example_of(pydoc.doc, checker or ctx.checker)
    if example is None:
        return text
    prompt = ">>> data = "  # and its continuation, "...        ", as wide
    width = ctx.config.line_length - 4 - 4 - len(prompt)  # class body, example block
    data = pprint.pformat(example, width=width, sort_dicts=False).split("\n")
    if len(data) > EXAMPLE_LINES:
        return text
    lines = [prompt + data[0], *(f"...{' ' * (len(prompt) - 3)}{line}" for line in data[1:])]
    lines += [f">>> {pydoc.cls}.from_dict(data).to_dict() == data", "True"]
    if any(len(escape_text(line)) + 8 > ctx.config.line_length for line in lines):
        return text
    block = "\n".join("    " + line for line in lines)
    return f"{text}\n\nExample:\n\n{block}" if text else f"Example:\n\n{block}"
