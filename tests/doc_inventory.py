"""What a folder of Speakeasy model docs promises, read without the generator.

This is the test oracle of tests/test_real_sdks.py, so it is deliberately simple and
deliberately different from `generator/`: plain lines, a toggle for code fences, `|` splits
and a few regular expressions; no markdown-it, no type grammar. It lists, per doc, the
`# Name`, which section gives the doc its kind, the documented field names, the enum values
and the number of union members: the facts a generated package must account for.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

EnumValue = str | int | float

KIND_SECTIONS = {"## Fields": "fields", "## Values": "values", "## Supported Types": "union"}

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CODE_SPAN = re.compile(r"^(?:~~)?`([^`]+)`(?:~~)?$")
_VALUE_TOKEN = re.compile(
    r"""
    "(?:[^"\\]|\\.)*"                    # a double-quoted string
    | '(?:[^'\\]|\\.)*'                  # a single-quoted string
    | -?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?   # a number
    | Unrecognized<[^>]*>                # the open-enum marker
    """,
    re.VERBOSE,
)
_RECORD_OF_ANY = re.compile(r"^Record<string,\s*\*any\*>$")


@dataclass(frozen=True, slots=True)
class DocField:
    """One row of a `## Fields` table: the documented name and the Type cell as written."""

    name: str
    type_cell: str
    line: int

    @property
    def extra_keys_of_any(self) -> bool:
        """`additionalProperties: Record<string, *any*>`: extra keys of any type."""
        return _RECORD_OF_ANY.match(self.type_cell) is not None


@dataclass(frozen=True, slots=True)
class DocEntry:
    """One doc. `path` is relative to the docs folder, with `/`; `kind` is "fields",
    "values", "union" or "none". Values from a `| Name | Value |` table or a bullet in
    backticks are text (`values_as_text`): the doc does not say whether `1` is a number."""

    path: str
    name: str
    kind: str
    fields: tuple[DocField, ...] = ()
    values: tuple[EnumValue, ...] = ()
    values_as_text: bool = False
    open_enum: bool = False
    members: int = 0
    """Distinct member headings of a union."""


class UnreadableDoc(ValueError):
    """The oracle met a form it does not know: better to say so than to under-count."""


def inventory(docs: Path) -> list[DocEntry]:
    """Every `*.md` under `docs` (hidden folders skipped), sorted by path."""
    entries = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs)
        if any(part.startswith(".") for part in rel.parts):
            continue
        entries.append(read_doc(rel.as_posix(), path.read_text(encoding="utf-8")))
    return entries


def read_doc(rel: str, text: str) -> DocEntry:
    """One doc's promises. Headings and tables inside code fences do not count."""
    name = ""
    sections: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] | None = None
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("# ") and not name:
            name = line[2:].strip().replace("~~", "")
            continue
        elif not fenced and line.startswith("## "):
            heading = line.rstrip()
            current = sections.setdefault(heading, []) if heading in KIND_SECTIONS else None
            continue
        if current is not None:
            current.append((number, line))
    if not name:
        raise UnreadableDoc(f"{rel}: no `# Name` heading")
    found = [h for h in sections if h in KIND_SECTIONS]
    if len(found) > 1:
        raise UnreadableDoc(f"{rel}: more than one of {', '.join(found)}")
    if not found:
        return DocEntry(rel, name, "none")
    heading = found[0]
    body = sections[heading]
    if heading == "## Fields":
        return DocEntry(rel, name, "fields", fields=_fields(rel, body))
    if heading == "## Supported Types":
        return DocEntry(rel, name, "union", members=_members(body))
    values, as_text = _values(rel, body)
    is_open = any("Unrecognized<" in line or "This is an open enum" in line for _, line in body)
    return DocEntry(rel, name, "values", values=values, values_as_text=as_text, open_enum=is_open)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in _CELL_SPLIT.split(line.strip().strip("|"))]


