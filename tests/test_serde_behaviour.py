"""What generated models do with JSON at run time: packages are generated here from small
docs written for these tests, imported, and driven with payloads.

A few packages are built once per module (generation runs black, so each one costs a
fraction of a second); the last test type-checks all of them with `mypy --strict` at once.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import importlib
import json
import pickle
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import run_cli

PREFIX = "d2m_serde_"
DATE = (
    "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)"
)
RFCDATE = "[RFCDate](../types/rfcdate.md)"
UTC = timezone.utc


# --- docs -------------------------------------------------------------------------------


def _ref(title: str) -> str:
    """A link to another doc of the same folder, written the way SDK docs write it."""
    return f"[models.{title}](../models/{title.lower()}.md)"


def _model(title: str, rows: list[tuple[str, str, bool]], intro: str = "") -> str:
    lines = [f"# {title}", ""]
    if intro:
        lines += [intro, ""]
    lines += [
        "## Fields",
        "",
        "| Field | Type | Required | Description |",
        "| --- | --- | --- | --- |",
    ]
    for name, type_, required in rows:
        mark = ":heavy_check_mark:" if required else ":heavy_minus_sign:"
        lines.append(f"| `{name}` | {type_} | {mark} | What `{name}` holds. |")
    return "\n".join(lines) + "\n"


def _enum(title: str, values: str, open_kind: str = "") -> str:
    lines = [f"# {title}", "", "## Values", ""]
    if open_kind:
        lines += [
            "This is an open enum. Unrecognized values will be captured as the "
            f"`Unrecognized<{open_kind}>` branded type.",
            "",
        ]
        values += f" | Unrecognized<{open_kind}>"
    lines += ["```typescript", values, "```"]
    return "\n".join(lines) + "\n"


def _union(title: str, members: list[str], intro: str = "") -> str:
    lines = [f"# {title}", ""]
    if intro:
        lines += [intro, ""]
    lines += ["## Supported Types", ""]
    for member in members:
        lines += [f"### `{member}`", "", "```typescript", f"const value: {member} = x;", "```", ""]
    return "\n".join(lines)


BASICS = _model(
    "Basics",
    [
        ("label", "*string*", True),
        ("text", "*string*", False),
        ("count", "*integer*", False),
        ("ratio", "*number*", False),
        ("flag", "*boolean*", False),
        ("big", "*bigint*", False),
        ("anything", "*any*", False),
        ("bag", "*object*", False),
        ("when", DATE, False),
        ("day", RFCDATE, False),
        ("blob", "*Uint8Array*", False),
        ("content-type", "*string*", False),
        ("additionalProperties", "*string*", False),
    ],
    intro="One optional field of every primitive kind, and a required label.",
)

MEASURE = _model(
    "Measure",
    [
        ("count", "*integer*", True),
        ("ratio", "*number*", True),
        ("ratios", "*number*[]", False),
    ],
)

NESTED = {
    "leaf.md": _model("Leaf", [("name", "*string*", True), ("size", "*integer*", False)]),
    "tree.md": _model(
        "Tree",
        [
            ("root", _ref("Leaf"), True),
            ("leaves", _ref("Leaf") + "[]", False),
            ("byKey", f"Record<string, {_ref('Leaf')}>", False),
            ("grid", "*integer*[][]", False),
            ("tagsByKey", "Record<string, *string*[]>", False),
            ("depth", "Record<string, Record<string, *integer*>>", False),
        ],
    ),
}

ENUMS = {
    "hue.md": _enum("Hue", '"red" | "green" | "blue"'),
    "plan.md": _enum("Plan", '"basic" | "premium"', open_kind="string"),
    "rank.md": _enum("Rank", "1 | 2 | 3"),
    "backoff.md": _enum("Backoff", "0 | 10 | 60", open_kind="number"),
    "status.md": _enum("Status", '"active" | "unrecognized"', open_kind="string"),
    "swatch.md": _model(
        "Swatch",
        [
            ("hue", _ref("Hue"), False),
            ("plan", _ref("Plan"), False),
            ("rank", _ref("Rank"), False),
            ("backoff", _ref("Backoff"), False),
            ("plans", _ref("Plan") + "[]", False),
        ],
    ),
}

LITERALS = {
    "endpoint.md": _model(
        "Endpoint",
        [
            ("kind", '*"host"*', True),
            ("enabled", "*true*", True),
            ("port", "*42*", True),
            ("role", '*"primary"*', False),
        ],
    ),
}

UNIONS = {
    "circle.md": _model("Circle", [("kind", '*"circle"*', True), ("radius", "*number*", True)]),
    "square.md": _model("Square", [("kind", '*"square"*', True), ("side", "*number*", True)]),
    "shape.md": _union("Shape", ["models.Circle", "models.Square"], "A flat figure."),
    "scalar.md": _union("Scalar", ["string", "number", "boolean"]),
    "person.md": _model("Person", [("name", "*string*", True)]),
    "member.md": _model("Member", [("name", "*string*", True), ("age", "*integer*", False)]),
    "someone.md": _union("Someone", ["models.Person", "models.Member"]),
    "holder.md": _model(
        "Holder",
        [
            ("value", f"*string* \\| *number* \\| {_ref('Person')}", True),
            ("shape", _ref("Shape"), False),
            ("who", _ref("Someone"), False),
            ("scalars", _ref("Scalar") + "[]", False),
        ],
    ),
}

TIMES = {
    "stamp.md": _model(
        "Stamp",
        [
            ("at", DATE, True),
            ("seen", DATE + "[]", False),
            ("day", RFCDATE, False),
            ("blob", "*Uint8Array*", False),
        ],
    ),
}

ALL_DOCS = {
    "basics.md": BASICS,
    "measure.md": MEASURE,
    **NESTED,
    **ENUMS,
    **LITERALS,
    **UNIONS,
    **TIMES,
}


# --- packages ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder on sys.path where this module's packages are generated."""
    root = tmp_path_factory.mktemp("serde_packages")
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))
    for name in [n for n in sys.modules if n.startswith(PREFIX)]:
        del sys.modules[name]


