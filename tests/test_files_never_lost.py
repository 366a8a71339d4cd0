"""The output folder is never left half-written, and nothing the tool did not write is
lost: runs killed at random points, and two runs at once on one folder."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.write import journal, swap
from generator.write.swap import recover

from conftest import run_cli

DOCS = 120


def _specs(folder: Path, version: str) -> Path:
    """A doc set of DOCS models; every description says `version`."""
    models = folder / "models"
    models.mkdir(parents=True)
    for n in range(DOCS):
        link = f"[models.Item{n - 1}](../models/item{n - 1}.md)" if n else "*string*"
        (models / f"item{n}.md").write_text(
            f"# Item{n}\n\nVersion {version} of item {n}.\n\n## Fields\n\n"
            "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
            f"| `name` | *string* | :heavy_check_mark: | The name, {version}. |\n"
            f"| `previous` | {link} | :heavy_minus_sign: | The one before, {version}. |\n"
        )
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("versions")
    trees = {}
    for version in ("A", "B"):
        specs = _specs(base / f"specs{version}", version)
        out = base / f"out{version}" / "pkg"
        assert run_cli("generate", specs, "-o", out, "-q", "--no-cache") == 0
        (out / "mine.txt").write_text("not generated: must survive\n")
        trees[version] = _tree(out)
    return {"base": base, **trees}


SLOW_CLI = """\
import sys
import time

from generator.cli import main
from generator.write import swap

delay = float(sys.argv.pop(1))
write_file = swap._write_file


def slow_write_file(path, text):
    write_file(path, text)
    time.sleep(delay)


