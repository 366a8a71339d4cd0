"""Does a JSON value fit an IR type? The generator's own reading of the docs' examples.

The generated `from_dict` is the authority at run time; this follows its rules, calling
the runtime's own readers for dates, date-times and base64, to decide while generating
whether a doc's example can go into a docstring as a runnable example (some docs carry
examples that their own fields contradict).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from generator.emit.runtime import _serde
from generator.errors import Diagnostic, Location, warning
from generator.ir import (
    EXTRA_KEYS_FIELD,
    Doc,
    DocId,
    Enum,
    Field,
    FreeForm,
    ListOf,
    Literal,
    MapOf,
    Model,
    Number,
    Primitive,
    Ref,
    TypeExpr,
    Union,
)
from generator.resolve import names as naming


def _reads(load: Callable[[Any, str], object], value: Any) -> bool:
    """Whether the runtime's `load` accepts `value`. Its checks are the generated code's
    own, so an example fits here exactly when `from_dict` would read it."""
    try:
        load(value, "$")
    except ValueError:  # a DecodeError, or b64decode refusing non-ASCII text
        return False
    return True


class Checker:
    """`fits(value, type)` against one set of docs."""

    def __init__(self, docs: Mapping[DocId, Doc], *, closed: bool = False) -> None:
        """`docs` may load docs only when asked (only those examples reach are read);
        `closed`: a model fits no key it does not list (for targets that drop them)."""
        self.docs = docs
        self.depth = 0
        self.closed = closed

    def fits(self, value: Any, t: TypeExpr) -> bool:
        self.depth += 1
        try:
            return self.depth < 100 and self._fits(value, t)
        finally:
            self.depth -= 1

    def _fits(self, value: Any, t: TypeExpr) -> bool:
        if isinstance(t, Number):
            return _primitive(value, "integer" if t.python == "int" else "number")
        if isinstance(t, Primitive):
            return _primitive(value, t.name)
        if isinstance(t, Literal):
            return type(value) is type(t.value) and value == t.value
        if isinstance(t, ListOf):
            return isinstance(value, list) and all(self.fits(v, t.item) for v in value)
        if isinstance(t, MapOf):
            return isinstance(value, dict) and all(self.fits(v, t.value) for v in value.values())
        if isinstance(t, Ref):
            return self.fits_doc(value, self.docs[t.target])
        return any(self.fits(value, m) for m in t.members)

    def fits_doc(self, value: Any, doc: Doc) -> bool:
        """Whether `value` is valid JSON data for the doc's model, enum or union."""
        if isinstance(doc, Enum):
            kind = int if doc.numeric else str
            if not isinstance(value, kind) or isinstance(value, bool):
                return False
            return doc.open or value in {v.value for v in doc.values}
        if isinstance(doc, Union):
            return any(self.fits(value, m.type) for m in doc.members)
        if not isinstance(value, dict):
            return False
        if isinstance(doc, FreeForm):
            return True
        if not all(self._field_fits(value, f) for f in doc.fields):
            return False
        listed = {f.wire for f in doc.fields}
        if self.closed:
            return listed.issuperset(value)
        if doc.extra is None:
            return True
        return all(self.fits(v, doc.extra.type) for k, v in value.items() if k not in listed)

    def to_wire(self, value: Any, doc: Doc) -> Any:
        """An example written with documented names, rewritten with wire names."""
        if (
            isinstance(doc, FreeForm)
            and doc.lists_extra
            and isinstance(value, dict)
            and self.depth <= 100
        ):
            return _extra_inline(value)
        if not isinstance(doc, Model) or not isinstance(value, dict) or self.depth > 100:
            return value
        self.depth += 1
        try:
            by_name = {f.name: f for f in doc.fields}
            out: dict[str, Any] = {}
            for key, item in value.items():
                f = by_name.get(key)
                if f is not None:
                    out[f.wire] = self._typed_to_wire(item, f.type)
                elif doc.extra is not None and key == EXTRA_KEYS_FIELD and isinstance(item, dict):
                    # the SDK's object holds them under this name; JSON has them inline
                    for k, v in item.items():
                        out[k] = self._typed_to_wire(v, doc.extra.type)
                else:
                    out[key] = item
            return out
        finally:
            self.depth -= 1

    def _typed_to_wire(self, value: Any, t: TypeExpr) -> Any:
        if isinstance(t, Ref):
            return self.to_wire(value, self.docs[t.target])
        if isinstance(t, ListOf) and isinstance(value, list):
            return [self._typed_to_wire(v, t.item) for v in value]
        if isinstance(t, MapOf) and isinstance(value, dict):
            return {k: self._typed_to_wire(v, t.value) for k, v in value.items()}
        return value

    def _field_fits(self, data: dict[str, Any], f: Field) -> bool:
        if f.wire not in data:
            return not f.required
        if data[f.wire] is None and f.takes_null:
            return True
        return self.fits(data[f.wire], f.type)


