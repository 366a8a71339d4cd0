"""What a run must redo, given what the last good run left in the cache (its whole-set
decisions, `Saved`): which docs to bind and name again, which modules to render, and how
the output folder must change.

Names and imports depend on other docs in few ways, and each is followed back from the
docs that changed to the docs it can reach:

- binding: a link reaches a doc by path, a bare name by `# Name` (links.binding_keys
  records what each doc looked up), an example's `Enum.Member` an enum by `# Name`;
- naming: a class or module name depends only on the docs of its package and on its
  subpackages (resolve/renaming.py names those packages again);
- imports: a module imports the names of the docs it references, in the style its import
  cycles ask for (cycles and load ranks are found again over the saved reference graph);
- rendering: a module reads the docs it references, transitively.

The whole set is resolved again (`_full`) only where a change reaches every doc (the
folder all docs share moved), or where an error must be worded as the whole set words it
(a name taken twice, a union ring, a reference that no longer binds).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.config import Config
from generator.emit.conformance import wire_name_warnings
from generator.emit.context import RUNTIME
from generator.emit.package import Export, init_path, package_exports
from generator.errors import Diagnostic, Severity, has_errors
from generator.ir import (
    BoundDoc,
    Doc,
    DocId,
    ParseResult,
    Union,
    doc_refs,
)
from generator.record import record
from generator.resolve import links, policies
from generator.resolve.imports import (
    Names,
    cycles_of,
    direct_members,
    package_cycles_of,
    ranks_of,
)
from generator.resolve.renaming import rename
from generator.resolve.schema import PyDoc, packages_of, pydoc_of
from generator.run import cache
from generator.run.pipeline import (
    DocModule,
    FixedFile,
    PackageInit,
    Progress,
    Rendering,
    Target,
    apply_policies,
    package_files,
    render_files,
    resolve_docs,
    source_facts,
    sources_diagnostics,
)
from generator.write.folder import Scan

ParseResults = Mapping[DocId, ParseResult]


@record
class Saved:
    """The whole-set decisions of the last good run, kept in the cache for the next one."""

    names: Names
    cyclic: dict[DocId, set[DocId]]
    docset: links.DocSet
    reverse: dict[DocId, set[DocId]]
    """Who references each doc."""
    overrides_used: dict[DocId, frozenset[policies.FieldKey]]
    refs: dict[DocId, frozenset[DocId]]
    """The docs each named doc references."""
    titles: dict[DocId, str]
    """Each named doc's `# Name` (what its class and module names are made of)."""
    wants: dict[DocId, frozenset[str]]
    """What each named doc's binding looked up among the others (links.binding_keys)."""
    wanted: dict[str, set[DocId]]
    """The same, the other way round: which docs looked each key up."""
    ranks: dict[DocId, int]
    """Where each doc's module comes in its package's `__init__` (imports.load_ranks);
    with the names, what the package's files and exports are made of."""
    broken: frozenset[DocId]
    """Docs left out for an error only the whole set shows (a name taken twice, say)."""
    stale: frozenset[DocId] = frozenset()
    """Docs that changed in failed runs since these decisions were made."""


@dataclass(slots=True)
class Outcome:
    """Names decided, and what the package must hold."""

    mode: str
    diagnostics: list[Diagnostic]
    files: dict[str, Target] | None
    """Every path the package must hold, and what makes it (None: the docs have errors)."""
    by_id: Mapping[DocId, PyDoc] = field(default_factory=dict)
    to_render: set[str] = field(default_factory=set)
    exports: Mapping[tuple[str, ...], list[Export]] = field(default_factory=dict)
    saved: Saved | None = None
    """Whole-set decisions to keep for the next run (after a failed run: the last good
    run's, with the docs that changed since marked stale; None: none to keep)."""
    parallel: bool = True
    """Rendering may run in worker processes (every PyDoc is already built)."""

    def save(self, store: cache.Store) -> None:
        store.put(cache.SAVED, self.saved)


