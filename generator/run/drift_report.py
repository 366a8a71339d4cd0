"""How a drift is shown: one line per change for people, JSON records for tools, GitHub
annotations and a Markdown table for CI, and the version bump it needs.

Every text from the docs or the output folder goes through `printable`, as diagnostics
do, so a tampered file cannot drive the terminal (or the CI log) that shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import Diagnostic, printable
from generator.read.sources import shown_path
from generator.run.change import AFFECTED, BREAKING, DOCUMENTATION, MAY_BREAK, Change
from generator.run.semantic import Drift

_QUIET_SHOWN = 5
"""How many modules whose docstrings alone changed the summary names (JSON lists all)."""

_MARKS = {BREAKING: "   [breaking]", MAY_BREAK: "   [may break]", AFFECTED: "   [affected]"}

_TEXTS = {
    "model-added": "new {new}",
    "model-removed": "{old} removed",
    "field-added": "+ {field}: {new}",
    "field-removed": "- {field}: {old}",
    "type-changed": "~ {subject}: {old} → {new}",
    "wire-key-changed": "~ {field}: JSON key {old!r} → {new!r}",
    "default-changed": "~ {field}: default {old} → {new}",
    "fields-reordered": "~ fields reordered: {new}",
    "enum-value-added": "+ value {new}",
    "enum-value-removed": "- value {old}",
    "enum-value-changed": "~ value {field}: {old} → {new}",
    "enum-openness-changed": "~ {old} enum → {new} enum",
    "union-member-added": "+ member {new}",
    "union-member-removed": "- member {old}",
    "discriminator-changed": "~ discriminator: {old} → {new}",
    "documentation": "(documentation only: the code is unchanged)",
    "code-changed": "~ code changed, though no public fact did",
    "not-compared": "(could not compare: a version of the module is too large or not Python)",
    "changed-via": "~ {subject}: via {via}",
}


def describe(c: Change) -> str:
    """The change as one line of text, without its verdict."""
    subject = c.field or c.model
    if c.kind == "likely-renamed":
        what = f"{c.old} → {c.new}" if not c.field else f"{c.old} → {c.new}: {c.model} field"
        return f"~ {what} (likely renamed)"
    if c.kind == "required-changed":
        now = "required" if c.new.endswith("(required)") else "optional"
        return f"~ {c.field}: now {now} ({c.old} → {c.new})"
    template = _TEXTS.get(c.kind, "~ {subject}: {kind}")
    return template.format(
        field=c.field, old=c.old, new=c.new, via=c.via, subject=subject or "members", kind=c.kind
    )


def line(c: Change) -> str:
    """`text   [breaking] — reason (doc:line)`."""
    reason = f" — {c.reason}" if c.reason and c.severity != DOCUMENTATION else ""
    return printable(f"{describe(c)}{_MARKS.get(c.severity, '')}{reason}{where(c)}")


def where(c: Change) -> str:
    """` (doc:line)`, saying when the line is the doc's heading or not known."""
    if not c.doc:
        return ""
    if c.located == "near":
        return f" ({c.where}, where it was)"
    if c.located == "heading" and c.kind.endswith("-removed"):
        return f" ({c.where}, the doc's heading: the removed line is gone)"
    if not c.line:
        return f" ({c.doc}, no line: the doc is gone)"
    return f" ({c.where})"


def summary_lines(found: Drift, out: str) -> list[str]:
    """The summary above the diff: per module its changes, then the counts and the
    version bump."""
    counts = found.counts()
    modules = list(dict.fromkeys(c.module for c in found.changes))
    changed = len({c.module for c in found.direct})
    lines = [
        printable(
            f"{changed} module(s) of {out} out of date; {counts['total']} change(s), "
            f"{counts['breaking']} breaking callers, {counts['may_break']} that may"
            + (f"; {counts['via']} field(s) see a changed type:" if counts["via"] else ":")
        )
    ]
    quiet: list[str] = []
    for module in modules:
        own = [c for c in found.changes if c.module == module]
        if all(c.severity == DOCUMENTATION for c in own):
            quiet.append(module)
            continue
        lines.append(printable(f"  {module}  {own[0].model}"))
        lines.extend(f"    {line(c)}" for c in own)
    if quiet:
        shown = ", ".join(quiet[:_QUIET_SHOWN]) + (" …" if len(quiet) > _QUIET_SHOWN else "")
        lines.append(printable(f"  documentation only, the code unchanged ({len(quiet)}): {shown}"))
    if found.bump():
        lines.append(f"suggested version bump: {found.bump()} ({_why_bump(found)})")
    return lines


def _why_bump(found: Drift) -> str:
    counts = found.counts()
    if counts["breaking"]:
        return f"{counts['breaking']} breaking change(s)"
    if found.bump() == "patch":
        return "documentation only"
    return "additions and changes that keep existing callers working"


def change_json(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "model": c.model,
        "field": c.field,
        "old": c.old,
        "new": c.new,
        "severity": c.severity,
        "breaking": c.breaking,
        "reason": c.reason,
        "via": c.via,
        "module": c.module,
        "doc": c.doc,
        "line": c.line or None,
        "located": c.located,
        "text": describe(c),
    }


def _escape_data(text: str) -> str:
    """A GitHub workflow command's message: `%`, CR and LF escaped as the runner wants."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(found: Drift) -> list[str]:
    """One workflow command per change callers can see: `::error` for breaking ones,
    `::warning` for the others (documentation alone gets none)."""
    lines = []
    for c in found.changes:
        if c.severity == DOCUMENTATION:
            continue
        level = "error" if c.breaking else "warning"
        props = [f"file={_escape_property(c.doc)}"] if c.doc else []
        if c.line:
            props.append(f"line={c.line}")
        props.append(f"title={_escape_property(f'docs2models: {c.kind} in {c.model}')}")
        message = f"{describe(c)} — {c.reason}" if c.reason else describe(c)
        lines.append(printable(f"::{level} {','.join(props)}::{_escape_data(message)}"))
    return lines


def diagnostic_lines(diagnostics: tuple[Diagnostic, ...], specs: Path) -> list[str]:
    """The run's errors and warnings as workflow commands at their doc and line."""
    lines = []
    for d in diagnostics:
        level = "error" if d.blocking else "warning"
        path = shown_path(f"{str(specs).rstrip('/')}/{d.loc.path}")
        props = f"file={_escape_property(path)},line={d.loc.line}"
        title = _escape_property(f"docs2models: {d.code or d.severity.value}")
        lines.append(printable(f"::{level} {props},title={title}::{_escape_data(d.message)}"))
    return lines


def markdown_table(found: Drift, out: str) -> str:
    """The step summary: counts, the bump, and a table of the changes."""
    counts = found.counts()
    rows = [
        f"### docs2models: {out} is out of date",
        "",
        f"{counts['total']} change(s), **{counts['breaking']} breaking**, "
        f"{counts['may_break']} may break; suggested version bump: **{found.bump() or 'none'}**",
        "",
        "| | model | change | why | doc |",
        "| --- | --- | --- | --- | --- |",
    ]
    marks = {BREAKING: "❌ breaking", MAY_BREAK: "⚠️ may break", AFFECTED: "↪ affected"}
    for c in found.changes:
        if c.severity == DOCUMENTATION:
            continue
        cells = [marks.get(c.severity, ""), c.model, describe(c), c.reason, c.where]
        rows.append("| " + " | ".join(_cell(text) for text in cells) + " |")
    if counts["documentation"]:
        rows += ["", f"{counts['documentation']} more module(s): documentation only."]
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return printable(text).replace("|", "\\|")
