"""Runs that reuse the cache give exactly what a cold run gives.

A small doc set (models, a discriminated union, an import cycle, namespaces) is generated,
then edited step by step — descriptions, types, titles, links, new and deleted docs, hand
edits in the output, a broken doc — and after every step the warm `generate` must leave
the output byte-identical to a fresh build without any cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import Config
from generator.run import engine
from generator.run.pipeline import build

from conftest import ROOT

CASES = ROOT / "tests" / "cases" / "emit"


def _specs(target: Path) -> Path:
    shutil.copytree(ROOT / "specs", target)
    for case in ("union_discriminated", "cycles", "enum_open"):
        for doc in (CASES / case / "specs").rglob("*.md"):
            rel = doc.relative_to(CASES / case / "specs")
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(doc, dest)
    return target


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if old in text:
        path.write_text(text.replace(old, new, 1))


EDITS = [
    "description",
    "type",
    "title",
    "new_field_link",
    "new_doc",
    "delete_doc",
    "hand_edit_output",
    "touch",
    "foreign_file",
    "break_and_fix",
    "union_member_field",
]


def _apply(edit: str, specs: Path, out: Path, n: int) -> None:
    models = specs / "models"
    if edit == "description":
        _edit(models / "property.md", "Name of the property.", f"Name, take {n}.")
    elif edit == "type":
        _edit(models / "property.md", "| `hidden` | *boolean*", "| `hidden` | *string*")
    elif edit == "title":
        _edit(models / "authzdetails.md", "# AuthzDetails", f"# AuthzDetails{n}")
    elif edit == "new_field_link":
        row = (
            f"| `extra{n}` | [models.Property](../models/property.md) | :heavy_minus_sign: | X. |\n"
        )
        path = models / "authorizationdetailselement.md"
        path.write_text(path.read_text().rstrip("\n") + "\n" + row)
    elif edit == "new_doc":
        (models / f"note{n}.md").write_text(
            f"# Note{n}\n\n## Fields\n\n| Field | Type | Required | Description |\n"
            f"| --- | --- | --- | --- |\n| `text` | *string* | :heavy_check_mark: | Hi. |\n"
        )
    elif edit == "delete_doc":
        for doc in sorted(models.glob("note*.md"))[:1]:
            doc.unlink()
    elif edit == "hand_edit_output":
        target = out / "property.py"
        if target.exists():
            target.write_text(target.read_text() + "# edited by hand\n")
    elif edit == "touch":
        doc = models / "tokencreateresponseaction.md"
        doc.write_text(doc.read_text())
    elif edit == "foreign_file":
        out.mkdir(parents=True, exist_ok=True)
        (out / f"mine{n}.txt").write_text("keep me\n")
    elif edit == "union_member_field":
        _edit(models / "components" / "addop.md", "| `value` | *any*", "| `value` | *string*")


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path, Path]:
    return _specs(tmp_path / "specs"), tmp_path / "out" / "pkg", tmp_path / "cache"


def _generate(specs: Path, out: Path, cache: Path | None) -> engine.Report:
    config = Config(specs=specs, output=out, cache_dir=cache, jobs=1)
    return engine.run(config, write=True)


def _matches_cold(specs: Path, out: Path) -> None:
    built = build(Config(specs=specs, output=out, cache_dir=None))
    assert not built.failed
    ours = {k: v for k, v in _tree(out).items() if not k.startswith("mine")}
    assert ours == {k: v.encode() for k, v in built.files.items()}


def test_second_run_takes_the_fast_path(workspace: tuple[Path, Path, Path]) -> None:
    specs, out, cache = workspace
    assert _generate(specs, out, cache).mode == "cold"
    second = _generate(specs, out, cache)
    assert second.mode == "unchanged"
    assert second.parsed == 0 and second.rendered == 0


def test_a_content_change_is_incremental_and_renders_only_its_readers(
    workspace: tuple[Path, Path, Path],
) -> None:
    specs, out, cache = workspace
    _generate(specs, out, cache)
    _apply("description", specs, out, 1)
    report = _generate(specs, out, cache)
    assert report.mode == "incremental"
    assert report.parsed == 1
    assert report.plan is not None
    assert sorted(report.plan.written) == ["property.py"]
    # Property is read by TokenCreateResponse (it links to it): both are rendered again.
    assert report.rendered == 2
    _matches_cold(specs, out)


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.sampled_from(EDITS), min_size=1, max_size=5))
def test_warm_runs_equal_cold_runs(
    tmp_path_factory: pytest.TempPathFactory, edits: list[str]
) -> None:
    base = tmp_path_factory.mktemp("incremental")
    specs, out, cache = _specs(base / "specs"), base / "out" / "pkg", base / "cache"
    assert not _generate(specs, out, cache).failed
    for n, edit in enumerate(edits):
        if edit == "break_and_fix":
            doc = specs / "models" / "property.md"
            good = doc.read_text()
            doc.write_text(good.replace("| `key` | *string*", "| `key` | *Nope*"))
            before = _tree(out)
            assert _generate(specs, out, cache).failed
            assert _tree(out) == before
            doc.write_text(good)
        else:
            _apply(edit, specs, out, n)
        report = _generate(specs, out, cache)
        assert not report.failed, [d.format() for d in report.diagnostics]
        _matches_cold(specs, out)
        assert _generate(specs, out, cache).mode == "unchanged"


def test_a_warm_run_sees_a_union_that_becomes_its_own_member(tmp_path: Path) -> None:
    """`D = str | list[D]` to `D = str | D` keeps every link, so only the interface's
    record of direct members sends the run down the path that checks union rings."""
    specs, out, cache = tmp_path / "specs", tmp_path / "out" / "pkg", tmp_path / "cache"
    doc = specs / "models" / "d.md"
    doc.parent.mkdir(parents=True)
    doc.write_text("# D\n\n## Supported Types\n\n### `string`\n\n### [models.D](d.md)[]\n")
    assert not _generate(specs, out, cache).failed
    before = _tree(out)
    doc.write_text(doc.read_text().replace("(d.md)[]", "(d.md)"))
    report = _generate(specs, out, cache)
    assert report.failed
    assert [d.format().splitlines()[0] for d in report.diagnostics] == [
        "models/d.md:7: union `D` has itself as a member"
    ]
    assert _tree(out) == before


def test_warm_runs_report_union_overlaps_as_cold_runs_do(tmp_path: Path) -> None:
    """A union whose members no data tells apart is found from the members' fields; an
    edit of a member (description, then a field's type) reruns the check as a cold run
    would, whichever path the warm run takes."""
    specs, out, cache = tmp_path / "specs", tmp_path / "out" / "pkg", tmp_path / "cache"
    shutil.copytree(CASES / "union_indistinguishable_members" / "specs", specs)

    def overlaps(report: engine.Report) -> list[str]:
        return [d.format().splitlines()[0] for d in report.diagnostics if d.code == "union-overlap"]

    cold = overlaps(_generate(specs, out, None))
    assert [line.split(":")[0] for line in cold] == ["models/pet.md", "models/tag.md"]
    assert overlaps(_generate(specs, out, cache)) == cold
    _edit(specs / "models" / "dog.md", "listed first here.", "listed first.")
    report = _generate(specs, out, cache)
    assert report.mode == "incremental"
    assert overlaps(report) == cold
    _edit(specs / "models" / "dog.md", "| `age` | *integer*", "| `age` | *string*")
    assert overlaps(_generate(specs, out, cache)) == cold[1:]
    _matches_cold(specs, out)
