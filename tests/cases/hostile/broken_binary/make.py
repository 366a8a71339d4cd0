"""A .md file of random bytes (fixed seed, so the first bad byte is always the same)."""

from __future__ import annotations

import random
from pathlib import Path


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "blob.md").write_bytes(random.Random(20240501).randbytes(64 * 1024))
    # A PNG header under a .md name: NUL bytes and a high byte on line 1.
    (models / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
