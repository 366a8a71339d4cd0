"""Finding the docs under a specs folder and reading them as text: nothing heavier, so
a run that finds nothing changed never loads the parser."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Diagnostic, Location, error


def discover(specs: Path) -> list[tuple[str, Path]]:
    """Every `.md` doc under `specs` as (DocId, path), sorted; hidden folders are skipped."""
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(specs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.endswith(".md") and not name.startswith("."):
                path = Path(dirpath) / name
                found.append((path.relative_to(specs).as_posix(), path))
    return sorted(found)


def read_text(doc_id: str, path: Path) -> tuple[str | None, Diagnostic | None]:
    """A doc's text (UTF-8, a leading BOM dropped), or a located error saying why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, error(Location(doc_id, 1), f"cannot read the doc: {exc.strerror}")
    return decode(doc_id, data)


def decode(doc_id: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a doc as text (UTF-8, a leading BOM dropped), or a located error."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, error(
            Location(doc_id, line),
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        )
