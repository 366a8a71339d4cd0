"""Which generated files git does not track, for the pre-commit hook: a commit that holds
a package whose `__init__` imports a module that was never added is broken for everyone
who checks it out.

Asked of git itself (`git ls-files --others --exclude-standard`, so ignored files are
not reported); when git is not installed or OUT is not in a work tree, nothing is said.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path


def untracked(out: Path, files: Iterable[str]) -> list[str]:
    """The files among `files` (paths relative to `out`) that are in a git work tree,
    not tracked and not ignored, in path order; [] when git cannot say."""
    if not out.is_dir():
        return []
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--others", "--exclude-standard", "--", "."],
            cwd=out,
            capture_output=True,
            timeout=60,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:
        return []
    found = {os.fsdecode(p) for p in listed.stdout.split(b"\0") if p}
    return sorted(found & set(files))
