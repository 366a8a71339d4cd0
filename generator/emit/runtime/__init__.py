"""The `_serde` module every generated package carries, kept here as a real module so
ruff, black and mypy check it like the generator's own code."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def runtime_source() -> str:
    """The text of `_serde.py`, as it is copied into each generated package (below its
    header)."""
    return Path(__file__).with_name("_serde.py").read_text(encoding="utf-8")
