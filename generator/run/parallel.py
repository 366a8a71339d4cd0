"""Parsing and rendering on every core: worker processes, forked so that they start at
once and already hold what the parent loaded (the parser, the templates, the schema).

Small jobs stay in the parent: a pool costs more than it saves below a few dozen docs.
"""

from __future__ import annotations

import copyreg
import dataclasses
import functools
import gc
import io
import multiprocessing
import operator
import pickle
import sys
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from generator import errors, ir
from generator.ir import DocId, ParseResult
from generator.read.sources import decode, read_doc
from generator.record import record
from generator.run import cache

MIN_PARALLEL = 48
"""Fewer items than this are done in the parent process."""


@record
class Parsed:
    """One doc read: its content digest, and its parse result, pickled (as workers send
    it, and as the cache keeps it), unless the content is the same as before. The parent
    unpickles each result as it arrives (`result`), while workers parse the rest."""

    doc_id: DocId
    digest: str
    blob: bytes | None
    result: ParseResult | None = None

    @property
    def parsed(self) -> ParseResult | None:
        if self.result is not None or self.blob is None:
            return self.result
        result: ParseResult = pickle.loads(self.blob)
        return result


def parse_one(doc_id: DocId, path: str, previous: str) -> Parsed:
    """Read and parse one doc; a doc whose content digest is `previous` is not parsed."""
    from generator.parse.document import read_doc as parse_markdown  # noqa: PLC0415
    from generator.read.markdown import read_markdown  # noqa: PLC0415 (the parser loads only when needed)

    data, unreadable = read_doc(doc_id, path)
    if data is None:
        assert unreadable is not None
        return Parsed(doc_id, "", _blob(ParseResult(None, (unreadable,))))
    digest = cache.digest(data)
    if digest == previous:
        return Parsed(doc_id, digest, None)
    text, problem = decode(doc_id, data)
    if text is None:
        assert problem is not None
        return Parsed(doc_id, digest, _blob(ParseResult(None, (problem,))))
    return Parsed(doc_id, digest, _blob(parse_markdown(read_markdown(doc_id, text))))


def _blob(result: ParseResult) -> bytes:
    """`result` pickled with each positional record as its class and field values, which
    unpickle by calling the class: smaller, and faster to load than the state of each slot
    that records pickle with by default (5.4 ms against 9.2 for Authlete's 290 docs)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, 5)
    pickler.dispatch_table = _reducers()
    pickler.dump(result)
    return out.getvalue()


Reducer = Callable[[Any], Any]


@functools.cache
def _reducers() -> dict[type, Reducer]:
    """A reducer for each record of the IR and of its diagnostics whose constructor takes
    every field in order (the docs themselves take keywords: they keep the default)."""
    table: dict[type, Reducer] = dict(copyreg.dispatch_table)
    for module in (ir, errors):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and dataclasses.is_dataclass(value)
                and all(f.init and not f.kw_only for f in dataclasses.fields(value))
            ):
                table[value] = _reducer(value, tuple(f.name for f in dataclasses.fields(value)))
    return table


def _reducer(cls: type, names: tuple[str, ...]) -> Reducer:
    values = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda record: (cls, (values(record),))
    return lambda record: (cls, values(record))


def parse_docs(
    paths: Mapping[DocId, str],
    previous: Mapping[DocId, str],
    jobs: int,
    progress: Callable[[str, int, int], None],
    meanwhile: Callable[[], None] = lambda: None,
) -> list[Parsed]:
    """Read and parse the docs at `paths`, on every core when worth it; a doc whose
    content digest equals its `previous` one is read but not parsed again. `meanwhile`
    runs in this process while the workers parse (it loads what the later stages need,
    which the workers never do)."""
    work = [(doc_id, path, previous.get(doc_id, "")) for doc_id, path in sorted(paths.items())]
    if work:  # loaded once, before forking
        from generator.parse import document  # noqa: F401, PLC0415
        from generator.read import markdown  # noqa: F401, PLC0415
    # Parsing makes millions of short-lived objects and no reference cycles (tokens, records,
    # cached inlines), so the cyclic garbage collector only costs time here: a third of it.
    # Forked workers inherit it off.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _map(
            _parse_chunk, work, jobs, "parse", progress, receive=_loaded, meanwhile=meanwhile
        )
    finally:
        if collecting:
            gc.enable()


def _parse_chunk(items: list[tuple[DocId, str, str]]) -> list[tuple[DocId, str, bytes | None]]:
    """Each doc parsed, sent back as a plain tuple (cheaper to pickle than a record)."""
    out = []
    for item in items:
        parsed = parse_one(*item)
        out.append((parsed.doc_id, parsed.digest, parsed.blob))
    return out


def _loaded(chunk: list[tuple[DocId, str, bytes | None]]) -> list[Parsed]:
    """Each doc's parse result unpickled, as the parent receives it."""
    return [
        Parsed(doc_id, digest, blob, None if blob is None else pickle.loads(blob))
        for doc_id, digest, blob in chunk
    ]


_RENDER_JOB: Callable[[str], Any] | None = None
"""What a render worker calls for each path (set in the parent before forking)."""


def render_all(
    paths: list[str],
    render_one: Callable[[str], Any],
    jobs: int,
    progress: Callable[[str, int, int], None],
) -> dict[str, Any]:
    """`render_one(path)` for every path, in worker processes when worth it (what it
    needs loaded first, as `emit.render.prepare` does, so that workers share it)."""
    global _RENDER_JOB  # noqa: PLW0603 (handed to forked workers)
    _RENDER_JOB = render_one
    try:
        results = _map(_render_chunk, paths, jobs, "render", progress)
    finally:
        _RENDER_JOB = None
    return dict(zip(paths, results, strict=True))


def _render_chunk(paths: list[str]) -> list[Any]:
    assert _RENDER_JOB is not None
    return [_RENDER_JOB(path) for path in paths]


def _map(
    function: Callable[[list[Any]], list[Any]],
    items: list[Any],
    jobs: int,
    stage: str,
    progress: Callable[[str, int, int], None],
    *,
    receive: Callable[[list[Any]], list[Any]] | None = None,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[Any]:
    """`function` over slices of `items`, results in order; a pool of `jobs` forked
    workers when there are enough items and `fork` exists, else in this process. Each
    slice's results go through `receive` in this process as they arrive; `meanwhile`
    runs here once the workers have their slices (first, when there are no workers)."""
    total = len(items)
    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    if jobs <= 1 or total < MIN_PARALLEL or not fork:
        meanwhile()
        out: list[Any] = []
        for part in _slices(items, max(1, total // 20)):
            result = function(part)
            out.extend(result if receive is None else receive(result))
            progress(stage, len(out), total)
        return out
    context = multiprocessing.get_context("fork")
    parts = list(_slices(items, max(1, min(64, total // (jobs * 8)))))
    done = 0
    out = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        results = pool.map(function, parts)
        meanwhile()
        for result in results:
            out.extend(result if receive is None else receive(result))
            done += len(result)
            progress(stage, done, total)
    return out


def _slices(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
