"""Helpers of the conformance suite over ../shared/corpus/real (tests/test_real_sdks.py).

What each SDK is expected to give lives in tests/real_sdks.toml; the corpus itself is read
at test time only. This module runs the CLI the way users do, compares the generated
package with the docs as tests/doc_inventory.py reads them, and keeps one row per SDK for
the table that conftest.py prints at the end of the run.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from doc_inventory import DocEntry, DocField

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXPECTATIONS = Path(__file__).with_name("real_sdks.toml")
PROBE = Path(__file__).with_name("package_probe.py")
MODES = ("strict", "allow-unknown")
STAGES = ("generate", "import", "mypy", "coverage")


# ---- what is expected ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpectedWarning:
    """`count` warnings on the doc at `path` (relative to the docs folder) whose message
    contains `message`, and `why` they are fine."""

    path: str
    message: str
    why: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class Expectation:
    mode: str
    warnings: tuple[ExpectedWarning, ...] = ()


def load_expectations(path: Path = EXPECTATIONS) -> dict[str, Expectation]:
    """tests/real_sdks.toml: one table per SDK. A malformed entry fails loudly here, at
    collection, rather than making its SDK's tests meaningless."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {}
    for sdk, table in data.items():
        mode = table.get("mode")
        if mode not in MODES:
            raise ValueError(f"{path}: [{sdk}] mode must be one of {MODES}, not {mode!r}")
        warnings = tuple(ExpectedWarning(**w) for w in table.get("warnings", []))
        if any(not w.why.strip() for w in warnings):
            raise ValueError(f"{path}: [{sdk}] every expected warning needs a `why`")
        if mode == "allow-unknown" and not warnings:
            raise ValueError(f"{path}: [{sdk}] allow-unknown with no expected warning: strict?")
        out[sdk] = Expectation(mode, warnings)
    return out


@dataclass(frozen=True, slots=True)
class Sdk:
    """One row of real/MANIFEST.tsv."""

    name: str
    docs: Path
    model_docs: int

    @property
    def package(self) -> str:
        return self.name.replace("-", "_")


