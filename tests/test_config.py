"""`[tool.docs2models]` in pyproject.toml, and the command-line flags that override it.

Every test writes its own small docs and pyproject.toml under tmp_path, generates, and then
reads the generated source or imports the package (each under its own name) to see the
setting take effect.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.config import KEYS

from conftest import run_cli

GADGET = """# Gadget

A small device with a few settings.

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `serialNo` | *number* | :heavy_check_mark: | Printed on the back. |
| `display_name` | *string* | :heavy_minus_sign: | What the owner calls it. |
| `batteryLevelPercentageReportedByFirmware` | *string* | :heavy_minus_sign: | Long. |
| `weight` | *number* | :heavy_minus_sign: | In grams. |
"""

WIDGET = """# Widget

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `shape` | *Polygon* | :heavy_minus_sign: | A type the grammar does not know. |
"""

LONG_LINE = (
    "    battery_level_percentage_reported_by_firmware: str | None | Unset = field("
    'default=UNSET, metadata={"wire": "batteryLevelPercentageReportedByFirmware"})'
)


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    """tmp_path/docs/models/gadget.md."""
    folder = tmp_path / "docs" / "models"
    folder.mkdir(parents=True)
    (folder / "gadget.md").write_text(GADGET, encoding="utf-8")
    return tmp_path / "docs"


@pytest.fixture
def importer(tmp_path: Path) -> Iterator[list[str]]:
    """Cleans sys.path and sys.modules of the packages a test imported."""
    names: list[str] = []
    yield names
    for name in names:
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]
    while str(tmp_path) in sys.path:
        sys.path.remove(str(tmp_path))


def _load(out: Path, names: list[str]) -> ModuleType:
    """Import a generated package; its folder name must be unique in the session."""
    sys.path.insert(0, str(out.parent))
    importlib.invalidate_caches()
    names.append(out.name)
    return importlib.import_module(out.name)


def _pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text("[project]\nname = 'demo'\n\n[tool.docs2models]\n" + body, encoding="utf-8")
    return path


def _source(out: Path) -> str:
    return (out / "gadget.py").read_text(encoding="utf-8")


def _annotation(out: Path, attr: str) -> str:
    match = re.search(rf"^    {attr}: (.+?) = ", _source(out), re.MULTILINE)
    assert match is not None, f"no annotation for {attr}"
    return match.group(1)


def _wire(out: Path, attr: str) -> str:
    match = re.search(rf'^    {attr}: .+?metadata={{"wire": "([^"]+)"}}', _source(out), re.M | re.S)
    assert match is not None
    return match.group(1)


def _fail(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    """Run the CLI expecting exit 2; its stderr."""
    capsys.readouterr()
    assert run_cli(*args) == 2
    return capsys.readouterr().err


# --- the keys take effect ---------------------------------------------------------------


def test_specs_and_output_are_relative_to_the_config_file(
    tmp_path: Path, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _pyproject(tmp_path, 'specs = "docs"\noutput = "build/cfg_paths"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run_cli("generate", "--config", config, "-q") == 0
    assert (tmp_path / "build" / "cfg_paths" / "gadget.py").is_file()
    assert not (elsewhere / "build").exists()
    assert not (elsewhere / "generated").exists()


def test_pyproject_in_the_working_folder_is_read_by_default(
    tmp_path: Path, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pyproject(tmp_path, 'specs = "docs"\noutput = "cfg_default"\nnumber = "int"\n')
    monkeypatch.chdir(tmp_path)
    assert run_cli("generate", "-q") == 0
    assert _annotation(tmp_path / "cfg_default", "serial_no") == "int"


def test_number_key(tmp_path: Path, specs: Path, importer: list[str]) -> None:
    config = _pyproject(tmp_path, 'specs = "docs"\noutput = "cfg_number_int"\nnumber = "int"\n')
    assert run_cli("generate", "--config", config, "-q") == 0
    out = tmp_path / "cfg_number_int"
    assert _annotation(out, "serial_no") == "int"
    assert _annotation(out, "weight") == "int | None | Unset"
    gadget = _load(out, importer).Gadget
    assert gadget.from_dict({"serialNo": 12}).serial_no == 12
    with pytest.raises(ValueError, match=r"^\$\.serialNo: expected integer, got float$"):
        gadget.from_dict({"serialNo": 12.5})

    both = _pyproject(
        tmp_path, 'specs = "docs"\noutput = "cfg_number_both"\nnumber = "int | float"\n'
    )
    assert run_cli("generate", "--config", both, "-q") == 0
    assert _annotation(tmp_path / "cfg_number_both", "serial_no") == "int | float"


def test_types_key_changes_annotation_and_loading(
    tmp_path: Path, specs: Path, importer: list[str]
) -> None:
    config = _pyproject(
        tmp_path,
        'specs = "docs"\noutput = "cfg_types"\n\n[tool.docs2models.types]\n'
        '"Gadget.serialNo" = "integer"\n"Gadget.display_name" = "string[]"\n',
    )
    assert run_cli("generate", "--config", config, "-q") == 0
    out = tmp_path / "cfg_types"
    assert _annotation(out, "serial_no") == "int"
    assert _annotation(out, "display_name") == "list[str] | None | Unset"
    assert _annotation(out, "weight") == "float | None | Unset"  # untouched
    gadget = _load(out, importer).Gadget
    loaded = gadget.from_dict({"serialNo": 3, "display_name": ["a", "b"]})
    assert loaded.to_dict() == {"serialNo": 3, "display_name": ["a", "b"]}
    with pytest.raises(ValueError, match=r"^\$\.serialNo: expected integer, got float$"):
        gadget.from_dict({"serialNo": 3.0})
    with pytest.raises(ValueError, match=r"^\$\.display_name: expected array, got str$"):
        gadget.from_dict({"serialNo": 3, "display_name": "a"})


def test_wire_key_changes_json_key_and_metadata(
    tmp_path: Path, specs: Path, importer: list[str]
) -> None:
    config = _pyproject(
        tmp_path,
        'specs = "docs"\noutput = "cfg_wire"\n\n[tool.docs2models.wire]\n'
        '"Gadget.display_name" = "displayName"\n"Gadget.weight" = "weight grams"\n',
    )
    assert run_cli("generate", "--config", config, "-q") == 0
    out = tmp_path / "cfg_wire"
    assert _wire(out, "display_name") == "displayName"
    package = _load(out, importer)
    wires = {f.name: f.metadata.get("wire") for f in dataclasses.fields(package.Gadget)}
    assert wires["display_name"] == "displayName"
    assert wires["weight"] == "weight grams"
    assert wires["serial_no"] == "serialNo"
    payload = {"serialNo": 1, "displayName": "Kettle", "weight grams": 900}
    gadget = package.Gadget.from_dict(payload)
    assert (gadget.display_name, gadget.weight) == ("Kettle", 900)
    assert gadget.additional_properties == {}
    assert gadget.to_dict() == payload
    old = package.Gadget.from_dict({"serialNo": 1, "display_name": "Kettle"})
    assert old.display_name is package.UNSET
    assert old.additional_properties == {"display_name": "Kettle"}
    with pytest.raises(ValueError, match=r'^\$\["weight grams"\]: expected number, got str$'):
        package.Gadget.from_dict({"serialNo": 1, "weight grams": "heavy"})


def test_a_field_name_with_dots_can_be_overridden(tmp_path: Path, specs: Path) -> None:
    """The model is the text before the first dot; the rest, dots and all, is the field."""
    doc = specs / "models" / "gadget.md"
    doc.write_text(GADGET + "| `meta.id` | *number* | :heavy_minus_sign: | Dotted. |\n")
    out = tmp_path / "cfg_dotted"
    args = ("generate", specs, "-o", out, "-q", "--no-cache")
    assert (
        run_cli(*args, "--type", "Gadget.meta.id=integer", "--wire", "Gadget.meta.id=metaId") == 0
    )
    source = (out / "gadget.py").read_text()
    assert 'meta_id: int | None | Unset = field(default=UNSET, metadata={"wire": "metaId"})' in (
        source
    )


@pytest.mark.parametrize(
    ("policy", "keys"),
    [
        (
            "snake_case",
            ["serial_no", "display_name", "battery_level_percentage_reported_by_firmware"],
        ),
        ("camelCase", ["serialNo", "displayName", "batteryLevelPercentageReportedByFirmware"]),
        (
            "as-documented",
            ["serialNo", "display_name", "batteryLevelPercentageReportedByFirmware"],
        ),
    ],
)
def test_wire_names_key(
    tmp_path: Path, specs: Path, importer: list[str], policy: str, keys: list[str]
) -> None:
    name = "cfg_wire_names_" + policy.replace("-", "_").lower()
    config = _pyproject(tmp_path, f'specs = "docs"\noutput = "{name}"\nwire-names = "{policy}"\n')
    assert run_cli("generate", "--config", config, "-q") == 0
    out = tmp_path / name
    assert [_wire(out, a) for a in ("serial_no", "display_name")] == keys[:2]
    gadget = _load(out, importer).Gadget
    payload = {keys[0]: 5, keys[1]: "Lamp", keys[2]: "80"}
    loaded = gadget.from_dict(payload)
    assert (loaded.serial_no, loaded.display_name) == (5, "Lamp")
    assert loaded.additional_properties == {}
    assert loaded.to_dict() == payload


def test_wire_key_wins_over_the_wire_names_policy(tmp_path: Path, specs: Path) -> None:
    config = _pyproject(
        tmp_path,
        'specs = "docs"\noutput = "cfg_wire_policy"\nwire-names = "snake_case"\n\n'
        '[tool.docs2models.wire]\n"Gadget.serialNo" = "SERIAL"\n',
    )
    assert run_cli("generate", "--config", config, "-q") == 0
    out = tmp_path / "cfg_wire_policy"
    assert _wire(out, "serial_no") == "SERIAL"
    assert _wire(out, "display_name") == "display_name"


def test_allow_unknown_key(tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (specs / "models" / "widget.md").write_text(WIDGET, encoding="utf-8")
    strict = _pyproject(tmp_path, 'specs = "docs"\noutput = "cfg_strict"\n')
    err = _fail(capsys, "generate", "--config", strict, "-q")
    assert "Polygon" in err
    assert not (tmp_path / "cfg_strict").exists()

    lenient = _pyproject(tmp_path, 'specs = "docs"\noutput = "cfg_lenient"\nallow-unknown = true\n')
    assert run_cli("generate", "--config", lenient) == 0
    assert "warning" in capsys.readouterr().err
    widget = (tmp_path / "cfg_lenient" / "widget.py").read_text()
    assert re.search(r"^    shape: Any \| None \| Unset = ", widget, re.MULTILINE)


def test_line_length_key(tmp_path: Path, specs: Path) -> None:
    config = _pyproject(tmp_path, 'specs = "docs"\noutput = "cfg_wide"\nline-length = 160\n')
    assert run_cli("generate", "--config", config, "-q") == 0
    wide = _source(tmp_path / "cfg_wide")
    assert LONG_LINE in wide.splitlines()
    assert max(len(line) for line in wide.splitlines()) <= 160

    assert run_cli("generate", specs, "-o", tmp_path / "cfg_narrow", "-q") == 0
    narrow = _source(tmp_path / "cfg_narrow")
    assert LONG_LINE not in narrow.splitlines()
    wrapped = '        default=UNSET, metadata={"wire": "batteryLevelPercentageReportedByFirmware"}'
    assert wrapped in narrow.splitlines()  # black wrapped it at 88


# --- flags win --------------------------------------------------------------------------


def test_flags_override_the_file(tmp_path: Path, specs: Path, importer: list[str]) -> None:
    other = tmp_path / "other_docs" / "models"
    other.mkdir(parents=True)
    (other / "gadget.md").write_text(GADGET.replace("In grams.", "In kilograms."), "utf-8")
    config = _pyproject(
        tmp_path,
        'specs = "docs"\noutput = "cfg_file_out"\nnumber = "int"\nwire-names = "snake_case"\n'
        "line-length = 160\n\n"
        '[tool.docs2models.types]\n"Gadget.weight" = "string"\n'
        '"Gadget.display_name" = "integer"\n\n'
        '[tool.docs2models.wire]\n"Gadget.weight" = "w"\n"Gadget.display_name" = "dn"\n',
    )
    out = tmp_path / "cfg_flag_out"
    code = run_cli(
        "generate",
        tmp_path / "other_docs",
        "-o",
        out,
        "-q",
        "--config",
        config,
        "--number",
        "float",
        "--wire-names",
        "camelCase",
        "--line-length",
        "88",
        "--type",
        "Gadget.weight=boolean",
        "--wire",
        "Gadget.weight=WEIGHT",
    )
    assert code == 0
    assert not (tmp_path / "cfg_file_out").exists()
    source = _source(out)
    assert "In kilograms." in source
    assert _annotation(out, "serial_no") == "float"  # --number
    assert _wire(out, "serial_no") == "serialNo"  # --wire-names camelCase
    assert _wire(out, "battery_level_percentage_reported_by_firmware") == (
        "batteryLevelPercentageReportedByFirmware"
    )
    assert _annotation(out, "weight") == "bool | None | Unset"  # --type beats the file
    assert _wire(out, "weight") == "WEIGHT"  # --wire beats the file
    assert _annotation(out, "display_name") == "int | None | Unset"  # the file's, kept
    assert _wire(out, "display_name") == "dn"
    assert LONG_LINE not in source.splitlines()  # --line-length
    gadget = _load(out, importer).Gadget
    payload = {"serialNo": 1.5, "WEIGHT": True, "dn": 7}
    assert gadget.from_dict(payload).to_dict() == payload


def test_allow_unknown_flag_overrides_the_file(tmp_path: Path, specs: Path) -> None:
    (specs / "models" / "widget.md").write_text(WIDGET, encoding="utf-8")
    config = _pyproject(tmp_path, 'specs = "docs"\nallow-unknown = false\n')
    out = tmp_path / "cfg_flag_unknown"
    assert run_cli("generate", "--config", config, "-o", out, "-q", "--allow-unknown") == 0
    assert (out / "widget.py").is_file()


# --- errors -----------------------------------------------------------------------------


def test_unknown_key_exits_2_naming_it(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _pyproject(tmp_path, 'specs = "docs"\noutput = "cfg_unknown"\nlinelength = 100\n')
    err = _fail(capsys, "generate", "--config", config, "-q")
    assert "`linelength`" in err
    assert str(config) in err
    assert "line-length" in err  # the known keys are listed
    assert not (tmp_path / "cfg_unknown").exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('number = "double"', ["number", '"float", "int", "int | float"', "'double'"]),
        ('line-length = "x"', ["line-length", "whole number", "'x'"]),
        ("line-length = 10", ["line-length", "40 to 320", "10"]),
        ("line-length = true", ["line-length", "True"]),
        ('wire-names = "kebab-case"', ["wire-names", "camelCase", "'kebab-case'"]),
        ('allow-unknown = "yes"', ["allow-unknown", "true or false", "'yes'"]),
        ("specs = 3", ["specs", "folder path", "3"]),
        ('types = "integer"', ["types", "Model.field"]),
        ('[tool.docs2models.types]\n"serialNo" = "integer"', ["`serialNo`", "Model.field"]),
        ('[tool.docs2models.types]\n".serialNo" = "integer"', ["`.serialNo`", "Model.field"]),
        ('[tool.docs2models.types]\n"Gadget.serialNo" = ""', ["Gadget.serialNo", "non-empty"]),
        ('[tool.docs2models.types]\n"Gadget.serialNo" = 5', ["Gadget.serialNo", "5"]),
        (
            '[tool.docs2models.types]\n"Gadget.serialNo" = "Record<string"',
            ["Gadget.serialNo", "expected `>`"],
        ),
        (
            '[tool.docs2models.types]\n"Gadget.serialNo" = "integr"',
            ["Gadget.serialNo", "unknown type `integr`"],
        ),
        (
            '[tool.docs2models.types]\n"Gadget.colour" = "string"',
            ["`Gadget.colour` names no documented field"],
        ),
        (
            '[tool.docs2models.types]\n"Gizmo.serialNo" = "string"',
            ["`Gizmo.serialNo` names no documented field"],
        ),
        (
            '[tool.docs2models.types]\n"Gadget.serial_no" = "string"',
            ["`Gadget.serial_no` names no documented field"],
        ),
        (
            '[tool.docs2models.wire]\n"Gadget.colour" = "c"',
            ["`Gadget.colour` names no documented field"],
        ),
        ('[tool.docs2models.wire]\n"Gadget.weight" = 1', ["Gadget.weight", "non-empty"]),
    ],
)
def test_bad_values_exit_2_and_write_nothing(
    tmp_path: Path,
    specs: Path,
    capsys: pytest.CaptureFixture[str],
    body: str,
    expected: list[str],
) -> None:
    head = "" if body.startswith("specs") else 'specs = "docs"\n'
    config = _pyproject(tmp_path, head + 'output = "cfg_bad"\n' + body + "\n")
    err = _fail(capsys, "generate", "--config", config)
    assert str(config) in err
    for text in expected:
        assert text in err
    assert "internal error" not in err
    assert not (tmp_path / "cfg_bad").exists()
    assert not (tmp_path / "generated").exists()


def test_invalid_toml_exits_2(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.docs2models]\nspecs = "docs\n', encoding="utf-8")
    err = _fail(capsys, "generate", "--config", config, "-o", tmp_path / "cfg_toml")
    assert f"{config}:2: not valid TOML" in err
    assert not (tmp_path / "cfg_toml").exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"tool = 1\n", ": `tool` must be a table"),
        (b"[tool]\ndocs2models = 3\n", ": [tool.docs2models] must be a table, got 3"),
        (b'[[tool.docs2models]]\nspecs = "docs"\n', ": [tool.docs2models] must be a table"),
        (b'[project]\nname = "demo"\n[tool.docs2models\n', ":3: not valid TOML"),
        (b'[project]\nname = "d\xe9mo"\n', ":2: not valid UTF-8 (byte 0xe9 at offset 19)"),
    ],
    ids=["tool-not-a-table", "docs2models-not-a-table", "array-of-tables", "toml", "utf8"],
)
def test_a_malformed_pyproject_exits_2_naming_it(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str], body: bytes, expected: str
) -> None:
    """A pyproject.toml docs2models cannot read is an error naming the file (and the line
    where there is one), never an internal error; the default pyproject.toml too."""
    config = tmp_path / "pyproject.toml"
    config.write_bytes(body)
    err = _fail(capsys, "generate", specs, "--config", config, "-o", tmp_path / "cfg_bad")
    assert f"{config}{expected}" in err
    assert "internal error" not in err
    assert not (tmp_path / "cfg_bad").exists()


def test_the_output_key_must_name_an_importable_package(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _pyproject(tmp_path, 'specs = "docs"\noutput = "my-models"\n')
    err = _fail(capsys, "generate", "--config", config)
    assert "the output folder's name is the package's name; `my-models` is not a Python" in err
    assert not (tmp_path / "my-models").exists()


def test_missing_config_file_exits_2(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _fail(capsys, "generate", specs, "--config", tmp_path / "nope.toml")
    assert "nope.toml" in err
    assert "no such file" in err


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--type", "Gadget.serialNo"], ["--type", "Model.field=value"]),
        (["--type", "serialNo=integer"], ["`serialNo`", "Model.field"]),
        (["--type", "Gadget.serialNo=integr"], ["Gadget.serialNo", "unknown type `integr`"]),
        (["--type", "Gadget.nothing=integer"], ["`Gadget.nothing` names no documented field"]),
        (["--wire", "Gadget.nothing=x"], ["`Gadget.nothing` names no documented field"]),
        (["--wire", "Gadget.weight="], ["--wire", "Model.field=value"]),
    ],
)
def test_bad_flag_values_exit_2_and_write_nothing(
    tmp_path: Path,
    specs: Path,
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    expected: list[str],
) -> None:
    err = _fail(capsys, "generate", specs, "-o", tmp_path / "cfg_bad_flag", *flags)
    for text in expected:
        assert text in err
    assert not (tmp_path / "cfg_bad_flag").exists()


@pytest.mark.parametrize("flags", [["--number", "double"], ["--wire-names", "kebab"]])
def test_bad_choice_flags_exit_2(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str], flags: list[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        run_cli("generate", specs, "-o", tmp_path / "cfg_choice", *flags)
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    assert not (tmp_path / "cfg_choice").exists()


@pytest.mark.parametrize("value", ["5", "0", "-1", "100000"])
def test_line_length_flag_is_checked_like_the_key(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """`line-length = 10` in the file is refused (40 to 320); the flag must be too."""
    out = tmp_path / "cfg_flag_width"
    capsys.readouterr()
    try:
        code = run_cli("generate", specs, "-o", out, "-q", "--line-length", value)
    except SystemExit as exc:  # argparse refusing it is fine too
        code = exc.code
    assert code == 2
    assert not out.exists()


def test_two_fields_on_one_wire_key_is_an_error(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Giving a field the JSON key another field already uses would make both read the
    same value and one overwrite the other when written: it must be refused."""
    out = tmp_path / "cfg_clash"
    err = _fail(capsys, "generate", specs, "-o", out, "--wire", "Gadget.display_name=serialNo")
    assert "serialNo" in err
    assert not out.exists()


