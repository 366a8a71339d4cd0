"""Case files for the parser, in the style of black's `tests/data/cases`.

Every `tests/cases/parse/<name>.md` is one small doc showing one construct. It is read as
the doc `models/<name>.md` (so a link such as `../models/x.md` stays inside `models/`) and
parsed with `parse_doc`. Next to it is exactly one expected file:

- `<name>.json`: the IR, `to_jsonable(doc)` as JSON with indent=2 and a final newline (key
  order does not matter). The doc must parse with no diagnostic at all.
- `<name>.err`: the diagnostics, one `Diagnostic.format()` per diagnostic in the order the
  parser gives them (a hint is its own indented `  hint:` line), with a final newline. Every
  diagnostic must be located (`models/<name>.md:LINE: ...`, LINE >= 1) and the doc must not
  parse. Error cases are named `error_*`; every other case is a `.json` case.

The messages of every error case are also snapshotted with syrupy in
`tests/__snapshots__/test_parse_cases.ambr`, so a change of wording shows up in review.

Adding or changing a case on purpose: write the `.md`, then regenerate the expected files
from what the parser gives now, and read the diff before keeping it:

    DOCS2MODELS_UPDATE_CASES=1 .venv/bin/pytest tests/test_parse_cases.py -q
    .venv/bin/pytest tests/test_parse_cases.py -q --snapshot-update

The first command writes `<name>.json` or `<name>.err` (and deletes the other kind if it
was there); the second rewrites the syrupy snapshots. Without the variable nothing is
written and a difference fails the test.

The tests after the case files build small spec folders under `tmp_path` to check what only
several docs together show: links between docs and namespaces, missing link targets, and
names that collide once made Pythonic.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from generator.config import Config
from generator.errors import Diagnostic, Severity, has_errors
from generator.ir import Doc, Enum, Model, Ref, to_jsonable
from generator.parse.document import parse_doc
from generator.read.markdown import read_markdown
from generator.resolve.schema import Schema
from generator.run.pipeline import parse_specs, resolve_results

CASES = Path(__file__).resolve().parent / "cases" / "parse"
UPDATE = os.environ.get("DOCS2MODELS_UPDATE_CASES", "") not in ("", "0")
ALL_CASES = sorted(p.stem for p in CASES.glob("*.md"))
ERROR_CASES = [name for name in ALL_CASES if name.startswith("error_")]


def doc_id(name: str) -> str:
    return f"models/{name}.md"


def parse_case(name: str) -> tuple[Doc | None, list[Diagnostic]]:
    # bytes, not read_text(): universal newlines would hide a CR in a case file
    text = (CASES / f"{name}.md").read_bytes().decode("utf-8")
    return parse_doc(read_markdown(doc_id(name), text))


def diagnostics_text(diags: list[Diagnostic]) -> str:
    return "".join(d.format() + "\n" for d in diags)


def ir_text(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def canonical(data: Any) -> str:
    """JSON text that ignores key order, so a failing comparison diffs line by line."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)


def update_expected(name: str, doc: Doc | None, diags: list[Diagnostic]) -> None:
    """Write what the parser gives now as the case's expected file (update mode only)."""
    if diags:
        keep, drop, text = ".err", ".json", diagnostics_text(diags)
    else:
        assert doc is not None
        keep, drop, text = ".json", ".err", ir_text(to_jsonable(doc))
    (CASES / f"{name}{keep}").write_text(text, encoding="utf-8", newline="\n")
    (CASES / f"{name}{drop}").unlink(missing_ok=True)


# ---- case files --------------------------------------------------------------------------


def test_cases_are_found() -> None:
    assert len(ALL_CASES) >= 40, f"only {len(ALL_CASES)} case files in {CASES}"
    assert ERROR_CASES


def test_every_expected_file_has_a_doc() -> None:
    docs = set(ALL_CASES)
    orphans = sorted(
        p.name for p in CASES.iterdir() if p.suffix in (".json", ".err") and p.stem not in docs
    )
    assert orphans == []


