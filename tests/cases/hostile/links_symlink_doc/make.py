"""A doc inside specs that is a symlink to a doc outside specs."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    outside = specs.parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(
        "# Secret\n\nRead from outside the specs folder.\n", encoding="utf-8"
    )
    models = specs / "models"
    models.mkdir(parents=True, exist_ok=True)  # specs/ has account.md
    (models / "secret.md").symlink_to(outside / "secret.md")
    (models / "relative.md").symlink_to(Path("..") / ".." / "outside" / "secret.md")
