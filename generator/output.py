"""The output folder: what is ours in it, what would change, diffs, and atomic writes.

A file is ours when it is `py.typed` or a `.py` file whose first line is the generated
header; nothing else in the folder is ever changed or removed. A write builds the complete
new folder beside the old one and swaps the two, so a failed or killed run leaves the old
folder whole.
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .render import HEADER

_TMP_TAG = ".docs2models-new-"
_OLD_TAG = ".docs2models-old-"


@dataclass(frozen=True, slots=True)
class Plan:
    """How the output folder differs from what the docs say it should hold."""

    new: dict[str, str]
    old: dict[str, str]
    foreign: frozenset[str]
    added: tuple[str, ...] = field(default=())
    changed: tuple[str, ...] = field(default=())
    removed: tuple[str, ...] = field(default=())
    unchanged: tuple[str, ...] = field(default=())

    @property
    def clean(self) -> bool:
        return not (self.added or self.changed or self.removed)

    @property
    def conflicts(self) -> tuple[str, ...]:
        """Files we would write that exist but are not ours."""
        return tuple(sorted(set(self.new) & self.foreign))


def is_ours(rel: str, text: str | None) -> bool:
    """True for files this tool wrote (by name for `py.typed`, by header otherwise)."""
    if rel.endswith("py.typed"):
        return rel == "py.typed"
    return rel.endswith(".py") and text is not None and text.startswith(HEADER)


def _walk(out: Path) -> Iterator[tuple[str, Path]]:
    for dirpath, dirnames, filenames in os.walk(out):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            yield path.relative_to(out).as_posix(), path


def _read_head(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def scan(out: Path) -> tuple[dict[str, str], frozenset[str]]:
    """Our files in `out` (path → text) and the paths of everything else."""
    ours: dict[str, str] = {}
    foreign: set[str] = set()
    if not out.is_dir():
        return ours, frozenset()
    for rel, path in _walk(out):
        text = (
            _read_head(path)
            if rel.endswith((".py", "py.typed")) and not path.is_symlink()
            else None
        )
        if text is not None and is_ours(rel, text):
            ours[rel] = text
        else:
            foreign.add(rel)
    return ours, frozenset(foreign)


def plan(new: dict[str, str], out: Path) -> Plan:
    """Compare the files the docs call for with what `out` holds now."""
    old, foreign = scan(out)
    return Plan(
        new,
        old,
        foreign,
        added=tuple(sorted(p for p in new if p not in old)),
        changed=tuple(sorted(p for p in new if p in old and old[p] != new[p])),
        removed=tuple(sorted(p for p in old if p not in new)),
        unchanged=tuple(sorted(p for p in new if p in old and old[p] == new[p])),
    )


def unified_diff(p: Plan, label: str) -> str:
    """A unified diff from what `out` holds to what it should hold."""
    chunks: list[str] = []
    for rel in sorted({*p.added, *p.changed, *p.removed}):
        before = p.old.get(rel, "")
        after = p.new.get(rel, "")
        chunks.extend(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"a/{label}/{rel}" if rel in p.old else "/dev/null",
                tofile=f"b/{label}/{rel}" if rel in p.new else "/dev/null",
            )
        )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in chunks
    )


def recover(out: Path) -> None:
    """Undo what a killed run left: a half-built new folder, or a swap cut in two."""
    parent, name = out.parent, out.name
    if not parent.is_dir():
        return
    leftovers = sorted(parent.glob(f".{name}{_OLD_TAG}*"))
    if leftovers and not out.exists():
        leftovers[-1].rename(out)
        leftovers = leftovers[:-1]
    for stale in [*leftovers, *parent.glob(f".{name}{_TMP_TAG}*")]:
        shutil.rmtree(stale, ignore_errors=True)


def write(p: Plan, out: Path) -> None:
    """Make `out` hold exactly `p.new` plus the files that are not ours, atomically."""
    if p.clean:
        return
    out = Path(os.path.realpath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}{_TMP_TAG}{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        _build(p, out, tmp)
        _swap(out, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _build(p: Plan, out: Path, tmp: Path) -> None:
    tmp.mkdir()
    if out.is_dir():
        for dirpath, dirnames, files in os.walk(out):
            if not dirnames and not files:  # an empty folder someone made: keep it
                (tmp / Path(dirpath).relative_to(out)).mkdir(parents=True, exist_ok=True)
        for rel in sorted(p.foreign):
            _link_or_copy(out / rel, tmp / rel)
    for rel, text in p.new.items():
        target = tmp / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel in p.unchanged:
            _link_or_copy(out / rel, target)
        else:
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _swap(out: Path, tmp: Path) -> None:
    """Put `tmp` where `out` is; the old folder is removed only once the new one is in."""
    if not out.exists():
        tmp.rename(out)
        return
    old = out.parent / f".{out.name}{_OLD_TAG}{os.getpid()}"
    out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
