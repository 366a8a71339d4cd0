"""A title of 10,000 characters: a legal class name, but no file system takes a module
file name that long (255 bytes is the usual limit)."""

from __future__ import annotations

from pathlib import Path


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    title = "Very" + "Long" * 2499  # 10,000 characters, one identifier
    (models / "longtitle.md").write_text(
        f"# {title}\n\nA model whose name is too long for a file name.\n\n"
        "## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        "| `id` | *string* | :heavy_check_mark: | Its identifier. |\n",
        encoding="utf-8",
    )
    spaced = " ".join(["word"] * 2000)  # 9,999 characters with spaces
    (models / "spacedtitle.md").write_text(
        f"# {spaced}\n\n## Values\n\n- `a`\n- `b`\n", encoding="utf-8"
    )
    (models / "holder.md").write_text(
        "# Holder\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n"
        "| ----- | ---- | -------- | ----------- |\n"
        f"| `long` | [{title}](longtitle.md) | :heavy_minus_sign: | The long one. |\n",
        encoding="utf-8",
    )
