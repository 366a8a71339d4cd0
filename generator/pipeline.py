"""One run, stage by stage: find docs → read → tokens → IR → names → source → black.

Every stage after reading is a pure function of its input; diagnostics from all of them are
collected and returned together, so the caller decides once what the run amounts to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import overrides
from .config import Config
from .conformance import wire_name_warnings
from .errors import Diagnostic, has_errors
from .ir import Doc
from .parallel import parse_one
from .render import render_schema
from .resolve import resolve
from .sources import discover


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


def parse_specs(
    specs: Path, allow_unknown: bool = False
) -> tuple[list[Doc], frozenset[str], list[Diagnostic]]:
    """Parse every doc under `specs`: the docs that parsed, the ids of all docs, diagnostics."""
    docs: list[Doc] = []
    diags: list[Diagnostic] = []
    found = discover(specs)
    for doc_id, path in found:
        parsed = parse_one(doc_id, str(path), "", allow_unknown).parsed
        assert parsed is not None
        doc, doc_diags = parsed
        diags.extend(doc_diags)
        if doc is not None:
            docs.append(doc)
    return docs, frozenset(doc_id for doc_id, _ in found), diags


def build(config: Config, *, render: bool = True, formatted: bool = True) -> Built:
    """Everything the docs in `config.specs` say, as the files of a Python package.

    With `render=False` the run stops after resolving (for `docs2models ir`); with
    `formatted=False` the files are left as the templates wrote them. A bad override in the
    config raises ConfigError.
    """
    specs = config.specs
    if not specs.is_dir():
        raise FileNotFoundError(f"the specs folder {specs} does not exist")
    docs, known, diags = parse_specs(specs, config.allow_unknown)
    docs, override_diags = overrides.apply(docs, config)
    diags.extend(override_diags)
    schema, resolve_diags = resolve(docs, known)
    diags.extend(resolve_diags)
    if schema is not None:  # the docs with every reference bound
        docs = [d.doc for d in schema.docs]
        diags.extend(wire_name_warnings({d.id: d for d in docs}))
    if schema is None or has_errors(diags) or not render:
        return Built({}, tuple(docs), tuple(diags), len(known))
    rendered = render_schema(schema, Path(os.path.abspath(specs)).name, config)
    files = {path: r.text for path, r in rendered.items()}
    unformatted = sorted(path for path, r in rendered.items() if r.needs_black)
    if formatted and unformatted:
        from .formatting import format_files  # noqa: PLC0415 (black is slow to import)

        files.update(format_files({p: files[p] for p in unformatted}, config.line_length))
    return Built(files, tuple(docs), tuple(diags), len(known), tuple(unformatted))
