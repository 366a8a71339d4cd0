"""The stages of a run, once, in order: find docs → parse → resolve → render (→ black).

Every command runs these functions: `generate` and `check` through engine.py (where
incremental.py only chooses which docs to feed them and which results to reuse), `ir` and
the tests through `build`. Diagnostics from every stage are collected and returned
together, so the caller decides once what the run amounts to.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.config import Config
from generator.emit.conformance import wire_name_warnings
from generator.emit.context import RUNTIME, Rendered, make_context
from generator.emit.package import (
    Export,
    fixed_files,
    init_path,
    module_path,
    package_exports,
    render_init,
)
from generator.emit.render import prepare, renderer
from generator.errors import Diagnostic, Location, Severity, has_errors, left_out_docs, warning
from generator.ir import CheckedDoc, Doc, DocId, ParsedDoc, ParseResult
from generator.read.sources import stat_docs
from generator.read.ts_facts import SourceFacts
from generator.record import record
from generator.resolve import policies
from generator.resolve.facts import CODE as SOURCES_CODE
from generator.resolve.facts import GLOBALS
from generator.resolve.links import DocSet
from generator.resolve.schema import PyDoc, Schema, packages_of, resolve
from generator.run.parallel import parse_docs, render_all

Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    return None


# ---- what makes each output file ------------------------------------------------------


@record
class DocModule:
    """The module of one doc."""

    doc_id: DocId


@record
class PackageInit:
    """A package's `__init__.py` (`package` is its path inside the output, () for the top)."""

    package: tuple[str, ...]


@record
class FixedFile:
    """A file every package has, whatever its docs (`py.typed`, the runtime)."""

    name: str


Target = DocModule | PackageInit | FixedFile


def package_files(schema: Schema) -> dict[str, Target]:
    """Every path the package holds, and what makes it."""
    files: dict[str, Target] = {"py.typed": FixedFile("py.typed")}
    files[f"{RUNTIME}.py"] = FixedFile(f"{RUNTIME}.py")
    files.update({module_path(p): DocModule(p.doc.id) for p in schema.docs})
    files.update({init_path(p): PackageInit(p) for p in packages_of(schema.names)})
    return dict(sorted(files.items()))


# ---- parse ----------------------------------------------------------------------------


def parse_specs(config: Config) -> dict[DocId, ParseResult]:
    """Every doc under `config.specs`, parsed."""
    paths = {doc_id: path for doc_id, (path, _, _) in stat_docs(config.specs).items()}
    parsed = parse_docs(paths, {}, config.jobs, no_progress)
    return {p.doc_id: p.parsed for p in parsed if p.parsed is not None}


# ---- resolve --------------------------------------------------------------------------


@record
class Resolved:
    """Parse results turned into one schema: config policies applied, every reference
    bound, every doc named."""

    schema: Schema
    diagnostics: list[Diagnostic]
    docset: DocSet
    overrides_used: Mapping[DocId, frozenset[policies.FieldKey]]
    """Which config keys (`Model.field`) each doc used."""

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)


def apply_policies(
    docs: Iterable[ParsedDoc], config: Config
) -> tuple[list[CheckedDoc], list[Diagnostic], dict[DocId, frozenset[policies.FieldKey]]]:
    """The config's policies (resolve/policies.py), applied to each doc: the checked docs,
    their diagnostics, and which config keys each doc used."""
    facts = source_facts(config)
    applied: list[CheckedDoc] = []
    diags: list[Diagnostic] = []
    used: dict[DocId, frozenset[policies.FieldKey]] = {}
    for doc in docs:
        new, found, keys = policies.apply_one(doc, config, facts)
        applied.append(new)
        diags += found
        if keys:
            used[doc.id] = keys
    return applied, diags, used


_FACTS: dict[tuple[str, str], SourceFacts] = {}
"""What the sources said, by (folder, stamp): read once per process, or given by the cache
(`remember_facts`), so that a warm run does not read unchanged sources again."""


def source_facts(config: Config) -> SourceFacts | None:
    """What the TypeScript sources in the config say."""
    if not config.mode.ts_sources:
        return None
    key = (config.mode.ts_sources, config.mode.ts_stamp)
    if key not in _FACTS:
        from generator.read.ts_sources import read_sources  # noqa: PLC0415 (tree-sitter loads only when needed)

        _FACTS.clear()
        _FACTS[key] = read_sources(Path(config.mode.ts_sources))
    return _FACTS[key]


