"""`RawDoc` → IR `Doc`: this is where Markdown structure is given meaning.

A doc is `# Name`, description paragraphs, then `##` sections: `Example Usage`, and one of
`Fields` (a model, see fields.py), `Values` (an enum, enums.py) or `Supported Types` (a union,
unions.py). A doc with none of them, or whose Fields table lists no field (at most
`additionalProperties` of `any`), is a `FreeForm` object. Problems become located
diagnostics; one bad row does not hide the others.
"""

from __future__ import annotations

import dataclasses
from typing import TypedDict

from generator.errors import (
    Diagnostic,
    DocError,
    Location,
    error,
    has_errors_whatever_allowed,
    warning,
)
from generator.ir import (
    Enum,
    Example,
    FreeForm,
    Model,
    ParsedDoc,
    ParsedType,
    ParseResult,
    Primitive,
    Union,
    Unknown,
)
from generator.parse import enums
from generator.parse.examples import example_value
from generator.parse.fields import parse_fields, split_extra
from generator.parse.prose import blocks_prose
from generator.parse.sections import BODY_SECTIONS, KNOWN_SECTIONS, Section, shape_errors
from generator.parse.unions import parse_members
from generator.read.rawdoc import Block, CodeBlock, Heading, RawDoc, plain_text
from generator.record import record


class HeadFields(TypedDict):
    """The `DocHead` part of a doc's constructor arguments."""

    id: str
    name: str
    description: str
    example_code: str | None
    example: Example
    loc: Location
    deprecated: bool


@record
class Head:
    """What every doc has: its name, description and example."""

    name: str
    description: str
    example: str | None
    loc: Location
    deprecated: bool

    def fields(self, path: str) -> HeadFields:
        """The `DocHead` fields of the doc at `path`."""
        return {
            "id": path,
            "name": self.name,
            "description": self.description,
            "example_code": self.example,
            "example": example_value(self.example),
            "loc": self.loc,
            "deprecated": self.deprecated,
        }


def read_doc(raw: RawDoc) -> ParseResult:
    """What one doc gives: its IR, diagnostics, and its `# Name` even when it failed."""
    doc, diags = parse_doc(raw)
    return ParseResult(doc, tuple(diags), doc.name if doc is not None else doc_title(raw))


def doc_title(raw: RawDoc) -> str:
    """The doc's `# Name` as written (struck through or not), or "" when it has none."""
    for block in raw.blocks:
        if isinstance(block, Heading) and block.level == 1:
            return _strip_strikethrough(plain_text(block.inlines).strip())[0]
    return ""


def parse_doc(raw: RawDoc) -> tuple[ParsedDoc | None, list[Diagnostic]]:
    """The IR for one doc (None when it has errors) and every diagnostic found.

    Types and sections the generator does not know are errors that --allow-unknown would
    allow (`Diagnostic.if_allowed`): the doc is kept, with `Unknown` for such a type or as
    a free-form object, and resolve/policies.py decides what the run reports.
    """
    title_index = next(
        (i for i, b in enumerate(raw.blocks) if isinstance(b, Heading) and b.level == 1), None
    )
    if title_index is None:
        where = Location(raw.path, 1)
        return None, [error(where, "expected a `# Name` heading", "start the doc with `# Name`")]
    heading = raw.blocks[title_index]
    assert isinstance(heading, Heading)
    name, deprecated = _strip_strikethrough(plain_text(heading.inlines).strip())
    loc = Location(raw.path, heading.line)
    if not name:
        return None, [error(loc, "the `#` heading is empty; expected the model's name")]
    intro, sections = _sections(raw.blocks[title_index + 1 :])
    prose, leading = _description_blocks(intro, sections)
    head = Head(name, blocks_prose(prose), _example_code(sections), loc, deprecated)
    diags = _unknown_sections(raw.path, [s for s in sections if s not in leading])
    bodies = [s for s in sections if s.title in BODY_SECTIONS]
    diags += shape_errors(raw.path, intro, sections, bool(bodies))
    if len(bodies) > 1:
        diags.append(error(Location(raw.path, bodies[1].line), _both_message(bodies)))
    if has_errors_whatever_allowed(diags):
        return None, diags
    doc = _body(raw.path, head, bodies[0] if bodies else None, diags)
    return (None if doc is None or has_errors_whatever_allowed(diags) else doc), diags


