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
    """Every `.md` doc under `specs`: DocId → (path, mtime_ns, size), in one walk. A `.md`
    symlink that leads nowhere is listed too (as -1, -1), so that reading it is an error
    rather than its model silently vanishing."""
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
            if entry.is_dir(follow_symlinks=False):
                todo.append((prefix + entry.name + "/", entry.path))
            elif entry.name.endswith(".md"):
                try:
                    if entry.is_dir() or not (entry.is_file() or entry.is_symlink()):
                        continue  # a folder symlink is never followed
                    st = entry.stat()
                    found[prefix + entry.name] = (entry.path, st.st_mtime_ns, st.st_size)
                except OSError:  # a broken or looping symlink: reading it says why
                    found[prefix + entry.name] = (entry.path, -1, -1)
    return found


MAX_DOC_BYTES = 8 * 1024 * 1024
"""The largest doc read (a model doc is kilobytes; this keeps a stray file from using
gigabytes of memory in the parser)."""


def read_doc(doc_id: str, path: str | Path) -> tuple[bytes | None, Diagnostic | None]:
    """A doc's bytes, or a located error: unreadable, too large, or a symlink to a file
    outside the folder it was found in."""
    where = Location(doc_id, 1)
    try:
        if os.path.islink(path) and not _inside(path, doc_id):
            return None, error(where, "the doc is a symlink to a file outside the specs folder")
        with open(path, "rb") as fh:
            data = fh.read(MAX_DOC_BYTES + 1)
    except OSError as exc:
        return None, error(where, f"cannot read the doc: {exc.strerror or exc}")
    if len(data) > MAX_DOC_BYTES:
        size = os.path.getsize(path) / 1024 / 1024
        return None, error(where, f"the doc is {size:.1f} MB; docs2models reads docs of up to 8 MB")
    return data, None


def _inside(path: str | Path, doc_id: str) -> bool:
    """Whether a symlinked doc resolves inside the specs folder it was found in."""
    root = str(path)[: len(str(path)) - len(doc_id)]
    real_root = os.path.realpath(root or ".")
    return os.path.realpath(path).startswith(real_root.rstrip(os.sep) + os.sep)


def read_text(doc_id: str, path: Path) -> tuple[str | None, Diagnostic | None]:
    """A doc's text (UTF-8, a leading BOM dropped), or a located error saying why not."""
    data, problem = read_doc(doc_id, path)
    if data is None:
        return None, problem
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