def read_facts_in_background(config: Config) -> Callable[[], SourceFacts]:
    """Read the sources in a worker process (tree-sitter holds the GIL; the parent parses
    docs meanwhile); the function returned waits for the facts."""
    from generator.read.ts_sources import read_sources  # noqa: PLC0415 (tree-sitter loads only when needed)

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(read_sources, Path(config.mode.ts_sources))

    def wait() -> SourceFacts:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return wait


def remember_facts(config: Config, facts: SourceFacts) -> None:
    """Facts an earlier run read from these same sources (the cache keeps them)."""
    _FACTS.clear()
    _FACTS[(config.mode.ts_sources, config.mode.ts_stamp)] = facts


def resolve_docs(results: Mapping[DocId, ParseResult], config: Config) -> Resolved:
    """Config policies applied, references bound and names decided (see `_resolve_docs`).

    Resolving builds the whole IR again, hundreds of thousands of records that form no
    cycles, so the cycle collector is paused meanwhile (each full collection on the way
    would walk every parsed doc too). What the process holds at the end, every parsed doc
    and the schema, lives as long as the run: it is frozen (`gc.freeze`), so that later
    collections, in this process and in the render workers forked from it, never walk it
    again (nor copy its pages); the run unfreezes it when it ends."""
    with _collector_paused():
        resolved = _resolve_docs(results, config)
        gc.freeze()
    return resolved


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: for work that allocates a great deal and
    makes no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve_docs(results: Mapping[DocId, ParseResult], config: Config) -> Resolved:
    """Config policies applied, references bound, names decided, and every diagnostic
    of the run, for the parse results of all docs. A config key that names no documented
    field raises ConfigError. A doc with an error stops the run; with `allow_unknown` it
    is left out instead (its errors say so) and references to it are `any`: a doc that
    failed to parse at once, one whose error only the whole set shows (a union that
    contains itself, a name taken twice) after a first pass."""
    decided = {d: policies.decide(r.diagnostics, config) for d, r in results.items()}
    failed = frozenset(d for d, r in results.items() if r.doc is None or has_errors(decided[d]))
    parsed = [r.doc for d, r in sorted(results.items()) if r.doc is not None and d not in failed]
    diags = [
        _left_out(diag) if config.allow_unknown and doc_id in failed else diag
        for doc_id in sorted(results)
        for diag in decided[doc_id]
    ]
    docs, policy_diags, used = apply_policies(parsed, config)
    policies.check_all_used({k for keys in used.values() for k in keys}, config)
    titles = {d: r.title for d, r in results.items() if r.title}
    docset = DocSet(titles, frozenset(results), failed)
    schema, resolve_diags = resolve(docs, docset, config.allow_unknown)
    found = policy_diags + resolve_diags
    broken = {d.loc.path for d in found if d.blocking} & {doc.id for doc in docs}
    if config.allow_unknown and broken:
        docset = DocSet(titles, docset.known, failed | broken)
        docs = [doc for doc in docs if doc.id not in broken]
        schema, resolve_diags = resolve(docs, docset, config.allow_unknown)
        why = [_left_out(d) for d in found if d.blocking and d.loc.path in broken]
        found = [d for d in policy_diags if d.loc.path not in broken] + why + resolve_diags
    diags += found
    diags += wire_name_warnings({p.doc.id: p.doc for p in schema.docs})
    facts = source_facts(config)
    if facts is not None:
        diags += sources_diagnostics(facts, config, {r.title for r in results.values()})
    return Resolved(schema, diags, docset, used)


def sources_diagnostics(facts: SourceFacts, config: Config, titles: set[str]) -> list[Diagnostic]:
    """What the reader did not understand, and each model of the sources that no doc has,
    located in the sources (their paths relative to SPECS, as every message's are)."""
    where = os.path.relpath(config.mode.ts_sources, os.path.abspath(config.specs))

    def located(loc: Location) -> Location:
        return Location(f"{where}/{loc.path}".replace(os.sep, "/"), loc.line)

    found = [dataclasses.replace(d, loc=located(d.loc)) for d in facts.problems]
    for model in sorted(facts.models.values(), key=lambda m: (m.loc, m.name)):
        if model.name not in titles and not model.name.endswith(GLOBALS):
            message = f"model `{model.name}` of the TypeScript sources has no doc"
            found.append(warning(located(model.loc), message, code=SOURCES_CODE))
    return found


