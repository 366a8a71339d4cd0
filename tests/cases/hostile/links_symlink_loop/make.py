"""Symlinked folders that loop: one to its parent, one to itself, one to the specs root.
The walk must end, and a link that goes through a loop finds no doc."""

from __future__ import annotations

import os
from pathlib import Path


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True, exist_ok=True)  # specs/ has account.md
    (models / "loop").symlink_to("..", target_is_directory=True)
    (models / "me").symlink_to(".", target_is_directory=True)
    (models / "root").symlink_to(os.path.abspath(specs), target_is_directory=True)
