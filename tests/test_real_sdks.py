"""Conformance over the 20 public Speakeasy SDKs in ../shared/corpus/real.

Per SDK, through the command users run (`docs2models generate DOCS -o OUT -j 2`, cache on):
the run ends as tests/real_sdks.toml expects, with exactly the warnings it lists; every
generated module imports in a fresh interpreter; the package passes `mypy --strict`; and
every doc, field, enum value and union member that the docs promise — read by the
independent tests/doc_inventory.py, not by the generator — is in the package.
`make conformance` runs these and prints a table (conftest.py's terminal summary).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import corpus_path, import_all, is_black_formatted, run_mypy_strict
from doc_inventory import UnreadableDoc, inventory
from real_sdks import (
    Generation,
    Sdk,
    coverage_misses,
    generate,
    load_expectations,
    load_manifest,
    probe,
    row,
    warning_problems,
)

pytestmark = pytest.mark.slow

EXPECTED = load_expectations()
SDKS = sorted(EXPECTED)
SHOWN = 40
"""How many problems a failure message lists before it says how many more there are."""


@dataclass(repr=False)
class RealRuns:
    """The session's generated SDKs: each is generated once, on first use."""

    manifest: dict[str, Sdk]
    out_root: Path
    cache: Path
    runs: dict[str, Generation] = field(default_factory=dict)

    def __repr__(self) -> str:  # pytest shows it in every failure
        return f"RealRuns(out_root={self.out_root})"


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> RealRuns:
    manifest = load_manifest(corpus_path("real"))
    return RealRuns(
        manifest, tmp_path_factory.mktemp("real-sdks"), tmp_path_factory.mktemp("real-cache")
    )


def generation(real: RealRuns, name: str, config: pytest.Config) -> tuple[Sdk, Generation]:
    sdk = real.manifest.get(name)
    if sdk is None:
        pytest.fail(f"{name} is in tests/real_sdks.toml but not in real/MANIFEST.tsv")
    if name not in real.runs:
        corpus_path("real", name)
        run = generate(sdk, real.out_root, real.cache, EXPECTED[name])
        real.runs[name] = run
        r = row(config, sdk)
        r.seconds, r.warnings = run.seconds, len(run.warnings)
        # Provisional, for runs that select other tests only; test_generates refines it.
        r.stages["generate"] = "ok" if run.exit_code == 0 else f"(exit {run.exit_code})"
    return sdk, real.runs[name]


def generated(real: RealRuns, name: str, config: pytest.Config) -> tuple[Sdk, Path]:
    """The SDK's package; a skip naming the failed generation when there is none (that
    failure is test_generates's to report, once)."""
    sdk, run = generation(real, name, config)
    if run.exit_code != 0:
        pytest.skip(f"{name} was not generated (exit {run.exit_code}): see test_generates")
    return sdk, run.package


def shown(problems: list[str]) -> str:
    more = len(problems) - SHOWN
    return "\n".join(problems[:SHOWN] + ([f"... and {more} more"] if more > 0 else []))


def test_expectations_cover_the_manifest() -> None:
    manifest = load_manifest(corpus_path("real"))
    assert sorted(manifest) == SDKS


@pytest.mark.parametrize("name", SDKS)
def test_generates(real: RealRuns, name: str, request: pytest.FixtureRequest) -> None:
    sdk, run = generation(real, name, request.config)
    problems = []
    if run.exit_code != 0:
        stderr = "" if run.errors else f"; stderr:\n{run.stderr[-2000:]}"
        problems.append(f"exit code {run.exit_code}{stderr}")
    problems += run.errors
    if run.exit_code == 0 and run.docs_read != sdk.model_docs:
        problems.append(f"read {run.docs_read} docs, MANIFEST.tsv says {sdk.model_docs}")
    unexpected = warning_problems(run.warnings, EXPECTED[name].warnings)
    problems += unexpected
    parts = [f"exit {run.exit_code}"] if run.exit_code else []
    parts += [f"{len(run.errors)} error(s)"] if run.errors else []
    parts += [f"{len(unexpected)} warning mismatch(es)"] if unexpected else []
    stage = "ok" if not problems else f"({', '.join(parts) or 'docs count'})"
    row(request.config, sdk).stages["generate"] = stage
    assert not problems, f"{' '.join(run.command)}\n{shown(problems)}"


@pytest.mark.parametrize("name", SDKS)
def test_laid_out_as_black_without_black(
    real: RealRuns, name: str, request: pytest.FixtureRequest
) -> None:
    """No statement was left to black, and black over each module changes nothing."""
    _, package = generated(real, name, request.config)
    assert real.runs[name].left_to_black == 0
    changed = [
        str(module.relative_to(package))
        for module in sorted(package.rglob("*.py"))
        if module.name != "_serde.py" and not is_black_formatted(module.read_text("utf-8"))
    ]
    assert not changed, shown(changed)


@pytest.mark.parametrize("name", SDKS)
def test_imports(real: RealRuns, name: str, request: pytest.FixtureRequest) -> None:
    sdk, package = generated(real, name, request.config)
    r = row(request.config, sdk)
    r.stages["import"] = "(failed)"
    names = import_all(package)
    files = {
        ".".join(p.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in package.rglob("*.py")
    }
    assert sorted(names) == sorted(files)
    r.stages["import"] = "ok"


@pytest.mark.parametrize("name", SDKS)
def test_mypy_strict(real: RealRuns, name: str, request: pytest.FixtureRequest) -> None:
    sdk, package = generated(real, name, request.config)
    started = time.perf_counter()
    result = run_mypy_strict(package)
    r = row(request.config, sdk)
    r.mypy_seconds = time.perf_counter() - started
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    r.stages["mypy"] = "ok" if result.returncode == 0 else f"({len(errors)} error(s))"
    assert result.returncode == 0, shown([*result.stdout.splitlines(), result.stderr])


@pytest.mark.parametrize("name", SDKS)
def test_covers_docs(real: RealRuns, name: str, request: pytest.FixtureRequest) -> None:
    sdk, package = generated(real, name, request.config)
    r = row(request.config, sdk)
    r.stages["coverage"] = "(failed)"
    try:
        entries = inventory(sdk.docs)
    except UnreadableDoc as exc:
        pytest.fail(f"tests/doc_inventory.py cannot read a doc: {exc}")
    assert len(entries) == sdk.model_docs, "the oracle did not find every doc"
    misses = coverage_misses(entries, probe(package), sdk.docs.name)
    r.stages["coverage"] = "ok" if not misses else f"({len(misses)} miss(es))"
    assert not misses, shown(misses)
