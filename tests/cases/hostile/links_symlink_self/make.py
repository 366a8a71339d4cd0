"""A doc that is a symlink to itself (reading it fails with ELOOP)."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "account.md").write_text("# Account\n\nA plain doc beside the loop.\n")
    (models / "ring.md").symlink_to("ring.md")