swap._write_file = slow_write_file
raise SystemExit(main(sys.argv[1:]))
"""
"""`docs2models ARGS` that pauses DELAY seconds after each file it writes (argv: DELAY ARGS):
the kill tests widen the window in which they interrupt a write."""


def _generate(specs: Path, out: Path, delay: str = "0") -> subprocess.Popen[bytes]:
    args = ["generate", str(specs), "-o", str(out), "-q", "-j1"]
    return subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI, delay, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_a_run_killed_at_any_moment_leaves_the_old_or_the_new_output(
    versions: dict[str, object], tmp_path: Path
) -> None:
    base = versions["base"]
    assert isinstance(base, Path)
    old, new = versions["A"], versions["B"]
    specs_b = base / "specsB"
    work = tmp_path / "work"
    rng = random.Random(20261127)
    shutil.copytree(base / "outA" / "pkg", work / "pkg")
    start = time.monotonic()
    assert _generate(specs_b, work / "pkg", delay="0.004").wait(timeout=120) == 0
    full = time.monotonic() - start
    outcomes = {"old": 0, "new": 0}
    for _ in range(14):
        shutil.rmtree(work)
        shutil.copytree(base / "outA" / "pkg", work / "pkg")
        shutil.rmtree(work / "pkg" / ".." / ".docs2models-cache", ignore_errors=True)
        process = _generate(specs_b, work / "pkg", delay="0.004")
        time.sleep(rng.uniform(0.05, full))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        found = _tree(work / "pkg")
        assert found in (old, new), "a killed run left a mixed output folder"
        outcomes["old" if found == old else "new"] += 1
        # the next run cleans up after the killed one and finishes the job
        assert _generate(specs_b, work / "pkg").wait(timeout=120) == 0
        assert _tree(work / "pkg") == new
        assert sorted(p.name for p in work.iterdir() if not p.name.startswith(".docs2models")) == [
            "pkg"
        ]
    assert outcomes["old"] > 0  # the kills did land before the swap


@pytest.mark.slow
def test_two_runs_at_once_on_one_folder_leave_one_whole_result(
    versions: dict[str, object], tmp_path: Path
) -> None:
    base = versions["base"]
    assert isinstance(base, Path)
    out = tmp_path / "pkg"
    shutil.copytree(base / "outA" / "pkg", out)
    for _ in range(3):
        first = _generate(base / "specsA", out, delay="0.002")
        second = _generate(base / "specsB", out, delay="0.002")
        assert first.wait(timeout=120) == 0
        assert second.wait(timeout=120) == 0
        assert _tree(out) in (versions["A"], versions["B"])
        assert (out / "mine.txt").read_text() == "not generated: must survive\n"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".docs2models")) == [
        "pkg"
    ]


def test_recover_removes_only_what_it_can_prove_is_its_own(tmp_path: Path) -> None:
    """A leftover beside OUT is removed only when all it holds is generated, or the same
    file as in OUT (linked or copied by the build); a name alone proves nothing."""
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "mine.txt").write_text("mine\n")
    header = "# Generated by docs2models from x.md. Do not edit.\n"
    ours = tmp_path / ".pkg.docs2models-new-11-aaaa"
    (ours / "sub").mkdir(parents=True)
    (ours / "x.py").write_text(header)
    (ours / "cut.py").write_text(header[:7])  # killed while writing it
    (ours / "py.typed").write_text("")
    os.link(out / "mine.txt", ours / "mine.txt")
    ours_file = tmp_path / ".pkg.docs2models-new-12-bbbb.file"
    ours_file.write_text(header)
    user_file = tmp_path / ".pkg.docs2models-new-13"
    user_file.write_text("a file of the user's that only looks like a leftover\n")
    user_folder = tmp_path / ".pkg.docs2models-new-14"
    user_folder.mkdir()
    (user_folder / "x.py").write_text(header)
    (user_folder / "notes.txt").write_text("not in pkg\n")
    user_old = tmp_path / ".pkg.docs2models-old-15"
    user_old.mkdir()
    (user_old / "mine.txt").write_text("changed since\n")
    recover(out)
    assert not ours.exists() and not ours_file.exists()
    assert user_file.read_text().startswith("a file of the user's")
    assert (user_folder / "notes.txt").read_text() == "not in pkg\n"
    assert (user_old / "mine.txt").read_text() == "changed since\n"
    assert (out / "mine.txt").read_text() == "mine\n"


@pytest.mark.slow
def test_folder_modes_survive_a_write(tmp_path: Path) -> None:
    """A write builds a fresh folder; OUT and the folders in it keep the modes they had."""
    specs = _specs(tmp_path / "specs", "A")
    out = tmp_path / "pkg"
    assert run_cli("generate", specs, "-o", out, "-q", "--no-cache") == 0
    (out / "private").mkdir()
    (out / "private" / "keys.txt").write_text("secret\n")
    (out / "empty").mkdir()
    modes = {out: 0o700, out / "private": 0o750, out / "empty": 0o711}
    for folder, mode in modes.items():
        os.chmod(folder, mode)
    shutil.rmtree(specs)
    _specs(tmp_path / "specs", "B")
    assert run_cli("generate", specs, "-o", out, "-q", "--no-cache") == 0
    assert "Version B" in (out / "item1.py").read_text()
    assert {f: f.stat().st_mode & 0o777 for f in modes} == modes


def _small_edit(specs: Path) -> None:
    """A doc added in a new subfolder and a doc removed: a plan of a few files, which is
    written in place through a journal rather than by swapping the folder."""
    (specs / "models" / f"item{DOCS - 1}.md").unlink()  # the last: no doc links to it
    extra = specs / "models" / "extra"
    extra.mkdir()
    (extra / "note.md").write_text(
        "# Note\n\nA new doc.\n\n## Fields\n\n| Field | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n| `text` | *string* | :heavy_check_mark: | Its text. |\n"
    )


def test_a_small_plan_written_in_place_equals_the_swapped_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trees = []
    for small in (journal.SMALL, 0):  # in place, then (SMALL = 0) by swapping the folder
        monkeypatch.setattr(journal, "SMALL", small)
        monkeypatch.setattr(swap, "SMALL", small)
        base = tmp_path / f"small{small}"
        specs = _specs(base / "specs", "A")
        out = base / "pkg"
        assert run_cli("generate", specs, "-o", out, "-q") == 0
        (out / "mine.txt").write_text("not generated\n")
        before = {p.name for p in base.iterdir()}
        _small_edit(specs)
        assert run_cli("generate", specs, "-o", out, "-q") == 0
        assert {p.name for p in base.iterdir()} == before  # no staging folder left
        trees.append(_tree(out))
        (specs / "models" / "extra" / "note.md").unlink()
        assert run_cli("generate", specs, "-o", out, "-q") == 0
        assert not (out / "extra").exists()  # the subpackage went with its last doc
    assert trees[0] == trees[1]
    assert "extra/note.py" in trees[0] and f"item{DOCS - 1}.py" not in trees[0]


def test_an_error_while_moving_files_in_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move that fails half-way puts back what it moved; the run then writes the plan by
    swapping the folder, and leaves nothing beside OUT."""
    specs = _specs(tmp_path / "specs", "A")
    out = tmp_path / "pkg"
    assert run_cli("generate", specs, "-o", out, "-q") == 0
    before = _tree(out)
    moved: list[Path] = []

    def fail_second_move(src: Path, dst: Path) -> None:
        if moved:
            raise PermissionError(13, "Permission denied", str(dst))
        moved.append(dst)
        os.replace(src, dst)

    def refuse(p: object, out: Path, tmp: Path, done: object) -> None:
        assert _tree(out) == before  # the moved file was put back
        raise PermissionError(13, "Permission denied", str(tmp))

    monkeypatch.setattr(journal, "_move", fail_second_move)
    monkeypatch.setattr(swap, "_build", refuse)
    _small_edit(specs)
    assert run_cli("generate", specs, "-o", out, "-q") == 2
    assert moved and _tree(out) == before
    assert not list(tmp_path.glob(".pkg.*"))  # nothing left beside OUT
    monkeypatch.undo()
    assert run_cli("generate", specs, "-o", out, "-q") == 0
    assert "extra/note.py" in _tree(out)