def _build(root: Path, name: str, docs: dict[str, str], *flags: str) -> ModuleType:
    """Write `docs` as specs, generate package `name` from them and import it."""
    specs = root / f"specs_for_{name}"
    models = specs / "models"
    models.mkdir(parents=True)
    for filename, text in docs.items():
        (models / filename).write_text(text, encoding="utf-8")
    assert run_cli("generate", specs, "-o", root / name, "-q", *flags) == 0
    importlib.invalidate_caches()
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def pkg(workdir: Path) -> ModuleType:
    """Every construct of this module, generated with the default settings."""
    return _build(workdir, PREFIX + "all", ALL_DOCS)


@pytest.fixture(scope="module")
def pkg_int(workdir: Path) -> ModuleType:
    return _build(workdir, PREFIX + "number_int", {"measure.md": MEASURE}, "--number", "int")


@pytest.fixture(scope="module")
def pkg_both(workdir: Path) -> ModuleType:
    return _build(
        workdir, PREFIX + "number_both", {"measure.md": MEASURE}, "--number", "int | float"
    )


SNAKE_DOCS = {
    "addop.md": _model("AddOp", [("opType", '*"add"*', True), ("itemValue", "*string*", True)]),
    "removeop.md": _model(
        "RemoveOp", [("opType", '*"remove"*', True), ("itemId", "*string*", True)]
    ),
    "patchop.md": _union("PatchOp", ["models.AddOp", "models.RemoveOp"]),
    "maybea.md": _model("MaybeA", [("tag", '*"a"*', False), ("a", "*string*", False)]),
    "maybeb.md": _model("MaybeB", [("tag", '*"b"*', False), ("b", "*integer*", False)]),
    "maybe.md": _union("Maybe", ["models.MaybeA", "models.MaybeB"]),
}


@pytest.fixture(scope="module")
def pkg_snake(workdir: Path) -> ModuleType:
    """Unions whose discriminator's JSON key differs from its documented name."""
    return _build(workdir, PREFIX + "snake", SNAKE_DOCS, "--wire-names", "snake_case")


def _error(load: Callable[[], object]) -> str:
    """The message of the DecodeError that `load` raises."""
    with pytest.raises(ValueError) as info:
        load()
    assert type(info.value).__name__ == "DecodeError", repr(info.value)
    return str(info.value)


def _annotation(package: ModuleType, module: str, attr: str) -> str:
    source = (Path(package.__file__ or "").parent / f"{module}.py").read_text()
    match = re.search(rf"^    {attr}: (.+?) = ", source, re.MULTILINE)
    assert match is not None, f"no annotation for {attr}"
    return match.group(1)


# --- 1. absent, null, value -------------------------------------------------------------

PRIMITIVE_VALUES = [
    ("text", "text", "héllo ✓", "héllo ✓"),
    ("count", "count", 9_007_199_254_740_993, 9_007_199_254_740_993),
    ("ratio", "ratio", 0.1, 0.1),
    ("flag", "flag", False, False),
    ("big", "big", 123_456_789_012_345_678_901_234, 123_456_789_012_345_678_901_234),
    ("anything", "anything", {"x": [1, None, "y"]}, {"x": [1, None, "y"]}),
    ("bag", "bag", {"k": {"n": 1}}, {"k": {"n": 1}}),
    ("when", "when", "2024-05-01T12:00:00Z", datetime(2024, 5, 1, 12, tzinfo=UTC)),
    ("day", "day", "2024-05-01", date(2024, 5, 1)),
    ("blob", "blob", "aGk=", b"hi"),
    ("content-type", "content_type", "text/plain", "text/plain"),
    ("additionalProperties", "additional_properties_", "clash", "clash"),
]
PRIMITIVE_IDS = [row[0] for row in PRIMITIVE_VALUES]


@pytest.mark.parametrize(("wire", "attr", "value", "python"), PRIMITIVE_VALUES, ids=PRIMITIVE_IDS)
def test_optional_field_absent_null_and_value(
    pkg: ModuleType, wire: str, attr: str, value: Any, python: Any
) -> None:
    basics = pkg.Basics
    absent = basics.from_dict({"label": "L"})
    assert getattr(absent, attr) is pkg.UNSET
    assert absent.to_dict() == {"label": "L"}
    assert json.loads(absent.to_json()) == {"label": "L"}

    null = basics.from_dict({"label": "L", wire: None})
    assert getattr(null, attr) is None
    assert null.to_dict() == {"label": "L", wire: None}
    assert json.loads(null.to_json()) == {"label": "L", wire: None}

    payload = {"label": "L", wire: value}
    loaded = basics.from_dict(payload)
    assert getattr(loaded, attr) == python
    assert type(getattr(loaded, attr)) is type(python) or isinstance(python, datetime)
    assert loaded.additional_properties == {}
    assert loaded.to_dict() == payload
    assert json.loads(loaded.to_json()) == payload
    assert basics.from_json(loaded.to_json()).to_dict() == payload

    built = basics(label="L", **{attr: python})
    assert built.to_dict() == payload


