"""A Fields table 2,003 columns wide: the three it needs and 2,000 extra ones, each kept
as text. It must generate quickly and correctly."""

from __future__ import annotations

from pathlib import Path

EXTRA = 2000


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    extra = " | ".join(f"Note {i}" for i in range(EXTRA))
    dashes = " | ".join("-" for _ in range(EXTRA))
    cells = " | ".join(f"n{i}" for i in range(EXTRA))
    (models / "wide.md").write_text(
        "# Wide\n\nA table with a column per note.\n\n## Fields\n\n"
        f"| Field | Type | Required | {extra} |\n"
        f"| ----- | ---- | -------- | {dashes} |\n"
        f"| `id` | *string* | :heavy_check_mark: | {cells} |\n"
        f"| `size` | *integer* | :heavy_minus_sign: | {cells} |\n",
        encoding="utf-8",
    )
