"""A 50 MB doc: rejected with a clear message, without reading it all into memory."""

from __future__ import annotations

from pathlib import Path

SIZE = 50 * 1024 * 1024


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "small.md").write_text("# Small\n\nA normal doc beside the huge one.\n")
    head = (
        b"# Huge\n\n## Fields\n\n"
        b"| Field | Type | Required | Description |\n"
        b"| ----- | ---- | -------- | ----------- |\n"
    )
    row = b"| `f` | *string* | :heavy_minus_sign: | " + b"x" * 200 + b" |\n"
    with (models / "huge.md").open("wb") as fh:
        fh.write(head)
        written = len(head)
        chunk = row * 4096
        while written + len(chunk) <= SIZE:
            fh.write(chunk)
            written += len(chunk)
        fh.write(b"x" * (SIZE - written))
