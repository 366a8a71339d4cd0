"""What a change to the generated package means for code that uses it: every changed
fact of every module (drift.py), a removed and an added model that are one model renamed,
the models that use a type whose meaning changed ("via TokenType"), and where in the docs
each change came from (provenance.py).

Both sides are read from the generated modules themselves (with `ast`), so the summary
describes exactly the code that `check` found out of date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.run.change import AFFECTED, BREAKING, DOCUMENTATION, MAY_BREAK, Change
from generator.run.drift import compare, similarity
from generator.run.provenance import locate
from generator.run.roles import defined_name, imports, is_module, judged, package_texts, roles
from generator.run.surface import MAX_SOURCE, Surface, doc_of, header_surface, surface
from generator.write.plan import Plan

NOT_COMPARED = "not-compared"
_NOT_CAUSES = ("model-removed", "likely-renamed", NOT_COMPARED)
"""Changes whose users are shown by changes of their own (an annotation names the new
class), or that can say nothing more."""
_VIA_DEPTH = 8
"""How far a changed type's meaning is followed through the models that use it."""


@dataclass(slots=True)
class Drift:
    """Every change a plan makes to the package's public surface."""

    changes: list[Change] = field(default_factory=list)
    """Direct changes and, after them, the "via" lines, each in module order."""

    @property
    def direct(self) -> list[Change]:
        return [c for c in self.changes if not c.via]

    def counts(self) -> dict[str, int]:
        """How many changes of each severity; `via` lines are counted apart."""
        severities = Counter(c.severity for c in self.direct)
        return {
            "total": len(self.direct),
            "breaking": severities[BREAKING],
            "may_break": severities[MAY_BREAK],
            "compatible": severities["compatible"],
            "documentation": severities[DOCUMENTATION],
            "via": len(self.changes) - len(self.direct),
        }

    def fails_on_breaking(self) -> bool:
        """Whether `--fail-on breaking` stops: a change breaks callers, or a module could
        not be compared (so nobody can say it does not)."""
        return any(c.breaking or c.kind == NOT_COMPARED for c in self.changes)

    def bump(self) -> str:
        """The version bump the change needs: major (breaking), minor (anything callers
        can see), patch (documentation only), or "" when nothing changes."""
        if not self.changes:
            return ""
        if any(c.breaking for c in self.changes):
            return "major"
        if all(c.severity == DOCUMENTATION for c in self.changes):
            return "patch"
        return "minor"


def drift(plan: Plan, out: Path, specs: Path) -> Drift:
    """What the plan changes, per module in path order, each change located in the docs."""
    before: dict[str, Surface | None] = {}
    after: dict[str, Surface | None] = {}
    found: list[Change] = []
    for path in sorted(p for p in {*plan.written, *plan.removed} if is_module(p)):
        old = plan.old.get(path) if path not in plan.added else None
        new = plan.written.get(path)
        before[path] = None if old is None else surface(old)
        after[path] = None if new is None else _new_surface(new, whole=old is not None)
        if (old is not None and before[path] is None) or (new is not None and after[path] is None):
            found.append(_not_compared(path, old, new))
            continue
        found += compare(before[path], after[path], path)
    found = _pair_renamed_models(found, before, plan.written)
    if not found:
        return Drift()
    # Roles and 'via' lines need the whole package's imports (every module read, 0.5 s
    # on 12,000 modules): only read it when a verdict or a cause asks for it.
    texts: dict[str, str] | None = None
    if any(_role_matters(c) for c in found):
        texts = package_texts(plan, out)
        role = roles(texts)
        found = [judged(c, role[c.module]) if c.module in role else c for c in found]
    found = [_same_shape(c, plan, out) if c.kind == "type-changed" else c for c in found]
    if any(_is_cause(c) for c in found):
        texts = package_texts(plan, out) if texts is None else texts
        found += _via(found, {p: t for p, t in texts.items() if p not in plan.added}, after)
    found.sort(key=lambda c: (c.module, bool(c.via)))
    return Drift(locate(found, specs))


_CLASS = re.compile(r"^[A-Z]\w*$")


def _role_matters(change: Change) -> bool:
    """Whether the verdict depends on callers building or reading the model (`judged`)."""
    return change.kind == "required-changed" or (
        change.kind == "field-added" and change.new.endswith("(required)")
    )


def _is_cause(change: Change) -> bool:
    """A change that may change what the models using its type mean (`_via`)."""
    return change.severity in (BREAKING, MAY_BREAK) and change.kind not in _NOT_CAUSES


def _same_shape(change: Change, plan: Plan, out: Path) -> Change:
    """A field that now holds another class with the same fields (the docs renamed a
    nested type): said so, since payloads load as before and only code that names the
    old class breaks."""
    olds, news = (_words_of(text) for text in (change.old, change.new))
    if len(olds) != 1 or len(news) != 1 or olds == news:
        return change
    old_text, new_text = plan.old.get(change.module), plan.written.get(change.module)
    if old_text is None or new_text is None:
        return change
    old_path = imports(change.module, old_text).get(olds[0])
    new_path = imports(change.module, new_text).get(news[0])
    if old_path is None or new_path is None:
        return change
    before, after = _read(old_path, plan, out, old=True), _read(new_path, plan, out, old=False)
    if before is None or after is None or _signature(before) != _signature(after):
        return change
    what = {"enum": "values", "alias": "members"}.get(after.kind, "fields")
    reason = (
        f"{news[0]} has the same {what} as {olds[0]}: payloads load as before, but code "
        f"that names {olds[0]} fails"
    )
    return replace(change, reason=reason)