def test_field_metadata_keeps_the_documented_key(pkg: ModuleType) -> None:
    wires = {f.name: f.metadata.get("wire") for f in dataclasses.fields(pkg.Basics)}
    assert wires["content_type"] == "content-type"
    assert wires["additional_properties_"] == "additionalProperties"
    assert wires["additional_properties"] is None


def test_required_field_missing_names_its_path(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.Basics.from_dict({})) == "$.label: required key is missing"
    assert _error(lambda: pkg.Tree.from_dict({})) == "$.root: required key is missing"
    assert (
        _error(lambda: pkg.Tree.from_dict({"root": {"size": 1}}))
        == "$.root.name: required key is missing"
    )


def test_required_field_null_is_an_error(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.Basics.from_dict({"label": None})) == (
        "$.label: expected string, got null"
    )
    assert _error(lambda: pkg.Tree.from_dict({"root": None})) == (
        "$.root: expected object, got null"
    )
    assert _error(lambda: pkg.Stamp.from_dict({"at": None})) == (
        "$.at: expected an RFC 3339 date-time string, got null"
    )


@pytest.mark.parametrize(
    ("wire", "value", "message"),
    [
        ("text", 1, "$.text: expected string, got int"),
        ("count", "3", "$.count: expected integer, got str"),
        ("count", 1.5, "$.count: expected integer, got float"),
        ("count", True, "$.count: expected integer, got bool"),
        ("ratio", "2.5", "$.ratio: expected number, got str"),
        ("ratio", False, "$.ratio: expected number, got bool"),
        ("flag", 0, "$.flag: expected boolean, got int"),
        ("flag", "true", "$.flag: expected boolean, got str"),
        ("big", 2.0, "$.big: expected integer, got float"),
        ("bag", [1], "$.bag: expected object, got list"),
        ("when", 1714564800, "$.when: expected an RFC 3339 date-time string, got int"),
        ("day", "01/05/2024", "$.day: expected an RFC 3339 date string, got str"),
        ("blob", 12, "$.blob: expected base64 text, got int"),
        ("content-type", 5, '$["content-type"]: expected string, got int'),
    ],
)
def test_wrong_type_names_path_expected_and_got(
    pkg: ModuleType, wire: str, value: Any, message: str
) -> None:
    assert _error(lambda: pkg.Basics.from_dict({"label": "L", wire: value})) == message


def test_a_model_needs_an_object(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.Basics.from_dict(["label"])) == "$: expected object, got list"
    assert _error(lambda: pkg.Basics.from_dict(None)) == "$: expected object, got null"


# --- 2. numbers -------------------------------------------------------------------------


def test_int_stays_int_and_float_stays_float(pkg: ModuleType) -> None:
    measure = pkg.Measure
    payload = {"count": 3, "ratio": 2, "ratios": [1, 2.5, 2.0, -0.0, 10**20]}
    loaded = measure.from_dict(payload)
    assert type(loaded.count) is int
    assert type(loaded.ratio) is int
    assert [type(r) for r in loaded.ratios] == [int, float, float, float, int]
    dumped = loaded.to_dict()
    assert dumped == payload
    assert type(dumped["ratio"]) is int
    assert [type(r) for r in dumped["ratios"]] == [int, float, float, float, int]
    text = loaded.to_json()
    assert json.loads(text) == payload
    assert '"ratio": 2,' in text
    assert "[1, 2.5, 2.0, -0.0, 100000000000000000000]" in text
    again = measure.from_json(text)
    assert type(again.ratio) is int
    assert type(again.ratios[2]) is float

    floaty = measure.from_json('{"count": 1, "ratio": 2.0}')
    assert type(floaty.ratio) is float
    assert floaty.to_json() == '{"count": 1, "ratio": 2.0}'


def test_bool_is_not_a_number(pkg: ModuleType) -> None:
    measure = pkg.Measure
    assert _error(lambda: measure.from_dict({"count": True, "ratio": 1})) == (
        "$.count: expected integer, got bool"
    )
    assert _error(lambda: measure.from_dict({"count": 1, "ratio": False})) == (
        "$.ratio: expected number, got bool"
    )
    assert _error(lambda: measure.from_dict({"count": 1, "ratio": 1, "ratios": [1, True]})) == (
        "$.ratios[1]: expected number, got bool"
    )


def test_default_number_annotation_is_float(pkg: ModuleType) -> None:
    assert _annotation(pkg, "measure", "ratio") == "float"
    assert _annotation(pkg, "measure", "ratios") == "list[float] | None | Unset"


def test_number_int_policy(pkg_int: ModuleType) -> None:
    assert _annotation(pkg_int, "measure", "ratio") == "int"
    assert _annotation(pkg_int, "measure", "ratios") == "list[int] | None | Unset"
    measure = pkg_int.Measure
    loaded = measure.from_dict({"count": 1, "ratio": 7, "ratios": [1, 2]})
    assert loaded.to_dict() == {"count": 1, "ratio": 7, "ratios": [1, 2]}
    assert _error(lambda: measure.from_dict({"count": 1, "ratio": 7.5})) == (
        "$.ratio: expected integer, got float"
    )
    assert _error(lambda: measure.from_dict({"count": 1, "ratio": 7, "ratios": [1, 0.5]})) == (
        "$.ratios[1]: expected integer, got float"
    )
    assert _error(lambda: measure.from_dict({"count": 1, "ratio": True})) == (
        "$.ratio: expected integer, got bool"
    )


