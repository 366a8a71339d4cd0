"""What the generated pydantic v2 models share: one base class with the package's settings,
and the JSON methods every target's models have (`from_dict`, `to_dict`, `from_json`,
`to_json`).

A key the JSON does not have stays unset (`model_fields_set`), so it stays out of
`to_dict()`; a key given as `null` comes back as `null`. Keys the docs do not list are kept
(`model_extra`). `DecodeError` is pydantic's `ValidationError`, whose errors name where.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, SupportsIndex

from pydantic import (
    Base64Bytes,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    TypeAdapter,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from typing_extensions import Self

__all__ = [
    "Base64Bytes",
    "DateTime",
    "DecodeError",
    "Field",
    "Model",
    "WireDateTime",
    "adapter",
    "dump",
    "load",
]

DecodeError = ValidationError
"""The error a payload that does not fit a model raises (a `ValueError`)."""


class Model(BaseModel):
    """The base of every generated model: documented names are aliases (attribute names
    work too), field docstrings are field descriptions, other keys are kept. Bytes fields
    are `Base64Bytes`: base64 text in JSON data and JSON text alike."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        use_attribute_docstrings=True,
        protected_namespaces=(),
    )

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """The model that JSON data describes (`model_validate`, straight to the core). Keys
        are read by their documented names only: a key that is some field's attribute name
        is one the docs do not list, and is kept as such."""
        model: Self = cls.__pydantic_validator__.validate_python(
            data, by_alias=True, by_name=False
        )
        return model

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON data: the keys that came in (or were set), documented names."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """The model that JSON text describes (`model_validate_json`, straight to the core)."""
        model: Self = cls.__pydantic_validator__.validate_json(
            text, by_alias=True, by_name=False
        )
        return model

    def to_json(self, indent: int | None = None) -> str:
        """This model as JSON text."""
        return self.model_dump_json(indent=indent, by_alias=True, exclude_unset=True)


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
        return (_from_text, (text,))


def _from_text(text: str) -> datetime:
    return _kept(_DATETIME.validate_python(text), text)


def _remember(value: Any, handler: ValidatorFunctionWrapHandler) -> datetime:
    """pydantic's datetime, which keeps the text it was read from."""
    result: datetime = handler(value)
    if not isinstance(value, str) or type(result) is not datetime:
        return result
    return _kept(result, value)


def _kept(result: datetime, value: str) -> datetime:
    kept = WireDateTime(
        result.year,
        result.month,
        result.day,
        result.hour,
        result.minute,
        result.second,
        result.microsecond,
        result.tzinfo,
        fold=result.fold,
    )
    kept.wire = value
    return kept


def _write(value: datetime) -> str:
    """The text a datetime was read from, else RFC 3339 (`…Z` for UTC)."""
    text = getattr(value, "wire", None)
    if text is not None:
        return str(text)
    if value.utcoffset() == timedelta(0):
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


DateTime = Annotated[
    datetime, WrapValidator(_remember), PlainSerializer(_write, when_used="json")
]
"""How the models spell a `[Date]` field: a datetime whose JSON text comes back as it was."""

_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)

_ADAPTERS: dict[int, TypeAdapter[Any]] = {}


def adapter(alias: Any) -> TypeAdapter[Any]:
    """The one `TypeAdapter` of a union alias, built when first used (by then every module
    of an import cycle has run)."""
    found = _ADAPTERS.get(id(alias))
    if found is None:
        found = _ADAPTERS[id(alias)] = TypeAdapter(alias)
    return found


def load(alias: Any, data: Any) -> Any:
    """A value of the union `alias` that JSON data describes (by documented names)."""
    return adapter(alias).validate_python(data, by_alias=True, by_name=False)


def dump(alias: Any, value: Any) -> Any:
    """A value of the union `alias` as JSON data."""
    return adapter(alias).dump_python(
        value, mode="json", by_alias=True, exclude_unset=True
    )
