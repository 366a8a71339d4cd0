"""One change to the generated package's public surface, as every output shows it: its
kind, the model and field, old and new, a verdict (severity) with its reason, and where
in the docs it came from.

Severities: `breaking` (code or payloads that worked stop working), `may-break` (code
that handles every case, such as a `match` over an enum's members, may miss the new one),
`compatible` (additions), `documentation` (docstrings only; checked on the AST), and
`affected` for a field that holds a type whose meaning changed (the type's own change
carries the verdict).
"""

from __future__ import annotations

from generator.record import record

BREAKING, MAY_BREAK, COMPATIBLE, DOCUMENTATION = (
    "breaking",
    "may-break",
    "compatible",
    "documentation",
)
AFFECTED = "affected"
"""A field whose own declaration is unchanged but whose type changed meaning (a "via"
line): the change that broke is the type's, counted there, not again here."""


@record
class Change:
    """One fact that changed in one module, with where in the docs it came from."""

    kind: str
    model: str
    field: str = ""
    old: str = ""
    new: str = ""
    severity: str = COMPATIBLE
    reason: str = ""
    module: str = ""
    """The module's path in OUT."""
    doc: str = ""
    """The doc the change came from, as the module's header names it."""
    line: int = 0
    """The doc's line (0: unknown; `doc` alone is what is known)."""
    located: str = ""
    """How exact `line` is: `exact` (the row, value or member), `near` (what was removed
    is gone from the doc: the line of its neighbour that is still there), `heading` (the
    doc's `# Name` line), `doc` (no line: the doc is gone)."""
    anchor: str = ""
    """What to look for in the doc: a field's JSON key, an enum value, a member's index;
    for what was removed, those of its neighbour that is still there."""
    via: str = ""
    """For a change seen through a type a field uses: that type's name."""

    @property
    def breaking(self) -> bool:
        return self.severity == BREAKING

    @property
    def where(self) -> str:
        """`doc:line`, or the doc alone when the line is not known."""
        return f"{self.doc}:{self.line}" if self.doc and self.line else self.doc
