"""Docs holding real control characters, separators and bidi marks (git would mangle
or hide them, so they are written here)."""

from __future__ import annotations

from pathlib import Path

# Every character here is one a careless generator would paste into source as is.
NASTY = {
    "nul": "\x00",
    "bell": "\x07",
    "backspace": "\x08",
    "vtab": "\x0b",
    "formfeed": "\x0c",
    "escape": "\x1b[31m",
    "unitsep": "\x1f",
    "delete": "\x7f",
    "nextline": "\x85",
    "nbsp": "\xa0",
    "linesep": "\u2028",
    "parasep": "\u2029",
    "rlmark": "\u200f",
    "rloverride": "\u202e",
    "lrisolate": "\u2066",
    "zwj": "\u200d",
    "bom": "\ufeff",
    "private": "\ue000",
    "nonchar": "\uffff",
}


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    every = "".join(NASTY.values())
    rows = "\n".join(
        f"| `{name}{ch}x` | *string* | :heavy_minus_sign: | before{ch}after | ex{ch}ample |"
        for name, ch in NASTY.items()
    )
    signal = (
        f"# Signal{NASTY['rloverride']}txt.exe{NASTY['nul']}\n\n"
        f"Control text: {every} and a carriage return alone\rimport os\n"
        f"A line separator\u2028import os\u2028and a paragraph separator\u2029import os\n"
        f'Right to left: {NASTY["rloverride"]}""" ;)(metsys.so{NASTY["lrisolate"]} end\n\n'
        "## Example Usage\n\n"
        "```typescript\n"
        'import { Signal } from "ctl/models";\n\n'
        "let value: Signal = {\n"
        f'  nul{NASTY["nul"]}x: "a\\u0000b{NASTY["bell"]}",\n'
        f'  "linesep\u2028x": "\u2028import os\u2029",\n'
        f'  "rloverride{NASTY["rloverride"]}x": "{NASTY["rloverride"]}\\"\\"\\"",\n'
        f'  level: "{NASTY["escape"]}",\n'
        "};\n"
        "```\n\n"
        "## Fields\n\n"
        "| Field | Type | Required | Description | Example |\n"
        "| ----- | ---- | -------- | ----------- | ------- |\n"
        f"{rows}\n"
        "| `level` | [Level](level.md) | :heavy_minus_sign: | A level. | N/A |\n"
    )
    (models / "signal.md").write_text(signal, encoding="utf-8")
    values = " | ".join(f'"{name}{ch}"' for name, ch in NASTY.items())
    level = (
        f"# Level{NASTY['rlmark']}\n\n"
        f"Levels{NASTY['parasep']}with{NASTY['linesep']}breaks{NASTY['nextline']}inside.\n\n"
        "## Values\n\n"
        "```typescript\n"
        f'{values} | "\\u0000" | "\\u2028" | "{NASTY["nul"]}{NASTY["nul"]}"\n'
        "```\n"
    )
    (models / "level.md").write_text(level, encoding="utf-8")
    listed = "".join(f"- `{ch}{name}`\n" for name, ch in NASTY.items())
    (models / "listed.md").write_text(
        f"# Listed{NASTY['bom']}\n\n## Values\n\n{listed}", encoding="utf-8"
    )
