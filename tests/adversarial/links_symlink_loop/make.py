"""Symlinked folders that loop: one to its parent, one to itself, one to the specs root.
The walk must end, and a link that goes through a loop finds no doc."""

from __future__ import annotations

import os
from pathlib import Path


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "account.md").write_text(
        "# Account\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        "| `id` | *string* | :heavy_check_mark: | An id. |\n"
        "| `self` | [models.Account](loop/models/account.md) "
        "| :heavy_minus_sign: | Through the loop. |\n",
        encoding="utf-8",
    )
    (models / "loop").symlink_to("..", target_is_directory=True)
    (models / "me").symlink_to(".", target_is_directory=True)
    (models / "root").symlink_to(os.path.abspath(specs), target_is_directory=True)
