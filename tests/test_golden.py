"""Golden record: the committed generated/ is exactly what specs/ gives today.

When a change to the generator is meant to change the output, `make generate` rewrites
generated/ on purpose; review its diff like any other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Config
from generator.run.pipeline import build

from conftest import ROOT, import_all, run_cli, run_mypy_strict


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_generated_matches_specs_byte_for_byte(tmp_path: Path) -> None:
    """Regenerating specs/ into a fresh folder gives the committed files, byte for byte."""
    out = tmp_path / "generated"
    assert run_cli("generate", ROOT / "specs", "-o", out, "-q") == 0
    assert _files(out) == _files(ROOT / "generated")


def test_check_passes_on_the_committed_output() -> None:
    """`docs2models check` agrees that generated/ is up to date (exit 0)."""
    assert run_cli("check", ROOT / "specs", "-o", ROOT / "generated", "-q") == 0


@pytest.mark.slow
def test_golden_package_imports_and_type_checks(tmp_path: Path) -> None:
    """The generated package imports, re-exports the seed, and passes mypy --strict."""
    out = tmp_path / "generated"
    assert run_cli("generate", ROOT / "specs", "-o", out, "-q") == 0
    modules = import_all(out)
    assert "generated.token_create_response" in modules
    result = run_mypy_strict(out)
    assert result.returncode == 0, result.stdout + result.stderr


def test_seed_doc_is_kept_unchanged() -> None:
    """specs/models/tokencreateresponse.md is the seed doc as given."""
    seed = ROOT.parent / "shared" / "seeds" / "tokencreateresponse.md"
    if seed.exists():
        assert (ROOT / "specs/models/tokencreateresponse.md").read_bytes() == seed.read_bytes()


def test_every_link_in_specs_resolves() -> None:
    """The specs/ docs link only to docs that exist (the run has no diagnostics at all)."""

    built = build(Config(specs=ROOT / "specs"), render=False)
    assert built.diagnostics == ()
    assert built.doc_count == 5
