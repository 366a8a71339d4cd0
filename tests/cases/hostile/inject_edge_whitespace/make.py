"""Enum values whose first or last character is one Python's str.strip() removes but
Markdown does not (NBSP, vertical tab, form feed, U+2028, U+001F, NEL): in a code span,
or in a table cell, each value is written exactly, so the values are all distinct."""

from __future__ import annotations

from pathlib import Path

EDGES = ["\xa0", "\x0b", "\x0c", "\u2028", "\x1f", "\x85", "\u3000"]


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    items = "".join(f"- `{ch}a`\n" for ch in EDGES) + "- `a`\n"
    (models / "listed.md").write_text(f"# Listed\n\n## Values\n\n{items}", encoding="utf-8")
    rows = "".join(f"| `N{i}` | `b{ch}` |\n" for i, ch in enumerate(EDGES)) + "| `Plain` | `b` |\n"
    (models / "tabled.md").write_text(
        f"# Tabled\n\n## Values\n\n| Name | Value |\n| ---- | ----- |\n{rows}", encoding="utf-8"
    )
