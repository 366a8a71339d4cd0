"""Examples in the docs → JSON values: the `## Example Usage` TypeScript value, and the
Fields table's `Example` cells.

The TypeScript reader knows what Speakeasy examples use: object literals (unquoted keys,
trailing commas), arrays, strings in either quote (and joined by `+`), numbers,
`true`/`false`/`null`, `new Date("…")` and `new RFCDate("…")` (their text, as JSON
carries it), `BigInt(…)`, and `Enum.Member` references (kept as `EnumMember` for the
resolver to look up). Anything else (`await openAsBlob(…)`, streams) means the doc has
no usable example: `None`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, TypeAlias

from generator.ir import JSON, EnumMember, Example
from generator.parse import jsstrings


class _Unreadable(Exception):
    pass


def example_value(code: str | None) -> Example:
    """The value an `## Example Usage` block assigns (`let value: T = …;`), or None."""
    if not code:
        return None
    try:
        toks = _lex(code)
        start = _assignment(toks)
        if start is None:
            return None
        value, end = _Reader(toks).value(start)
        if end < len(toks) and toks[end] != (";", ";"):
            return None
    except (_Unreadable, IndexError, RecursionError):
        return None
    return value if _usable(value) else None


def cell_value(text: str | None, as_text: bool) -> JSON:
    """An Example cell's value: JSON when it reads as JSON (unless the field holds text,
    `as_text`, and the cell is not a quoted string), else the cell's text itself."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    if as_text and not text.startswith('"'):
        return text
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return text
    return value if _usable(value) else None


MAX_EXAMPLE_DEPTH = 64
"""Examples nested deeper than this are not used (no model nests so deep)."""


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _usable(value: Example) -> bool:
    """No deeper than MAX_EXAMPLE_DEPTH, and no number a JSON payload cannot carry
    (`1e309` reads as infinity)."""
    todo: list[tuple[Example, int]] = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if depth > MAX_EXAMPLE_DEPTH:
            return False
        if isinstance(item, float) and not math.isfinite(item):
            return False
        if isinstance(item, dict):
            todo.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            todo.extend((v, depth + 1) for v in item)
    return True


Tok: TypeAlias = tuple[str, Any]


_ASCII_LEXEME = re.compile(
    r"[\t\n\x0b\x0c\r\x1c-\x1f ]*"  # what str.isspace() is in ASCII
    + "(?:"
    + "|".join(
        (
            r"(?P<comment>//[^\n]*|/\*(?:[\s\S]*?\*/|[\s\S]*))",
            r"(?P<string>\"[^\"\\]*\"|'[^'\\]*'|`(?:[^`\\$]|\$(?!\{))*`)",
            r"(?P<quote>[\"'`])",
            r"(?P<number>(?:[0-9]|\.(?=[0-9]))(?:[A-Za-z0-9._]|(?<=[eE])[+-])*)",
            r"(?P<name>[A-Za-z_$][A-Za-z0-9_$]*)",
            r"(?P<punct>[\s\S])",
        )
    )
    + ")?"
)
"""One lexeme of ASCII code and the space before it, as `_lex_any` reads them, matched
at C speed; a string without escapes (or, in a template, `${`) is its own lexeme."""


def _lex(code: str) -> list[Tok]:
    """(kind, value) lexemes: name, string, number, and punctuation as itself."""
    if not code.isascii():
        return _lex_any(code)
    out: list[Tok] = []
    i, end = 0, len(code)
    match = _ASCII_LEXEME.match
    while i < end:
        lexeme = match(code, i)
        assert lexeme is not None  # every group is optional
        kind = lexeme.lastgroup
        if kind == "quote":
            value, i = _string(code, lexeme.start(kind))
            out.append(("string", value))
            continue
        i = lexeme.end()
        if kind == "string":
            out.append(("string", lexeme.group(kind)[1:-1]))
        elif kind == "name":
            out.append(("name", lexeme.group(kind)))
        elif kind == "number":
            out.append(("number", _number(lexeme.group(kind).replace("_", ""))))
        elif kind == "punct":
            ch = lexeme.group(kind)
            out.append((ch, ch))
    return out


def _lex_any(code: str) -> list[Tok]:
    """`_lex` for code of any characters (`isspace`, `isdigit`, `isalpha` as Python has
    them for all of Unicode), one character at a time."""
    out: list[Tok] = []
    i = 0
    while i < len(code):
        ch = code[i]
        if ch.isspace():
            i += 1
        elif code.startswith("//", i):
            end = code.find("\n", i)
            i = len(code) if end < 0 else end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            i = len(code) if end < 0 else end + 2
        elif ch in "\"'`":
            value, i = _string(code, i)
            out.append(("string", value))
        elif ch.isdigit() or (ch == "." and code[i + 1 : i + 2].isdigit()):
            j = i
            while j < len(code) and (
                code[j].isalnum() or code[j] in "._" or (code[j] in "+-" and code[j - 1] in "eE")
            ):
                j += 1
            out.append(("number", _number(code[i:j].replace("_", ""))))
            i = j
        elif ch.isalpha() or ch in "_$":
            j = i
            while j < len(code) and (code[j].isalnum() or code[j] in "_$"):
                j += 1
            out.append(("name", code[i:j]))
            i = j
        else:
            out.append((ch, ch))
            i += 1
    return out


