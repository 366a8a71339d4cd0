"""Every way of running `generate` gives the same result: warm with the cache, cold, with
`--no-cache`, with one worker or two — the same files, exit code and messages.

Hypothesis draws a configuration (policies, overrides, flags: all from pyproject.toml, as
users set them) and a sequence of doc edits; after each edit four projects run the same
docs: two that keep their cache and output across the edits (`-j 1` and `-j 2`), and two
made fresh (cold with a cache, and `--no-cache`). The doc set is large enough (60 docs)
that parsing and rendering go to worker processes.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.cli import main

from conftest import chdir

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _cache_where_users_have_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache where a user's run keeps it (beside pyproject.toml), not the tests' own."""
    monkeypatch.delenv("DOCS2MODELS_CACHE", raising=False)


MODELS = 50
ENUMS = 8


def model_doc(i: int, extra: str = "") -> str:
    nxt = (i + 1) % MODELS
    return f"""# Item{i}

Item number {i}.

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `itemId` | *string* | :heavy_check_mark: | The id of item {i}. |
| `count` | *number* | :heavy_minus_sign: | How many. |
| `next` | [models.Item{nxt}](item{nxt}.md) | :heavy_minus_sign: | The next item. |
| `colour` | [models.Colour{i % ENUMS}](colour{i % ENUMS}.md) | :heavy_minus_sign: | Its colour. |
{extra}"""


def enum_doc(i: int, values: tuple[str, ...] = ("red", "green", "blue")) -> str:
    shown = " | ".join(f'"{v}"' for v in values)
    return f"# Colour{i}\n\nA colour.\n\n## Values\n\n```typescript\n{shown}\n```\n"


UNION_DOC = """# Either

One item or another.

## Supported Types

### `models.Item0`

```typescript
const value: models.Item0 = {
  itemId: "a",
};
```

### `models.Item1`

```typescript
const value: models.Item1 = {
  itemId: "b",
};
```
"""


def base_docs() -> dict[str, str]:
    docs = {f"item{i}.md": model_doc(i) for i in range(MODELS)}
    docs.update({f"colour{i}.md": enum_doc(i) for i in range(ENUMS)})
    docs["either.md"] = UNION_DOC
    return docs


EXTRA_ROW = "| `note` | *string* | :heavy_minus_sign: | A note. |\n"
UNKNOWN_ROW = "| `shape` | *Mystery<string>* | :heavy_minus_sign: | Not in the grammar. |\n"
MISSING_LINK_ROW = "| `gone` | [models.Gone](gone.md) | :heavy_minus_sign: | Deleted. |\n"

edits = st.one_of(
    st.tuples(st.just("describe"), st.integers(0, MODELS - 1)),
    st.tuples(st.just("add-field"), st.integers(0, MODELS - 1)),
    st.tuples(st.just("unknown-type"), st.integers(0, MODELS - 1)),
    st.tuples(st.just("missing-link"), st.integers(0, MODELS - 1)),
    st.tuples(st.just("enum-values"), st.integers(0, ENUMS - 1)),
    st.tuples(st.just("rename"), st.integers(0, MODELS - 1)),
    st.tuples(st.just("delete"), st.integers(2, MODELS - 1)),
    st.tuples(st.just("move"), st.integers(2, MODELS - 1)),
    st.tuples(st.just("new-doc"), st.integers(0, 3)),
    st.tuples(st.just("break"), st.integers(0, MODELS - 1)),
    st.tuples(st.just("restore"), st.integers(0, MODELS - 1)),
)


def apply_edit(docs: dict[str, str], edit: tuple[str, int]) -> None:
    kind, i = edit
    name = f"item{i}.md"
    if kind == "describe" and name in docs:
        docs[name] = docs[name].replace(f"Item number {i}.", f"Item number {i}, edited.")
    elif kind == "add-field" and name in docs:
        docs[name] = docs[name].rstrip("\n") + "\n" + EXTRA_ROW
    elif kind == "unknown-type" and name in docs:
        docs[name] = docs[name].rstrip("\n") + "\n" + UNKNOWN_ROW
    elif kind == "missing-link" and name in docs:
        docs[name] = docs[name].rstrip("\n") + "\n" + MISSING_LINK_ROW
    elif kind == "enum-values":
        docs[f"colour{i}.md"] = enum_doc(i, ("red", "green", "blue", "violet"))
    elif kind == "rename" and name in docs:
        docs[name] = docs[name].replace(f"# Item{i}\n", f"# Thing{i}\n", 1)
    elif kind == "delete":
        docs.pop(name, None)
    elif kind == "move" and name in docs:
        docs[f"moved{i}.md"] = docs.pop(name)
    elif kind == "new-doc":
        docs[f"extra{i}.md"] = model_doc(i, EXTRA_ROW).replace(f"# Item{i}", f"# Extra{i}")
    elif kind == "break" and name in docs:
        docs[name] = docs[name].replace("| Field | Type |", "| Field | Kind |")
    elif kind == "restore":
        docs[name] = model_doc(i)


