"""Writing a small plan in place: a doc added or removed changes a handful of files, and
rebuilding a folder of 12,000 modules to swap it in would cost most of the run.

The new files are written in full into a staging folder beside OUT first, and the files
they replace are linked there too (to put back if the run fails). Then a journal listing
the renames and removals is written, in one rename, and only then are the files moved into
OUT. A run killed before the journal exists left OUT untouched; one killed after it left
the journal, and the next run finishes the job from it (`roll_forward`) before it plans.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from generator.write.folder import HEADER
from generator.write.plan import Plan

JOURNAL = "journal.json"
"""The journal's name in the staging folder; it exists only while files are being moved."""
_NEW, _OLD = "new", "old"

SMALL = 64
"""The most files (written plus removed) a plan may change to be written in place."""


def write_in_place(p: Plan, out: Path, staging: Path) -> None:
    """Make `out` hold what the plan says by moving files into it. On an error (a folder
    that cannot be written, say) every file moved so far is put back, the staging folder
    is left for the caller to remove, and the error is raised."""
    written, removed = sorted(p.written), sorted(p.removed)
    for rel in written:
        _write_file(staging / _NEW / rel, p.written[rel])
    for rel in [*written, *removed]:
        if os.path.lexists(out / rel):
            backup = staging / _OLD / rel
            backup.parent.mkdir(parents=True, exist_ok=True)
            os.link(out / rel, backup)
    tmp = staging / (JOURNAL + ".tmp")
    entries = json.dumps({"write": written, "remove": removed})
    tmp.write_text(f"{HEADER} journal\n{entries}\n", encoding="utf-8")  # ours, by its header
    os.replace(tmp, staging / JOURNAL)
    done: list[str] = []
    try:
        for rel in written:
            _move(staging / _NEW / rel, out / rel)
            done.append(rel)
        for rel in removed:
            (out / rel).unlink(missing_ok=True)
            done.append(rel)
    except BaseException:
        _put_back(done, out, staging)
        (staging / JOURNAL).unlink()
        raise
    _prune(removed, out)
    (staging / JOURNAL).unlink()


def roll_forward(staging: Path, out: Path) -> None:
    """Finish what a killed run's journal lists: move in the staged files still there and
    remove the listed files that are still ours. Safe to repeat."""
    try:
        text = (staging / JOURNAL).read_text(encoding="utf-8")
        entries = json.loads(text.partition("\n")[2])
        written = [str(rel) for rel in entries["write"]]
        removed = [str(rel) for rel in entries["remove"]]
    except (OSError, ValueError, KeyError, TypeError):
        return  # not a journal this tool wrote whole: leave the folder alone
    for rel in written:
        if _inside(rel) and (staging / _NEW / rel).is_file():
            _move(staging / _NEW / rel, out / rel)
    for rel in removed:
        target = out / rel
        if _inside(rel) and target.is_file() and not target.is_symlink() and _ours(target):
            target.unlink()
    _prune([rel for rel in removed if _inside(rel)], out)
    (staging / JOURNAL).unlink()


def _inside(rel: str) -> bool:
    """A journal path stays inside OUT (a tampered journal must not reach elsewhere)."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and ".." not in parts and "" not in parts


def _ours(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(len(HEADER))
    return not head or head == HEADER.encode()


def _write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _move(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)


def _put_back(done: list[str], out: Path, staging: Path) -> None:
    """Undo the moves and removals made so far: each file as it was, added ones gone."""
    for rel in reversed(done):
        backup = staging / _OLD / rel
        if backup.exists():
            os.replace(backup, out / rel)
        else:
            (out / rel).unlink(missing_ok=True)
    _prune(done, out)


def _prune(rels: list[str], out: Path) -> None:
    """Remove the folders that removing `rels` left empty (a subpackage whose docs are all
    gone), never `out` itself nor a folder that still holds anything."""
    for rel in rels:
        folder = (out / rel).parent
        while folder != out:
            with contextlib.suppress(OSError):
                folder.rmdir()
            if folder.exists():
                break
            folder = folder.parent