def test_number_int_or_float_policy(pkg_both: ModuleType) -> None:
    assert _annotation(pkg_both, "measure", "ratio") == "int | float"
    measure = pkg_both.Measure
    for value in (7, 7.5):
        loaded = measure.from_dict({"count": 1, "ratio": value})
        assert type(loaded.ratio) is type(value)
        assert loaded.to_dict() == {"count": 1, "ratio": value}
    assert _error(lambda: measure.from_dict({"count": 1, "ratio": True})) == (
        "$.ratio: expected number, got bool"
    )


# --- 3. nesting -------------------------------------------------------------------------

TREE = {
    "root": {"name": "r"},
    "leaves": [{"name": "a", "size": 1}, {"name": "b", "size": None}, {"name": "c"}],
    "byKey": {"x": {"name": "d"}, "a b": {"name": "e", "size": 2}},
    "grid": [[1, 2], [], [3]],
    "tagsByKey": {"k": ["p", "q"], "empty": []},
    "depth": {"outer": {"inner": 1}},
}


def test_nested_models_lists_and_maps_round_trip(pkg: ModuleType) -> None:
    tree = pkg.Tree.from_dict(copy.deepcopy(TREE))
    assert isinstance(tree.root, pkg.Leaf)
    assert tree.root.size is pkg.UNSET
    assert [type(leaf) for leaf in tree.leaves] == [pkg.Leaf] * 3
    assert [leaf.size for leaf in tree.leaves] == [1, None, pkg.UNSET]
    assert tree.by_key["a b"] == pkg.Leaf(name="e", size=2)
    assert tree.grid == [[1, 2], [], [3]]
    assert tree.tags_by_key == {"k": ["p", "q"], "empty": []}
    assert tree.depth == {"outer": {"inner": 1}}
    assert tree.to_dict() == TREE
    assert json.loads(tree.to_json()) == TREE
    assert pkg.Tree.from_json(tree.to_json(indent=2)).to_dict() == TREE


def test_dumped_data_does_not_share_lists_with_the_model(pkg: ModuleType) -> None:
    tree = pkg.Tree.from_dict(copy.deepcopy(TREE))
    dumped = tree.to_dict()
    dumped["grid"][0].append(99)
    dumped["tagsByKey"]["k"].append("z")
    assert tree.grid[0] == [1, 2]
    assert tree.tags_by_key["k"] == ["p", "q"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"leaves": [{"name": "a"}, {"name": "b"}, {"size": 1}]}, "$.leaves[2].name: required"),
        ({"leaves": [{"name": "a", "size": "big"}]}, "$.leaves[0].size: expected integer"),
        ({"leaves": {}}, "$.leaves: expected array, got dict"),
        ({"byKey": {"ok": {"name": "o"}, "a b": {"name": 7}}}, '$.byKey["a b"].name: expected'),
        ({"byKey": {"plain": {"name": None}}}, "$.byKey.plain.name: expected string, got null"),
        ({"byKey": {"1st": 3}}, '$.byKey["1st"]: expected object, got int'),
        ({"byKey": {'say "hi"': 3}}, '$.byKey["say \\"hi\\""]: expected object, got int'),
        ({"byKey": []}, "$.byKey: expected object, got list"),
        ({"grid": [[1], [2, "3"]]}, "$.grid[1][1]: expected integer, got str"),
        ({"grid": [1]}, "$.grid[0]: expected array, got int"),
        ({"tagsByKey": {"k": ["a", 2]}}, "$.tagsByKey.k[1]: expected string, got int"),
        ({"tagsByKey": {"a b": [None]}}, '$.tagsByKey["a b"][0]: expected string, got null'),
        ({"depth": {"o": {"i": "x"}}}, "$.depth.o.i: expected integer, got str"),
        ({"root": {"name": ["r"]}}, "$.root.name: expected string, got list"),
    ],
)
def test_nested_error_paths(pkg: ModuleType, change: dict[str, Any], message: str) -> None:
    assert _error(lambda: pkg.Tree.from_dict({**copy.deepcopy(TREE), **change})).startswith(message)


def test_error_paths_start_where_the_caller_says(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.Leaf.from_dict({"name": 1}, "$.items[3]")) == (
        "$.items[3].name: expected string, got int"
    )


# --- 4. unknown keys --------------------------------------------------------------------


def test_unknown_keys_are_kept_at_every_level(pkg: ModuleType) -> None:
    payload = {
        "root": {"name": "r", "colour": "teal", "meta": {"a": [1, 2]}},
        "leaves": [{"name": "l", "note": None}],
        "byKey": {"k": {"name": "m", "x-trace": "1"}},
        "version": 3,
        "additional_properties": "just a key",
    }
    tree = pkg.Tree.from_dict(copy.deepcopy(payload))
    assert tree.additional_properties == {"version": 3, "additional_properties": "just a key"}
    assert tree.root.additional_properties == {"colour": "teal", "meta": {"a": [1, 2]}}
    assert tree.leaves[0].additional_properties == {"note": None}
    assert tree.by_key["k"].additional_properties == {"x-trace": "1"}
    assert tree.to_dict() == payload
    assert json.loads(tree.to_json()) == payload


def test_unknown_keys_beside_a_field_named_additional_properties(pkg: ModuleType) -> None:
    payload = {"label": "L", "additionalProperties": "doc", "other": [1]}
    basics = pkg.Basics.from_dict(payload)
    assert basics.additional_properties_ == "doc"
    assert basics.additional_properties == {"other": [1]}
    assert basics.to_dict() == payload


def test_unknown_keys_given_in_python_are_written(pkg: ModuleType) -> None:
    leaf = pkg.Leaf(name="n", additional_properties={"extra": {"deep": True}})
    assert leaf.to_dict() == {"name": "n", "extra": {"deep": True}}
    assert json.loads(leaf.to_json()) == {"name": "n", "extra": {"deep": True}}


