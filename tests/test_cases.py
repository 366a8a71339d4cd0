"""One runner for every case folder `tests/cases/<group>/<name>/` (see tests/cases/README.md).

A case is `case.toml` (about, stage, flags, exit; optionally messages_contain, slow), its
input docs (`specs/`, and/or `make.py` whose `make(specs)` writes docs git cannot hold),
and the expected outputs it has: `ir.json`, `expected/`, `messages.txt`. Every expected
file present is compared byte for byte; `messages.txt` absent means nothing is printed.

Stages:

- `parse`: every doc under specs/ is parsed alone (no links followed, no flags), as its path
  under specs/. ir.json is its IR (a list when there are several docs); exit is 2 when the
  parser reports an error (then the doc gives no IR, and every diagnostic is located inside
  the doc), else 0.
- `generate`: `docs2models generate SPECS -o OUT FLAGS`. expected/ is OUT (but for the files
  every package has, `_serde.py` and `py.typed`, which must equal generated/'s); ir.json is
  what `docs2models ir SPECS FLAGS` prints, its "specs" key aside. A run that exits 2 must
  leave OUT unwritten; a package it writes must hold only what the templates write
  (ast_guard.py) and be as black writes it. All packages
  together are imported, doctested and type-checked with `mypy --strict` by the last test.

Whatever the case: never a traceback, never exit 3. `DOCS2MODELS_UPDATE_CASES=1` (`make
update-cases`) rewrites the expected files from what the generator gives now: messages.txt
always (removed when nothing is printed), ir.json of a parse case, and the ir.json and
expected/ a generate case already has (create an empty one to start recording it).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ast_guard import problems

from conftest import (
    ROOT,
    import_all,
    is_black_formatted,
    parse_one_doc,
    run_cli,
    run_mypy_strict,
)

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES_DIR = ROOT / "tests" / "cases"
GROUPS = ("parse", "emit", "hostile")
CASES = sorted(p for g in GROUPS if (CASES_DIR / g).is_dir() for p in (CASES_DIR / g).iterdir())
UPDATE = os.environ.get("DOCS2MODELS_UPDATE_CASES", "") not in ("", "0")

KEYS = {"about", "stage", "flags", "exit", "messages_contain", "slow"}
CASE_FILES = {"case.toml", "specs", "sources", "make.py", "expected", "ir.json", "messages.txt"}
SHARED_FILES = ("_serde.py", "py.typed")
"""Files every package has, the same in each: kept once, in the golden record (generated/),
not in every case's expected/."""


