"""Generated source → the exact text black gives it, formatted in-process."""

from __future__ import annotations

import black
from black.mode import Mode, TargetVersion

MODE = Mode(target_versions={TargetVersion.PY310}, line_length=88)


def format_python(source: str) -> str:
    """`source` as black formats it; a failure here is a bug in a template, not in a doc."""
    return black.format_str(source, mode=MODE)


def format_files(files: dict[str, str]) -> dict[str, str]:
    """Every `.py` file formatted; other files as they are."""
    return {
        path: format_python(text) if path.endswith(".py") else text for path, text in files.items()
    }