def _string(code: str, start: int) -> tuple[str, int]:
    """A quoted string starting at `start` and the index after it; a template literal
    with `${…}` or a malformed escape makes the example unreadable."""
    quote = code[start]
    close = code.find(quote, start + 1)
    body = code[start + 1 : close]
    if close > 0 and "\\" not in body and (quote != "`" or "${" not in body):
        return body, close + 1  # no escape to undo, no substitution
    i = start + 1
    while i < len(code) and code[i] != quote:
        if quote == "`" and code.startswith("${", i):
            raise _Unreadable  # a template with substitutions: not a literal
        i += 2 if code[i] == "\\" else 1
    if i >= len(code):
        raise _Unreadable
    try:
        return jsstrings.unescape(code[start + 1 : i]), i + 1
    except ValueError:
        raise _Unreadable from None


def _number(text: str) -> int | float:
    try:
        if text.lower().startswith(("0x", "0o", "0b")):
            return int(text, 0)
        if text.endswith("n"):
            return int(text[:-1])
        if any(c in text for c in ".eE"):
            return float(text)
        return int(text)
    except ValueError:
        raise _Unreadable from None


def _assignment(toks: list[Tok]) -> int | None:
    """Where the value starts in `let value: T = …` (or `const`, `var`)."""
    for i, (kind, text) in enumerate(toks):
        if kind == "name" and text in ("let", "const", "var"):
            for j in range(i + 1, len(toks)):
                if toks[j][0] == "=":
                    return j + 1
                if toks[j][0] == ";":
                    break
    return None


_MAX_DEPTH = 200


class _Reader:
    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self.depth = 0

    def value(self, i: int) -> tuple[Example, int]:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _Unreadable
        try:
            return self._value(i)
        finally:
            self.depth -= 1

    def _value(self, i: int) -> tuple[Example, int]:
        kind, text = self.toks[i]
        if kind == "{":
            return self.object(i + 1)
        if kind == "[":
            return self.array(i + 1)
        if kind == "string":
            return self.string(i)
        if kind == "number":
            return text, i + 1
        if kind == "-" and self.toks[i + 1][0] == "number":
            return -self.toks[i + 1][1], i + 2
        if kind == "name":
            return self.named(i)
        raise _Unreadable

    def string(self, i: int) -> tuple[Example, int]:
        """A string, or strings joined by `+` (prettier splits a long one so: `"a\\n" +`
        then `"b"` on the next line)."""
        parts = [self.toks[i][1]]
        i += 1
        while self.toks[i][0] == "+" and self.toks[i + 1][0] == "string":
            parts.append(self.toks[i + 1][1])
            i += 2
        return "".join(parts), i

    def named(self, i: int) -> tuple[Example, int]:
        text = self.toks[i][1]
        if text in ("true", "false"):
            return text == "true", i + 1
        if text in ("null", "undefined"):
            return None, i + 1
        if text == "new" and self.toks[i + 1][1] in ("Date", "RFCDate"):
            return self.call_argument(i + 2, str)
        if text == "BigInt":
            value, end = self.call_argument(i + 1, object)
            return _number(str(value)), end
        if self.toks[i + 1][0] == "." and self.toks[i + 2][0] == "name":
            if self.toks[i + 3][0] not in ("(", "."):
                return EnumMember(text, self.toks[i + 2][1]), i + 3
        raise _Unreadable

    def call_argument(self, i: int, kind: type) -> tuple[Example, int]:
        if self.toks[i][0] != "(":
            raise _Unreadable
        value, end = self.value(i + 1)
        if self.toks[end][0] != ")" or not isinstance(value, kind):
            raise _Unreadable
        return value, end + 1

    def object(self, i: int) -> tuple[Example, int]:
        out: dict[str, Example] = {}
        while self.toks[i][0] != "}":
            kind, key = self.toks[i]
            if kind not in ("name", "string", "number") or self.toks[i + 1][0] != ":":
                raise _Unreadable
            out[str(key)], i = self.value(i + 2)
            if self.toks[i][0] == ",":
                i += 1
            elif self.toks[i][0] != "}":
                raise _Unreadable
        return out, i + 1

    def array(self, i: int) -> tuple[Example, int]:
        out: list[Example] = []
        while self.toks[i][0] != "]":
            item, i = self.value(i)
            out.append(item)
            if self.toks[i][0] == ",":
                i += 1
            elif self.toks[i][0] != "]":
                raise _Unreadable
        return out, i + 1
