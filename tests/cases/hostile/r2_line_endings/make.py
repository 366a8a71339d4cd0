"""The same doc with CRLF, CR-only and mixed line endings (and a BOM): every error must
name the line a text editor shows, whatever ends the lines."""

from __future__ import annotations

from pathlib import Path

LINES = [
    "# Ending",
    "",
    "A doc whose table has one bad row.",
    "",
    "## Fields",
    "",
    "| Field | Type | Required | Description |",
    "| ----- | ---- | -------- | ----------- |",
    "| `id` | *string* | :heavy_check_mark: | The identifier. |",
    "| `bad` | *nope* | :heavy_check_mark: | Not a type. |",
    "",
]


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "crlf.md").write_bytes("\r\n".join(LINES).encode())
    (models / "cr.md").write_bytes("\r".join(LINES).encode())
    mixed = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(LINES))
    (models / "mixed.md").write_bytes(mixed.encode())
    (models / "bom.md").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(LINES).encode())
