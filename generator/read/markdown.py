"""Markdown text → `RawDoc`: markdown-it-py tokens turned into typed blocks and inlines.

This is the only module that looks at markdown-it's token types. It assigns no meaning:
a table is a table here; `parse.py` decides that it lists fields.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import MutableMapping
from typing import Any

from markdown_it.token import Token

from generator.read.mdx import front_matter_title, mdx_unescaped, without_front_matter
from generator.read.rawdoc import (
    Block,
    Break,
    Cell,
    Code,
    CodeBlock,
    Emph,
    Heading,
    Html,
    Image,
    Inline,
    Link,
    ListBlock,
    OtherBlock,
    Paragraph,
    RawDoc,
    Row,
    Strong,
    Table,
    Text,
    is_br_tag,
)
from generator.read.tokens import block_parser, parser, simple_inline, split_row


def normalize_newlines(text: str) -> str:
    """CRLF and CR become LF, as markdown-it does internally, so line numbers agree."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_markdown(path: str, text: str) -> RawDoc:
    """Tokenize `text` (the contents of the doc at `path`) into a RawDoc.

    Front matter is skipped; its `title:` stands for the `# Name` heading when the doc has
    none (as MDX pages for Mintlify are written). In an `.mdx` doc, the MDX escapes `\\{`,
    `\\}`, `\\<` and `\\>` read as the plain character in code blocks and table cells too
    (Markdown already reads them so in prose)."""
    text = normalize_newlines(text)
    lines = text.split("\n")
    title: Heading | None = None
    if lines[0].rstrip() == "---":
        title = front_matter_title(lines)
        lines = without_front_matter(lines)
        text = "\n".join(lines)
    env: dict[str, Any] = {}
    tokens = _tokens(text, lines, env)
    blocks, _ = _blocks(tokens, 0, lines, stop=None, env=env)
    if path.endswith(".mdx"):
        blocks = [mdx_unescaped(block) for block in blocks]
    if title is not None and not any(isinstance(b, Heading) and b.level == 1 for b in blocks):
        blocks.insert(0, title)
    return RawDoc(path, tuple(blocks), len(lines))


_PADDED = 120
"""Rows longer than this are worth unpadding before markdown-it reads them."""


def _tokens(text: str, lines: list[str], env: MutableMapping[str, Any]) -> list[Token]:
    """markdown-it's block tokens for `text` (its `inline` tokens without children: see
    `_inline_token`), and in `env` what the blocks define (link references). Generated
    docs pad every table cell to the widest one (rows of thousands of spaces and dashes),
    which markdown-it walks in Python. Such rows are handed over without the padding — the
    table rule strips it from every cell anyway — and the result is used only when every
    unpadded line did turn out to be a table row; otherwise the text is read as written."""
    long = itertools.compress(range(len(lines)), map(_PADDED.__lt__, map(len, lines)))
    shrunk = lines
    changed: list[int] = []
    for i in long:
        unpadded = _unpad(lines[i])
        if unpadded is not lines[i]:
            if not changed:
                shrunk = lines.copy()
            shrunk[i] = unpadded
            changed.append(i)
    if not changed:
        return block_parser().parse(text, env)
    tokens = block_parser().parse("\n".join(shrunk), env)
    rows: set[int] = set()
    for tok in tokens:
        if tok.type == "table_open" and tok.map:
            rows.update(range(*tok.map))
    if all(i in rows for i in changed):
        return tokens
    env.clear()
    return block_parser().parse(text, env)


def _unpad(line: str) -> str:
    """A table-like row (`| a   | b   |`) with each cell's padding removed, and separator
    cells (`| :------ |`) cut to three dashes; any other line as it is (the same object)."""
    body = line.strip()
    if len(body) < 2 or body[0] != "|" or body[-1] != "|" or "  " not in body:
        return line
    cells = [cell.strip() for cell in split_row(body)[1:-1]]
    if all(cell and set(cell) <= {"-", ":"} and "-" in cell for cell in cells):
        cells = [
            (":" if c[0] == ":" else "") + "---" + (":" if c[-1] == ":" else "") for c in cells
        ]
    lead = line[: len(line) - len(line.lstrip())]
    return lead + "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def read_inline(text: str) -> tuple[Inline, ...]:
    """The inlines of one line of Markdown text (a cell or a heading's text)."""
    return _parsed_inline(text)


def _inline_token(tok: Token, env: MutableMapping[str, Any] | None) -> tuple[Inline, ...]:
    """The inlines of an `inline` token, parsed by markdown-it from its content as its core
    `inline` rule would (with the doc's link references, if it defines any)."""
    if env and env.get("references"):
        tokens = parser().parseInline(tok.content, env)
        return _inlines(tokens[0].children) if tokens else ()
    return _parsed_inline(tok.content)


