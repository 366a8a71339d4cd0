"""What `check` says a docs change means, fact by fact: the case files of
tests/cases/drift/ and the output formats built on them (JSON, GitHub, the step summary,
--fail-on, --diff=signatures, escaping, the pre-commit hook's summary and its warning
about untracked modules).

A drift case is `old/` and `new/` docs (`models/*.md`), `case.toml` (`about`, optional
`old_flags` / `new_flags`) and `changes.txt`: one line per change, as `_line` writes it.
`old/` is generated into a package, `new/` is checked against it from the folder above,
so doc paths read `specs/models/x.md`. `DOCS2MODELS_UPDATE_CASES=1` rewrites changes.txt.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.run.drift import compare
from generator.run.surface import surface

from conftest import ROOT, chdir, run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = ROOT / "tests" / "cases" / "drift"
UPDATE = bool(os.environ.get("DOCS2MODELS_UPDATE_CASES"))


def _run(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(*args)
    return code, out.getvalue(), err.getvalue()


def _line(c: dict[str, Any]) -> str:
    subject = c["model"] + (f".{c['field']}" if c["field"] else "")
    where = f"{c['doc']}:{c['line']}" if c["line"] else c["doc"]
    via = f" via {c['via']}" if c["via"] else ""
    old, new = c["old"] or "-", c["new"] or "-"
    return f"{c['severity']} {c['kind']} {subject}: {old} → {new}{via} @ {where}"


def _prepare(case: Path, root: Path) -> tuple[list[str], list[str]]:
    """The case's old docs generated into root/pkg, its new docs in root/specs; the
    flags of the check run."""
    about = tomllib.loads((case / "case.toml").read_text())
    shutil.copytree(case / "old", root / "specs")
    old_flags = list(about.get("old_flags", []))
    with chdir(root):
        code, _, err = _run("generate", "specs", "-o", "pkg", "--no-cache", "-q", *old_flags)
    assert code == 0, err
    shutil.rmtree(root / "specs")
    shutil.copytree(case / "new", root / "specs")
    return old_flags, list(about.get("new_flags", []))


def _check(root: Path, *flags: str) -> tuple[int, str, str]:
    with chdir(root):
        return _run("check", "specs", "-o", "pkg", "--no-cache", *flags)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
def test_drift_case(case: str, tmp_path: Path) -> None:
    folder = CASES / case
    _, new_flags = _prepare(folder, tmp_path)
    code, stdout, stderr = _check(tmp_path, "--format", "json", *new_flags)
    assert code == 1, stderr
    document = json.loads(stdout)
    assert document["ok"] is False
    lines = [_line(c) for c in document["changes"]]
    expected = folder / "changes.txt"
    if UPDATE:
        expected.write_text("".join(f"{line}\n" for line in lines))
    assert lines == expected.read_text().splitlines()
    counts = document["counts"]
    direct = [c for c in document["changes"] if not c["via"]]
    assert counts["total"] == len(direct)
    assert counts["breaking"] == sum(c["breaking"] for c in direct)
    assert document["bump"] == _bump(direct)


def _bump(changes: list[dict[str, Any]]) -> str:
    if any(c["breaking"] for c in changes):
        return "major"
    return "patch" if all(c["severity"] == "documentation" for c in changes) else "minor"


def test_every_kind_is_in_a_case() -> None:
    """The case files hold every kind of change the issue lists."""
    kinds = {
        line.split()[1]
        for case in CASES.iterdir()
        for line in (case / "changes.txt").read_text().splitlines()
    }
    assert {
        "field-added",
        "field-removed",
        "type-changed",
        "required-changed",
        "wire-key-changed",
        "enum-value-added",
        "enum-value-removed",
        "enum-value-changed",
        "enum-openness-changed",
        "union-member-added",
        "union-member-removed",
        "model-added",
        "model-removed",
        "likely-renamed",
        "changed-via",
        "documentation",
    } <= kinds


def test_text_json_and_github_carry_the_same_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One change per line in the text summary, one record in JSON, one annotation (at
    the doc and line) in the GitHub format, one row in the step summary."""
    _prepare(CASES / "enum_values_added_and_removed", tmp_path)
    code, text, _ = _check(tmp_path, "--summary-only")
    assert code == 1
    assert "--- a/" not in text
    assert "- value 'green'   [breaking] — payloads with it no longer load" in text
    assert "+ value 'gray'   [may break] — may break exhaustive matching" in text
    assert "(specs/models/colour.md:" in text
    assert "suggested version bump: major (1 breaking change(s))" in text
    summary_file = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, github, _ = _check(tmp_path, "--format", "github")
    assert code == 1
    annotations = [line for line in github.splitlines() if line.startswith("::")]
    _, document, _ = _check(tmp_path, "--format", "json")
    changes = json.loads(document)["changes"]
    assert len(annotations) == len(changes) == 2
    for line, change in zip(annotations, changes, strict=True):
        level = "error" if change["breaking"] else "warning"
        assert line.startswith(f"::{level} file=specs/models/colour.md,line={change['line']},")
        assert change["text"] in line
    table = summary_file.read_text()
    assert "| ❌ breaking | Colour | - value 'green' |" in table
    assert "suggested version bump: **major**" in table


