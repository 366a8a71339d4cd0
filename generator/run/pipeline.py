"""One run, stage by stage: find docs → read → tokens → IR → names → source → black.

Every stage after reading is a pure function of its input; diagnostics from all of them are
collected and returned together, so the caller decides once what the run amounts to.
`resolve_results` is the one place where parse results become a named schema: `generate`
and `check` (engine.py) call it as `ir` and the tests do (`build`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.emit.conformance import wire_name_warnings
from generator.emit.render import render_schema
from generator.errors import Diagnostic, Severity, has_errors, left_out_docs
from generator.ir import Doc, DocId, ParseResult
from generator.read.sources import discover
from generator.resolve import policies
from generator.resolve.links import DocSet
from generator.resolve.schema import Schema, resolve
from generator.run.parallel import parse_one


@dataclass(frozen=True, slots=True)
class Built:
    """What a run produced: the package's files (empty on errors), the IR and diagnostics."""

    files: dict[str, str]
    docs: tuple[Doc, ...]
    diagnostics: tuple[Diagnostic, ...]
    doc_count: int
    formatted_by_black: tuple[str, ...] = ()
    """Modules whose layout was left to black (a shape layout.py does not handle)."""

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)

    @property
    def left_out(self) -> tuple[DocId, ...]:
        """Docs that could not be read, left out of the package (with --allow-unknown)."""
        return left_out_docs(self.diagnostics)


@dataclass(frozen=True, slots=True)
class Resolved:
    """Parse results turned into one schema: every doc named, every reference bound."""

    schema: Schema
    diagnostics: list[Diagnostic]
    docset: DocSet

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)


def resolve_results(results: Mapping[DocId, ParseResult], config: Config) -> Resolved:
    """Config policies applied, references bound, names decided, and every diagnostic
    of the run, for the parse results of all docs. A doc with an error stops the run; with
    `allow_unknown` it is left out instead (its errors say so) and references to it are
    `any`: a doc that failed to parse at once, one whose error only the whole set shows (a
    union that contains itself, a name taken twice) after a first pass."""
    parsed = [r.doc for _, r in sorted(results.items()) if r.doc is not None]
    failed = frozenset(d for d, r in results.items() if r.doc is None)
    diags = [
        _left_out(d) if config.allow_unknown and r.doc is None else d
        for _, r in sorted(results.items())
        for d in r.diagnostics
    ]
    titles = {d: r.title for d, r in results.items() if r.title}
    docset = DocSet(titles, frozenset(results), failed)
    docs, override_diags = policies.apply(parsed, config)
    schema, resolve_diags = resolve(docs, docset, config.allow_unknown)
    found = override_diags + resolve_diags
    broken = {d.loc.path for d in found if d.blocking} & {doc.id for doc in docs}
    if config.allow_unknown and broken:
        docset = DocSet(titles, docset.known, failed | broken)
        docs = [doc for doc in docs if doc.id not in broken]
        schema, resolve_diags = resolve(docs, docset, config.allow_unknown)
        why = [_left_out(d) for d in found if d.blocking and d.loc.path in broken]
        found = [d for d in override_diags if d.loc.path not in broken] + why + resolve_diags
    diags += found
    diags += wire_name_warnings({p.doc.id: p.doc for p in schema.docs})
    return Resolved(schema, diags, docset)


def _left_out(diag: Diagnostic) -> Diagnostic:
    """An error of a doc left out of the package: it no longer stops the run."""
    if diag.severity is Severity.ERROR:
        return dataclasses.replace(diag, left_out=True)
    return diag


def parse_specs(specs: Path, allow_unknown: bool = False) -> dict[DocId, ParseResult]:
    """Parse every doc under `specs`, in this process."""
    results: dict[DocId, ParseResult] = {}
    for doc_id, path in discover(specs):
        parsed = parse_one(doc_id, str(path), "", allow_unknown).parsed
        assert parsed is not None
        results[doc_id] = parsed
    return results


def build(config: Config, *, render: bool = True, formatted: bool = True) -> Built:
    """Everything the docs in `config.specs` say, as the files of a Python package.

    With `render=False` the run stops after resolving (for `docs2models ir`); with
    `formatted=False` the files are left as the templates wrote them. A bad override in the
    config raises ConfigError.
    """
    specs = config.specs
    if not specs.is_dir():
        raise FileNotFoundError(f"the specs folder {specs} does not exist")
    results = parse_specs(specs, config.allow_unknown)
    resolved = resolve_results(results, config)
    docs = tuple(p.doc for p in resolved.schema.docs)
    diags = tuple(resolved.diagnostics)
    if resolved.failed or not render:
        return Built({}, docs, diags, len(results))
    rendered = render_schema(resolved.schema, Path(os.path.abspath(specs)).name, config)
    files = {path: r.text for path, r in rendered.items()}
    unformatted = sorted(path for path, r in rendered.items() if r.needs_black)
    if formatted and unformatted:
        from generator.emit.formatting import format_files  # noqa: PLC0415 (black is slow to import)

        files.update(format_files({p: files[p] for p in unformatted}, config.line_length))
    return Built(files, docs, diags, len(results), tuple(unformatted))