# --- 5. enums ---------------------------------------------------------------------------


def test_closed_enum_loads_by_value_and_rejects_others(pkg: ModuleType) -> None:
    swatch = pkg.Swatch.from_dict({"hue": "green", "rank": 2})
    assert swatch.hue is pkg.Hue.GREEN
    assert swatch.rank is pkg.Rank.V_2
    dumped = swatch.to_dict()
    assert dumped == {"hue": "green", "rank": 2}
    assert type(dumped["hue"]) is str
    assert type(dumped["rank"]) is int
    assert swatch.to_json() == '{"hue": "green", "rank": 2}'
    assert _error(lambda: pkg.Swatch.from_dict({"hue": "mauve"})) == (
        '$.hue: expected a Hue value, got "mauve"'
    )
    assert _error(lambda: pkg.Swatch.from_dict({"hue": 1})) == "$.hue: expected a Hue value, got 1"
    assert _error(lambda: pkg.Swatch.from_dict({"rank": 4})) == (
        "$.rank: expected a Rank value, got 4"
    )
    assert _error(lambda: pkg.Swatch.from_dict({"rank": "2"})) == (
        '$.rank: expected a Rank value, got "2"'
    )
    with pytest.raises(ValueError):
        pkg.Hue("mauve")


def test_open_string_enum_keeps_unknown_values(pkg: ModuleType) -> None:
    payload = {"plan": "enterprise-plus", "plans": ["basic", "custom x", "premium"]}
    swatch = pkg.Swatch.from_dict(copy.deepcopy(payload))
    assert isinstance(swatch.plan, pkg.Plan)
    assert swatch.plan.name == "UNRECOGNIZED"
    assert swatch.plan.value == "enterprise-plus"
    assert swatch.plan == "enterprise-plus"
    assert swatch.plans[0] is pkg.Plan.BASIC
    assert swatch.plans[1].name == "UNRECOGNIZED"
    assert swatch.plans[2] is pkg.Plan.PREMIUM
    assert swatch.to_dict() == payload
    assert json.loads(swatch.to_json()) == payload
    assert pkg.Plan("basic") is pkg.Plan.BASIC
    assert _error(lambda: pkg.Swatch.from_dict({"plan": 5})) == (
        "$.plan: expected a Plan value, got 5"
    )


def test_unknown_values_are_told_apart_from_a_listed_unrecognized(pkg: ModuleType) -> None:
    listed = pkg.Status("unrecognized")
    unknown = pkg.Status("paused")
    assert listed is pkg.Status.UNRECOGNIZED
    assert unknown.name == "UNRECOGNIZED_2"
    assert unknown.value == "paused"
    assert unknown is not listed


def test_open_numeric_enum_keeps_unknown_values(pkg: ModuleType) -> None:
    swatch = pkg.Swatch.from_dict({"backoff": 30})
    assert isinstance(swatch.backoff, pkg.Backoff)
    assert swatch.backoff.name == "UNRECOGNIZED"
    assert swatch.backoff.value == 30
    dumped = swatch.to_dict()
    assert dumped == {"backoff": 30}
    assert type(dumped["backoff"]) is int
    assert swatch.to_json() == '{"backoff": 30}'
    assert pkg.Swatch.from_dict({"backoff": 10}).backoff is pkg.Backoff.V_10
    assert _error(lambda: pkg.Swatch.from_dict({"backoff": "30"})) == (
        '$.backoff: expected a Backoff value, got "30"'
    )
    assert _error(lambda: pkg.Swatch.from_dict({"backoff": 1.5})) == (
        "$.backoff: expected a Backoff value, got 1.5"
    )


@pytest.mark.parametrize("field", ["rank", "backoff"])
def test_true_is_not_a_value_of_a_numeric_enum(pkg: ModuleType, field: str) -> None:
    name = "Rank" if field == "rank" else "Backoff"
    assert _error(lambda: pkg.Swatch.from_dict({field: True})) == (
        f"$.{field}: expected a {name} value, got true"
    )


# --- 6. literals ------------------------------------------------------------------------


def test_literals_load_and_default(pkg: ModuleType) -> None:
    payload = {"kind": "host", "enabled": True, "port": 42, "role": "primary"}
    endpoint = pkg.Endpoint.from_dict(payload)
    assert (endpoint.kind, endpoint.enabled, endpoint.port) == ("host", True, 42)
    assert endpoint.to_dict() == payload
    assert pkg.Endpoint().to_dict() == {"kind": "host", "enabled": True, "port": 42}
    assert pkg.Endpoint.from_dict({**payload, "role": None}).role is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "guest"}, '$.kind: expected "host", got "guest"'),
        ({"kind": None}, '$.kind: expected "host", got null'),
        ({"enabled": False}, "$.enabled: expected true, got false"),
        ({"enabled": 1}, "$.enabled: expected true, got 1"),
        ({"port": 43}, "$.port: expected 42, got 43"),
        ({"port": "42"}, '$.port: expected 42, got "42"'),
        ({"port": 42.0}, "$.port: expected 42, got 42.0"),
        ({"role": "backup"}, '$.role: expected "primary", got "backup"'),
    ],
)
def test_wrong_literal_names_the_expected_value(
    pkg: ModuleType, change: dict[str, Any], message: str
) -> None:
    payload = {"kind": "host", "enabled": True, "port": 42, **change}
    assert _error(lambda: pkg.Endpoint.from_dict(payload)) == message


def test_missing_literal_is_a_missing_key(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.Endpoint.from_dict({"enabled": True, "port": 42})) == (
        "$.kind: required key is missing"
    )


