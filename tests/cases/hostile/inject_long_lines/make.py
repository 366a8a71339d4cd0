"""Lines of 10,000 characters in every place doc text reaches the generated code
(except the title, which is its own case: long_title)."""

from __future__ import annotations

from pathlib import Path

N = 10_000


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    word = "w" * N  # one unbreakable word
    words = ("lorem ipsum " * N)[:N]  # breakable text
    quotes = ('"""' * N)[:N]
    slashes = "\\" * N
    name = "k" * N
    padded = " " * N
    (models / "longline.md").write_text(
        "# LongLine\n\n"
        f"{word}\n\n{words}\n\n{quotes}\n\n{slashes}\n\n"
        "## Example Usage\n\n"
        "```typescript\n"
        'import { LongLine } from "long/models";\n\n'
        "let value: LongLine = {\n"
        f'  text: "{word}",\n'
        f'  {name}: "{words}",\n'
        "};\n"
        "```\n\n"
        "## Fields\n\n"
        f"| Field{padded} | Type | Required | Description | Example |\n"
        f"| -----{'-' * N} | ---- | -------- | ----------- | ------- |\n"
        f"| `text`{padded} | *string* | :heavy_check_mark: | {word} | {word} |\n"
        f"| `{name}` | *string* | :heavy_minus_sign: | {words} | {quotes} |\n"
        f"| `slashes` | *string* | :heavy_minus_sign: | {slashes} | {slashes} |\n"
        f"| `size` | [Size](size.md) | :heavy_minus_sign: | {quotes} | N/A |\n",
        encoding="utf-8",
    )
    (models / "size.md").write_text(
        "# Size\n\n"
        f"{words}\n\n"
        "## Values\n\n"
        "```typescript\n"
        f'"{word}" | "{words}" | "{slashes}{slashes}" | "small"\n'
        "```\n",
        encoding="utf-8",
    )
    (models / "longlist.md").write_text(
        f"# LongList\n\n## Values\n\n- `{word}x`\n- `{quotes}`\n", encoding="utf-8"
    )
