"""Located diagnostics: every problem names the doc, the line and what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must not reach a terminal as is: C0 and C1 controls, DEL, bidi overrides and
isolates, and lone surrogates (undecodable bytes of a file name)."""


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` safe to show on a terminal or in a log: control characters, bidi overrides
    and undecodable file-name bytes are written as escapes (`\\x1b`, `\\u202e`)."""
    return _UNPRINTABLE.sub(_escape, text)


class Severity(str, Enum):
    """How bad a diagnostic is: errors stop a run, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in the specs: a doc's path relative to the specs root and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the docs, with where it is and, if known, how to fix it."""

    loc: Location
    severity: Severity
    message: str
    hint: str = ""

    def format(self, root: str = "") -> str:
        """`path:line: message` (warnings say so), with the hint on the next line; doc
        text in it is escaped, so that no doc can drive the terminal that shows it."""
        path = f"{root.rstrip('/')}/{self.loc.path}" if root else self.loc.path
        kind = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        text = printable(f"{path}:{self.loc.line}: {kind}{self.message}")
        if self.hint:
            text += f"\n  hint: {printable(self.hint)}"
        return text


def error(loc: Location, message: str, hint: str = "") -> Diagnostic:
    """An error at `loc`."""
    return Diagnostic(loc, Severity.ERROR, message, hint)


def warning(loc: Location, message: str, hint: str = "") -> Diagnostic:
    """A warning at `loc`."""
    return Diagnostic(loc, Severity.WARNING, message, hint)


class DocError(Exception):
    """Raised inside a stage to abandon one item; the stage turns it into a Diagnostic."""

    def __init__(self, loc: Location, message: str, hint: str = "") -> None:
        super().__init__(f"{loc}: {message}")
        self.diagnostic = error(loc, message, hint)


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)
