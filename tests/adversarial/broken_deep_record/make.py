"""Type cells nested 100 deep, in every spelling: beyond the limit of 64."""

from __future__ import annotations

from pathlib import Path

from _nested import write_deep_doc


def make(specs: Path) -> None:
    write_deep_doc(specs, 100)
