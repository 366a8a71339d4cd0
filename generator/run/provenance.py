"""Where in the docs a change came from: the doc and line of the field, enum value, union
member or heading that gives it.

A module's header names its doc (`specs/models/x.md`: the specs folder's name, then the
doc's path in it). That doc, as it is now, is parsed alone and the change's anchor (a
field's JSON key, an enum value, a member's place) looked up in it. What is gone from
the docs has no line now: a removed field or value points at its doc's heading, a removed
doc at its path alone (`located` says which).
"""

from __future__ import annotations

import ast
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.errors import Location
from generator.ir import Enum, Model, ParsedDoc, Union
from generator.read.sources import MAX_DOC_BYTES, shown_path
from generator.run.change import Change

EXACT, NEAR, HEADING, DOC_ONLY = "exact", "near", "heading", "doc"


def locate(changes: list[Change], specs: Path) -> list[Change]:
    """Each change with the doc path (as a user runs docs2models, from the current
    folder) and line it came from."""
    docs: dict[str, ParsedDoc | None] = {}
    found: list[Change] = []
    for change in changes:
        doc_id = _doc_id(change.doc)
        if not doc_id:
            found.append(replace(change, located=DOC_ONLY))
            continue
        path = shown_path(f"{str(specs).rstrip('/')}/{doc_id}")
        if change.kind == "model-added" and doc_id not in docs:  # thousands on a first run
            line = _heading_line(specs / doc_id)
            found.append(replace(change, doc=path, line=line, located=EXACT if line else DOC_ONLY))
            continue
        if doc_id not in docs:
            docs[doc_id] = _parse(specs, doc_id)
        parsed = docs[doc_id]
        if parsed is None:
            found.append(replace(change, doc=path, line=0, located=DOC_ONLY))
            continue
        line, how = _line(change, parsed)
        found.append(replace(change, doc=path, line=line, located=how))
    return found


def _doc_id(header_path: str) -> str:
    """`specs/models/x.md` → `models/x.md` (the header puts the specs folder's name
    first)."""
    _, slash, rest = header_path.partition("/")
    return rest if slash else ""


def _parse(specs: Path, doc_id: str) -> ParsedDoc | None:
    # the parser loads only when a change must be located (every run imports this module)
    from generator.parse.document import parse_doc  # noqa: PLC0415
    from generator.read.markdown import read_markdown  # noqa: PLC0415

    path = specs / doc_id
    try:
        if not path.is_file() or os.path.getsize(path) > MAX_DOC_BYTES:
            return None
        text = path.read_bytes().decode("utf-8")
        doc, _ = parse_doc(read_markdown(doc_id, text))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return doc


def _heading_line(path: Path) -> int:
    """The line of a doc's `# Name` heading (or front matter `title:`) found by reading
    its lines up to it, without parsing it; 0 when the doc cannot be read. Lines end as
    the reader counts them."""
    fenced = front = False
    title = 0
    read = 0
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for number, ended in enumerate(fh, 1):  # universal newlines: LF, CRLF, CR
                read += len(ended)
                if read > MAX_DOC_BYTES:
                    break
                line = ended.rstrip("\n")
                if number == 1 and line.rstrip() == "---":
                    front = True
                elif front:
                    front = line.rstrip() != "---"
                    title = title or (number if line.startswith("title:") else 0)
                elif line.lstrip().startswith(("```", "~~~")):
                    fenced = not fenced
                elif not fenced and line.startswith("# "):
                    return number
    except OSError:
        return 0
    return title or 1


def _line(change: Change, doc: ParsedDoc) -> tuple[int, str]:
    """The line of the change's anchor in `doc`, or of its heading."""
    heading = doc.loc.line
    removed = change.kind in ("field-removed", "enum-value-removed", "union-member-removed")
    if removed and not change.anchor:
        return heading, HEADING
    loc: Location | None = None
    if isinstance(doc, Model) and change.field:
        loc = _field_loc(doc, change.anchor, change.anchor if removed else change.field)
    elif isinstance(doc, Enum) and change.anchor:
        loc = next((v.loc for v in doc.values if _same_value(v.value, change.anchor)), None)
    elif isinstance(doc, Union) and change.anchor.isdigit():
        index = int(change.anchor)
        loc = doc.members[index].loc if index < len(doc.members) else None
    if loc is None:
        return heading, HEADING
    return loc.line, NEAR if removed else EXACT


def _field_loc(doc: Model[Any, Any], anchor: str, attribute: str) -> Location | None:
    for f in doc.fields:
        if anchor in (f.wire, f.name):
            return f.loc
    wanted = {_plain(anchor), _plain(attribute)}
    return next((f.loc for f in doc.fields if _plain(f.name) in wanted), None)


def _plain(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def _same_value(value: str | int, source: str) -> bool:
    """An enum value of the IR against its Python source in the module (`'gray'`, `1`)."""
    try:
        return bool(ast.literal_eval(source) == value)
    except (ValueError, SyntaxError, RecursionError):
        return False
