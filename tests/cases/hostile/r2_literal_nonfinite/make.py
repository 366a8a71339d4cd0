"""Number literals in Type cells and union headings that overflow a float: `1e309`,
`-1e309`, and an integer too long for Python to read as one (5,000 digits). JSON has no
infinity, so no payload can hold these values; the doc is wrong, and saying so beats
generating `default=inf` (a NameError at import)."""

from __future__ import annotations

from pathlib import Path

LONG = "9" * 5000


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "infinite.md").write_text(
        "# Infinite\n\nNumber literals that no float can hold.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        "| `inf` | *1e309* | :heavy_check_mark: | Overflows to infinity. |\n"
        "| `neg` | *-1e309* | :heavy_minus_sign: | Overflows to minus infinity. |\n"
        f"| `long` | *{LONG}* | :heavy_minus_sign: | Too many digits for int(). |\n",
        encoding="utf-8",
    )
    (models / "beyond.md").write_text(
        "# Beyond\n\nA union with an overflowing member.\n\n## Supported Types\n\n"
        "### `1e309`\n\n### `string`\n",
        encoding="utf-8",
    )