def case_id(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


@dataclass(frozen=True)
class Case:
    folder: Path
    about: str
    stage: str
    flags: tuple[str, ...]
    exit: int
    messages_contain: tuple[str, ...]
    slow: bool

    @classmethod
    def load(cls, folder: Path) -> Case:
        data = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        assert set(data) <= KEYS, f"unknown keys in case.toml: {sorted(set(data) - KEYS)}"
        assert data.get("stage") in ("parse", "generate"), "stage is parse or generate"
        assert isinstance(data.get("about"), str) and data["about"].strip(), "about is needed"
        assert "\n" not in data["about"], "about is one line"
        assert isinstance(data.get("exit"), int), "exit is needed"
        assert data["exit"] != 3, "exit 3 is an internal error, never what a case expects"
        flags = tuple(data.get("flags", ()))
        assert not flags or data["stage"] == "generate", "a parse case takes no flags"
        return cls(
            folder,
            data["about"],
            data["stage"],
            flags,
            data["exit"],
            tuple(data.get("messages_contain", ())),
            bool(data.get("slow", False)),
        )


@dataclass
class Outcome:
    exit: int
    stderr: str
    """All of stderr, the specs folder's path taken out (what messages_contain looks in)."""
    messages: str
    """What messages.txt holds: the diagnostics, without the `docs2models:` lines (paths of
    the temporary folders, timings)."""
    ir_text: str | None = None
    package: Path | None = None


def prepare_specs(case: Case, tmp_path: Path) -> Path:
    """A private copy of specs/ (symlinks as they are), completed by make.py."""
    specs = tmp_path / "specs"
    if (case.folder / "specs").is_dir():
        shutil.copytree(case.folder / "specs", specs, symlinks=True)
    else:
        specs.mkdir()
    maker = case.folder / "make.py"
    if maker.exists():
        spec = importlib.util.spec_from_file_location(f"make_{case.folder.name}", maker)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.make(specs)
    return specs


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def run_parse(specs: Path) -> Outcome:
    docs = sorted(p for p in specs.rglob("*.md") if p.is_file())
    assert docs, "a parse case needs a doc"
    irs, messages, failed = [], "", False
    for path in docs:
        doc_id = path.relative_to(specs).as_posix()
        data, diags, errors, fatal = parse_one_doc(path, doc_id)
        # an unknown type or section is an error --allow-unknown may allow: the IR is there
        assert (data is None) == fatal, f"{doc_id}: a doc gives its IR unless an error is fatal"
        last_line = max(1, len(path.read_bytes().splitlines()))
        for where, line, text in diags:
            assert where == doc_id and 1 <= line <= last_line, f"not located in the doc: {text}"
            assert re.match(rf"{re.escape(doc_id)}:[1-9][0-9]*: \S", text), text
        messages += "".join(text + "\n" for _, _, text in diags)
        failed |= errors
        if data is not None:
            irs.append(data)
    ir_text = None if len(irs) < len(docs) else json_text(irs[0] if len(irs) == 1 else irs)
    return Outcome(2 if failed else 0, messages, messages, ir_text)


def _cli(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(*args)
    return code, out.getvalue(), err.getvalue()


def run_generate(case: Case, specs: Path, tmp_path: Path, with_ir: bool) -> Outcome:
    out = tmp_path / "out" / "expected"
    flags = list(case.flags)
    if (case.folder / "sources").is_dir():  # the SDK's TypeScript sources, beside the docs
        sources = tmp_path / "sources"
        shutil.copytree(case.folder / "sources", sources)
        flags += ["--ts-sources", str(sources)]
    code, _, err = _cli("generate", specs, "-o", out, *flags)
    stderr = err.replace(f"{specs}/", "")
    messages = "".join(
        line + "\n" for line in stderr.splitlines() if not line.startswith("docs2models:")
    )
    assert str(tmp_path) not in messages, "an absolute path in the messages"
    outcome = Outcome(code, stderr, messages, package=out if out.exists() else None)
    if with_ir:
        ir_code, ir_out, _ = _cli("ir", specs, *flags)
        assert ir_code == case.exit, f"`ir` exits {ir_code}"
        ir = json.loads(ir_out)
        del ir["specs"]
        outcome.ir_text = json_text(ir)
    return outcome


def package_files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.name not in SHARED_FILES
    }


def check_package(case: Case, outcome: Outcome) -> None:
    if case.exit == 2:
        assert outcome.package is None, "a failed run wrote output"
    if outcome.package is None:
        return
    for name in SHARED_FILES:
        shared = (ROOT / "generated" / name).read_text(encoding="utf-8")
        assert (outcome.package / name).read_text(encoding="utf-8") == shared, name
    for path, text in package_files(outcome.package).items():
        if path.endswith(".py"):
            assert problems(text) == [], path
            assert is_black_formatted(text), f"{path} is not as black writes it"


def update_expected(case: Case, outcome: Outcome) -> None:
    """Write what the generator gives now as the case's expected files."""
    folder = case.folder
    if outcome.messages:
        (folder / "messages.txt").write_text(outcome.messages, encoding="utf-8", newline="\n")
    else:
        (folder / "messages.txt").unlink(missing_ok=True)
    if case.stage == "parse" or (folder / "ir.json").exists():
        if outcome.ir_text is None:
            (folder / "ir.json").unlink(missing_ok=True)
        else:
            (folder / "ir.json").write_text(outcome.ir_text, encoding="utf-8", newline="\n")
    if (folder / "expected").exists():
        shutil.rmtree(folder / "expected")
        if outcome.package is not None:
            ignore = shutil.ignore_patterns(*SHARED_FILES, "__pycache__")
            shutil.copytree(outcome.package, folder / "expected", ignore=ignore)


_GENERATED: dict[str, Path] = {}
"""Packages the generate cases wrote, for the type check at the end."""


def _params() -> list[Any]:
    """A case marked `slow = true` runs in make test, not in make test-fast."""
    marks = {True: [pytest.mark.slow], False: []}
    return [
        pytest.param(folder, id=case_id(folder), marks=marks[Case.load(folder).slow])
        for folder in CASES
    ]


@pytest.mark.parametrize("folder", _params())
def test_case(folder: Path, tmp_path: Path) -> None:
    case = Case.load(folder)
    specs = prepare_specs(case, tmp_path)
    if case.stage == "parse":
        outcome = run_parse(specs)
    else:
        outcome = run_generate(case, specs, tmp_path, with_ir=(folder / "ir.json").exists())
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert "internal error" not in outcome.stderr, outcome.stderr
    assert outcome.exit == case.exit, outcome.stderr
    for message in case.messages_contain:
        assert message in outcome.stderr, f"{message!r} not in:\n{outcome.stderr}"
    check_package(case, outcome)
    if outcome.package is not None:
        _GENERATED[case_id(folder)] = outcome.package
    if UPDATE:
        update_expected(case, outcome)

    expected_messages = folder / "messages.txt"
    shown = expected_messages.read_text(encoding="utf-8") if expected_messages.exists() else ""
    assert outcome.messages == shown
    if (folder / "ir.json").exists():
        assert outcome.ir_text == (folder / "ir.json").read_text(encoding="utf-8")
    elif case.stage == "parse":
        assert outcome.ir_text is None, "a parse case that parses has ir.json"
    if (folder / "expected").exists():
        assert outcome.package is not None, "expected/ but nothing was written"
        assert package_files(outcome.package) == package_files(folder / "expected")


def test_case_folders_hold_only_case_files() -> None:
    """Every folder is a case (a leftover of an old format or a typo fails here)."""
    other = ("drift",)  # old docs / new docs pairs, run by tests/test_drift.py
    assert sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir()) == sorted((*GROUPS, *other))
    for folder in CASES:
        assert folder.is_dir(), folder
        assert (folder / "case.toml").is_file(), f"{case_id(folder)}: no case.toml"
        assert (folder / "specs").is_dir() or (folder / "make.py").is_file(), folder
        extra = {p.name for p in folder.iterdir()} - CASE_FILES - {"__pycache__"}
        assert not extra, f"{case_id(folder)}: {sorted(extra)} are not case files"
        case = Case.load(folder)
        if folder.parent.name == "emit" and case.exit != 2:
            assert (folder / "expected").is_dir(), f"{case_id(folder)}: no expected/"
            assert (folder / "ir.json").is_file(), f"{case_id(folder)}: no ir.json"


