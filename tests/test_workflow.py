"""The daily uses: the pre-commit hook through the real pre-commit, the CI workflow file,
check's semantic summary, JSON output, quiet mode, watch mode, and the cache."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.run.report import ProgressBar

from conftest import ROOT, run_cli

BIN = Path(sys.executable).parent


def _run(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(*args)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    specs, out = tmp_path / "specs", tmp_path / "generated"
    shutil.copytree(ROOT / "specs", specs)
    assert run_cli("generate", specs, "-o", out, "-q", "--no-cache") == 0
    return specs, out


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check
    )


def _readme_snippet() -> str:
    text = (ROOT / "README.md").read_text()
    match = re.search(r"```yaml\n(repos:.*?)```", text, re.DOTALL)
    assert match, "README.md lost its .pre-commit-config.yaml snippet"
    return match.group(1)


def _repo_with_hook(tmp_path: Path) -> Path:
    """A fresh git repo holding specs/ and its generated/ package, committed, with the
    README's pre-commit snippet installed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "specs", repo / "specs")
    (repo / ".gitignore").write_text(".docs2models-cache/\n")
    (repo / ".pre-commit-config.yaml").write_text(_readme_snippet())
    _git(repo, "init", "-q")
    assert run_cli("generate", repo / "specs", "-o", repo / "generated", "-q", "--no-cache") == 0
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "start")
    installed = subprocess.run(
        [BIN / "pre-commit", "install"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


@pytest.mark.slow
def test_pre_commit_hook_from_the_readme_blocks_then_passes(tmp_path: Path) -> None:
    """In a fresh repo with the README's snippet: editing a doc and committing runs the
    hook, which regenerates the models and blocks the commit; the second commit passes."""
    repo = _repo_with_hook(tmp_path)
    doc = repo / "specs" / "models" / "property.md"
    doc.write_text(doc.read_text().replace("| `hidden` | *boolean*", "| `hidden` | *string*"))
    _git(repo, "add", "-A")
    first = _git(repo, "commit", "-m", "hidden is text now", check=False)
    assert first.returncode != 0, first.stdout + first.stderr
    assert "docs2models" in first.stdout + first.stderr
    assert "hidden: str | None | Unset" in (repo / "generated" / "property.py").read_text()
    _git(repo, "add", "-A")
    second = _git(repo, "commit", "-m", "hidden is text now", check=False)
    assert second.returncode == 0, second.stdout + second.stderr
    assert _git(repo, "status", "--porcelain").stdout == ""


@pytest.mark.slow
def test_pre_commit_hook_shows_the_summary_and_blocks_untracked_modules(tmp_path: Path) -> None:
    """Through the real pre-commit: a commit that adds a doc shows the hook's summary
    (with its marks and the version bump) and names the new module git does not track;
    `git commit -a` (which leaves that module out) is blocked too; once it is added,
    the commit passes."""
    repo = _repo_with_hook(tmp_path)
    doc = repo / "specs" / "models" / "property.md"
    doc.write_text(doc.read_text().replace("| `hidden` | *boolean*", "| `hidden` | *string*"))
    (repo / "specs" / "models" / "owner.md").write_text(
        "# Owner\n\nWho holds a token.\n\n## Fields\n\n| Field | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n| `name` | *string* | :heavy_check_mark: | Full name. |\n"
    )
    _git(repo, "add", "-A")
    first = _git(repo, "commit", "-m", "owner", check=False)
    output = first.stdout + first.stderr
    assert first.returncode != 0, output
    assert "~ hidden: bool | None | Unset (optional) → str | None | Unset (optional)" in output
    assert "[breaking]" in output and "suggested version bump: major" in output
    assert "not tracked by git" in output and "owner.py" in output
    second = _git(repo, "commit", "-a", "-m", "owner", check=False)
    assert second.returncode != 0, second.stdout + second.stderr
    assert "owner.py" in second.stdout + second.stderr
    _git(repo, "add", "-A")
    third = _git(repo, "commit", "-m", "owner", check=False)
    assert third.returncode == 0, third.stdout + third.stderr
    assert "generated/owner.py" in _git(repo, "ls-files").stdout


def test_the_shipped_hook_manifest_is_valid() -> None:
    result = subprocess.run(
        [BIN / "pre-commit", "validate-manifest", ROOT / ".pre-commit-hooks.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["docs2models"]["entry"].startswith("docs2models generate")
    assert hooks["docs2models-check"]["entry"] == "docs2models check --diff signatures"


def test_github_workflow_installs_the_tool_and_runs_check() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/docs2models.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = [s.get("run", "") for s in steps]
    assert any("pip install" in r for r in runs)
    assert runs[-1] == "docs2models check --format github"


def test_exit_nonzero_on_change(project: tuple[Path, Path]) -> None:
    specs, out = project
    assert run_cli("generate", specs, "-o", out, "-q", "--exit-nonzero-on-change") == 0
    doc = specs / "models" / "property.md"
    doc.write_text(doc.read_text().replace("Name of the property.", "The name."))
    assert run_cli("generate", specs, "-o", out, "-q", "--exit-nonzero-on-change") == 1
    assert run_cli("generate", specs, "-o", out, "-q", "--exit-nonzero-on-change") == 0


def test_check_summarizes_breaking_changes_above_the_diff(project: tuple[Path, Path]) -> None:
    """A removed field, a required flag turned on and a removed enum value are listed per
    model and marked breaking, above the diff; exit 1."""
    specs, out = project
    prop = specs / "models" / "property.md"
    text = prop.read_text()
    text = "\n".join(line for line in text.splitlines() if not line.startswith("| `value`"))
    prop.write_text(
        text.replace(
            "| `key` | *string* | :heavy_minus_sign:", "| `key` | *string* | :heavy_check_mark:"
        )
        + "\n"
    )
    action = specs / "models" / "tokencreateresponseaction.md"
    action.write_text(action.read_text().replace(' | "FORBIDDEN"', ""))
    code, stdout, stderr = _run("check", specs, "-o", out)
    assert code == 1
    summary, _, diff = stdout.partition("--- a/")
    assert "property.py  Property" in summary
    assert "- value: str | None | Unset (optional)   [breaking]" in summary
    assert "~ key: now required (str | None | Unset (optional) → str (required))   [breaking]" in (
        summary
    )
    assert "token_create_response_action.py  TokenCreateResponseAction" in summary
    assert "- value 'FORBIDDEN'   [breaking]" in summary
    assert "~ action: via TokenCreateResponseAction   [affected]" in summary
    assert "suggested version bump: major" in summary
    assert diff.startswith(f"{out.as_posix()}/property.py") or "property.py" in diff
    assert "out of date" in stderr


def test_json_format_for_editors_and_ci(project: tuple[Path, Path]) -> None:
    specs, out = project
    prop = specs / "models" / "property.md"
    text = prop.read_text()
    line = text[: text.index("| `hidden`")].count("\n") + 1
    prop.write_text(text.replace("| `hidden` | *boolean*", "| `hidden` | *Flag*"))
    code, stdout, _ = _run("check", specs, "-o", out, "--format", "json")
    assert code == 2
    document = json.loads(stdout)
    (diag,) = document["diagnostics"]
    assert diag["path"].endswith("specs/models/property.md")
    assert (diag["severity"], diag["line"]) == ("error", line)
    assert "unknown type `Flag`" in diag["message"]


def test_why_a_run_is_slow_is_in_verbose_and_json(project: tuple[Path, Path]) -> None:
    """`-v` and `--format json` say the run's mode, what it redid, each stage's seconds,
    how many statements black had to lay out, and the peak memory."""
    specs, out = project
    prop = specs / "models" / "property.md"
    prop.write_text(prop.read_text().replace("| `hidden` | *boolean*", "| `hidden` | *string*"))
    code, stdout, _ = _run("generate", specs, "-o", out, "--format", "json")
    assert code == 0
    facts = json.loads(stdout)["run"]
    assert (facts["parsed"], facts["left_to_black"]) == (len(list(specs.rglob("*.md"))), 0)
    assert facts["mode"] == "cold" and facts["rendered"] > facts["parsed"]
    assert {"scan", "parse", "resolve", "render", "write", "save"} <= facts["stages"].keys()
    assert all(seconds >= 0 for seconds in facts["stages"].values())
    assert facts["peak_memory_mb"] > 0
    prop.write_text(prop.read_text().replace("| `hidden` | *string*", "| `hidden` | *boolean*"))
    code, _, stderr = _run("generate", specs, "-o", out, "-v")
    assert code == 0
    line = next(line for line in stderr.splitlines() if " run: parsed " in line)
    assert re.search(
        r"incremental run: parsed 1, rendered \d+, left to black: 0; scan [\d.]+ s, .*"
        r"render [\d.]+ s, .*; peak memory \d+ MiB$",
        line,
    ), line


def test_quiet_prints_nothing_but_errors(project: tuple[Path, Path]) -> None:
    specs, out = project
    code, stdout, stderr = _run("generate", specs, "-o", out, "-q")
    assert (code, stdout, stderr) == (0, "", "")
    code, _, stderr = _run("check", specs, "-o", out, "-q")
    assert (code, stderr) == (0, "")


def test_progress_bar_shows_only_on_a_terminal_after_a_second() -> None:
    stream = io.StringIO()
    bar = ProgressBar(enabled=True, stream=stream)
    bar("parse", 1, 10)
    assert stream.getvalue() == ""
    bar.started -= 2
    bar("parse", 5, 10)
    assert "parse" in stream.getvalue() and "5/10" in stream.getvalue()
    bar.finish()
    off = ProgressBar(enabled=False, stream=io.StringIO())
    off.started -= 5
    off("parse", 5, 10)
    assert off.stream.getvalue() == ""  # type: ignore[attr-defined]


def test_the_cache_can_be_deleted_at_any_time(project: tuple[Path, Path], tmp_path: Path) -> None:
    specs, out = project
    cache = tmp_path / "cache"
    assert run_cli("generate", specs, "-o", out, "--config", _config(tmp_path, cache), "-q") == 0
    assert any(cache.iterdir())
    shutil.rmtree(cache)
    doc = specs / "models" / "property.md"
    doc.write_text(doc.read_text().replace("Name of the property.", "The name."))
    assert run_cli("generate", specs, "-o", out, "--config", _config(tmp_path, cache), "-q") == 0
    assert "The name." in (out / "property.py").read_text()
    (cache / next(cache.iterdir()).name).write_bytes(b"this is not a database")
    assert run_cli("check", specs, "-o", out, "--config", _config(tmp_path, cache), "-q") == 0


def _config(tmp_path: Path, cache: Path) -> str:
    path = tmp_path / "pyproject.toml"
    path.write_text(f'[tool.docs2models]\ncache = "{cache}"\n')
    return str(path)


@pytest.mark.slow
def test_watch_regenerates_on_change_and_survives_errors(project: tuple[Path, Path]) -> None:
    specs, out = project
    watcher = subprocess.Popen(
        [sys.executable, "-m", "generator", "watch", str(specs), "-o", str(out), "--no-cache"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: "watching" in _peek(watcher))
        time.sleep(0.5)
        doc = specs / "models" / "property.md"
        good = doc.read_text()
        doc.write_text(good.replace("| `hidden` | *boolean*", "| `hidden` | *Flag*"))
        time.sleep(1.5)
        assert watcher.poll() is None, "watch stopped on a doc error"
        doc.write_text(good.replace("Name of the property.", "Watched name."))
        _wait_for(lambda: "Watched name." in (out / "property.py").read_text())
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
        assert watcher.stderr is not None
        watcher.stderr.close()


_SEEN: dict[int, str] = {}


def _peek(process: subprocess.Popen[str]) -> str:
    """What the process printed so far (without blocking)."""
    import select  # noqa: PLC0415

    assert process.stderr is not None
    while select.select([process.stderr], [], [], 0)[0]:
        line = process.stderr.readline()
        if not line:
            break
        _SEEN[process.pid] = _SEEN.get(process.pid, "") + line
    return _SEEN.get(process.pid, "")


def _wait_for(condition: object, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("timed out")