def test_fail_on_breaking_lets_additions_through(tmp_path: Path) -> None:
    """--fail-on breaking (or `fail-on` in pyproject): additive drift exits 0, still
    listed and with `ok` false (something is to change); breaking drift exits 1."""
    _prepare(CASES / "model_added", tmp_path)
    code, stdout, stderr = _check(tmp_path, "--fail-on", "breaking")
    assert code == 0
    assert "new model" in stdout
    assert "no change breaks callers" in stderr
    _, document, _ = _check(tmp_path, "--fail-on", "breaking", "--format", "json")
    assert (json.loads(document)["ok"], json.loads(document)["exit_code"]) == (False, 0)
    (tmp_path / "pyproject.toml").write_text('[tool.docs2models]\nfail-on = "breaking"\n')
    assert _check(tmp_path)[0] == 0
    shutil.rmtree(tmp_path / "specs")
    shutil.copytree(CASES / "required_to_optional" / "new", tmp_path / "specs")
    assert _check(tmp_path)[0] == 1


def test_signature_diff_leaves_out_load_and_dump_code(tmp_path: Path) -> None:
    _prepare(CASES / "wire_key_changed", tmp_path)
    flags = ("--wire", "Pet.apiKey=api_key")
    _, full, _ = _check(tmp_path, *flags)
    _, short, _ = _check(tmp_path, "--diff", "signatures", *flags)
    assert "data.get(" in full and "data.get(" not in short
    assert '-    api_key: str = field(metadata={"wire": "apiKey"})' in short
    assert len(short.splitlines()) < len(full.splitlines())


def test_control_characters_in_the_diff_and_summary_are_escaped(tmp_path: Path) -> None:
    """A tampered module in OUT cannot drive the terminal that shows check's output."""
    _prepare(CASES / "documentation_only", tmp_path)
    module = tmp_path / "pkg" / "pet.py"
    module.write_text(module.read_text().replace("class Pet:", "class Pet:  # \x1b[2J\x07"))
    code, stdout, _ = _check(tmp_path)
    assert code == 1
    assert "\x1b" not in stdout and "\x07" not in stdout
    assert "\\x1b[2J\\x07" in stdout


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hook_prints_the_summary_and_warns_about_untracked_modules(tmp_path: Path) -> None:
    """`generate --exit-nonzero-on-change` (the pre-commit hook) shows what changed with
    its marks, and fails while a generated module is not tracked by git, even when
    nothing changed (a `git commit -a` would leave it out)."""
    _prepare(CASES / "model_added", tmp_path)
    shutil.rmtree(tmp_path / "specs")
    shutil.copytree(CASES / "model_added" / "old", tmp_path / "specs")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "start")
    shutil.rmtree(tmp_path / "specs")
    shutil.copytree(CASES / "model_removed" / "old", tmp_path / "specs")
    with chdir(tmp_path):
        code, stdout, stderr = _run("generate", "specs", "-o", "pkg", "--exit-nonzero-on-change")
    assert code == 1
    assert "new model" in stdout and "suggested version bump: minor" in stdout
    assert "not tracked by git" in stderr and "owner.py" in stderr
    with chdir(tmp_path):
        code, _, stderr = _run("generate", "specs", "-o", "pkg", "--exit-nonzero-on-change")
    assert code == 1 and "owner.py" in stderr
    _git(tmp_path, "add", "-A")
    with chdir(tmp_path):
        code, stdout, stderr = _run("generate", "specs", "-o", "pkg", "--exit-nonzero-on-change")
    assert (code, stdout) == (0, "")
    assert "not tracked" not in stderr


