"""What a doc is once read: typed blocks and inlines with their line numbers (`RawDoc`),
and the plain text of them. No markdown-it type appears here, and no meaning: a table is a
table; the parser decides that it lists fields."""

from __future__ import annotations

from typing import TypeAlias

from generator.record import record

# ---- inlines ---------------------------------------------------------------------------


@record
class Text:
    """Plain text (escapes already undone: `\\|` arrives as `|`)."""

    text: str


@record
class Code:
    """A code span: `` `text` ``."""

    text: str


@record
class Emph:
    """`*x*` or `_x_`; `marker` is the character used."""

    children: tuple[Inline, ...]
    marker: str


@record
class Strong:
    """`**x**` or `__x__`."""

    children: tuple[Inline, ...]
    marker: str


@record
class Link:
    """`[children](href)`."""

    href: str
    children: tuple[Inline, ...]


@record
class Html:
    """Inline HTML such as `<br/>` or a TypeScript generic that looks like a tag."""

    text: str


@record
class Image:
    """An image: `![alt](src)`; its text is the alt text."""

    text: str
    src: str


@record
class Break:
    """A line break: `hard` for `<br/>` and two-space breaks, soft for a plain newline."""

    hard: bool


Inline: TypeAlias = Text | Code | Emph | Strong | Link | Html | Image | Break


# ---- blocks ----------------------------------------------------------------------------


@record
class Heading:
    level: int
    inlines: tuple[Inline, ...]
    line: int
    source: str = ""
    """The heading's text as written (after the `#`s), markup included."""


@record
class Paragraph:
    inlines: tuple[Inline, ...]
    line: int


@record
class CodeBlock:
    """A fenced or indented code block; `closed` is False when a fence never ends."""

    info: str
    text: str
    line: int
    closed: bool
    text_line: int
    """The line the code itself starts on (after the opening fence, if any)."""


@record
class Cell:
    inlines: tuple[Inline, ...]
    source: str


@record
class Row:
    """A table row; `source_cells` counts the cells written in the source line, which
    markdown-it pads or truncates to the header's width."""

    cells: tuple[Cell, ...]
    line: int
    source_cells: int


@record
class Table:
    header: Row
    rows: tuple[Row, ...]
    line: int


@record
class ListBlock:
    """A bulleted or numbered list; each item is a tuple of blocks."""

    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    line: int


@record
class OtherBlock:
    """Anything else (quote, rule, HTML block), kept with its source text."""

    kind: str
    text: str
    line: int


Block: TypeAlias = Heading | Paragraph | CodeBlock | Table | ListBlock | OtherBlock


@record
class RawDoc:
    """One Markdown file as a flat sequence of top-level blocks."""

    path: str
    blocks: tuple[Block, ...]
    line_count: int


# ---- text of records -------------------------------------------------------------------


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The inlines' text with all markup dropped (for headings and names)."""
    parts: list[str] = []
    for item in inlines:
        if isinstance(item, Text | Code | Html | Image):
            parts.append(item.text)
        elif isinstance(item, Emph | Strong | Link):
            parts.append(plain_text(item.children))
        else:
            parts.append("\n" if item.hard else " ")
    return "".join(parts)


def cell_text(cell: Cell) -> str:
    """A cell's text as written, its `<br/>` tags read as line breaks: for values that
    Markdown would alter (`"^a*b*$"`, `__meta__`), such as an Example cell's JSON."""
    source = cell.source
    parts: list[str] = []
    last = 0
    start = source.find("<")
    while start >= 0:
        end = source.find(">", start)
        if end < 0:
            break
        if is_br_tag(source[start : end + 1]):
            parts += [source[last:start], "\n"]
            last = end + 1
        start = source.find("<", start + 1)
    return "".join(parts) + source[last:]


def is_br_tag(html: str) -> bool:
    """`<br>`, `<br/>`, `<br />` in any case."""
    inner = html.strip()
    if not (inner.startswith("<") and inner.endswith(">")):
        return False
    return inner[1:-1].strip().rstrip("/").strip().lower() == "br"