class _Rebuilt(Mapping[DocId, PyDoc]):
    """Every named doc's PyDoc, rebuilt only when asked: from its parse result (the one
    given for a changed doc, else the cached one), with the whole-set decisions given,
    and the diagnostics of each doc it builds (`found`)."""

    def __init__(
        self,
        step: Step,
        fresh: Mapping[DocId, ParseResult],
        docset: links.DocSet,
        named: frozenset[DocId],
        root: tuple[str, ...] | None = None,
    ) -> None:
        assert step.store is not None
        self.store = step.store
        self.config = step.config
        self.fresh = fresh
        self.docset = docset
        self.named = named
        self.found: dict[DocId, list[Diagnostic]] = {}
        self.names = Names({}, {}, {}, {})
        self.cyclic: Mapping[DocId, set[DocId]] = {}
        self.bound_docs: dict[DocId, BoundDoc] = {}
        self.wants: dict[DocId, frozenset[str]] = {}
        self.used: dict[DocId, frozenset[policies.FieldKey]] = {}
        self.built: dict[DocId, PyDoc] = {}
        self.finder = links.NameFinder(docset.titles, root)
        self.enum_named = links.enum_finder(self.bound, docset.titles)

    def decide(self, names: Names, cyclic: Mapping[DocId, set[DocId]]) -> None:
        """The whole-set decisions PyDocs are built with."""
        self.names, self.cyclic = names, cyclic

    def bound(self, doc_id: DocId) -> BoundDoc | None:
        """The doc with the config's policies applied and its references bound (None for
        a doc that is not named: gone, or left out)."""
        if doc_id not in self.bound_docs:
            if doc_id not in self.named:
                return None
            result = self.fresh.get(doc_id) or self.store.parsed([doc_id]).get(doc_id)
            if result is None or result.doc is None:
                raise LookupError(doc_id)
            applied, policy_diags, used = apply_policies([result.doc], self.config)
            bound, diags = links.bind_refs(
                applied, self.docset, self.config.allow_unknown, self.finder
            )
            diags = policy_diags + diags
            if has_errors(diags):
                raise LookupError(doc_id)  # an error the whole set must word
            self.found[doc_id] = policies.decide(result.diagnostics, self.config) + diags
            self.wants[doc_id] = links.binding_keys(applied[0])
            self.used.update(used)
            self.bound_docs[doc_id] = bound[0]
        return self.bound_docs[doc_id]

    def __getitem__(self, key: DocId) -> PyDoc:
        if key not in self.built:
            doc = self.bound(key)
            if doc is None:
                raise KeyError(key)
            finished = links.finish_one(doc, self.bound, self.enum_named)
            cyclic = self.cyclic.get(key, set())
            pydoc, diags = pydoc_of(finished, self.names, cyclic)
            self.built[key] = pydoc
            self.found[key] += diags + links.union_overlaps(finished, self.bound)
        return self.built[key]

    def __iter__(self) -> Iterator[DocId]:
        return iter(sorted(self.named))

    def __len__(self) -> int:
        return len(self.named)


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
        saved = self._saved()
        outcome = None
        if saved is not None and not saved.broken:
            # A doc left out for a whole-set error (two docs of one name, a union ring)
            # may come back after an edit of any doc of that set: only the full resolve
            # decides that again.
            try:
                outcome = _Delta(self, known, saved).outcome()
            except LookupError:
                outcome = None  # an error the whole set must word, or a doc gone from the cache
        return outcome if outcome is not None else self._full(known, saved)

    def _saved(self) -> Saved | None:
        """The last good run's decisions, if the cache has them."""
        saved = self.store.get(cache.SAVED) if self.store is not None else None
        return saved if isinstance(saved, Saved) else None

    def _full(self, known: frozenset[DocId], last: Saved | None) -> Outcome:
        parsed = dict(self.parsed)
        missing = [d for d in known if d not in parsed]
        if missing and self.store is not None:
            parsed.update(self.store.parsed(missing))
        resolved = resolve_docs(parsed, self.config)
        diags, schema = resolved.diagnostics, resolved.schema
        mode = "full" if self.store is not None else "cold"
        if resolved.failed:
            stale = None if last is None else _stale(last, self.changed)
            return Outcome(mode, diags, None, saved=stale)
        exports = package_exports(schema.docs, schema.packages)
        files = package_files(schema)
        refs = {p.doc.id: frozenset(r.target for r in doc_refs(p.doc)) for p in schema.docs}
        docset = resolved.docset
        broken = frozenset(
            d
            for d in docset.failed
            if (r := parsed[d]).doc is not None
            and not has_errors(policies.decide(r.diagnostics, self.config))
        )
        ranks = ranks_of(refs)
        saved = Saved(
            schema.names,
            schema.cyclic,
            docset,
            _inverse(refs),
            dict(resolved.overrides_used),
            refs,
            {p.doc.id: p.doc.name for p in schema.docs},
            schema.wants,
            _inverse(schema.wants),
            ranks,
            broken,
        )
        return Outcome(mode, diags, files, schema.by_id(), set(files), exports, saved)

    # ---- rendering ----------------------------------------------------------------------

    def render(
        self,
        outcome: Outcome,
        existing: Scan,
        stage: Callable[[str, str], bool] | None = None,
    ) -> Rendering:
        """The text of every module that must be rendered: those the naming step named,
        and those whose file on disk is missing or not as the cache recorded it (and
        which of them `stage` wrote as they were rendered)."""
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
            stage=stage,
        )
        self.left_to_black = rendering.left_to_black
        return rendering


