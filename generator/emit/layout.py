"""Statements laid out exactly as black would: the generated code needs no formatter.

Emitters describe a statement as data (calls, displays, `|` chains, `if` blocks); here it
becomes one line of black-normal source, kept when it fits, else split by linesplit.py
(black's own splitting rules, ported). `lay_out` returns None only for text that model
does not know, and the caller then runs black on that one statement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

from generator.emit.linesplit import split_statement, width


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


def source(e: Expr) -> str:
    """The expression on one line, with a trailing comma wherever it is `exploded` (which
    black reads as "one item per line")."""
    if isinstance(e, str):
        return e
    if isinstance(e, Chain):
        return f" {e.operator} ".join(e.operands)
    items = e.args if isinstance(e, Call) else e.items
    inner = ", ".join(source(i) for i in items)
    if (e.exploded and items) or (isinstance(e, Display) and e.opening == "(" and len(items) == 1):
        inner += ","
    opening = f"{e.func}(" if isinstance(e, Call) else e.opening
    closing = ")" if isinstance(e, Call) else e.closing
    return f"{opening}{inner}{closing}"


Fallback = Callable[[str, int], list[str]]
"""Lines for a statement's source at an indent, where the model here does not know it."""


def lay_out(
    blocks: list[Block] | tuple[Block, ...],
    indent: int,
    limit: int,
    fallback: Fallback | None = None,
) -> list[str] | None:
    """Source lines (indented) for `blocks`; None when a statement is one linesplit.py
    does not know and there is no `fallback`."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, If):
            head = f"{block.keyword} {' and '.join(block.conditions)}:"
            head = head if block.conditions else f"{block.keyword}:"
            lines = statement(head, indent, limit, fallback)
            body = lay_out(block.body, indent + 4, limit, fallback)
            if lines is None or body is None:
                return None
            out.extend(lines)
            out.extend(body)
            continue
        if isinstance(block, Stmt):
            text = f"{block.prefix}{source(block.value)}{block.suffix}"
        else:
            text = f"{block.name}: {source(block.annotation)} = {source(block.value)}"
        lines = statement(text, indent, limit, fallback)
        if lines is None:
            return None
        out.extend(lines)
    return out


def statement(
    text: str, indent: int, limit: int, fallback: Fallback | None = None
) -> list[str] | None:
    """black's lines for one statement (or a compound statement's header line)."""
    line = " " * indent + text
    if width(line) <= limit and ",)" not in text and ",]" not in text and ",}" not in text:
        return [line]
    lines = split_statement(text, indent // 4, limit)
    if lines is None and fallback is not None:
        return fallback(text, indent)
    return lines
