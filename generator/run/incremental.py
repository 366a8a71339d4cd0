"""What a run must redo, given what the last run left in the cache: naming (all docs, or
only the changed ones and those that reference them), which modules to render, and how
the output folder must change.

The rule that makes the short way safe: a doc whose title, kind and references are the
same as before (its `interface`) cannot change any other doc's names or imports, only the
contents of modules that read it — and those are found by following references back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.config import Config
from generator.emit.conformance import wire_name_warnings
from generator.emit.package import Export, module_path, package_exports
from generator.errors import Diagnostic, has_errors
from generator.ir import (
    BoundDoc,
    Doc,
    DocId,
    Enum,
    FreeForm,
    ParsedDoc,
    ParseResult,
    Union,
    doc_refs,
)
from generator.resolve import links, policies
from generator.resolve.imports import Names, direct_members
from generator.resolve.schema import PyDoc, pydoc_of
from generator.run import cache
from generator.run.pipeline import (
    Progress,
    Target,
    apply_policies,
    package_files,
    render_files,
    resolve_docs,
)
from generator.write.folder import Scan

ParseResults = Mapping[DocId, ParseResult]


@dataclass(frozen=True, slots=True)
class Saved:
    """The whole-set decisions of the last full run, kept in the cache for the next one."""

    names: Names
    cyclic: dict[DocId, set[DocId]]
    docset: links.DocSet
    reverse: dict[DocId, set[DocId]]
    """Who references each doc."""
    files: dict[str, Target]
    exports: dict[tuple[str, ...], list[Export]]
    overrides_used: dict[DocId, frozenset[policies.FieldKey]]


@dataclass(slots=True)
class Outcome:
    """Names decided, and what the package must hold."""

    mode: str
    diagnostics: list[Diagnostic]
    files: dict[str, Target] | None
    """Every path the package must hold, and what makes it (None: the docs have errors)."""
    by_id: Mapping[DocId, PyDoc] = field(default_factory=dict)
    to_render: set[str] = field(default_factory=set)
    exports: dict[tuple[str, ...], list[Export]] = field(default_factory=dict)
    saved: Saved | None = None
    """Whole-set decisions to keep for the next run (None: keep the ones there)."""
    parallel: bool = True
    """Rendering may run in worker processes (every PyDoc is already built)."""

    def save(self, store: cache.Store) -> None:
        if self.saved is not None:
            store.put(cache.SAVED, self.saved)


class _Rebuilt(Mapping[DocId, PyDoc]):
    """Every doc's PyDoc, rebuilt only when asked: from its parse result (the one given
    for a changed doc, else the cached one), with the names the last run decided."""

    def __init__(
        self,
        step: Step,
        fresh: Mapping[DocId, ParsedDoc],
        saved: Saved,
        known: frozenset[DocId],
        report_for: set[DocId],
    ) -> None:
        assert step.store is not None
        self.store = step.store
        self.config = step.config
        self.fresh = fresh
        self.saved = saved
        self.known = known
        self.report_for = report_for
        self.diagnostics: list[Diagnostic] = []
        self.bound_docs: dict[DocId, BoundDoc] = {}
        self.built: dict[DocId, PyDoc] = {}
        self.enum_named = links.enum_finder(self.bound, saved.docset.titles)

    def bound(self, doc_id: DocId) -> BoundDoc | None:
        """The doc with the config's policies applied and its references bound."""
        if doc_id not in self.bound_docs:
            doc = self.fresh.get(doc_id)
            if doc is None:
                result = self.store.parsed([doc_id]).get(doc_id)
                doc = None if result is None else result.doc
            if doc is None:
                return None
            applied, policy_diags, _ = apply_policies([doc], self.config)
            bound, diags = links.bind_refs(applied, self.saved.docset, self.config.allow_unknown)
            diags = policy_diags + diags
            if has_errors(diags):
                raise LookupError(doc_id)
            if doc_id in self.report_for:
                self.diagnostics += diags
            self.bound_docs[doc_id] = bound[0]
        return self.bound_docs[doc_id]

    def __getitem__(self, key: DocId) -> PyDoc:
        if key not in self.built:
            doc = self.bound(key)
            if doc is None:
                raise KeyError(key)
            finished = links.finish_one(doc, self.bound, self.enum_named)
            cyclic = self.saved.cyclic.get(key, set())
            pydoc, diags = pydoc_of(finished, self.saved.names, cyclic)
            self.built[key] = pydoc
            if key in self.report_for:
                self.diagnostics += diags + links.union_overlaps(finished, self.bound)
        return self.built[key]

    def __iter__(self) -> Iterator[DocId]:
        return iter(sorted(self.known))

    def __len__(self) -> int:
        return len(self.known)


