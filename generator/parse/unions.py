"""A `## Supported Types` section → the members of a union, one per `###` heading.

Each heading names a member type the way a Type cell does, in a code span: `string`,
`components.Pet`, `Record<string, any>[]`; what follows a heading (an example) is not
needed to know the member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.errors import Diagnostic, DocError, Location, error
from generator.ir import Member, ParsedLeaf
from generator.parse.type_tokens import CellContext
from generator.parse.types import parse_type
from generator.read.rawdoc import Heading, plain_text

if TYPE_CHECKING:
    from generator.parse.sections import Section


def parse_members(
    path: str, section: Section, diags: list[Diagnostic]
) -> tuple[Member[ParsedLeaf], ...]:
    """Member types in doc order, each with the line of its heading."""
    members: list[Member[ParsedLeaf]] = []
    failed = False
    for block in section.blocks:
        if isinstance(block, Heading) and block.level > 3:
            shown = "#" * block.level + " " + plain_text(block.inlines).strip()
            diags.append(
                error(
                    Location(path, block.line),
                    f"`{shown}` is not a member heading",
                    "each member of `## Supported Types` is a `###` heading",
                )
            )
            failed = True
            continue
        if not (isinstance(block, Heading) and block.level == 3):
            continue
        loc = Location(path, block.line)
        try:
            ctx = CellContext(path, loc, "union member heading")
            member, warnings = parse_type(block.inlines, ctx, block.source)
        except DocError as exc:
            diags.append(exc.diagnostic)
            failed = True
            continue
        diags.extend(warnings)
        members.append(Member(member, loc))
    if not members and not failed:
        diags.append(
            error(
                Location(path, section.line),
                "`## Supported Types` lists no member types",
                "expected one `### `type`` heading per member",
            )
        )
    return tuple(members)
