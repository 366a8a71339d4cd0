"""How a run is shown: a progress bar on a terminal, diagnostics as text or JSON, the
one-line summary, the semantic summary of a check, and the diff (coloured on a terminal).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from generator.emit.conformance import wire_names_advice
from generator.errors import Diagnostic, Severity, printable
from generator.read.sources import shown_path
from generator.run.engine import Report
from generator.write.plan import Plan, unified_diff

if TYPE_CHECKING:
    from generator.run.semantic import Drift

_BAR_AFTER = 1.0
"""Seconds a run must last before the progress bar shows."""


class ProgressBar:
    """A one-line bar on stderr, shown only on a terminal and only for runs long enough to
    need one; `finish` clears it."""

    def __init__(self, enabled: bool, stream: TextIO = sys.stderr) -> None:
        self.enabled = enabled
        self.stream = stream
        self.started = time.monotonic()
        self.shown = False
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.started < _BAR_AFTER or now - self.last < 0.1:
            return
        self.last, self.shown = now, True
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{stage:<7} [{bar}] {done}/{total}")
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


GROUP_AFTER = 5
"""More warnings of one kind than this are shown as a group (unless verbose)."""
GROUP_SHOWN = 3
"""How many of a group are shown, with their places, before the count of the rest."""


def diagnostics_text(
    diags: tuple[Diagnostic, ...], specs: Path, quiet: bool, verbose: bool = False
) -> list[str]:
    """`path:line: message` lines, errors only when `quiet`. Every error is shown; of
    many warnings of one kind the first few, then how many more there are (all with
    `verbose`). Then a line of advice, when the warnings point at one setting."""
    counts = Counter(d.code for d in diags if d.severity is Severity.WARNING and d.code)
    shown: Counter[str] = Counter()
    lines: list[str] = []
    for d in diags:
        if quiet and d.severity is not Severity.ERROR:
            continue
        code = d.code if d.severity is Severity.WARNING else ""
        if not code or verbose or counts[code] <= GROUP_AFTER:
            lines.append(d.format(str(specs)))
            continue
        shown[code] += 1
        if shown[code] <= GROUP_SHOWN:
            lines.append(d.format(str(specs)))
        if shown[code] == GROUP_SHOWN:
            rest = counts[code] - GROUP_SHOWN
            lines.append(f"  … and {rest} more warnings like this [{code}] (-v shows them all)")
    advice = wire_names_advice(diags)
    if advice and not quiet:
        lines.append(f"docs2models: advice: {advice}")
    return lines


def diagnostic_json(d: Diagnostic, specs: Path) -> dict[str, Any]:
    return {
        "path": shown_path(f"{str(specs).rstrip('/')}/{d.loc.path}"),
        "line": d.loc.line,
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
        "left_out": d.left_out,
    }


def summary(report: Report, out: Path, verb: str) -> str:
    """One line: docs read, files written / unchanged / removed, and the time taken."""
    plan = report.plan or Plan()
    written = len(plan.written)
    return printable(
        f"docs2models: {report.doc_count} docs → {out}: {written} {verb}, "
        f"{len(plan.unchanged)} unchanged, {len(plan.removed)} removed "
        f"({report.seconds:.2f} s)"
    )


def peak_memory_mb() -> int:
    """The most memory this process (and any worker it waited for) held, in MiB."""
    import resource  # noqa: PLC0415 (not on Windows; asked only for -v and JSON)

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes there, KiB here
    return max(own, workers) // scale


def run_facts(report: Report) -> dict[str, Any]:
    """Why a run took what it took: its mode, how much it redid, each stage's seconds."""
    return {
        "mode": report.mode,
        "parsed": report.parsed,
        "rendered": report.rendered,
        "left_to_black": report.left_to_black,
        "stages": {stage: round(seconds, 3) for stage, seconds in report.timings.items()},
        "peak_memory_mb": peak_memory_mb(),
    }


def verbose(report: Report) -> str:
    facts = run_facts(report)
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in report.timings.items())
    return (
        f"docs2models: {report.mode} run: parsed {report.parsed}, rendered {report.rendered}"
        f", left to black: {facts['left_to_black']}; {stages}; "
        f"peak memory {facts['peak_memory_mb']} MiB"
    )


def semantic_text(found: Drift, out: Path) -> str:
    """The summary above the diff: per module what changes, marked when it breaks
    callers, with the doc and line it came from; the counts; the version bump."""
    from generator.run import drift_report  # noqa: PLC0415 (a plain generate shows no drift)

    return "\n".join(drift_report.summary_lines(found, shown_path(str(out)))) + "\n"


_COLORS = {"+": "\033[32m", "-": "\033[31m", "@": "\033[36m"}


def diff_text(plan: Plan, out: Path, color: bool, signatures: bool = False) -> str:
    """The unified diff (of signatures alone with `signatures`), control characters
    escaped, coloured for a terminal when `color`."""
    from generator.run.sigdiff import signatures_diff  # noqa: PLC0415 (check only)

    label = shown_path(out.as_posix().rstrip("/"))
    text = signatures_diff(plan, label) if signatures else unified_diff(plan, label)
    lines = []
    for line in text.splitlines():
        shown = printable(line)
        if not color:
            lines.append(shown + "\n")
        elif line.startswith(("+++", "---")):
            lines.append(f"\033[1m{shown}\033[0m\n")
        elif line[:1] in _COLORS:
            lines.append(f"{_COLORS[line[:1]]}{shown}\033[0m\n")
        else:
            lines.append(shown + "\n")
    return "".join(lines)


def json_document(
    report: Report,
    specs: Path,
    out: Path,
    command: str,
    exit_code: int,
    *,
    found: Drift | None = None,
) -> str:
    """Everything a tool needs from a run: its exit code, whether nothing is to change
    (`ok`), diagnostics, advice, the docs left out, each change with its kind, verdict
    and doc line, their counts, the version bump, the diff."""
    from generator.run import drift_report  # noqa: PLC0415 (--format json only)
    from generator.run.semantic import Drift  # noqa: PLC0415

    plan = report.plan or Plan()
    advice = wire_names_advice(report.diagnostics)
    found = found or Drift()
    payload = {
        "command": command,
        "ok": exit_code == 0 and (command != "check" or plan.clean),
        "exit_code": exit_code,
        "diagnostics": [diagnostic_json(d, specs) for d in report.diagnostics],
        "advice": [advice] if advice else [],
        "left_out": [shown_path(f"{str(specs).rstrip('/')}/{p}") for p in report.left_out],
        "summary": {
            "docs": report.doc_count,
            "written": sorted(plan.written),
            "removed": sorted(plan.removed),
            "unchanged": len(plan.unchanged),
            "conflicts": list(plan.conflicts),
            "seconds": round(report.seconds, 3),
        },
        "run": run_facts(report),
        "changes": [drift_report.change_json(c) for c in found.changes],
        "counts": found.counts(),
        "bump": found.bump(),
        "diff": unified_diff(plan, shown_path(out.as_posix().rstrip("/")))
        if command == "check"
        else "",
    }
    return json_text(payload)


def json_text(payload: Any) -> str:
    """`payload` as one JSON document and a newline: UTF-8 text as is where it can be,
    `\\u` escapes when a string holds what UTF-8 cannot (a lone surrogate, which an
    escape in a doc can give), so the output is always valid UTF-8 JSON."""
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(payload, indent=2, ensure_ascii=True)
    return text + "\n"