def _table(body: list[tuple[int, str]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The first table of a section: its header cells and its rows (with line numbers)."""
    rows = [(n, _cells(line)) for n, line in body if line.lstrip().startswith("|")]
    if len(rows) < 2:
        return [], []
    header = rows[0][1]
    return header, [(n, cells) for n, cells in rows[2:]]


def _fields(rel: str, body: list[tuple[int, str]]) -> tuple[DocField, ...]:
    header, rows = _table(body)
    if not rows:
        return ()
    if "Field" not in header or "Type" not in header:
        raise UnreadableDoc(f"{rel}: a Fields table without Field and Type columns: {header}")
    name_at, type_at = header.index("Field"), header.index("Type")
    fields = []
    for number, cells in rows:
        if len(cells) <= max(name_at, type_at):
            raise UnreadableDoc(f"{rel}:{number}: a Fields row with too few cells")
        match = _CODE_SPAN.match(cells[name_at])
        if match is None:
            raise UnreadableDoc(
                f"{rel}:{number}: Field cell is not a code span: {cells[name_at]!r}"
            )
        fields.append(DocField(match.group(1), cells[type_at], number))
    return tuple(fields)


def _members(body: list[tuple[int, str]]) -> int:
    """Union members: the distinct `###` headings of the section, outside code fences
    (vendors' docs repeat a member at times, e.g. `ReadableStream<Uint8Array>` three times
    in a row; a union holds it once)."""
    headings, fenced = set(), False
    for _, line in body:
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("### "):
            headings.add(line[4:].strip())
    return len(headings)


def _values(rel: str, body: list[tuple[int, str]]) -> tuple[tuple[EnumValue, ...], bool]:
    """An enum's values, from whichever form the section uses: a code block, a
    `| Name | Value |` table, or a bulleted list. Returns (values, values_as_text)."""
    code = _first_code_block(body)
    if code is not None:
        return _code_values(rel, code), False
    header, rows = _table(body)
    if rows:
        if "Value" not in header:
            raise UnreadableDoc(f"{rel}: a Values table without a Value column: {header}")
        at = header.index("Value")
        return tuple(c[at] for _, c in rows if not c[at].startswith("`Unrecognized<")), True
    bullets = [line.strip()[2:].strip() for _, line in body if line.strip()[:2] in ("- ", "* ")]
    if bullets:
        return _bullet_values(bullets)
    raise UnreadableDoc(f"{rel}: `## Values` with no code block, table or list")


def _first_code_block(body: list[tuple[int, str]]) -> str | None:
    lines: list[str] = []
    inside = False
    for _, line in body:
        if line.lstrip().startswith(("```", "~~~")):
            if inside:
                return "\n".join(lines)
            inside = True
        elif inside:
            lines.append(line)
    return None


def _code_values(rel: str, code: str) -> tuple[EnumValue, ...]:
    """`"A" | "B" | Unrecognized<string>`, `'A' | 'B';` or `1 | 2`."""
    leftover = _VALUE_TOKEN.sub("", code).replace("|", "").replace(";", "").strip()
    if leftover:
        raise UnreadableDoc(f"{rel}: unexpected text in the Values code block: {leftover!r}")
    values: list[EnumValue] = []
    for token in _VALUE_TOKEN.findall(code):
        if token.startswith("Unrecognized<"):
            continue
        values.append(_literal(token))
    return tuple(values)


def _literal(token: str) -> EnumValue:
    if token.startswith('"'):
        decoded: str = json.loads(token)
        return decoded
    if token.startswith("'"):
        inner = token[1:-1].replace("\\'", "'").replace('"', '\\"')
        decoded = json.loads(f'"{inner}"')
        return decoded
    number = float(token)
    return int(token) if number.is_integer() and re.fullmatch(r"-?\d+", token) else number


def _bullet_values(bullets: list[str]) -> tuple[tuple[EnumValue, ...], bool]:
    """`- "A"` (a string) or `` - `A` `` (text)."""
    if all(b.startswith(('"', "'")) for b in bullets):
        return tuple(_literal(b) for b in bullets), False
    return tuple(b.strip("`") for b in bullets), True
