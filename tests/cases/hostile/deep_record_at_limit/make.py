"""Type cells nested exactly as deep as the limit allows (64): they must generate."""

from __future__ import annotations

from pathlib import Path


def write_deep_doc(specs: Path, depth: int) -> None:
    """`models/deep.md`: a record of records, the `{ [k: string]: … }` spelling and a list
    of lists, each `depth` levels deep."""
    models = specs / "models"
    models.mkdir(parents=True, exist_ok=True)
    record = "Record<string, " * depth + "*string*" + ">" * depth
    braces = "{ [k: string]: " * depth + "*integer*" + " }" * depth
    arrays = "*boolean*" + "[]" * depth
    (models / "deep.md").write_text(
        f"# Deep\n\nTypes nested {depth} levels deep.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        f"| `record` | {record} | :heavy_minus_sign: | Records of records. |\n"
        f"| `braces` | {braces} | :heavy_minus_sign: | The other spelling. |\n"
        f"| `arrays` | {arrays} | :heavy_minus_sign: | Lists of lists. |\n",
        encoding="utf-8",
    )


def make(specs: Path) -> None:
    write_deep_doc(specs, 64)
