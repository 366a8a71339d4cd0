"""The bodies of a model's `from_dict` and `to_dict`: plain statements, one group per field.

`from_dict` reads each documented key (absent stays `UNSET`; `null` stays `None` for a
field that takes it — one the sources say is nullable, or without sources an optional one
— and anywhere else the check or the loader refuses it with a DecodeError naming the
path), checks or converts its value, and keeps every other key in
`additional_properties`; `to_dict` writes back exactly the keys that were there. The
statements are layout blocks (layout.py), so they come out as black would write them.
"""

from __future__ import annotations

from generator.emit.layout import Block, Call, If, Stmt
from generator.emit.pysource import py_str
from generator.emit.serde import Codec, wire_path
from generator.ir import Field
from generator.record import record
from generator.resolve import names as naming


@record
class FieldCode:
    """One field's part of `from_dict` (reading into local `var`) and of `to_dict`."""

    var: str
    load: tuple[Block, ...]
    dump: tuple[Block, ...]


def local_names(attrs: tuple[str, ...], module_names: set[str]) -> list[str]:
    """The locals `from_dict` reads fields into: `_attr`, unless that would hide a name of
    the module (`_serde`, an import alias like `_pet`)."""
    return naming.dedupe([f"_{attr}" for attr in attrs], module_names)


def field_code(f: Field, attr: str, var: str, codec: Codec) -> FieldCode:
    """The statements that read and write field `f`, whose attribute is `attr`, reading
    it into the local `var`."""
    key = py_str(f.wire)
    path = wire_path("path", f.wire)
    blocks: list[Block] = [Stmt(Call("data.get", (key, "UNSET")), prefix=f"{var} = ")]
    present: tuple[str, ...] = ()
    if f.required:
        blocks.append(
            If("if", (f"{var} is UNSET",), (Stmt(Call("_serde.missing", ("path", key))),))
        )
    else:
        present = (f"{var} is not UNSET",)
    if f.takes_null:
        present += (f"{var} is not None",)
    check = codec.check(f.type, var, path)
    if check is not None:
        fail = Stmt(Call("_serde.fail", (path, py_str(codec.expected(f.type)), var)))
        blocks.append(If("if", (*present, check), (fail,)))
    elif not codec.is_identity(f.type):
        convert = Stmt(codec.load(f.type, var, path), prefix=f"{var} = ")
        blocks.append(If("if", present, (convert,)) if present else convert)
    return FieldCode(var, tuple(blocks), _dump(f, attr, codec, key))


def _dump(f: Field, attr: str, codec: Codec, key: str) -> tuple[Block, ...]:
    value = f"self.{attr}"
    written = codec.dump(f.type, value)
    target = f"data[{key}] = "
    if written == value or not f.takes_null:  # `None` needs no conversion, or cannot be
        if f.required:
            return (Stmt(written, prefix=target),)
        return (If("if", (f"{value} is not UNSET",), (Stmt(written, prefix=target),)),)
    null = If("if", (f"{value} is None",), (Stmt("None", prefix=target),))
    if f.required:
        return (null, If("else", (), (Stmt(written, prefix=target),)))
    return (null, If("elif", (f"{value} is not UNSET",), (Stmt(written, prefix=target),)))
