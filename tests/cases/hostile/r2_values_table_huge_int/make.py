"""A `| Name | Value |` enum whose values are all digits, one of them 5,000 digits long:
more than Python's int() reads by default. The code-block form of the same value is
already an error; the table form must not be an internal error."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "big.md").write_text(
        "# Big\n\n## Values\n\n"
        "| Name | Value |\n"
        "| ---- | ----- |\n"
        f"| `Huge` | {'7' * 5000} |\n"
        "| `Small` | 2 |\n",
        encoding="utf-8",
    )
