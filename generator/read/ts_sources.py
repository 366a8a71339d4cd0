"""Reading an SDK's TypeScript model sources (placeholder until the reader lands)."""

from __future__ import annotations

from pathlib import Path

from generator.read.ts_facts import SourceFacts


def read_sources(root: Path) -> SourceFacts:
    """The facts the sources under `root` give."""
    return SourceFacts(str(root))
