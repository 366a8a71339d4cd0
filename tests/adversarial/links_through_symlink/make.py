"""A doc that links into a symlinked folder that points outside specs."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    outside = specs.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n\nA doc outside the specs folder.\n")
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "account.md").write_text(
        "# Account\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        "| `id` | *string* | :heavy_check_mark: | An id. |\n"
        "| `secret` | [models.Secret](linked/secret.md) "
        "| :heavy_minus_sign: | Through the folder link. |\n",
        encoding="utf-8",
    )
    (models / "linked").symlink_to(outside, target_is_directory=True)