class Step:
    """What one run redoes: which docs to resolve and which files to render (through the
    stages of pipeline.py), and how the output folder must change."""

    def __init__(
        self,
        config: Config,
        store: cache.Store | None,
        *,
        rows: Mapping[DocId, cache.DocRow],
        parsed: ParseResults,
        changed: set[DocId],
        progress: Progress,
    ) -> None:
        self.config = config
        self.store = store
        self.rows = rows
        self.parsed = parsed
        self.changed = changed
        self.progress = progress
        self.left_to_black = 0

    # ---- resolving ----------------------------------------------------------------------

    def resolve(self, found: Iterable[DocId]) -> Outcome:
        known = frozenset(found)
        saved = self._saved(known)
        outcome = self._incremental(known, saved) if saved is not None else None
        return outcome if outcome is not None else self._full(known)

    def _saved(self, known: frozenset[DocId]) -> Saved | None:
        """The last run's decisions, when this run may reuse them: the same docs, and no
        changed doc shows other docs anything new (an enum's values always might)."""
        if self.store is None or known != self.rows.keys():
            return None
        saved = self.store.get(cache.SAVED)
        if not isinstance(saved, Saved):
            return None
        for doc_id in self.changed:
            doc = self.parsed[doc_id].doc
            if doc is None or isinstance(doc, Enum) or doc_id in saved.docset.failed:
                return None
            if has_errors(policies.decide(self.parsed[doc_id].diagnostics, self.config)):
                return None
            if interface(self.parsed[doc_id], self.config) != self.rows[doc_id].interface:
                return None
        return saved

    def _incremental(self, known: frozenset[DocId], saved: Saved) -> Outcome | None:
        assert self.store is not None
        fresh = {d: doc for d in self.changed if (doc := self.parsed[d].doc) is not None}
        used = {d: keys for d, keys in saved.overrides_used.items() if d not in self.changed}
        used.update(apply_policies(fresh.values(), self.config)[2])
        policies.check_all_used({k for keys in used.values() for k in keys}, self.config)
        direct = self.changed | {r for c in self.changed for r in saved.reverse.get(c, ())}
        rebuilt = _Rebuilt(self, fresh, saved, known, direct)
        readers = _readers(self.changed, saved.reverse)
        try:
            for doc_id in sorted(readers):
                rebuilt[doc_id]
        except LookupError:
            return None  # a reference no longer binds: name everything again
        if has_errors(rebuilt.diagnostics):
            return None
        for doc_id in sorted(direct):
            rebuilt[doc_id]
        warnings = wire_name_warnings(_DocsOf(rebuilt, direct))
        earlier = [d for d in self.store.diagnostics() if d.loc.path not in direct]
        parse_diags = [
            d
            for c in self.changed
            for d in policies.decide(self.parsed[c].diagnostics, self.config)
        ]
        return Outcome(
            "incremental",
            earlier + parse_diags + rebuilt.diagnostics + warnings,
            saved.files,
            rebuilt,
            {module_path(rebuilt[d]) for d in readers},
            saved.exports,
            dataclasses.replace(saved, overrides_used=used),
            parallel=False,
        )

    def _full(self, known: frozenset[DocId]) -> Outcome:
        parsed = dict(self.parsed)
        missing = [d for d in known if d not in parsed]
        if missing and self.store is not None:
            parsed.update(self.store.parsed(missing))
        resolved = resolve_docs(parsed, self.config)
        diags, schema = resolved.diagnostics, resolved.schema
        mode = "full" if self.store is not None else "cold"
        if resolved.failed:
            return Outcome(mode, diags, None)
        exports = package_exports(schema.docs, schema.packages)
        files = package_files(schema)
        reverse: dict[DocId, set[DocId]] = {}
        for pydoc in schema.docs:
            for ref in doc_refs(pydoc.doc):
                reverse.setdefault(ref.target, set()).add(pydoc.doc.id)
        saved = Saved(
            schema.names,
            schema.cyclic,
            resolved.docset,
            reverse,
            files,
            exports,
            dict(resolved.overrides_used),
        )
        return Outcome(mode, diags, files, schema.by_id(), set(files), exports, saved)

    # ---- rendering ----------------------------------------------------------------------

    def render(self, outcome: Outcome, existing: Scan) -> dict[str, str]:
        """The text of every module that must be rendered: those the naming step named,
        and those whose file on disk is missing or not as the cache recorded it."""
        assert outcome.files is not None
        dirty = {
            path
            for path in outcome.files
            if path not in outcome.to_render
            and (path not in existing.ours or path in existing.unknown)
        }
        rendering = render_files(
            outcome.to_render | dirty,
            outcome.files,
            outcome.by_id,
            outcome.exports,
            self.config,
            jobs=self.config.jobs if outcome.parallel else 1,
            progress=self.progress,
        )
        self.left_to_black = rendering.left_to_black
        return rendering.texts


class _DocsOf(Mapping[DocId, Doc]):
    """The docs of PyDocs, iterating only over `ids` (for warnings about those docs)."""

    def __init__(self, by_id: Mapping[DocId, PyDoc], ids: set[DocId]) -> None:
        self.by_id = by_id
        self.ids = ids

    def __getitem__(self, key: DocId) -> Doc:
        return self.by_id[key].doc

    def get(self, key: DocId, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[DocId]:
        return iter(sorted(self.ids))

    def __len__(self) -> int:
        return len(self.ids)

    def values(self) -> Any:
        return [self[k] for k in sorted(self.ids)]


def _readers(changed: set[DocId], reverse: Mapping[DocId, set[DocId]]) -> set[DocId]:
    """The changed docs and every doc that references them, directly or not."""
    seen = set(changed)
    todo = list(changed)
    while todo:
        for reader in reverse.get(todo.pop(), ()):
            if reader not in seen:
                seen.add(reader)
                todo.append(reader)
    return seen


def interface(result: ParseResult, config: Config) -> str:
    """What other docs see of a doc (with the config's policies applied): its title,
    kind, whether a model has fields, and what it references; "-" for a doc that fails.
    While it stays the same, no other doc's names or imports change."""
    doc = result.doc
    if doc is None or has_errors(policies.decide(result.diagnostics, config)):
        return "-"
    checked = apply_policies([doc], config)[0][0]
    fields = not isinstance(checked, FreeForm) if checked.kind in ("model", "free-form") else None
    refs = sorted({(r.link or "", r.label) for r in doc_refs(checked)})
    direct = (
        sorted({(r.link or "", r.label) for r, _ in direct_members(checked)})
        if isinstance(checked, Union)
        else None
    )
    return cache.digest(repr((checked.name, checked.kind, fields, refs, direct)))
