"""A `generate` or `check` run that redoes only what changed, and uses every core for it.

Cold, every doc is parsed and every module rendered, in worker processes. Warm (with the
cache from an earlier run):

- nothing changed (same doc files, same output files): the run ends after reading file
  stats, before parsing, rendering or even importing the parser;
- docs changed, came or went: only they are parsed; only the docs whose binding, names or
  imports they can reach are bound and named again, and only the modules that can read
  what changed are rendered (incremental.py says how each is found);
- an error only the whole set can word (a name taken twice, a union ring, a link that no
  longer reaches a doc), or no decisions of a good run in the cache: everything is named
  and rendered again (in parallel), and still only changed files are written.

Output is compared with what is on disk by content; only changed files are written, in one
atomic swap of the output folder (output.py).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.config import Config
from generator.errors import Diagnostic, has_errors, left_out_docs
from generator.ir import DocId, ParseResult
from generator.read.sources import stat_docs, templates_dir
from generator.run import cache
from generator.write.folder import scan
from generator.write.plan import Plan, plan_changes
from generator.write.swap import Staging, locked, recover
from generator.write.swap import write as write_plan

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Report:
    """What a run found and did, for the command line to print."""

    diagnostics: tuple[Diagnostic, ...] = ()
    doc_count: int = 0
    plan: Plan | None = None
    mode: str = "cold"
    """cold, full, incremental or unchanged (the fast path)."""
    parsed: int = 0
    rendered: int = 0
    seconds: float = 0.0
    left_to_black: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)

    @property
    def left_out(self) -> tuple[DocId, ...]:
        """Docs left out of the package because of their errors (--allow-unknown)."""
        return left_out_docs(self.diagnostics)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def code_fingerprint() -> str:
    """The generator's own code and templates: a cache made by other code is not used.
    Each file counts by its size and modification time, as Python decides whether a
    module's bytecode is current (reading and hashing them all cost every run 5 ms)."""
    package = Path(__file__).resolve().parent.parent
    parts = [__version__]
    for folder in (package, templates_dir()):
        for dirpath, dirnames, files in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".jinja")):
                    st = os.stat(os.path.join(dirpath, name))
                    rel = os.path.relpath(os.path.join(dirpath, name), folder)
                    parts.append(f"{rel} {st.st_size} {st.st_mtime_ns}")
    return cache.digest("\n".join(parts))


def fingerprint(config: Config) -> str:
    """What a cache must have been made with to be used: this code, these settings."""
    return cache.digest(code_fingerprint() + "\n" + config.mode.fingerprint())


class _Clock:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + now - self.last
        self.last = now


def run(config: Config, *, write: bool, progress: Progress = _no_progress) -> Report:
    """Generate (`write`) or check the package for the docs in `config.specs`."""
    started = time.perf_counter()
    report = Report()
    clock = _Clock(report)
    found = _stat_docs(config.specs)
    report.doc_count = len(found)
    store = _open_store(config)
    try:
        warm = store is not None and store.matches(fingerprint(config))
        clock.lap("scan")
        if warm and store is not None and _unchanged(store, found, config.output):
            report.mode = "unchanged"
            report.diagnostics = tuple(store.diagnostics())
            report.plan = Plan(unchanged=set(store.output_rows()))
            report.seconds = time.perf_counter() - started
            return report
        _Run(
            config,
            found,
            store=store if warm else None,
            writable=store,
            report=report,
            clock=clock,
            progress=progress,
        ).go(write)
    finally:
        if store is not None:
            store.close()
        gc.unfreeze()  # what resolving froze for the run (pipeline.resolve_docs)
    report.seconds = time.perf_counter() - started
    return report


def _open_store(config: Config) -> cache.Store | None:
    if config.cache_dir is None:
        return None
    where = cache.digest(os.path.abspath(config.specs) + "\n" + os.path.abspath(config.output))
    try:
        return cache.Store(config.cache_dir / f"{where[:16]}.sqlite3")
    except (OSError, sqlite3.Error):  # a read-only checkout, say: run without a cache
        return None


def _stat_docs(specs: Path) -> dict[DocId, tuple[str, int, int]]:
    return dict(sorted(stat_docs(specs).items()))


def _unchanged(store: cache.Store, found: Mapping[DocId, tuple[str, int, int]], out: Path) -> bool:
    """The fast path: the last run left the output matching the docs, and since then no
    doc and no output file has changed (by their stats)."""
    if not store.clean():
        return False
    rows = store.doc_rows()
    if rows.keys() != found.keys():
        return False
    for doc_id, (_, mtime, size) in found.items():
        row = rows[doc_id]
        if (row.mtime_ns, row.size) != (mtime, size):
            return False
    recorded = store.output_rows()
    seen = scan(out, recorded)
    if seen.unknown or seen.ours.keys() != recorded.keys():
        return False
    return all((r.mtime_ns, r.size) == seen.ours[p] for p, r in recorded.items())


