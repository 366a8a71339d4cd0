"""Markdown inlines and blocks → the readable text the IR keeps as a description.

The text reads as a person would write it in a docstring: `<br/>` becomes a line break,
code spans keep their backticks, links show their text (and their address when it is a
web address), emphasis keeps its markers. `N/A` means "no description".
"""

from __future__ import annotations

from generator.read.rawdoc import (
    Block,
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
    Strong,
    Table,
    Text,
)

_PLACEHOLDERS = frozenset({"n/a", "na", "-"})


def inline_prose(inlines: tuple[Inline, ...]) -> str:
    """One cell or paragraph as text, hard breaks kept as newlines."""
    return _tidy("".join(_inline(item) for item in inlines))


def blocks_prose(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Several blocks as text, separated by blank lines."""
    parts = [_block(block) for block in blocks]
    return _tidy("\n\n".join(p for p in parts if p.strip()))


def _inline(item: Inline) -> str:
    if isinstance(item, Text | Html | Image):
        return item.text
    if isinstance(item, Code):
        fence = "``" if "`" in item.text else "`"
        pad = " " if item.text.startswith("`") or item.text.endswith("`") else ""
        return f"{fence}{pad}{item.text}{pad}{fence}"
    if isinstance(item, Emph):
        inner = "".join(_inline(c) for c in item.children)
        return f"{item.marker}{inner}{item.marker}"
    if isinstance(item, Strong):
        inner = "".join(_inline(c) for c in item.children)
        return f"{item.marker * 2}{inner}{item.marker * 2}"
    if isinstance(item, Link):
        inner = "".join(_inline(c) for c in item.children)
        if _is_web_address(item.href) and inner.strip() != item.href:
            return f"{inner} ({item.href})" if inner.strip() else item.href
        return inner
    return "\n" if item.hard else " "


def _is_web_address(href: str) -> bool:
    return href.lower().startswith(("http://", "https://", "mailto:"))


def _block(block: Block, indent: str = "") -> str:
    if isinstance(block, Paragraph):
        text = "".join(_inline(item) for item in block.inlines)
    elif isinstance(block, Heading):
        text = "".join(_inline(item) for item in block.inlines)
    elif isinstance(block, CodeBlock):
        text = f"```{block.info}\n{block.text.rstrip()}\n```"
    elif isinstance(block, ListBlock):
        text = _list(block)
    elif isinstance(block, Table):
        text = "\n".join(
            " | ".join(cell.source for cell in row.cells) for row in (block.header, *block.rows)
        )
    else:
        assert isinstance(block, OtherBlock)
        text = block.text
    return "\n".join(indent + line if line else line for line in text.split("\n"))


def _list(block: ListBlock) -> str:
    lines: list[str] = []
    for number, item in enumerate(block.items, start=1):
        bullet = f"{number}. " if block.ordered else "- "
        body = "\n".join(_block(b) for b in item)
        first, *rest = body.split("\n") or [""]
        lines.append(bullet + first)
        lines.extend((" " * len(bullet) + line) if line else line for line in rest)
    return "\n".join(lines)


def _tidy(text: str) -> str:
    """Trailing spaces off every line, at most one blank line in a row, placeholders out."""
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    result = "\n".join(out).strip()
    return "" if result.lower() in _PLACEHOLDERS else result
