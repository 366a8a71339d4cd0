"""Runs that reuse the cache give exactly what a cold run gives.

A small doc set (models, a discriminated union, an import cycle, namespaces) is generated,
then edited step by step — descriptions, types, titles, links, new and deleted docs, hand
edits in the output, a broken doc — and after every step the warm `generate` must leave
the output byte-identical to a fresh build without any cache.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import Config, Mode
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
    """`D = str | list[D]` to `D = str | D` keeps every link: the run finds the ring
    among the unions bound again (and the whole set words the error)."""
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


ORGANISATION = """# Organisation

## Example Usage

```typescript
import { Organisation } from "example-sdk/models/components";

let value: Organisation = {
  tier: PlanTier.Team,
};
```

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `tier` | *string* | :heavy_check_mark: | Its plan (named in the example only). |
"""

NOTE = """# {title}

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `text` | *string* | :heavy_check_mark: | Hi. |
| `property` | [models.Property](../models/property.md) | :heavy_minus_sign: | A link. |
"""


def _one_edit(edit: str, specs: Path) -> None:
    """Edits that change what other docs see: the set of docs, names, enums, links."""
    models = specs / "models"
    if edit == "add_doc":
        (models / "note.md").write_text(NOTE.format(title="Note"))
    elif edit == "add_doc_taking_a_class_name":  # class Property: the old one is Property_2
        (models / "aproperty.md").write_text(NOTE.format(title="Property!"))
    elif edit == "add_doc_in_a_new_folder":
        (models / "extra").mkdir()
        text = NOTE.format(title="Thing").replace("../models/property.md", "../property.md")
        (models / "extra" / "thing.md").write_text(text)
    elif edit == "remove_doc":
        (models / "property.md").unlink()
    elif edit == "rename_doc":
        (models / "property.md").rename(models / "property2.md")
    elif edit == "enum_values":
        _edit(models / "components" / "plantier.md", '| "enterprise"', '| "enterprise" | "free"')
    elif edit == "enum_member_gone":  # Organisation's example names PlanTier.Team
        _edit(models / "components" / "plantier.md", '"starter" | "team"', '"starter" | "teams"')
    elif edit == "title":
        _edit(models / "authzdetails.md", "# AuthzDetails", "# AuthzDetailsRenamed")
    elif edit == "new_field_link":
        _apply("new_field_link", specs, specs, 1)
    elif edit == "kind":  # a model becomes an enum
        enum = '# Property\n\n## Values\n\n```typescript\n"a" | "b"\n```\n'
        (models / "property.md").write_text(enum)


def _config(specs: Path, out: Path, cache: Path | None, allow_unknown: bool) -> Config:
    mode = Mode(allow_unknown=allow_unknown)
    return Config(specs=specs, output=out, cache_dir=cache, jobs=1, mode=mode)


def _agrees_with_cold(config: Config, report: engine.Report) -> None:
    """The output folder and the diagnostics are those of a build without a cache."""
    built = build(dataclasses.replace(config, cache_dir=None))
    assert sorted(d.format() for d in report.diagnostics) == sorted(
        d.format() for d in built.diagnostics
    )
    assert report.failed == built.failed
    if not built.failed:
        assert _tree(config.output) == {k: v.encode() for k, v in built.files.items()}


@pytest.mark.parametrize("allow_unknown", [True, False])
@pytest.mark.parametrize(
    "edit",
    [
        "add_doc",
        "add_doc_taking_a_class_name",
        "add_doc_in_a_new_folder",
        "remove_doc",
        "rename_doc",
        "enum_values",
        "enum_member_gone",
        "title",
        "new_field_link",
        "kind",
    ],
)
def test_an_edit_of_what_other_docs_see_is_incremental(
    workspace: tuple[Path, Path, Path], edit: str, allow_unknown: bool
) -> None:
    specs, out, cache = workspace
    (specs / "models" / "components" / "organisation.md").write_text(ORGANISATION)
    config = _config(specs, out, cache, allow_unknown)
    assert engine.run(config, write=True).mode == "cold"
    _one_edit(edit, specs)
    report = engine.run(config, write=True)
    _agrees_with_cold(config, report)
    if allow_unknown or not report.failed:
        assert report.mode == "incremental"
    else:  # a link that reaches no doc: the whole set words the error
        assert edit in ("remove_doc", "rename_doc") and report.mode == "full"
    if not report.failed:
        assert engine.run(config, write=True).mode == "unchanged"


@pytest.mark.parametrize("allow_unknown", [True, False])
def test_a_doc_broken_then_fixed_is_incremental_both_times(
    workspace: tuple[Path, Path, Path], allow_unknown: bool
) -> None:
    specs, out, cache = workspace
    config = _config(specs, out, cache, allow_unknown)
    engine.run(config, write=True)
    doc = specs / "models" / "property.md"
    good = doc.read_text()
    doc.write_text(good.replace("| Field ", "| Kind ", 1))
    broken = engine.run(config, write=True)
    assert broken.mode == "incremental"
    assert broken.failed != allow_unknown
    assert broken.left_out == (("models/property.md",) if allow_unknown else ())
    _agrees_with_cold(config, broken)
    _edit(specs / "models" / "authzdetails.md", "# AuthzDetails", "# AuthzDetails2")
    still = engine.run(config, write=True)  # the broken doc, left as it was, is still reported
    assert still.mode == "incremental"
    _agrees_with_cold(config, still)
    doc.write_text(good)
    fixed = engine.run(config, write=True)
    assert fixed.mode == "incremental"
    assert not fixed.failed and not fixed.left_out
    _agrees_with_cold(config, fixed)


def test_a_name_taken_twice_is_worded_by_the_whole_set_then_fixed_incrementally(
    workspace: tuple[Path, Path, Path],
) -> None:
    specs, out, cache = workspace
    config = _config(specs, out, cache, False)
    engine.run(config, write=True)
    twin = specs / "models" / "twin.md"
    twin.write_text(NOTE.format(title="Property"))
    report = engine.run(config, write=True)
    assert report.mode == "full" and report.failed
    assert any(d.code == "duplicate-name" for d in report.diagnostics)
    _agrees_with_cold(config, report)
    twin.write_text(NOTE.format(title="Twin"))
    fixed = engine.run(config, write=True)
    assert fixed.mode == "incremental"
    _agrees_with_cold(config, fixed)


def test_removing_the_last_doc_of_a_subpackage_is_incremental(
    workspace: tuple[Path, Path, Path],
) -> None:
    """The subpackage goes with its last doc: its `__init__` is removed, not rendered."""
    specs, out, cache = workspace
    config = _config(specs, out, cache, allow_unknown=False)
    _one_edit("add_doc_in_a_new_folder", specs)
    assert engine.run(config, write=True).mode == "cold"
    assert (out / "extra" / "__init__.py").exists()
    (specs / "models" / "extra" / "thing.md").unlink()
    report = engine.run(config, write=True)
    assert report.mode == "incremental"
    _agrees_with_cold(config, report)
    assert not (out / "extra").exists()


def test_a_cache_made_by_other_code_or_templates_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code fingerprint changes when a template (or module) is edited: by its size or
    its modification time, as Python's own bytecode check goes."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    monkeypatch.setattr(engine, "templates_dir", lambda: templates)
    before = engine.code_fingerprint()
    assert engine.code_fingerprint() == before
    model = templates / "model.py.jinja"
    model.write_text(model.read_text() + "\n")
    assert engine.code_fingerprint() != before
