"""Doc text with terminal control sequences (clear screen, set window title, bell) that
ends up in diagnostics: a field listed twice, two docs with one title. Printed as is, a
hostile doc drives the terminal or CI log that shows the errors; the messages must show
such characters escaped, as the Type-cell message already does (`'\\x1b'`)."""

from __future__ import annotations

from pathlib import Path

ESC = "\x1b[2J\x1b]0;owned\x07"


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "bell.md").write_text(
        "# Bell\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        f"| `x{ESC}` | *string* | :heavy_check_mark: | First. |\n"
        f"| `x{ESC}` | *string* | :heavy_check_mark: | Again. |\n",
        encoding="utf-8",
    )
    for stem in ("first", "second"):
        (models / f"{stem}.md").write_text(
            f"# Title{ESC}\n\n## Values\n\n- `a`\n", encoding="utf-8"
        )
