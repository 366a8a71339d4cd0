"""The Markdown stage: markdown-it-py tokens → typed blocks, with the row splitter that
replaces markdown-it's own in our parser (for speed) proven to split exactly as it does."""

from __future__ import annotations

import dataclasses
import importlib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.read.markdown import _blocks, count_source_cells, read_markdown
from generator.read.rawdoc import Break, Code, Link, Paragraph, RawDoc, Table, Text
from generator.read.tokens import TOKEN_FIELDS, block_parser, parser, simple_inline, split_row

rows = st.text(alphabet=st.sampled_from(list("|\\ a`*-")), max_size=40)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(rows)
def test_split_row_splits_as_markdown_it_does(row: str) -> None:
    table_rule = importlib.import_module("markdown_it.rules_block.table")
    assert split_row(row) == table_rule.escapedSplit(row)


def test_our_parser_splits_rows_with_split_row_and_markdown_it_is_untouched() -> None:
    table_rule = importlib.import_module("markdown_it.rules_block.table")
    (ours,) = [rule for rule in parser().block.ruler.getRules("") if rule.__name__ == "table"]
    assert ours.__globals__["escapedSplit"] is split_row
    assert table_rule.escapedSplit is not split_row
    fresh = MarkdownIt("commonmark").enable("table")
    assert table_rule.table in fresh.block.ruler.getRules("")


def test_importing_the_markdown_stage_changes_nothing() -> None:
    """Importing generator.read.markdown builds no parser and patches nothing."""
    code = (
        "import importlib\n"
        "t = importlib.import_module('markdown_it.rules_block.table')\n"
        "split = t.escapedSplit\n"
        "import generator.read.markdown as m\n"
        "assert t.escapedSplit is split, 'markdown-it patched at import'\n"
        "assert m.parser.cache_info().currsize == 0, 'parser built at import'\n"
        "m.read_markdown('x.md', '| a |\\n| - |\\n| b |\\n')\n"
        "assert t.escapedSplit is split, 'markdown-it patched by parsing'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_padded_table_rows_and_escaped_pipes() -> None:
    wide = " " * 3000
    text = (
        f"| Field{wide}| Type{wide}|\n| {'-' * 3000} | {'-' * 3000} |\n"
        f"| `a`{wide}| [File](x) \\| [Blob](y){wide}|\n"
    )
    (table,) = read_markdown("x.md", text).blocks
    assert isinstance(table, Table)
    (row,) = table.rows
    assert row.source_cells == 2
    assert isinstance(row.cells[0].inlines[0], Code)
    assert row.cells[1].source == "[File](x) | [Blob](y)"


def test_counts_cells_as_written() -> None:
    assert count_source_cells("| a | b |") == 2
    assert count_source_cells("a | b") == 2
    assert count_source_cells("| a \\| b |") == 1
    assert count_source_cells("| a |  |") == 2


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(rows)
def test_counts_cells_as_split_row_splits(row: str) -> None:
    stripped = row.strip()
    cells = split_row(stripped)
    if len(cells) > 1 and stripped.startswith("|"):
        cells = cells[1:]
    if len(cells) > 1 and stripped.endswith("|") and not stripped.endswith("\\|"):
        cells = cells[:-1]
    assert count_source_cells(row) == len(cells)


def test_line_numbers_survive_crlf_and_br_becomes_a_break() -> None:
    doc = read_markdown("x.md", "# T\r\n\r\n| a | b |\r\n|---|---|\r\n| x<br/>y | z |\r\n")
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert table.rows[0].line == 5
    assert any(isinstance(i, Break) and i.hard for i in table.rows[0].cells[0].inlines)


cells = st.text(alphabet=st.sampled_from(list("ab `*_\\|:-<>[]()")), max_size=12)


@st.composite
def padded_docs(draw: st.DrawFn) -> str:
    """Docs whose lines look like padded table rows, in tables and out of them."""
    width = draw(st.integers(1, 4))

    def row(texts: list[str]) -> str:
        pad = " " * draw(st.integers(0, 60))
        indent = draw(st.sampled_from(["", "", " ", "    "]))
        return indent + "|" + "|".join(f" {t}{pad}" for t in texts) + "|"

    header = row([draw(cells) or "h" for _ in range(width)])
    separator = (
        "|"
        + "|".join(
            f" {draw(st.sampled_from(['---', ':---', '---:']))}" + "-" * 80 for _ in range(width)
        )
        + "|"
    )
    body = [row([draw(cells) for _ in range(width)]) for _ in range(draw(st.integers(0, 3)))]
    stray = row([draw(cells) for _ in range(width)])
    parts = draw(
        st.lists(st.sampled_from(["table", "stray", "fence", "para"]), min_size=1, max_size=4)
    )
    out = []
    for part in parts:
        if part == "table":
            out += [header, separator, *body, ""]
        elif part == "stray":
            out += [stray, ""]
        elif part == "fence":
            out += ["```", stray, separator, "```", ""]
        else:
            out += ["Some text.", stray, ""]
    return "\n".join(out)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(padded_docs())
def test_unpadding_rows_never_changes_what_is_read(text: str) -> None:
    """Rows handed to markdown-it without their padding give the same doc as the text
    as written (and lines that are not table rows are never unpadded)."""
    lines = text.split("\n")
    plain, _ = _blocks(parser().parse(text), 0, lines, stop=None)
    assert read_markdown("x.md", text) == RawDoc("x.md", tuple(plain), len(lines))


_PRISTINE = MarkdownIt("commonmark", {"html": True}).enable("table")
"""markdown-it as shipped: its own core `inline` rule, no shortcut."""

cell_texts = st.one_of(
    st.text(alphabet=st.sampled_from(list('`*_ ab:"-|\\[]!<&~\n\t\xa0\u3000.,')), max_size=12),
    st.builds(lambda s, q: f"{q}{s}{q}", st.text(max_size=8), st.sampled_from(["`", "*", "**"])),
    st.text(max_size=16),
)


def _shape(tokens: list[Token]) -> list[tuple[object, ...]]:
    return [
        (t.type, t.tag, t.nesting, t.level, t.content, t.markup, t.info, dict(t.attrs))
        for t in tokens
    ]


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(cell_texts)
def test_simple_inline_gives_what_markdown_it_gives(content: str) -> None:
    simple = simple_inline(content)
    if simple is None:
        return
    pristine: list[Token] = []
    _PRISTINE.inline.parse(content, _PRISTINE, {}, pristine)
    assert _shape(simple) == _shape(pristine)


def test_simple_inline_takes_the_common_cells() -> None:
    assert simple_inline("`clientId`") is not None
    assert simple_inline("*string*") is not None
    assert simple_inline("The client's identifier, as issued.") is not None
    assert simple_inline("[models.Foo](foo.md)") is None


_SNIPPETS = [
    *"`*_ ab|-\n#>[]()!<&;:=+@^{}$%~\\/\"'",
    "&amp;", "&lt;", "&#35;", "&bogus;", "<br/>", "<b>", "<http://x.io>", "[x](y.md)",
    "[x][y]", "![i](p.png)", "`code`", "*em*", "**st**", "~~s~~", "\\|", "| a | b |\n",
    "| - | - |\n", ":heavy_check_mark:", "http://x.io", "\n\n", "  \n", "***",
]  # fmt: skip


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_SNIPPETS), max_size=30).map("".join))
def test_whole_docs_tokenize_as_markdown_it_does(text: str) -> None:
    assert _shape_all(parser().parse(text)) == _shape_all(_PRISTINE.parse(text))


