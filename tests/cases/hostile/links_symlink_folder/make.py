"""A folder inside specs that is a symlink to a folder outside specs: it must not be
followed (its docs are not read; one of them would fail the run if it were)."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    outside = specs.parent / "elsewhere"
    outside.mkdir()
    (outside / "broken.md").write_text("no title here, and a bad table\n\n| a |\n| - |\n")
    (outside / "extra.md").write_text("# Extra\n\nA doc that must not be generated.\n")
    models = specs / "models"
    models.mkdir(parents=True, exist_ok=True)  # specs/ has account.md
    (models / "linked").symlink_to(outside, target_is_directory=True)
    (models / "linked.md").symlink_to(outside, target_is_directory=True)
    (specs / "top").symlink_to(Path("..") / "elsewhere", target_is_directory=True)
