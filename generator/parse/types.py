"""The type-cell grammar: a `## Fields` Type cell's inlines → a `ParsedType`.

The cell is first lexed from its markdown-it inlines (emphasis only groups, links stay
links), then read by a small recursive-descent parser:

    union   := member ("|" member)*
    member  := primary ("[]")*
    primary := NAME ["<" union ("," union)* ">"] | LINK | STRING | NUMBER | "(" union ")"

Names and links are given meaning in `_named` / `_link`. A construct outside the grammar is a
`DocError` that names it; nothing is guessed.
"""

from __future__ import annotations

import dataclasses
import math
from urllib.parse import unquote, urlsplit

from generator.errors import Diagnostic, DocError, warning
from generator.ir import (
    ListOf,
    Literal,
    MapOf,
    ParsedType,
    Primitive,
    PrimitiveName,
    UnboundRef,
    UnionOf,
    Unknown,
)
from generator.parse.type_tokens import CellContext, Lexeme, Tok, lex, protect_literals, show_tok
from generator.read.markdown import read_inline
from generator.read.rawdoc import (
    Inline,
)

MAX_DEPTH = 64
"""Deepest nesting of `<…>`, `(…)` and `[]` a cell may use."""


PRIMITIVES: dict[str, PrimitiveName] = {
    "string": "string",
    "number": "number",
    "integer": "integer",
    "int": "integer",
    "bigint": "integer",
    "BigInt": "integer",
    "boolean": "boolean",
    "bool": "boolean",
    "any": "any",
    "unknown": "any",
    "Date": "datetime",
    "RFCDate": "date",
    "Uint8Array": "bytes",
    "ArrayBuffer": "bytes",
    "File": "bytes",
    "Blob": "bytes",
    "Request": "any",
    "Response": "any",
}
"""Names a type cell may use for a primitive, as the TypeScript SDK docs spell them."""


LINKED_TYPES: dict[str, PrimitiveName] = {
    "Date": "datetime",
    "RFCDate": "date",
    "File": "bytes",
    "Blob": "bytes",
    "Uint8Array": "bytes",
    "ReadableStream": "bytes",
    "Request": "any",
    "Response": "any",
    "AxiosResponse": "any",
}
"""Link texts naming a platform type: links to MDN or axios pages, or to the SDK's own
`types/` pages (`[RFCDate](../../types/rfcdate.md)`). A raw HTTP request or response (the
SDK's `HTTPMetadata` holds both) is not JSON data, so it is `any`."""


_BYTE_STREAMS = frozenset({"ReadableStream"})
_STREAMS = frozenset({"EventStream", "JsonLStream", "JsonlStream", "AsyncIterable"})
"""Streams of JSON values (server-sent events, newline-delimited JSON): read as the list
of their values, in order."""


class UnknownType(DocError):
    """A well-formed name or link that names no type the generator knows."""

    code = "unknown-type"


def parse_type(
    inlines: tuple[Inline, ...], ctx: CellContext, source: str = ""
) -> tuple[ParsedType, tuple[Diagnostic, ...]]:
    """The type a Type cell (or union member heading) documents, with warnings for
    unknown types typed `any`; a DocError naming what is not understood.

    `source` is the cell's own text: string literals whose text Markdown would read as
    markup (`*"__encrypted__"*`, `*"a*b"*`) are taken from it as written.

    A cell read without warnings or errors gives the same type wherever it is written in
    the same folder (links are relative to it), and SDK docs repeat their type cells
    (`*string*`, a link to a shared model) thousands of times: such types are kept."""
    key = (source, inlines, ctx.doc_id.rpartition("/")[0], ctx.construct)
    known = _KNOWN_TYPES.get(key)
    if known is not None:
        return known, ()
    result, warnings = _parse_type(inlines, ctx, source)
    if not warnings:
        if len(_KNOWN_TYPES) >= _MAX_KNOWN_TYPES:
            _KNOWN_TYPES.clear()
        _KNOWN_TYPES[key] = result
    return result, warnings


_KNOWN_TYPES: dict[tuple[str, tuple[Inline, ...], str, str], ParsedType] = {}
"""Types read without a diagnostic, by cell text, inlines, folder and construct."""

_MAX_KNOWN_TYPES = 1 << 16