def _body(path: str, head: Head, body: Section | None, diags: list[Diagnostic]) -> ParsedDoc | None:
    if body is None:
        return FreeForm(**head.fields(path))
    if body.title == "values":
        try:
            values, open_ = enums.parse_values(path, body)
        except DocError as exc:
            diags.append(exc.diagnostic)
            return None
        diags.extend(enums.check_values(values, Location(path, body.line)))
        open_ = open_ or enums.example_marks_open(head.example)
        numeric = bool(values) and all(isinstance(v.value, int) for v in values)
        return Enum(**head.fields(path), values=tuple(values), open=open_, numeric=numeric)
    if body.title == "supported types":
        members = parse_members(path, body, diags)
        return Union(**head.fields(path), members=members)
    fields, extra = split_extra(parse_fields(path, body, diags))
    if not fields and (extra is None or extra.type == Primitive("any") or _unknown(extra.type)):
        return FreeForm(**head.fields(path), lists_extra=extra is not None)
    return Model(**head.fields(path), fields=fields, extra=extra)


def _unknown(t: ParsedType) -> bool:
    """A type the grammar does not know: `any` if the run allows it (else the doc fails)."""
    return isinstance(t, Unknown)


def _description_blocks(
    intro: tuple[Block, ...], sections: list[Section]
) -> tuple[tuple[Block, ...], list[Section]]:
    """The blocks that describe the doc: those under the title, and those of sections the
    generator does not know placed before the body (`## Overview`, `## Description`
    above `## Fields`), which are prose about the model too; and those sections. A second
    `#` heading is no such section: it stays unread, with a warning."""
    body = next((i for i, s in enumerate(sections) if s.title in BODY_SECTIONS), 0)
    leading = [
        s for s in sections[:body] if s.title not in KNOWN_SECTIONS and s.heading[:3] == "## "
    ]
    return intro + tuple(b for s in leading for b in s.blocks), leading


def _unknown_sections(path: str, sections: list[Section]) -> list[Diagnostic]:
    """A doc made only of sections the generator does not read is an error (a warning
    with --allow-unknown); unknown sections beside known ones are warnings."""
    unknown = [s for s in sections if s.title not in KNOWN_SECTIONS]
    only_unknown = not any(s.title in BODY_SECTIONS for s in sections)
    diags: list[Diagnostic] = []
    for s in unknown:
        where = Location(path, s.line)
        unread = warning(where, f"section `{s.heading}` is not read", code="unread-section")
        if only_unknown:
            unknown_error = error(
                where,
                f"unknown section `{s.heading}`",
                "expected `## Fields`, `## Values` or `## Supported Types`",
                code="unknown-section",
            )
            diags.append(dataclasses.replace(unknown_error, if_allowed=unread))
        else:
            diags.append(unread)
    return diags


def _both_message(bodies: list[Section]) -> str:
    first, second = bodies[0], bodies[1]
    return (
        f"second body section `{second.heading}`; "
        f"the doc already has `{first.heading}` at line {first.line}"
    )


def _sections(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Section]]:
    """The blocks before the first `##` heading, and the `##` sections."""
    intro: list[Block] = []
    found: list[tuple[str, int, list[Block], str]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2:
            text = plain_text(block.inlines).strip()
            found.append((text.lower(), block.line, [], "#" * block.level + " " + text))
        elif found:
            found[-1][2].append(block)
        else:
            intro.append(block)
    return tuple(intro), [
        Section(title, line, tuple(body), heading) for title, line, body, heading in found
    ]


def _strip_strikethrough(title: str) -> tuple[str, bool]:
    """`~~Name~~` (a deprecated doc) → (`Name`, True)."""
    if len(title) > 4 and title.startswith("~~") and title.endswith("~~"):
        return title[2:-2].strip(), True
    return title, False


def _example_code(sections: list[Section]) -> str | None:
    for section in sections:
        if section.title == "example usage":
            for block in section.blocks:
                if isinstance(block, CodeBlock):
                    return block.text
    return None
