"""What changed between two versions of one generated module, fact by fact: one `Change`
per fact, with its kind, the old and new value and a verdict for callers.

Severities: `breaking` (code or payloads that worked stop working), `may-break` (code
that handles every case, such as a `match` over an enum's members, may miss the new one),
`compatible` (additions) and `documentation` (docstrings only; checked on the AST).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from generator.run.surface import FieldSurface, Surface, base_type

BREAKING, MAY_BREAK, COMPATIBLE, DOCUMENTATION = (
    "breaking",
    "may-break",
    "compatible",
    "documentation",
)

_PASS = "callers must now pass it, and payloads without the key no longer load"


@dataclass(frozen=True, slots=True)
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
    """How exact `line` is: `exact` (the row, value or member), `heading` (what the change
    removed is gone from the doc: its `# Name` line), `doc` (no line: the doc is gone)."""
    anchor: str = ""
    """What to look for in the doc: a field's JSON key, an enum value, a member's index."""
    via: str = ""
    """For a change seen through a type a field uses: that type's name."""

    @property
    def breaking(self) -> bool:
        return self.severity == BREAKING

    @property
    def where(self) -> str:
        """`doc:line`, or the doc alone when the line is not known."""
        return f"{self.doc}:{self.line}" if self.doc and self.line else self.doc


def compare(before: Surface | None, after: Surface | None, module: str) -> list[Change]:
    """Every change from `before` to `after` (None: the module is new or gone)."""
    if after is None and before is None:
        return []
    if before is None:
        assert after is not None
        return [_model_change(after, "model-added", COMPATIBLE, "", module)]
    if after is None:
        reason = f"code that imports {before.name} fails"
        return [_model_change(before, "model-removed", BREAKING, reason, module)]
    start = Change("", after.name or before.name, module=module, doc=after.doc or before.doc)
    found = _compare(before, after, start)
    if found:
        return found
    if before.code == after.code:
        return [replace(start, kind="documentation", severity=DOCUMENTATION)]
    what = "from_dict/to_dict" if before.contract != after.contract else "the module's code"
    reason = f"{what} changed in a way no other line here explains; read the diff"
    return [replace(start, kind="code-changed", severity=MAY_BREAK, reason=reason)]


def _model_change(s: Surface, kind: str, severity: str, reason: str, module: str) -> Change:
    return Change(
        kind,
        s.name,
        old=s.kind if kind == "model-removed" else "",
        new=s.kind if kind == "model-added" else "",
        severity=severity,
        reason=reason,
        module=module,
        doc=s.doc,
    )


def _compare(before: Surface, after: Surface, start: Change) -> list[Change]:
    if before.kind != after.kind:
        reason = f"a {before.kind} became a {after.kind}: code using it as before fails"
        return [
            replace(
                start,
                kind="type-changed",
                old=before.kind,
                new=after.kind,
                severity=BREAKING,
                reason=reason,
            )
        ]
    found: list[Change] = []
    if before.name != after.name:
        found.append(
            replace(
                start,
                kind="likely-renamed",
                old=before.name,
                new=after.name,
                severity=BREAKING,
                reason=f"code that imports {before.name} fails",
            )
        )
    found += _field_changes(before, after, start)
    found += _enum_changes(before, after, start)
    found += _alias_changes(before, after, start)
    return found


def _field_changes(before: Surface, after: Surface, start: Change) -> list[Change]:
    found: list[Change] = []
    added = [f for name, f in after.fields.items() if name not in before.fields]
    removed = [f for name, f in before.fields.items() if name not in after.fields]
    renamed = _pair_renames(removed, added)
    for old, new in renamed:
        found.append(
            replace(
                start,
                kind="likely-renamed",
                field=new.name,
                old=old.name,
                new=new.name,
                severity=BREAKING,
                anchor=new.wire or new.name,
                reason=f"same type and place, similar name: code using `{old.name}` fails",
            )
        )
    paired = {id(f) for pair in renamed for f in pair}
    for f in added:
        if id(f) not in paired:
            found.append(_added(f, start))
    for f in removed:
        if id(f) not in paired:
            found.append(
                replace(
                    start,
                    kind="field-removed",
                    field=f.name,
                    old=_shown(f),
                    severity=BREAKING,
                    anchor=f.wire or f.name,
                    reason="code that reads or passes it fails",
                )
            )
    for name, new in after.fields.items():
        if name in before.fields:
            found += _one_field(before.fields[name], new, start)
    common = [name for name in before.fields if name in after.fields]
    moved = sorted(common, key=lambda name: after.fields[name].position)
    if moved != common:
        found.append(
            replace(
                start,
                kind="fields-reordered",
                old=", ".join(common),
                new=", ".join(moved),
                reason="attributes are keyword-only, so no call changes; repr() and "
                "to_dict() list them in the new order",
            )
        )
    if before.extra != after.extra:
        found.append(
            replace(
                start,
                kind="type-changed",
                field="additional_properties",
                old=before.extra or "(none)",
                new=after.extra or "(none)",
                severity=BREAKING,
                reason="the keys the docs do not list are read as another type",
            )
        )
    return found