def _words_of(shown: str) -> list[str]:
    names = re.findall(r"[A-Za-z_]\w*", shown)
    return [w for w in names if _CLASS.match(w) and w not in ("Unset", "None", "Any", "Literal")]


def _read(path: str, plan: Plan, out: Path, old: bool) -> Surface | None:
    """A module's surface before (`old`) or after the plan."""
    text = plan.old.get(path) if old else plan.written.get(path)
    if text is None and path in plan.unchanged:
        try:
            text = (out / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    return None if text is None else surface(text, fields_only=True)


def _new_surface(text: str, whole: bool) -> Surface | None:
    """A module's surface; of a new module, its name and kind from its first lines when
    they tell them (a multi-line alias does not: then it is read whole)."""
    return (None if whole else header_surface(text)) or surface(text)


def _not_compared(path: str, old: str | None, new: str | None) -> Change:
    texts = [text[:MAX_SOURCE] for text in (new, old) if text]
    name = next((n for text in texts if (n := defined_name(text))), path)
    return Change(
        NOT_COMPARED,
        name,
        severity=MAY_BREAK,
        module=path,
        doc=next((d for text in texts if (d := doc_of(text))), ""),
        reason="a version of the module is too large or not Python; read the diff",
    )


def _signature(s: Surface | None) -> tuple[object, ...]:
    if s is None:
        return ()
    fields = tuple(sorted((f.annotation, f.required, f.wire or "") for f in s.fields.values()))
    return (s.kind, fields, tuple(sorted(s.values.values())), s.alias)


def _pair_renamed_models(
    found: list[Change], before: dict[str, Surface | None], written: dict[str, str]
) -> list[Change]:
    """A model removed and one added with the same surface, from the same doc or with a
    similar name, are one model renamed (the added ones are read whole only here)."""
    removed = [c for c in found if c.kind == "model-removed"]
    added = [c for c in found if c.kind == "model-added"]
    gone: set[int] = set()
    renames: list[Change] = []
    for old in removed:
        sig = _signature(before[old.module])
        if not any(sig[1:]):  # nothing to recognise it by
            continue
        for new in added:
            if id(new) in gone:
                continue
            if old.doc != new.doc and similarity(old.model, new.model) < 0.6:
                continue
            if _signature(surface(written[new.module], fields_only=True)) == sig:
                gone |= {id(old), id(new)}
                renames.append(_renamed(old, new))
                break
    kept = [c for c in found if id(c) not in gone]
    return sorted([*kept, *renames], key=lambda c: c.module)


def _renamed(old: Change, new: Change) -> Change:
    return replace(
        new,
        kind="likely-renamed",
        old=old.model,
        new=new.model,
        severity=BREAKING,
        reason=f"same fields, similar name or same doc: code that imports {old.model} fails",
    )


def _via(
    found: list[Change], texts: dict[str, str], after: dict[str, Surface | None]
) -> list[Change]:
    """Lines for the fields whose type's meaning changed: a type (enum, model, union)
    that lost or changed something, then the models that use those, and so on."""
    frontier: dict[str, tuple[str, str]] = {}
    kinds: dict[str, set[str]] = {}
    for c in found:
        if _is_cause(c):
            was = frontier.get(c.module, ("", MAY_BREAK))[1]
            frontier[c.module] = (c.model, BREAKING if c.breaking else was)
            kinds.setdefault(c.model, set()).add(c.kind)
    if not frontier:
        return []
    users: dict[str, list[tuple[str, str]]] = {}
    for path, text in texts.items():
        for name, target in imports(path, text).items():
            users.setdefault(target, []).append((path, name))
    shapes = dict(after)
    done = {(c.module, c.field) for c in found}
    lines: list[Change] = []
    seen = set(frontier)
    for _ in range(_VIA_DEPTH):
        reached: dict[str, tuple[str, str]] = {}
        for target, (chain, severity) in sorted(frontier.items()):
            for path, name in users.get(target, []):
                if path not in texts:  # a new module: nothing it holds changed meaning
                    continue
                if path not in shapes:
                    shapes[path] = surface(texts[path], fields_only=True)
                shape = shapes[path]
                if shape is None:
                    continue
                for attr, wire in _users_of(shape, name):
                    if (path, attr) in done:
                        continue
                    done.add((path, attr))
                    cause = chain.rsplit(" → ", 1)[-1]
                    why = f"{cause} changed: {', '.join(sorted(kinds.get(cause, ())))}"
                    lines.append(_via_line(shape, path, (attr, wire), chain, (severity, why)))
                    if path not in seen:
                        reached[path] = (f"{shape.name} → {chain}", severity)
        seen |= reached.keys()
        frontier = reached
        if not frontier:
            break
    return sorted(lines, key=lambda c: (c.module, c.field))


def _users_of(shape: Surface, name: str) -> list[tuple[str, str | None]]:
    """The fields of `shape` whose annotation names `name` (attribute, JSON key); for an
    alias that names it, one entry with no attribute."""
    if shape.kind == "alias":
        return [("", None)] if name in _words(shape.alias) else []
    return [(f.name, f.wire) for f in shape.fields.values() if name in _words(f.annotation)]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_]\w*", text))


def _via_line(
    shape: Surface,
    path: str,
    attr: tuple[str, str | None],
    chain: str,
    verdict: tuple[str, str],
) -> Change:
    name, wire = attr
    severity, reason = verdict
    return Change(
        "changed-via",
        shape.name,
        field=name,
        severity=AFFECTED,
        reason=f"{reason} ({'breaking' if severity == BREAKING else 'may break'} there)",
        module=path,
        doc=shape.doc,
        anchor=wire or name,
        via=chain,
    )
