"""A Type cell with `Record<string, …>` nested 100 deep, in both spellings."""

from __future__ import annotations

from pathlib import Path

DEPTH = 100


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    record = "Record<string, " * DEPTH + "*string*" + ">" * DEPTH
    braces = "{ [k: string]: " * DEPTH + "*integer*" + " }" * DEPTH
    arrays = "*boolean*" + "[]" * DEPTH
    (models / "deep.md").write_text(
        "# Deep\n\nTypes nested a hundred levels deep.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        f"| `record` | {record} | :heavy_minus_sign: | Records of records. |\n"
        f"| `braces` | {braces} | :heavy_minus_sign: | The other spelling. |\n"
        f"| `arrays` | {arrays} | :heavy_minus_sign: | Lists of lists. |\n",
        encoding="utf-8",
    )
