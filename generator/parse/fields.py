"""A `## Fields` table → the IR fields of a model.

Columns are found by header name, in any order; `Field`, `Type` and `Required` must be
there, `Description` and `Example` have a meaning, any other column is kept as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.errors import Diagnostic, DocError, Location, error
from generator.ir import (
    EXTRA_KEYS_FIELD,
    ExtraColumn,
    ExtraKeys,
    Field,
    MapOf,
    ParsedLeaf,
    Primitive,
)
from generator.parse.examples import cell_value
from generator.parse.prose import inline_prose
from generator.parse.type_tokens import CellContext
from generator.parse.types import parse_type
from generator.read.rawdoc import Code, Inline, Row, Table, Text, cell_text, plain_text
from generator.record import record

if TYPE_CHECKING:
    from generator.parse.sections import Section

REQUIRED_MARKS = {
    ":heavy_check_mark:": True,
    "✔️": True,
    "✔": True,
    ":heavy_minus_sign:": False,
    "➖": False,
}
"""What a Required cell may say."""

MAX_FIELDS = 2000
"""The most fields one model may have (a real API model has tens, rarely hundreds)."""

_FIELD_COLUMNS = ("field", "type", "required", "description", "example")
_TEXTUAL = ("string", "datetime", "date")
"""Field types whose Example cells are text as written (`2024-01-01`, `123`)."""


def parse_fields(
    path: str, section: Section, diags: list[Diagnostic]
) -> tuple[Field[ParsedLeaf], ...]:
    """The fields a `## Fields` section lists; problems go to `diags`, row by row."""
    tables = [b for b in section.blocks if isinstance(b, Table)]
    table = tables[0] if tables else None
    for extra in tables[1:]:
        diags.append(
            error(
                Location(path, extra.line),
                f"a second table under `## Fields` (the first is at line {tables[0].line})",
                "list every field in one table",
            )
        )
    if table is None:
        diags.append(
            error(
                Location(path, section.line),
                "`## Fields` has no table",
                "expected | Field | Type | Required | Description |",
            )
        )
        return ()
    if len(table.rows) > MAX_FIELDS:
        diags.append(
            error(
                Location(path, table.line),
                f"the Fields table has {len(table.rows)} rows; "
                f"docs2models reads up to {MAX_FIELDS}",
            )
        )
        return ()
    layout = _layout(path, table, diags)
    if layout is None:
        return ()
    fields: list[Field[ParsedLeaf]] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        try:
            item = _field(layout, row, diags)
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


def split_extra(
    fields: tuple[Field[ParsedLeaf], ...],
) -> tuple[tuple[Field[ParsedLeaf], ...], ExtraKeys[ParsedLeaf] | None]:
    """The fields without an `additionalProperties` row typed `Record<string, T>`, and
    what that row says: the model takes other keys, each with a value of type T. It is
    not a JSON key (Speakeasy's SDKs spread it into the object)."""
    for index, f in enumerate(fields):
        if f.name == EXTRA_KEYS_FIELD and isinstance(f.type, MapOf):
            rest = fields[:index] + fields[index + 1 :]
            return rest, ExtraKeys(f.type.value, f.description, f.loc)
    return fields, None


@record
class _Layout:
    """What every row of one table shares: its doc, columns and header titles."""

    path: str
    columns: dict[str, int]
    titles: tuple[str, ...]


def _layout(path: str, table: Table, diags: list[Diagnostic]) -> _Layout | None:
    """Columns by header name (lower-case); None (with a diagnostic) if unusable."""
    columns: dict[str, int] = {}
    loc = Location(path, table.line)
    titles = tuple(plain_text(cell.inlines).strip() for cell in table.header.cells)
    for index, title in enumerate(titles):
        name = title.lower()
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
    return _Layout(path, columns, titles)


def _field(layout: _Layout, row: Row, diags: list[Diagnostic]) -> Field[ParsedLeaf]:
    loc = Location(layout.path, row.line)
    width, columns = len(layout.titles), layout.columns
    if row.source_cells != width:
        raise DocError(
            loc,
            f"this row has {row.source_cells} cells; the table header has {width}",
            "every row needs one cell per column; write \\| for a | inside a cell",
        )
    cells = row.cells
    name, deprecated = _field_name(cells[columns["field"]].inlines, loc)
    type_cell = cells[columns["type"]]
    type_, warnings = parse_type(type_cell.inlines, CellContext(layout.path, loc), type_cell.source)
    diags.extend(warnings)
    required = _required(cells[columns["required"]].inlines, loc)
    description = (
        inline_prose(cells[columns["description"]].inlines) if "description" in columns else ""
    )
    example = None
    if "example" in columns:
        text = cell_text(cells[columns["example"]])
        example = cell_value(text, isinstance(type_, Primitive) and type_.name in _TEXTUAL)
    extras = tuple(
        ExtraColumn(layout.titles[index], plain_text(cells[index].inlines).strip())
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
        text = plain_text(inlines).strip()
        shown = repr(text) if text else "an empty cell"
        raise DocError(loc, f"expected the field name as a code span like `name`, found {shown}")
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
