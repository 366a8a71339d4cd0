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


def format_files(files: dict[str, str], line_length: int = 88) -> dict[str, str]:
    """Every `.py` file formatted; other files as they are."""
    return {
        path: format_python(text, line_length) if path.endswith(".py") else text
        for path, text in files.items()
    }