def test_no_git_no_warning(tmp_path: Path) -> None:
    """Outside a git work tree the hook says nothing about tracking."""
    _prepare(CASES / "model_added", tmp_path)
    with chdir(tmp_path):
        code, _, stderr = _run("generate", "specs", "-o", "pkg", "--exit-nonzero-on-change")
    assert code == 1
    assert "not tracked" not in stderr


_MODEL = '''# Generated by docs2models from specs/models/pet.md. Do not edit.
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._serde import UNSET, Unset


@dataclass(kw_only=True, slots=True, repr=False)
class Pet:
    """A pet."""

    name: {name} = field({default}metadata={{"wire": "name"}})
    """Its name."""

    additional_properties: {extra} = field(
        default_factory=dict, metadata={{"additional": True}}
    )
'''


def _pet(name: str = "str", default: str = "", extra: str = "dict[str, Any]") -> str:
    return _MODEL.format(name=name, default=default, extra=extra)


def _kinds(old: str, new: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.field, c.severity) for c in compare(surface(old), surface(new), "pet.py")]


def test_null_allowed_or_not_is_a_type_change_of_its_own() -> None:
    """What the TypeScript sources say about null: one line, breaking for readers when
    null is now possible, for payloads holding null when it no longer is."""
    optional = "default=UNSET, "
    assert _kinds(_pet("str | Unset", optional), _pet("str | None | Unset", optional)) == [
        ("type-changed", "name", "breaking")
    ]
    assert _kinds(_pet("str | None | Unset", optional), _pet("str | Unset", optional)) == [
        ("type-changed", "name", "breaking")
    ]


def test_defaults_kinds_and_extra_keys() -> None:
    literal = 'Literal["a"]'
    assert _kinds(_pet(literal, 'default="a", '), _pet(literal, 'default="b", ')) == [
        ("default-changed", "name", "may-break")
    ]
    assert _kinds(_pet(), _pet(extra="dict[str, int]")) == [
        ("type-changed", "additional_properties", "breaking")
    ]
    enum = "# Generated by docs2models from specs/models/pet.md. Do not edit.\n"
    enum += "from enum import Enum\n\n\nclass Pet(str, Enum):\n    A = 'a'\n"
    assert _kinds(_pet(), enum) == [("type-changed", "", "breaking")]


def test_a_module_that_is_not_python_is_not_compared(tmp_path: Path) -> None:
    """A tampered module in OUT is listed as not compared (it may break), never a crash."""
    _prepare(CASES / "documentation_only", tmp_path)
    (tmp_path / "pkg" / "pet.py").write_text(
        "# Generated by docs2models from specs/models/pet.md. Do not edit.\nclass (:\n"
    )
    code, stdout, _ = _check(tmp_path, "--format", "json")
    assert code == 1
    (change,) = json.loads(stdout)["changes"]
    assert (change["kind"], change["model"], change["severity"]) == (
        "not-compared",
        "Pet",
        "may-break",
    )
    assert (change["doc"], change["line"]) == ("specs/models/pet.md", 1)
    code, _, _ = _check(tmp_path, "--fail-on", "breaking")
    assert code == 1


