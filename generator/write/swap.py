"""Writing a plan, atomically. A write builds the complete new folder beside the old one
(unchanged files are hard links, not copies) and swaps the two, so a failed or killed run
leaves the old folder whole. A plan of a few files is written in place instead, through a
journal (journal.py). OUT may be a symlink to a folder: the folder it points to is the one
updated, and the link stays. A run that was killed is cleaned up by the next one.
"""

from __future__ import annotations

import contextlib
import filecmp
import glob
import os
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.write.folder import HEADER, OutputError, Scan
from generator.write.journal import JOURNAL, SMALL, roll_forward, write_in_place
from generator.write.plan import Plan, is_added

_TMP_TAG = ".docs2models-new-"
_OLD_TAG = ".docs2models-old-"


def recover(out: Path) -> None:
    """Undo what a killed run left beside `out`: a half-built new folder or file, or (where
    the system cannot swap two folders at once) a swap cut in two. A leftover is removed
    only when all it holds is ours or also in `out`; anything else is left alone."""
    out = Path(os.path.realpath(out))
    parent, name = out.parent, glob.escape(out.name)
    if not parent.is_dir():
        return
    olds = sorted(p for p in parent.glob(f".{name}{_OLD_TAG}*") if _is_folder(p))
    if olds and not os.path.lexists(out):
        olds[-1].rename(out)
        olds = olds[:-1]
    for staging in sorted(parent.glob(f".{name}{_TMP_TAG}*")):
        if _is_folder(staging) and (staging / JOURNAL).is_file() and _is_folder(out):
            roll_forward(staging, out)
    for stale in [*olds, *parent.glob(f".{name}{_TMP_TAG}*")]:
        with contextlib.suppress(OSError):
            if _is_folder(stale) and _only_ours(stale, out):
                shutil.rmtree(stale, ignore_errors=True)
            elif stale.name.endswith(".file") and _is_file(stale) and _generated(stale):
                stale.unlink()


def _raise(exc: OSError) -> None:
    raise exc  # a folder that cannot be read is not known to be ours


def _same(a: Path, b: Path) -> bool:
    """The same file (a hard link), or a copy of it."""
    return os.path.samefile(a, b) or filecmp.cmp(a, b, shallow=False)


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _is_file(path: Path) -> bool:
    return stat.S_ISREG(path.lstat().st_mode)


def _generated(path: Path) -> bool:
    """A file this tool wrote, or began to: it starts with the header, or holds only part
    of it (cut short), or nothing (py.typed)."""
    with open(path, "rb") as fh:
        head = fh.read(len(HEADER))
    return HEADER.encode().startswith(head)


