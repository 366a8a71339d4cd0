"""The second, richer corpus: every doc parses to IR, or fails with a located error that
names what is not supported yet."""

from __future__ import annotations

from generator.errors import Severity
from generator.pipeline import parse_specs

from conftest import corpus_path


def test_every_doc_parses_or_fails_with_a_located_error() -> None:
    specs = corpus_path("speakeasy-client-ts", "models")
    docs, known, diags = parse_specs(specs)
    assert len(known) == 172
    errors = [d for d in diags if d.severity is Severity.ERROR]
    failed = {d.loc.path for d in errors}
    assert len(docs) + len(failed) == 172
    for d in errors:
        assert d.loc.line >= 1 and d.loc.path in known, d.format()
    assert {d.format() for d in errors} == {
        "operations/getcodesamplepreviewasyncresponse.md:4:"
        " `## Supported Types` is not supported yet"
    }