def load_manifest(real: Path) -> dict[str, Sdk]:
    with (real / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {
        r["sdk"]: Sdk(r["sdk"], real / r["sdk"] / r["docs"], int(r["model_docs"])) for r in rows
    }


# ---- running the CLI ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Warning_:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Generation:
    """One `docs2models generate` run: its exit code, diagnostics and wall time."""

    package: Path
    command: list[str]
    exit_code: int
    seconds: float
    docs_read: int | None
    errors: tuple[str, ...]
    warnings: tuple[Warning_, ...]
    stderr: str
    left_to_black: int | None = None
    """Statements the run had black lay out (the JSON report's `run.left_to_black`)."""


def docs2models_command() -> list[str]:
    """The console script users run, from this interpreter's environment."""
    script = Path(sys.executable).parent / "docs2models"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator"]


def generate(sdk: Sdk, out_root: Path, cache: Path, expectation: Expectation) -> Generation:
    """`docs2models generate DOCS -o OUT -j 2 --format json --no-ts-sources`, the cache on,
    run from `out_root` (so no pyproject.toml applies: the defaults users start with).

    The docs alone: this suite checks that every documented field reaches the package
    under its documented JSON key. What the TypeScript sources beside the docs change is
    checked against the SDKs' OpenAPI documents (test_openapi_agreement.py) and the
    sources themselves (test_ts_sources.py)."""
    package = out_root / sdk.package
    command = [*docs2models_command(), "generate", str(sdk.docs), "-o", str(package)]
    command += ["-j", "2", "--format", "json", "--no-ts-sources"]
    if expectation.mode == "allow-unknown":
        command.append("--allow-unknown")
    env = {**os.environ, "DOCS2MODELS_CACHE": str(cache)}
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=out_root, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    try:
        document = json.loads(result.stdout)
        diagnostics, docs_read = document["diagnostics"], document["summary"]["docs"]
        left_to_black = document.get("run", {}).get("left_to_black")
    except (ValueError, KeyError):  # an internal error (exit 3) may print no JSON
        diagnostics, docs_read, left_to_black = [], None, None
    prefix = f"{sdk.docs}/"
    errors, warnings = [], []
    for d in diagnostics:
        path = d["path"].removeprefix(prefix)
        if d["severity"] == "warning":
            warnings.append(Warning_(path, d["line"], d["message"]))
        else:
            errors.append(f"{path}:{d['line']}: {d['severity']}: {d['message']}")
    return Generation(
        package,
        command,
        result.returncode,
        seconds,
        docs_read,
        tuple(errors),
        tuple(warnings),
        result.stderr,
        left_to_black,
    )


def warning_problems(
    actual: tuple[Warning_, ...], expected: tuple[ExpectedWarning, ...]
) -> list[str]:
    """Every warning must be expected, and every expectation met exactly."""
    problems = []
    matched: dict[ExpectedWarning, int] = defaultdict(int)
    for w in actual:
        hits = [e for e in expected if e.path == w.path and e.message in w.message]
        if not hits:
            problems.append(f"unexpected warning: {w}")
        for e in hits:
            matched[e] += 1
    for e in expected:
        if matched[e] != e.count:
            problems.append(
                f"expected {e.count} warning(s) on {e.path} containing {e.message!r}, "
                f"got {matched[e]}"
            )
    return problems


def probe(package: Path) -> list[dict[str, Any]]:
    """What each module of a generated package defines (tests/package_probe.py), read in
    a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, str(PROBE), package.name],
        cwd=package.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"probing {package.name} failed:\n{result.stderr[-4000:]}")
    modules: list[dict[str, Any]] = json.loads(result.stdout)
    return modules


# ---- coverage: docs against the generated package -----------------------------------------


def coverage_misses(
    entries: list[DocEntry], modules: list[dict[str, Any]], folder: str
) -> list[str]:
    """Each doc has exactly one module (found by its header, `<folder>/<doc path>`), and
    that module defines what the doc documents. One line per miss, doc path first."""
    misses = []
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    documented = {f"{folder}/{e.path}" for e in entries}
    for m in modules:
        if m["source"] is None:
            if not m["file"].endswith(("__init__.py", "_serde.py")):
                misses.append(f"{m['file']}: a module without the generated header")
        elif m["source"] not in documented:
            misses.append(f"{m['file']}: its header names {m['source']}, which is not a doc")
        else:
            by_source[m["source"]].append(m)
    for entry in entries:
        found = by_source.get(f"{folder}/{entry.path}", [])
        if len(found) != 1:
            files = ", ".join(m["file"] for m in found) or "none"
            misses.append(f"{entry.path}: expected one module for `# {entry.name}`, found {files}")
            continue
        misses.extend(f"{entry.path}: {miss}" for miss in doc_misses(entry, found[0]))
    return misses


def _loose(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def named_after(doc_name: str, python_name: str) -> bool:
    """`# Name` and the class or alias it became, compared loosely: case and `_` aside,
    with room for the generator's `_2` (two docs, one name) and `Model` (a leading digit)."""
    want, have = _loose(doc_name), _loose(python_name)
    return want in (have, have.rstrip("0123456789"), have.removeprefix("model"))


def doc_misses(entry: DocEntry, module: dict[str, Any]) -> list[str]:
    classes, aliases = module["classes"], module["aliases"]
    names = [c["name"] for c in classes] + [a["name"] for a in aliases]
    if names and not any(named_after(entry.name, n) for n in names):
        return [f"defines {', '.join(names)}, none named after `# {entry.name}`"]
    if entry.kind == "values":
        return enum_misses(entry, [c for c in classes if c["kind"] == "enum"])
    if entry.kind == "union":
        return union_misses(entry, aliases, module["from_dict"])
    if entry.fields:
        return field_misses(entry, [c for c in classes if c["kind"] == "dataclass"])
    # No documented fields (no `## Fields`, or an empty table): a free-form object, as a
    # class or an alias; either way the module must define it.
    return [] if classes or aliases else [f"`# {entry.name}` defines neither a class nor an alias"]


def field_misses(entry: DocEntry, dataclasses: list[dict[str, Any]]) -> list[str]:
    if len(dataclasses) != 1:
        names = [c["name"] for c in dataclasses]
        return [f"expected one dataclass for `# {entry.name}`, found {names}"]
    cls = dataclasses[0]
    wires = {wire for _, wire, _ in cls["fields"] if wire is not None}
    misses = []
    for f in entry.fields:
        if f.name == "additionalProperties" and f.type_cell.startswith("Record<"):
            if f.name in wires:
                misses.append(f"{cls['name']} has a JSON key {f.name!r} (line {f.line})")
            elif not extra_keys_covered(f, cls["fields"]):
                misses.append(f"{cls['name']}.additional_properties is not typed (line {f.line})")
            continue
        if f.name not in wires:
            misses.append(f"{cls['name']} has no field with wire name {f.name!r} (line {f.line})")
    return misses


def extra_keys_covered(doc_field: DocField, fields: list[list[Any]]) -> bool:
    """`additionalProperties: Record<string, T>` is how Speakeasy says "extra keys of type
    T": it is not a JSON key (checked by the caller) but the type of the model's own
    catch-all `additional_properties` (the field with no wire name), `dict[str, T]`: any
    annotation but `dict[str, Any]` when T is not *any*, and the catch-all as it is when
    T is *any*."""
    catch_all = [
        ann for name, wire, ann in fields if wire is None and name == "additional_properties"
    ]
    if not catch_all:
        return False
    return doc_field.extra_keys_of_any or catch_all[0].replace(" ", "") != "dict[str,Any]"


def enum_misses(entry: DocEntry, enums: list[dict[str, Any]]) -> list[str]:
    if len(enums) != 1:
        return [f"expected one Enum for `# {entry.name}`, found {[e['name'] for e in enums]}"]
    cls = enums[0]

    def key(value: Any) -> str:
        # A table cell `1` may be the number 1 or the string "1": compare it as text.
        if entry.values_as_text and isinstance(value, str):
            return value
        return json.dumps(value)

    have = {key(v) for v in cls["values"]}
    documented = {key(v) for v in entry.values}
    misses = [
        f"{cls['name']} has no member with value {v!r}" for v in entry.values if key(v) not in have
    ]
    extra = [v for v in cls["values"] if key(v) not in documented]
    misses += [f"{cls['name']} has a member the doc does not list: {v!r}" for v in extra]
    if entry.open_enum and not cls["open"]:
        misses.append(f"{cls['name']} is an open enum in the doc but rejects unlisted values")
    if not entry.open_enum and cls["open"]:
        misses.append(f"{cls['name']} accepts unlisted values but the doc lists a closed set")
    return misses


def union_misses(entry: DocEntry, aliases: list[dict[str, Any]], loaders: list[str]) -> list[str]:
    if len(aliases) != 1:
        return [
            f"expected one TypeAlias for `# {entry.name}`, found {[a['name'] for a in aliases]}"
        ]
    alias = aliases[0]
    misses = []
    if not loaders:
        misses.append(f"{alias['name']} has no `*_from_dict` function")
    # Python flattens a member that is itself a union into its own members, so the alias
    # may have more members than the doc has distinct headings. (It also drops duplicates:
    # two headings that spell one Python type would give fewer; no SDK here does that.)
    if alias["members"] < entry.members:
        misses.append(
            f"{alias['name']} has {alias['members']} member(s), the doc lists {entry.members}"
        )
    return misses


# ---- the table ----------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    docs: int
    stages: dict[str, str] = field(default_factory=dict)
    warnings: int | None = None
    seconds: float | None = None
    mypy_seconds: float | None = None

    @property
    def result(self) -> str:
        failed = [
            f"{s} {d}".strip() for s in STAGES if (d := self.stages.get(s)) not in (None, "ok")
        ]
        if failed:
            return "FAIL " + "; ".join(failed)
        missing = [s for s in STAGES if s not in self.stages]
        return "ok" if not missing else "ok (not run: " + ", ".join(missing) + ")"


RESULTS = pytest.StashKey[dict[str, Row]]()


def row(config: pytest.Config, sdk: Sdk) -> Row:
    rows = config.stash.setdefault(RESULTS, {})
    return rows.setdefault(sdk.name, Row(sdk.model_docs))


def table(rows: dict[str, Row]) -> list[str]:
    def num(x: float | None, fmt: str) -> str:
        return "-" if x is None else format(x, fmt)

    lines = [f"{'SDK':<14} {'docs':>5}  {'warnings':>8} {'gen s':>6} {'mypy s':>6}  result"]
    for name, r in sorted(rows.items()):
        lines.append(
            f"{name:<14} {r.docs:>5}  {num(r.warnings, 'd'):>8} {num(r.seconds, '.2f'):>6} "
            f"{num(r.mypy_seconds, '.2f'):>6}  {r.result}"
        )
    total_docs = sum(r.docs for r in rows.values())
    gen = sum(r.seconds or 0 for r in rows.values())
    mypy = sum(r.mypy_seconds or 0 for r in rows.values())
    warnings = sum(r.warnings or 0 for r in rows.values())
    failed = sum(1 for r in rows.values() if r.result.startswith("FAIL"))
    lines.append(
        f"{'total':<14} {total_docs:>5}  {warnings:>8} {gen:>6.2f} {mypy:>6.2f}  "
        f"{len(rows) - failed} of {len(rows)} ok"
    )
    return lines
