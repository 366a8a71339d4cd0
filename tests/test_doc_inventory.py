"""The conformance oracle itself: tests/doc_inventory.py reads each form of doc, and
tests/real_sdks.py's coverage check reports what a package lacks (on made-up docs and
made-up probe output, so these run without the corpus)."""

from __future__ import annotations

from typing import Any

import pytest

from doc_inventory import DocEntry, UnreadableDoc, read_doc
from real_sdks import ExpectedWarning, Warning_, coverage_misses, warning_problems

OBJECT = """\
# ~~Pet~~

A pet. The heading below is in a code block and does not count:

```markdown
## Values
```

## Fields

| Field                  | Type                   | Required           | Description |
| ---------------------- | ---------------------- | ------------------ | ----------- |
| `name`                 | *string*               | :heavy_check_mark: | A \\| pipe.  |
| ~~`oldTag`~~           | *string*               | :heavy_minus_sign: | Deprecated. |
| `additionalProperties` | Record<string, *number*> | :heavy_minus_sign: | N/A       |
"""

CODE_ENUM = """\
# Colour

## Values

This is an open enum. Unrecognized values will be captured as the `Unrecognized<string>` type.

```typescript
"red" | "green \\"ish\\"" | Unrecognized<string>
```
"""

NUMERIC_ENUM = """\
# Level

## Values

```typescript
0 | 1 | 2.5
```
"""

TABLE_ENUM = """\
# Region

## Values

| Name     | Value                  |
| -------- | ---------------------- |
| `EuWest` | eu-west                |
| `One`    | 1                      |
| -        | `Unrecognized<string>` |
"""

BULLET_ENUM = """\
# Weekday

## Values

- "mon"
- "tue"
"""

UNION = """\
# Payload

## Supported Types

### `components.Cat`

```typescript
### not a member: inside a code block
const value: components.Cat = {};
```

### `string`

### `string`
"""


def test_object() -> None:
    entry = read_doc("models/pet.md", OBJECT)
    assert (entry.name, entry.kind) == ("Pet", "fields")
    assert [f.name for f in entry.fields] == ["name", "oldTag", "additionalProperties"]
    assert entry.fields[2].type_cell == "Record<string, *number*>"
    assert not entry.fields[2].extra_keys_of_any


def test_enums() -> None:
    colour = read_doc("colour.md", CODE_ENUM)
    assert colour.kind == "values"
    assert (colour.values, colour.open_enum) == (("red", 'green "ish"'), True)
    level = read_doc("level.md", NUMERIC_ENUM)
    assert (level.values, level.values_as_text, level.open_enum) == ((0, 1, 2.5), False, False)
    region = read_doc("region.md", TABLE_ENUM)
    assert (region.values, region.values_as_text) == (("eu-west", "1"), True)
    assert region.open_enum
    assert read_doc("weekday.md", BULLET_ENUM).values == ("mon", "tue")


def test_union_counts_distinct_headings_outside_code() -> None:
    entry = read_doc("payload.md", UNION)
    assert (entry.kind, entry.members) == ("union", 2)


def test_free_form_and_unreadable() -> None:
    assert read_doc("x.md", "# Anything\n\nText.\n").kind == "none"
    with pytest.raises(UnreadableDoc):
        read_doc("x.md", '# Odd\n\n## Values\n\n```\n"a" | b\n```\n')
    with pytest.raises(UnreadableDoc):
        read_doc("x.md", "no heading\n")


def module(source: str | None, file: str, **kinds: Any) -> dict[str, Any]:
    return {
        "module": file.removesuffix(".py").replace("/", "."),
        "file": file,
        "source": source,
        "classes": kinds.get("classes", []),
        "aliases": kinds.get("aliases", []),
        "from_dict": kinds.get("from_dict", []),
    }


def pet(*fields: list[Any]) -> dict[str, Any]:
    return module(
        "models/pet.md",
        "pkg/pet.py",
        classes=[{"name": "Pet", "kind": "dataclass", "fields": list(fields)}],
    )


