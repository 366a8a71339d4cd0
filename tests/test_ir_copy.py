"""The IR copies its records without `dataclasses.replace` (ir._copy): that holds only
while every record is a `record` (a slotted dataclass hashed by its fields, frozen to
mypy) whose fields `__init__` sets, with no `__post_init__`."""

from __future__ import annotations

import dataclasses

import pytest

from generator import ir
from generator.errors import Location

RECORDS = [
    value
    for value in vars(ir).values()
    if isinstance(value, type)
    and dataclasses.is_dataclass(value)
    and value.__module__ == ir.__name__
]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_records_are_plain_slotted_records(cls: type) -> None:
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.eq and params.unsafe_hash  # as `record` makes them
    assert "__slots__" in vars(cls)
    assert not hasattr(cls, "__post_init__")
    assert all(f.init for f in dataclasses.fields(cls))


def test_copy_is_replace() -> None:
    field = ir.Field("a", "a", ir.Primitive("string"), True, False, "", None, (), Location("x", 1))
    changed = ir.updated(field, type=ir.Primitive("integer"), description="d")
    assert changed == dataclasses.replace(field, type=ir.Primitive("integer"), description="d")
    assert ir.updated(field, description="") is field
    with pytest.raises((AttributeError, TypeError)):  # no field of that name: refused
        ir.updated(field, typo=1)
