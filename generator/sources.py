"""Finding the docs under a specs folder and reading them as text: nothing heavier, so
a run that finds nothing changed never loads the parser."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Diagnostic, Location, error


def discover(specs: Path) -> list[tuple[str, Path]]:
    """Every `.md` doc under `specs` as (DocId, path), sorted; hidden folders are skipped."""
    return [(doc_id, Path(path)) for doc_id, (path, _, _) in sorted(stat_docs(specs).items())]


def stat_docs(specs: Path) -> dict[str, tuple[str, int, int]]:
    """Every `.md` doc under `specs`: DocId → (path, mtime_ns, size), in one walk."""
    found: dict[str, tuple[str, int, int]] = {}
    todo = [("", str(specs))]
    while todo:
        prefix, folder = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                todo.append((prefix + entry.name + "/", entry.path))
            elif entry.name.endswith(".md") and entry.is_file():
                try:
                    st = entry.stat()
                    found[prefix + entry.name] = (entry.path, st.st_mtime_ns, st.st_size)
                except OSError:
                    found[prefix + entry.name] = (entry.path, -1, -1)
    return found


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


def templates_dir() -> Path:
    """`generator/templates` in an installed wheel, `templates/` beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "model.py.jinja").is_file():
            return candidate
    raise FileNotFoundError(f"docs2models templates not found next to {here}")