# --- 7. unions --------------------------------------------------------------------------


def test_discriminated_union_picks_by_key(pkg: ModuleType) -> None:
    circle = pkg.shape_from_dict({"kind": "circle", "radius": 1.5})
    square = pkg.shape_from_dict({"side": 2, "kind": "square", "colour": "red"})
    assert circle == pkg.Circle(radius=1.5)
    assert isinstance(square, pkg.Square)
    assert square.additional_properties == {"colour": "red"}
    assert pkg.shape_to_dict(circle) == {"kind": "circle", "radius": 1.5}
    assert pkg.shape_to_dict(square) == {"kind": "square", "side": 2, "colour": "red"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"radius": 1}, '$: Shape needs its discriminator key "kind"'),
        ({"kind": "hexagon"}, '$.kind: expected one of "circle", "square", got "hexagon"'),
        ({"kind": None}, '$.kind: expected one of "circle", "square", got null'),
        ({"kind": "circle", "radius": "big"}, "$.radius: expected number, got str"),
        ({"kind": "square"}, "$.side: required key is missing"),
        ("circle", "$: expected object, got str"),
    ],
)
def test_discriminated_union_errors(pkg: ModuleType, data: Any, message: str) -> None:
    assert _error(lambda: pkg.shape_from_dict(data)) == message


@pytest.mark.parametrize("kind", [["circle"], {"name": "circle"}])
def test_discriminator_of_an_unhashable_type_is_a_decode_error(pkg: ModuleType, kind: Any) -> None:
    """A list or object where the discriminator goes must be a DecodeError, like any other
    value that names no member (not a TypeError from a dict lookup)."""
    message = _error(lambda: pkg.shape_from_dict({"kind": kind, "radius": 1}))
    assert message.startswith('$.kind: expected one of "circle", "square", got ')


def test_discriminated_union_inside_a_model_has_its_path(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.Holder.from_dict({"value": 1, "shape": {"kind": "oval"}})) == (
        '$.shape.kind: expected one of "circle", "square", got "oval"'
    )
    holder = pkg.Holder.from_dict({"value": 1, "shape": {"kind": "square", "side": 3}})
    assert holder.shape == pkg.Square(side=3)
    assert holder.to_dict() == {"value": 1, "shape": {"kind": "square", "side": 3}}


@pytest.mark.parametrize(
    ("value", "kind"),
    [("text", str), ("", str), (0, int), (2.5, float), (True, bool), (False, bool)],
)
def test_primitive_union_keeps_each_kind(pkg: ModuleType, value: Any, kind: type) -> None:
    loaded = pkg.scalar_from_dict(value)
    assert type(loaded) is kind
    assert loaded == value
    dumped = pkg.scalar_to_dict(loaded)
    assert type(dumped) is kind
    assert dumped == value


def test_primitive_union_no_fit_lists_every_member(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.scalar_from_dict(None)) == (
        "$: no member of Scalar fits: string: expected string, got null; "
        "number: expected number, got null; boolean: expected boolean, got null"
    )
    holder = {"value": 1, "scalars": ["a", 1, False, [2]]}
    message = _error(lambda: pkg.Holder.from_dict(holder))
    assert message.startswith("$.scalars[3]: no member of Scalar fits: ")
    assert "string: expected string, got list" in message


def test_model_union_prefers_the_member_that_fits_exactly(pkg: ModuleType) -> None:
    # Person is documented first, but only Member documents `age`.
    member = pkg.someone_from_dict({"name": "a", "age": 3})
    assert type(member) is pkg.Member
    assert member.age == 3
    assert member.additional_properties == {}
    # Both fit exactly: documented order decides.
    person = pkg.someone_from_dict({"name": "a"})
    assert type(person) is pkg.Person
    assert pkg.someone_to_dict(member) == {"name": "a", "age": 3}
    assert pkg.someone_to_dict(person) == {"name": "a"}


def test_model_union_single_loose_fit_wins(pkg: ModuleType) -> None:
    # `age` has the wrong type for Member, so only Person (with an extra key) fits.
    person = pkg.someone_from_dict({"name": "a", "age": "old"})
    assert type(person) is pkg.Person
    assert person.additional_properties == {"age": "old"}
    assert pkg.someone_to_dict(person) == {"name": "a", "age": "old"}


def test_model_union_ambiguity_is_an_error(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.someone_from_dict({"name": "a", "nickname": "b"})) == (
        "$: ambiguous Someone: the value fits Person, Member"
    )


def test_model_union_no_fit_lists_every_member(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.someone_from_dict({"alias": "a"})) == (
        "$: no member of Someone fits: Person: $.name: required key is missing; "
        "Member: $.name: required key is missing"
    )
    assert _error(lambda: pkg.someone_from_dict(7)) == (
        "$: no member of Someone fits: Person: expected object, got int; "
        "Member: expected object, got int"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("s", "s"), (4, 4), (4.5, 4.5), ({"name": "n"}, "Person"), ({"name": "n", "x": 1}, "Person")],
)
def test_union_in_a_type_cell(pkg: ModuleType, value: Any, expected: Any) -> None:
    holder = pkg.Holder.from_dict({"value": copy.deepcopy(value)})
    if expected == "Person":
        assert type(holder.value) is pkg.Person
    else:
        assert holder.value == expected
        assert type(holder.value) is type(expected)
    assert holder.to_dict() == {"value": value}


def test_union_in_a_type_cell_no_fit(pkg: ModuleType) -> None:
    assert _error(lambda: pkg.Holder.from_dict({"value": True})) == (
        "$.value: no member of string | number | Person fits: string: expected string, "
        "got bool; number: expected number, got bool; Person: expected object, got bool"
    )


