"""End to end on the real authlete-ts corpus (290 docs), checked against its `oracle.json`.

The corpus is generated once per session; every test reads that one package. The oracle is
the ground truth from the OpenAPI document, so these tests measure what the generator gets
right, and pin down exactly what the docs cannot tell it (see ../shared/corpus/README.md).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from round_trips import ROUND_TRIPS

from generator.config import Config
from generator.emit.formatting import format_python
from generator.errors import Diagnostic, Severity
from generator.ir import Enum, FreeForm, ListOf, Model, Number, Primitive, Ref, TypeExpr
from generator.resolve.schema import PyDoc, Schema
from generator.run.pipeline import build, parse_specs, resolve_docs

from conftest import ROOT, corpus_path, import_all, run_cli, run_mypy_strict

# 290 docs generated, imported and type-checked: make test runs them, make test-fast not
pytestmark = pytest.mark.slow

PACKAGE = "authlete"
DOC_COUNT = 290
OBJECT_COUNT = 216
ENUM_COUNT = 74
FREE_FORM_COUNT = 3  # objects with no documented fields: `X: TypeAlias = dict[str, Any]`
SUBPACKAGES = {(), ("operations",), ("errors",)}

# Fields whose JSON key the docs cannot know, as measured against the oracle:
PARAMETER_RENAMES = 9  # path/query parameters and one header sent under another name
BODY_WRAPPERS = 54  # an operation's whole request body: no JSON key at all

# The docs say *number* for every integer (README: "all 156 *number* fields are integers").
ORACLE_PRIMITIVES = {
    "string": "string",
    "boolean": "boolean",
    "integer": "number",
    "number": "number",
    "any": "any",
}

# Run in the generated package's parent folder: each class's runtime shape, and what each
# package's `__init__` exports, as JSON.
RUNTIME_DUMP = """
import dataclasses, importlib, json, sys

wanted = json.load(sys.stdin)
classes = {}
for dotted, name in wanted["classes"]:
    cls = getattr(importlib.import_module(dotted), name)
    if dataclasses.is_dataclass(cls):
        fields = [[f.name, f.metadata.get("wire")] for f in dataclasses.fields(cls)]
        classes[dotted] = {"kind": "object", "fields": fields}
    elif not isinstance(cls, type):
        classes[dotted] = {"kind": "alias", "value": repr(cls)}
    else:
        members = [[n, m.value] for n, m in cls.__members__.items()]
        classes[dotted] = {"kind": "enum", "members": members}
packages = {}
for dotted in wanted["packages"]:
    module = importlib.import_module(dotted)
    packages[dotted] = [
        [n, *(
            [getattr(module, n).__module__, getattr(module, n).__qualname__]
            if isinstance(getattr(module, n), type)
            else ["alias", repr(getattr(module, n))]
        )]
        for n in module.__all__
    ]
json.dump({"classes": classes, "packages": packages}, sys.stdout)
"""


@dataclass(frozen=True)
class Corpus:
    """One generation of the corpus: the CLI's result, the resolved schema and the oracle."""

    specs: Path
    out: Path
    exit_code: int
    stderr: str
    schema: Schema | None
    diagnostics: tuple[Diagnostic, ...]
    oracle: dict[str, Any]

    @property
    def docs(self) -> tuple[PyDoc, ...]:
        assert self.schema is not None, "the corpus did not resolve: " + self.stderr
        return self.schema.docs

    @property
    def by_id(self) -> dict[str, PyDoc]:
        return {d.doc.id: d for d in self.docs}

    def dotted(self, package: tuple[str, ...], module: str | None = None) -> str:
        """The import path of a module (or, without `module`, a package) in the output."""
        return ".".join((PACKAGE, *package, *([module] if module else [])))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """`docs2models generate` on the corpus into `<tmp>/authlete`, once for the session."""
    specs = corpus_path("authlete-ts", "models")
    oracle = json.loads(corpus_path("authlete-ts", "oracle.json").read_text(encoding="utf-8"))
    resolved = resolve_docs(parse_specs(Config(specs=specs)), Config(specs=specs))
    out = tmp_path_factory.mktemp("authlete-corpus") / PACKAGE
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = run_cli("generate", specs, "-o", out)
    diags = tuple(resolved.diagnostics)
    return Corpus(specs, out, code, stderr.getvalue(), resolved.schema, diags, oracle)


