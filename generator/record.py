"""`record`: the immutable dataclass every stage's data is made of (docs, the IR,
diagnostics, layouts, plans).

To mypy, `@record` is `@dataclass(frozen=True, slots=True)`: assigning to a field of a
record is a type error (`make lint` runs mypy --strict; tests/test_record.py checks that it
says so). At run time it is a slots dataclass that is not frozen, with the same equality,
hash (by fields) and `repr`. A frozen dataclass's `__init__` sets each field through
`object.__setattr__`, three times the cost of a plain assignment, and creating its class
costs twice as much (two more generated methods); a run makes hundreds of thousands of
records and creates about a hundred record classes before it reads its first doc. For the
same reason the `repr` is one function for all records, not one compiled per class.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

T = TypeVar("T")

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform

    @overload
    def record(cls: type[T], /) -> type[T]: ...

    @overload
    def record(*, kw_only: bool = False, order: bool = False) -> Callable[[type[T]], type[T]]: ...

    @dataclass_transform(frozen_default=True)
    def record(cls: Any = None, /, *, kw_only: bool = False, order: bool = False) -> Any: ...

else:  # typing_extensions is not a dependency: only mypy reads the block above

    def record(cls=None, /, *, kw_only=False, order=False):
        """`cls` as a slots dataclass hashed by its fields (see the module's docstring)."""

        def make(cls):
            made = dataclasses.dataclass(
                slots=True, unsafe_hash=True, repr=False, kw_only=kw_only, order=order
            )(cls)
            if "__repr__" not in cls.__dict__:
                made.__repr__ = _record_repr
            return made

        return make if cls is None else make(cls)


@reprlib.recursive_repr()
def _record_repr(self: Any) -> str:
    """The `repr` a dataclass generates for each class (`Name(a=1, b='x')`), shared by every
    record: one function, instead of one compiled per class when it is created."""
    fields = ", ".join(
        f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self) if f.repr
    )
    return f"{type(self).__qualname__}({fields})"
