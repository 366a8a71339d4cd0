"""Statements laid out exactly as black would: the generated code needs no formatter.

black costs 15 to 40 ms a module; running it on every module was most of a run's time. The
statements docs2models emits have few shapes (assignments of calls and displays, calls,
`if` conditions joined by `and`), and for those black's choices are simple: keep a line
that fits; else split at the last bracket with the contents on one line ("hug"); else one
item per line with a trailing comma; wrap the right side of an assignment in parentheses
when its head is too long. `lay_out` returns None for anything else, and the caller falls
back to black (the tests check these layouts against black over every corpus).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


def width(text: str) -> int:
    """How wide black thinks `text` is: East Asian wide characters count two columns."""
    if text.isascii():
        return len(text)
    from black.strings import str_width  # noqa: PLC0415 (black loads only for such text)

    return str_width(text)


@dataclass(frozen=True, slots=True)
class Call:
    """`func(arg, …)`; `exploded` keeps one argument per line (a magic trailing comma)."""

    func: str
    args: tuple[Expr, ...]
    exploded: bool = False


@dataclass(frozen=True, slots=True)
class Display:
    """`[…]`, `{…}` or `(…)` holding items; `exploded` as for Call. A comprehension is
    one item that black never splits further (`[x.to_dict() for x in xs]`)."""

    opening: str
    items: tuple[Expr, ...]
    closing: str
    exploded: bool = False


@dataclass(frozen=True, slots=True)
class Chain:
    """Operands joined by a binary operator: `A | B | C`."""

    operator: str
    operands: tuple[str, ...]


Expr: TypeAlias = str | Call | Display | Chain
"""An expression: text that is never split, or a bracketed one that may be."""


@dataclass(frozen=True, slots=True)
class Stmt:
    """`prefix` + `value` + `suffix` on one logical line (`x = f(a)`, `return f(a)`)."""

    value: Expr
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class AnnAssign:
    """`name: annotation = value` (a dataclass field)."""

    name: str
    annotation: str | Chain
    value: Expr


@dataclass(frozen=True, slots=True)
class If:
    """`if a and b:` (or `elif`; `else` has no conditions) with its body."""

    keyword: str
    conditions: tuple[str, ...]
    body: tuple[Block, ...]


Block: TypeAlias = Stmt | AnnAssign | If


def flat(e: Expr) -> str:
    """The expression on one line."""
    if isinstance(e, str):
        return e
    if isinstance(e, Call):
        return f"{e.func}({', '.join(flat(a) for a in e.args)})"
    if isinstance(e, Chain):
        return f" {e.operator} ".join(e.operands)
    inner = ", ".join(flat(i) for i in e.items)
    if e.opening == "(" and len(e.items) == 1:
        inner += ","
    return f"{e.opening}{inner}{e.closing}"


def _exploded(e: Expr) -> bool:
    if isinstance(e, str | Chain):
        return False
    items = e.args if isinstance(e, Call) else e.items
    return e.exploded or any(_exploded(i) for i in items)


def lay_out(blocks: list[Block] | tuple[Block, ...], indent: int, limit: int) -> list[str] | None:
    """Source lines (indented) for `blocks`, or None when black must decide."""
    out: list[str] = []
    for block in blocks:
        lines = _if(block, indent, limit) if isinstance(block, If) else _stmt(block, indent, limit)
        if lines is None:
            return None
        out.extend(lines)
    return out


def _if(block: If, indent: int, limit: int) -> list[str] | None:
    pad = " " * indent
    line = f"{pad}{block.keyword} {' and '.join(block.conditions)}:"
    if not block.conditions:
        line = f"{pad}{block.keyword}:"
    if width(line) <= limit:
        head = [line]
    else:
        inner = " " * (indent + 4)
        first, *rest = block.conditions
        head = [f"{pad}{block.keyword} (", inner + first, *(f"{inner}and {c}" for c in rest)]
        head.append(f"{pad}):")
        if any(width(h) > limit for h in head):
            return None
    body = lay_out(block.body, indent + 4, limit)
    return None if body is None else head + body


def _stmt(stmt: Stmt | AnnAssign, indent: int, limit: int) -> list[str] | None:
    if isinstance(stmt, Stmt):
        return _split(stmt.prefix, stmt.value, stmt.suffix, indent, limit)
    prefix = f"{stmt.name}: {flat(stmt.annotation)} = "
    lines = _split(prefix, stmt.value, "", indent, limit, tight=True)
    if lines is not None:
        return lines
    # black splits the annotation instead (`name: (` … `) = value`) when the value then
    # fits; else it wraps the value in parentheses; else it splits both
    pad = " " * indent
    annotation = _wrap_right_side(f"{stmt.name}: ", stmt.annotation, "", indent, limit)
    if annotation is not None and width(f"{pad}) = {flat(stmt.value)}") <= limit:
        return [*annotation[:-1], f"{pad}) = {flat(stmt.value)}"]
    lines = _split(prefix, stmt.value, "", indent, limit)
    if lines is not None or annotation is None:
        return lines
    rest = _split(") = ", stmt.value, "", indent, limit)
    return None if rest is None else [*annotation[:-1], *rest]


def _split(
    prefix: str, e: Expr, suffix: str, indent: int, limit: int, *, tight: bool = False
) -> list[str] | None:
    """Lines for `prefix` + `e` + `suffix`. With `tight`, a right side wrapped in
    parentheses must fit on one line (an annotated assignment may split its annotation
    instead)."""
    pad = " " * indent
    one = f"{pad}{prefix}{flat(e)}{suffix}"
    if isinstance(e, str | Chain):
        if width(one) <= limit:
            return [one]
        if not prefix.endswith("= "):
            # too long, and black would split it only at brackets it contains
            return [one] if isinstance(e, str) and not _has_brackets(e) else None
        return _wrap_right_side(prefix, e, suffix, indent, limit) or (
            [one] if isinstance(e, str) else None
        )
    if width(one) <= limit and not _exploded(e):
        return [one]
    opening = f"{e.func}(" if isinstance(e, Call) else e.opening
    closing = ")" if isinstance(e, Call) else e.closing
    items = e.args if isinstance(e, Call) else e.items
    head = f"{pad}{prefix}{opening}"
    if width(head) > limit:
        opened = f"{pad}{prefix}("
        if not prefix.endswith("= ") or _exploded(e) or width(opened) > limit:
            return None
        inner = _split("", e, "", indent + 4, limit)
        if inner is None or (tight and len(inner) != 1):
            return None
        return [opened, *inner, f"{pad}){suffix}"]
    tail = f"{pad}{closing}{suffix}"
    if width(tail) > limit or not items:
        return None
    if len(items) == 1 and not _exploded(e):
        # one item has no comma to split at: it goes on its own line, split further if it
        # can; a lone parameter of a `def` gets a trailing comma, as black gives it
        comma = "," if prefix.startswith("def ") else ""
        inner = _split("", items[0], comma, indent + 4, limit)
        return None if inner is None else [head, *inner, tail]
    body = f"{pad}    {', '.join(flat(i) for i in items)}"
    if not _exploded(e) and width(body) <= limit:
        return [head, body, tail]
    lines = [head]
    for item in items:
        item_lines = _split("", item, ",", indent + 4, limit)
        if item_lines is None:
            return None
        lines.extend(item_lines)
    lines.append(tail)
    return lines


def _has_brackets(text: str) -> bool:
    return any(ch in text for ch in "([{")


def _wrap_right_side(
    prefix: str, e: str | Chain, suffix: str, indent: int, limit: int
) -> list[str] | None:
    """`x = (` … `)`: the right side alone on the next line, or for a chain one operand a
    line (`| B`) when even that is too long; None when it still does not fit."""
    pad, inner = " " * indent, " " * (indent + 4)
    body = f"{inner}{flat(e)}"
    if width(f"{pad}{prefix}(") > limit:
        return None
    if width(body) <= limit:
        return [f"{pad}{prefix}(", body, f"{pad}){suffix}"]
    if isinstance(e, str):
        return None
    first, *rest = e.operands
    lines = [f"{pad}{prefix}(", inner + first, *(f"{inner}{e.operator} {o}" for o in rest)]
    lines.append(f"{pad}){suffix}")
    return lines if all(width(line) <= limit for line in lines) else None
