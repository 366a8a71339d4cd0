"""The lexer of the Type-cell grammar: a cell's markdown-it inlines → `Tok`s.

Emphasis only groups (`*string*` is the name `string`), links stay links, and string
literals are read from the cell's own text, so `*"__x__"*` is the literal `__x__`
whatever Markdown made of it. What no lexeme can be is a `DocError` naming it.
"""

from __future__ import annotations

from enum import Enum

from generator.errors import DocError, Location
from generator.parse import jsstrings
from generator.read.rawdoc import (
    Break,
    Code,
    Emph,
    Html,
    Image,
    Inline,
    Link,
    Strong,
    Text,
    plain_text,
)
from generator.record import record


class Lexeme(Enum):
    """What kind of lexeme a `Tok` is."""

    NAME = "name"
    STRING = "string"
    NUMBER = "number"
    PUNCT = "punct"
    LINK = "link"


@record
class Tok:
    """A lexeme of a type cell; `href` is a link's target."""

    kind: Lexeme
    text: str
    href: str = ""


@record
class CellContext:
    """Where a type is written: its doc (links are relative to it), its line, and the
    construct that holds it, as messages name it (`Type cell`, `union member heading`)."""

    doc_id: str
    loc: Location
    construct: str = "Type cell"


_MARKUP_IN_LITERAL = frozenset("\\`*_~<>&[]!")
"""Characters with which Markdown may change a string literal's text (emphasis, escapes,
code spans, HTML, entities, links)."""


_SLOT, _SLOT_END = "\ue000", "\ue001"
"""Private-use characters that stand in for a protected literal while Markdown reads
the rest of the cell: `\ue000` index `\ue001`."""


def protect_literals(source: str) -> tuple[str, tuple[str, ...]] | None:
    """`source` with each quoted literal that holds markup characters replaced by a slot,
    and those literals' texts (quotes included); None when no literal needs it. Link
    targets and code spans are passed over: Markdown keeps their text as it is."""
    if not source or _SLOT in source or _SLOT_END in source:
        return None
    parts: list[str] = []
    literals: list[str] = []
    i = last = 0
    while i < len(source):
        ch = source[i]
        if source.startswith("](", i):
            end = source.find(")", i + 2)
            i = len(source) if end < 0 else end + 1
        elif ch == "`":
            run = len(source) - len(source[i:].lstrip("`"))
            end = source.find(source[i : i + run], i + run)
            i = i + run if end < 0 else end + run
        elif ch in "\"'":
            end = _string_end(source, i)
            if end < 0:
                break
            if not _MARKUP_IN_LITERAL.isdisjoint(source[i + 1 : end]):
                parts += [source[last:i], f"{_SLOT}{len(literals)}{_SLOT_END}"]
                literals.append(source[i : end + 1])
                last = end + 1
            i = end + 1
        else:
            i += 1
    if not literals:
        return None
    return "".join(parts) + source[last:], tuple(literals)


def lex(inlines: tuple[Inline, ...], ctx: CellContext, literals: tuple[str, ...] = ()) -> list[Tok]:
    """Lexemes of a cell; emphasis and strong only group, links become one lexeme;
    `literals` are the protected string literals the cell's slots stand for."""
    out: list[Tok] = []
    for item in inlines:
        if isinstance(item, Text):
            _refuse_link_text(item.text, ctx)
        if isinstance(item, Text | Html | Code):
            out.extend(_lex_text(item.text, ctx, literals))
        elif isinstance(item, Emph | Strong):
            out.extend(lex(item.children, ctx, literals))
        elif isinstance(item, Link):
            out.append(Tok(Lexeme.LINK, plain_text(item.children).strip(), item.href))
        elif isinstance(item, Break):
            raise DocError(ctx.loc, f"line break inside a {ctx.construct}")
        elif isinstance(item, Image):
            raise DocError(ctx.loc, f"image ![{item.text}]({item.src}) in a {ctx.construct}")
    return out


def _refuse_link_text(text: str, ctx: CellContext) -> None:
    """`[A](target)` left as text: Markdown did not accept the target as a link (a
    `file:` or `javascript:` URL, a space in it). Say so, rather than `unexpected '/'`."""
    start = text.find("[")
    middle = text.find("](", start + 1) if start >= 0 else -1
    end = text.find(")", middle + 2) if middle >= 0 else -1
    if end < 0:
        return
    shown = text[start : end + 1]
    raise DocError(
        ctx.loc,
        f"link {shown} is not a link Markdown accepts (it refuses `file:`, `javascript:`, "
        "`vbscript:` and `data:` targets, and targets with spaces)",
        "link to the doc's file, relative to this doc: `[Name](name.md)`",
    )


def _lex_text(text: str, ctx: CellContext, literals: tuple[str, ...]) -> list[Tok]:
    out: list[Tok] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == _SLOT and literals:  # a slot protect_literals made, not the doc's own
            end = text.find(_SLOT_END, i)
            out.append(_string(literals[int(text[i + 1 : end])], ctx))
            i = end + 1
        elif text.startswith("[]", i):
            out.append(Tok(Lexeme.PUNCT, "[]"))
            i += 2
        elif ch in "<>,|(){}[]:;":
            out.append(Tok(Lexeme.PUNCT, ch))
            i += 1
        elif ch in "\"'":
            end = _string_end(text, i)
            if end < 0:
                raise DocError(
                    ctx.loc, f"unterminated string literal {text[i:]!r} in {ctx.construct}"
                )
            out.append(_string(text[i : end + 1], ctx))
            i = end + 1
        elif ch.isdigit() or (ch == "-" and i + 1 < len(text) and text[i + 1].isdigit()):
            j = i + 1
            while j < len(text) and (text[j].isdigit() or text[j] in "._eE+-"):
                j += 1
            out.append(Tok(Lexeme.NUMBER, text[i:j]))
            i = j
        elif ch.isalpha() or ch in "_$":
            j = i + 1
            while j < len(text) and (text[j].isalnum() or text[j] in "_$."):
                j += 1
            out.append(Tok(Lexeme.NAME, text[i:j]))
            i = j
        else:
            raise DocError(ctx.loc, f"unexpected character {ch!r} in {ctx.construct}")
    return out


def _string(quoted: str, ctx: CellContext) -> Tok:
    """A string literal's lexeme, from its text with the quotes."""
    try:
        return Tok(Lexeme.STRING, jsstrings.unescape(quoted[1:-1]))
    except ValueError as exc:
        raise DocError(ctx.loc, f"{exc} in string literal in {ctx.construct}") from None


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i
        i += 1
    return -1


def show_tok(tok: Tok) -> str:
    if tok.kind is Lexeme.LINK:
        return f"link [{tok.text}]({tok.href})"
    if tok.kind is Lexeme.STRING:
        return f"string {tok.text!r}"
    return f"`{tok.text}`"
