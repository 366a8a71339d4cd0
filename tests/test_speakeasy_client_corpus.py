"""The second, richer corpus: every doc generates, and the package imports and type-checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Config
from generator.emit.formatting import format_python
from generator.errors import Severity
from generator.run.pipeline import build

from conftest import corpus_path, import_all, run_cli, run_mypy_strict


@pytest.mark.slow
def test_every_doc_generates_without_errors_and_type_checks(tmp_path: Path) -> None:
    specs = corpus_path("speakeasy-client-ts", "models")
    built = build(Config(specs=specs), render=False)
    assert built.doc_count == 172
    assert [d.format() for d in built.diagnostics if d.severity is Severity.ERROR] == []
    assert len(built.docs) == 172
    out = tmp_path / "speakeasy_client"
    assert run_cli("generate", specs, "-o", out, "-q") == 0
    assert len(import_all(out)) == 172 + 4 + 1  # every doc, four packages, _serde
    result = run_mypy_strict(out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert build(Config(specs=specs)).left_to_black == 0
    for module in out.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert format_python(text) == text, module
