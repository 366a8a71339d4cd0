"""The whole set's names brought up to date after some docs came, went or changed, by
naming again only the packages where a name can differ (schema.py names them all).

A doc's class and module names depend only on the `# Name`s of the docs of its package
(in DocId order) and on the package's subpackages; its package only on its folder and on
the deepest folder that holds every doc. So a package is named again when one of its docs
comes, goes or changes its `# Name`, or when a subpackage of it comes or goes.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.ir import DocId
from generator.record import record
from generator.resolve.imports import Names
from generator.resolve.schema import (
    common_folder,
    package_classes,
    package_modules,
    package_of,
    subpackages,
)


@record
class Renamed:
    names: Names
    titles: dict[DocId, str]
    """Each named doc's `# Name`."""
    changed: set[DocId]
    """Docs whose package, class, module or kind is new or not as before."""


def rename(
    old: Names,
    old_titles: Mapping[DocId, str],
    dropped: set[DocId],
    updated: Mapping[DocId, tuple[str, str]],
) -> Renamed | None:
    """The names after the docs `dropped` left the set and the docs `updated` (their
    `# Name` and kind) came or changed. None when the new names need the whole set: the
    deepest common folder moved (every package changes), or a package now has two docs
    of one `# Name` (an error, which schema.py words)."""
    came = updated.keys() - old.layout.keys()
    common: tuple[str, ...] = ()
    if dropped or came:
        common = common_folder(old.layout)
        if common_folder((old.layout.keys() - dropped) | came) != common:
            return None
    layout = {d: p for d, p in old.layout.items() if d not in dropped}
    titles = {d: t for d, t in old_titles.items() if d not in dropped}
    kinds = {d: k for d, k in old.kinds.items() if d not in dropped}
    touched = {old.layout[d] for d in dropped}
    for doc_id, (title, kind) in updated.items():
        if doc_id in came:
            layout[doc_id] = package_of(doc_id, common)
        if titles.get(doc_id) != title:
            touched.add(layout[doc_id])
        titles[doc_id] = title
        kinds[doc_id] = kind
    children = subpackages(layout)
    if dropped or came:
        before = subpackages(old.layout)
        touched |= {p for p in before.keys() | children.keys() if before.get(p) != children.get(p)}
    members: dict[tuple[str, ...], list[DocId]] = {p: [] for p in touched}
    for doc_id in sorted(layout):
        if layout[doc_id] in members:
            members[layout[doc_id]].append(doc_id)
    classes = {d: c for d, c in old.classes.items() if d not in dropped}
    modules = {d: m for d, m in old.modules.items() if d not in dropped}
    for package, found in members.items():
        named = [titles[d] for d in found]
        if len(set(named)) < len(named):
            return None
        new_classes = package_classes(named, children.get(package, set()))
        new_modules = package_modules(new_classes, children.get(package, set()))
        classes.update(zip(found, new_classes, strict=True))
        modules.update(zip(found, new_modules, strict=True))
    names = Names(layout, classes, modules, kinds)
    changed = {
        d
        for d in [*updated, *(d for p in members.values() for d in p)]
        if d not in old.layout
        or (layout[d], classes[d], modules[d], kinds[d])
        != (old.layout[d], old.classes[d], old.modules[d], old.kinds[d])
    }
    return Renamed(names, titles, changed)