@pytest.fixture(scope="session")
def runtime(corpus: Corpus) -> dict[str, Any]:
    """The generated classes as Python sees them after import, from a fresh interpreter."""
    wanted = {
        "classes": [[corpus.dotted(d.package, d.module), d.cls] for d in corpus.docs],
        "packages": [corpus.dotted(p) for p in sorted(SUBPACKAGES)],
    }
    result = subprocess.run(
        [sys.executable, "-c", RUNTIME_DUMP],
        input=json.dumps(wanted),
        cwd=corpus.out.parent,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def _package_files(out: Path) -> dict[str, bytes]:
    """Every file the generator wrote under `out` (bytecode caches left by imports aside)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _type_problems(oracle: dict[str, Any], t: TypeExpr, where: str, corpus: Corpus) -> list[str]:
    """How the IR type `t` differs from an oracle type (recursing into array items)."""
    kind = oracle["type"]
    if kind in ORACLE_PRIMITIVES:
        name = "number" if isinstance(t, Number) else t.name if isinstance(t, Primitive) else ""
        if name == ORACLE_PRIMITIVES[kind]:
            return []
        return [f"{where}: oracle {kind}, generated {t!r}"]
    if kind == "array":
        if not isinstance(t, ListOf):
            return [f"{where}: oracle array, generated {t!r}"]
        return _type_problems(oracle["items"], t.item, where + "[]", corpus)
    if kind in ("enum", "ref"):
        target = corpus.by_id.get(t.target) if isinstance(t, Ref) else None
        if target is None or target.doc.name != oracle["ref"]:
            return [f"{where}: oracle {kind} {oracle['ref']}, generated {t!r}"]
        if kind == "enum" and not isinstance(target.doc, Enum):
            return [f"{where}: oracle enum {oracle['ref']}, but {t.target} is not an enum doc"]
        return []
    return [f"{where}: oracle type {kind!r} is not one this test knows"]


def _is_parameter_rename(field: dict[str, Any]) -> bool:
    """A path/query/header parameter sent under a key other than its documented name."""
    return field["location"] in ("path", "query", "header") and isinstance(field["wire"], str)


def _is_body_wrapper(field: dict[str, Any]) -> bool:
    """An operation request's whole JSON body (a referenced model): it has no key of its own,
    so the oracle's `wire` is null."""
    return (
        field["location"] == "body"
        and field["wire"] is None
        and field["type"] == "ref"
        and "/requestBody/" in field["spec_pointer"]
    )


def test_generate_succeeds(corpus: Corpus) -> None:
    """The CLI generates all 290 docs, exit 0, without one error, and they are the oracle's."""
    errors = [d.format() for d in corpus.diagnostics if d.severity is Severity.ERROR]
    assert corpus.exit_code == 0, corpus.stderr
    assert errors == []
    assert len(corpus.docs) == DOC_COUNT
    assert f"{DOC_COUNT} docs" in corpus.stderr
    assert sorted(d.doc.name for d in corpus.docs) == sorted(corpus.oracle)
    kinds = Counter(type(d.doc).__name__ for d in corpus.docs)
    objects = OBJECT_COUNT - FREE_FORM_COUNT
    assert kinds == {"Model": objects, "FreeForm": FREE_FORM_COUNT, "Enum": ENUM_COUNT}


def test_one_class_per_doc(corpus: Corpus) -> None:
    """Each doc is one module that defines exactly its one class, and nothing else is; an
    object with no documented fields is instead one alias for a free-form JSON object,
    exactly where the oracle says the object is free-form."""
    free_form = {d.cls for d in corpus.docs if isinstance(d.doc, FreeForm)}
    assert free_form == {name for name, t in corpus.oracle.items() if t.get("free_form")}
    assert len(free_form) == FREE_FORM_COUNT
    expected = {"/".join((*d.package, d.module + ".py")): [d.cls] for d in corpus.docs}
    definition = r"^class (\w+)|^(\w+): TypeAlias = dict\[str, Any\]$"
    found = {
        rel: [a or b for a, b in re.findall(definition, text.decode("utf-8"), re.MULTILINE)]
        for rel, text in _package_files(corpus.out).items()
        if rel.endswith(".py") and not rel.endswith("__init__.py") and rel != "_serde.py"
    }
    assert found == expected
    assert sum(len(classes) for classes in found.values()) == DOC_COUNT


def test_packages_reexport_their_classes(corpus: Corpus, runtime: dict[str, Any]) -> None:
    """The root `__init__` exports the root docs' classes; `operations` and `errors` are
    subpackages whose `__init__` export theirs, each name bound to its own module's class."""
    assert corpus.schema is not None
    assert set(corpus.schema.packages) == SUBPACKAGES
    files = _package_files(corpus.out)
    for package in SUBPACKAGES:
        assert "/".join((*package, "__init__.py")) in files
        members = [d for d in corpus.docs if d.package == package]
        expected = sorted(
            [d.cls, "alias", "dict[str, typing.Any]"]
            if isinstance(d.doc, FreeForm)
            else [d.cls, corpus.dotted(d.package, d.module), d.cls]
            for d in members
        )
        if not package:  # the root also exports what users need from `_serde`
            runtime_module = corpus.dotted((), "_serde")
            expected += [
                ["DecodeError", runtime_module, "DecodeError"],
                ["UNSET", "alias", "UNSET"],
                ["Unset", runtime_module, "Unset"],
            ]
            expected.sort()
        exported = runtime["packages"][corpus.dotted(package)]
        assert sorted(exported) == expected, corpus.dotted(package)
        assert [name for name, _, _ in exported] == sorted(name for name, _, _ in expected)
    sizes = {p: sum(d.package == p for d in corpus.docs) for p in SUBPACKAGES}
    assert sizes == {(): 209, ("operations",): 80, ("errors",): 1}


def test_every_module_imports(corpus: Corpus) -> None:
    """Every module of the package, and every subpackage, imports in a fresh interpreter."""
    expected = (
        {corpus.dotted(p) for p in SUBPACKAGES}
        | {corpus.dotted(d.package, d.module) for d in corpus.docs}
        | {corpus.dotted((), "_serde")}
    )
    names = import_all(corpus.out)
    assert sorted(names) == sorted(expected)


def test_mypy_strict_passes(corpus: Corpus) -> None:
    """`mypy --strict` finds nothing wrong in the whole generated package."""
    result = run_mypy_strict(corpus.out)
    assert result.returncode == 0, result.stdout + result.stderr
    modules = DOC_COUNT + len(SUBPACKAGES) + 1  # and the `_serde` helpers
    assert f"no issues found in {modules} source files" in result.stdout, result.stdout


def test_docs_agree_with_oracle(corpus: Corpus) -> None:
    """Every doc's IR has the oracle's kind; objects its field names in order, required
    flags and types; enums its values in order."""
    problems: list[str] = []
    compared = 0
    for pydoc in corpus.docs:
        doc, truth = pydoc.doc, corpus.oracle[pydoc.doc.name]
        kind = "enum" if isinstance(doc, Enum) else "object"
        if kind != truth["kind"]:
            problems.append(f"{doc.id}: oracle {truth['kind']}, generated {kind}")
            continue
        if isinstance(doc, Enum):
            values = [v.value for v in doc.values]
            if values != truth["values"]:
                problems.append(f"{doc.id}: values {values} != oracle {truth['values']}")
            continue
        assert isinstance(doc, Model | FreeForm)
        fields = doc.fields if isinstance(doc, Model) else ()
        names = [f.name for f in fields]
        if names != [f["name"] for f in truth["fields"]]:
            problems.append(f"{doc.id}: fields {names} != oracle {truth['fields']}")
            continue
        for field, oracle_field in zip(fields, truth["fields"], strict=True):
            compared += 1
            where = f"{doc.name}.{field.name}"
            if field.required != oracle_field["required"]:
                problems.append(f"{where}: required {field.required}, oracle {not field.required}")
            problems += _type_problems(oracle_field, field.type, where, corpus)
    assert problems == []
    oracle_fields = sum(len(t["fields"]) for t in corpus.oracle.values() if t["kind"] == "object")
    assert compared == oracle_fields == 1657


def test_runtime_classes_match_oracle(corpus: Corpus, runtime: dict[str, Any]) -> None:
    """After import, every dataclass field carries its documented name as `wire`, in doc
    order, under the attribute name resolved for it; every enum has the oracle's values."""
    problems: list[str] = []
    for pydoc in corpus.docs:
        got = runtime["classes"][corpus.dotted(pydoc.package, pydoc.module)]
        truth = corpus.oracle[pydoc.doc.name]
        if got["kind"] == "alias":
            if not truth.get("free_form") or got["value"] != "dict[str, typing.Any]":
                problems.append(f"{pydoc.cls}: runtime alias {got['value']}, oracle {truth}")
        elif got["kind"] != truth["kind"]:
            problems.append(f"{pydoc.cls}: runtime {got['kind']}, oracle {truth['kind']}")
        elif got["kind"] == "object":
            pairs = list(zip(pydoc.members, (f["name"] for f in truth["fields"]), strict=True))
            documented = got["fields"][: len(pairs)]
            extra = got["fields"][len(pairs) :]
            if [tuple(pair) for pair in documented] != pairs or extra != [
                ["additional_properties", None]
            ]:
                problems.append(f"{pydoc.cls}: fields {got['fields']} != {pairs}")
        else:
            pairs = list(zip(pydoc.members, truth["values"], strict=True))
            if [tuple(pair) for pair in got["members"]] != pairs:
                problems.append(f"{pydoc.cls}: members {got['members']} != {pairs}")
    assert problems == []


def test_wire_names_differ_only_where_the_docs_cannot_know(corpus: Corpus) -> None:
    """The generated wire name is the documented name; it matches the oracle's JSON key for
    every field except the 9 renamed parameters and the 54 whole-body wrappers."""
    agreed = 0
    differing: list[tuple[str, str, dict[str, Any]]] = []
    for pydoc in corpus.docs:
        if not isinstance(pydoc.doc, Model):
            continue
        truth = corpus.oracle[pydoc.doc.name]["fields"]
        for field, oracle_field in zip(pydoc.doc.fields, truth, strict=True):
            assert field.wire == field.name, f"{pydoc.doc.name}.{field.name}: wire {field.wire}"
            if field.wire == oracle_field["wire"]:
                agreed += 1
            else:
                differing.append((pydoc.doc.name, field.name, oracle_field))
    unexplained = [
        f"{doc}.{name}: generated {name!r}, oracle {of['wire']!r} ({of['location']})"
        for doc, name, of in differing
        if not (_is_parameter_rename(of) or _is_body_wrapper(of))
    ]
    assert unexplained == []
    kinds = Counter(
        "parameter rename" if _is_parameter_rename(of) else "body wrapper" for _, _, of in differing
    )
    assert kinds == {"parameter rename": PARAMETER_RENAMES, "body wrapper": BODY_WRAPPERS}, [
        f"{doc}.{name}" for doc, name, _ in differing
    ]
    assert agreed + len(differing) == 1657


def test_generation_is_deterministic(corpus: Corpus, tmp_path: Path) -> None:
    """A second run, in another interpreter with another hash seed, writes byte-identical
    files."""
    second = tmp_path / PACKAGE
    seed = "271828" if os.environ.get("PYTHONHASHSEED") != "271828" else "314159"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(corpus.specs), "-o", str(second)],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first_files, second_files = _package_files(corpus.out), _package_files(second)
    assert sorted(second_files) == sorted(first_files)
    differ = sorted(rel for rel in first_files if first_files[rel] != second_files[rel])
    assert differ == []


