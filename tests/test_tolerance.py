"""Docs with errors, as real SDKs ship them: what a run reports, what it still generates
with --allow-unknown, and how many warnings of one kind it shows.

Every run here goes through the command users run, from a folder with a `pyproject.toml`,
with the cache on (cold, then warm) and two workers.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from generator.emit.conformance import wire_names_advice
from generator.errors import Diagnostic, Location, Severity, error, warning
from generator.run.report import GROUP_SHOWN, diagnostics_text

from conftest import ROOT, run_cli

BROKEN = ROOT / "tests" / "cases" / "emit" / "allow_unknown_broken_docs" / "specs"
"""Order links to a doc that cannot be read (buyer.md, by link and by name), a deleted doc
(coupon.md) and a name no doc has (Warehouse)."""


def _project(tmp_path: Path, specs: Path, config: str = "") -> Path:
    """A project folder: the docs under specs/, a pyproject.toml, the cache on."""
    shutil.copytree(specs, tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.docs2models]\njobs = 2\n" + textwrap.dedent(config), encoding="utf-8"
    )
    return tmp_path


def _run(project: Path, *args: str) -> tuple[int, dict[str, Any]]:
    """`docs2models ARGS --format json` from the project folder: exit code and document."""
    here = Path.cwd()
    os.chdir(project)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.delenv("DOCS2MODELS_CACHE", raising=False)
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                code = run_cli(*args, "--format", "json")
    finally:
        os.chdir(here)
    return code, json.loads(out.getvalue())


def _messages(document: dict[str, Any]) -> list[str]:
    diags = document["diagnostics"]
    assert isinstance(diags, list)
    return [f"{Path(d['path']).name}:{d['line']}:{d['severity']}:{d['message']}" for d in diags]


def test_strict_run_reports_each_problem_once_and_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path, BROKEN)
    for _ in range(2):  # cold, then warm from the cache
        code, document = _run(project, "generate")
        assert code == 2
        assert document["ok"] is False and document["exit_code"] == 2
        assert _messages(document) == [
            "buyer.md:8:error:unterminated string literal '\"gold' in Type cell",
            "order.md:12:error:link to models/components/coupon.md (components.Coupon): "
            "no such doc in the specs",
            "order.md:13:error:`components.Warehouse` names no doc: no doc is titled `# Warehouse`",
        ]
        assert not (project / "generated").exists()


def test_errors_carry_codes_in_json_output(tmp_path: Path) -> None:
    """Every error has a kind in `--format json`, as warnings do: the broken specs, plus a
    name two docs share (neither in a models folder) and a type no grammar rule knows."""
    project = _project(tmp_path, BROKEN)
    extra = {
        "errors/pet.md": "# Pet\n",
        "operations/pet.md": "# Pet\n",
        "models/components/kennel.md": "# Kennel\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `pet` | *models.Pet* | :heavy_check_mark: | The pet. |\n",
        "models/components/size.md": "# Size\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `size` | *Huge* | :heavy_check_mark: | How big. |\n",
    }
    for rel, text in extra.items():
        (project / "specs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "specs" / rel).write_text(text, encoding="utf-8")
    code, document = _run(project, "generate")
    assert code == 2
    assert [(Path(d["path"]).name, d["line"], d["code"]) for d in document["diagnostics"]] == [
        ("buyer.md", 8, "malformed-doc"),
        ("kennel.md", 7, "ambiguous-name"),
        ("order.md", 12, "missing-doc"),
        ("order.md", 13, "missing-doc"),
        ("size.md", 7, "unknown-type"),
    ]


def test_allow_unknown_leaves_out_the_broken_doc_and_generates_the_rest(tmp_path: Path) -> None:
    project = _project(tmp_path, BROKEN, "allow-unknown = true\n")
    for _ in range(2):
        code, document = _run(project, "generate")
        assert code == 4
        assert document["exit_code"] == 4 and document["ok"] is False
        assert document["left_out"] == ["specs/models/components/buyer.md"]
        diags = document["diagnostics"]
        assert isinstance(diags, list)
        left_out = [d for d in diags if d["left_out"]]
        assert [(d["severity"], d["line"]) for d in left_out] == [("error", 8)]
        assert {d["code"] for d in diags if not d["left_out"]} == {"missing-doc"}
    package = project / "generated"
    assert not (package / "buyer.py").exists()
    order = (package / "order.py").read_text()
    for name in ("buyer", "seller", "coupon", "warehouse"):
        assert f"    {name}: Any | None | Unset = field(" in order
    assert "lines: list[OrderLine] | None | Unset" in order
    assert run_cli("check", "--allow-unknown", project / "specs", "-o", package, "-q") == 4


def test_warnings_are_shown_even_when_errors_stop_the_run(tmp_path: Path) -> None:
    """A doc with an error, and elsewhere a field renamed to stay apart from another: the
    run stops on the error, and still says everything it found."""
    project = _project(tmp_path, BROKEN)
    (project / "specs/models/components/pair.md").write_text(
        "# Pair\n\n## Fields\n\n| Field | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n"
        "| `userId` | *string* | :heavy_check_mark: | N/A |\n"
        "| `user_id` | *string* | :heavy_check_mark: | N/A |\n"
        "| `extra` | *string* | :heavy_minus_sign: | N/A |\n\n## See also\n\nNothing.\n",
        encoding="utf-8",
    )
    code, document = _run(project, "generate")
    assert code == 2
    assert [m for m in _messages(document) if m.startswith("pair.md")] == [
        "pair.md:8:warning:field `user_id` is named `user_id_2` because `user_id` is taken",
        "pair.md:11:warning:section `## See also` is not read",
    ]


def _key_warning(line: int, setting: str) -> Diagnostic:
    return warning(
        Location("models/a.md", line),
        f"example key {line}",
        code="example-key",
        setting=setting,
    )


def test_many_warnings_of_one_kind_are_grouped_and_advice_names_the_setting() -> None:
    snake = 'wire-names = "snake_case"'
    diags = tuple(_key_warning(line, snake) for line in range(1, 21))
    lines = diagnostics_text(diags, Path("specs"), quiet=False)
    assert lines[:GROUP_SHOWN] == [
        f"specs/models/a.md:{n}: warning: example key {n}" for n in range(1, GROUP_SHOWN + 1)
    ]
    assert lines[GROUP_SHOWN] == (
        f"  … and {20 - GROUP_SHOWN} more warnings like this [example-key] (-v shows them all)"
    )
    assert lines[-1].startswith("docs2models: advice: 20 of the 20 Example keys")
    assert 'set `wire-names = "snake_case"`' in lines[-1]
    assert len(lines) == GROUP_SHOWN + 2
    every = diagnostics_text(diags, Path("specs"), quiet=False, verbose=True)
    assert len(every) == 21
    assert diagnostics_text(diags, Path("specs"), quiet=True) == []


def test_no_advice_when_the_keys_follow_no_one_convention() -> None:
    mixed = [_key_warning(n, 'wire-names = "snake_case"') for n in range(3)]
    mixed += [_key_warning(n, "") for n in range(3, 6)]
    assert wire_names_advice(mixed) == ""
    assert wire_names_advice(mixed[:2]) == ""
    assert "camelCase" in wire_names_advice(
        [_key_warning(n, 'wire-names = "camelCase"') for n in range(4)]
    )


def test_errors_are_never_grouped() -> None:
    diags = tuple(error(Location("models/a.md", n), f"bad {n}") for n in range(1, 30))
    lines = diagnostics_text(diags, Path("specs"), quiet=True)
    assert len(lines) == 29
    assert all(d.severity is Severity.ERROR for d in diags)


def test_example_keys_in_snake_case_give_one_advice_line(tmp_path: Path) -> None:
    """An SDK whose Example cells show the API's snake_case keys, through the CLI."""
    specs = tmp_path / "specs" / "models"
    specs.mkdir(parents=True)
    rows = "".join(
        f"| `fieldNumber{n}` | *string* | :heavy_minus_sign: | N/A |\n" for n in range(8)
    )
    (specs / "inner.md").write_text(
        "# Inner\n\n## Fields\n\n| Field | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n" + rows,
        encoding="utf-8",
    )
    example = ", ".join(f'"field_number{n}": "x"' for n in range(8))
    (specs / "outer.md").write_text(
        "# Outer\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n"
        "| --- | --- | --- | --- | --- |\n"
        f"| `inner` | [models.Inner](inner.md) | :heavy_minus_sign: | N/A | {{{example}}} |\n",
        encoding="utf-8",
    )
    project = _project(tmp_path / "p", tmp_path / "specs")
    code, document = _run(project, "generate")
    assert code == 0
    assert len(document["diagnostics"]) == 8
    advice = document["advice"]
    assert isinstance(advice, list) and len(advice) == 1
    assert 'set `wire-names = "snake_case"`' in advice[0]
    (project / "pyproject.toml").write_text(
        '[tool.docs2models]\njobs = 2\nwire-names = "snake_case"\n', encoding="utf-8"
    )
    code, document = _run(project, "generate")
    assert code == 0 and document["diagnostics"] == [] and document["advice"] == []