def _extra_inline(value: dict[str, Any]) -> dict[str, Any]:
    """A free-form object's example with the keys it nests under `additionalProperties`
    (as the SDK's object holds them) inline, as JSON has them."""
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == EXTRA_KEYS_FIELD and isinstance(item, dict):
            out.update(item)
        else:
            out[key] = item
    return out


def _primitive(value: Any, name: str) -> bool:
    if name == "any":
        return True
    if name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int)
    if name == "number":
        return isinstance(value, int | float)
    if name == "datetime":
        return _reads(_serde.date_time, value)
    if name == "date":
        return _reads(_serde.date_, value)
    if name == "bytes":
        return isinstance(value, str) and _reads(_serde.bytes_, value)
    return isinstance(value, str)


def example_of(doc: Model, checker: Checker) -> dict[str, Any] | None:
    """The doc's example, with its keys turned into wire names (examples show the SDK's
    property names), when it is an object that fits the model; else None."""
    example = checker.to_wire(doc.example, doc)
    if isinstance(example, dict) and checker.fits_doc(example, doc):
        return example
    return None


def wire_name_warnings(docs: Mapping[DocId, Doc]) -> list[Diagnostic]:
    """Warnings where a field's Example cell shows an object (of a model the field links
    to) whose keys spell that model's fields differently from their wire names: the docs
    show SDK property names, and the Example column often shows the real JSON keys."""
    warnings: list[Diagnostic] = []
    for doc in docs.values():
        if not isinstance(doc, Model):
            continue
        for f in doc.fields:
            target = _linked_model(f.type, docs)
            samples = f.example if isinstance(f.example, list) else [f.example]
            if target is None:
                continue
            for sample in samples:
                if isinstance(sample, dict):
                    warnings += _key_warnings(sample, target, f.loc)
    return warnings


def _linked_model(t: TypeExpr, docs: Mapping[DocId, Doc]) -> Model | None:
    if isinstance(t, ListOf):
        return _linked_model(t.item, docs)
    if isinstance(t, Ref):
        doc = docs.get(t.target)
        if isinstance(doc, Model) and doc.fields:
            return doc
    return None


def _key_warnings(sample: dict[str, Any], model: Model, loc: Location) -> list[Diagnostic]:
    wires = {f.wire for f in model.fields}
    spellings: dict[str, Field] = {}
    for f in model.fields:
        for other in (f.name, naming.snake_case(f.name), naming.camel_case(f.name)):
            spellings.setdefault(other, f)
    out: list[Diagnostic] = []
    for key in sample:
        spelled = spellings.get(key)
        if key in wires or spelled is None:
            continue
        out.append(
            warning(
                loc,
                f"the Example shows key `{key}` for {model.name}.{spelled.name}, "
                f"whose JSON key is `{spelled.wire}`",
                "set wire-names, or [tool.docs2models.wire] "
                f'"{model.name}.{spelled.name}" = "{key}"',
                code=EXAMPLE_KEY,
                setting=_policy_for(spelled.name, key),
            )
        )
    return out


EXAMPLE_KEY = "example-key"
"""The code of a warning about an Example key that is not the field's JSON key."""


def _policy_for(name: str, key: str) -> str:
    """The `wire-names` setting under which `key` is the JSON key of field `name`."""
    for policy, spell in (("snake_case", naming.snake_case), ("camelCase", naming.camel_case)):
        if spell(name) == key:
            return f'wire-names = "{policy}"'
    return ""


def wire_names_advice(diags: Iterable[Diagnostic]) -> str:
    """One line of advice when most Example keys that differ from the documented names
    follow one naming convention (the API's JSON keys likely do): the setting to use."""
    settings = [d.setting for d in diags if d.code == EXAMPLE_KEY]
    if len(settings) < ADVICE_AFTER:
        return ""
    setting, count = Counter(settings).most_common(1)[0]
    if not setting or count < 0.8 * len(settings):
        return ""
    policy = setting.split('"')[1]
    return (
        f"{count} of the {len(settings)} Example keys that differ from the documented names "
        f"are their {policy} spelling, so the API's JSON keys likely are: set `{setting}` "
        f"under [tool.docs2models] (or pass --wire-names {policy})"
    )


ADVICE_AFTER = 3
"""How many Example key warnings it takes before a convention is advised."""
