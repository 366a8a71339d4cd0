"""Doc folders whose names are no Python names as they stand: a keyword, a leading digit,
a dot, a space, dashes and underscores that meet (`my-ns`, `my_ns`), names of standard
modules the generated code imports (`typing`, `dataclasses`), the runtime's own name
(`_serde`) and `__pycache__` (written here: git ignores that name)."""

from __future__ import annotations

from pathlib import Path

FOLDERS = [
    "class",
    "1st",
    "a.b",
    "typing",
    "dataclasses",
    "_serde",
    "my-ns",
    "my_ns",
    "with space",
    "__pycache__",
]

TABLE = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"


def make(specs: Path) -> None:
    root = specs / "root"
    rows = []
    for i, folder in enumerate(FOLDERS, start=1):
        (root / folder).mkdir(parents=True)
        (root / folder / "doc.md").write_text(
            f"# Doc{i}\n\nA doc in the folder `{folder}`.\n\n## Values\n\n- `v{i}`\n",
            encoding="utf-8",
        )
        target = folder.replace(" ", "%20")
        rows.append(
            f"| `f{i}` | [Doc{i}]({target}/doc.md) | :heavy_minus_sign: | In `{folder}`. |\n"
        )
    (root / "top.md").write_text(
        "# Top\n\nA doc at the root that links into every folder.\n\n## Fields\n\n"
        + TABLE
        + "".join(rows),
        encoding="utf-8",
    )