def test_cases_are_found() -> None:
    by_group = {g: [c for c in CASES if c.parent.name == g] for g in GROUPS}
    assert len(by_group["parse"]) >= 40, by_group["parse"]
    assert len(by_group["emit"]) >= 30, by_group["emit"]
    assert len(by_group["hostile"]) >= 80, by_group["hostile"]
    parse_exits = {Case.load(c).exit for c in by_group["parse"]}
    assert parse_exits == {0, 2}, "parse cases show both docs that parse and errors"


@pytest.mark.slow
def test_generated_packages_import_and_type_check(tmp_path: Path) -> None:
    """Every package a generate case writes, side by side (each under its own name): every
    module imports, its doctests pass, and `mypy --strict` passes on them all."""
    root = tmp_path / "packages"
    root.mkdir()
    packages = []
    for folder in CASES:
        case = Case.load(folder)
        if case.stage != "generate" or case.exit == 2:
            continue
        name = "case_" + re.sub(r"\W", "_", case_id(folder))
        package = _GENERATED.get(case_id(folder))
        if package is None:  # its case did not run in this session
            specs = prepare_specs(case, tmp_path / "specs" / name)
            code, _, err = _cli("generate", specs, "-o", root / name, *case.flags)
            assert code == case.exit, err
        else:
            shutil.copytree(package, root / name)
        import_all(root / name)
        packages.append(name)
    assert packages
    result = run_mypy_strict(root)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    doctests = subprocess.run(
        [sys.executable, "-c", DOCTESTS, *packages],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert doctests.returncode == 0, doctests.stdout + doctests.stderr
    assert int(doctests.stdout) > 0


DOCTESTS = """
import doctest, importlib, pkgutil, sys
attempted = 0
for name in sys.argv[1:]:
    package = importlib.import_module(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        result = doctest.testmod(importlib.import_module(info.name))
        assert result.failed == 0, info.name
        attempted += result.attempted
print(attempted)
"""