@record
class _Graph:
    """Who references whom after an edit, and what follows from it: import cycles and
    load ranks, found again only in the `region` an edit can reach."""

    refs: dict[DocId, frozenset[DocId]]
    reverse: dict[DocId, set[DocId]]
    region: set[DocId]
    cyclic: dict[DocId, set[DocId]]
    ranks: dict[DocId, int]

    @staticmethod
    def after(
        saved: Saved,
        named: frozenset[DocId],
        rebound: Mapping[DocId, BoundDoc],
        dropped: set[DocId],
    ) -> _Graph:
        refs = {d: t for d, t in saved.refs.items() if d in named}
        refs.update({d: frozenset(r.target for r in doc_refs(b)) for d, b in rebound.items()})
        edges = {d for d in rebound if refs[d] != saved.refs.get(d)} | dropped
        reverse = _inverse_updated(saved.reverse, saved.refs, refs, edges)
        # Only a doc that reaches one whose references changed can change its import
        # cycle or its load rank (both follow references down).
        region = (_readers(edges, saved.reverse) | _readers(edges, reverse)) & named
        within = {d: refs[d] for d in region}
        cyclic = {d: c for d, c in saved.cyclic.items() if d in named} | cycles_of(within)
        ranks = {d: r for d, r in saved.ranks.items() if d in named}
        ranks |= ranks_of(within, ranks)
        return _Graph(refs, reverse, region, cyclic, ranks)


@record
class _Edits:
    """The docs a run changed (added ones included) and removed, as read and judged."""

    changed: set[DocId]
    removed: set[DocId]
    results: dict[DocId, ParseResult]
    decided: dict[DocId, list[Diagnostic]]
    failing: set[DocId]
    """Changed docs that do not parse, or whose diagnostics hold errors."""
    titles: dict[DocId, str]
    docset: links.DocSet
    root: tuple[str, ...] | None
    """Where `models.X` looks first, when the set of titles changed."""


