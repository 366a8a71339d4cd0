"""Checks on a doc's shape: Markdown that hides or misplaces what the generator reads.

A fence or HTML comment that never ends swallows the rest of the doc; `##Fields` (no
space) is a paragraph; `### Fields` is a subsection; a table under no heading is prose.
Each would turn a model into a free-form object without a word, so each is an error at
its own line.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.errors import Diagnostic, Location, error
from generator.read.rawdoc import (
    Block,
    CodeBlock,
    Heading,
    ListBlock,
    OtherBlock,
    Paragraph,
    Table,
    plain_text,
)
from generator.record import record

BODY_SECTIONS = ("fields", "values", "supported types")
KNOWN_SECTIONS = ("example usage", *BODY_SECTIONS)


@record
class Section:
    """A `##` heading (its title in lower case) and the blocks under it."""

    title: str
    line: int
    blocks: tuple[Block, ...]
    heading: str = ""
    """The heading as the doc writes it, e.g. `## See also`, for messages."""


BODY_TITLES = {"fields": "Fields", "values": "Values", "supported types": "Supported Types"}


def shape_errors(
    path: str, intro: tuple[Block, ...], sections: list[Section], has_body: bool
) -> list[Diagnostic]:
    """Every misplaced or swallowed piece of structure in one doc."""
    diags: list[Diagnostic] = []
    for section, block in _placed(intro, sections):
        where = Location(path, block.line)
        problem = _problem(section, block, has_body)
        if problem is not None:
            diags.append(error(where, *problem))
    return diags


def _placed(
    intro: tuple[Block, ...], sections: list[Section]
) -> Iterator[tuple[Section | None, Block]]:
    """Each block with the section it is in (None for the description), list items'
    blocks included."""
    todo: list[tuple[Section | None, Block]] = [(None, b) for b in intro]
    todo += [(s, b) for s in sections for b in s.blocks]
    for section, block in todo:
        yield section, block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from ((section, inner) for inner in item)


def _problem(section: Section | None, block: Block, has_body: bool) -> tuple[str, str] | None:
    """(message, hint) for a block that hides or misplaces structure, else None."""
    if isinstance(block, CodeBlock) and not block.closed:
        where = f"under `{section.heading}` " if section else ""
        return (
            f"the code block {where}is never closed",
            "end it with a fence line like the one that opens it",
        )
    if isinstance(block, OtherBlock) and block.kind == "html_block":
        return _html_problem(block.text)
    if isinstance(block, Heading) and block.level > 2:
        title = plain_text(block.inlines).strip()
        if title.lower() in BODY_TITLES:
            return (
                f"`{'#' * block.level} {title}` is a level-{block.level} heading",
                f"the section is read only as `## {BODY_TITLES[title.lower()]}`",
            )
    if isinstance(block, Paragraph):
        text = plain_text(block.inlines).strip()
        hashes = len(text) - len(text.lstrip("#"))
        rest = text[hashes:].split("\n", 1)[0].strip().lower()
        if 0 < hashes <= 6 and not text[hashes : hashes + 1].isspace() and rest in BODY_TITLES:
            first_line = text.split("\n", 1)[0]
            return (
                f"`{first_line}` is not a heading: Markdown needs a space after the `#`s",
                f"write `{'#' * hashes} {BODY_TITLES[rest]}`",
            )
    if isinstance(block, Table) and section is None and not has_body:
        return (
            "a table outside any `## Fields` section is not read",
            "put `## Fields` above the table of fields",
        )
    return None


def _html_problem(text: str) -> tuple[str, str] | None:
    stripped = text.lstrip()
    if stripped.startswith("<!--"):
        if "-->" in stripped:
            return None  # a closed comment may hide what it likes
        return (
            "this HTML comment is never closed: it hides the rest of the doc",
            "end it with `-->`",
        )
    for line in text.splitlines():
        words = line.strip()
        hashes = len(words) - len(words.lstrip("#"))
        if hashes == 2 and words[2:].strip().lower() in BODY_TITLES:
            return (
                f"this HTML block takes in the heading `{words}` below it",
                "leave a blank line between the HTML and the heading",
            )
    return None