@functools.lru_cache(maxsize=1 << 16)
def _parsed_inline(content: str) -> tuple[Inline, ...]:
    """The inlines of `content` in a doc without link references: the same for every such
    doc, and SDK docs repeat most cells (`*string*`, `:heavy_minus_sign:`) thousands of
    times. The records are frozen, so sharing them is safe. The commonest shapes (plain
    text, one code span, one emphasis) skip the parser's setup, as its `inline` rule
    does (`simple_inline`)."""
    if "\r" not in content and "\0" not in content:  # what markdown-it's normalize changes
        simple = simple_inline(content)
        if simple is not None:
            return _inlines(simple)
    tokens = parser().parseInline(content)
    return _inlines(tokens[0].children) if tokens else ()


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _blocks(
    tokens: list[Token],
    i: int,
    lines: list[str],
    stop: str | None,
    env: MutableMapping[str, Any] | None = None,
) -> tuple[list[Block], int]:
    """Blocks from tokens[i:] up to the closing token `stop` (or the end)."""
    out: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == stop:
            return out, i + 1
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            inlines = _inline_token(inline, env)
            out.append(Heading(int(tok.tag[1:]), inlines, _line(tok), inline.content))
            i += 3
        elif tok.type == "paragraph_open":
            out.append(Paragraph(_inline_token(tokens[i + 1], env), _line(tok)))
            i += 3
        elif tok.type in ("fence", "code_block"):
            out.append(_code_block(tok, lines))
            i += 1
        elif tok.type == "table_open":
            table, i = _table(tokens, i, lines, env)
            out.append(table)
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i, lines, env)
            out.append(block)
        elif tok.nesting == 1:
            close = tok.type.replace("_open", "_close")
            _, i = _blocks(tokens, i + 1, lines, stop=close, env=env)
            out.append(OtherBlock(tok.type.replace("_open", ""), _source(tok, lines), _line(tok)))
        else:
            out.append(OtherBlock(tok.type, tok.content or _source(tok, lines), _line(tok)))
            i += 1
    return out, i


def _source(tok: Token, lines: list[str]) -> str:
    if not tok.map:
        return ""
    return "\n".join(lines[tok.map[0] : tok.map[1]])


def _code_block(tok: Token, lines: list[str]) -> CodeBlock:
    closed = True
    if tok.type == "fence" and tok.map:
        start, end = tok.map
        last = lines[end - 1].strip() if end - 1 < len(lines) else ""
        closed = end - start >= 2 and last.startswith(tok.markup)
    first = _line(tok) + (1 if tok.type == "fence" else 0)
    return CodeBlock(tok.info.strip(), tok.content, _line(tok), closed, first)


def _list(
    tokens: list[Token], i: int, lines: list[str], env: MutableMapping[str, Any] | None
) -> tuple[ListBlock, int]:
    opener = tokens[i]
    close = opener.type.replace("_open", "_close")
    items: list[tuple[Block, ...]] = []
    i += 1
    while tokens[i].type != close:
        # list_item_open: its blocks run to list_item_close
        blocks, i = _blocks(tokens, i + 1, lines, stop="list_item_close", env=env)
        items.append(tuple(blocks))
    return ListBlock(opener.type.startswith("ordered"), tuple(items), _line(opener)), i + 1


def _table(
    tokens: list[Token], i: int, lines: list[str], env: MutableMapping[str, Any] | None
) -> tuple[Table, int]:
    line = _line(tokens[i])
    rows: list[Row] = []
    row_line = 0
    cells: list[Cell] = []
    shared = not (env and env.get("references"))
    i += 1
    while True:
        tok = tokens[i]
        kind = tok.type
        if kind == "inline":
            content = tok.content
            cells.append(_cell(content) if shared else Cell(_inline_token(tok, env), content))
        elif kind == "tr_open":
            row_line, cells = _line(tok), []
        elif kind == "tr_close":
            source = lines[row_line - 1] if 0 < row_line <= len(lines) else ""
            rows.append(Row(tuple(cells), row_line, count_source_cells(source)))
        elif kind == "table_close":
            break
        i += 1
    return Table(rows[0], tuple(rows[1:]), line), i + 1


@functools.lru_cache(maxsize=1 << 16)
def _cell(content: str) -> Cell:
    """A table cell of a doc without link references (shared, as `_parsed_inline`)."""
    return Cell(_parsed_inline(content), content)


def count_source_cells(row: str) -> int:
    """How many cells a table row's source line holds, split as markdown-it splits rows
    (at each `|` that does not follow a backslash); an outer leading or trailing pipe
    does not open a cell."""
    row = row.strip()
    count = row.count("|") - row.count("\\|") + 1
    if count > 1 and row.startswith("|"):
        count -= 1
    if count > 1 and row.endswith("|") and not row.endswith("\\|"):
        count -= 1
    return count


def _inlines(tokens: list[Token] | None) -> tuple[Inline, ...]:
    """An `inline` token's children as a tree of typed inlines."""
    stack: list[tuple[str, list[Inline], str]] = [("", [], "")]
    for child in tokens or []:
        kind = child.type
        if kind.endswith("_open"):
            stack.append((kind, [], _open_attr(child)))
            continue
        if kind.endswith("_close") and len(stack) > 1:
            opened, children, attr = stack.pop()
            stack[-1][1].append(_closed(opened, tuple(children), attr))
            continue
        stack[-1][1].append(_leaf(child))
    while len(stack) > 1:  # an unclosed opener cannot happen in markdown-it; be safe
        _, children, _ = stack.pop()
        stack[-1][1].extend(children)
    return tuple(_merge_text(stack[0][1]))


def _open_attr(tok: Token) -> str:
    if tok.type == "link_open":
        return str(tok.attrs.get("href", ""))
    return tok.markup


def _closed(opened: str, children: tuple[Inline, ...], attr: str) -> Inline:
    if opened == "em_open":
        return Emph(children, attr[:1] or "*")
    if opened == "strong_open":
        return Strong(children, attr[:1] or "*")
    if opened == "link_open":
        return Link(attr, children)
    return Emph(children, "")  # unreachable with the commonmark+table preset


def _leaf(tok: Token) -> Inline:
    if tok.type == "code_inline":
        return Code(tok.content)
    if tok.type == "softbreak":
        return Break(hard=False)
    if tok.type == "hardbreak":
        return Break(hard=True)
    if tok.type == "html_inline":
        if is_br_tag(tok.content):
            return Break(hard=True)
        return Html(tok.content)
    if tok.type == "image":
        return Image(tok.content, str(tok.attrs.get("src", "")))
    return Text(tok.content)


def _merge_text(items: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + item.text)
        else:
            merged.append(item)
    return merged
