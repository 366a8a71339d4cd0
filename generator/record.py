"""`record`: the immutable dataclass every stage's data is made of (docs, the IR,
diagnostics, layouts, plans).

To mypy, `@record` is `@dataclass(frozen=True, slots=True)`: assigning to a field of a
record is a type error (`make lint` runs mypy --strict; tests/test_record.py checks that it
says so). At run time it is a slots dataclass that is not frozen, with the same equality
and the same hash (by fields). A frozen dataclass's `__init__` sets each field through
`object.__setattr__`, three times the cost of a plain assignment, and creating its class
costs twice as much (two more generated methods); a run makes hundreds of thousands of
records and creates about a hundred record classes before it reads its first doc.
"""

from __future__ import annotations

import dataclasses
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
        make = dataclasses.dataclass(slots=True, unsafe_hash=True, kw_only=kw_only, order=order)
        return make if cls is None else make(cls)
