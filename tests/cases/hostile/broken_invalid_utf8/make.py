"""Docs that are UTF-8 but for one bad sequence, each on a known line."""

from __future__ import annotations

from pathlib import Path

DOC = (
    "# Latin\n"
    "\n"
    "A doc saved in the wrong encoding.\n"
    "\n"
    "## Fields\n"
    "\n"
    "| Field | Type | Required | Description |\n"
    "| ----- | ---- | -------- | ----------- |\n"
    "| `name` | *string* | :heavy_check_mark: | {text} |\n"
)


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    body = DOC.encode("utf-8")
    # Latin-1 "café" on line 9.
    (models / "latin.md").write_bytes(body.replace(b"{text}", "caf\xe9".encode("latin-1")))
    # A lone continuation byte on line 3.
    (models / "stray.md").write_bytes(body.replace(b"wrong", b"wr\x80ng").replace(b"{text}", b"ok"))
    # A surrogate encoded as UTF-8 (CESU-8), on line 1.
    (models / "surrogate.md").write_bytes(b"# Sur\xed\xa0\x80\n")
    # A truncated sequence at the very end of the file, on line 2.
    (models / "truncated.md").write_bytes(b"# Cut\nend \xe2\x82")
    # UTF-16 with its BOM: every other byte is NUL.
    (models / "utf16.md").write_bytes("# Wide\n".encode("utf-16"))
