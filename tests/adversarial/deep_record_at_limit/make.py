"""Type cells nested exactly as deep as the limit allows (64): they must generate."""

from __future__ import annotations

from pathlib import Path

from _nested import write_deep_doc


def make(specs: Path) -> None:
    write_deep_doc(specs, 64)