def test_union_field_holding_a_model_union(pkg: ModuleType) -> None:
    holder = pkg.Holder.from_dict({"value": "v", "who": {"name": "q", "age": 2}})
    assert type(holder.who) is pkg.Member
    assert holder.to_dict() == {"value": "v", "who": {"name": "q", "age": 2}}
    assert _error(lambda: pkg.Holder.from_dict({"value": "v", "who": {"name": "q", "z": 0}})) == (
        "$.who: ambiguous Someone: the value fits Person, Member"
    )


# --- 8. datetimes, dates, bytes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T12:00:00Z", datetime(2024, 5, 1, 12, tzinfo=UTC)),
        (
            "2024-05-01T12:00:00.123456789+02:00",
            datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2024-05-01t12:00:00z", datetime(2024, 5, 1, 12, tzinfo=UTC)),
        (
            "2024-05-01T12:00:00.5-05:30",
            datetime(
                2024, 5, 1, 12, 0, 0, 500000, tzinfo=timezone(-timedelta(hours=5, minutes=30))
            ),
        ),
        ("2024-05-01T12:00:00+00:00", datetime(2024, 5, 1, 12, tzinfo=UTC)),
    ],
)
def test_datetime_text_round_trips_exactly(pkg: ModuleType, text: str, expected: datetime) -> None:
    stamp = pkg.Stamp.from_dict({"at": text, "seen": [text, "2020-01-01T00:00:00Z"]})
    assert isinstance(stamp.at, datetime)
    assert stamp.at.tzinfo is not None
    assert stamp.at == expected
    assert stamp.at.utcoffset() == expected.utcoffset()
    assert stamp.at.microsecond == expected.microsecond
    assert stamp.to_dict() == {"at": text, "seen": [text, "2020-01-01T00:00:00Z"]}
    assert json.loads(stamp.to_json())["at"] == text
    assert pkg.Stamp.from_json(stamp.to_json()).to_dict()["at"] == text


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-01",
        "2024-05-01T12:00:00",
        "2024-13-01T00:00:00Z",
        "2024-02-30T00:00:00Z",
        "2024-05-01T25:00:00Z",
        "2024-05-01T12:00:00+25:00",
        "yesterday",
        " 2024-05-01T12:00:00Z",
        "2024-05-01T12:00:00Z ",
    ],
)
def test_invalid_datetime_fails_with_the_path(pkg: ModuleType, text: str) -> None:
    assert _error(lambda: pkg.Stamp.from_dict({"at": text})).startswith("$.at: ")
    message = _error(lambda: pkg.Stamp.from_dict({"at": "2024-05-01T00:00:00Z", "seen": [text]}))
    assert message.startswith("$.seen[0]: ")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2024, 5, 1, 12, tzinfo=UTC), "2024-05-01T12:00:00Z"),
        (datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=UTC), "2024-05-01T12:00:00.250000Z"),
        (
            datetime(2024, 5, 1, 12, tzinfo=timezone(timedelta(hours=2))),
            "2024-05-01T12:00:00+02:00",
        ),
    ],
)
def test_datetime_built_in_python_dumps_as_rfc3339(
    pkg: ModuleType, value: datetime, text: str
) -> None:
    stamp = pkg.Stamp(at=value, seen=[value])
    assert stamp.to_dict() == {"at": text, "seen": [text]}
    assert pkg.Stamp.from_dict(stamp.to_dict()).at == value


def test_naive_datetime_is_never_written_as_non_rfc3339_text(pkg: ModuleType) -> None:
    """RFC 3339 needs an offset: a naive datetime must be refused (or given one), never
    written as text that the generated loader itself rejects."""
    stamp = pkg.Stamp(at=datetime(2024, 5, 1, 12))
    try:
        dumped = stamp.to_dict()
    except (ValueError, TypeError):
        return
    pkg.Stamp.from_dict(dumped)  # what we write, we must be able to read


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (lambda d: d + timedelta(hours=1), "2024-05-01T13:00:00Z"),
        (lambda d: d - timedelta(days=1), "2024-04-30T12:00:00Z"),
        (lambda d: d.replace(hour=9), "2024-05-01T09:00:00Z"),
        (lambda d: d.astimezone(timezone(timedelta(hours=2))), "2024-05-01T14:00:00+02:00"),
    ],
    ids=["plus", "minus", "replace", "astimezone"],
)
def test_datetime_changed_after_loading_dumps_its_new_value(
    pkg: ModuleType, change: Callable[[datetime], datetime], text: str
) -> None:
    loaded = pkg.Stamp.from_dict({"at": "2024-05-01T12:00:00Z"})
    changed = pkg.Stamp(at=change(loaded.at))
    assert changed.to_dict() == {"at": text}


@pytest.mark.parametrize(
    "clone",
    [copy.copy, copy.deepcopy, lambda m: pickle.loads(pickle.dumps(m))],
    ids=["copy", "deepcopy", "pickle"],
)
def test_copied_model_with_a_loaded_datetime_still_dumps(
    pkg: ModuleType, clone: Callable[[Any], Any]
) -> None:
    text = "2024-05-01T12:00:00.123456789+02:00"
    stamp = pkg.Stamp.from_dict({"at": text})
    twin = clone(stamp)
    assert twin.at == stamp.at
    assert twin.to_dict() == {"at": text}


