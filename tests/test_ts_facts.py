"""What the TypeScript sources' facts (read/ts_facts.py) do to the models: JSON keys in
order of precedence, int or float, `null` only where the sources allow it, the type of
extra keys, and a warning for each disagreement between doc and sources.

The facts are built here by hand (the reader has its own tests); the docs are real
Markdown, parsed as the pipeline parses them.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.config import Config, Mode
from generator.errors import Diagnostic, Location
from generator.ir import (
    CheckedDoc,
    ExtraKeys,
    Field,
    ListOf,
    MapOf,
    Model,
    Number,
    ParsedDoc,
    Primitive,
    to_jsonable,
)
from generator.parse.document import parse_doc
from generator.read.markdown import read_markdown
from generator.read.ts_facts import FieldFacts, ModelFacts, NumberKind, SourceFacts
from generator.resolve import policies
from generator.run import drift, pipeline
from generator.run.surface import surface

from conftest import is_black_formatted, run_mypy_strict

DATE = (
    "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)"
)
TS = "src/models/components"


def _doc(title: str, rows: list[tuple[str, str, bool]]) -> str:
    lines = [f"# {title}", "", "## Fields", "", "| Field | Type | Required | Description |"]
    lines.append("| --- | --- | --- | --- |")
    for name, type_, required in rows:
        mark = ":heavy_check_mark:" if required else ":heavy_minus_sign:"
        lines.append(f"| `{name}` | {type_} | {mark} | What `{name}` holds. |")
    return "\n".join(lines) + "\n"


def _parse(doc_id: str, text: str) -> ParsedDoc:
    doc, diags = parse_doc(read_markdown(doc_id, text))
    assert doc is not None, [d.format() for d in diags]
    return doc


def _field(
    name: str,
    wire: str,
    line: int,
    *,
    number: NumberKind | None = None,
    nullable: bool = False,
    optional: bool = False,
    file: str = "pet.ts",
) -> FieldFacts:
    return FieldFacts(name, wire, number, nullable, optional, Location(f"{TS}/{file}", line))


def _model(
    name: str, fields: list[FieldFacts], extra: str | None = None, line: int = 10
) -> ModelFacts:
    file = fields[0].loc.path if fields else f"{TS}/{name.lower()}.ts"
    return ModelFacts(name, {f.name: f for f in fields}, extra, Location(file, line))


def _facts(*models: ModelFacts) -> SourceFacts:
    return SourceFacts("src/models", {m.name: m for m in models})


def _apply(
    text: str, facts: SourceFacts | None, config: Config | None = None
) -> tuple[CheckedDoc, list[Diagnostic]]:
    checked, diags = policies.apply([_parse("models/pet.md", text)], config or Config(), facts)
    return checked[0], diags


def _fields(doc: CheckedDoc) -> dict[str, Field[Any]]:
    assert isinstance(doc, Model)
    return {f.name: f for f in doc.fields}


# --- JSON keys ---------------------------------------------------------------------------

KEYS_DOC = _doc(
    "Pet",
    [
        ("petId", "*string*", True),
        ("ownerName", "*string*", True),
        ("createdAt", "*string*", True),
        ("updatedAt", "*string*", True),
    ],
)
KEYS_FACTS = _facts(
    _model(
        "Pet",
        [
            _field("petId", "pet_id", 11),
            _field("ownerName", "owner", 12),
            _field("createdAt", "created", 13),
            _field("updatedAt", "updatedAt", 14),
        ],
    )
)


def test_json_keys_override_then_sources_then_policy_then_doc() -> None:
    config = Config().with_mode(
        wire_names="snake_case", wire=(("Pet.ownerName", "owner_by_config"),)
    )
    partial = _facts(_model("Pet", [_field("petId", "pet_id", 11), _field("createdAt", "c", 13)]))
    doc, _ = _apply(KEYS_DOC, partial, config)
    got = {n: (f.wire, f.wire_from) for n, f in _fields(doc).items()}
    assert got == {
        "petId": ("pet_id", "sources"),
        "ownerName": ("owner_by_config", "override"),
        "createdAt": ("c", "sources"),
        "updatedAt": ("updated_at", "policy"),
    }
    doc, _ = _apply(KEYS_DOC, partial)
    assert _fields(doc)["updatedAt"].wire_from == "doc"
    assert _fields(doc)["updatedAt"].wire == "updatedAt"


def test_sources_give_keys_the_docs_lose() -> None:
    doc, diags = _apply(KEYS_DOC, KEYS_FACTS)
    assert [f.wire for f in _fields(doc).values()] == ["pet_id", "owner", "created", "updatedAt"]
    assert diags == []


# --- int or float ------------------------------------------------------------------------

NUMBERS_DOC = _doc(
    "Pet",
    [
        ("count", "*number*", True),
        ("weight", "*number*", True),
        ("scores", "*number*[]", True),
        ("totals", "Record<string, *number*>", True),
        ("mixed", "*number* \\| *string*", True),
        ("age", "*number*", True),
        ("label", "*string*", True),
    ],
)
NUMBERS_FACTS = _facts(
    _model(
        "Pet",
        [
            _field("count", "count", 11, number="int"),
            _field("weight", "weight", 12, number="float"),
            _field("scores", "scores", 13, number="int"),
            _field("totals", "totals", 14, number="int"),
            _field("mixed", "mixed", 15, number="int"),
            _field("age", "age", 16, number="float"),
            _field("label", "label", 17),
        ],
    )
)


def test_every_number_in_a_type_is_int_or_float_as_the_sources_say() -> None:
    config = Config().with_mode(number="int | float", types=(("Pet.age", "integer"),))
    doc, diags = _apply(NUMBERS_DOC, NUMBERS_FACTS, config)
    fields = _fields(doc)
    assert fields["count"].type == Number("int")
    assert fields["weight"].type == Number("float")
    assert fields["scores"].type == ListOf(Number("int"))
    assert fields["totals"].type == MapOf(Number("int"))
    assert to_jsonable(fields["mixed"].type)["members"][0] == {"kind": "number", "python": "int"}
    assert fields["age"].type == Primitive("integer")  # the explicit override wins
    got = {n: f.number_from for n, f in fields.items()}
    assert got == {
        "count": "sources",
        "weight": "sources",
        "scores": "sources",
        "totals": "sources",
        "mixed": "sources",
        "age": "override",
        "label": None,
    }
    assert diags == []


def test_without_a_number_fact_the_number_policy_decides() -> None:
    partial = _facts(_model("Pet", [_field("count", "count", 11)]))
    doc, _ = _apply(_doc("Pet", [("count", "*number*", True)]), partial)
    (count,) = _fields(doc).values()
    assert (count.type, count.number_from) == (Number("float"), "policy")


# --- null ----------------------------------------------------------------------------------


def test_nullable_as_the_sources_say_and_unknown_without_them() -> None:
    text = _doc("Pet", [("a", "*string*", True), ("b", "*string*", False)])
    facts = _facts(
        _model("Pet", [_field("a", "a", 11, nullable=True), _field("b", "b", 12, optional=True)])
    )
    doc, _ = _apply(text, facts)
    a, b = _fields(doc).values()
    assert (a.nullable, a.nullable_from, a.takes_null) == (True, "sources", True)
    assert (b.nullable, b.nullable_from, b.takes_null) == (False, "sources", False)
    doc, _ = _apply(text, None)
    a, b = _fields(doc).values()
    assert (a.nullable, a.nullable_from, a.takes_null) == (None, None, False)
    assert (b.nullable, b.nullable_from, b.takes_null) == (None, None, True)


# --- extra keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelled", "expected"),
    [
        ("any", Primitive("any")),
        ("string", Primitive("string")),
        ("boolean", Primitive("boolean")),
        ("number", Number("float")),
        ("int", Number("int")),
        ("float", Number("float")),
    ],
)
def test_extra_keys_typed_by_the_sources(spelled: str, expected: object) -> None:
    facts = _facts(_model("Pet", [_field("a", "a", 11)], extra=spelled))
    doc, diags = _apply(_doc("Pet", [("a", "*string*", True)]), facts)
    assert isinstance(doc, Model)
    assert doc.extra == ExtraKeys(expected, "", Location("models/pet.md", 1))
    assert diags == []


def test_extra_keys_the_doc_types_stay_as_documented() -> None:
    text = _doc(
        "Pet",
        [("a", "*string*", True), ("additionalProperties", "Record<string, *boolean*>", False)],
    )
    facts = _facts(_model("Pet", [_field("a", "a", 11)], extra="string"))
    doc, _ = _apply(text, facts)
    assert isinstance(doc, Model) and doc.extra is not None
    assert doc.extra.type == Primitive("boolean")


def test_an_extra_keys_type_not_read_is_said() -> None:
    facts = _facts(_model("Pet", [_field("a", "a", 11)], extra="Date"))
    doc, diags = _apply(_doc("Pet", [("a", "*string*", True)]), facts)
    assert isinstance(doc, Model) and doc.extra is None
    assert [d.format() for d in diags] == [
        "models/pet.md:1: warning: the TypeScript sources (src/models/components/pet.ts:10) "
        "give the other keys of `Pet` the type `Date`, which docs2models does not read; they "
        "are kept as any JSON"
    ]


# --- cross-checks ----------------------------------------------------------------------------

CHECKED_DOC = _doc(
    "Pet",
    [
        ("id", "*string*", True),  # line 7
        ("ghost", "*string*", True),
        ("weight", "*number*", True),
        ("name", "*string*", True),
        ("tags", "*string*[]", True),
        ("nick", "*string*", False),
        ("count", "*integer*", True),
    ],
)
CHECKED_FACTS = _facts(
    _model(
        "Pet",
        [
            _field("id", "id", 11),
            _field("weight", "weight", 12),
            _field("name", "name", 13, number="float"),
            _field("tags", "tags", 14, optional=True),
            _field("nick", "nick", 15),
            _field("count", "count", 16, number="int"),
            _field("born", "born_at", 17),
        ],
    )
)


def test_every_disagreement_is_a_warning_naming_both_places() -> None:
    _, diags = _apply(CHECKED_DOC, CHECKED_FACTS)
    assert {d.code for d in diags} == {"ts-source"}
    assert [d.format() for d in diags] == [
        "models/pet.md:8: warning: field `ghost` of `Pet` is not in the TypeScript sources "
        "(src/models/components/pet.ts:10)",
        "models/pet.md:9: warning: field `weight` is a number in the doc but not in the "
        "TypeScript sources (src/models/components/pet.ts:12)",
        "models/pet.md:10: warning: field `name` is a number in the TypeScript sources "
        "(src/models/components/pet.ts:13) but not in the doc",
        "models/pet.md:11: warning: field `tags` is required in the doc but optional in the "
        "TypeScript sources (src/models/components/pet.ts:14)",
        "models/pet.md:12: warning: field `nick` is optional in the doc but required in the "
        "TypeScript sources (src/models/components/pet.ts:15)",
        "models/pet.md:1: warning: field `born` (JSON key `born_at`) of `Pet` is in the "
        "TypeScript sources (src/models/components/pet.ts:17) but not in the doc",
    ]


def test_a_model_the_sources_lack_is_a_warning() -> None:
    _, diags = _apply(CHECKED_DOC, _facts())
    assert [d.format() for d in diags] == [
        "models/pet.md:1: warning: model `Pet` has no schema in the TypeScript sources"
    ]
    assert diags[0].code == "ts-source"


def test_without_facts_nothing_changes() -> None:
    for text in (CHECKED_DOC, NUMBERS_DOC, KEYS_DOC):
        doc, diags = _apply(text, None)
        again, _ = _apply(text, SourceFacts("src/models", {}))
        for f in _fields(doc).values():
            assert (f.nullable, f.wire_from, f.nullable_from) == (None, "doc", None)
            assert f.wire == f.name
        # facts that know no model change nothing but the warning
        assert [f.type for f in _fields(again).values()] == [f.type for f in _fields(doc).values()]
        assert [f.wire for f in _fields(again).values()] == [f.wire for f in _fields(doc).values()]
        assert diags == []


# --- generated code -------------------------------------------------------------------------

PACKAGE = "d2m_ts_facts"
PET = _doc(
    "Pet",
    [
        ("petId", "*number*", True),  # required, not nullable
        ("name", "*string*", True),  # required, nullable
        ("weight", "*number*", False),  # optional, nullable
        ("nickname", "*string*", False),  # optional, not nullable
        ("tags", "*string*[]", False),  # optional, not nullable, converted
        ("owner", "[models.Owner](../models/owner.md)", False),  # optional, not nullable
        ("born", DATE, True),  # required, nullable, converted
        ("scores", "Record<string, *number*>", False),  # optional, nullable, converted
        ("extra", "*any*", False),  # optional, not nullable, but `any` holds null
        ("kind", "[models.Kind](../models/kind.md)", False),
        ("code", "*string* \\| *number*", False),
        ("seen", DATE, False),
    ],
)
KIND = '# Kind\n\n## Values\n\n```typescript\n"cat" | "dog"\n```\n'
OWNER = _doc("Owner", [("ownerId", "*string*", True)])
PET_FACTS = _facts(
    _model(
        "Pet",
        [
            _field("petId", "pet_id", 11, number="int"),
            _field("name", "name", 12, nullable=True),
            _field("weight", "weight_kg", 13, number="float", nullable=True, optional=True),
            _field("nickname", "nick_name", 14, optional=True),
            _field("tags", "tags", 15, optional=True),
            _field("owner", "owner", 16, optional=True),
            _field("born", "born_at", 17, nullable=True),
            _field("scores", "scores", 18, number="int", nullable=True, optional=True),
            _field("extra", "extra", 19, optional=True),
            _field("kind", "kind", 20, optional=True),
            _field("code", "code", 21, number="int", optional=True),
            _field("seen", "seen", 22, optional=True),
        ],
    ),
    _model("Owner", [_field("ownerId", "owner_id", 5, file="owner.ts")], extra="int"),
)


def _build(specs: Path, facts: SourceFacts | None) -> pipeline.Built:
    mode = Mode(ts_sources="src/models", ts_stamp="by-hand") if facts is not None else Mode()
    config = Config(specs=specs, output=specs.parent / PACKAGE, mode=mode, jobs=1, cache_dir=None)
    if facts is not None:
        pipeline.remember_facts(config, facts)
    return pipeline.build(config)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("ts_facts")
    specs = root / "docs"
    (specs / "models").mkdir(parents=True)
    (specs / "models" / "pet.md").write_text(PET)
    (specs / "models" / "owner.md").write_text(OWNER)
    (specs / "models" / "kind.md").write_text(KIND)
    built = _build(specs, PET_FACTS)
    assert not built.failed, [d.format() for d in built.diagnostics]
    assert built.left_to_black == 0  # laid out as black would
    out = root / PACKAGE
    for path, text in built.files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
    sys.path.insert(0, str(root))
    try:
        yield out
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.startswith(PACKAGE)]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def pet(package: Path) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.pet")


def _declarations(source: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in source.splitlines():
        if line.startswith("    ") and not line.startswith("     ") and ": " in line:
            name, _, rest = line.strip().partition(": ")
            if name.isidentifier() and not name.startswith("_") and "=" in rest:
                out[name] = rest.partition(" = ")[0]
    return out


def test_annotations_say_null_only_where_the_sources_do(package: Path) -> None:
    source = (package / "pet.py").read_text()
    assert is_black_formatted(source)
    declared = _declarations(source)
    assert {k: v for k, v in declared.items() if k != "additional_properties"} == {
        "pet_id": "int",
        "name": "str | None",
        "weight": "float | None | Unset",
        "nickname": "str | Unset",
        "tags": "list[str] | Unset",
        "owner": "Owner | Unset",
        "born": "datetime | None",
        "scores": "dict[str, int] | None | Unset",
        "extra": "Any | Unset",
        "kind": "Kind | Unset",
        "code": "str | int | Unset",
        "seen": "datetime | Unset",
    }
    owner = (package / "owner.py").read_text()
    assert "additional_properties: dict[str, int]" in owner


FULL = {
    "pet_id": 7,
    "name": None,
    "weight_kg": None,
    "nick_name": "Rex",
    "tags": ["a"],
    "owner": {"owner_id": "o1", "since": 3},
    "born_at": None,
    "scores": {"x": 1},
    "extra": None,
    "kind": "cat",
    "code": 3,
    "seen": "2024-01-02T03:04:05Z",
    "other": 1,
}


@pytest.mark.parametrize(
    "data",
    [
        FULL,
        {"pet_id": 7, "name": "Rex", "born_at": "2024-01-02T03:04:05Z"},
        {**FULL, "weight_kg": 2.5, "scores": None, "born_at": "2024-01-02T03:04:05.250+02:00"},
    ],
)
def test_round_trip(pet: ModuleType, data: dict[str, Any]) -> None:
    loaded = pet.Pet.from_dict(data)
    assert loaded.to_dict() == data
    assert json.loads(loaded.to_json()) == data


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("pet_id", "$.pet_id: expected integer, got null"),
        ("nick_name", "$.nick_name: expected string, got null"),
        ("tags", "$.tags: expected array, got null"),
        ("owner", "$.owner: expected object, got null"),
        ("kind", "$.kind: expected a Kind value, got null"),
        (
            "code",
            "$.code: no member of string | number fits: string: expected string, got null; "
            "number: expected integer, got null",
        ),
        ("seen", "$.seen: expected an RFC 3339 date-time string, got null"),
    ],
)
def test_null_for_a_field_that_is_not_nullable_is_a_decode_error(
    pet: ModuleType, key: str, message: str
) -> None:
    runtime = importlib.import_module(f"{PACKAGE}._serde")
    with pytest.raises(runtime.DecodeError) as caught:
        pet.Pet.from_dict({**FULL, key: None})
    assert str(caught.value) == message


def test_integers_and_extra_keys_are_checked(pet: ModuleType) -> None:
    runtime = importlib.import_module(f"{PACKAGE}._serde")
    with pytest.raises(runtime.DecodeError, match=r"^\$\.pet_id: expected integer, got float$"):
        pet.Pet.from_dict({**FULL, "pet_id": 1.5})
    with pytest.raises(runtime.DecodeError, match=r"^\$\.owner\.since: "):
        pet.Pet.from_dict({**FULL, "owner": {"owner_id": "o", "since": "x"}})


@pytest.mark.slow
def test_the_package_passes_mypy_strict(package: Path) -> None:
    result = run_mypy_strict(package)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_ir_shows_where_each_fact_came_from(tmp_path: Path) -> None:
    specs = tmp_path / "docs"
    (specs / "models").mkdir(parents=True)
    (specs / "models" / "pet.md").write_text(PET)
    (specs / "models" / "owner.md").write_text(OWNER)
    (specs / "models" / "kind.md").write_text(KIND)
    built = _build(specs, PET_FACTS)
    pet = next(to_jsonable(d) for d in built.docs if d.name == "Pet")
    facts = {
        f["name"]: (f["wire_from"], f["number_from"], f["nullable_from"]) for f in pet["fields"]
    }
    assert facts["petId"] == ("sources", "sources", "sources")
    assert facts["nickname"] == ("sources", None, "sources")
    without = _build(specs, None)
    pet = next(to_jsonable(d) for d in without.docs if d.name == "Pet")
    facts = {
        f["name"]: (f["wire_from"], f["number_from"], f["nullable_from"]) for f in pet["fields"]
    }
    assert facts["petId"] == ("doc", "policy", None)
    assert facts["nickname"] == ("doc", None, None)
    assert {f["name"]: f["nullable"] for f in pet["fields"]}["name"] is None


def test_without_facts_the_generated_code_is_todays(tmp_path: Path) -> None:
    """The same docs with no sources: every optional field takes null, none else does."""
    specs = tmp_path / "docs"
    (specs / "models").mkdir(parents=True)
    (specs / "models" / "pet.md").write_text(PET)
    (specs / "models" / "owner.md").write_text(OWNER)
    (specs / "models" / "kind.md").write_text(KIND)
    built = _build(specs, None)
    declared = _declarations(built.files["pet.py"])
    assert declared["name"] == "str"
    assert declared["nickname"] == "str | None | Unset"
    assert declared["pet_id"] == "float"
    assert 'metadata={"wire": "petId"}' in built.files["pet.py"]


def test_check_reports_a_changed_json_key(tmp_path: Path) -> None:
    """The sources move a key: `check`'s summary says so, marked breaking."""
    specs = tmp_path / "docs"
    (specs / "models").mkdir(parents=True)
    (specs / "models" / "owner.md").write_text(OWNER)
    before = _build(specs, None).files["owner.py"]
    facts = _facts(_model("Owner", [_field("ownerId", "owner_id", 5, file="owner.ts")]))
    after = _build(specs, facts).files["owner.py"]
    (found,) = drift.compare(surface(before), surface(after), "owner.py")
    assert (found.kind, found.model, found.field) == ("wire-key-changed", "Owner", "owner_id")
    assert (found.old, found.new, found.breaking) == ("ownerId", "owner_id", True)
