"""Finding the docs under a specs folder and reading them as text: nothing heavier, so
a run that finds nothing changed never loads the parser."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from generator.digest import digest
from generator.errors import Diagnostic, Location, error

DOC_SUFFIXES = (".md", ".mdx")
"""What a doc's file name ends with: Markdown, or MDX (Speakeasy's Mintlify docs)."""


def discover(specs: Path) -> list[tuple[str, Path]]:
    """Every doc (`.md`, or `.mdx` as Mintlify sites hold them) under `specs` as (DocId,
    path), sorted; hidden folders are skipped."""
    return [(doc_id, Path(path)) for doc_id, (path, _, _) in sorted(stat_docs(specs).items())]


def stat_docs(specs: Path) -> dict[str, tuple[str, int, int]]:
    """Every doc under `specs`: DocId → (path, mtime_ns, size), in one walk. A `.md` or `.mdx`
    that cannot be a doc (a symlink that leads nowhere, a pipe or device, a name that is
    not UTF-8) is listed too (a broken link as -1, -1), so that reading it is an error
    rather than its model silently vanishing. A name that is not UTF-8 is listed with its
    bad bytes escaped (`caf\\xe9.md`)."""
    found: dict[str, tuple[str, int, int]] = {}
    badly_named: set[str] = set()
    root = str(specs)
    todo = [("", root)]
    while todo:
        prefix, folder = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = prefix + shown_path(entry.name)
            if entry.is_dir(follow_symlinks=False):
                todo.append((name + "/", entry.path))
            elif entry.name.endswith(DOC_SUFFIXES):
                try:
                    if entry.is_dir():
                        continue  # a folder symlink is never followed
                    st = entry.stat()
                    stats = (entry.path, st.st_mtime_ns, st.st_size)
                except OSError:  # a broken or looping symlink: reading it says why
                    stats = (entry.path, -1, -1)
                if name in badly_named:
                    continue  # `caf\\xe9.md` beside the bad name it escapes to: that one shows
                if not is_utf8(entry.path[len(root) :]):
                    badly_named.add(name)
                found[name] = stats
    return found


def has_docs(specs: Path) -> bool:
    """Whether `specs` holds any doc, as `stat_docs` finds them; stops at the first."""
    todo = [str(specs)]
    while todo:
        try:
            entries = list(os.scandir(todo.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                todo.append(entry.path)
            elif entry.name.endswith(DOC_SUFFIXES):
                return True
    return False


def is_utf8(name: str) -> bool:
    """Whether a file name (as os gives it) is valid UTF-8."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: str) -> str:
    """A file name or path as text that can be shown, stored and written as UTF-8: bytes
    that are not UTF-8 become `\\xNN`."""
    if is_utf8(path):
        return path
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file name decodes to
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


MAX_DOC_BYTES = 8 * 1024 * 1024
"""The largest doc read (a model doc is kilobytes; this keeps a stray file from using
gigabytes of memory in the parser)."""

MAX_DOC_LINES = 100_000
"""The most lines a doc may have: markdown-it spends about 30 µs on each, so a doc of
millions of short lines would take minutes (SDK docs have hundreds)."""


_NONBLOCKING = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
"""Open flags that keep a file swapped for a pipe or a terminal from blocking the run."""


def read_doc(doc_id: str, path: str | Path) -> tuple[bytes | None, Diagnostic | None]:
    """A doc's bytes, or a located error: a bad file name, not a regular file (a pipe would
    wait for ever), unreadable, too large, or a symlink to a file outside the folder it
    was found in."""
    where = Location(doc_id, 1)
    if not is_utf8(str(path)) and not all(
        is_utf8(part) for part in Path(path).parts[-(doc_id.count("/") + 1) :]
    ):
        return None, unreadable(where, "the file name is not valid UTF-8; rename it")
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            if not _inside(path, doc_id):
                return None, unreadable(
                    where, "the doc is a symlink to a file outside the specs folder"
                )
            st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, unreadable(where, "not a regular file")
        fd = os.open(path, os.O_RDONLY | _NONBLOCKING)
        with open(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):  # swapped for a pipe since the check above
                return None, unreadable(where, "not a regular file")
            data = _read_at_most(fh, MAX_DOC_BYTES + 1, st.st_size)
    except OSError as exc:
        return None, unreadable(where, f"cannot read the doc: {exc.strerror or exc}")
    if len(data) > MAX_DOC_BYTES:
        size = st.st_size / 1024 / 1024
        return None, unreadable(
            where, f"the doc is {size:.1f} MB; docs2models reads docs of up to 8 MB"
        )
    lines = data.count(b"\n") + 1
    if lines > MAX_DOC_LINES:
        return None, unreadable(
            where, f"the doc has {lines} lines; docs2models reads docs of up to {MAX_DOC_LINES}"
        )
    return data, None


def _read_at_most(fh: BinaryIO, limit: int, size: int) -> bytes:
    """`fh.read(limit)`, asking first for the file's size and a byte more: asking for
    `limit` (8 MB) at once allocates that much for every doc."""
    first = min(size + 1, limit)
    data = fh.read(first)
    if len(data) < first:
        return data
    return data + fh.read(limit - first)


def unreadable(loc: Location, message: str) -> Diagnostic:
    """An error that a doc could not be read as text (its Markdown is not looked at)."""
    return error(loc, message, code="unreadable-doc")


def _inside(path: str | Path, doc_id: str) -> bool:
    """Whether a symlinked doc resolves inside the specs folder it was found in."""
    root = str(path)[: len(str(path)) - len(doc_id)]
    real_root = os.path.realpath(root or ".")
    return os.path.realpath(path).startswith(real_root.rstrip(os.sep) + os.sep)


def decode(doc_id: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a doc as text (UTF-8, a leading BOM dropped), or a located error."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, unreadable(
            Location(doc_id, line),
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        )


def templates_dir() -> Path:
    """`generator/templates` in an installed wheel, `templates/` beside it in a checkout."""
    here = Path(__file__).resolve().parent.parent  # the generator package
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "model.py.jinja").is_file():
            return candidate
    raise FileNotFoundError(f"docs2models templates not found next to {here}")


def tree_stamp(root: Path, suffix: str) -> str:
    """A hash of every `suffix` file under `root` by name, size and mtime: it changes when
    any of them does, without reading one."""
    rows: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(suffix):
                path = os.path.join(folder, name)
                st = os.stat(path)
                rows.append(f"{os.path.relpath(path, root)}\t{st.st_size}\t{st.st_mtime_ns}")
    return digest("\n".join(rows))
