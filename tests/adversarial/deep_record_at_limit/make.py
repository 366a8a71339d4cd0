"""A Type cell with `Record<string, …>` nested just inside the depth limit: it must generate."""

from __future__ import annotations

from pathlib import Path

DEPTH = 64


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    record = "Record<string, " * DEPTH + "*string*" + ">" * DEPTH
    braces = "{ [k: string]: " * DEPTH + "*integer*" + " }" * DEPTH
    arrays = "*boolean*" + "[]" * DEPTH
    (models / "deep.md").write_text(
        "# Deep\n\nTypes nested as deep as allowed.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        f"| `record` | {record} | :heavy_minus_sign: | Records of records. |\n"
        f"| `braces` | {braces} | :heavy_minus_sign: | The other spelling. |\n"
        f"| `arrays` | {arrays} | :heavy_minus_sign: | Lists of lists. |\n",
        encoding="utf-8",
    )
