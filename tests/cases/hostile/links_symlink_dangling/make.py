"""A doc that is a symlink to a file that does not exist (a doc deleted, its link left):
the model it stood for must not silently vanish from the package."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "account.md").write_text("# Account\n\nA plain doc beside the broken link.\n")
    (models / "gone.md").symlink_to("deleted.md")