@pytest.mark.parametrize("name", ALL_CASES)
def test_parse_case(name: str) -> None:
    doc, diags = parse_case(name)
    if UPDATE:
        update_expected(name, doc, diags)
    expected_json = CASES / f"{name}.json"
    expected_err = CASES / f"{name}.err"
    assert expected_json.exists() != expected_err.exists(), (
        f"{name}: expected exactly one of {name}.json and {name}.err "
        "(DOCS2MODELS_UPDATE_CASES=1 writes it)"
    )
    is_error_case = name.startswith("error_")
    assert expected_err.exists() == is_error_case, (
        f"{name}: error cases are named error_* and have a .err file; the others a .json file"
    )

    if expected_json.exists():
        assert diagnostics_text(diags) == "", f"{name} should parse cleanly"
        assert doc is not None
        expected = json.loads(expected_json.read_text(encoding="utf-8"))
        assert canonical(to_jsonable(doc)) == canonical(expected)
        return

    assert diagnostics_text(diags) == expected_err.read_text(encoding="utf-8")
    assert has_errors(diags), f"{name} should report an error"
    assert doc is None, f"{name} has errors, so it must not give a doc"
    last_line = max(1, len((CASES / f"{name}.md").read_bytes().splitlines()))
    for d in diags:
        assert d.loc.path == doc_id(name)
        assert 1 <= d.loc.line <= last_line, f"line outside the doc: {d.format()}"
        assert re.match(rf"{re.escape(doc_id(name))}:[1-9][0-9]*: \S", d.format())


@pytest.mark.parametrize("name", ERROR_CASES)
def test_error_case_messages(name: str, snapshot: SnapshotAssertion) -> None:
    _, diags = parse_case(name)
    assert [d.format() for d in diags] == snapshot


# ---- several docs together ---------------------------------------------------------------

FIELDS_HEADER = (
    "## Fields\n\n"
    "| Field | Type | Required | Description |\n"
    "| ----- | ---- | -------- | ----------- |\n"
)


def model_doc(title: str, *rows: str) -> str:
    """A model doc: line 1 is the title, line 7 the first field row."""
    return f"# {title}\n\n{FIELDS_HEADER}" + "".join(row + "\n" for row in rows)


def write_specs(root: Path, docs: dict[str, str]) -> Path:
    for rel, text in docs.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def parse_and_resolve(specs: Path) -> tuple[list[Doc], Schema | None, list[Diagnostic]]:
    """The docs that parsed, the schema (None when the run has errors) and diagnostics."""
    results = parse_specs(specs)
    resolved = resolve_results(results, Config(specs=specs))
    docs = [r.doc for _, r in sorted(results.items()) if r.doc is not None]
    schema = None if resolved.failed else resolved.schema
    return docs, schema, resolved.diagnostics


def test_link_to_a_missing_doc_is_a_located_error(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "models/order.md": model_doc(
                "Order",
                "| `id` | *string* | :heavy_check_mark: | Order number. |",
                "| `buyer` | [models.Buyer](../models/buyer.md) | :heavy_minus_sign: | Who paid. |",
            )
        },
    )
    _, schema, diags = parse_and_resolve(specs)
    assert schema is None
    assert [d.format() for d in diags] == [
        "models/order.md:8: link to models/buyer.md (models.Buyer): no such doc in the specs\n"
        "  hint: add the doc, or fix the link's path"
    ]


def test_link_to_a_doc_that_failed_to_parse_is_not_reported_twice(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "models/order.md": model_doc(
                "Order",
                "| `buyer` | [models.Buyer](../models/buyer.md) | :heavy_minus_sign: | Who paid. |",
            ),
            "models/buyer.md": model_doc(
                "Buyer", "| `name` | *Mystery* | :heavy_check_mark: | Full name. |"
            ),
        },
    )
    _, _, diags = parse_and_resolve(specs)
    assert [d.format().split("\n")[0] for d in diags] == [
        "models/buyer.md:7: unknown type `Mystery` in Type cell"
    ]


@pytest.mark.parametrize(
    ("request_id", "target_id"),
    [
        # the specs folder holds `models/`: the link climbs to the root and back down
        ("models/operations/createorder.md", "models/order.md"),
        # the specs folder *is* `models/`: `../../models/` climbs above it and back into it
        ("operations/createorder.md", "order.md"),
    ],
    ids=["specs-holds-models", "specs-is-models"],
)
def test_link_across_namespaces_resolves(tmp_path: Path, request_id: str, target_id: str) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            request_id: model_doc(
                "CreateOrderRequest",
                "| `order` | [models.Order](../../models/order.md) | :heavy_check_mark: | New. |",
            ),
            target_id: model_doc("Order", "| `id` | *string* | :heavy_check_mark: | Number. |"),
        },
    )
    _, schema, diags = parse_and_resolve(specs)
    assert diags == []
    assert schema is not None
    by_id = schema.by_id()
    request = by_id[request_id].doc
    assert isinstance(request, Model)
    assert request.fields[0].type == Ref(target_id, "models.Order")
    assert by_id[request_id].package == ("operations",)
    assert by_id[target_id].package == ()
    assert [(r.target, r.name, r.style) for r in by_id[request_id].refs] == [
        (target_id, "Order", "top")
    ]


