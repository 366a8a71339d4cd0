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


@dataclass(frozen=True, slots=True)
class Call:
    """`func(arg, …)`; `exploded` keeps one argument per line (a magic trailing comma)."""

    func: str
    args: tuple[Expr, ...]
    exploded: bool = False


@dataclass(frozen=True, slots=True)
class Display:
    """`[…]`, `{…}` or `(…)` holding items; `exploded` as for Call."""

    opening: str
    items: tuple[Expr, ...]
    closing: str
    exploded: bool = False


Expr: TypeAlias = str | Call | Display
"""An expression: text that is never split, or a bracketed one that may be."""


@dataclass(frozen=True, slots=True)
class Stmt:
    """`prefix` + `value` + `suffix` on one logical line (`x = f(a)`, `return f(a)`)."""

    value: Expr
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class If:
    """`if a and b:` (or `elif`) with its body."""

    keyword: str
    conditions: tuple[str, ...]
    body: tuple[Block, ...]


Block: TypeAlias = Stmt | If


def flat(e: Expr) -> str:
    """The expression on one line."""
    if isinstance(e, str):
        return e
    if isinstance(e, Call):
        return f"{e.func}({', '.join(flat(a) for a in e.args)})"
    inner = ", ".join(flat(i) for i in e.items)
    if e.opening == "(" and len(e.items) == 1:
        inner += ","
    return f"{e.opening}{inner}{e.closing}"


def _exploded(e: Expr) -> bool:
    if isinstance(e, str):
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
    if len(line) <= limit:
        head = [line]
    else:
        inner = " " * (indent + 4)
        first, *rest = block.conditions
        head = [f"{pad}{block.keyword} (", inner + first, *(f"{inner}and {c}" for c in rest)]
        head.append(f"{pad}):")
        if any(len(h) > limit for h in head):
            return None
    body = lay_out(block.body, indent + 4, limit)
    return None if body is None else head + body


def _stmt(stmt: Stmt, indent: int, limit: int) -> list[str] | None:
    return _split(stmt.prefix, stmt.value, stmt.suffix, indent, limit)


def _split(prefix: str, e: Expr, suffix: str, indent: int, limit: int) -> list[str] | None:
    pad = " " * indent
    one = f"{pad}{prefix}{flat(e)}{suffix}"
    if isinstance(e, str):
        if len(one) <= limit or not prefix.endswith("= "):
            return [one]
        wrapped = [f"{pad}{prefix}(", f"{pad}    {e}", f"{pad}){suffix}"]
        return wrapped if len(wrapped[1]) <= limit else [one]
    if len(one) <= limit and not _exploded(e):
        return [one]
    opening = f"{e.func}(" if isinstance(e, Call) else e.opening
    closing = ")" if isinstance(e, Call) else e.closing
    items = e.args if isinstance(e, Call) else e.items
    head = f"{pad}{prefix}{opening}"
    if len(head) > limit:
        if not prefix.endswith("= ") or _exploded(e):
            return None
        inner = _split("", e, "", indent + 4, limit)
        if inner is None or len(inner) != 1:
            return None
        return [f"{pad}{prefix}(", inner[0], f"{pad}){suffix}"]
    tail = f"{pad}{closing}{suffix}"
    body = f"{pad}    {', '.join(flat(i) for i in items)}"
    if not _exploded(e) and items and len(body) <= limit and len(tail) <= limit:
        return [head, body, tail]
    lines = [head]
    for item in items:
        item_lines = _split("", item, ",", indent + 4, limit)
        if item_lines is None:
            return None
        lines.extend(item_lines)
    lines.append(tail)
    return lines if all(len(line) <= limit for line in lines) else None