def test_allow_unknown_leaves_out_docs_whose_errors_only_the_whole_set_shows(
    tmp_path: Path,
) -> None:
    """A union that contains itself, and a second doc of a name already taken: with
    --allow-unknown both are left out after a first pass, and what linked them reads Any."""
    specs = tmp_path / "docs" / "models"
    specs.mkdir(parents=True)
    (specs / "a.md").write_text(
        "# A\n\n## Supported Types\n\n### `string`\n\n### [models.A](a.md)\n", encoding="utf-8"
    )
    table = "## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    (specs / "b.md").write_text(
        f"# B\n\n{table}| `a` | [models.A](a.md) | :heavy_minus_sign: | N/A |\n", encoding="utf-8"
    )
    (specs / "c.md").write_text(
        f"# B\n\n{table}| `x` | *string* | :heavy_minus_sign: | N/A |\n", encoding="utf-8"
    )
    project = _project(tmp_path / "p", tmp_path / "docs")
    code, document = _run(project, "generate")
    assert code == 2 and not (project / "generated").exists()
    for _ in range(2):
        code, document = _run(project, "generate", "--allow-unknown")
        assert code == 4
        assert document["left_out"] == ["specs/models/a.md", "specs/models/c.md"]
    package = project / "generated"
    assert sorted(p.name for p in package.glob("*.py")) == ["__init__.py", "_serde.py", "b.py"]
    assert "    a: Any | None | Unset = field(" in (package / "b.py").read_text()


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.py"))
        if "__pycache__" not in p.parts
    }


