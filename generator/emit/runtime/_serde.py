"""What the generated models need to read and write JSON, with the standard library only.

`UNSET` marks a field that is absent from the JSON (which is not the same as `null`);
`DecodeError` is the one error a payload that does not fit a model raises, and its `path`
says where, as a JSON path (`$.items[0].name`).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import fields
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, Final, Literal, NoReturn, SupportsIndex, TypeVar

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


class Unset(Enum):
    """The type of `UNSET`: the value of a field the JSON does not have."""

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


class DecodeError(ValueError):
    """A payload that does not fit the model: `path` is where, `message` what is wrong."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def got(value: Any) -> str:
    """How an error names a value's type: `null`, or the Python type (`int`, `str`, …)."""
    return "null" if value is None else type(value).__name__


def fail(path: str, expected: str, value: Any) -> NoReturn:
    raise DecodeError(path, f"expected {expected}, got {got(value)}")


def key_path(path: str, key: str) -> str:
    """`$.name`, or `$["odd key"]` for a key that is not a plain name."""
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def missing(path: str, key: str) -> NoReturn:
    raise DecodeError(key_path(path, key), "required key is missing")


def any_(value: Any, path: str) -> Any:
    return value


def list_of(value: Any, path: str, load: Callable[[Any, str], T]) -> list[T]:
    return [
        load(item, f"{path}[{index}]") for index, item in enumerate(array(value, path))
    ]


def map_of(value: Any, path: str, load: Callable[[Any, str], T]) -> dict[str, T]:
    return {
        key: load(item, key_path(path, key)) for key, item in obj(value, path).items()
    }


def obj(value: Any, path: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    fail(path, "object", value)


def array(value: Any, path: str) -> list[Any]:
    if isinstance(value, list):
        return value
    fail(path, "array", value)


def string(value: Any, path: str) -> str:
    if isinstance(value, str):
        return value
    fail(path, "string", value)


def boolean(value: Any, path: str) -> bool:
    if isinstance(value, bool):
        return value
    fail(path, "boolean", value)


def integer(value: Any, path: str) -> int:
    if type(value) is int:
        return value
    fail(path, "integer", value)


def number(value: Any, path: str) -> float:
    """An int or a float, kept as it is: nothing is converted."""
    if type(value) is int or type(value) is float:
        return value
    fail(path, "number", value)


def literal(value: Any, path: str, expected: str | int | float | bool) -> Any:
    if type(value) is type(expected) and value == expected:
        return value
    raise DecodeError(path, f"expected {json.dumps(expected)}, got {_show(value)}")


def _show(value: Any) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        return json.dumps(value)[:60]
    return got(value)


def enum(cls: type[E], value: Any, path: str) -> E:
    """A member of `cls` by value; the value must have the enum's own type (str or int)."""
    base = int if issubclass(cls, int) else str
    if isinstance(value, base) and not isinstance(value, bool):
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
        try:
            return cls(value)  # an open enum accepts values it does not list
        except ValueError:
            pass
    raise DecodeError(path, f"expected a {cls.__name__} value, got {_show(value)}")


def extra(data: dict[str, Any], known: Collection[str]) -> dict[str, Any]:
    """The keys of `data` that the model does not document, kept as they are."""
    if data.keys() <= known:  # type: ignore[operator]
        return {}
    return {k: v for k, v in data.items() if k not in known}


def extra_of(
    data: dict[str, Any],
    known: Collection[str],
    path: str,
    load: Callable[[Any, str], T],
) -> dict[str, T]:
    """The keys of `data` that the model does not list, each value read by `load` (the
    docs say what type they hold)."""
    return {k: load(v, key_path(path, k)) for k, v in data.items() if k not in known}


_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})\Z"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")


class WireDateTime(datetime):
    """A datetime read from JSON that remembers its text, so writing it back gives the
    same text (RFC 3339 allows several spellings of one instant). A datetime computed
    from it (`+`, `replace`, …) has no text of its own and is written afresh."""

    __slots__ = ("wire",)
    wire: str

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        """Copies and pickles are read again from the same text."""
        text = getattr(self, "wire", None)
        if text is None:
            return super().__reduce_ex__(protocol)
        return (date_time, (text, "$"))