class _Delta:
    """One run's edits resolved against the last good run's decisions (Saved): only the
    docs whose binding, names, imports or diagnostics can differ are bound and named
    again, and only the modules that can read them are rendered."""

    def __init__(self, step: Step, known: frozenset[DocId], saved: Saved) -> None:
        assert step.store is not None
        self.step, self.store, self.config = step, step.store, step.config
        self.known, self.saved = known, saved

    def outcome(self) -> Outcome | None:
        saved, edits = self.saved, self._edits()
        if edits is None:
            return None
        changed, removed, failing = edits.changed, edits.removed, edits.failing
        named_before = frozenset(saved.names.layout)
        named = (named_before - removed - changed) | (changed - failing)
        came = changed - failing
        results = {d: edits.results[d] for d in came}
        rebuilt = _Rebuilt(self.step, results, edits.docset, named, edits.root)
        moved_readers = self._readers_of_moved(changed, removed, failing, edits.titles)
        rebound = {
            d: bound
            for d in sorted(came | moved_readers)
            if (bound := rebuilt.bound(d)) is not None
        }
        used = {d: k for d, k in saved.overrides_used.items() if d in named and d not in came}
        used.update(rebuilt.used)
        policies.check_all_used({k for keys in used.values() for k in keys}, self.config)
        if _union_ring(rebuilt, rebound):
            return None  # a union that is its own member: an error the whole set words
        dropped = set(named_before - named)
        kinds = {d: (rebound[d].name, rebound[d].kind) for d in came}
        renamed = rename(saved.names, saved.titles, dropped, kinds)
        if renamed is None:
            return None
        names = renamed.names
        graph = _Graph.after(saved, named, rebound, dropped)
        if package_cycles_of(graph.refs, names.layout) is not None:
            return None  # packages that import each other: their cycles span the whole set
        rebuilt.decide(names, graph.cyclic)
        reverse = graph.reverse
        redo = set(rebound) | {d for d in graph.region if graph.cyclic[d] != saved.cyclic.get(d)}
        redo |= {r for d in renamed.changed | dropped for r in reverse.get(d, ())}
        redo |= renamed.changed & named
        report = redo | {r for d in came for r in reverse.get(d, ())}
        for doc_id in sorted(report):
            rebuilt[doc_id]
        exports = _Exports(names, graph.ranks)
        to_render = _to_render(
            saved, names, graph, redo=redo, renamed=renamed.changed, dropped=dropped
        )
        diags = self._diagnostics(rebuilt, report=report, edits=edits)
        if has_errors(diags):
            return Outcome("incremental", diags, None, saved=_stale(saved, self.step.changed))
        wants = {d: w for d, w in saved.wants.items() if d in named} | rebuilt.wants
        wanted = _inverse_updated(saved.wanted, saved.wants, wants, set(rebuilt.wants) | dropped)
        new_saved = Saved(
            names,
            graph.cyclic,
            edits.docset,
            reverse,
            used,
            graph.refs,
            renamed.titles,
            wants,
            wanted,
            graph.ranks,
            frozenset(),
        )
        files = _files(names, exports)
        return Outcome(
            "incremental", diags, files, rebuilt, to_render, exports, new_saved, parallel=False
        )

    def _edits(self) -> _Edits | None:
        """The docs this run changed, added and removed, read (from this run's parse or the
        cache) and judged; None when the folder that `models.X` looks in first moved (any
        name may bind anew: the whole set must be resolved)."""
        step, old = self.step, self.saved.docset
        added, removed = set(self.known - old.known), set(old.known - self.known)
        changed = ((step.changed | self.saved.stale) & self.known) | added
        results = {d: step.parsed[d] for d in changed if d in step.parsed}
        results.update(self.store.parsed(sorted(changed - results.keys())))
        decided = {d: policies.decide(results[d].diagnostics, self.config) for d in changed}
        failing = {d for d in changed if results[d].doc is None or has_errors(decided[d])}
        titles = {d: t for d, t in old.titles.items() if d not in removed and d not in changed}
        titles.update({d: r.title for d in changed if (r := results[d]).title})
        failed = (old.failed - removed - changed) | failing
        docset = links.DocSet(dict(sorted(titles.items())), self.known, frozenset(failed))
        root = links.search_root(titles) if titles.keys() != old.titles.keys() else None
        if root is not None and root != links.search_root(old.titles):
            return None
        return _Edits(changed, removed, results, decided, failing, titles, docset, root)

    def _readers_of_moved(
        self, changed: set[DocId], removed: set[DocId], failing: set[DocId], titles: dict[str, str]
    ) -> set[DocId]:
        """The unchanged docs whose references may bind otherwise now: those that link to
        or name a doc that came, went, failed, recovered or changed its `# Name`, and
        those whose example names an enum of a changed doc's `# Name`."""
        old = self.saved.docset
        moved = removed | {
            d
            for d in changed
            if d not in old.known
            or (d in failing) != (d in old.failed)
            or titles.get(d) != old.titles.get(d)
        }
        both = [t for d in changed | removed for t in (old.titles.get(d), titles.get(d)) if t]
        keys = {links.link_key(d) for d in moved} | {links.enum_key(t) for t in both}
        keys |= {links.name_key(t) for d in moved for t in (old.titles.get(d), titles.get(d)) if t}
        found = {r for k in keys for r in self.saved.wanted.get(k, ())}
        return found - changed - removed

    def _diagnostics(
        self, rebuilt: _Rebuilt, *, report: set[DocId], edits: _Edits
    ) -> list[Diagnostic]:
        """The last run's diagnostics, those of the docs `report` and the edits made anew."""
        redone = report | edits.changed | edits.removed
        decided, failing, titles = edits.decided, edits.failing, edits.titles
        earlier = [d for d in self.store.diagnostics() if d.loc.path not in redone]
        left = [
            _left_out(d) if self.config.allow_unknown else d
            for doc_id in sorted(failing)
            for d in decided[doc_id]
        ]
        found = [d for doc_id in sorted(report) for d in rebuilt.found[doc_id]]
        warnings = wire_name_warnings(_DocsOf(rebuilt, report))
        facts = source_facts(self.config)
        before, after = set(self.saved.docset.titles.values()), set(titles.values())
        if facts is not None and before != after:  # "model X of the sources has no doc"
            gone = sources_diagnostics(facts, self.config, before)
            earlier = [d for d in earlier if d not in gone]
            earlier += sources_diagnostics(facts, self.config, after)
        return earlier + left + found + warnings


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


def _stale(saved: Saved, changed: set[DocId]) -> Saved:
    """The decisions of the last good run, after a failed run that changed `changed`."""
    return dataclasses.replace(saved, stale=saved.stale | changed)