def test_github_format_on_a_clean_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing to change: no annotation, exit 0, and the job summary says up to date."""
    _prepare(CASES / "model_added", tmp_path)
    shutil.rmtree(tmp_path / "specs")
    shutil.copytree(CASES / "model_added" / "old", tmp_path / "specs")
    summary_file = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, stdout, _ = _check(tmp_path, "--format", "github")
    assert (code, stdout) == (0, "")
    assert summary_file.read_text() == "### docs2models: pkg is up to date\n"


def test_documentation_only_modules_are_one_line(tmp_path: Path) -> None:
    """Modules whose docstrings alone changed are named together on one line of the
    summary (JSON has a record for each) and get no GitHub annotation."""
    _prepare(CASES / "documentation_only", tmp_path)
    code, stdout, _ = _check(tmp_path, "--summary-only")
    assert code == 1
    assert "  documentation only, the code unchanged (1): pet.py" in stdout
    assert "suggested version bump: patch (documentation only)" in stdout
    code, stdout, _ = _check(tmp_path, "--format", "github")
    assert code == 1
    assert not [line for line in stdout.splitlines() if line.startswith("::")]


def test_a_class_renamed_with_the_same_fields_says_payloads_load_as_before(
    tmp_path: Path,
) -> None:
    _prepare(CASES / "nested_type_renamed", tmp_path)
    _, stdout, _ = _check(tmp_path, "--format", "json")
    (field,) = [c for c in json.loads(stdout)["changes"] if c["field"] == "owner"]
    assert field["breaking"]
    assert field["reason"] == (
        "PetOwner has the same fields as Owner: payloads load as before, but code that "
        "names Owner fails"
    )


def _facts(root: Path, target: str, case: Path) -> list[tuple[str, ...]]:
    """The changes `check` finds in a drift case with every run on `target`: what each
    is, where, and its verdict (annotations are spelled per target, so not compared)."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    about = tomllib.loads((case / "case.toml").read_text())
    flags = ["--target", target]
    old_flags = [*about.get("old_flags", []), *flags]
    shutil.copytree(case / "old", root / "specs")
    with chdir(root):
        code, _, err = _run("generate", "specs", "-o", "pkg", "--no-cache", "-q", *old_flags)
    assert code == 0, err
    shutil.rmtree(root / "specs")
    shutil.copytree(case / "new", root / "specs")
    code, stdout, stderr = _check(root, "--format", "json", *about.get("new_flags", []), *flags)
    assert code == 1, stderr
    return [
        (c["severity"], c["kind"], c["model"], c["field"], c["via"], c["doc"], str(c["line"]))
        for c in json.loads(stdout)["changes"]
    ]


TAGS_IN_MEMBERS = {
    ("breaking", "discriminator-changed", "PatchOp", "", "", "specs/models/patchop.md", "1"): (
        "affected",
        "changed-via",
        "PatchOp",
        "",
        "RemoveOp",
        "specs/models/patchop.md",
        "1",
    ),
}
"""Where the targets differ, and why: a pydantic or msgspec union module names only its
discriminator's key (the tags live in the member classes), so a member's new tag is that
member's breaking type change, and the union shows it as a 'via' line."""


@pytest.mark.parametrize("target", ["pydantic", "msgspec"])
def test_every_target_drifts_as_dataclasses_do(target: str, tmp_path: Path) -> None:
    """The surface is read from each target's code (pydantic's `alias=`, msgspec's
    `name=` and Struct tags): the same doc edits give the same changes."""
    for case in sorted(CASES.iterdir()):
        expected = _facts(tmp_path / "dataclasses", "dataclasses", case)
        expected = [TAGS_IN_MEMBERS.get(fact, fact) for fact in expected]
        assert _facts(tmp_path / target, target, case) == expected, case.name
