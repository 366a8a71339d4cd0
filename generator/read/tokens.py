"""The markdown-it-py parsers the reader uses: commonmark with tables and inline HTML, made
faster on the table-heavy docs SDKs publish (a plain row splitter, a fast path for inline
text without markup, block tokens built without the dataclass constructor). The block
parser leaves inline content to the reader, which parses each distinct content once.
Nothing here changes markdown-it-py itself.
"""

from __future__ import annotations

import functools
import importlib
import re
import types
from collections.abc import Callable
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token


def split_row(string: str) -> list[str]:
    """A table row's cells, split as markdown-it-py splits them: at each `|` that does not
    follow a backslash (`\\|` keeps the pipe and drops the backslash). It visits only the
    pipes, not every character: generated docs pad cells to thousands of characters."""
    result: list[str] = []
    current, last = "", 0
    pos = string.find("|")
    while pos != -1:
        if pos > 0 and string[pos - 1] == "\\":
            current += string[last : pos - 1]
            last = pos
        else:
            result.append(current + string[last:pos])
            current, last = "", pos + 1
        pos = string.find("|", pos + 1)
    result.append(current + string[last:])
    return result


def _fast_table_rule() -> Callable[[Any, int, int, bool], bool]:
    """markdown-it-py's own table rule, calling `split_row` where it calls its splitter,
    which walks every character in Python and was most of the time spent parsing padded
    tables. A copy of the rule with its own globals: markdown-it-py itself is untouched."""
    table_rule: Any = importlib.import_module("markdown_it.rules_block.table")
    rule = table_rule.table
    fast: Callable[[Any, int, int, bool], bool] = types.FunctionType(
        rule.__code__,
        {**vars(table_rule), "escapedSplit": split_row},
        rule.__name__,
        rule.__defaults__,
        rule.__closure__,
    )
    return fast


_INLINE_MARKUP = frozenset("\n\\`~*_[]!<&")
"""Every character at which an inline rule of the commonmark preset can start (newline,
escape, code span, strikethrough, emphasis, link, image, autolink and HTML, entity):
inline text without any of them is one plain text token."""


def simple_inline(content: str) -> list[Token] | None:
    """markdown-it's inline tokens for the three shapes that fill most cells — plain text,
    one code span (`` `clientId` ``), one emphasised word group (`*string*`) — or None for
    anything else. tests/test_markdown.py checks it against markdown-it's own inline
    parser on random text."""
    if _INLINE_MARKUP.isdisjoint(content):
        return [Token("text", "", 0, content=content)] if content else []
    if len(content) < 3:
        return None
    first, inner, last = content[0], content[1:-1], content[-1]
    if inner[0].isspace() or inner[-1].isspace():
        return None
    if first == last == "`" and "`" not in inner and "\n" not in inner:
        return [Token("code_inline", "code", 0, content=inner, markup="`")]
    if first == last == "*" and _INLINE_MARKUP.isdisjoint(inner):
        return [
            Token("em_open", "em", 1, markup="*"),
            Token("text", "", 0, content=inner, level=1),
            Token("em_close", "em", -1, markup="*"),
        ]
    return None


def _inline_rule(state: Any) -> None:
    """markdown-it's core `inline` rule, skipping its parser for `simple_inline` shapes
    (two thirds of the inline tokens of SDK docs; the parser walks them in Python)."""
    md = state.md
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        simple = simple_inline(token.content)
        if simple is None:
            md.inline.parse(token.content, md, state.env, token.children)
        else:
            token.children.extend(simple)


@functools.cache
def parser() -> MarkdownIt:
    """The one markdown-it parser: commonmark with tables and inline HTML, made faster on
    table-heavy docs. Built on first use, and its rule changes are its own: importing this
    module changes nothing, in markdown-it-py or elsewhere."""
    md = _with_fast_tables()
    md.core.ruler.at("inline", _inline_rule)
    if hasattr(md.inline, "terminator_re"):  # markdown-it-py >= 4.1
        # Its text rule stops at every character any plugin might want (`:`, `-`, `=`, `{`,
        # …) and then tries each rule there in turn; stop only where an enabled rule can start.
        md.inline.terminator_re = re.compile("[" + re.escape("".join(sorted(_INLINE_MARKUP))) + "]")
    return md


@functools.cache
def block_parser() -> MarkdownIt:
    """`parser()` without its core `inline` and `text_join` rules: the block tokens only,
    each `inline` token left without children. The reader parses an inline token's content
    when it reads it (`markdown.py`), through `parser()`, once per distinct content."""
    md = _with_fast_tables()
    md.core.ruler.disable(["inline", "text_join"])
    md.block.parse = functools.partial(_parse_blocks, md.block)  # type: ignore[method-assign]
    return md


TOKEN_FIELDS = (
    "type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup",
    "info", "meta", "block", "hidden",
)  # fmt: skip
"""markdown-it's `Token` fields, which `_BlockState.push` sets (a test checks the list)."""


class _BlockState(StateBlock):
    """markdown-it's block state, whose `push` builds the token field by field: the same
    token as `Token(type, tag, nesting)` with `block` and `level` set, for half the time
    of the dataclass constructor (a doc makes a token per table cell and three more)."""

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        token = _new_token(Token)
        token.type = ttype
        token.tag = tag
        token.nesting = nesting
        token.attrs = {}
        token.map = None
        token.children = None
        token.content = ""
        token.markup = ""
        token.info = ""
        token.meta = {}
        token.block = True
        token.hidden = False
        if nesting < 0:
            self.level -= 1  # closing tag
        token.level = self.level
        if nesting > 0:
            self.level += 1  # opening tag
        self.tokens.append(token)
        return token


_new_token = Token.__new__


def _parse_blocks(
    parser: Any, src: str, md: MarkdownIt, env: Any, out: list[Token]
) -> list[Token] | None:
    """`ParserBlock.parse`, with `_BlockState` for its state."""
    if not src:
        return None
    state = _BlockState(src, md, env, out)
    parser.tokenize(state, state.line, state.lineMax)
    return state.tokens


def _normalize_rule(rule: Callable[[Any], None]) -> Callable[[Any], None]:
    """markdown-it's core `normalize` rule (CR and CRLF to LF, NUL to U+FFFD), run only on
    text that holds a CR or a NUL: the reader has already turned line ends into LF, and
    the rule's two regex passes over every doc cost more than the check."""

    def normalize(state: Any) -> None:
        if "\r" in state.src or "\0" in state.src:
            rule(state)

    return normalize


def _with_fast_tables() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    (plain,) = [r for r in md.core.ruler.getRules("") if r.__name__ == "normalize"]
    md.core.ruler.at("normalize", _normalize_rule(plain))
    # `alt`: as in markdown-it-py's block parser, a table may interrupt these
    md.block.ruler.at("table", _fast_table_rule(), {"alt": ["paragraph", "reference"]})
    return md
