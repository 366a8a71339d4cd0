"""Statements laid out exactly as black would: the generated code needs no formatter.

Emitters describe a statement as data (calls, displays, `|` chains, `if` blocks); here it
becomes one line of black-normal source, kept when it fits, else split by linesplit.py
(black's own splitting rules, ported). `lay_out` returns None only for text that model
does not know, and the caller then runs black on that one statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeAlias

from generator.emit.linesplit import split_statement, width
from generator.record import record


@record
class Call:
    """`func(arg, …)`; `exploded` keeps one argument per line (a magic trailing comma)."""

    func: str
    args: tuple[Expr, ...]
    exploded: bool = False


@record
class Display:
    """`[…]`, `{…}` or `(…)` holding items; `exploded` as for Call. A comprehension is
    one item that black never splits further (`[x.to_dict() for x in xs]`)."""

    opening: str
    items: tuple[Expr, ...]
    closing: str
    exploded: bool = False


@record
class Chain:
    """Operands joined by a binary operator: `A | B | C`."""

    operator: str
    operands: tuple[str, ...]


Expr: TypeAlias = str | Call | Display | Chain
"""An expression: text that is never split, or a bracketed one that may be."""


@record
class Stmt:
    """`prefix` + `value` + `suffix` on one logical line (`x = f(a)`, `return f(a)`)."""

    value: Expr
    prefix: str = ""
    suffix: str = ""


@record
class AnnAssign:
    """`name: annotation = value` (a dataclass field)."""

    name: str
    annotation: str | Chain
    value: Expr


@record
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
            lines = if_split(block, indent, limit) or statement(head, indent, limit, fallback)
            body = lay_out(block.body, indent + 4, limit, fallback)
            if lines is None or body is None:
                return None
            out.extend(lines)
            out.extend(body)
            continue
        prefix, suffix = parts(block)
        text = f"{prefix}{source(block.value)}{suffix}"
        lines = common_split(prefix, block.value, suffix, indent, limit)
        if lines is None:
            lines = statement(text, indent, limit, fallback)
        if lines is None:
            return None
        out.extend(lines)
    return out


def parts(block: Stmt | AnnAssign) -> tuple[str, str]:
    """The source before and after a statement's value."""
    if isinstance(block, Stmt):
        return block.prefix, block.suffix
    return f"{block.name}: {source(block.annotation)} = ", ""


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


_NAME = re.compile(r"[^\W\d]\w*")
_TARGET = re.compile(r"(?:return|[^\W\d]\w*(?:: [\w.\[\], |]+)? =) |")
_PLAIN_ITEM = re.compile(r'"[^"\\]*"|[^\W\d]\w*')
_PARAMS_ITEM = re.compile(r'[\w.\[\], |:]+(?: = "[^"\\]*"| = None)?')


def common_split(
    prefix: str, value: Expr, suffix: str, indent: int, limit: int
) -> list[str] | None:
    """The split black settles on first for the commonest long statements, found without
    linesplit.py's search (which gives the same; tests/test_layout.py checks both against
    black): `x = f(` / the arguments / `)`; with `exploded`, one argument a line; a set
    or list as the only argument, one item a line; a `def` split at its parameters.
    None for anything else, and linesplit.py decides."""
    if (
        not isinstance(value, Call)
        or not value.args
        or not _NAME.fullmatch(value.func.replace(".", "_"))
    ):
        return None
    if any(_exploded(a) for a in value.args):
        return None
    if prefix == "def " and suffix.startswith(" -> ") and suffix.endswith(":"):
        return _def_split(value, suffix, indent, limit)
    if suffix or not _TARGET.fullmatch(prefix):
        return None
    pad = " " * indent
    args = [source(a) for a in value.args]
    head, tail = f"{pad}{prefix}{value.func}(", f"{pad})"
    if width(head) > limit:
        return None
    if value.exploded:
        if ":" in prefix:
            return None
        items = [f"{pad}    {a}," for a in args]
        return [head, *items, tail] if all(width(i) <= limit for i in items) else None
    body = f"{pad}    {', '.join(args)}"
    if width(f"{pad}{prefix}{value.func}({', '.join(args)})") <= limit:
        return None
    if width(body) <= limit:
        return [head, body, tail]
    only = value.args[0]
    if len(value.args) != 1 or not isinstance(only, Display) or only.opening == "(":
        return None
    if len(only.items) < 2 or not all(
        isinstance(i, str) and _PLAIN_ITEM.fullmatch(i) for i in only.items
    ):
        return None
    items = [f"{pad}        {i}," for i in only.items]
    if not all(width(i) <= limit for i in items):
        return None
    return [head, f"{pad}    {only.opening}", *items, f"{pad}    {only.closing}", tail]


def _def_split(value: Call, suffix: str, indent: int, limit: int) -> list[str] | None:
    """`def f(` / the parameters (a lone one with a trailing comma) / `) -> R:`."""
    if not all(isinstance(a, str) and _PARAMS_ITEM.fullmatch(a) for a in value.args):
        return None
    if not _PARAMS_ITEM.fullmatch(suffix[4:-1]):
        return None
    pad = " " * indent
    params = [str(a) for a in value.args]
    if width(f"{pad}def {value.func}({', '.join(params)}){suffix}") <= limit:
        return None
    comma = "," if len(params) == 1 else ""
    lines = [f"{pad}def {value.func}(", f"{pad}    {', '.join(params)}{comma}", f"{pad}){suffix}"]
    return lines if all(width(line) <= limit for line in lines) else None


def if_split(block: If, indent: int, limit: int) -> list[str] | None:
    """An `if` head with three or more conditions that does not fit: `if (`, the
    conditions (on one line, or one a line), `):`. None for anything else."""
    conditions = block.conditions
    if len(conditions) < 3 or any(
        " or " in c or " if " in c or " and " in c or " lambda " in c or c.startswith("lambda ")
        for c in conditions
    ):
        return None
    pad = " " * indent
    if width(f"{pad}{block.keyword} {' and '.join(conditions)}:") <= limit:
        return None
    head, tail = f"{pad}{block.keyword} (", f"{pad}):"
    one = f"{pad}    {' and '.join(conditions)}"
    if width(head) > limit:
        return None
    if width(one) <= limit:
        return [head, one, tail]
    first, *rest = conditions
    lines = [f"{pad}    {first}", *(f"{pad}    and {c}" for c in rest)]
    return [head, *lines, tail] if all(width(line) <= limit for line in lines) else None


def _exploded(e: Expr) -> bool:
    if isinstance(e, str | Chain):
        return False
    items = e.args if isinstance(e, Call) else e.items
    one_tuple = isinstance(e, Display) and e.opening == "(" and len(items) == 1
    return e.exploded or one_tuple or any(_exploded(i) for i in items)
