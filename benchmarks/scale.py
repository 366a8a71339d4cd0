"""The daily workflow at SDK scale: a synthetic corpus of 11,000+ docs, timed.

The corpus copies the two shared corpora (Authlete: 290 docs; speakeasy-client: 172 docs
with unions, records, dates and namespaces) into numbered folders, keeping the folder names
their links climb through, until there are at least 11,000 docs. Each copy is a namespace
of its own, so every class name appears in many namespaces and bare references
(`*shared.X*`) must be found in the right one.

Prints medians of several runs: cold generate (no cache, empty output), no-op check,
one doc changed then generate, and peak memory (max RSS of the generate process).
Usage: python benchmarks/scale.py [RUNS] [MIN_DOCS]
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = (
    (CORPUS / "authlete-ts" / "models", Path("authlete") / "models"),
    (CORPUS / "speakeasy-client-ts" / "models", Path("sdk") / "models"),
)


def build_corpus(target: Path, minimum: int) -> int:
    """Copies of the shared corpora under `target` until it holds `minimum` docs."""
    count, copy = 0, 0
    while count < minimum:
        for source, where in SOURCES:
            destination = target / f"v{copy:03d}" / where
            shutil.copytree(source, destination)
            count += sum(1 for _ in destination.rglob("*.md"))
        copy += 1
    return count


def run(*args: str, cwd: Path) -> tuple[float, int, int]:
    """Seconds, exit code and peak RSS (MiB) of one `docs2models` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args, "-q"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode not in (0, 1):
        print(result.stderr[-2000:])
    return elapsed, result.returncode, max(peak, before) // 1024


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    minimum = int(sys.argv[2]) if len(sys.argv) > 2 else 11_000
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return
    work = Path(tempfile.mkdtemp(prefix="docs2models-scale-"))
    specs = work / "specs"
    docs = build_corpus(specs, minimum)
    print(f"{docs} docs in {specs}")
    cold, noop, one, peaks = [], [], [], []
    victim = next((specs / "v000" / "authlete" / "models").glob("tokencreateresponse.md"))
    for n in range(runs):
        shutil.rmtree(work / "out", ignore_errors=True)
        shutil.rmtree(work / ".docs2models-cache", ignore_errors=True)
        seconds, code, _ = run("generate", "specs", "-o", "out/pkg", cwd=work)
        cold.append(seconds)
        assert code == 0, "cold generate failed"
        seconds, code, _ = run("check", "specs", "-o", "out/pkg", cwd=work)
        noop.append(seconds)
        assert code == 0, "no-op check found drift"
        text = victim.read_text()
        victim.write_text(text.replace("The newly issued access token.", f"Run {n}.", 1))
        seconds, code, _ = run("generate", "specs", "-o", "out/pkg", cwd=work)
        one.append(seconds)
        assert code == 0, "one-doc generate failed"
    peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    print(f"cold generate       median {statistics.median(cold):6.2f} s   {cold}")
    print(f"no-op check         median {statistics.median(noop):6.2f} s   {noop}")
    print(f"one doc changed     median {statistics.median(one):6.2f} s   {one}")
    print(f"peak memory (max RSS of any run) {max(peaks)} MiB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