def test_warm_runs_with_left_out_docs_equal_cold_runs(tmp_path: Path) -> None:
    """Edits after a run that left a doc out: each warm run (cache on) writes what a run
    without the cache writes, and says the same."""
    project = _project(tmp_path, BROKEN, "allow-unknown = true\n")
    order = project / "specs/models/components/order.md"
    buyer = project / "specs/models/components/buyer.md"
    edits = [
        (order, "An order; some", "An order, some"),  # prose only: the incremental path
        (buyer, "An unterminated literal", "Still an unterminated literal"),  # still broken
        (buyer, '*"gold*', '*"gold"*'),  # fixed: buyer.py appears
        (buyer, '*"gold"*', '*"gold*'),  # broken again: buyer.py goes
    ]
    assert _run(project, "generate")[0] == 4
    for path, old, new in edits:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        warm_code, warm = _run(project, "generate")
        cold_out = tmp_path / "cold" / "generated"
        cold_code, cold = _run(project, "generate", "--no-cache", "-o", str(cold_out))
        assert (warm_code, _messages(warm)) == (cold_code, _messages(cold))
        assert _tree(project / "generated") == _tree(cold_out)
        assert ("buyer.py" in _tree(cold_out)) == (warm_code == 0)


NESTED_UNKNOWN = """# Shelf

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `items` | Record<string, *Mystery*> | :heavy_check_mark: | Inside a known container. |
| `box` | *Crate<Mystery>* | :heavy_minus_sign: | A whole unknown construct. |
"""


@pytest.mark.parametrize("allowed", [False, True])
def test_an_unknown_type_inside_a_known_container_is_reported_either_way(
    tmp_path: Path, allowed: bool
) -> None:
    """The parser records an unknown type once, as an error that --allow-unknown turns into
    a warning; inside `Record<string, T>` it is no longer silently `any`."""
    specs = tmp_path / "docs"
    specs.mkdir()
    (specs / "shelf.md").write_text(NESTED_UNKNOWN, encoding="utf-8")
    project = _project(tmp_path, specs, "allow-unknown = true\n" if allowed else "")
    code, document = _run(project, "generate")
    found = [(d["severity"], d["line"], d["message"]) for d in document["diagnostics"]]
    if allowed:
        assert code == 0
        assert found == [
            ("warning", 7, "unknown type `Mystery` in Type cell; typed as Any (--allow-unknown)"),
            (
                "warning",
                8,
                "unknown type `Crate<Mystery>` in Type cell; typed as Any (--allow-unknown)",
            ),
        ]
        shelf = (project / "generated" / "shelf.py").read_text()
        assert "items: dict[str, Any]" in shelf
    else:
        assert code == 2
        assert found == [
            ("error", 7, "unknown type `Mystery` in Type cell"),
            ("error", 8, "unknown type `Mystery` in Type cell"),
        ]
        assert not (project / "generated").exists()
