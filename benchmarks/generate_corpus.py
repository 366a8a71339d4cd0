"""Time `docs2models generate` on the real corpora: prints the median of several cold runs.

Each run is a fresh process writing into an empty folder, from a fresh working folder (so
its cache, `.docs2models-cache`, starts empty too). The folders are removed after the last
run, not between runs: on this machine's disk (ext4 with `discard`) a run right after a
large delete writes several times slower, which measures the disk, not the run.
Usage: python benchmarks/generate_corpus.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "authlete-ts (290 docs)": ROOT.parent / "shared/corpus/authlete-ts/models",
    "speakeasy-client-ts (172 docs)": ROOT.parent / "shared/corpus/speakeasy-client-ts/models",
}


def time_generate(specs: Path, runs: int) -> list[float]:
    times: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(runs):
            where = Path(tempfile.mkdtemp(dir=scratch))
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "generator", "generate", str(specs), "-o", "pkg", "-q"],
                cwd=where,
                check=False,
            )
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for name, specs in CORPORA.items():
        if not specs.is_dir():
            print(f"{name}: skipped ({specs} is absent)")
            continue
        times = time_generate(specs, runs)
        print(
            f"{name}: cold generate median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs)"
        )


if __name__ == "__main__":
    main()
