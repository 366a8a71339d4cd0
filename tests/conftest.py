"""Shared test helpers: where things are, and running the generator on a folder of docs."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# The only imports of generator/ the case runner needs: the CLI, and the parser for one doc.
from generator.cli import main
from generator.emit.formatting import format_python
from generator.errors import has_errors, has_errors_whatever_allowed
from generator.ir import to_jsonable
from generator.parse.document import parse_doc
from generator.read.markdown import read_markdown

from real_sdks import RESULTS, table

settings.register_profile("default", max_examples=150)
settings.register_profile("long", max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_path(*parts: str) -> Path:
    """A path in ../shared/corpus, or a clean skip when ../shared is not there."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpora live in ../shared)")
    return path


@contextlib.contextmanager
def chdir(root: Path) -> Iterator[None]:
    """Run the block in folder `root`, as a user in their project (`contextlib.chdir` is
    Python 3.11+)."""
    old = os.getcwd()
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(old)


def run_cli(*args: str | Path) -> int:
    """`docs2models ARGS` in-process; returns the exit code."""
    return main([str(a) for a in args])


def parse_one_doc(path: Path, doc_id: str) -> tuple[Any, list[tuple[str, int, str]], bool, bool]:
    """One doc parsed alone, as `doc_id`: its IR as JSON data (None when it does not parse),
    its diagnostics as (path, line, `path:line: message` text), whether any is an error,
    and whether any is an error that --allow-unknown would not allow."""
    # bytes, not read_text(): universal newlines would hide a CR in a case file
    doc, diags = parse_doc(read_markdown(doc_id, path.read_bytes().decode("utf-8")))
    data = None if doc is None else to_jsonable(doc)
    texts = [(d.loc.path, d.loc.line, d.format()) for d in diags]
    return data, texts, has_errors(diags), has_errors_whatever_allowed(diags)


def is_black_formatted(source: str) -> bool:
    """Whether black (as the generator configures it) leaves `source` as it is."""
    return format_python(source) == source


def run_mypy_strict(package: Path) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` on a generated package, from its parent folder, with no cache shared
    with the project's own runs."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            "/dev/null",
            package.name,
        ],
        cwd=package.parent,
        capture_output=True,
        text=True,
        check=False,
    )


def import_all(package: Path) -> list[str]:
    """Import every module of a generated package in a fresh interpreter, and each
    subpackage first in one more; the modules' names."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({package.name!r})\n"
        "names = [pkg.__name__]\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "    names.append(info.name)\n"
        "print('\\n'.join(names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=package.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names = result.stdout.split()
    # Importing a subpackage first runs its `__init__`, and with it the modules that one
    # imports, in an order the walk above never tries: each gets an interpreter of its own.
    for sub in sorted({n.rpartition(".")[0] for n in names[1:]} - {package.name}):
        first = subprocess.run(
            [sys.executable, "-c", f"import {sub}"],
            cwd=package.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        assert first.returncode == 0, f"import {sub}:\n{first.stderr}"
    return names


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs in tests keep their cache in a temporary folder, not in the checkout."""
    os.environ["DOCS2MODELS_CACHE"] = str(tmp_path_factory.mktemp("docs2models-cache"))


@pytest.fixture
def specs_copy(tmp_path: Path) -> Path:
    """A private copy of the project's specs/ to edit."""
    target = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", target)
    return target


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """The conformance table (tests/test_real_sdks.py), when that suite ran."""
    rows = config.stash.get(RESULTS, None)
    if rows:
        terminalreporter.section("real SDKs (../shared/corpus/real)")
        for line in table(rows):
            terminalreporter.write_line(line)