def test_rfc_date_round_trip(pkg: ModuleType) -> None:
    stamp = pkg.Stamp.from_dict({"at": "2024-05-01T00:00:00Z", "day": "2024-02-29"})
    assert stamp.day == date(2024, 2, 29)
    assert type(stamp.day) is date
    assert stamp.to_dict()["day"] == "2024-02-29"
    built = pkg.Stamp(at=datetime(2024, 1, 1, tzinfo=UTC), day=date(1999, 12, 31))
    assert built.to_dict() == {"at": "2024-01-01T00:00:00Z", "day": "1999-12-31"}


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2023-02-29", "$.day: not a valid date"),
        ("2024-05-01T00:00:00Z", "$.day: expected an RFC 3339 date string, got str"),
        ("2024-5-1", "$.day: expected an RFC 3339 date string, got str"),
        (20240501, "$.day: expected an RFC 3339 date string, got int"),
    ],
)
def test_invalid_rfc_date(pkg: ModuleType, day: Any, message: str) -> None:
    data = {"at": "2024-05-01T00:00:00Z", "day": day}
    assert _error(lambda: pkg.Stamp.from_dict(data)).startswith(message)


def test_bytes_travel_as_base64(pkg: ModuleType) -> None:
    raw = bytes(range(256))
    text = base64.b64encode(raw).decode("ascii")
    stamp = pkg.Stamp.from_dict({"at": "2024-05-01T00:00:00Z", "blob": text})
    assert stamp.blob == raw
    assert type(stamp.blob) is bytes
    assert stamp.to_dict()["blob"] == text
    assert json.loads(stamp.to_json())["blob"] == text
    built = pkg.Stamp(at=datetime(2024, 1, 1, tzinfo=UTC), blob=b"\x00\xff")
    assert built.to_dict()["blob"] == "AP8="
    assert pkg.Stamp.from_json(built.to_json()).blob == b"\x00\xff"


@pytest.mark.parametrize("blob", ["not base64!", "abc", "aGk", "aGk=\n=="])
def test_invalid_base64_fails_with_the_path(pkg: ModuleType, blob: str) -> None:
    data = {"at": "2024-05-01T00:00:00Z", "blob": blob}
    assert _error(lambda: pkg.Stamp.from_dict(data)) == "$.blob: expected base64 text, got str"


# --- 9. JSON text -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["{", "", "{'label': 'x'}", '{"label": "x",}', b"\xff\xfe{"])
def test_invalid_json_is_a_decode_error_at_the_root(pkg: ModuleType, text: str | bytes) -> None:
    with pytest.raises(pkg.DecodeError) as info:
        pkg.Basics.from_json(text)
    assert info.value.path == "$"
    assert str(info.value).startswith("$: not valid JSON")
    assert isinstance(info.value, ValueError)


def test_json_that_is_not_an_object(pkg: ModuleType) -> None:
    with pytest.raises(pkg.DecodeError) as info:
        pkg.Basics.from_json("[1, 2]")
    assert (info.value.path, info.value.message) == ("$", "expected object, got list")


def test_decode_error_carries_path_and_message(pkg: ModuleType) -> None:
    with pytest.raises(pkg.DecodeError) as info:
        pkg.Tree.from_json('{"root": {"name": "r"}, "leaves": [{"name": 5}]}')
    assert info.value.path == "$.leaves[0].name"
    assert info.value.message == "expected string, got int"


def test_to_json_parses_back_to_the_same_data(pkg: ModuleType) -> None:
    payload = {
        "label": 'ünïcode ✓ "quoted" \\ back',
        "count": -3,
        "ratio": 1e-9,
        "flag": True,
        "anything": [None, {"a": 1.5}],
        "when": "2024-05-01T12:00:00.5Z",
        "blob": "AAEC",
        "content-type": "x",
        "unknown": {"nested": [1, "two"]},
    }
    basics = pkg.Basics.from_json(json.dumps(payload))
    for indent in (None, 2):
        text = basics.to_json(indent=indent)
        assert json.loads(text) == payload
    assert "ünïcode ✓" in basics.to_json()
    assert pkg.Basics.from_json(basics.to_json().encode("utf-8")).to_dict() == payload


def test_the_discriminator_is_read_at_its_json_key(pkg_snake: ModuleType) -> None:
    op = pkg_snake.patch_op_from_dict({"op_type": "remove", "item_id": "7"})
    assert op == pkg_snake.RemoveOp(item_id="7")
    assert pkg_snake.patch_op_to_dict(op) == {"op_type": "remove", "item_id": "7"}
    assert _error(lambda: pkg_snake.patch_op_from_dict({"opType": "add"})) == (
        '$: PatchOp needs its discriminator key "op_type"'
    )


def test_an_optional_literal_does_not_discriminate(pkg_snake: ModuleType) -> None:
    """`tag` may be absent, so it cannot tell MaybeA from MaybeB: members are tried in order."""
    for value in (pkg_snake.MaybeA(), pkg_snake.MaybeB(b=2), pkg_snake.MaybeA(tag="a")):
        data = pkg_snake.maybe_to_dict(value)
        assert pkg_snake.maybe_to_dict(pkg_snake.maybe_from_dict(data)) == data


# --- 10. mypy ---------------------------------------------------------------------------


@pytest.mark.slow
def test_every_package_here_passes_mypy_strict(
    workdir: Path,
    pkg: ModuleType,
    pkg_int: ModuleType,
    pkg_both: ModuleType,
    pkg_snake: ModuleType,
) -> None:
    names = sorted(p.name for p in workdir.iterdir() if p.name.startswith(PREFIX))
    assert names == sorted(p.__name__ for p in (pkg, pkg_both, pkg_int, pkg_snake))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            "/dev/null",
            *names,
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
