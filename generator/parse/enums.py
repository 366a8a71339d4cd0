"""A `## Values` section → IR `Enum`, in each form the docs use.

- code block: `"A" | "B" | Unrecognized<string>` (TypeScript literal union; numbers too);
- table: `| Name | Value |`;
- bulleted list: `- "A"` or `` - `A` ``.

An open enum (the "open enum" sentence, or `Unrecognized<…>`) accepts values not listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.errors import Diagnostic, DocError, Location, error
from generator.ir import EnumValue
from generator.parse import jsstrings
from generator.read.rawdoc import (
    Code,
    CodeBlock,
    Inline,
    ListBlock,
    Paragraph,
    Table,
    Text,
    plain_text,
)

if TYPE_CHECKING:
    from generator.parse.sections import Section

_OPEN_SENTENCE = "this is an open enum"


def _marks_open(text: str) -> bool:
    """`Unrecognized<string>` (or bare `Unrecognized`): the last member of an open enum;
    not a value that merely starts with the word."""
    return text.strip() == "Unrecognized" or text.strip().startswith("Unrecognized<")


def parse_values(path: str, section: Section) -> tuple[list[EnumValue], bool]:
    """The values a `## Values` section lists, and whether the enum is open; a DocError
    when the section cannot be read."""
    open_ = any(
        isinstance(b, Paragraph)
        and plain_text(b.inlines).strip().lower().startswith(_OPEN_SENTENCE)
        for b in section.blocks
    )
    for block in section.blocks:
        if isinstance(block, CodeBlock):
            values, marked_open = code_values(path, block)
            return values, open_ or marked_open
        if isinstance(block, Table):
            values, marked_open = table_values(path, block)
            return values, open_ or marked_open
        if isinstance(block, ListBlock):
            return list_values(path, block), open_
    raise DocError(
        Location(path, section.line),
        "`## Values` has no values",
        'expected a code block like "A" | "B", a | Name | Value | table or a list',
    )


MAX_VALUES = 10_000
"""The most values one enum may list."""


def check_values(values: list[EnumValue], where: Location) -> list[Diagnostic]:
    """Errors for an empty list, too many values, repeated values, and numbers mixed
    with strings."""
    diags: list[Diagnostic] = []
    if not values:
        return [error(where, "`## Values` lists no values")]
    if len(values) > MAX_VALUES:
        return [
            error(
                where,
                f"`## Values` lists {len(values)} values; docs2models reads up to {MAX_VALUES}",
            )
        ]
    seen: dict[str | int, int] = {}
    for value in values:
        if value.value in seen:
            diags.append(
                error(
                    value.loc,
                    f"value {value.value!r} is listed twice (first at line {seen[value.value]})",
                )
            )
        seen.setdefault(value.value, value.loc.line)
    kinds = {type(v.value) for v in values}
    if len(kinds) > 1:
        diags.append(error(where, "`## Values` mixes numbers and strings"))
    return diags


def code_values(path: str, block: CodeBlock) -> tuple[list[EnumValue], bool]:
    """Values of a TypeScript literal union, and whether it ends in `Unrecognized<…>`
    (an unclosed block never gets here: structure.py reports it first)."""
    values: list[EnumValue] = []
    open_ = False
    expect_value = True
    for kind, text, offset in _lex_union(block.text, Location(path, block.text_line)):
        loc = Location(path, block.text_line + offset)
        if kind == "bar":
            if expect_value and values:
                raise DocError(loc, "two `|` in a row in `## Values`")
            expect_value = True
            continue
        if not expect_value:
            raise DocError(loc, f"expected `|` between values, found {text!r}")
        expect_value = False
        if kind == "name":
            if not _marks_open(text):
                raise DocError(
                    loc, f"unexpected name `{text}` in `## Values`; expected a quoted value"
                )
            open_ = True
        elif kind == "number":
            values.append(EnumValue(_int(text, loc), None, loc))
        else:
            values.append(EnumValue(text, None, loc))
    if expect_value and values:
        raise DocError(Location(path, block.line), "`## Values` ends with `|`")
    return values, open_


MAX_NUMBER_DIGITS = 1000
"""The longest numeric value read (JSON parsers refuse far shorter ones)."""


def _int(text: str, loc: Location) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise DocError(loc, f"enum value of {len(text)} digits is too long to be a JSON number")
    try:
        return int(text)
    except ValueError:
        raise DocError(loc, f"enum value {text} is not an integer") from None


def _lex_union(text: str, start: Location) -> list[tuple[str, str, int]]:
    """(kind, text, line offset) lexemes: string, number, name, bar."""
    out: list[tuple[str, str, int]] = []
    i, line = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
        elif ch.isspace() or ch == ";":
            i += 1
        elif ch == "|":
            out.append(("bar", "|", line))
            i += 1
        elif ch in "\"'":
            value, i = _string(text, i, Location(start.path, start.line + line))
            out.append(("string", value, line))
        elif ch.isdigit() or ch == "-":
            j = i + 1
            while j < len(text) and (text[j].isalnum() or text[j] in "._"):
                j += 1
            out.append(("number", text[i:j], line))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i + 1
            depth = 0
            while j < len(text) and (text[j].isalnum() or text[j] in "_.<>" or depth):
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
            out.append(("name", text[i:j], line))
            i = j
        else:
            where = Location(start.path, start.line + line)
            raise DocError(where, f"unexpected character {ch!r} in `## Values`")
    return out


def _string(text: str, start: int, loc: Location) -> tuple[str, int]:
    """A quoted TypeScript string starting at `start`, and the index after it."""
    quote = text[start]
    i = start + 1
    while i < len(text) and text[i] not in (quote, "\n"):
        i += 2 if text[i] == "\\" else 1
    if i >= len(text) or text[i] != quote:
        raise DocError(loc, "unterminated string in `## Values`")
    try:
        return jsstrings.unescape(text[start + 1 : i]), i + 1
    except ValueError as exc:
        raise DocError(loc, f"{exc} in a string in `## Values`") from None


def table_values(path: str, table: Table) -> tuple[list[EnumValue], bool]:
    """Values of a `| Name | Value |` table, keeping each documented name, and whether a
    last `Unrecognized<…>` row makes the enum open. When every value is an integer, the
    values are numbers (the table form does not quote strings, so it cannot say more)."""
    headers = [plain_text(c.inlines).strip().lower() for c in table.header.cells]
    if "value" not in headers:
        raise DocError(Location(path, table.line), "the Values table has no Value column")
    value_at = headers.index("value")
    name_at = headers.index("name") if "name" in headers else None
    texts: list[tuple[str, str | None, Location]] = []
    open_ = False
    for row in table.rows:
        loc = Location(path, row.line)
        if row.source_cells != len(headers):
            raise DocError(
                loc, f"this row has {row.source_cells} cells; the table header has {len(headers)}"
            )
        cell = row.cells[value_at]
        value = _value_text(cell.inlines, cell.source)
        if _marks_open(value):
            open_ = True
            continue
        name = plain_text(row.cells[name_at].inlines).strip() if name_at is not None else None
        texts.append((value, name or None, loc))
    numeric = bool(texts) and all(_is_int(value) for value, _, _ in texts)
    values = [EnumValue(_int(v, loc) if numeric else v, name, loc) for v, name, loc in texts]
    return values, open_


def _is_int(text: str) -> bool:
    digits = text[1:] if text.startswith("-") else text
    return digits.isascii() and digits.isdigit()


def example_marks_open(example: str | None) -> bool:
    """Newer docs say an enum is open only in their example: `// Open enum: …`."""
    return example is not None and "Unrecognized<" in example


def list_values(path: str, block: ListBlock) -> list[EnumValue]:
    """Values of a bulleted list: one value per item, quoted or in a code span."""
    values: list[EnumValue] = []
    for item in block.items:
        if not item or not isinstance(item[0], Paragraph):
            line = item[0].line if item else block.line
            raise DocError(Location(path, line), "expected a value in each `## Values` item")
        if len(item) > 1:
            raise DocError(
                Location(path, item[1].line),
                "a `## Values` item holds one value; this is more under it",
                "list every value as an item of its own, at one level",
            )
        loc = Location(path, item[0].line)
        inlines = item[0].inlines
        spans = [i for i in inlines if isinstance(i, Code)]
        if spans and len([i for i in inlines if not _is_space(i)]) > 1:
            raise DocError(
                loc,
                f"expected one value per item, like - `{spans[0].text}`; "
                f"found {plain_text(inlines).strip()!r}",
            )
        values.append(EnumValue(_value_text(inlines), None, loc))
    return values


def _is_space(item: Inline) -> bool:
    return isinstance(item, Text) and not item.text.strip(_MARKDOWN_SPACE)


_MARKDOWN_SPACE = " \t\r\n"
"""What Markdown itself treats as space around text (not NBSP, not U+3000)."""


def _value_text(inlines: tuple[Inline, ...], source: str | None = None) -> str:
    """One value as written: a code span's text exactly (edge spaces of any kind are part
    of the value), else the text without Markdown's own edge spaces, unquoted. A table
    cell's value is its own text (`__x__` is a value, not bold `x`)."""
    solid = [i for i in inlines if not _is_space(i)]
    if len(solid) == 1 and isinstance(solid[0], Code):
        return _unquote(solid[0].text)
    text = plain_text(inlines) if source is None else source
    return _unquote(text.strip(_MARKDOWN_SPACE))


def _unquote(text: str) -> str:
    """`"A"` or `'A'` → `A`; anything else as it is."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text
