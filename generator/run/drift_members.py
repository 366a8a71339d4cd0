"""What changed in an enum (values, member names, open or closed) or a union alias
(members, discriminator) between two versions of its module."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from generator.run.change import BREAKING, COMPATIBLE, MAY_BREAK, Change
from generator.run.surface import Surface


def enum_changes(before: Surface, after: Surface, start: Change) -> list[Change]:
    """Values added, removed or changed (a member's value, or a value's member name),
    and whether the enum is open."""
    if before.kind != "enum":
        return []
    new_by_value = {v: m for m, v in after.values.items()}
    found = [
        change
        for member, value in after.values.items()
        if (change := _new_member(member, value, before, new_by_value, start)) is not None
    ]
    for member, value in before.values.items():
        if value not in new_by_value and after.values.get(member, value) == value:
            found.append(
                replace(
                    start,
                    kind="enum-value-removed",
                    field=member,
                    old=value,
                    severity=BREAKING,
                    anchor=neighbour(list(before.values.values()), value, new_by_value),
                    reason="payloads with it no longer load; code using the member fails",
                )
            )
    if before.open != after.open:
        found.append(_openness(before.open, start))
    return found


def neighbour(old: list[str], gone: str, new: Collection[str]) -> str:
    """The item that stood before `gone` in `old` (else after it) and is still in `new`:
    an enum value's source, or a union member's index in `new`."""
    index = old.index(gone)
    for item in [*reversed(old[:index]), *old[index + 1 :]]:
        if item in new:
            return str(list(new).index(item)) if isinstance(new, tuple) else item
    return ""


def _new_member(
    member: str, value: str, before: Surface, new_by_value: dict[str, str], start: Change
) -> Change | None:
    """What one member of the new enum is to the old one: the same, renamed, holding
    another value, or new."""
    old_by_value = {v: m for m, v in before.values.items()}
    old_value = before.values.get(member)
    at = replace(start, kind="enum-value-changed", field=member, anchor=value, severity=BREAKING)
    if value in old_by_value:
        if old_by_value[value] == member or member in before.values:
            return None
        return replace(
            at,
            old=f"{old_by_value[value]} = {value}",
            new=f"{member} = {value}",
            reason="code using the old member name fails",
        )
    if old_value is not None and old_value not in new_by_value:
        return replace(
            at,
            old=old_value,
            new=value,
            reason=f"{member} reads and writes another value; payloads with {old_value} "
            "no longer load",
        )
    return _value_added(member, value, before.open, start)


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


def alias_changes(before: Surface, after: Surface, start: Change) -> list[Change]:
    """Members added or removed, or (for an alias that is no union) the type it names."""
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
    added = replace(
        start,
        kind="union-member-added",
        severity=MAY_BREAK,
        reason=f"may break exhaustive matching: code handling every member of {start.model} "
        "misses it",
    )
    removed = replace(
        start,
        kind="union-member-removed",
        severity=BREAKING,
        reason="payloads of that member no longer load; code building it fails type checks",
    )
    found = [
        replace(added, new=member, anchor=str(index))
        for index, member in enumerate(after.members)
        if member not in before.members
    ]
    found += [
        replace(removed, old=m, anchor=neighbour(list(before.members), m, after.members))
        for m in before.members
        if m not in after.members
    ]
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
