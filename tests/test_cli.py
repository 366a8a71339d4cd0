"""The command line: generate, check (drift with a diff), errors that leave OUT alone."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import Location, error
from generator.write.swap import recover

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


@pytest.mark.parametrize("command", ["generate", "check"])
def test_specs_folder_without_docs_exits_2_and_keeps_the_package(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SPECS with no docs (a typo'd path, docs not yet checked out, only a README.txt and
    docs in a hidden folder) is an error, not an empty package that replaces the old one."""
    specs, out = tmp_path / "specs", tmp_path / "pkg"
    (specs / ".hidden").mkdir(parents=True)
    (specs / ".hidden" / "pet.md").write_text("# Pet\n")
    (specs / "README.txt").write_text("docs go here\n")
    out.mkdir()
    (out / "pet.py").write_text("# Generated by docs2models from specs/pet.md. Do not edit.\n")
    before = _snapshot(out)
    assert run_cli(command, specs, "-o", out) == 2
    err = capsys.readouterr().err
    assert f"no .md or .mdx docs found in {specs}" in err
    assert _snapshot(out) == before


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


# --- OUT and SPECS that cannot be used as asked -----------------------------------------


def test_an_out_that_is_a_file_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file is the user's: it is neither replaced nor moved aside (where a later run
    would have deleted it)."""
    out = tmp_path / "out" / "pkg"
    out.parent.mkdir()
    out.write_text("precious\n")
    for command in ("generate", "check"):
        assert run_cli(command, ROOT / "specs", "-o", out, "--no-cache") == 2
        assert f"{out}: exists and is not a folder" in capsys.readouterr().err
    assert out.read_text() == "precious\n"
    assert [p.name for p in out.parent.iterdir()] == ["pkg"]


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("specs", "is the specs folder"),
        ("specs/models", "is inside the specs folder"),
        ("specs/models/pkg", "is inside the specs folder"),
        (".", "holds the specs folder"),
    ],
)
def test_an_out_that_overlaps_specs_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, message: str
) -> None:
    work = tmp_path / "work"
    shutil.copytree(ROOT / "specs", work / "specs")
    before = _snapshot(work)
    assert run_cli("generate", work / "specs", "-o", work / out, "--no-cache") == 2
    assert message in capsys.readouterr().err
    assert _snapshot(work) == before


def test_an_out_that_is_a_symlink_to_a_folder_is_written_through(tmp_path: Path) -> None:
    """The folder the link points to is updated in place; the link stays a link."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "mine.txt").write_text("mine\n")
    link = tmp_path / "models"
    link.symlink_to("real")
    assert run_cli("generate", ROOT / "specs", "-o", link, "-q") == 0
    assert link.is_symlink() and os.readlink(link) == "real"
    assert (real / "property.py").is_file() and (real / "mine.txt").read_text() == "mine\n"
    assert run_cli("check", ROOT / "specs", "-o", link, "-q") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models", "real"]


def test_an_out_that_is_a_dangling_symlink_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "models"
    link.symlink_to("nowhere")
    assert run_cli("generate", ROOT / "specs", "-o", link, "--no-cache") == 2
    assert "a symlink to nowhere, which does not exist" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("my-pkg", "is not a Python identifier"),
        ("pkg.v2", "is not a Python identifier"),
        ("2pkg", "is not a Python identifier"),
        ("class", "is a Python keyword"),
        ("typing", "is the name of a standard-library module"),
        ("dataclasses", "is the name of a standard-library module"),
        ("json", "is the name of a standard-library module"),
    ],
)
def test_the_out_folder_name_must_be_an_importable_package_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, problem: str
) -> None:
    out = tmp_path / name
    assert run_cli("generate", ROOT / "specs", "-o", out, "--no-cache") == 2
    err = capsys.readouterr().err
    assert "the output folder's name is the package's name" in err
    assert f"`{name}` {problem}" in err
    assert not out.exists()


# --- hostile names and text --------------------------------------------------------------


