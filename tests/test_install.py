"""`pip install .` (not editable) gives a working tool: templates and the runtime module
travel in the wheel."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_non_editable_install_generates_the_golden_record(tmp_path: Path) -> None:
    """Install the project from source into a fresh venv (dependencies borrowed from the
    test environment, so no network is needed), then run it away from the checkout."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    # The fresh venv sees this environment's jinja2, markdown-it-py and black, but not its
    # editable install of the project (a plain path entry does not run .pth files).
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    assert (site / "generator" / "templates" / "model.py.jinja").is_file()
    assert (site / "generator" / "emit" / "runtime" / "_serde.py").is_file()
    python = env_dir / "bin" / "python"
    where = subprocess.run(
        [
            python,
            "-c",
            "import generator, generator.read.sources as r; print(generator.__file__);"
            " print(r.templates_dir())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(line.startswith(str(site)) for line in where), where
    out = tmp_path / "generated"
    result = subprocess.run(
        [python, "-m", "generator", "generate", ROOT / "specs", "-o", out, "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in ("token_create_response.py", "_serde.py"):
        assert (out / name).read_text() == (ROOT / "generated" / name).read_text(), name
    for target in ("pydantic", "msgspec"):  # their templates and runtimes are installed too
        assert (site / "generator" / "templates" / target / "model.py.jinja").is_file()
        out = tmp_path / target / "generated"
        command = [python, "-m", "generator", "generate", ROOT / "specs", "-o", out, "-q"]
        result = subprocess.run(
            [*command, "--target", target],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        snapshot = ROOT / "tests" / "snapshots" / target / "generated"
        for name in ("token_create_response.py", "_serde.py"):
            assert (out / name).read_text() == (snapshot / name).read_text(), (target, name)
    entry_points = subprocess.run(
        [
            python,
            "-c",
            "from importlib.metadata import entry_points;"
            " print([e.value for e in entry_points(group='console_scripts', name='docs2models')])",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "generator.cli:entry" in entry_points
