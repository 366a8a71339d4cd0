"""TypeScript string escapes, read the way JavaScript reads them: one reader for the Type
cells, the `## Values` blocks and the examples, so the three never disagree."""

from __future__ import annotations

_SINGLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def unescape(body: str) -> str:
    """The text of a string literal's `body` (what lies between its quotes): `\\n`,
    `\\xHH`, `\\uHHHH`, `\\u{H…}`, a backslash-newline continuation; any other escaped
    character stands for itself. UTF-16 surrogate pairs (`\\uD83D\\uDE00`) become one
    character. A malformed escape raises ValueError."""
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\" or i + 1 == len(body):
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "u" and body.startswith("{", i + 2):
            end = body.find("}", i + 3)
            out.append(_code_point(body[i + 3 : end] if end > 0 else "", 6))
            i = end + 1
        elif nxt in "ux":
            width = 4 if nxt == "u" else 2
            out.append(_code_point(body[i + 2 : i + 2 + width], width, exact=True))
            i += 2 + width
        elif nxt == "\n":
            i += 2
        else:
            out.append(_SINGLE.get(nxt, nxt))
            i += 2
    return _join_surrogates("".join(out))


def _code_point(digits: str, width: int, *, exact: bool = False) -> str:
    if not digits or len(digits) > width or (exact and len(digits) != width):
        raise ValueError(f"bad escape: {digits!r}")
    if not all(c in "0123456789abcdefABCDEF" for c in digits):
        raise ValueError(f"bad escape: {digits!r}")
    value = int(digits, 16)
    if value > 0x10FFFF:
        raise ValueError(f"code point out of range: {digits!r}")
    return chr(value)


def _join_surrogates(text: str) -> str:
    """High and low surrogates side by side (how JavaScript spells characters beyond
    U+FFFF) as the one character they stand for; a lone surrogate stays as it is."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