configs = st.fixed_dictionaries(
    {
        "number": st.sampled_from(["float", "int", "int | float"]),
        "wire-names": st.sampled_from(["as-documented", "snake_case", "camelCase"]),
        "allow-unknown": st.booleans(),
        "line-length": st.sampled_from([60, 88, 120]),
        "types": st.dictionaries(
            st.sampled_from(["Item3.count", "Item4.itemId", "Item5.count"]),
            st.sampled_from(["integer", "string[]", "number"]),
            max_size=2,
        ),
        "wire": st.dictionaries(
            st.sampled_from(["Item6.itemId", "Item7.count"]),
            st.sampled_from(["item_id", "n"]),
            max_size=2,
        ),
    }
)


def pyproject(config: dict[str, object], jobs: int) -> str:
    lines = ["[tool.docs2models]", 'specs = "specs"', 'output = "out"', f"jobs = {jobs}"]
    for key in ("number", "wire-names"):
        lines.append(f'{key} = "{config[key]}"')
    lines.append(f"allow-unknown = {str(config['allow-unknown']).lower()}")
    lines.append(f"line-length = {config['line-length']}")
    for table in ("types", "wire"):
        entries = config[table]
        assert isinstance(entries, dict)
        lines.append(f"[tool.docs2models.{table}]")
        lines += [f'"{k}" = "{v}"' for k, v in sorted(entries.items())]
    return "\n".join(lines) + "\n"


def write_project(root: Path, docs: dict[str, str], config: dict[str, object], jobs: int) -> None:
    specs = root / "specs"
    if specs.exists():
        shutil.rmtree(specs)
    specs.mkdir(parents=True)
    for name, text in docs.items():
        (specs / name).write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text(pyproject(config, jobs), encoding="utf-8")


SUMMARY = re.compile(r"^docs2models: \d+ docs → out: .*$", re.M)
RUN = re.compile(r"^docs2models: (\w+) run: .*$", re.M)


def run_in(root: Path, *flags: str) -> tuple[int, str, str]:
    """`docs2models generate -v FLAGS` run in `root`; the exit code, the messages (the
    summary and run lines, whose counts and times differ between warm and cold runs, left
    out) and what the run redid (cold, full, incremental or unchanged)."""
    err = io.StringIO()
    with chdir(root), contextlib.redirect_stderr(err):
        code = main(["generate", "-v", *flags])
    text = err.getvalue()
    modes = RUN.findall(text)
    return code, RUN.sub("", SUMMARY.sub("", text)), modes[0] if modes else ""


def tree(root: Path) -> dict[str, bytes] | None:
    if not root.exists():
        return None
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@settings(
    max_examples=30 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 3,  # make fuzz
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(config=configs, steps=st.lists(edits, min_size=1, max_size=3))
@example(  # a doc broken in a failed run, then left as it was: still reported warm
    config={
        "number": "float",
        "wire-names": "as-documented",
        "allow-unknown": False,
        "types": {},
        "line-length": 60,
        "wire": {},
    },
    steps=[("break", 40), ("describe", 0), ("break", 40)],
)
def test_cold_warm_no_cache_and_jobs_agree(
    tmp_path_factory: pytest.TempPathFactory,
    config: dict[str, object],
    steps: list[tuple[str, int]],
) -> None:
    base = tmp_path_factory.mktemp("paths")
    docs = base_docs()
    warm = {1: base / "warm1", 2: base / "warm2"}
    for step, edit in enumerate([("describe", 0), *steps]):
        if step:
            apply_edit(docs, edit)
        results = {}
        for jobs, root in warm.items():
            before = tree(root / "out")
            write_project(root, docs, config, 2)
            flags = ("-j", "1") if jobs == 1 else ()
            results[f"warm-j{jobs}"] = (*run_in(root, *flags), before, root)
        for label, flags in (("cold", ()), ("no-cache", ("--no-cache", "-j", "1"))):
            root = base / f"{label}{step}"
            write_project(root, docs, config, 2)
            results[label] = (*run_in(root, *flags), None, root)
        codes = {label: r[0] for label, r in results.items()}
        messages = {label: r[1] for label, r in results.items()}
        assert len(set(codes.values())) == 1, (edit, codes)
        assert len(set(messages.values())) == 1, (edit, messages)
        code = codes["cold"]
        # no error and no doc left out: the warm runs redid only what the edit reached (a
        # doc left out for an error outside it, such as two fields given one JSON key by
        # the config, makes every warm run resolve the whole set again: incremental.py)
        if step and code == 0:
            for label in ("warm-j1", "warm-j2"):
                assert results[label][2] in ("incremental", "unchanged"), (edit, label)
        for label, (_, _, _, before, root) in results.items():
            if code == 2:  # errors: nothing written, nothing that was there is lost
                assert tree(root / "out") == before, (edit, label)
            else:
                assert tree(root / "out") == tree(results["cold"][4] / "out"), (edit, label)