SLOW_MOVE_CLI = """\
import sys
import time

from generator.cli import main
from generator.write import journal

delay = float(sys.argv.pop(1))
move = journal._move


def slow_move(src, dst):
    move(src, dst)
    time.sleep(delay)


journal._move = slow_move
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_small_write_killed_half_way_is_finished_by_the_next_run(tmp_path: Path) -> None:
    """Killed while moving files in, a run leaves its journal; until then OUT is old or
    new, and the next run (or `recover`) finishes the job from the journal."""
    base = tmp_path / "base"
    specs = _specs(base / "specs", "A")
    assert run_cli("generate", specs, "-o", base / "pkg", "-q") == 0
    old = _tree(base / "pkg")
    _small_edit(specs)
    rng = random.Random(20261204)
    seen = {"old": 0, "journal": 0, "new": 0}
    new: dict[str, bytes] | None = None
    for attempt in range(8):
        work = tmp_path / f"w{attempt}"
        shutil.copytree(base, work)
        args = ["generate", str(work / "specs"), "-o", str(work / "pkg"), "-q", "-j1"]
        process = subprocess.Popen(
            [sys.executable, "-c", SLOW_MOVE_CLI, "0.3", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        journals = list(work.glob(f".pkg.docs2models-new-*/{journal.JOURNAL}"))
        found = _tree(work / "pkg")
        if journals:
            seen["journal"] += 1
            recover(work / "pkg")
            assert not list(work.glob(".pkg.docs2models-*"))
            found = _tree(work / "pkg")
            new = new or found
            assert found == new and found != old
        else:
            assert found in (old, new) or new is None
            seen["old" if found == old else "new"] += 1
        assert run_cli("generate", work / "specs", "-o", work / "pkg", "-q") == 0
        final = _tree(work / "pkg")
        new = new or final
        assert final == new
    assert seen["journal"] > 0, seen  # some kills did land while files were being moved


def test_a_journal_cannot_lead_recovery_out_of_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    out.mkdir()
    header = "# Generated by docs2models from x.md. Do not edit.\n"
    (tmp_path / "victim.py").write_text(header)
    (out / "kept.py").write_text("print('not generated')\n")
    staging = tmp_path / ".pkg.docs2models-new-1-abcd"
    (staging / "new").mkdir(parents=True)
    (staging / "new" / "a.py").write_text(header)
    entries = {"write": ["a.py", "../escape.py"], "remove": ["../victim.py", "kept.py"]}
    (staging / journal.JOURNAL).write_text(f"{header}{json.dumps(entries)}\n")
    recover(out)
    assert (tmp_path / "victim.py").exists() and not (tmp_path / "escape.py").exists()
    assert (out / "kept.py").exists() and (out / "a.py").read_text() == header
    assert not staging.exists()


@pytest.mark.slow
def test_a_first_run_killed_while_it_renders_leaves_no_half_written_output(
    tmp_path: Path,
) -> None:
    """A first run writes each new file as it is rendered, into the new folder beside OUT
    (swap.Staging): killed at any moment, OUT is absent or whole, and the next run removes
    what the killed one left."""
    specs = _specs(tmp_path / "specs", "A")
    work = tmp_path / "work"
    start = time.monotonic()
    assert _generate(specs, work / "pkg", delay="0.004").wait(timeout=120) == 0
    full = time.monotonic() - start
    whole = _tree(work / "pkg")
    rng = random.Random(20261204)
    outcomes = {"absent": 0, "whole": 0}
    for _ in range(6):
        shutil.rmtree(work)
        process = _generate(specs, work / "pkg", delay="0.004")
        time.sleep(rng.uniform(0.05, full))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if (work / "pkg").exists():
            assert _tree(work / "pkg") == whole, "a killed first run left a partial folder"
            outcomes["whole"] += 1
        else:
            outcomes["absent"] += 1
        assert _generate(specs, work / "pkg").wait(timeout=120) == 0
        assert _tree(work / "pkg") == whole
        assert sorted(p.name for p in work.iterdir() if not p.name.startswith(".docs2models")) == [
            "pkg"
        ]
    assert outcomes["absent"] > 0  # the kills did land before the folder was swapped in


def test_files_written_while_rendering_go_when_the_run_fails_or_conflicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new folder a run begins while it renders is removed when the run stops with an
    error, and when a file not ours stands where the package must write (a conflict)."""
    specs = _specs(tmp_path / "specs", "A")
    out = tmp_path / "pkg"
    add = swap.Staging.add
    added: list[str] = []  # in each worker process, its own

    def add_then_fail(self: swap.Staging, rel: str, text: str) -> bool:
        added.append(rel)
        if len(added) == 10:
            raise RuntimeError("a render that fails half-way")
        return add(self, rel, text)

    with monkeypatch.context() as patch:
        patch.setattr(swap.Staging, "add", add_then_fail)
        assert run_cli("generate", specs, "-o", out, "-q", "--no-cache") == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs"]
    out.mkdir()
    (out / "item7.py").write_text("mine\n")
    assert run_cli("generate", specs, "-o", out, "-q", "--no-cache") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "specs"]
    assert _tree(out) == {"item7.py": b"mine\n"}


def test_a_file_that_could_not_be_written_while_rendering_is_written_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the staging could not write (say, a passing error) is not counted as
    written: the write after rendering writes it, and the package is whole."""
    specs = _specs(tmp_path / "specs", "A")
    write_file = swap._write_file
    failed: list[Path] = []

    def fail_once(path: Path, text: str) -> None:
        if path.name == "item5.py" and not failed:
            failed.append(path)
            raise OSError(5, "Input/output error", str(path))
        write_file(path, text)

    monkeypatch.setattr(swap, "_write_file", fail_once)
    assert run_cli("generate", specs, "-o", tmp_path / "pkg", "-q", "--no-cache", "-j1") == 0
    assert failed
    monkeypatch.undo()
    assert run_cli("generate", specs, "-o", tmp_path / "fresh", "-q", "--no-cache") == 0
    assert _tree(tmp_path / "pkg") == _tree(tmp_path / "fresh")