def _shape_all(tokens: list[Token]) -> list[tuple[object, ...]]:
    return [(*_shape([t])[0], tuple(_shape(t.children or []))) for t in tokens]


_PRISTINE_BLOCKS = MarkdownIt("commonmark", {"html": True}).enable("table")
_PRISTINE_BLOCKS.core.ruler.disable(["inline", "text_join"])
"""markdown-it as shipped, block rules only: what `block_parser()` must give."""


def test_block_tokens_are_built_with_every_field_of_markdown_its_token() -> None:
    assert tuple(f.name for f in dataclasses.fields(Token)) == TOKEN_FIELDS
    text = "# T\n\n> q\n\n1. a\n2. b\n\n| a | b |\n|:-|-:|\n| x |\n\n```ts\nx\n```\n<div>\n"
    assert block_parser().parse(text) == _PRISTINE_BLOCKS.parse(text)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_SNIPPETS), max_size=30).map("".join))
def test_block_parser_tokenizes_as_markdown_it_does(text: str) -> None:
    env: dict[str, object] = {}
    pristine_env: dict[str, object] = {}
    assert block_parser().parse(text, env) == _PRISTINE_BLOCKS.parse(text, pristine_env)
    assert env == pristine_env


def test_a_doc_with_link_references_reads_them_in_every_inline() -> None:
    """Inline content is parsed once per distinct text, except in a doc that defines link
    references, whose inlines may use them."""
    plain = read_markdown("a.md", "See [x][y].\n")
    assert plain.blocks == (Paragraph((Text("See [x][y]."),), 1),)
    linked = read_markdown("b.md", "See [x][y].\n\n[y]: https://x.io\n")
    assert linked.blocks[0] == Paragraph(
        (Text("See "), Link("https://x.io", (Text("x"),)), Text(".")), 1
    )
