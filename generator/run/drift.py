"""What changed between two versions of one generated module, fact by fact: one `Change`
per fact (change.py), with its kind, the old and new value and a verdict for callers.
Models and their fields are compared here, enums and unions in drift_members.py."""

from __future__ import annotations

import difflib
from dataclasses import replace

from generator.run.change import BREAKING, COMPATIBLE, DOCUMENTATION, MAY_BREAK, Change
from generator.run.drift_members import alias_changes, enum_changes
from generator.run.surface import FieldSurface, Surface

_PASS = "callers must now pass it, and payloads without the key no longer load"


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
    found += enum_changes(before, after, start)
    found += alias_changes(before, after, start)
    return found


def _field_changes(before: Surface, after: Surface, start: Change) -> list[Change]:
    found = _added_and_removed(before, after, start)
    for name, new in after.fields.items():
        if name in before.fields:
            found += _one_field(before.fields[name], new, start)
    found += _model_wide(before, after, start)
    return found


def _added_and_removed(before: Surface, after: Surface, start: Change) -> list[Change]:
    """Fields added, removed, and the pairs of those that are one field renamed."""
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
                anchor=new.wire,
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
                    anchor=_neighbour(f, before, after),
                    reason="code that reads or passes it fails",
                )
            )
    return found


def _neighbour(gone: FieldSurface, before: Surface, after: Surface) -> str:
    """The JSON key of the field that stood before `gone` (else after it) and is still
    there: where the removed row was."""
    names = list(before.fields)
    index = names.index(gone.name)
    for name in [*reversed(names[:index]), *names[index + 1 :]]:
        if name in after.fields:
            kept = after.fields[name]
            return kept.wire
    return ""


def _model_wide(before: Surface, after: Surface, start: Change) -> list[Change]:
    """The fields' order, and the type of the keys the docs do not list."""
    found: list[Change] = []
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
        anchor=f.wire,
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
    at = replace(start, field=new.name, anchor=new.wire)
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
    if old.wire != new.wire:
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
