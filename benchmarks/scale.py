"""The daily workflow at SDK scale, timed on two corpora of 11,000+ docs.

- real: the docs of the 20 public SDKs in ../shared/corpus/real, names kept as they ship
  (long, nested, namespaced), each SDK in its own folder; copies of them (`<sdk>-1`, …)
  until there are enough docs. This is what users' docs look like.
- synthetic: copies of the two shared corpora (Authlete, speakeasy-client) in numbered
  folders, every class name in many namespaces. Kept as a second row for comparison.

For each corpus it prints medians of several runs: cold generate (no cache, no output),
no-op check, one doc edited then generate (a description, a field added, a doc added,
a doc removed),
the peak memory of any run, and the stage split of the cold run as `-v` shows it.
Usage: python benchmarks/scale.py [RUNS] [MIN_DOCS] [real|synthetic|both]
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REAL = CORPUS / "real"
SYNTHETIC = (
    (CORPUS / "authlete-ts" / "models", Path("authlete") / "models"),
    (CORPUS / "speakeasy-client-ts" / "models", Path("sdk") / "models"),
)
STAGES = ("scan", "parse", "resolve", "render", "write", "save")


def _count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.md"))


def build_real(target: Path, minimum: int) -> int:
    """Every real SDK's docs folder under `target/<sdk>/docs`, then copies, to `minimum`."""
    sdks = sorted(p for p in REAL.iterdir() if (p / "docs").is_dir())
    count, copy = 0, 0
    while count < minimum:
        for sdk in sdks:
            name = sdk.name if copy == 0 else f"{sdk.name}-{copy}"
            shutil.copytree(sdk / "docs", target / name / "docs")
            count += _count(target / name / "docs")
            if count >= minimum:
                break
        copy += 1
    return count


def build_synthetic(target: Path, minimum: int) -> int:
    """Copies of the shared corpora under `target/vNNN/`, to `minimum` docs."""
    count, copy = 0, 0
    while count < minimum:
        for source, where in SYNTHETIC:
            destination = target / f"v{copy:03d}" / where
            shutil.copytree(source, destination)
            count += _count(destination)
        copy += 1
    return count


def run(*args: str, cwd: Path) -> tuple[float, dict[str, Any]]:
    """Wall seconds and the `run` facts of one `docs2models … --format json`."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args, "--allow-unknown", "--format", "json"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        found = json.loads(result.stdout or "{}").get("diagnostics", [])
        problems = [d for d in found if d["severity"] == "error"]
        sys.exit(f"docs2models {' '.join(args)} exited {result.returncode}: {problems[:3]}")
    return elapsed, json.loads(result.stdout)["run"]


def _edit_description(doc: Path, n: int) -> None:
    lines = doc.read_text().splitlines(keepends=True)
    lines.insert(1, f"\nEdited {n}.\n")
    doc.write_text("".join(lines))


def _add_field(doc: Path, n: int) -> None:
    lines = doc.read_text().splitlines(keepends=True)
    rule = next(i for i, line in enumerate(lines) if line.startswith("| -"))
    extra = " |" * (lines[rule].count("|") - 5)  # an Example column, where the doc has one
    row = f"| `benchField{n}` | *string* | :heavy_minus_sign: | Added. |{extra}\n"
    lines.insert(rule + 1, row)
    doc.write_text("".join(lines))


def _add_doc(doc: Path, n: int) -> None:
    text = doc.read_text()
    title = text.splitlines()[0]
    (doc.parent / f"benchadded{n}.md").write_text(text.replace(title, f"{title}BenchAdded{n}", 1))


def _remove_doc(doc: Path, n: int) -> None:
    (doc.parent / f"benchadded{n}.md").unlink()


EDITS: tuple[tuple[str, Callable[[Path, int], None]], ...] = (
    ("description edited", _edit_description),
    ("field added", _add_field),
    ("doc added", _add_doc),
    ("doc removed", _remove_doc),
)


def _model_doc(specs: Path) -> Path:
    """A model doc with a Fields table, the first in sorted order (the same every time)."""
    for doc in sorted(specs.rglob("*.md")):
        text = doc.read_text()
        if "## Fields" in text and "\n| -" in text and text.startswith("# "):
            return doc
    raise SystemExit("no model doc with a Fields table")


def bench(label: str, build: Callable[[Path, int], int], runs: int, minimum: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="docs2models-scale-"))
    try:
        docs = build(work / "specs", minimum)
        pristine = work / "pristine"
        shutil.copytree(work / "specs", pristine)
        print(f"\n## {label}: {docs} docs")
        cold: list[float] = []
        noop: list[float] = []
        edited: dict[str, list[float]] = {name: [] for name, _ in EDITS}
        modes: dict[str, set[str]] = {name: set() for name, _ in EDITS}
        stages: dict[str, list[float]] = {stage: [] for stage in STAGES}
        peaks: list[int] = []
        black: list[int] = []
        for n in range(runs):
            # each run in a folder of its own: deleting the last run's 12,000 files first
            # (an ext4 disk mounted with `discard` trims them) slowed the next run's writes
            # by seconds, which measured the disk, not docs2models
            here = work / f"run{n}"
            shutil.copytree(pristine, here / "specs")
            subprocess.run(["sync"], check=False)
            time.sleep(2)
            seconds, facts = run("generate", "specs", "-o", "out/pkg", cwd=here)
            cold.append(seconds)
            peaks.append(facts["peak_memory_mb"])
            black.append(facts["left_to_black"])
            for stage in STAGES:
                stages[stage].append(facts["stages"].get(stage, 0.0))
            seconds, facts = run("check", "specs", "-o", "out/pkg", cwd=here)
            noop.append(seconds)
            victim = _model_doc(here / "specs")
            for name, edit in EDITS:
                edit(victim, n)
                seconds, facts = run("generate", "specs", "-o", "out/pkg", cwd=here)
                edited[name].append(seconds)
                peaks.append(facts["peak_memory_mb"])
                modes[name].add(facts["mode"])
        _row("cold generate", cold)
        _row("no-op check", noop)
        for name, times in edited.items():
            _row(f"one doc: {name}", times, f"  ({'/'.join(sorted(modes[name]))} run)")
        print(f"peak memory (any run)        {max(peaks)} MiB")
        print(f"left to black (cold)         {max(black)} statements")
        split = ", ".join(f"{s} {statistics.median(stages[s]):.2f} s" for s in STAGES)
        print(f"cold stages (medians)        {split}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _row(name: str, times: list[float], note: str = "") -> None:
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(f"{name:<28} median {statistics.median(times):6.2f} s   [{shown}]{note}")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    minimum = int(sys.argv[2]) if len(sys.argv) > 2 else 11_000
    which = sys.argv[3] if len(sys.argv) > 3 else "both"
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return
    if which in ("real", "both"):
        bench("real SDK docs", build_real, runs, minimum)
    if which in ("synthetic", "both"):
        bench("synthetic (Authlete + speakeasy-client copies)", build_synthetic, runs, minimum)


if __name__ == "__main__":
    main()