class _Run:
    """One slow-path run (the cache says something changed, or there is no cache)."""

    def __init__(
        self,
        config: Config,
        found: dict[DocId, tuple[str, int, int]],
        *,
        store: cache.Store | None,
        writable: cache.Store | None,
        report: Report,
        clock: _Clock,
        progress: Progress,
    ) -> None:
        self.config = config
        self.store = store
        self.writable = writable
        self.found = found
        self.report = report
        self.clock = clock
        self.progress = progress

    def go(self, write: bool) -> None:
        facts_read = self._load_facts()
        rows = self.store.doc_rows() if self.store else {}
        parsed, changed = self.parse(rows)
        self.clock.lap("parse")
        facts_read()
        from generator.run import incremental  # noqa: PLC0415 (loaded while parsing)

        step = incremental.Step(
            self.config,
            self.store,
            rows=rows,
            parsed=parsed,
            changed=changed,
            progress=self.progress,
        )
        outcome = step.resolve(self.found.keys())
        self.report.mode = outcome.mode
        self.clock.lap("resolve")
        self.report.diagnostics = tuple(
            sorted(outcome.diagnostics, key=lambda d: (d.loc, d.message))
        )
        if self.report.failed or outcome.files is None:
            self._save_docs(rows, clean=False)
            # The next run starts again from the last good run's decisions, with every doc
            # changed since marked stale (so a doc broken here and left as it was is still
            # reported); without those decisions, it resolves the whole set.
            if self.writable is not None:
                outcome.save(self.writable)
            return
        with locked(self.config.output) if write else contextlib.nullcontext():
            if write:
                recover(self.config.output)
            known = self.store.output_rows() if self.store else {}
            existing = scan(self.config.output, known)
            staging = Staging(self.config.output, existing)
            try:
                if write:  # new files are written where they render
                    staging.begin(outcome.files)
                rendering = step.render(outcome, existing, staging.add if write else None)
                rendered = rendering.texts
                staging.written({rel: rendered[rel] for rel in rendering.staged})
                self.clock.lap("render")
                self.report.rendered = len(rendered)
                self.report.left_to_black = step.left_to_black
                plan = plan_changes(outcome.files, rendered, existing, known, self.config.output)
                self.report.plan = plan
                if write and not plan.conflicts:
                    write_plan(plan, self.config.output, staging)
            finally:
                staging.discard()
        self.clock.lap("write")
        clean = not plan.conflicts and (write or plan.clean)
        self._save_docs(rows, clean=clean)
        if self.writable is not None:
            self.writable.put(cache.DIAGNOSTICS, list(self.report.diagnostics))
            outcome.save(self.writable)
            if clean:
                self._save_outputs(plan)
        self.clock.lap("save")

    def _load_facts(self) -> Callable[[], None]:
        """Start getting the sources' facts: from the cache when it has them (a warm run
        reads unchanged sources not at all), else read in a worker process while the docs
        are parsed. The function returned waits for them and keeps them."""
        if not self.config.mode.ts_sources:
            return lambda: None
        from generator.run import pipeline  # noqa: PLC0415 (the slow path only)

        kept = self.store.get(cache.FACTS) if self.store else None
        if kept is not None:
            pipeline.remember_facts(self.config, kept)
            return lambda: None
        reading = pipeline.read_facts_in_background(self.config)

        def finish() -> None:
            facts = reading()
            pipeline.remember_facts(self.config, facts)
            if self.writable is not None:
                self.writable.put(cache.FACTS, facts)
            self.clock.lap("sources")

        return finish

    def _load_stages(self) -> None:
        """Load resolve and render (modules, the target's templates) while the workers
        parse: the parent would otherwise do it alone afterwards, one core idle."""
        from generator.emit.render import prepare  # noqa: PLC0415
        from generator.run import incremental  # noqa: F401, PLC0415

        prepare(self.config.target)

    def parse(
        self, rows: Mapping[DocId, cache.DocRow]
    ) -> tuple[dict[DocId, ParseResult], set[DocId]]:
        """Parse results of the docs whose content changed (or that are new), and their
        ids; a doc whose file stats or content are as before is not parsed again."""
        paths: dict[DocId, str] = {}
        previous: dict[DocId, str] = {}
        for doc_id, (path, mtime, size) in self.found.items():
            row = rows.get(doc_id)
            if row is None or (row.mtime_ns, row.size) != (mtime, size):
                paths[doc_id] = path
                previous[doc_id] = row.digest if row else ""
        from generator.run.parallel import parse_docs  # noqa: PLC0415 (the slow path only)

        results = parse_docs(paths, previous, self.config.jobs, self.progress, self._load_stages)
        self.new_rows = {r.doc_id: r for r in results}
        parsed = {r.doc_id: p for r in results if (p := r.parsed) is not None}
        self.report.parsed = len(parsed)
        return parsed, set(parsed)

    def _save_docs(self, rows: Mapping[DocId, cache.DocRow], clean: bool) -> None:
        if self.writable is None:
            return
        new: dict[DocId, tuple[cache.DocRow, bytes]] = {}
        touched: dict[DocId, tuple[int, int]] = {}
        for doc_id, result in self.new_rows.items():
            _, mtime, size = self.found[doc_id]
            if result.blob is None:
                touched[doc_id] = (mtime, size)
                continue
            row = cache.DocRow(mtime, size, result.digest)
            new[doc_id] = (row, result.blob)
        removed = rows.keys() - self.found.keys()
        self.writable.save_docs(new, removed)
        self.writable.touch_docs(touched)
        self.writable.put(cache.CLEAN, clean)

    def _save_outputs(self, plan: Plan) -> None:
        assert self.writable is not None
        rows: dict[str, cache.OutputRow] = {}
        out = os.fspath(self.config.output)
        for rel, text in plan.written.items():
            try:
                st = os.stat(os.path.join(out, rel))  # thousands of files: no Path objects
            except OSError:
                continue
            rows[rel] = cache.OutputRow(cache.digest(text), st.st_mtime_ns, st.st_size)
        for rel, row in plan.unchanged_rows.items():
            rows[rel] = row
        self.writable.save_outputs(rows, plan.removed)
