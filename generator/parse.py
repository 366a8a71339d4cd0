"""`RawDoc` → IR `Doc`: this is where Markdown structure is given meaning.

A doc is `# Name`, description paragraphs, then `##` sections: `Example Usage`, and one of
`Fields` (a model) or `Values` (an enum). Problems become located diagnostics; one bad row
does not hide the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import enums
from .errors import Diagnostic, DocError, Location, error, has_errors
from .ir import Doc, Enum, ExtraColumn, Field, Model
from .markdown import Block, Code, CodeBlock, Heading, Inline, RawDoc, Row, Table, Text, plain_text
from .prose import blocks_prose, inline_prose
from .types import CellContext, parse_type

REQUIRED_MARKS = {
    ":heavy_check_mark:": True,
    "✔️": True,
    "✔": True,
    ":heavy_minus_sign:": False,
    "➖": False,
}
"""What a Required cell may say."""

_FIELD_COLUMNS = ("field", "type", "required", "description", "example")


@dataclass(frozen=True, slots=True)
class Section:
    """A `##` heading and the blocks under it."""

    title: str
    line: int
    blocks: tuple[Block, ...]


def parse_doc(raw: RawDoc) -> tuple[Doc | None, list[Diagnostic]]:
    """The IR for one doc (None when it has errors) and every diagnostic found."""
    diags: list[Diagnostic] = []
    title_index = next(
        (i for i, b in enumerate(raw.blocks) if isinstance(b, Heading) and b.level == 1), None
    )
    if title_index is None:
        where = Location(raw.path, 1)
        return None, [error(where, "expected a `# Name` heading", "start the doc with `# Name`")]
    heading = raw.blocks[title_index]
    assert isinstance(heading, Heading)
    name = plain_text(heading.inlines).strip()
    loc = Location(raw.path, heading.line)
    if not name:
        return None, [error(loc, "the `#` heading is empty; expected the model's name")]
    intro, sections = _sections(raw.blocks[title_index + 1 :])
    description = blocks_prose(intro)
    example = _example_code(sections)
    kinds = [s for s in sections if s.title in ("fields", "values")]
    if len(kinds) > 1:
        diags.append(error(Location(raw.path, kinds[1].line), _both_message(kinds)))
        return None, diags
    unknown = [s for s in sections if s.title not in ("example usage", "fields", "values")]
    if not kinds and unknown:
        where = Location(raw.path, unknown[0].line)
        return None, [error(where, f"`## {unknown[0].title.title()}` is not supported yet")]
    doc: Doc
    if kinds and kinds[0].title == "values":
        try:
            values, open_ = enums.parse_values(raw.path, kinds[0])
        except DocError as exc:
            return None, [*diags, exc.diagnostic]
        diags.extend(enums.check_values(values, Location(raw.path, kinds[0].line)))
        doc = Enum(raw.path, name, description, tuple(values), open_, example, loc)
    else:
        fields = _fields(raw, kinds[0], diags) if kinds else ()
        doc = Model(raw.path, name, description, fields, example, loc)
    return (None if has_errors(diags) else doc), diags


def _both_message(kinds: list[Section]) -> str:
    first, second = kinds[0], kinds[1]
    return (
        f"second `## {second.title.title()}` section; "
        f"the doc already has `## {first.title.title()}` at line {first.line}"
    )


def _sections(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Section]]:
    """The blocks before the first `##` heading, and the `##` sections."""
    intro: list[Block] = []
    found: list[tuple[str, int, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2:
            found.append((plain_text(block.inlines).strip().lower(), block.line, []))
        elif found:
            found[-1][2].append(block)
        else:
            intro.append(block)
    return tuple(intro), [Section(title, line, tuple(body)) for title, line, body in found]


def _example_code(sections: list[Section]) -> str | None:
    for section in sections:
        if section.title == "example usage":
            for block in section.blocks:
                if isinstance(block, CodeBlock):
                    return block.text
    return None


def _fields(raw: RawDoc, section: Section, diags: list[Diagnostic]) -> tuple[Field, ...]:
    table = next((b for b in section.blocks if isinstance(b, Table)), None)
    if table is None:
        diags.append(
            error(
                Location(raw.path, section.line),
                "`## Fields` has no table",
                "expected | Field | Type | Required | Description |",
            )
        )
        return ()
    columns = _columns(raw.path, table, diags)
    if columns is None:
        return ()
    fields: list[Field] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        try:
            item = _field(raw.path, row, columns, table.header)
        except DocError as exc:
            diags.append(exc.diagnostic)
            continue
        if item.name in seen:
            diags.append(
                error(
                    item.loc,
                    f"field `{item.name}` is listed twice (first at line {seen[item.name]})",
                )
            )
            continue
        seen[item.name] = item.loc.line
        fields.append(item)
    return tuple(fields)


def _columns(path: str, table: Table, diags: list[Diagnostic]) -> dict[str, int] | None:
    """Header name (lower-case) → column index; None (with a diagnostic) if unusable."""
    columns: dict[str, int] = {}
    loc = Location(path, table.line)
    for index, cell in enumerate(table.header.cells):
        name = plain_text(cell.inlines).strip().lower()
        if name in columns:
            diags.append(error(loc, f"the Fields table has two `{name}` columns"))
            return None
        columns[name] = index
    missing = [c for c in ("field", "type", "required") if c not in columns]
    if missing:
        diags.append(
            error(
                loc,
                f"the Fields table has no {', '.join(m.title() for m in missing)} column",
                "expected | Field | Type | Required | Description |",
            )
        )
        return None
    return columns


def _field(path: str, row: Row, columns: dict[str, int], header: Row) -> Field:
    loc = Location(path, row.line)
    width = len(header.cells)
    if row.source_cells != width:
        raise DocError(
            loc,
            f"this row has {row.source_cells} cells; the table header has {width}",
            "every row needs one cell per column; write \\| for a | inside a cell",
        )
    cells = row.cells
    titles = [plain_text(c.inlines).strip() for c in header.cells]
    name, deprecated = _field_name(cells[columns["field"]].inlines, loc)
    type_ = parse_type(cells[columns["type"]].inlines, CellContext(path, loc))
    required = _required(cells[columns["required"]].inlines, loc)
    description = (
        inline_prose(cells[columns["description"]].inlines) if "description" in columns else ""
    )
    example = None
    if "example" in columns:
        example = plain_text(cells[columns["example"]].inlines).strip() or None
    extras = tuple(
        ExtraColumn(titles[index], plain_text(cells[index].inlines).strip())
        for title, index in columns.items()
        if title not in _FIELD_COLUMNS
    )
    return Field(name, name, type_, required, deprecated, description, example, extras, loc)


def _field_name(inlines: tuple[Inline, ...], loc: Location) -> tuple[str, bool]:
    """The Field cell: one code span, nothing else but spaces; struck through (two
    tildes on each side of the span) when the field is deprecated."""
    spans = [i for i in inlines if isinstance(i, Code)]
    rest = "".join(i.text for i in inlines if isinstance(i, Text)).replace(" ", "")
    others = [i for i in inlines if not isinstance(i, Code | Text)]
    struck = rest == "~~~~" and len(inlines) == 3 and isinstance(inlines[1], Code)
    if len(spans) != 1 or others or (rest and not struck):
        shown = plain_text(inlines).strip() or "an empty cell"
        raise DocError(loc, f"expected the field name as a code span like `name`, found {shown!r}")
    name = spans[0].text
    if not name.strip():
        raise DocError(loc, "the field name is empty")
    return name, struck


def _required(inlines: tuple[Inline, ...], loc: Location) -> bool:
    text = plain_text(inlines).strip()
    if text in REQUIRED_MARKS:
        return REQUIRED_MARKS[text]
    raise DocError(
        loc,
        f"expected :heavy_check_mark: or :heavy_minus_sign: in the Required column, found {text!r}",
    )