def test_a_doc_whose_name_is_not_utf8_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the cache on (sqlite stores names as UTF-8) and in JSON, which stays UTF-8."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    with open(os.path.join(os.fsencode(specs), b"models", b"caf\xe9.md"), "wb") as fh:
        fh.write(b"# Cafe\n\nA doc.\n")
    out = tmp_path / "out"
    assert run_cli("generate", specs, "-o", out) == 2
    err = capsys.readouterr().err
    assert f"{specs}/models/caf\\xe9.md:1: the file name is not valid UTF-8; rename it" in err
    code = subprocess.run(
        [sys.executable, "-m", "generator", "check", specs, "-o", out, "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert code.returncode == 2
    (diag,) = json.loads(code.stdout.decode("utf-8"))["diagnostics"]
    assert diag["path"] == f"{specs}/models/caf\\xe9.md"
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_doc_that_is_a_pipe_is_an_error_and_not_opened(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    os.mkfifo(specs / "models" / "pipe.md")  # opening it to read would wait for ever
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", specs, "-o", tmp_path / "out"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert f"{specs}/models/pipe.md:1: not a regular file" in result.stderr


def test_ir_with_a_lone_surrogate_prints_valid_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An escape in an enum's code block can give a lone surrogate, which UTF-8 cannot
    hold: the JSON escapes it."""
    models = tmp_path / "specs" / "models"
    models.mkdir(parents=True)
    (models / "mood.md").write_text('# Mood\n\n## Values\n\n```typescript\n"\\ud800" | "b"\n```\n')
    assert run_cli("ir", tmp_path / "specs") == 0
    text = capsys.readouterr().out
    text.encode("utf-8")
    (doc,) = json.loads(text)["docs"]
    assert [v["value"] for v in doc["values"]] == ["\ud800", "b"]


def test_check_survives_a_crafted_module_in_out(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that carries the header but is huge or absurdly nested: the summary says it
    could not compare that module, and the check goes on to its diff."""
    specs, out = project
    for body in ("x = " + "-" * 2_000_000 + "1\n", "x = " + "[" * 100_000 + "]" * 100_000 + "\n"):
        (out / "property.py").write_text("# Generated by docs2models\n" + body)
        assert run_cli("check", specs, "-o", out, "--no-cache") == 1
        captured = capsys.readouterr()
        assert "property.py  Property\n    (could not compare" in captured.out
        assert "internal error" not in captured.err


def test_diagnostics_escape_control_characters() -> None:
    """Doc text in a message cannot drive the terminal; the hint stays on its own line."""
    diag = error(Location("a\x1b.md", 3), "name `x\x07\u202e\x9b\ny`", hint="see\rthis")
    assert diag.format("specs") == (
        "specs/a\\x1b.md:3: name `x\\x07\\u202e\\x9b\\ny`\n  hint: see\\rthis"
    )


def test_a_symlink_where_a_subpackage_goes_is_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing through it would put modules outside OUT, where no run tracks them."""
    models = tmp_path / "specs" / "models"
    (models / "operations").mkdir(parents=True)
    (models / "a.md").write_text("# A\n\nA model.\n")
    (models / "operations" / "b.md").write_text("# B\n\nAnother.\n")
    out, elsewhere = tmp_path / "pkg", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "operations").symlink_to(elsewhere)
    assert run_cli("generate", tmp_path / "specs", "-o", out, "--no-cache") == 2
    assert f"{out}/operations: exists but was not written by docs2models" in (
        capsys.readouterr().err
    )
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["operations"]


def test_an_out_below_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes").write_text("mine\n")
    assert run_cli("generate", ROOT / "specs", "-o", tmp_path / "notes" / "pkg") == 2
    assert f"{tmp_path / 'notes'} is not a folder" in capsys.readouterr().err
    assert (tmp_path / "notes").read_text() == "mine\n"


def test_a_write_the_system_refuses_exits_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied, a read-only or full disk: not a bug in docs2models."""

    def refuse(plan: object, out: Path, tmp: Path, done: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp / "x.py"))

    monkeypatch.setattr("generator.write.swap._build", refuse)
    assert run_cli("generate", ROOT / "specs", "-o", tmp_path / "pkg", "--no-cache") == 2
    err = capsys.readouterr().err
    assert "x.py: Permission denied" in err and "internal error" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_doc_of_too_many_lines_is_refused_before_parsing(tmp_path: Path) -> None:
    specs = tmp_path / "specs" / "models"
    specs.mkdir(parents=True)
    (specs / "long.md").write_text("# Long\n\n" + "a\n" * 100_000)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run_cli("generate", tmp_path / "specs", "-o", tmp_path / "out" / "pkg")
    assert code == 2
    assert "models/long.md:1: the doc has 100003 lines; docs2models reads docs of up to 100000" in (
        err.getvalue()
    )


def test_the_command_flushes_all_it_prints_before_its_fast_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command skips the interpreter's teardown (`cli.entry`): what it printed, a long
    diff to a pipe included, arrives whole, with the exit code `main` gave; the cache it
    saved is whole too (the next run is a no-op)."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    out = tmp_path / "pkg"
    command = [sys.executable, "-m", "generator", "check", specs, "-o", out, "--no-cache"]
    piped = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run_cli("check", specs, "-o", out, "--no-cache") == piped.returncode == 1
    assert piped.stdout == capsys.readouterr().out
    assert len(piped.stdout.splitlines()) > 500
    cache = tmp_path / "cache"
    env = {**os.environ, "DOCS2MODELS_CACHE": str(cache)}
    generate = [sys.executable, "-m", "generator", "generate", specs, "-o", out, "-v"]
    first = subprocess.run(generate, capture_output=True, text=True, check=False, env=env)
    second = subprocess.run(generate, capture_output=True, text=True, check=False, env=env)
    assert first.returncode == second.returncode == 0, first.stderr
    assert "unchanged run" in second.stderr