NAME = ["name", "name", "str"]
OLD_TAG = ["old_tag", "oldTag", "str | None | Unset"]


def test_coverage_of_fields() -> None:
    docs = [read_doc("pet.md", OBJECT)]
    catch_all_any = ["additional_properties", None, "dict[str, Any]"]
    catch_all_float = ["additional_properties", None, "dict[str, float]"]
    extra_as_field = ["additional_properties_", "additionalProperties", "dict[str, float]"]
    # `additionalProperties: Record<string, number>` types the catch-all ...
    assert coverage_misses(docs, [pet(NAME, OLD_TAG, catch_all_float)], "models") == []
    # ... and is never a JSON key of its own.
    as_field = pet(NAME, OLD_TAG, extra_as_field, catch_all_any)
    assert coverage_misses(docs, [as_field], "models") == [
        "pet.md: Pet has a JSON key 'additionalProperties' (line 15)",
    ]
    assert coverage_misses(docs, [pet(NAME, catch_all_any)], "models") == [
        "pet.md: Pet has no field with wire name 'oldTag' (line 14)",
        "pet.md: Pet.additional_properties is not typed (line 15)",
    ]


def test_coverage_of_modules() -> None:
    docs = [read_doc("pet.md", OBJECT), DocEntry("gone.md", "Gone", "none")]
    modules = [
        module(None, "pkg/__init__.py"),
        module(None, "pkg/stray.py"),
        module("models/other.md", "pkg/other.py"),
        pet(NAME, OLD_TAG, ["additional_properties", None, "dict[str, float]"]),
    ]
    assert coverage_misses(docs, modules, "models") == [
        "pkg/stray.py: a module without the generated header",
        "pkg/other.py: its header names models/other.md, which is not a doc",
        "gone.md: expected one module for `# Gone`, found none",
    ]


def test_coverage_of_enums_and_unions() -> None:
    docs = [read_doc("colour.md", CODE_ENUM), read_doc("region.md", TABLE_ENUM)]
    colour = {"name": "Colour", "kind": "enum", "values": ["red", "blue"], "open": False}
    region = {"name": "Region", "kind": "enum", "values": ["eu-west", 1], "open": True}
    modules = [
        module("models/colour.md", "pkg/colour.py", classes=[colour]),
        module("models/region.md", "pkg/region.py", classes=[region]),
    ]
    assert coverage_misses(docs, modules, "models") == [
        "colour.md: Colour has no member with value 'green \"ish\"'",
        "colour.md: Colour has a member the doc does not list: 'blue'",
        "colour.md: Colour is an open enum in the doc but rejects unlisted values",
    ]
    union = read_doc("payload.md", UNION)
    payload = {"name": "Payload", "members": 1}
    alias = module("models/payload.md", "pkg/payload.py", aliases=[payload])
    assert coverage_misses([union], [alias], "models") == [
        "payload.md: Payload has no `*_from_dict` function",
        "payload.md: Payload has 1 member(s), the doc lists 2",
    ]


def test_coverage_of_names() -> None:
    docs = [DocEntry("cat.md", "Cat", "none"), DocEntry("dog.md", "Dog", "none")]
    modules = [
        module("models/cat.md", "pkg/cat.py", aliases=[{"name": "Cat_2", "members": 1}]),
        module("models/dog.md", "pkg/dog.py", aliases=[{"name": "Cat", "members": 1}]),
    ]
    assert coverage_misses(docs, modules, "models") == [
        "dog.md: defines Cat, none named after `# Dog`"
    ]


def test_warnings_must_be_expected_exactly() -> None:
    seen = (Warning_("a.md", 3, "odd key `x`"), Warning_("b.md", 4, "odd key `y`"))
    expected = (ExpectedWarning("a.md", "odd key", "the vendor's example", count=2),)
    assert warning_problems(seen, expected) == [
        "unexpected warning: b.md:4: odd key `y`",
        "expected 2 warning(s) on a.md containing 'odd key', got 1",
    ]