def _left_out(diag: Diagnostic) -> Diagnostic:
    """An error of a doc left out of the package (--allow-unknown): it no longer stops
    the run."""
    if diag.severity is Severity.ERROR:
        return dataclasses.replace(diag, left_out=True)
    return diag


def _union_ring(rebuilt: _Rebuilt, docs: Mapping[DocId, BoundDoc]) -> bool:
    """Whether a union of `docs` is its own member, directly or through other unions. The
    last good run had no such ring, so a new one passes through a doc bound anew."""
    for start, doc in docs.items():
        if not isinstance(doc, Union):
            continue
        todo, seen = [doc], {start}
        while todo:
            for ref, _ in direct_members(todo.pop()):
                if ref.target == start:
                    return True
                member = rebuilt.bound(ref.target)
                if ref.target not in seen and isinstance(member, Union):
                    seen.add(ref.target)
                    todo.append(member)
    return False


K = TypeVar("K")
V = TypeVar("V")


def _inverse(forward: Mapping[K, frozenset[V]]) -> dict[V, set[K]]:
    """Which keys map to each value: who references each doc (from the references), or
    which docs looked each name up (from what they looked up)."""
    inverse: dict[V, set[K]] = {}
    for key, values in forward.items():
        for value in values:
            inverse.setdefault(value, set()).add(key)
    return inverse


def _inverse_updated(
    inverse: dict[V, set[K]],
    before: Mapping[K, frozenset[V]],
    after: Mapping[K, frozenset[V]],
    keys: set[K],
) -> dict[V, set[K]]:
    """`inverse` after the values of `keys` went from `before` to `after` (a new dict;
    the sets it changes are new too, so the saved one stays as it was)."""
    new = dict(inverse)
    for key in keys:
        old_values, new_values = before.get(key, frozenset()), after.get(key, frozenset())
        for value in old_values - new_values:
            new[value] = new[value] - {key}
            if not new[value]:
                del new[value]
        for value in new_values - old_values:
            new[value] = new.get(value, set()) | {key}
    return new


def _to_render(
    saved: Saved,
    names: Names,
    graph: _Graph,
    *,
    redo: set[DocId],
    renamed: set[DocId],
    dropped: set[DocId],
) -> set[str]:
    """The files to render again: the modules that read a doc redone, and the `__init__`
    of each package whose exports (a name, a load rank, a member) changed or that is new;
    not that of a package gone with its last doc."""
    named, named_before = set(names.layout), set(saved.names.layout)
    files = {_module_path(names, d) for d in _readers(redo, graph.reverse) if d in named}
    ranked = {d for d in graph.region if graph.ranks[d] != saved.ranks.get(d)}
    inits = {names.layout[d] for d in renamed | ranked}
    inits |= {saved.names.layout[d] for d in dropped | (ranked & named_before)}
    packages, packages_before = set(packages_of(names)), set(packages_of(saved.names))
    inits |= packages - packages_before
    return files | {init_path(p) for p in inits & packages}


def _module_path(names: Names, doc_id: DocId) -> str:
    return "/".join((*names.layout[doc_id], names.modules[doc_id] + ".py"))


class _Exports(Mapping[tuple[str, ...], list[Export]]):
    """Each package's exports, as emit/package.py's `package_exports` makes them, made
    only for the packages asked for (those whose `__init__` is rendered)."""

    def __init__(self, names: Names, ranks: Mapping[DocId, int]) -> None:
        self.names, self.ranks = names, ranks
        self.packages = packages_of(names)
        self.members: dict[tuple[str, ...], list[DocId]] = {p: [] for p in self.packages}
        for doc_id, package in names.layout.items():
            self.members[package].append(doc_id)

    def __getitem__(self, package: tuple[str, ...]) -> list[Export]:
        names = self.names
        return [
            Export(names.modules[d], names.classes[d], names.kinds[d] == "union", self.ranks[d])
            for d in sorted(self.members[package])
        ]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self.packages)

    def __len__(self) -> int:
        return len(self.packages)


def _files(names: Names, exports: Iterable[tuple[str, ...]]) -> dict[str, Target]:
    """Every path the package holds, as pipeline.py's `package_files` makes them."""
    files: dict[str, Target] = {name: FixedFile(name) for name in ("py.typed", f"{RUNTIME}.py")}
    files.update({_module_path(names, d): DocModule(d) for d in names.layout})
    files.update({init_path(p): PackageInit(p) for p in exports})
    return dict(sorted(files.items()))
