"""Hostile and broken docs: for every case in tests/adversarial/, the outcome it expects.

Each folder holds `specs/` (docs written for this project; a case may instead, or also,
have a `make.py` whose `make(specs: Path)` writes docs that cannot live in git — huge,
binary, symlinked; helpers they share live in `tests/adversarial/_*.py`) and `expect.json`:

    {"exit": 0 or 2, "messages": ["path:line: text", ...], "args": [...]}

`messages` are lines (or parts of lines) that stderr must contain, paths relative to the
specs folder. Whatever the case: never a traceback, never exit 3. Where a case generates
(exit 0): the package imports, passes `mypy --strict` (all cases together), and its syntax
tree holds only what the templates write (ast_guard.py). Where it fails: nothing written.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from ast_guard import problems

from conftest import ROOT, import_all, run_cli, run_mypy_strict

CASES_DIR = ROOT / "tests" / "adversarial"
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir() and (p / "expect.json").exists())
assert len(CASES) == len([p for p in CASES_DIR.iterdir() if p.is_dir() and p.name[0] != "_"])


def _prepare(case: Path, tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    if (case / "specs").is_dir():
        shutil.copytree(case / "specs", specs, symlinks=True)
    else:
        specs.mkdir()
    maker = case / "make.py"
    if maker.exists():
        spec = importlib.util.spec_from_file_location(f"make_{case.name}", maker)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(CASES_DIR))  # make.py may import a helper beside the cases
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(CASES_DIR))
        module.make(specs)
    return specs


def _run(*args: str | Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = run_cli(*args)
    return code, err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_adversarial_case(case: Path, tmp_path: Path) -> None:
    expect = json.loads((case / "expect.json").read_text())
    specs = _prepare(case, tmp_path)
    out = tmp_path / "out" / f"adv_{case.name.replace('-', '_')}"
    code, err = _run("generate", specs, "-o", out, "--no-cache", *expect.get("args", []))
    assert "Traceback" not in err and "internal error" not in err, err
    assert code == expect["exit"], err
    shown = err.replace(f"{specs}/", "")
    for message in expect.get("messages", []):
        assert message in shown, f"{message!r} not in:\n{shown}"
    if code != 0:
        assert not out.exists(), "a failed run wrote output"
        return
    import_all(out)
    for module in out.rglob("*.py"):
        if module.name != "_serde.py":
            assert problems(module.read_text()) == [], module
    _GENERATED.append(out)


_GENERATED: list[Path] = []


def test_all_generated_adversarial_packages_type_check(tmp_path: Path) -> None:
    """Runs after the cases (pytest keeps file order): mypy --strict over every package
    an adversarial case generated."""
    if not _GENERATED:
        pytest.skip("no adversarial case generated a package")
    for package in _GENERATED:
        shutil.copytree(package, tmp_path / package.name)
    result = run_mypy_strict(tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    assert sys.version_info >= (3, 10)