def test_wire_names_policy_that_merges_two_keys_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs" / "models"
    folder.mkdir(parents=True)
    (folder / "pair.md").write_text(
        "# Pair\n\n## Fields\n\n| Field | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n"
        "| `userId` | *string* | :heavy_check_mark: | The new spelling. |\n"
        "| `user_id` | *string* | :heavy_check_mark: | The old spelling. |\n",
        encoding="utf-8",
    )
    out = tmp_path / "cfg_merge"
    err = _fail(capsys, "generate", tmp_path / "docs", "-o", out, "--wire-names", "snake_case")
    assert "user_id" in err
    assert not out.exists()


# --- help -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["generate", "--help"], ["check", "--help"]])
def test_help_lists_every_config_key(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run_cli(*args)
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "[tool.docs2models]" in text
    assert set(KEYS) == {
        "specs",
        "output",
        "number",
        "wire-names",
        "allow-unknown",
        "line-length",
        "target",
        "jobs",
        "cache",
        "ts-sources",
        "types",
        "wire",
        "fail-on",
    }
    for key in KEYS:
        assert re.search(rf"^  {re.escape(key)}\s+\S", text, re.MULTILINE), key


def test_check_reads_the_same_config(
    tmp_path: Path, specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _pyproject(
        tmp_path,
        'specs = "docs"\noutput = "cfg_check"\nnumber = "int"\n\n'
        '[tool.docs2models.wire]\n"Gadget.weight" = "grams"\n',
    )
    assert run_cli("generate", "--config", config, "-q") == 0
    assert run_cli("check", "--config", config, "-q") == 0
    capsys.readouterr()
    out = tmp_path / "cfg_check"
    assert run_cli("check", specs, "-o", out, "-q") == 1  # without the file: drift
    diff = capsys.readouterr().out
    assert '-    serial_no: int = field(metadata={"wire": "serialNo"})' in diff
    assert '+    serial_no: float = field(metadata={"wire": "serialNo"})' in diff
