"""Located diagnostics: every problem names the doc, the line and what was expected."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from generator.record import record

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


@record(order=True)
class Location:
    """A place in the specs: a doc's path relative to the specs root and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@record
class Diagnostic:
    """One problem found in the docs, with where it is and, if known, how to fix it.

    `code` names the kind of problem (`missing-doc`, `unknown-type`, `example-key`…), for
    tools reading `--format json` and so that many warnings of one kind can be shown as a
    group; an error whose kind is not more particular is `malformed-doc`. `setting` is the
    configuration line that would resolve it, when one would. An error in a doc that was
    left out of the package (`left_out`, with --allow-unknown) does not stop the run."""

    loc: Location
    severity: Severity
    message: str
    hint: str = ""
    code: str = ""
    setting: str = ""
    left_out: bool = False
    if_allowed: Diagnostic | None = None
    """What this error becomes with --allow-unknown (a warning): the parser records both,
    and resolve/policies.py decides which one the run reports (`decide`)."""

    @property
    def blocking(self) -> bool:
        """True for an error that stops the run."""
        return self.severity is Severity.ERROR and not self.left_out

    def format(self, root: str = "") -> str:
        """`path:line: message` (warnings and errors of left-out docs say so), with the
        hint on the next line; doc text in it is escaped, so that no doc can drive the
        terminal that shows it."""
        path = f"{root.rstrip('/')}/{self.loc.path}" if root else self.loc.path
        kind = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        if self.left_out:
            kind = "left out (--allow-unknown): "
        text = printable(f"{path}:{self.loc.line}: {kind}{self.message}")
        if self.hint:
            text += f"\n  hint: {printable(self.hint)}"
        return text


MALFORMED = "malformed-doc"
"""The code of an error in a doc's own Markdown that no more particular code names."""


def error(loc: Location, message: str, hint: str = "", code: str = MALFORMED) -> Diagnostic:
    """An error at `loc`, of the kind `code`."""
    return Diagnostic(loc, Severity.ERROR, message, hint, code)


def warning(
    loc: Location, message: str, hint: str = "", code: str = "", setting: str = ""
) -> Diagnostic:
    """A warning at `loc`, of the kind `code`."""
    return Diagnostic(loc, Severity.WARNING, message, hint, code, setting)


class DocError(Exception):
    """Raised inside a stage to abandon one item; the stage turns it into a Diagnostic."""

    code = MALFORMED

    def __init__(self, loc: Location, message: str, hint: str = "") -> None:
        super().__init__(f"{loc}: {message}")
        self.diagnostic = error(loc, message, hint, self.code)


def left_out_docs(diagnostics: Iterable[Diagnostic]) -> tuple[str, ...]:
    """The docs that were left out of the package because of their errors, sorted."""
    return tuple(sorted({d.loc.path for d in diagnostics if d.left_out}))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error that stops the run."""
    return any(d.blocking for d in diagnostics)


def has_errors_whatever_allowed(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when a diagnostic is an error that stops the run with or without
    --allow-unknown (as the parser sees them, before the policy decides)."""
    return any(d.blocking and d.if_allowed is None for d in diagnostics)
