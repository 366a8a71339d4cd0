"""One content hash for the whole generator: docs, output files and fingerprints."""

from __future__ import annotations

import hashlib


def digest(data: bytes | str) -> str:
    """A short, stable hash of `data` (text is hashed as UTF-8, lone surrogates kept)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()
