"""What MDX pages (Speakeasy's Mintlify output) add to Markdown: front matter, whose
`title:` names a doc that has no `# Name`, and the escapes `\\{ \\} \\< \\>`, which read
as the plain character also in code blocks and table cells."""

from __future__ import annotations

import dataclasses

from generator.read.rawdoc import (
    Block,
    Cell,
    Code,
    CodeBlock,
    Emph,
    Heading,
    Inline,
    Link,
    ListBlock,
    Row,
    Strong,
    Table,
    Text,
)


def front_matter_title(lines: list[str]) -> Heading | None:
    """The `title:` of a leading front-matter block, as the heading it stands for."""
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    for number, line in enumerate(lines[1:end], start=2):
        key, colon, value = line.partition(":")
        if colon and key == "title":
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            return Heading(1, (Text(value),), number, value) if value else None
    return None


_MDX_ESCAPES = {"\\{": "{", "\\}": "}", "\\<": "<", "\\>": ">"}


def _mdx_text(text: str) -> str:
    if "\\" not in text:
        return text
    for escaped, plain in _MDX_ESCAPES.items():
        text = text.replace(escaped, plain)
    return text


def mdx_unescaped(block: Block) -> Block:
    """A block of an `.mdx` doc with MDX escapes undone in code blocks, table cells and
    headings (a union member heading is a type, as a Type cell is)."""
    if isinstance(block, Heading):
        inlines = tuple(_mdx_inline(item) for item in block.inlines)
        return dataclasses.replace(block, inlines=inlines, source=_mdx_text(block.source))
    if isinstance(block, CodeBlock):
        return dataclasses.replace(block, text=_mdx_text(block.text))
    if isinstance(block, Table):
        return Table(_mdx_row(block.header), tuple(_mdx_row(row) for row in block.rows), block.line)
    if isinstance(block, ListBlock):
        items = tuple(tuple(mdx_unescaped(b) for b in item) for item in block.items)
        return dataclasses.replace(block, items=items)
    return block


def _mdx_row(row: Row) -> Row:
    cells = tuple(
        Cell(tuple(_mdx_inline(item) for item in cell.inlines), _mdx_text(cell.source))
        for cell in row.cells
    )
    return dataclasses.replace(row, cells=cells)


def _mdx_inline(item: Inline) -> Inline:
    """Code spans keep backslashes in Markdown; MDX escapes in them are undone here."""
    if isinstance(item, Code):
        return Code(_mdx_text(item.text))
    if isinstance(item, Emph | Strong | Link):
        children = tuple(_mdx_inline(child) for child in item.children)
        return dataclasses.replace(item, children=children)
    return item


def without_front_matter(lines: list[str]) -> list[str]:
    """Lines with a leading front-matter block (`---`, YAML, `---` or `...`, as static
    site generators write it) blanked out, so its `# comments` are not read as headings
    and line numbers stay as they are."""
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return [""] * (end + 1) + lines[end + 1 :]
    return lines
