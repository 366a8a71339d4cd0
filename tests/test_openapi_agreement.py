"""Generated models against an independent ground truth: for every SDK of
../shared/corpus/real that ships its OpenAPI document and its TypeScript sources, every
documented body field of every model the spec names must have the spec's JSON key,
required flag, integer-or-float and nullability. The run is the user's: `docs2models
generate` on the SDK's docs folder, which finds the sources beside it."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.resolve.names import camel_case, snake_case

from conftest import import_all, run_cli, run_mypy_strict

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
SDKS = sorted(
    p.parent.name
    for p in REAL.glob("*/openapi.yaml")
    if (p.parent / "src" / "models").is_dir() or (p.parent / "src" / "sdk" / "models").is_dir()
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SDKS, reason="../shared/corpus/real is not here"),
]


VENDOR_NULLABLE = {
    "firehydrant": "the SDK was generated from a transformed document in which every "
    "optional property is nullable (its schemas are renamed Nullable*); the shipped "
    "openapi.yaml says otherwise. The SDK is what the API's clients are built from.",
}
"""SDKs whose sources accept null where their shipped OpenAPI document does not."""


def docs_folder(sdk: Path) -> Path:
    for docs in (sdk / "docs" / "models", sdk / "docs" / "sdk" / "models"):
        if docs.is_dir():
            return docs
    raise AssertionError(f"{sdk}: no docs folder")


def ir_of(docs: Path) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = run_cli("ir", docs)
    assert code == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def properties(schema: dict[str, Any], schemas: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A component schema's properties and required keys, `allOf` parts merged."""
    props: dict[str, Any] = dict(schema.get("properties") or {})
    required: set[str] = set(schema.get("required") or ())
    for part in schema.get("allOf") or ():
        named = schemas.get(part["$ref"].rsplit("/", 1)[-1].lower(), {}) if "$ref" in part else part
        more, needed = properties(named, schemas)
        props.update(more)
        required |= needed
    return props, required


def spec_nullable(prop: dict[str, Any]) -> bool:
    kinds = prop.get("type")
    if prop.get("nullable") is True or (isinstance(kinds, list) and "null" in kinds):
        return True
    options = (prop.get("anyOf") or []) + (prop.get("oneOf") or [])
    return any(option.get("type") == "null" for option in options)


def spec_number(prop: dict[str, Any]) -> str | None:
    kinds = prop.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "integer" in kinds:
        return "int"
    if "number" in kinds:
        return "float"
    items = prop.get("items")
    return spec_number(items) if isinstance(items, dict) else None


def ir_number(t: dict[str, Any]) -> str | None:
    if t.get("kind") == "number":
        return "int" if t["python"] == "int" else "float"
    for key in ("item", "value"):
        if isinstance(t.get(key), dict):
            return ir_number(t[key])
    return None


@pytest.mark.parametrize("sdk", SDKS)
def test_every_body_field_agrees_with_the_openapi_document(tmp_path: Path, sdk: str) -> None:
    root = REAL / sdk
    docs = docs_folder(root)
    package = tmp_path / "models"
    assert run_cli("generate", docs, "-o", package, "-q") == 0
    assert len(import_all(package)) > 1
    checked_types = run_mypy_strict(package)
    assert checked_types.returncode == 0, checked_types.stdout[-3000:]
    raw = yaml.safe_load((root / "openapi.yaml").read_text(encoding="utf-8"))
    schemas = {k.lower(): v for k, v in raw.get("components", {}).get("schemas", {}).items()}
    checked, absent, wrong = 0, 0, []
    for doc in ir_of(docs)["docs"]:
        schema = schemas.get(doc["name"].lower())
        if doc["kind"] != "model" or schema is None or doc["id"].startswith("operations/"):
            continue  # operations/ docs wrap path, query and header parameters, not a body
        props, required = properties(schema, schemas)
        for f in doc["fields"]:
            checked += 1
            where = f"{doc['id']}: {f['name']}"
            prop = props.get(f["wire"])
            if prop is None:
                spellings = {f["name"], snake_case(f["name"]), camel_case(f["name"])}
                if spellings & props.keys():  # the spec has the field, under another key
                    wrong.append(f"{where}: JSON key {f['wire']!r} is not in the spec")
                else:  # the spec this SDK shipped with lacks the field altogether
                    absent += 1
                continue
            filled = not f["required"] and "default" in prop  # the spec's default fills it in
            if f["required"] != (f["wire"] in required) and not filled:
                wrong.append(f"{where}: required {f['required']}, spec {f['wire'] in required}")
            if (number := spec_number(prop)) is not None and ir_number(f["type"]) != number:
                wrong.append(f"{where}: {ir_number(f['type'])}, spec {number}")
            vendor = sdk in VENDOR_NULLABLE and f["nullable"] and not spec_nullable(prop)
            if (
                f.get("nullable") is not None
                and f["nullable"] != spec_nullable(prop)
                and not vendor
            ):
                wrong.append(f"{where}: nullable {f['nullable']}, spec {spec_nullable(prop)}")
    print(f"{sdk}: {checked} fields checked, {absent} not in its spec, {len(wrong)} disagree")
    assert checked > 0
    assert wrong == []