def _shown(f: FieldSurface) -> str:
    return f"{f.annotation} ({'required' if f.required else 'optional'})"


def _added(f: FieldSurface, start: Change) -> Change:
    if f.required:
        severity, reason = BREAKING, _PASS
    else:
        severity, reason = COMPATIBLE, "a new optional field"
    return replace(
        start,
        kind="field-added",
        field=f.name,
        new=_shown(f),
        severity=severity,
        reason=reason,
        anchor=f.wire or f.name,
    )


def _pair_renames(
    removed: list[FieldSurface], added: list[FieldSurface]
) -> list[tuple[FieldSurface, FieldSurface]]:
    """Removed and added fields that are most likely one field renamed: the same
    annotation and required flag, and the same place or a similar name."""
    pairs: list[tuple[FieldSurface, FieldSurface]] = []
    free = list(added)
    for old in removed:
        best, best_score = None, 0.0
        for new in free:
            if (new.annotation, new.required) != (old.annotation, old.required):
                continue
            similar = similarity(old.name, new.name)
            same_place = new.position == old.position
            if similar < (0.3 if same_place else 0.6):
                continue
            score = similar + (1.0 if same_place else 0.0)
            if score > best_score:
                best, best_score = new, score
        if best is not None:
            pairs.append((old, best))
            free.remove(best)
    return pairs


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1, case and underscores aside."""
    a, b = a.replace("_", "").lower(), b.replace("_", "").lower()
    return difflib.SequenceMatcher(None, a, b).ratio()


def _one_field(old: FieldSurface, new: FieldSurface, start: Change) -> list[Change]:
    """One line per fact: a required flag that changed alone is not also a type change."""
    at = replace(start, field=new.name, anchor=new.wire or new.name)
    found: list[Change] = []
    if old.base != new.base:
        found.append(
            replace(
                at,
                kind="type-changed",
                old=_shown(old),
                new=_shown(new),
                severity=BREAKING,
                reason="code that reads or builds it sees another type",
            )
        )
    elif old.required != new.required:
        found.append(_required_change(old, new, at))
    elif old.annotation != new.annotation:
        found.append(_null_change(old, new, at))
    elif old.default != new.default:
        found.append(
            replace(
                at,
                kind="default-changed",
                old=str(old.default),
                new=str(new.default),
                severity=MAY_BREAK,
                reason="objects built without it hold another value",
            )
        )
    if old.wire is not None and new.wire is not None and old.wire != new.wire:
        found.append(
            replace(
                at,
                kind="wire-key-changed",
                old=old.wire,
                new=new.wire,
                severity=BREAKING,
                reason="payloads with the old JSON key are no longer read, and to_dict "
                "writes the new one",
            )
        )
    return found


def _required_change(old: FieldSurface, new: FieldSurface, at: Change) -> Change:
    if new.required:
        severity, reason = BREAKING, _PASS
    else:
        absent = "absent (UNSET) or null" if "None" in new.annotation else "absent (UNSET)"
        severity, reason = BREAKING, f"code that reads it must now handle it being {absent}"
    return replace(
        at,
        kind="required-changed",
        old=_shown(old),
        new=_shown(new),
        severity=severity,
        reason=reason,
    )


def _null_change(old: FieldSurface, new: FieldSurface, at: Change) -> Change:
    """Same type and required flag, but null allowed or not (the sources say which)."""
    if "None" in new.annotation:
        reason = "code that reads it must now handle null"
    else:
        reason = "payloads holding null for it no longer load"
    return replace(
        at, kind="type-changed", old=_shown(old), new=_shown(new), severity=BREAKING, reason=reason
    )


def _enum_changes(before: Surface, after: Surface, start: Change) -> list[Change]:
    if before.kind != "enum":
        return []
    found: list[Change] = []
    old_by_value = {v: m for m, v in before.values.items()}
    new_by_value = {v: m for m, v in after.values.items()}
    for member, value in after.values.items():
        old_value = before.values.get(member)
        if value in old_by_value:
            if old_by_value[value] != member and member not in before.values:
                found.append(
                    replace(
                        start,
                        kind="enum-value-changed",
                        field=member,
                        anchor=value,
                        old=f"{old_by_value[value]} = {value}",
                        new=f"{member} = {value}",
                        severity=BREAKING,
                        reason="code using the old member name fails",
                    )
                )
        elif old_value is not None and old_value not in new_by_value:
            found.append(
                replace(
                    start,
                    kind="enum-value-changed",
                    field=member,
                    anchor=value,
                    old=old_value,
                    new=value,
                    severity=BREAKING,
                    reason=f"{member} reads and writes another value; payloads with "
                    f"{old_value} no longer load",
                )
            )
        else:
            found.append(_value_added(member, value, before.open, start))
    for member, value in before.values.items():
        if value not in new_by_value and after.values.get(member, value) == value:
            found.append(
                replace(
                    start,
                    kind="enum-value-removed",
                    field=member,
                    old=value,
                    severity=BREAKING,
                    anchor=value,
                    reason="payloads with it no longer load; code using the member fails",
                )
            )
    if before.open != after.open:
        found.append(_openness(before.open, start))
    return found


def _value_added(member: str, value: str, is_open: bool, start: Change) -> Change:
    if is_open:
        severity, reason = COMPATIBLE, "it loaded before as UNRECOGNIZED; now it is a member"
    else:
        severity = MAY_BREAK
        reason = f"may break exhaustive matching: code handling every {start.model} misses it"
    return replace(
        start,
        kind="enum-value-added",
        field=member,
        new=value,
        severity=severity,
        reason=reason,
        anchor=value,
    )


def _openness(was_open: bool, start: Change) -> Change:
    if was_open:
        severity, reason = BREAKING, "values the docs do not list no longer load"
    else:
        severity, reason = COMPATIBLE, "values the docs do not list now load as UNRECOGNIZED"
    old, new = ("open", "closed") if was_open else ("closed", "open")
    return replace(
        start, kind="enum-openness-changed", old=old, new=new, severity=severity, reason=reason
    )


def _alias_changes(before: Surface, after: Surface, start: Change) -> list[Change]:
    same = (before.alias, before.discriminator) == (after.alias, after.discriminator)
    if before.kind != "alias" or same:
        return []
    if len(before.members) < 2 or len(after.members) < 2:
        return [
            replace(
                start,
                kind="type-changed",
                old=before.alias,
                new=after.alias,
                severity=BREAKING,
                reason="code that reads or builds it sees another type",
            )
        ]
    found: list[Change] = []
    for index, member in enumerate(after.members):
        if member not in before.members:
            found.append(
                replace(
                    start,
                    kind="union-member-added",
                    new=member,
                    anchor=str(index),
                    severity=MAY_BREAK,
                    reason="may break exhaustive matching: code "
                    f"handling every member of {start.model} misses it",
                )
            )
    for member in before.members:
        if member not in after.members:
            found.append(
                replace(
                    start,
                    kind="union-member-removed",
                    old=member,
                    severity=BREAKING,
                    reason="payloads of that member no longer load; code building it "
                    "fails type checks",
                )
            )
    if before.discriminator != after.discriminator:
        found.append(
            replace(
                start,
                kind="discriminator-changed",
                old=before.discriminator or "(none)",
                new=after.discriminator or "(none)",
                severity=BREAKING,
                reason="payloads are told apart by another key or tag",
            )
        )
    return found


def judged(change: Change, role: frozenset[str]) -> Change:
    """The verdict for a model callers only build (`built`) or only read (`read`); a
    model used both ways keeps the stricter verdict `compare` gave."""
    if len(role) != 1:
        return change
    built = "built" in role
    kind, new = change.kind, change.new
    optional_now = kind == "required-changed" and new.endswith("(optional)")
    required_now = (kind == "required-changed" and not optional_now) or (
        kind == "field-added" and new.endswith("(required)")
    )
    if (required_now and not built) or (optional_now and built):
        why = (
            "callers only read this model (it is in no request)"
            if not built
            else (
                "callers only build this model (it is in requests alone) and may now leave it out"
            )
        )
        return replace(change, severity=COMPATIBLE, reason=why)
    if kind == "type-changed" and base_type(_annotation(change.old)) == base_type(
        _annotation(change.new)
    ):
        null_now = "None" in _annotation(change.new)
        if null_now and built:
            return replace(change, severity=COMPATIBLE, reason="callers may now pass null")
        if not null_now and not built:
            return replace(change, severity=COMPATIBLE, reason="callers no longer get null")
    if built and kind in ("enum-value-added", "union-member-added"):
        reason = "callers only build this type (it is in requests alone): a new choice"
        return replace(change, severity=COMPATIBLE, reason=reason)
    return change


def _annotation(shown: str) -> str:
    """`str | None (optional)` → `str | None`."""
    return shown.rsplit(" (", 1)[0]
