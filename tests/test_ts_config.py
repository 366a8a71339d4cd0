"""Where the TypeScript sources come from: `ts-sources`, `--ts-sources`, the Speakeasy repo
layout found beside the docs, and `--no-ts-sources`; and that they are part of the cache
key (a changed source is never hidden by a warm run)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from generator.cli import main

from conftest import chdir

ITEM = """# Item

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `itemId` | *string* | :heavy_check_mark: | The id. |
"""

NOTE = "reading JSON keys, integers and nulls from the TypeScript sources in"


@pytest.fixture(autouse=True)
def _cache_where_users_have_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOCS2MODELS_CACHE", raising=False)


def run(root: Path, *args: str) -> tuple[int, str]:
    err = io.StringIO()
    with chdir(root), contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def speakeasy_repo(root: Path, docs: tuple[str, ...], src: tuple[str, ...]) -> Path:
    """A repo laid out as Speakeasy's TypeScript SDKs are: docs and sources side by side."""
    specs = root.joinpath(*docs)
    specs.mkdir(parents=True)
    (specs / "item.md").write_text(ITEM, encoding="utf-8")
    sources = root.joinpath(*src)
    sources.mkdir(parents=True)
    (sources / "item.ts").write_text("export type Item = { itemId: string };\n", "utf-8")
    return specs


@pytest.mark.parametrize(
    ("docs", "src"),
    [
        (("docs", "models"), ("src", "models")),
        (("docs", "sdk", "models"), ("src", "sdk", "models")),
    ],
)
def test_sources_beside_the_docs_are_found_and_said(
    tmp_path: Path, docs: tuple[str, ...], src: tuple[str, ...]
) -> None:
    specs = speakeasy_repo(tmp_path, docs, src)
    code, err = run(tmp_path, "generate", str(specs), "-o", "out")
    assert code == 0, err
    assert NOTE in err
    assert str(tmp_path.joinpath(*src)) in err
    code, err = run(tmp_path, "generate", str(specs), "-o", "out", "--no-ts-sources")
    assert code == 0, err
    assert NOTE not in err


def test_no_sources_no_line(tmp_path: Path) -> None:
    specs = tmp_path / "docs" / "models"
    specs.mkdir(parents=True)
    (specs / "item.md").write_text(ITEM, encoding="utf-8")
    code, err = run(tmp_path, "generate", str(specs), "-o", "out")
    assert code == 0, err
    assert NOTE not in err


def test_ts_sources_false_in_pyproject_turns_discovery_off(tmp_path: Path) -> None:
    speakeasy_repo(tmp_path, ("docs", "models"), ("src", "models"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docs2models]\nspecs = "docs/models"\noutput = "out"\nts-sources = false\n',
        encoding="utf-8",
    )
    code, err = run(tmp_path, "generate")
    assert code == 0, err
    assert NOTE not in err


def test_a_given_folder_is_read_silently_and_a_missing_one_is_an_error(tmp_path: Path) -> None:
    speakeasy_repo(tmp_path, ("api", "docs"), ("code", "models"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docs2models]\nspecs = "api/docs"\noutput = "out"\nts-sources = "code/models"\n',
        encoding="utf-8",
    )
    code, err = run(tmp_path, "generate")
    assert code == 0, err
    assert NOTE not in err  # given, not found: nothing to announce
    code, err = run(tmp_path, "generate", "--ts-sources", "nowhere")
    assert code == 2
    assert "ts-sources: nowhere is not a folder" in err


def test_a_changed_source_is_a_changed_mode_for_the_cache(tmp_path: Path) -> None:
    specs = speakeasy_repo(tmp_path, ("docs", "models"), ("src", "models"))
    args = ("generate", str(specs), "-o", "out", "-v")
    assert run(tmp_path, *args)[0] == 0
    code, err = run(tmp_path, *args)
    assert code == 0 and "unchanged" in err, err
    source = tmp_path / "src" / "models" / "item.ts"
    source.write_text("export type Item = { itemId: string; more?: string };\n", "utf-8")
    code, err = run(tmp_path, *args)
    assert code == 0, err
    assert "cold" in err or "full" in err, err
