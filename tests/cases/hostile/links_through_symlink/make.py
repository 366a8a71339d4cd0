"""A doc that links into a symlinked folder that points outside specs."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    outside = specs.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n\nA doc outside the specs folder.\n")
    models = specs / "models"
    models.mkdir(parents=True, exist_ok=True)  # specs/ has account.md
    (models / "linked").symlink_to(outside, target_is_directory=True)