def test_fields_that_collide_after_snake_case_both_survive(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "models/credentials.md": model_doc(
                "Credentials",
                "| `clientId` | *string* | :heavy_check_mark: | Camel-case spelling. |",
                "| `client_id` | *string* | :heavy_minus_sign: | Snake-case spelling. |",
            )
        },
    )
    docs, schema, diags = parse_and_resolve(specs)
    assert schema is not None
    assert [d.format() for d in diags] == [
        "models/credentials.md:8: warning: field `client_id` is named `client_id_2` "
        "because `client_id` is taken"
    ]
    assert all(d.severity is Severity.WARNING for d in diags)
    (model,) = docs
    assert isinstance(model, Model)
    assert [f.name for f in model.fields] == ["clientId", "client_id"]
    assert schema.by_id()["models/credentials.md"].members == ("client_id", "client_id_2")


def test_enum_values_that_collide_after_upper_snake_keep_both_members(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {"models/separator.md": '# Separator\n\n## Values\n\n```typescript\n"a-b" | "a_b"\n```\n'},
    )
    docs, schema, diags = parse_and_resolve(specs)
    assert diags == []
    assert schema is not None
    (enum,) = docs
    assert isinstance(enum, Enum)
    assert [v.value for v in enum.values] == ["a-b", "a_b"]
    assert schema.by_id()["models/separator.md"].members == ("A_B", "A_B_2")


def test_two_docs_with_one_name_in_a_package_is_a_located_error(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "models/widget.md": model_doc(
                "Widget", "| `id` | *string* | :heavy_check_mark: | Id. |"
            ),
            "models/widgetcopy.md": model_doc(
                "Widget", "| `id` | *number* | :heavy_check_mark: | Id. |"
            ),
        },
    )
    _, schema, diags = parse_and_resolve(specs)
    assert schema is None
    assert [d.format() for d in diags] == [
        "models/widgetcopy.md:1: `# Widget` is also the name of models/widget.md (line 1)\n"
        "  hint: rename one of the docs"
    ]


def union_doc(title: str, *members: str) -> str:
    """A union doc: line 1 is the title, the first member heading on line 5, then one
    every 2 lines."""
    return f"# {title}\n\n## Supported Types\n\n" + "".join(f"### {m}\n\n" for m in members)


def test_unions_that_contain_each_other_directly_are_an_error(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "models/a.md": union_doc("A", "`string`", "[models.B](b.md)"),
            "models/b.md": union_doc("B", "`number`", "[models.C](c.md)"),
            "models/c.md": union_doc("C", "[models.A](a.md)", "`boolean`"),
            "models/d.md": union_doc("D", "`string`", "[models.D](d.md)[]"),
        },
    )
    _, schema, diags = parse_and_resolve(specs)
    assert schema is None
    assert [d.format() for d in diags] == [
        "models/a.md:7: unions `A`, `B` and `C` are members of each other in a ring\n"
        "  hint: a union may contain itself only inside a list or a map"
    ]


def test_a_union_may_contain_itself_inside_a_list(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "models/d.md": union_doc(
                "D", "`string`", "[models.D](d.md)[]", "Record<string, [models.D](d.md)>"
            )
        },
    )
    _, schema, diags = parse_and_resolve(specs)
    assert schema is not None, [d.format() for d in diags]


def test_an_image_in_a_type_cell_is_an_error_not_its_alt_text(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "models/a.md": model_doc(
                "A",
                "| `other` | ![components.Other](https://x.io/o.png) | :heavy_minus_sign: | X |",
            ),
            "components/other.md": model_doc("Other"),
        },
    )
    _, _, diags = parse_and_resolve(specs)
    assert [d.format() for d in diags] == [
        "models/a.md:7: image ![components.Other](https://x.io/o.png) in a Type cell"
    ]