@pytest.fixture(scope="session")
def round_trips(corpus: Corpus) -> dict[str, Any]:
    """Every example payload, every doc's own example and every docstring example, run
    through the generated package in a fresh interpreter."""
    doc_examples = {
        d.doc.name: d.doc.example
        for d in corpus.docs
        if isinstance(d.doc, Model) and d.doc.fields and d.doc.example is not None
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            ROUND_TRIPS,
            PACKAGE,
            str(corpus_path("authlete-ts", "examples.json")),
        ],
        input=json.dumps(doc_examples),
        cwd=corpus.out.parent,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_every_example_payload_round_trips_exactly(round_trips: dict[str, Any]) -> None:
    """For every object model in examples.json, `payload` and `payload_all_fields` come back
    exactly through from_dict → to_dict, and through JSON text."""
    assert round_trips["payload_failures"] == []
    assert round_trips["payloads"] == 426  # 213 object models x 2 (3 are free-form dicts)


def test_every_doc_example_loads_through_its_model(round_trips: dict[str, Any]) -> None:
    """Each doc's `## Example Usage` value, read from TypeScript, loads and comes back."""
    assert round_trips["doc_failures"] == []
    assert round_trips["docs"] == 212  # one doc has no example ("No examples available")


def test_docstring_examples_run(round_trips: dict[str, Any]) -> None:
    """The runnable examples in class docstrings pass under doctest."""
    assert round_trips["doctest_failures"] == 0
    assert round_trips["doctests"] >= 350


def test_output_is_exactly_what_black_writes_without_running_black(corpus: Corpus) -> None:
    """Every module is laid out by the generator itself (black never ran), and black would
    leave every one of them as it is."""
    built = build(Config(specs=corpus.specs))
    assert built.left_to_black == 0
    differ = [
        rel
        for rel, text in _package_files(corpus.out).items()
        if rel.endswith(".py") and format_python(text.decode("utf-8")) != text.decode("utf-8")
    ]
    assert differ == []
