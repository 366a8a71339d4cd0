"""Generated source → the exact text black gives it, formatted in-process."""

from __future__ import annotations

import black
from black.mode import Mode, TargetVersion


def mode(line_length: int = 88) -> Mode:
    """black's settings for generated code: Python 3.10 syntax, the given line length."""
    return Mode(target_versions={TargetVersion.PY310}, line_length=line_length)


def format_python(source: str, line_length: int = 88) -> str:
    """`source` as black formats it; a failure here is a bug in a template, not in a doc."""
    return black.format_str(source, mode=mode(line_length))


def format_statement(text: str, indent: int, line_length: int = 88) -> list[str]:
    """The lines black gives one statement (or a compound statement's header, ending in
    `:`) at `indent` spaces: it is formatted alone, nested in `if _:` lines to the same
    depth (a `pass` body under a header), and those stand-in lines are dropped again.
    black splits a line by its own content and depth only, so this equals black over the
    whole module."""
    depth = indent // 4
    stand_in = "".join("    " * i + "if _:\n" for i in range(depth))
    source = f"{stand_in}{' ' * indent}{text}\n"
    header = text.endswith(":")
    if header:
        source += " " * (indent + 4) + "pass\n"
    lines = [line for line in format_python(source, line_length).splitlines()[depth:] if line]
    return lines[:-1] if header else lines
