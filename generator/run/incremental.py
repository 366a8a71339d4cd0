"""What a run must redo, given what the last run left in the cache: naming (all docs, or
only the changed ones and those that reference them), which modules to render, and how
the output folder must change.

The rule that makes the short way safe: a doc whose title, kind and references are the
same as before (its `interface`) cannot change any other doc's names or imports, only the
contents of modules that read it — and those are found by following references back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.emit.conformance import wire_name_warnings
from generator.emit.render import (
    RUNTIME,
    Export,
    Rendered,
    fixed_files,
    init_path,
    make_context,
    module_path,
    package_exports,
    render_doc,
    render_init,
)
from generator.errors import Diagnostic, has_errors
from generator.ir import (
    BoundDoc,
    CheckedDoc,
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
from generator.resolve.schema import PyDoc, packages_of, pydoc_of
from generator.run import cache
from generator.run.parallel import render_all
from generator.run.pipeline import resolve_results
from generator.write.output import Plan, Scan, read_ours

Target = tuple[str, Any]
"""What makes an output file: ("doc", id), ("init", package) or ("fixed", path)."""

ParseResults = Mapping[DocId, ParseResult]


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
    saved: dict[str, Any] = field(default_factory=dict)
    """Whole-set decisions to keep for the next run."""

    def save(self, store: cache.Store) -> None:
        for key, value in self.saved.items():
            store.put(key, value)


class _Rebuilt(Mapping[DocId, PyDoc]):
    """Every doc's PyDoc, rebuilt only when asked: from its parse result (the one given
    for a changed doc, else the cached one), with the names the last run decided."""

    def __init__(
        self,
        step: Step,
        fresh: Mapping[DocId, ParsedDoc],
        saved: Mapping[str, Any],
        known: frozenset[DocId],
        report_for: set[DocId],
    ) -> None:
        assert step.store is not None
        self.store = step.store
        self.config = step.config
        self.fresh = fresh
        self.names: Names = saved["names"]
        self.cyclic: dict[DocId, set[DocId]] = saved["cyclic"]
        self.docset: links.DocSet = saved["docset"]
        self.known = known
        self.report_for = report_for
        self.diagnostics: list[Diagnostic] = []
        self.bound_docs: dict[DocId, BoundDoc] = {}
        self.built: dict[DocId, PyDoc] = {}
        self.enum_named = links.enum_finder(self.bound, self.docset.titles)

    def bound(self, doc_id: DocId) -> BoundDoc | None:
        """The doc with its references bound (not finished)."""
        if doc_id not in self.bound_docs:
            doc = self.fresh.get(doc_id)
            if doc is None:
                result = self.store.parsed([doc_id]).get(doc_id)
                doc = None if result is None else result.doc
            if doc is None:
                return None
            docs, _ = policies.apply([doc], self.config)
            bound, diags = links.bind_refs(docs, self.docset, self.config.allow_unknown)
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
            pydoc, diags = pydoc_of(finished, self.names, self.cyclic.get(key, set()))
            self.built[key] = pydoc
            if key in self.report_for:
                self.diagnostics += diags
        return self.built[key]

    def __iter__(self) -> Iterator[DocId]:
        return iter(sorted(self.known))

    def __len__(self) -> int:
        return len(self.known)


class Step:
    """Naming, rendering and planning for one run."""

    def __init__(
        self,
        config: Config,
        store: cache.Store | None,
        *,
        rows: Mapping[DocId, cache.DocRow],
        parsed: ParseResults,
        changed: set[DocId],
        progress: Callable[[str, int, int], None],
    ) -> None:
        self.config = config
        self.store = store
        self.rows = rows
        self.parsed = parsed
        self.changed = changed
        self.progress = progress
        self.formatted_by_black: list[str] = []

    # ---- naming -------------------------------------------------------------------------

    def resolve(self, found: Iterable[DocId]) -> Outcome:
        known = frozenset(found)
        outcome = self._incremental(known) if self._can_be_incremental(known) else None
        return outcome if outcome is not None else self._full(known)

    def _can_be_incremental(self, known: frozenset[DocId]) -> bool:
        if self.store is None or self.store.get("names") is None:
            return False
        if known != self.rows.keys():
            return False
        docset: links.DocSet | None = self.store.get("docset")
        if docset is None:
            return False
        for doc_id in self.changed:
            doc = self.parsed[doc_id].doc
            if doc is None or isinstance(doc, Enum) or doc_id in docset.failed:
                return False
            if interface(policies.apply([doc], self.config)[0][0]) != self.rows[doc_id].interface:
                return False
        return True

    def _incremental(self, known: frozenset[DocId]) -> Outcome | None:
        assert self.store is not None
        saved = {k: self.store.get(k) for k in ("names", "cyclic", "docset", "reverse")}
        fresh = {d: doc for d in self.changed if (doc := self.parsed[d].doc) is not None}
        reverse: dict[DocId, set[DocId]] = saved["reverse"]
        direct = self.changed | {r for c in self.changed for r in reverse.get(c, ())}
        rebuilt = _Rebuilt(self, fresh, saved, known, direct)
        readers = _readers(self.changed, reverse)
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
        earlier = [d for d in self.store.get("diagnostics") or () if d.loc.path not in direct]
        parse_diags = [d for c in self.changed for d in self.parsed[c].diagnostics]
        return Outcome(
            "incremental",
            earlier + parse_diags + rebuilt.diagnostics + warnings,
            self.store.get("expected"),
            rebuilt,
            {module_path(rebuilt[d]) for d in readers},
            self.store.get("exports"),
        )

    def _full(self, known: frozenset[DocId]) -> Outcome:
        parsed = dict(self.parsed)
        missing = [d for d in known if d not in parsed]
        if missing and self.store is not None:
            parsed.update(self.store.parsed(missing))
        resolved = resolve_results(parsed, self.config)
        diags, schema = resolved.diagnostics, resolved.schema
        mode = "full" if self.store is not None else "cold"
        if resolved.failed:
            return Outcome(mode, diags, None)
        by_id = schema.by_id()
        exports = package_exports(schema.docs, schema.packages)
        files: dict[str, Target] = {"py.typed": ("fixed", "py.typed")}
        files[f"{RUNTIME}.py"] = ("fixed", f"{RUNTIME}.py")
        files.update({module_path(p): ("doc", p.doc.id) for p in schema.docs})
        files.update(
            {init_path(package): ("init", package) for package in packages_of(schema.names)}
        )
        reverse: dict[DocId, set[DocId]] = {}
        for pydoc in schema.docs:
            for ref in doc_refs(pydoc.doc):
                reverse.setdefault(ref.target, set()).add(pydoc.doc.id)
        saved: dict[str, Any] = {
            "names": schema.names,
            "cyclic": schema.cyclic,
            "docset": resolved.docset,
            "reverse": reverse,
            "expected": files,
            "exports": exports,
        }
        return Outcome(mode, diags, files, by_id, set(files), exports, saved)

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
        paths = sorted(outcome.to_render | dirty)
        ctx = make_context(
            outcome.by_id, Path(os.path.abspath(self.config.specs)).name, self.config
        )
        fixed = fixed_files(ctx)
        files = outcome.files

        def render_one(path: str) -> Rendered:
            kind, key = files[path]
            if kind == "doc":
                return render_doc(outcome.by_id[key], ctx)
            if kind == "init":
                return render_init(outcome.exports[key], not key, self.config.line_length)
            return fixed[key]

        jobs = self.config.jobs if isinstance(outcome.by_id, dict) else 1
        rendered = render_all(paths, render_one, jobs, self.progress)
        texts = {path: r.text for path, r in rendered.items()}
        unformatted = sorted(path for path, r in rendered.items() if r.needs_black)
        if unformatted:
            from generator.emit.formatting import format_files  # noqa: PLC0415 (black is slow to import)

            texts.update(format_files({p: texts[p] for p in unformatted}, self.config.line_length))
            self.formatted_by_black = unformatted
        return texts

    # ---- planning -----------------------------------------------------------------------

    def plan(self, outcome: Outcome, rendered: dict[str, str], existing: Scan) -> Plan:
        """How the output folder must change, reading only files that may have changed."""
        assert outcome.files is not None
        out = self.config.output
        recorded = self.store.output_rows() if self.store is not None else {}
        plan = Plan(foreign=set(existing.foreign))
        conflicts = []
        for path in sorted(outcome.files):
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
            if path not in existing.ours:
                plan.written[path] = text
                plan.added.add(path)
                continue
            row = recorded.get(path)
            digest = cache.digest(text)
            if path not in existing.unknown and row is not None and row.digest == digest:
                plan.unchanged.add(path)
                plan.unchanged_rows[path] = row
                continue
            old = read_ours(out, existing, path)
            if old == text:
                plan.unchanged.add(path)
                mtime, size = existing.ours[path]
                plan.unchanged_rows[path] = cache.OutputRow(digest, mtime, size)
            else:
                plan.written[path] = text
                plan.old[path] = old or ""
        plan.removed = set(existing.ours) - set(outcome.files)
        for path in plan.removed:
            plan.old[path] = read_ours(out, existing, path) or ""
        plan.conflicts = tuple(dict.fromkeys(conflicts))
        return plan


def _foreign_at(path: str, foreign: set[str]) -> str:
    """The file not ours that stands at `path`, or where one of its folders must go (a
    file, or a symlink that would lead the write out of the package); "" when none."""
    parts = path.split("/")
    for end in range(1, len(parts) + 1):
        prefix = "/".join(parts[:end])
        if prefix in foreign:
            return prefix
    return ""


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


def interface(doc: CheckedDoc | None) -> str:
    """What other docs see of a doc: its title, kind, whether a model has fields, and what
    it references. While it stays the same, no other doc's names or imports change."""
    if doc is None:
        return "-"
    fields = not isinstance(doc, FreeForm) if doc.kind in ("model", "free-form") else None
    refs = sorted({(r.link or "", r.label) for r in doc_refs(doc)})
    direct = (
        sorted({(r.link or "", r.label) for r, _ in direct_members(doc)})
        if isinstance(doc, Union)
        else None
    )
    return cache.digest(repr((doc.name, doc.kind, fields, refs, direct)))