def _parse_type(
    inlines: tuple[Inline, ...], ctx: CellContext, source: str
) -> tuple[ParsedType, tuple[Diagnostic, ...]]:
    literals: tuple[str, ...] = ()
    protected = protect_literals(source)
    if protected is not None:
        text, literals = protected
        inlines = read_inline(text)
    toks = lex(inlines, ctx, literals)
    if not toks:
        raise DocError(ctx.loc, f"empty {ctx.construct}", "write a type such as *string*")
    parser = _Parser(toks, ctx)
    result = parser.union(0)
    if parser.pos < len(toks):
        raise DocError(ctx.loc, f"unexpected {show_tok(toks[parser.pos])} in {ctx.construct}")
    return result, tuple(parser.warnings)


class _Parser:
    def __init__(self, toks: list[Tok], ctx: CellContext) -> None:
        self.toks = toks
        self.pos = 0
        self.ctx = ctx
        self.warnings: list[Diagnostic] = []

    def peek(self, text: str) -> bool:
        return (
            self.pos < len(self.toks)
            and self.toks[self.pos].kind is Lexeme.PUNCT
            and self.toks[self.pos].text == text
        )

    def expect(self, text: str) -> None:
        if not self.peek(text):
            found = show_tok(self.toks[self.pos]) if self.pos < len(self.toks) else "the end"
            raise DocError(
                self.ctx.loc, f"expected `{text}` in {self.ctx.construct}, found {found}"
            )
        self.pos += 1

    def union(self, depth: int) -> ParsedType:
        if depth > MAX_DEPTH:
            raise DocError(
                self.ctx.loc, f"{self.ctx.construct} nests deeper than {MAX_DEPTH} levels"
            )
        members = [self.member(depth)]
        while self.peek("|"):
            self.pos += 1
            members.append(self.member(depth))
        if len(members) == 1:
            return members[0]
        return UnionOf(tuple(members))

    def member(self, depth: int) -> ParsedType:
        result = self.primary(depth)
        levels = 0
        while self.peek("[]"):
            self.pos += 1
            levels += 1
            if levels > MAX_DEPTH:
                raise DocError(
                    self.ctx.loc, f"{self.ctx.construct} nests deeper than {MAX_DEPTH} levels"
                )
            result = ListOf(result)
        return result

    def primary(self, depth: int) -> ParsedType:
        if self.pos >= len(self.toks):
            raise DocError(self.ctx.loc, f"{self.ctx.construct} ends where a type was expected")
        tok = self.toks[self.pos]
        self.pos += 1
        if tok.kind is Lexeme.PUNCT and tok.text == "(":
            inner = self.union(depth + 1)
            self.expect(")")
            return inner
        if tok.kind is Lexeme.PUNCT and tok.text == "{":
            return self.index_signature(depth)
        if tok.kind is Lexeme.STRING:
            return Literal(tok.text)
        if tok.kind is Lexeme.NUMBER:
            return Literal(_number(tok.text, self.ctx))
        try:
            if tok.kind is Lexeme.LINK:
                return _link(tok, self.ctx)
            if tok.kind is Lexeme.NAME:
                start, noted = self.pos - 1, len(self.warnings)
                args = self.generic_args(depth) if self.peek("<") else []
                try:
                    return _named(tok.text, args, self.ctx, _spelled(self.toks[start : self.pos]))
                except UnknownType as exc:  # `Foo<Bar>` is reported once, as a whole
                    nested = [w for w in self.warnings[noted:] if w.if_allowed is not None]
                    del self.warnings[noted:]
                    return self.unknown(exc.diagnostic, nested[0] if nested else exc.diagnostic)
        except UnknownType as exc:
            return self.unknown(exc.diagnostic, exc.diagnostic)
        raise DocError(self.ctx.loc, f"unexpected {show_tok(tok)} in {self.ctx.construct}")

    def unknown(self, found: Diagnostic, first: Diagnostic) -> ParsedType:
        """A type the grammar does not know: an error (at the first unknown name in it), or
        with --allow-unknown a warning for the whole construct; `Unknown` stands for it."""
        message = found.message + "; typed as Any (--allow-unknown)"
        allowed = warning(self.ctx.loc, message, code=found.code)
        self.warnings.append(dataclasses.replace(first, if_allowed=allowed))
        return Unknown(found.message, found.hint)

    def index_signature(self, depth: int) -> ParsedType:
        """`{ [k: string]: T }` (after its `{`): an object with any keys, values of T."""
        self.expect("[")
        if self.pos < len(self.toks) and self.toks[self.pos].kind is Lexeme.NAME:
            self.pos += 1
        self.expect(":")
        key = self.union(depth + 1)
        if key != Primitive("string"):
            raise DocError(
                self.ctx.loc, f"index signature keys must be `string` in a {self.ctx.construct}"
            )
        self.expect("]")
        self.expect(":")
        value = self.union(depth + 1)
        if self.peek(";"):
            self.pos += 1
        self.expect("}")
        return MapOf(value)

    def generic_args(self, depth: int) -> list[ParsedType]:
        self.expect("<")
        args = [self.union(depth + 1)]
        while self.peek(","):
            self.pos += 1
            args.append(self.union(depth + 1))
        self.expect(">")
        return args


