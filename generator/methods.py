"""The bodies of a model's `from_dict` and `to_dict`: plain statements, one group per field.

`from_dict` reads each documented key (absent stays `UNSET`, `null` stays `None` for an
optional field), checks or converts its value, and keeps every other key in
`additional_properties`; `to_dict` writes back exactly the keys that were there.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ir import Field
from .pysource import py_str
from .serde import Codec, wire_path


@dataclass(frozen=True, slots=True)
class FieldCode:
    """One field's part of `from_dict` (reading into local `var`) and of `to_dict`."""

    var: str
    load: tuple[str, ...]
    dump: tuple[str, ...]


def field_code(f: Field, attr: str, codec: Codec) -> FieldCode:
    """The statements that read and write field `f`, whose attribute is `attr`."""
    var, key = f"_{attr}", py_str(f.wire)
    path = wire_path("path", f.wire)
    lines = [f"{var} = data.get({key}, UNSET)"]
    if f.required:
        lines += [f"if {var} is UNSET:", f"    _serde.missing(path, {key})"]
        present = ""
    else:
        present = f"{var} is not UNSET and {var} is not None"
    check = codec.check(f.type, var, path)
    if check is not None:
        check = f"({check})" if " and " in check else check
        condition = f"{present} and not {check}" if present else f"not {check}"
        lines += [
            f"if {condition}:",
            f"    _serde.fail({path}, {py_str(codec.expected(f.type))}, {var})",
        ]
    elif not codec.is_identity(f.type):
        convert = f"{var} = {codec.load(f.type, var, path)}"
        lines += [f"if {present}:", f"    {convert}"] if present else [convert]
    return FieldCode(var, tuple(lines), _dump(f, attr, codec, key))


def _dump(f: Field, attr: str, codec: Codec, key: str) -> tuple[str, ...]:
    value = f"self.{attr}"
    written = codec.dump(f.type, value)
    if f.required:
        return (f"data[{key}] = {written}",)
    if written != value:
        written = f"None if {value} is None else {written}"
    return (f"if {value} is not UNSET:", f"    data[{key}] = {written}")
