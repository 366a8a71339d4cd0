"""200 docs in a chain, each linking the next, with no cycle: importing the package
imports the first module, which imports the second at its top, and so on, 200 modules
deep. Python's import machinery spends several stack frames per level, so a plain chain
of this length exhausts the default recursion limit: a reference graph of ordinary depth
must still give a package that imports."""

from __future__ import annotations

from pathlib import Path

N = 200


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    for i in range(N):
        row = (
            f"| `next` | [Step{i + 1}](step{i + 1}.md) | :heavy_minus_sign: | The next step. |\n"
            if i + 1 < N
            else "| `last` | *boolean* | :heavy_check_mark: | The end of the chain. |\n"
        )
        (models / f"step{i}.md").write_text(
            f"# Step{i}\n\n## Fields\n\n"
            "| Field | Type | Required | Description |\n"
            "| ----- | ---- | -------- | ----------- |\n" + row,
            encoding="utf-8",
        )
