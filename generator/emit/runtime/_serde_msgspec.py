"""What the generated msgspec models share: one `Struct` base with the package's settings,
and the JSON methods every target's models have (`from_dict`, `to_dict`, `from_json`,
`to_json`).

A key the JSON does not have is `UNSET` and stays out of `to_dict()`; a key given as
`null` comes back as `null`. msgspec drops keys the docs do not list. `DecodeError` is
msgspec's `ValidationError`, whose message ends with the JSON path (`$.items[0].name`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import msgspec
from msgspec import UNSET, Struct, UnsetType, ValidationError, field
from typing_extensions import Self

__all__ = [
    "UNSET",
    "DecodeError",
    "Model",
    "UnsetType",
    "dump",
    "each",
    "field",
    "first_fit",
    "load",
    "one_of",
    "refine",
    "values",
]

DecodeError = ValidationError
"""The error a payload that does not fit a model raises (a `ValueError`)."""

_DECODERS: dict[Any, msgspec.json.Decoder[Any]] = {}
_ENCODER = msgspec.json.Encoder()


def _decoder(kind: Any) -> msgspec.json.Decoder[Any]:
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = msgspec.json.Decoder(kind)
    return found


class Model(Struct, kw_only=True, omit_defaults=True):
    """The base of every generated model: fields are keyword-only, and a field left at its
    default (`UNSET`) is not written."""

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """The model that JSON data describes."""
        return msgspec.convert(data, cls)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON data: the keys that came in (or were set), documented names."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """The model that JSON text describes."""
        value: Self = _decoder(cls).decode(text)
        return value

    def to_json(self, indent: int | None = None) -> str:
        """This model as JSON text."""
        text = _ENCODER.encode(self)
        if indent is not None:
            text = msgspec.json.format(text, indent=indent)
        return text.decode("utf-8")


def load(kind: Any, data: Any) -> Any:
    """A value of the union `kind` that JSON data describes."""
    return msgspec.convert(data, kind)


def first_fit(name: str, members: Sequence[Any], data: Any) -> Any:
    """A value of a union msgspec cannot tell apart by itself: the first member, in
    documented order, that the data fits exactly (it comes back as it came), else the
    first it fits at all (msgspec drops keys a model does not list)."""
    loose: list[Any] = []
    for member in members:
        try:
            value = msgspec.convert(data, member)
        except ValidationError:
            continue
        if msgspec.to_builtins(value) == data:
            return value
        loose.append(value)
    if loose:
        return loose[0]
    raise ValidationError(f"Expected a value that fits a member of {name} - at `$`")


def one_of(name: str, members: Sequence[Any]) -> Callable[[Any], Any]:
    """A loader for an inline union msgspec cannot tell apart (see `first_fit`)."""
    return lambda data: first_fit(name, members, data)


def each(load: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A loader for a JSON array whose items `load` reads."""

    def load_each(data: Any) -> Any:
        items = []
        for i, item in enumerate(data):
            try:
                items.append(load(item))
            except ValidationError as exc:
                raise _within(exc, f"[{i}]") from None
        return items

    return load_each


def values(load: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A loader for a JSON object whose values `load` reads."""

    def load_values(data: Any) -> Any:
        out = {}
        for key, item in data.items():
            try:
                out[key] = load(item)
            except ValidationError as exc:
                raise _within(exc, f"[{key!r}]") from None
        return out

    return load_values


def refine(value: Any, key: str, load: Callable[[Any], Any]) -> Any:
    """A field's JSON data that msgspec kept as it came (a union it cannot tell apart),
    read by `load` once the Struct is built; an error names the key and where in it."""
    try:
        return load(value)
    except ValidationError as exc:
        message, _, where = str(_within(exc, "")).rpartition(" - at `$")
        raise ValueError(f"{message} at `{key}{where.rstrip('`')}`") from None


def _within(exc: ValidationError, step: str) -> ValidationError:
    """The error with `step` put in front of its path (`$.a` → `$[0].a`)."""
    message, found, where = str(exc).rpartition(" - at `$")
    if not found:
        return ValidationError(f"{exc} - at `${step}`")
    return ValidationError(f"{message} - at `${step}{where}")


def dump(value: Any) -> Any:
    """A value of a union as JSON data."""
    return msgspec.to_builtins(value)
