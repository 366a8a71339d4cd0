"""Ten docs in a ring: each links the next, the last links the first; one of them also
links across the ring, and the ring spans two folders."""

from __future__ import annotations

from pathlib import Path

N = 10


def make(specs: Path) -> None:
    for i in range(N):
        folder = specs / "models" / ("operations" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        j = (i + 1) % N
        target = f"{'operations/' if j % 2 else ''}link{j}.md"
        here = "operations/" if i % 2 else ""
        rel = target if not here else ("../" + target)
        across = f"{'operations/' if (i + 5) % N % 2 else ''}link{(i + 5) % N}.md"
        across = across if not here else "../" + across
        (folder / f"link{i}.md").write_text(
            f"# Link{i}\n\nLink {i} of a ring of {N}.\n\n## Fields\n\n"
            "| Field | Type | Required | Description |\n"
            "| ----- | ---- | -------- | ----------- |\n"
            f"| `id` | *integer* | :heavy_check_mark: | Position {i}. |\n"
            f"| `next` | [models.Link{j}]({rel}) | :heavy_minus_sign: | The next link. |\n"
            f"| `across` | [models.Link{(i + 5) % N}]({across})[] "
            "| :heavy_minus_sign: | Across. |\n",
            encoding="utf-8",
        )
