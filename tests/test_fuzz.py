"""Fuzzing the parser and the Type-cell grammar: random Markdown and random mutations of
real docs always give an IR or located diagnostics, never another exception; whatever
parses renders to modules that compile and hold only template code.

`make fuzz` runs these with many more examples (HYPOTHESIS_PROFILE=long).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ast_guard import problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import Config
from generator.emit.context import make_context
from generator.emit.render import render_doc
from generator.errors import DocError, Location, has_errors
from generator.parse import examples
from generator.parse.document import parse_doc
from generator.parse.examples import example_value
from generator.parse.type_tokens import CellContext
from generator.parse.types import parse_type
from generator.read.markdown import read_markdown
from generator.resolve import policies
from generator.resolve.links import DocSet
from generator.resolve.schema import resolve

from conftest import ROOT

SEEDS = sorted(
    [*(ROOT / "specs").rglob("*.md"), *(ROOT / "tests" / "cases").rglob("specs/**/*.md")]
)
SEED_TEXTS = [p.read_text(encoding="utf-8", errors="replace") for p in SEEDS]
MARKDOWN_BITS = [
    "# T\n", "## Fields\n", "## Values\n", "## Supported Types\n", "### `string`\n",
    "| Field | Type | Required | Description |\n", "| --- | --- | --- | --- |\n",
    "| `a` | *string* | :heavy_check_mark: | d |\n", "```\n", "```typescript\n", "`", "*", "_",
    "[x](../models/x.md)", "\\|", "|", "<br/>", "~~", "\n", " ", "Record<string, ", ">", "[]",
    '"', "'", "\\", "\x00", "\u2028", "\ufeff", "\r\n", "- ", "1. ", "> ", "    ", "&amp;",
    "<", "{", "}", "(", ")", ":", "N/A", "Unrecognized<string>", "let value: T = {", "};",
]  # fmt: skip


@st.composite
def mutated_docs(draw: st.DrawFn) -> str:
    """A real doc (written for this project) with a few random edits."""
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "replace"]))
        if kind == "insert":
            text = (
                text[:at] + draw(st.sampled_from(MARKDOWN_BITS) | st.text(max_size=5)) + text[at:]
            )
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "duplicate":
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            text = text[:line_start] + line + "\n" + text[line_start:]
        else:
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
    return text


random_markdown = st.lists(st.sampled_from(MARKDOWN_BITS) | st.text(max_size=8), max_size=40).map(
    "".join
)


def _parses_cleanly(text: str) -> None:
    raw = read_markdown("models/doc.md", text)
    doc, diags = parse_doc(raw)
    for d in diags:
        assert 0 <= d.loc.line <= raw.line_count + 1, d.format()
        assert d.loc.path == "models/doc.md"
    if doc is None:
        return
    checked, _ = policies.apply([doc], Config())
    schema, diags = resolve(checked, DocSet({doc.id: doc.name}, frozenset({doc.id}), frozenset()))
    if has_errors(diags):
        return
    ctx = make_context(schema.by_id(), "specs", Config())
    for pydoc in schema.docs:
        source = render_doc(pydoc, ctx).text
        compile(source, "generated.py", "exec")
        assert problems(source) == []


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_docs())
def test_mutated_real_docs(text: str) -> None:
    _parses_cleanly(text)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_markdown)
def test_random_markdown(text: str) -> None:
    _parses_cleanly(text)


@settings(deadline=None)
@given(
    st.lists(st.sampled_from(MARKDOWN_BITS[14:]) | st.text(max_size=6), max_size=25).map("".join)
)
def test_type_cells(cell: str) -> None:
    text = f"| a |\n|---|\n| {cell} |\n"
    raw = read_markdown("models/x.md", text)
    table = raw.blocks[0] if raw.blocks else None
    rows = getattr(table, "rows", ())
    if not rows:
        return
    try:
        parse_type(rows[0].cells[0].inlines, CellContext("models/x.md", Location("models/x.md", 3)))
    except DocError as exc:
        assert exc.diagnostic.loc.line == 3


@settings(deadline=None)
@given(st.text(max_size=200))
def test_example_values(code: str) -> None:
    example_value("let value: X = " + code)
    example_value(code)


def test_there_are_seeds() -> None:
    assert len(SEEDS) > 40
    assert all(isinstance(p, Path) for p in SEEDS)


_CODE_PIECES = [
    *" \t\n\r\x0b\x0c\x1c\"'`\\/*.0123456789eE+-_$abnux{}[](),:;=",
    "//", "/*", "*/", "${", "0x", "1e+5", "\\u{41}", '"ab"', "`a$b`", "é", "²", "\u2028",
]  # fmt: skip


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_CODE_PIECES), max_size=24).map("".join))
def test_the_ascii_lexer_reads_code_as_the_character_loop_does(code: str) -> None:
    """`_lex` matches ASCII code with a regex; `_lex_any` walks any code by character."""

    def lexed(lex: Callable[[str], object]) -> object:
        try:
            return lex(code)
        except examples._Unreadable:
            return "unreadable"

    assert lexed(examples._lex) == lexed(examples._lex_any)