def _left_out(diag: Diagnostic) -> Diagnostic:
    """An error of a doc left out of the package: it no longer stops the run."""
    if diag.severity is Severity.ERROR:
        return dataclasses.replace(diag, left_out=True)
    return diag


# ---- render ---------------------------------------------------------------------------


@record
class Rendering:
    """The text of each rendered file, and how many statements black had to lay out."""

    texts: dict[str, str]
    left_to_black: int
    staged: frozenset[str] = frozenset()
    """The files `stage` wrote as they were rendered."""


def render_files(
    paths: Iterable[str],
    files: Mapping[str, Target],
    by_id: Mapping[DocId, PyDoc],
    exports: Mapping[tuple[str, ...], list[Export]],
    config: Config,
    *,
    jobs: int,
    progress: Progress = no_progress,
    stage: Callable[[str, str], bool] | None = None,
) -> Rendering:
    """The text of each file in `paths` (on every core when worth it). Where each file is
    rendered, `stage(path, text)` may write it at once (so that the files' creation is
    spread over the workers too); it says whether it did."""
    ctx = make_context(by_id, Path(os.path.abspath(config.specs)).name, config)
    prepare(config.target)  # once, before the workers fork, not in each of them
    render_doc = renderer(config.target)

    def render_one(path: str) -> Rendered:
        target = files[path]
        if isinstance(target, DocModule):
            return render_doc(by_id[target.doc_id], ctx)
        if isinstance(target, PackageInit):
            top = not target.package
            return render_init(exports[target.package], top, config.line_length, config.target)
        return fixed_files(ctx)[target.name]  # only when asked: black lays out the runtime

    def render_and_stage(path: str) -> tuple[Rendered, bool]:
        rendered = render_one(path)
        return rendered, stage is not None and stage(path, rendered.text)

    results = render_all(sorted(paths), render_and_stage, jobs, progress)
    texts = {path: r.text for path, (r, _) in results.items()}
    staged = frozenset(path for path, (_, wrote) in results.items() if wrote)
    return Rendering(texts, sum(r.left_to_black for r, _ in results.values()), staged)


# ---- the whole run, in memory ---------------------------------------------------------


@record
class Built:
    """What a run produced: the package's files (empty on errors), the IR and diagnostics."""

    files: dict[str, str]
    docs: tuple[Doc, ...]
    diagnostics: tuple[Diagnostic, ...]
    doc_count: int
    left_to_black: int = 0
    """Statements black laid out (a shape linesplit.py does not know)."""

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)

    @property
    def left_out(self) -> tuple[DocId, ...]:
        """Docs that could not be read, left out of the package (with --allow-unknown)."""
        return left_out_docs(self.diagnostics)


def build(config: Config, *, render: bool = True) -> Built:
    """Everything the docs in `config.specs` say, as the files of a Python package, with
    no cache and nothing written (`render=False` stops after resolving, for `ir`). A bad
    override in the config raises ConfigError."""
    specs = config.specs
    if not specs.is_dir():
        raise FileNotFoundError(f"the specs folder {specs} does not exist")
    results = parse_specs(config)
    try:
        return _build(results, config, render)
    finally:
        gc.unfreeze()  # what resolve_docs froze for the run


def _build(results: dict[DocId, ParseResult], config: Config, render: bool) -> Built:
    resolved = resolve_docs(results, config)
    schema = resolved.schema
    docs = tuple(p.doc for p in schema.docs)
    diags = tuple(resolved.diagnostics)
    if resolved.failed or not render:
        return Built({}, docs, diags, len(results))
    files = package_files(schema)
    exports = package_exports(schema.docs, schema.packages)
    rendering = render_files(files, files, schema.by_id(), exports, config, jobs=config.jobs)
    texts = dict(sorted(rendering.texts.items()))
    return Built(texts, docs, diags, len(results), rendering.left_to_black)