def _only_ours(leftover: Path, out: Path) -> bool:
    """Whether every file in a leftover folder is ours (generated, or cut short while being
    written) or the same file as at its place in `out` (linked or copied from it)."""
    for dirpath, folders, files in os.walk(leftover, onerror=_raise):
        links = [f for f in folders if os.path.islink(os.path.join(dirpath, f))]
        for file in [*files, *links]:
            path = Path(dirpath, file)
            twin = out / path.relative_to(leftover)
            if path.is_symlink():
                if not (twin.is_symlink() and os.readlink(twin) == os.readlink(path)):
                    return False
            elif not _is_file(path):
                return False
            elif not (_generated(path) or (twin.is_file() and _same(path, twin))):
                return False
    return True


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock while a run plans and writes `out`, so two runs at once do
    not interleave (the second waits, then sees the first one's result). The lock is on
    the folder that holds `out` (no lock file is left behind)."""
    out = Path(os.path.realpath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl  # noqa: PLC0415 (POSIX only)
    except ImportError:  # pragma: no cover - Windows: renames still keep each run whole
        yield
        return
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


class Staging:
    """The new folder, begun before the package renders: each file the plan will surely
    add (none of ours at its path, nothing foreign in its way) is written into it where it
    is rendered, in the render workers, so that creating the files (slow on some disks)
    overlaps the rendering and is spread over the cores. `write` builds on it; a run that
    writes in place, or not at all, removes it."""

    def __init__(self, out: Path, existing: Scan) -> None:
        self.out = Path(os.path.realpath(out))
        self.existing = existing
        self.folder: Path | None = None
        self.texts: dict[str, str] = {}
        """What the folder holds (as `written` reported)."""
        self._made: set[Path] = set()

    def begin(self, paths: Iterable[str]) -> None:
        """Make the folder, before the workers that write into it fork, if the package's
        `paths` hold any file to add."""
        if not any(is_added(rel, self.existing) for rel in paths):
            return
        if os.path.lexists(self.out) and not _is_folder(self.out):
            return  # `write` says what is wrong
        with contextlib.suppress(OSError):  # not writable: `write` says so
            self.out.parent.mkdir(parents=True, exist_ok=True)
            folder = _fresh(self.out)
            folder.mkdir()
            self.folder, self._made = folder, {folder}

    def add(self, rel: str, text: str) -> bool:
        """Write `rel` into the folder now if the plan is sure to add it; whether it did
        (a file it could not write is left for `write`, which reports the error)."""
        if self.folder is None or not is_added(rel, self.existing):
            return False
        target = self.folder / rel
        try:
            _make_parent(target, self._made)
            _write_file(target, text)
        except OSError:
            return False
        return True

    def written(self, texts: dict[str, str]) -> None:
        """The files `add` wrote, wherever it ran, with their texts."""
        self.texts = texts

    def take(self) -> tuple[Path, dict[str, str]] | None:
        """The folder begun and what it holds, now the caller's to finish or remove."""
        if self.folder is None:
            return None
        taken, self.folder = (self.folder, self.texts), None
        self.texts = {}
        return taken

    def discard(self) -> None:
        """Remove the folder begun, if no write took it."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder, self.texts = None, {}


def write(p: Plan, out: Path, staging: Staging | None = None) -> None:
    """Make `out` hold exactly what the plan says plus the files that are not ours,
    atomically; nothing is touched when nothing changes. The new folder starts from
    `staging`'s when the files it holds are the plan's."""
    begun = staging.take() if staging is not None else None
    try:
        _write(p, out, begun)
    finally:
        if begun is not None and begun[0].exists():  # not swapped in: the folder stays ours
            shutil.rmtree(begun[0], ignore_errors=True)


def _write(p: Plan, out: Path, begun: tuple[Path, dict[str, str]] | None) -> None:
    if p.clean:
        return
    out = Path(os.path.realpath(out))
    if os.path.lexists(out) and not _is_folder(out):
        raise OutputError(f"{out}: exists and is not a folder; give -o the package folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    if len(p.written) + len(p.removed) <= SMALL and _is_folder(out):
        staging = _fresh(out)
        staging.mkdir()
        try:
            write_in_place(p, out, staging)
            return
        except OSError:
            pass  # say a read-only subfolder: OUT is as it was; the swap below may still do
        finally:
            if not (staging / JOURNAL).exists():  # else the next run finishes it
                shutil.rmtree(staging, ignore_errors=True)
    if begun is not None and all(p.written.get(rel) == text for rel, text in begun[1].items()):
        tmp, done = begun
    else:
        tmp, done = _fresh(out), {}
        tmp.mkdir()
    try:
        _build(p, out, tmp, done)
        _swap(out, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fresh(out: Path, suffix: str = "") -> Path:
    """A new name beside `out` for a run's work in progress, unique to this run (so that
    nothing already there, say another run's leftover, is ever overwritten)."""
    return out.parent / f".{out.name}{_TMP_TAG}{os.getpid()}-{os.urandom(4).hex()}{suffix}"


def _build(p: Plan, out: Path, tmp: Path, done: dict[str, str]) -> None:
    """The new folder in `tmp`: what is not ours linked from `out`, then our files (but
    those `done` already); last, the folders that were in `out` get their modes back (a
    fresh folder has the default)."""
    made: set[Path] = {tmp}
    modes: dict[Path, int] = {}
    if out.is_dir():
        for dirpath, dirnames, files in os.walk(out):
            folder = tmp / Path(dirpath).relative_to(out)
            modes[folder] = stat.S_IMODE(os.stat(dirpath).st_mode)
            if not dirnames and not files:  # an empty folder someone made: keep it
                folder.mkdir(parents=True, exist_ok=True)
                made.add(folder)
        for rel in sorted(p.foreign | p.unchanged):
            _link_or_copy(out / rel, tmp / rel, made)
    for rel, text in sorted(p.written.items()):
        if rel in done:
            continue
        target = tmp / rel
        _make_parent(target, made)
        _write_file(target, text)
    for folder in sorted(modes, key=lambda f: len(f.parts), reverse=True):
        if folder.is_dir():  # deepest first: a read-only folder is set after its contents
            os.chmod(folder, modes[folder])


def _write_file(path: Path, text: str) -> None:
    """One generated file into the new folder, with LF line ends on every platform."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _make_parent(path: Path, made: set[Path]) -> None:
    if path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        made.add(path.parent)


def _link_or_copy(src: Path, dst: Path, made: set[Path]) -> None:
    _make_parent(dst, made)
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _swap(out: Path, tmp: Path) -> None:
    """Put `tmp` where `out` is, in one step where the system allows (Linux exchanges the
    two folders atomically); then remove the old folder."""
    if not out.exists():
        tmp.rename(out)
        return
    if _exchange(tmp, out):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old folder
        return
    old = out.parent / f".{out.name}{_OLD_TAG}{os.getpid()}-{os.urandom(4).hex()}"
    out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where that
    is not available (other systems, old kernels, some filesystems)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # noqa: PLC0415 (only here, once a run swaps folders)

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
