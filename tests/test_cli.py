"""The command line: generate, check (drift with a diff), errors that leave OUT alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output import recover

from conftest import ROOT, run_cli


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under `folder` with its bytes, inode and mtime: "untouched" means equal."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of specs/ and of the committed generated/ to work on."""
    specs, out = tmp_path / "specs", tmp_path / "generated"
    shutil.copytree(ROOT / "specs", specs)
    shutil.copytree(ROOT / "generated", out, ignore=shutil.ignore_patterns("__pycache__"))
    return specs, out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_check_is_quiet_and_exits_0_when_up_to_date(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    specs, out = project
    assert run_cli("check", specs, "-o", out) == 0
    assert capsys.readouterr().out == ""


def test_check_exits_1_with_a_diff_and_writes_nothing(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """One field's type edited in the docs: check shows that change and touches nothing."""
    specs, out = project
    _edit(specs / "models/property.md", "| `hidden` | *boolean*", "| `hidden` | *string*")
    before = _snapshot(out)
    assert run_cli("check", specs, "-o", out) == 1
    captured = capsys.readouterr()
    assert f"--- a/{out.as_posix()}/property.py" in captured.out
    assert "-    hidden: bool | None | Unset = field(" in captured.out
    assert "+    hidden: str | None | Unset = field(" in captured.out
    assert "out of date" in captured.err
    assert _snapshot(out) == before


def test_generate_then_check_round_trip(project: tuple[Path, Path]) -> None:
    """After generate, check is clean again; a second generate rewrites nothing."""
    specs, out = project
    _edit(specs / "models/property.md", "| `hidden` | *boolean*", "| `hidden` | *string*")
    assert run_cli("generate", specs, "-o", out, "-q") == 0
    assert "hidden: str | None | Unset" in (out / "property.py").read_text()
    assert run_cli("check", specs, "-o", out, "-q") == 0
    before = _snapshot(out)
    assert run_cli("generate", specs, "-o", out, "-q") == 0
    assert _snapshot(out) == before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "| `hidden` | *boolean* | :heavy_minus_sign: |",
            "| `hidden` | *boolean* |",
            "this row has 3 cells; the table header has 4",
        ),
        ("| `hidden` | *boolean*", "| `hidden` | *Flag*", "unknown type `Flag` in Type cell"),
    ],
    ids=["missing-cell", "unknown-type"],
)
def test_broken_table_exits_2_with_file_and_line_and_writes_nothing(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    message: str,
) -> None:
    specs, out = project
    text = (specs / "models/property.md").read_text()
    line = text[: text.index(old)].count("\n") + 1
    _edit(specs / "models/property.md", old, new)
    before = _snapshot(out)
    assert run_cli("generate", specs, "-o", out) == 2
    err = capsys.readouterr().err
    assert f"{specs}/models/property.md:{line}: {message}" in err
    assert "left as it was" in err
    assert _snapshot(out) == before
    assert run_cli("check", specs, "-o", out, "-q") == 2


def test_errors_on_a_first_run_create_no_output_folder(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "broken.md").write_text("no heading here\n")
    assert run_cli("generate", specs, "-o", tmp_path / "out", "-q") == 2
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["specs"]


def test_modules_of_deleted_docs_are_removed_and_foreign_files_kept(
    project: tuple[Path, Path],
) -> None:
    specs, out = project
    (out / "custom.py").write_text("VALUE = 1\n")
    (out / "notes.txt").write_text("mine\n")
    (out / "extra").mkdir()
    (out / "extra" / "keep.py").write_text("# not generated\n")
    foreign_before = {k: v for k, v in _snapshot(out).items() if k in ("custom.py", "notes.txt")}
    # Drop the Property doc and the field that links to it.
    (specs / "models/property.md").unlink()
    text = (specs / "models/tokencreateresponse.md").read_text()
    lines = [line for line in text.splitlines(keepends=True) if "property.md" not in line]
    (specs / "models/tokencreateresponse.md").write_text("".join(lines))
    assert run_cli("generate", specs, "-o", out, "-q") == 0
    assert not (out / "property.py").exists()
    assert "Property" not in (out / "__init__.py").read_text()
    after = _snapshot(out)
    assert {k: after[k] for k in foreign_before} == foreign_before
    assert (out / "extra" / "keep.py").read_text() == "# not generated\n"


def test_a_foreign_file_where_a_module_goes_is_a_conflict(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    specs, out = project
    (out / "property.py").write_text("# my own module\n")
    before = _snapshot(out)
    assert run_cli("generate", specs, "-o", out) == 2
    assert "property.py: exists but was not written by docs2models" in capsys.readouterr().err
    assert _snapshot(out) == before


def test_ir_prints_json_with_locations(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("ir", ROOT / "specs") == 0
    data = json.loads(capsys.readouterr().out)
    docs = {d["name"]: d for d in data["docs"]}
    seed = docs["TokenCreateResponse"]
    assert seed["kind"] == "model"
    assert seed["loc"] == {"path": "models/tokencreateresponse.md", "line": 1}
    first = seed["fields"][0]
    assert (first["name"], first["loc"]["line"]) == ("resultCode", 15)
    assert docs["TokenCreateResponseAction"]["values"][0]["loc"]["line"] == 16


def test_missing_specs_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("generate", tmp_path / "nope", "-o", tmp_path / "out") == 2
    assert "does not exist" in capsys.readouterr().err


def test_python_dash_m_and_help() -> None:
    """`python -m generator` is the same command, and `--help` lists the subcommands."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in ("generate", "check", "ir"):
        assert command in result.stdout


def test_recover_restores_a_swap_cut_in_two(tmp_path: Path) -> None:
    """A run killed between the two renames of a swap leaves `.OUT.docs2models-old-*`:
    the next run puts it back before doing anything."""
    out = tmp_path / "generated"
    old = tmp_path / f".generated.docs2models-old-{os.getpid()}"
    old.mkdir()
    (old / "x.py").write_text("# Generated by docs2models from x. Do not edit.\n")
    half = tmp_path / ".generated.docs2models-new-1"
    half.mkdir()
    recover(out)
    assert (out / "x.py").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]
