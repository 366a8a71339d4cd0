"""The other targets (`target = "pydantic"`, `"msgspec"`): the same docs give the same names,
docstrings and modules, as pydantic v2 models or msgspec Structs, and the same tests hold
for each (README, "Targets"): a snapshot of specs/ per target, every emit case, the
Authlete corpus's round trips, doc examples and docstring examples, wrong-type errors that
say where, black-stable output with nothing left to black, and `mypy --strict`.

What a target cannot do is measured here too, so the README's capability table says what
these tests find (`CAPABILITIES`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ast_guard import problems
from round_trips import ROUND_TRIPS
from test_cases import CASES, Case, case_id, prepare_specs

from generator.config import Config, ConfigError, Mode, from_table
from generator.emit.formatting import format_python
from generator.emit.pydantic.model import attribute_names
from generator.ir import Model
from generator.run.engine import fingerprint
from generator.run.pipeline import build

from conftest import ROOT, corpus_path, import_all, run_cli

TARGETS = ["pydantic", "msgspec"]
"""The targets besides the default `dataclasses` (whose tests are the rest of the suite)."""

SNAPSHOTS = ROOT / "tests" / "snapshots"
UPDATE = bool(os.environ.get("DOCS2MODELS_UPDATE_SNAPSHOTS"))

MYPY_CONFIG = {
    "pydantic": "[mypy]\nstrict = True\nplugins = pydantic.mypy\n",
    "msgspec": "[mypy]\nstrict = True\n",
}
"""How each target's packages are type-checked: pydantic's with its mypy plugin, as the
README tells users to."""


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def run_mypy(target: str, folder: Path, *packages: str) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` (with the target's plugin) on packages in `folder`."""
    config = folder / f"mypy-{target}.ini"
    config.write_text(MYPY_CONFIG[target], encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--config-file", str(config), "--no-incremental"]
    return subprocess.run(
        [*command, "--cache-dir", "/dev/null", *packages],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def run_in(folder: Path, code: str, *args: str, data: Any = None) -> Any:
    """`code` in a fresh interpreter in `folder` (the generated packages' parent), given
    `data` as JSON on stdin; what it printed, as JSON."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        input=json.dumps(data),
        cwd=folder,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    *shown, last = result.stdout.splitlines()  # doctest prints its failures first
    report = json.loads(last)
    if shown and isinstance(report, dict):
        report["printed"] = "\n".join(shown)
    return report


# --- the setting -----------------------------------------------------------------------


def test_target_is_a_config_key_and_a_mode_setting(tmp_path: Path) -> None:
    """`target` in [tool.docs2models] sets the mode (so the cache key); a bad one says where."""
    config = from_table({"target": "pydantic"}, "pyproject.toml", tmp_path)
    assert config.target == "pydantic" == config.mode.target
    assert Config().target == "dataclasses"
    assert fingerprint(config) != fingerprint(Config())
    assert Mode(target="pydantic").fingerprint() != Mode().fingerprint()
    with pytest.raises(ConfigError, match=r"target.*\"dataclasses\".*'attrs'"):
        from_table({"target": "attrs"}, "pyproject.toml", tmp_path)


@pytest.mark.parametrize("target", TARGETS)
def test_switching_target_never_reuses_the_cache(target: str, tmp_path: Path) -> None:
    """One output folder, one cache: the target given by flag or file is what is written,
    and `check` against the other target's files finds drift."""
    out = tmp_path / "models"
    specs = ROOT / "specs"
    cache = ["--config", _pyproject(tmp_path, "")]
    assert run_cli("generate", specs, "-o", out, "-q", *cache) == 0
    assert _files(out) == _files(ROOT / "generated")
    assert run_cli("generate", specs, "-o", out, "-q", "--target", target, *cache) == 0
    assert _files(out) == _files(SNAPSHOTS / target / "generated")
    assert run_cli("check", specs, "-o", out, "-q", *cache) == 1
    in_file = ["--config", _pyproject(tmp_path, f'target = "{target}"\n')]
    assert run_cli("check", specs, "-o", out, "-q", *in_file) == 0
    assert run_cli("generate", specs, "-o", out, "-q", "--target", "dataclasses", *in_file) == 0
    assert _files(out) == _files(ROOT / "generated")


def _pyproject(tmp_path: Path, body: str) -> Path:
    path = tmp_path / f"pyproject-{len(body)}.toml"
    path.write_text(f'[tool.docs2models]\ncache = "cache"\n{body}', encoding="utf-8")
    return path


@pytest.mark.parametrize("target", TARGETS)
def test_an_edit_gives_what_a_cold_run_gives(target: str, tmp_path: Path) -> None:
    """A warm run after a member of a discriminated union loses its tag (and so the
    union its discriminator) writes what a cold run writes: the union's module and the
    member's are both redone."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "tests" / "cases" / "emit" / "union_discriminated" / "specs", specs)
    config = ["--config", _pyproject(tmp_path, f'target = "{target}"\n')]
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    assert run_cli("generate", specs, "-o", warm, "-q", *config) == 0
    before = _files(warm)
    doc = specs / "models" / "components" / "removeop.md"
    text = doc.read_text(encoding="utf-8").replace('*"remove"*', "*string*")
    doc.write_text(text, encoding="utf-8")
    assert run_cli("generate", specs, "-o", warm, "-q", *config) == 0
    assert run_cli("generate", specs, "-o", cold, "-q", "--no-cache", "--target", target) == 0
    assert _files(warm) == _files(cold) != before
    changed = {p for p in before if before[p] != _files(cold)[p]}
    assert {"patch_op.py", "remove_op.py"} <= changed


# --- the snapshot of specs/ per target -------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
def test_snapshot_of_specs(target: str, tmp_path: Path) -> None:
    """specs/ generated for the target is tests/snapshots/<target>/generated, byte for byte
    (DOCS2MODELS_UPDATE_SNAPSHOTS=1 rewrites it on purpose; `make generate` does)."""
    out = tmp_path / "generated"
    assert run_cli("generate", ROOT / "specs", "-o", out, "-q", "--target", target) == 0
    snapshot = SNAPSHOTS / target / "generated"
    if UPDATE:
        shutil.rmtree(snapshot, ignore_errors=True)
        shutil.copytree(out, snapshot)
    assert _files(out) == _files(snapshot)
    for path, text in _files(out).items():
        if path.endswith(".py"):
            source = text.decode("utf-8")
            assert format_python(source) == source, path
            if path != "_serde.py":
                assert problems(source, target) == [], path


@pytest.mark.parametrize("target", TARGETS)
def test_same_modules_names_and_docstrings_as_dataclasses(target: str) -> None:
    """One IR, one naming: the same files, classes, attributes, enum members and
    docstrings in every target."""
    ours = _files(SNAPSHOTS / target / "generated")
    theirs = _files(ROOT / "generated")
    assert sorted(ours) == sorted(theirs)
    for path in theirs:
        if path.endswith(".py") and path not in ("_serde.py", "__init__.py"):
            assert _surface(ours[path]) == _surface(theirs[path]), path


def _surface(source: bytes) -> tuple[list[str], list[str]]:
    """The class names, attribute names (not the dataclass's own) and docstrings."""
    text = source.decode("utf-8")
    names = re.findall(r"^class (\w+)|^    (\w+)(?:: | = )", text, re.MULTILINE)
    skip = {"additional_properties", "_WIRE_KEYS", "__pydantic_extra__"}
    flat = [a or b for a, b in names if (a or b) not in skip]
    docstrings = re.findall(r'^\s*"""(.*?)"""', text, re.MULTILINE | re.DOTALL)
    return flat, [d for d in docstrings if not _METHOD_DOCSTRING.match(d)]


_METHOD_DOCSTRING = re.compile(
    r"The \w+ that JSON (data|text) describes|(This|A) \w+ as JSON|Accept a value the docs"
    r"|Keys of the JSON object that the docs do not list"
)
"""The docstrings of the generated methods and of `additional_properties`."""


BEHAVIOUR = """
import json, sys
from generated import TokenCreateResponse, TokenCreateResponseAction, DecodeError

data = {
    "resultCode": "A001",
    "refreshToken": None,
    "action": "OK",
    "clientId": 42,
    "futureKey": {"kept": [1, 2]},
    "authorizationDetails": {"elements": [{"type": "x", "extra": True}]},
}
model = TokenCreateResponse.from_dict(data)
report = {
    "round_trip": model.to_dict() == data,
    "json_round_trip": json.loads(TokenCreateResponse.from_json(json.dumps(data)).to_json())
    == data,
    "absent_stays_absent": "accessToken" not in model.to_dict(),
    "null_stays_null": model.to_dict().get("refreshToken", "gone") is None,
    "attribute": model.result_code,
    "enum": [model.action.name, model.action == "OK"],
}
try:
    TokenCreateResponse.from_dict({"action": "SOMETHING_NEW"})
    report["closed_enum"] = None
except DecodeError as exc:
    report["closed_enum"] = str(exc)
bad = {"authorizationDetails": {"elements": [{"type": 3}]}}
try:
    TokenCreateResponse.from_dict(bad)
    report["error"] = None
except DecodeError as exc:
    report["error"] = str(exc)
json.dump(report, sys.stdout)
"""

CAPABILITIES: dict[str, dict[str, bool]] = {
    "pydantic": {"round_trip": True, "unknown_keys": True, "open_enums": True},
    "msgspec": {"round_trip": False, "unknown_keys": False, "open_enums": True},
}
"""What the README's capability table says each target keeps (besides dataclasses, which
keeps all): `round_trip` of a payload with unknown keys, `unknown_keys`, `open_enums`."""


@pytest.mark.parametrize("target", TARGETS)
def test_behaviour_the_capability_table_states(target: str, tmp_path: Path) -> None:
    """Absent is not null, unknown keys and open enum values kept (where the target can),
    and a wrong type names where it is (the README's capability table)."""
    shutil.copytree(SNAPSHOTS / target / "generated", tmp_path / "generated")
    report = run_in(tmp_path, BEHAVIOUR)
    can = CAPABILITIES[target]
    assert report["absent_stays_absent"] and report["null_stays_null"]
    assert report["attribute"] == "A001"
    assert report["round_trip"] is can["round_trip"] is report["json_round_trip"]
    assert report["enum"] == ["OK", True]
    assert "action" in report["closed_enum"]
    error = report["error"]
    assert error is not None
    assert re.search(r"authorizationDetails.elements(\.0|\[0\])\.type", error), error


KINDS = """
import json, sys
from c_open import PlanTier
from c_union import AddOp, RemoveOp, DecodeError, patch_op_from_dict, patch_op_to_dict
from c_extra import Plan, RegionLimits

report = {}
tier = PlanTier("new-tier")
report["open_enum"] = [tier.name, tier.value, tier == "new-tier", PlanTier("team").name]
removed = patch_op_from_dict({"op": "remove", "path": "/a"})
added = patch_op_from_dict({"op": "add", "path": "/b", "value": [1]})
report["union"] = [type(removed).__name__, type(added).__name__, patch_op_to_dict(added)]
try:
    patch_op_from_dict({"op": "move", "path": "/a"})
    report["union_error"] = None
except DecodeError as exc:
    report["union_error"] = str(exc)
data = {"name": "p", "eu": {"default": 2, "burst": 5}}
plan = Plan.from_dict(data)
report["typed_extra"] = plan.to_dict() == data
try:
    Plan.from_dict({"name": "p", "eu": "lots"})
    report["typed_extra_error"] = None
except DecodeError as exc:
    report["typed_extra_error"] = str(exc)
json.dump(report, sys.stdout)
"""


@pytest.mark.parametrize("target", TARGETS)
def test_open_enums_discriminated_unions_and_typed_extra_keys(target: str, tmp_path: Path) -> None:
    """An open enum keeps a value the docs do not list; a union with a discriminator picks
    its member by that key (and refuses another); other keys of a model that says what
    they hold are read as that type."""
    emit = ROOT / "tests" / "cases" / "emit"
    for name, case in (("c_open", "enum_open"), ("c_union", "union_discriminated")):
        assert (
            run_cli(
                "generate", emit / case / "specs", "-o", tmp_path / name, "-q", "--target", target
            )
            == 0
        )
    extra = emit / "additional_properties" / "specs"
    assert run_cli("generate", extra, "-o", tmp_path / "c_extra", "-q", "--target", target) == 0
    report = run_in(tmp_path, KINDS)
    assert report["open_enum"] == ["UNRECOGNIZED", "new-tier", True, "TEAM"]
    assert report["union"] == ["RemoveOp", "AddOp", {"op": "add", "path": "/b", "value": [1]}]
    assert "move" in report["union_error"] or "op" in report["union_error"]
    if CAPABILITIES[target]["unknown_keys"]:
        assert report["typed_extra"] is True
        assert "eu" in report["typed_extra_error"]
    else:  # msgspec drops the keys a Struct does not list, typed or not
        assert report["typed_extra"] is False
        assert report["typed_extra_error"] is None


PLATFORM = """
import json, sys
from datetime import date, datetime
from c_platform import Download

data = {
    "createdAt": "2024-05-01T12:00:00.120Z",
    "accessedAt": ["2024-05-01T12:00:00Z", "2024-05-01T14:00:00+02:00"],
    "expiresOn": "2024-06-01",
    "body": "aGVsbG8=",
}
model = Download.from_dict(data)
json.dump(
    {
        "types": [
            isinstance(model.created_at, datetime),
            type(model.expires_on) is date,
            model.body == b"hello",
        ],
        "back": model.to_dict(),
        "json_back": json.loads(Download.from_json(json.dumps(data)).to_json()),
    },
    sys.stdout,
)
"""


@pytest.mark.parametrize("target", TARGETS)
def test_dates_and_bytes_as_the_docs_say(target: str, tmp_path: Path) -> None:
    """`[Date]` is a datetime, `RFCDate` a date, bytes travel as base64 text; pydantic
    writes a date-time back as it was read, msgspec in its own RFC 3339 spelling."""
    specs = ROOT / "tests" / "cases" / "emit" / "platform_types" / "specs"
    assert run_cli("generate", specs, "-o", tmp_path / "c_platform", "-q", "--target", target) == 0
    report = run_in(tmp_path, PLATFORM)
    assert report["types"] == [True, True, True]
    expected = {
        "createdAt": "2024-05-01T12:00:00.120Z",
        "accessedAt": ["2024-05-01T12:00:00Z", "2024-05-01T14:00:00+02:00"],
        "expiresOn": "2024-06-01",
        "body": "aGVsbG8=",
    }
    if target == "msgspec":  # six digits of fraction (the same instant)
        expected["createdAt"] = "2024-05-01T12:00:00.120000Z"
    assert report["back"] == expected == report["json_back"]


def test_readme_capability_table_says_what_the_tests_measure() -> None:
    """The README's table agrees with CAPABILITIES, which the behaviour tests check."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    header = "| guarantee | dataclasses | pydantic | msgspec |"
    rows = readme[readme.index(header) :].split("\n\n")[0].splitlines()[2:]
    table = {
        r.split(" | ")[0].strip("| "): [c.strip("| ") for c in r.split(" | ")[1:]] for r in rows
    }
    columns = ["dataclasses", "pydantic", "msgspec"]
    lines = {
        "round_trip": "exact round trip (`from_dict(d).to_dict() == d`, and through JSON text)",
        "unknown_keys": "unknown keys kept",
        "open_enums": "open enums keep unknown values",
    }
    for target, can in CAPABILITIES.items():
        for key, label in lines.items():
            cell = table[label][columns.index(target)]
            assert cell.startswith("yes") is can[key], (target, label, cell)
    assert table["standard library only"] == ["yes", "no (pydantic ≥ 2)", "no (msgspec)"]


def test_attributes_that_would_hide_base_model_names_get_an_underscore() -> None:
    assert attribute_names(("json", "json_", "x", "schema")) == ["json__2", "json_", "x", "schema_"]


HOLDER = """# Holder

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `contact` | [components.Contact](./contact.md) | :heavy_check_mark: | Either kind. |
"""

UNTAGGED = """
import json, sys
from c_untagged import Holder, EmailContact, PhoneContact, contact_from_dict

phone = {"number": "+1 555", "kind": "mobile"}
email = {"address": "a@example.com"}
held = Holder.from_dict({"contact": phone})
try:
    Holder.from_dict({"contact": {"neither": 1}})
    error = None
except ValueError as exc:
    error = str(exc)
json.dump(
    {
        "picked": [type(contact_from_dict(d)).__name__ for d in (phone, email)],
        "held": [type(held.contact).__name__, held.to_dict() == {"contact": phone}],
        "error": error,
    },
    sys.stdout,
)
"""


@pytest.mark.parametrize("target", TARGETS)
def test_unions_without_a_discriminator(target: str, tmp_path: Path) -> None:
    """A union of models with no discriminator: its `x_from_dict` picks the member the
    data fits, and a model holding it gets that member (msgspec, which cannot tell two
    untagged Structs apart, keeps the JSON data and `__post_init__` reads it); a payload
    that fits no member is an error that names the key."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "tests/cases/emit/union_models_no_discriminator/specs", specs)
    (specs / "models" / "components" / "holder.md").write_text(HOLDER, encoding="utf-8")
    assert run_cli("generate", specs, "-o", tmp_path / "c_untagged", "-q", "--target", target) == 0
    report = run_in(tmp_path, UNTAGGED)
    assert report["picked"] == ["PhoneContact", "EmailContact"]
    assert report["held"] == ["PhoneContact", True]
    assert "contact" in report["error"]


QUOTED_KEYS = """
import json, sys
from c_quotes.notebook_escape_hatch import NotebookEscapeHatch as N

json.dump([sorted(N.__struct_fields__), N.__doc__], sys.stdout)
"""


def test_msgspec_leaves_out_keys_it_cannot_name(tmp_path: Path) -> None:
    """A JSON key with a quote or a backslash cannot name a Struct field: the field is not
    there, and the class docstring says which keys."""
    specs = ROOT / "tests" / "cases" / "hostile" / "inject_quotes" / "specs"
    assert run_cli("generate", specs, "-o", tmp_path / "c_quotes", "-q", "--target", "msgspec") == 0
    fields, doc = run_in(tmp_path, QUOTED_KEYS)
    assert "a_b" not in fields and "e_f" not in fields and "title" in fields
    assert "msgspec cannot name a field" in doc
    assert 'a"""b' in doc


# --- every emit case, per target -------------------------------------------------------


def _generate_cases() -> list[Case]:
    """The emit and hostile cases that write a package (the big hostile docs, marked slow,
    left out: they test limits of reading, not of a target)."""
    return [
        c
        for c in (Case.load(f) for f in CASES)
        if c.folder.parent.name in ("emit", "hostile")
        and c.stage == "generate"
        and c.exit != 2
        and not c.slow
    ]


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS)
def test_every_emit_case_generates_imports_and_type_checks(target: str, tmp_path: Path) -> None:
    """Each emit and hostile case, generated for the target as its case.toml says: same exit code,
    black-stable modules that pass the AST guard, every module imports, the docstring
    examples run, and `mypy --strict` passes on all the packages together."""
    root = tmp_path / "packages"
    root.mkdir()
    names = []
    for case in _generate_cases():
        name = "case_" + re.sub(r"\W", "_", case_id(case.folder))
        (tmp_path / "specs" / name).mkdir(parents=True)
        specs = prepare_specs(case, tmp_path / "specs" / name)
        code = run_cli("generate", specs, "-o", root / name, "-q", "--target", target, *case.flags)
        assert code == case.exit, name
        for path, text in _files(root / name).items():
            if path.endswith(".py") and path != "_serde.py":
                source = text.decode("utf-8")
                assert format_python(source) == source, f"{name}/{path}"
                assert problems(source, target) == [], f"{name}/{path}"
        import_all(root / name)
        names.append(name)
    assert len(names) >= 80
    result = run_mypy(target, root, *names)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    doctests = run_in(root, DOCTESTS, *names)
    assert doctests["failed"] == 0, doctests.get("printed")
    assert doctests["attempted"] > 0
    assert doctests["decoders"] > 100


DOCTESTS = """
import doctest, importlib, json, pkgutil, sys
attempted = failed = decoders = 0
for name in sys.argv[1:]:
    package = importlib.import_module(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        module = importlib.import_module(info.name)
        result = doctest.testmod(module)
        attempted += result.attempted
        failed += result.failed
        for value in vars(module).values():
            ours = isinstance(value, type) and value.__module__ == info.name
            if ours and hasattr(value, "from_json"):
                try:  # builds the model's decoder: a type the library refuses is a TypeError
                    value.from_json("{}")
                except ValueError:
                    pass
                decoders += 1
json.dump({"attempted": attempted, "failed": failed, "decoders": decoders}, sys.stdout)
"""


# --- the Authlete corpus, per target ---------------------------------------------------


@pytest.fixture(scope="module", params=TARGETS)
def authlete(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The Authlete corpus generated for one target (in memory, and written by the CLI)."""
    target: str = request.param
    specs = corpus_path("authlete-ts", "models")
    built = build(Config(specs=specs).with_mode(target=target))
    out = tmp_path_factory.mktemp(f"authlete-{target}") / "authlete"
    assert run_cli("generate", specs, "-o", out, "-q", "--target", target) == 0
    return target, built, out


@pytest.mark.slow
def test_authlete_is_black_stable_with_nothing_left_to_black(authlete: Any) -> None:
    target, built, out = authlete
    assert built.left_to_black == 0
    assert len(built.files) == 295
    for path, source in built.files.items():
        if path.endswith(".py"):
            assert format_python(source) == source, path
            if path != "_serde.py":
                assert problems(source, target) == [], path
    assert {p: t.encode() for p, t in built.files.items()} == _files(out)


@pytest.mark.slow
def test_authlete_imports_and_passes_mypy_strict(authlete: Any) -> None:
    target, _, out = authlete
    assert len(import_all(out)) > 290
    result = run_mypy(target, out.parent, out.name)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


EXCEPTIONS: dict[str, list[list[str]]] = {"pydantic": [], "msgspec": []}
"""Payloads of examples.json a target cannot round-trip exactly, by model and key, each
with the reason the README gives."""


@pytest.mark.slow
def test_authlete_round_trips_doc_examples_and_errors(authlete: Any) -> None:
    """Every payload of examples.json comes back exactly (bar the target's documented
    exceptions), every doc's own example loads and comes back, every docstring example
    runs, and a wrong type names where."""
    target, built, out = authlete
    doc_examples = {
        d.name: d.example
        for d in built.docs
        if isinstance(d, Model) and d.fields and d.example is not None
    }
    examples = str(corpus_path("authlete-ts", "examples.json"))
    report = run_in(out.parent, ROUND_TRIPS, out.name, examples, data=doc_examples)
    failed = [[name, key] for name, key, _ in report["payload_failures"]]
    assert failed == EXCEPTIONS[target], report["payload_failures"]
    assert report["payloads"] == 426
    assert report["doc_failures"] == []
    assert report["docs"] == 212
    assert report["doctest_failures"] == 0
    assert report["doctests"] >= 350
    assert re.search(r"authorizationDetails.elements(\.0|\[0\])\.type", report["wrong_type"])
