"""A Fields table of 10,000 rows."""

from __future__ import annotations

from pathlib import Path

N = 10_000


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    rows = "".join(
        f"| `field{i}` | *string* | :heavy_minus_sign: | Field number {i}. |\n" for i in range(N)
    )
    (models / "wide.md").write_text(
        "# Wide\n\nA model with ten thousand fields.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n" + rows,
        encoding="utf-8",
    )
