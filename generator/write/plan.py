"""How the output folder must change to hold what the docs say, and the diff of it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.digest import digest
from generator.write.folder import OutputRow, Scan, read_ours


@dataclass(slots=True)
class Plan:
    """How the output folder must change to hold what the docs say."""

    written: dict[str, str] = field(default_factory=dict)
    """Files to write (added or changed): path → new text."""
    added: set[str] = field(default_factory=set)
    unchanged: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    foreign: set[str] = field(default_factory=set)
    conflicts: tuple[str, ...] = ()
    """Files we would write that exist but are not ours."""
    old: dict[str, str] = field(default_factory=dict)
    """What changed and removed files hold now (for diffs)."""
    unchanged_rows: dict[str, OutputRow] = field(default_factory=dict)

    @property
    def changed(self) -> set[str]:
        return set(self.written) - self.added

    @property
    def clean(self) -> bool:
        return not (self.written or self.removed)


def unified_diff(p: Plan, label: str) -> str:
    """A unified diff from what `out` holds to what it should hold."""
    import difflib  # noqa: PLC0415 (a check that found changes, or --format json, only)

    chunks: list[str] = []
    for rel in sorted({*p.written, *p.removed}):
        before = p.old.get(rel, "")
        after = p.written.get(rel, "")
        chunks.extend(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"a/{label}/{rel}" if rel not in p.added else "/dev/null",
                tofile=f"b/{label}/{rel}" if rel in p.written else "/dev/null",
            )
        )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in chunks
    )


def plan_changes(
    paths: Iterable[str],
    rendered: Mapping[str, str],
    existing: Scan,
    recorded: Mapping[str, OutputRow],
    out: Path,
) -> Plan:
    """How the output folder `out` must change so that it holds exactly `paths`: the files
    in `rendered` (new text) and the rest as they are. Only files that may have changed
    are read: a file whose digest the cache `recorded` and whose stats still match is not."""
    paths = sorted(paths)
    plan = Plan(foreign=set(existing.foreign))
    conflicts = []
    for path in paths:
        text = rendered.get(path)
        if text is None:
            plan.unchanged.add(path)
            if path in recorded:
                plan.unchanged_rows[path] = recorded[path]
            continue
        blocker = _foreign_at(path, existing.foreign)
        if blocker:
            conflicts.append(blocker)
            continue
        if is_added(path, existing):
            plan.written[path] = text
            plan.added.add(path)
            continue
        row = recorded.get(path)
        new_digest = digest(text)
        if path not in existing.unknown and row is not None and row.digest == new_digest:
            plan.unchanged.add(path)
            plan.unchanged_rows[path] = row
            continue
        old = read_ours(out, existing, path)
        if old == text:
            plan.unchanged.add(path)
            mtime, size = existing.ours[path]
            plan.unchanged_rows[path] = OutputRow(new_digest, mtime, size)
        else:
            plan.written[path] = text
            plan.old[path] = old or ""
    plan.removed = set(existing.ours) - set(paths)
    for path in plan.removed:
        plan.old[path] = read_ours(out, existing, path) or ""
    plan.conflicts = tuple(dict.fromkeys(conflicts))
    return plan


def is_added(path: str, existing: Scan) -> bool:
    """Whether the plan for a rendered `path` adds it: no file of ours is there, and
    nothing foreign stands in its way."""
    return path not in existing.ours and not _foreign_at(path, existing.foreign)


def _foreign_at(path: str, foreign: set[str]) -> str:
    """The file not ours that stands at `path`, or where one of its folders must go (a
    file, or a symlink that would lead the write out of the package); "" when none."""
    parts = path.split("/")
    for end in range(1, len(parts) + 1):
        prefix = "/".join(parts[:end])
        if prefix in foreign:
            return prefix
    return ""
