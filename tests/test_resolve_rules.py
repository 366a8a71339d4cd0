"""Resolve rules that need several docs at once: which doc a bare name reaches."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from generator.config import Config
from generator.errors import Diagnostic
from generator.ir import Doc, Model, Ref
from generator.resolve.schema import Schema
from generator.run.pipeline import parse_specs, resolve_docs

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
    results = parse_specs(Config(specs=specs))
    resolved = resolve_docs(results, Config(specs=specs))
    docs = [r.doc for _, r in sorted(results.items()) if r.doc is not None]
    schema = None if resolved.failed else resolved.schema
    return docs, schema, resolved.diagnostics


@pytest.mark.parametrize(
    ("docs", "label", "expected"),
    [
        # components/, errors/ and operations/ each have a `# Pet`; the referrer is in
        # operations/, so the nearest doc would be the wrong one
        (
            ["models/components/pet.md", "models/errors/pet.md", "models/operations/pet.md"],
            "components.Pet",
            "models/components/pet.md",
        ),
        (
            ["models/components/pet.md", "models/errors/pet.md", "models/operations/pet.md"],
            "models.Pet",
            "models/components/pet.md",
        ),
        # the flat TypeScript layout: models at the top of the docs folder
        (["pet.md", "errors/pet.md", "operations/pet.md"], "models.Pet", "pet.md"),
        (["pet.md", "errors/pet.md", "operations/pet.md"], "components.Pet", "pet.md"),
        # a namespace that names a folder still picks that folder
        (["pet.md", "errors/pet.md", "operations/pet.md"], "errors.Pet", "errors/pet.md"),
    ],
)
def test_models_namespace_prefers_the_models_docs(
    tmp_path: Path, docs: list[str], label: str, expected: str
) -> None:
    folder = posixpath.dirname(docs[-1])
    referrer = f"{folder}/getpetresponse.md"
    specs = write_specs(
        tmp_path / "specs",
        {
            **{
                doc: model_doc("Pet", "| `id` | *string* | :heavy_check_mark: | Id. |")
                for doc in docs
            },
            referrer: model_doc(
                "GetPetResponse", f"| `pet` | *{label}* | :heavy_check_mark: | The pet. |"
            ),
        },
    )
    _, schema, diags = parse_and_resolve(specs)
    assert [d.format() for d in diags] == []
    assert schema is not None
    response = schema.by_id()[referrer].doc
    assert isinstance(response, Model)
    assert response.fields[0].type == Ref(expected, label)


def test_models_namespace_stays_ambiguous_when_the_preference_does_not_decide(
    tmp_path: Path,
) -> None:
    specs = write_specs(
        tmp_path / "specs",
        {
            "errors/pet.md": model_doc("Pet"),
            "operations/pet.md": model_doc("Pet"),
            "order.md": model_doc(
                "Order", "| `pet` | *models.Pet* | :heavy_check_mark: | The pet. |"
            ),
        },
    )
    _, schema, diags = parse_and_resolve(specs)
    assert schema is None
    assert [(d.format(), d.code) for d in diags] == [
        (
            "order.md:7: `models.Pet` is ambiguous: it could be errors/pet.md, operations/pet.md",
            "ambiguous-name",
        )
    ]