MAX_NUMBER_DIGITS = 1000
"""The longest number literal read (JSON parsers refuse far shorter ones)."""


def _number(text: str, ctx: CellContext) -> int | float:
    """A number literal; one that is too long or overflows a float is an error (no JSON
    value could hold it)."""
    shown = text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text)} characters)"
    if len(text) > MAX_NUMBER_DIGITS:
        raise DocError(ctx.loc, f"number literal `{shown}` is too long to be a JSON number")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        raise DocError(ctx.loc, f"bad number literal `{shown}` in {ctx.construct}") from None
    if not math.isfinite(value):
        raise DocError(ctx.loc, f"number literal `{shown}` overflows a 64-bit float")
    return value


def _spelled(toks: list[Tok]) -> str:
    """Lexemes back as text: `Foo<Bar, Baz>`."""
    return "".join(", " if t.kind is Lexeme.PUNCT and t.text == "," else t.text for t in toks)


def _named(name: str, args: list[ParsedType], ctx: CellContext, shown: str) -> ParsedType:
    """A bare name, maybe with generic arguments: a primitive, literal or container."""
    if name in ("true", "false") and not args:
        return Literal(name == "true")
    if name in PRIMITIVES and not args:
        return Primitive(PRIMITIVES[name])
    if name == "object" and not args:
        return MapOf(Primitive("any"))
    if name == "Record" and len(args) == 2:
        if args[0] != Primitive("string"):
            raise DocError(ctx.loc, f"Record keys must be `string` in a {ctx.construct}")
        return MapOf(args[1])
    if (name == "Array" or name in _STREAMS) and len(args) == 1:
        return ListOf(args[0])  # an event stream is read as the list of its events
    if name in _BYTE_STREAMS and args in ([], [Primitive("bytes")]):
        return Primitive("bytes")
    if "." in name and not args and all(part.isidentifier() for part in name.split(".")):
        return UnboundRef(None, name)  # `components.Pet`: the resolver finds the doc by name
    raise UnknownType(
        ctx.loc,
        f"unknown type `{shown}` in {ctx.construct}",
        "known: string, number, boolean, any, Date, Record<string, T>, T[], links to docs",
    )


def _link(tok: Tok, ctx: CellContext) -> ParsedType:
    """A link: to another doc (a Ref), or to a web page naming a platform type."""
    parts = urlsplit(tok.href)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or "types" in path.split("/")[:-1]:
        label = tok.text.strip("<>*_ ")  # some generators leave a stray `>`: AxiosResponse>
        if label in LINKED_TYPES:
            return Primitive(LINKED_TYPES[label])
        raise UnknownType(ctx.loc, f"unknown type link [{tok.text}]({tok.href}) in {ctx.construct}")
    target = resolve_href(ctx.doc_id, path)
    if target is None:
        raise DocError(
            ctx.loc,
            f"link [{tok.text}]({tok.href}) leaves the specs folder",
            "links must point at docs inside the specs folder",
        )
    if not target.endswith((".md", ".mdx")):
        raise DocError(
            ctx.loc, f"link [{tok.text}]({tok.href}) does not point at a .md or .mdx doc"
        )
    return UnboundRef(target, tok.text)


def resolve_href(doc_id: str, href: str) -> str | None:
    """The DocId a relative link in doc `doc_id` points at, or None when it leaves the
    specs folder for good.

    Links are followed relative to the doc that holds them. A link may climb above the
    specs folder and come back down into it by name (`../models/x.md` from a doc at the
    top of a folder that was `docs/models` where the docs were written): the names it
    comes back down through are those of folders the specs folder stands for, so only
    their count matters.
    """
    if not href or href.startswith("/"):
        return None
    here = doc_id.split("/")[:-1]
    above = 0
    for part in href.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if here:
                here.pop()
            else:
                above += 1
        elif above:
            above -= 1
        else:
            here.append(part)
    if above or not here:
        return None
    return "/".join(here)
