"""Example cells holding JSON nested deeper than Python's recursion limit lets json.loads
read (3,000 levels), and deep enough (700 levels) that the parsed value cannot be pickled
to or from a worker. An Example cell is only kept as an example: such a cell should stay
text (or be dropped), never stop the run."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "## Fields\n\n"
    "| Field | Type | Required | Description | Example |\n"
    "| ----- | ---- | -------- | ----------- | ------- |\n"
)


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    for name, depth in (("Shallower", 700), ("Deeper", 3000)):
        arrays = "[" * depth + "]" * depth
        objects = '{"a":' * depth + "1" + "}" * depth
        (models / f"{name.lower()}.md").write_text(
            f"# {name}\n\nExamples nested {depth} levels deep.\n\n{HEADER}"
            f"| `arrays` | *any* | :heavy_minus_sign: | Lists of lists. | {arrays} |\n"
            f"| `objects` | *any* | :heavy_minus_sign: | Objects of objects. | {objects} |\n",
            encoding="utf-8",
        )
