"""The `_serde` module every generated package carries, one per target, kept here as real
modules so ruff, black and mypy check them like the generator's own code."""

from __future__ import annotations

import functools
from pathlib import Path

_FILES = {
    "dataclasses": "_serde.py",
    "pydantic": "_serde_pydantic.py",
    "msgspec": "_serde_msgspec.py",
}


@functools.cache
def runtime_source(target: str = "dataclasses") -> str:
    """The text of `_serde.py` for `target`, as it is copied into each generated package
    (below its header)."""
    return Path(__file__).with_name(_FILES[target]).read_text(encoding="utf-8")
