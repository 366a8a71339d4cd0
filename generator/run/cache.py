"""The cache of earlier runs, in one SQLite file (standard library): what each doc was
(file stats, content hash, parsed IR, resolved names) and what each output file was.

It only ever saves work: a missing, stale or damaged cache is rebuilt from scratch, and the
folder can be deleted at any time. Everything is keyed by a fingerprint of the generator's
own code and the configuration, so a new version or setting never reuses old results.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.digest import digest
from generator.errors import Diagnostic
from generator.record import record
from generator.write.folder import OutputRow

__all__ = ["CLEAN", "DIAGNOSTICS", "FACTS", "SAVED", "DocRow", "OutputRow", "Store", "digest"]

SCHEMA_VERSION = "4"

CLEAN = "clean"
"""The last run left the output folder matching the docs (a bool)."""
DIAGNOSTICS = "diagnostics"
"""The last run's diagnostics (a list), shown again by a run that finds nothing changed."""
FACTS = "facts"
"""What the TypeScript sources said (read/ts_facts.SourceFacts); the sources' stamp is in
the fingerprint, so these are always the current sources' facts."""
SAVED = "saved"
"""The last full run's whole-set decisions (incremental.Saved)."""


@record
class DocRow:
    """A doc as the last run saw it."""

    mtime_ns: int
    size: int
    digest: str


class Store:
    """An open cache; every method works on one SQLite connection."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = self._connect(path)
        self._doc_rows: dict[str, DocRow] | None = None
        self._output_rows: dict[str, OutputRow] | None = None

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            Store._create(db)
            return db
        except sqlite3.DatabaseError:  # damaged: it is only a cache
            path.unlink(missing_ok=True)
            db = sqlite3.connect(path, timeout=30)
            Store._create(db)
            return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
            CREATE TABLE IF NOT EXISTS docs (
                id TEXT PRIMARY KEY, mtime INTEGER, size INTEGER, digest TEXT,
                parsed BLOB);
            CREATE TABLE IF NOT EXISTS outputs (
                path TEXT PRIMARY KEY, digest TEXT, mtime INTEGER, size INTEGER);
            """
        )

    def close(self) -> None:
        self.db.close()

    def matches(self, fingerprint: str) -> bool:
        """True when the cache was made by this generator with this configuration; if not,
        it is emptied."""
        row = self.db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        if row is not None and row[0] == SCHEMA_VERSION + fingerprint:
            return True
        self._doc_rows = self._output_rows = None
        with self.db:
            self.db.executescript("DROP TABLE meta; DROP TABLE docs; DROP TABLE outputs;")
        self._create(self.db)
        with self.db:
            self.db.execute(
                "INSERT INTO meta VALUES ('fingerprint', ?)", (SCHEMA_VERSION + fingerprint,)
            )
        return False

    def clean(self) -> bool:
        return self.get(CLEAN) is True

    def diagnostics(self) -> list[Diagnostic]:
        found = self.get(DIAGNOSTICS)
        return list(found) if isinstance(found, list) else []

    def get(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else pickle.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, pickle.dumps(value, 5))
            )

    def doc_rows(self) -> dict[str, DocRow]:
        """Every doc's row (read once per run: a run asks more than once)."""
        if self._doc_rows is None:
            rows = self.db.execute("SELECT id, mtime, size, digest FROM docs")
            self._doc_rows = {r[0]: DocRow(r[1], r[2], r[3]) for r in rows}
        return dict(self._doc_rows)

    def parsed(self, ids: Iterable[str]) -> dict[str, Any]:
        """The parse results of docs `ids` (those the cache has)."""
        out: dict[str, Any] = {}
        wanted = list(ids)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, parsed FROM docs WHERE id IN ({marks})",
                chunk,
            )
            out.update((r[0], pickle.loads(r[1])) for r in rows)
        return out

    def save_docs(self, rows: dict[str, tuple[DocRow, bytes]], removed: Iterable[str]) -> None:
        """Write changed docs (row and pickled parse result) and forget `removed`."""
        self._doc_rows = None
        with self.db:
            self.db.executemany("DELETE FROM docs WHERE id=?", [(i,) for i in removed])
            self.db.executemany(
                "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?)",
                [(i, r.mtime_ns, r.size, r.digest, blob) for i, (r, blob) in rows.items()],
            )

    def touch_docs(self, stats: dict[str, tuple[int, int]]) -> None:
        """New file stats for docs whose content did not change."""
        self._doc_rows = None
        with self.db:
            self.db.executemany(
                "UPDATE docs SET mtime=?, size=? WHERE id=?",
                [(m, s, i) for i, (m, s) in stats.items()],
            )

    def output_rows(self) -> dict[str, OutputRow]:
        """Every output file's row (read once per run, like `doc_rows`)."""
        if self._output_rows is None:
            rows = self.db.execute("SELECT path, digest, mtime, size FROM outputs")
            self._output_rows = {r[0]: OutputRow(r[1], r[2], r[3]) for r in rows}
        return dict(self._output_rows)

    def save_outputs(self, rows: dict[str, OutputRow], removed: Iterable[str]) -> None:
        self._output_rows = None
        with self.db:
            self.db.executemany("DELETE FROM outputs WHERE path=?", [(p,) for p in removed])
            self.db.executemany(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
                [(p, r.digest, r.mtime_ns, r.size) for p, r in rows.items()],
            )
