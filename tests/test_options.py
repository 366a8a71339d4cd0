"""Every documented setting, as users set it — in pyproject.toml or as a flag — through the
default path: the cache on, a first (cold) run and a second (warm) one, which must agree.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main

from conftest import chdir


@pytest.fixture(autouse=True)
def _cache_where_users_have_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache where a user's run keeps it (beside pyproject.toml), not the tests' own."""
    monkeypatch.delenv("DOCS2MODELS_CACHE", raising=False)


ITEM = """# Item

An item.

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `itemId` | *string* | :heavy_check_mark: | The item's id, which is a rather long description. |
| `count` | *number* | :heavy_minus_sign: | How many. |
"""

ODD = """# Odd

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `shape` | *Mystery<string>* | :heavy_minus_sign: | Not in the grammar. |
"""


def run(root: Path, *args: str) -> tuple[int, str]:
    err = io.StringIO()
    with chdir(root), contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["generate", *args])
    return code, err.getvalue()


def project(tmp_path: Path, table: str = "", odd: bool = False) -> Path:
    specs = tmp_path / "docs"
    specs.mkdir()
    (specs / "item.md").write_text(ITEM, encoding="utf-8")
    if odd:
        (specs / "odd.md").write_text(ODD, encoding="utf-8")
    settings = '[tool.docs2models]\nspecs = "docs"\noutput = "models"\n' + table
    (tmp_path / "pyproject.toml").write_text(settings, encoding="utf-8")
    return tmp_path


def item(root: Path, out: str = "models") -> str:
    return (root / out / "item.py").read_text(encoding="utf-8")


Check = Callable[[Path], None]

CASES: list[tuple[str, str, tuple[str, ...], bool, Check]] = [
    (
        "number",
        'number = "int"\n',
        ("--number", "int"),
        False,
        lambda root: _has(item(root), "count: int | None | Unset"),
    ),
    (
        "wire-names",
        'wire-names = "snake_case"\n',
        ("--wire-names", "snake_case"),
        False,
        lambda root: _has(item(root), '"item_id"'),
    ),
    (
        "allow-unknown",
        "allow-unknown = true\n",
        ("--allow-unknown",),
        True,
        lambda root: _has((root / "models" / "odd.py").read_text(), "shape: Any"),
    ),
    (
        "line-length",
        "line-length = 200\n",
        ("--line-length", "200"),
        False,
        lambda root: _has(
            item(root),
            'dict[str, Any] = field(default_factory=dict, metadata={"additional": True})',
        ),
    ),
    (
        "types",
        '[tool.docs2models.types]\n"Item.count" = "integer"\n',
        ("--type", "Item.count=integer"),
        False,
        lambda root: _has(item(root), "count: int | None | Unset"),
    ),
    (
        "wire",
        '[tool.docs2models.wire]\n"Item.itemId" = "id"\n',
        ("--wire", "Item.itemId=id"),
        False,
        lambda root: _has(item(root), 'data.get("id"'),
    ),
    (
        "jobs",
        "jobs = 1\n",
        ("-j", "1"),
        False,
        lambda root: _has(item(root), "class Item:"),
    ),
    (
        "cache",
        'cache = "elsewhere"\n',
        (),
        False,
        lambda root: _has(str(sorted(os.listdir(root))), "elsewhere"),
    ),
]


def _has(text: str, part: str) -> None:
    assert part in text, f"{part!r} not in:\n{text}"


RUNS = [
    pytest.param(where, case, id=f"{case[0]}-{where}")
    for case in CASES
    for where in ("pyproject", "flag")
    if where == "pyproject" or case[2]
]
"""Each setting from pyproject.toml, and from its flag where it has one."""


@pytest.mark.parametrize(("where", "case"), RUNS)
def test_each_setting_works_cold_and_warm_with_the_cache_on(
    tmp_path: Path, where: str, case: tuple[str, str, tuple[str, ...], bool, Check]
) -> None:
    key, table, flags, odd, check = case
    root = project(tmp_path, table if where == "pyproject" else "", odd)
    args = flags if where == "flag" else ()
    code, err = run(root, *args)
    assert code == 0, err
    check(root)
    first = {p: p.read_bytes() for p in (root / "models").rglob("*.py")}
    assert (root / ("elsewhere" if key == "cache" else ".docs2models-cache")).is_dir()
    code, err = run(root, *args)
    assert code == 0, err
    assert " 0 written" in err, err
    assert {p: p.read_bytes() for p in (root / "models").rglob("*.py")} == first


def test_cache_false_leaves_no_cache(tmp_path: Path) -> None:
    root = project(tmp_path, "cache = false\n")
    assert run(root)[0] == 0
    assert run(root, "--no-cache")[0] == 0
    assert not (root / ".docs2models-cache").exists()


def test_config_flag_reads_another_file_and_the_command_line_wins(tmp_path: Path) -> None:
    root = project(tmp_path)
    other = root / "other.toml"
    other.write_text(
        '[tool.docs2models]\nspecs = "docs"\noutput = "alt"\nnumber = "int"\n', encoding="utf-8"
    )
    code, err = run(root, "--config", "other.toml", "--wire-names", "snake_case")
    assert code == 0, err
    text = item(root, "alt")
    _has(text, "count: int | None | Unset")
    _has(text, '"item_id"')


def test_an_override_naming_no_field_fails_before_writing_cold_and_warm(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run(root)[0] == 0
    before = item(root)
    bad = '[tool.docs2models.types]\n"Item.nothing" = "integer"\n'
    (root / "pyproject.toml").write_text(
        '[tool.docs2models]\nspecs = "docs"\noutput = "models"\n' + bad, encoding="utf-8"
    )
    code, err = run(root)
    assert code == 2
    _has(err, "`Item.nothing` names no documented field")
    assert item(root) == before
