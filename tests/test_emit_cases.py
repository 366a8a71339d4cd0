"""Case files for the whole path: Markdown docs in, the generated package and IR out.

Each folder in tests/cases/emit/ is one case:

    specs/        the docs (written for this project), any folder layout
    args.txt      optional: extra command-line flags, e.g. --allow-unknown
    exit_code.txt optional: the exit code of `generate` and `ir` when it is not 0 (4: docs
                  were left out because of their errors, with --allow-unknown)
    expected/     the package `docs2models generate` must write, byte for byte (but for
                  `_serde.py` and `py.typed`, the same in every package: they must
                  equal the golden record's, generated/)
    ir.json       what `docs2models ir` must print (the "specs" key aside)
    messages.txt  the diagnostics printed, one per line ("path:line: message")

To bless a deliberate change in output, run
`DOCS2MODELS_UPDATE_CASES=1 .venv/bin/pytest tests/test_emit_cases.py` and review the diff.
All expected packages are also imported and type-checked together with `mypy --strict`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.emit.formatting import format_python

from conftest import ROOT, import_all, run_cli, run_mypy_strict

CASES_DIR = ROOT / "tests" / "cases" / "emit"
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir()) if CASES_DIR.is_dir() else []
UPDATE = os.environ.get("DOCS2MODELS_UPDATE_CASES") == "1"


SHARED_FILES = ("_serde.py", "py.typed")
"""Files every package has, the same in each: kept once, in the golden record (generated/),
not in every case's expected/."""


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.name not in SHARED_FILES
    }


def _add_shared_files(package: Path) -> None:
    for name in SHARED_FILES:
        shutil.copy(ROOT / "generated" / name, package / name)


def _run(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(*args)
    return code, out.getvalue(), err.getvalue()


def _flags(case: Path) -> list[str]:
    args = case / "args.txt"
    return shlex.split(args.read_text()) if args.exists() else []


def _exit_code(case: Path) -> int:
    path = case / "exit_code.txt"
    return int(path.read_text()) if path.exists() else 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_emit_case(case: Path, tmp_path: Path) -> None:
    specs = case / "specs"
    out = tmp_path / "expected"
    expected_code = _exit_code(case)
    code, _, err = _run("generate", specs, "-o", out, *_flags(case))
    assert code == expected_code, err
    messages = "".join(
        line.replace(str(specs) + "/", "") + "\n"
        for line in err.splitlines()
        if not line.startswith("docs2models:")
    )
    ir_code, ir_out, _ = _run("ir", specs, *_flags(case))
    assert ir_code == expected_code
    ir = json.loads(ir_out)
    del ir["specs"]
    ir_text = json.dumps(ir, indent=2, ensure_ascii=False) + "\n"
    if UPDATE:
        shutil.rmtree(case / "expected", ignore_errors=True)
        shutil.copytree(out, case / "expected", ignore=shutil.ignore_patterns(*SHARED_FILES))
        (case / "ir.json").write_text(ir_text, encoding="utf-8")
        if messages:
            (case / "messages.txt").write_text(messages, encoding="utf-8")
        else:
            (case / "messages.txt").unlink(missing_ok=True)
    assert _files(out) == _files(case / "expected")
    for name in SHARED_FILES:
        assert (out / name).read_text() == (ROOT / "generated" / name).read_text(), name
    for path, text in _files(out).items():
        if path.endswith(".py"):
            assert format_python(text) == text, f"{path} is not as black writes it"
    assert ir_text == (case / "ir.json").read_text(encoding="utf-8")
    expected_messages = case / "messages.txt"
    assert messages == (expected_messages.read_text() if expected_messages.exists() else "")


def test_every_expected_package_imports_and_type_checks(tmp_path: Path) -> None:
    """All expected packages side by side (each under its own name): every module imports
    and `mypy --strict` passes on them all."""
    if not CASES:
        pytest.skip("no emit cases")
    packages = []
    for case in CASES:
        target = tmp_path / ("case_" + case.name.replace("-", "_"))
        shutil.copytree(case / "expected", target)
        _add_shared_files(target)
        import_all(target)
        packages.append(target)
    result = run_mypy_strict(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    doctests = subprocess.run(
        [sys.executable, "-c", DOCTESTS, *(p.name for p in packages)],
        cwd=tmp_path,
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


def test_cases_are_complete() -> None:
    for case in CASES:
        assert (case / "specs").is_dir(), case.name
        assert (case / "expected").is_dir() or UPDATE, case.name
        assert (case / "ir.json").is_file() or UPDATE, case.name