def date_time(value: Any, path: str) -> datetime:
    """An RFC 3339 date-time (`2024-05-01T12:00:00Z`, `…+02:00`, fractions of a second)."""
    match = _DATE_TIME.match(value) if isinstance(value, str) else None
    if match is None:
        fail(path, "an RFC 3339 date-time string", value)
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        if offset in ("Z", "z"):
            tz = timezone.utc
        else:
            sign = -1 if offset[0] == "-" else 1
            tz = timezone(
                sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
            )
        result = WireDateTime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            micro,
            tz,
        )
    except ValueError as exc:
        raise DecodeError(path, f"not a valid date-time: {exc}") from None
    result.wire = value
    return result


def date_(value: Any, path: str) -> date:
    """An RFC 3339 full-date: `2024-05-01`."""
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        fail(path, "an RFC 3339 date string", value)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise DecodeError(path, f"not a valid date: {exc}") from None


def bytes_(value: Any, path: str) -> bytes:
    """Bytes travel in JSON as base64 text."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error:
            pass
    fail(path, "base64 text", value)


def one_of(
    value: Any,
    path: str,
    name: str,
    members: tuple[tuple[str, Collection[str] | None, Callable[[Any, str], Any]], ...],
) -> Any:
    """The first member (in documented order) that `value` fits exactly. A model fits
    exactly when the object has no key the model does not document; if none fits exactly,
    the one member that fits with extra keys wins, and several are an ambiguity."""
    problems: list[str] = []
    loose: list[tuple[str, Callable[[Any, str], Any]]] = []
    for label, keys, load in members:
        if keys is not None and isinstance(value, dict) and not value.keys() <= keys:  # type: ignore[operator]
            loose.append((label, load))
            continue
        try:
            return load(value, path)
        except DecodeError as exc:
            problems.append(f"{label}: {exc.message if exc.path == path else exc}")
    fits = []
    for label, load in loose:
        try:
            fits.append((label, load(value, path)))
        except DecodeError as exc:
            problems.append(f"{label}: {exc.message if exc.path == path else exc}")
    if len(fits) == 1:
        return fits[0][1]
    if fits:
        labels = ", ".join(label for label, _ in fits)
        raise DecodeError(path, f"ambiguous {name}: the value fits {labels}")
    raise DecodeError(path, f"no member of {name} fits: " + "; ".join(problems))


def by_discriminator(
    value: Any,
    path: str,
    name: str,
    key: str,
    members: Mapping[Any, Callable[[Any, str], Any]],
) -> Any:
    """The member whose `key` field holds the value's `key`."""
    data = obj(value, path)
    if key not in data:
        raise DecodeError(path, f"{name} needs its discriminator key {json.dumps(key)}")
    tag = data[key]
    load = members.get(tag) if isinstance(tag, str | int | float | bool) else None
    if load is None:
        known = ", ".join(json.dumps(k) for k in members)
        raise DecodeError(
            key_path(path, key), f"expected one of {known}, got {_show(data[key])}"
        )
    return load(data, path)


def dump_date_time(value: datetime) -> str:
    """RFC 3339 text: the text it was read from, if any; `…Z` for UTC. A datetime without
    a time zone has no RFC 3339 form and is refused."""
    text = getattr(value, "wire", None)
    if isinstance(text, str):
        return text
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{value!r} has no time zone, so it has no RFC 3339 form")
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def dump(value: Any) -> Any:
    """Any value of a generated type as JSON data (for unions and `Any` fields)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value.value if isinstance(value, Enum) else value
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return dump_date_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list | tuple):
        return [dump(item) for item in value]
    if isinstance(value, dict):
        return {key: dump(item) for key, item in value.items()}
    return value


def model_repr(model: Any) -> str:
    """`Model(a=1, b=None)`: the fields that are set (not UNSET), and extra keys if any."""
    parts = [
        f"{f.name}={getattr(model, f.name)!r}"
        for f in fields(model)
        if getattr(model, f.name) is not UNSET
        and not (f.name == "additional_properties" and not getattr(model, f.name))
    ]
    return f"{type(model).__name__}({', '.join(parts)})"


def loads(text: str | bytes) -> Any:
    """JSON text → data; malformed JSON is a DecodeError at `$`."""
    try:
        return json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DecodeError("$", f"not valid JSON: {exc}") from None


def dumps(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)
