"""Doc text → Python source text: string literals, docstrings and comments.

Everything a doc says reaches generated code through these functions, so this is where
untrusted text is escaped. What they return is already in the form black gives it: double
quotes unless single quotes need fewer escapes, lower-case hex escapes, docstrings with no
leading or trailing quote or space.
"""

from __future__ import annotations

import functools
import re

LINE_LENGTH = 88


def _escape_char(ch: str) -> str:
    """`ch` as it must appear inside a string literal: backslash doubled, anything not
    printable (controls, NUL, line and paragraph separators, bidi marks) as an escape."""
    if ch == "\\":
        return "\\\\"
    if ch.isprintable():
        return ch
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape_text(text: str) -> str:
    """`text` with every character made safe inside a string literal (quotes untouched)."""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escape_char(ch) for ch in text)


@functools.lru_cache(maxsize=1 << 15)  # JSON keys and literals come back in every module
def py_str(value: str) -> str:
    """A Python string literal for `value`, quoted the way black prefers."""
    body = escape_text(value)
    quote = "'" if value.count('"') > value.count("'") else '"'
    return quote + body.replace(quote, "\\" + quote) + quote


def comment(text: str) -> str:
    """`text` made safe for a `#` comment: one line, nothing unprintable."""
    return escape_text(text)


def wrap(text: str, width: int, first_width: int | None = None) -> list[str]:
    """Lines of at most `width` characters (`first_width` for the very first) where words
    allow. The text's own line breaks stay where lines fit; the overflow of a long line
    flows into the next line of the same paragraph, as a person would rewrap it. List
    items keep their hanging indent; long words (URLs) are never split."""
    out: list[str] = []
    carry, carry_indent = "", ""
    for source_line in text.split("\n"):
        line = source_line
        if carry and line.strip() and not _starts_block(line):
            line = carry_indent + carry + " " + line.strip()
        elif carry:
            out.extend(_fill(carry, width, carry_indent, carry_indent))
        carry = ""
        limit = first_width if first_width is not None and not out else width
        if len(line) <= limit:
            out.append(line)
            continue
        body = line.lstrip(" ")
        lead = " " * (len(line) - len(body))
        hang = lead + _hanging_indent(body)
        first, *rest = _fill(body, limit, lead, hang)
        out.append(first)
        carry, carry_indent = " ".join(part.strip() for part in rest), hang
    if carry:
        out.extend(_fill(carry, width, carry_indent, carry_indent))
    return out


def _fill(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy filling as `textwrap.wrap` does it with long words kept whole and spaces
    kept as written (the text holds no tabs or newlines here), only faster."""
    width = max(width, 20)
    chunks = [c for c in _SPACES.split(text) if c]
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        indent = rest if lines else first
        room = width - len(indent)
        if lines and chunks[-1].isspace():
            chunks.pop()
        line: list[str] = []
        used = 0
        while chunks and used + len(chunks[-1]) <= room:
            used += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and not line and len(chunks[-1]) > room:
            line.append(chunks.pop())
        if line and line[-1].isspace():
            line.pop()
        if line:
            lines.append(indent + "".join(line))
    return lines or [first.rstrip()]


_SPACES = re.compile(r"( +)")


def _starts_block(line: str) -> bool:
    """Lines a rewrapped paragraph must not flow into: list items, quotes, fences, tables."""
    body = line.lstrip()
    return bool(_hanging_indent(body)) or body.startswith((">", "```", "|", "#"))


def _hanging_indent(line: str) -> str:
    """The indent continuation lines of a list item need: two spaces for `- `, and so on."""
    head = line.split(" ", 1)[0]
    if head in ("-", "*", "+") or (head[:-1].isdigit() and head[-1:] in (".", ")")):
        return " " * (len(head) + 1)
    return ""


@functools.lru_cache(maxsize=1 << 15)  # many fields share their description across docs
def docstring(text: str, indent: int, line_length: int = LINE_LENGTH) -> str:
    """A triple-quoted docstring for `text`, for a body indented by `indent` spaces.

    Lines are measured as written (escapes included) and kept within `line_length` where
    words allow. A docstring of one line keeps its quotes on that line; one of several
    lines starts right after the opening quotes and ends with the closing quotes on their
    own line.
    """
    escaped = "\n".join(_escape_quotes(escape_text(line)) for line in text.strip().split("\n"))
    width = line_length - indent
    if "\n" not in escaped and len(_pad_quotes(escaped)) + 6 <= width:
        return f'"""{_pad_quotes(escaped)}"""'
    lines = wrap(escaped, width, width - 3)
    if len(lines) == 1:  # fits beside one quote but not two: break it earlier
        lines = wrap(escaped, width, width - 6)
    if len(lines) == 1:  # one unbreakable word: black keeps it on one line, however long
        return f'"""{_pad_quotes(lines[0])}"""'
    lines[0] = _pad_quotes(lines[0], end=False)
    lines[1:] = _dedent(lines[1:])  # as black does: the lines after the first share no indent
    pad = " " * indent
    body = "\n".join(pad + line if line else "" for line in lines[1:])
    return f'"""{lines[0]}\n{body}\n{pad}"""'


def _dedent(lines: list[str]) -> list[str]:
    margins = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(margins, default=0)
    return [line[cut:] for line in lines]


def _pad_quotes(text: str, end: bool = True) -> str:
    """A space between the text and the docstring's quotes where the text has a quote."""
    if text.startswith('"'):
        text = " " + text
    if end and text.endswith('"'):
        text += " "
    return text


def _escape_quotes(line: str) -> str:
    """Escape every quote in a run of three or more, so no run can close the docstring."""
    if '"""' not in line:
        return line
    out: list[str] = []
    run = 0
    i = 0
    while i <= len(line):
        if i < len(line) and line[i] == '"':
            run += 1
        else:
            if run:
                out.append('\\"' * run if run >= 3 else '"' * run)
                run = 0
            if i < len(line):
                out.append(line[i])
        i += 1
    return "".join(out)
