"""read/ts_sources.py: what an SDK's TypeScript model sources say of JSON keys, integers,
nulls and extra keys — on small snippets of each Speakeasy generation, and on the real
SDKs of ../shared/corpus/real against their docs and OpenAPI documents."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from openapi_facts import component_properties, normalized

from generator.read.ts_facts import FieldFacts, ModelFacts, SourceFacts, model_for
from generator.read.ts_sources import read_sources


def read(tmp_path: Path, **files: str) -> SourceFacts:
    """The facts of the given files (`components__pet_ts="..."` is components/pet.ts)."""
    for name, text in files.items():
        path = tmp_path / name.replace("__", "/").replace("_ts", ".ts")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return read_sources(tmp_path)


def facts_of(field: FieldFacts) -> tuple[str, str | None, bool, bool]:
    return field.wire, field.number, field.nullable, field.optional


def problems(facts: SourceFacts) -> list[str]:
    return [f"{d.loc}: {d.message}" for d in facts.problems]


# zod v3 with `$inboundSchema` constants and remap$ (the common generation)
ZOD_V3 = """\
    import * as z from "zod/v3";

    export type Pet = {
      petId: number;
      weightKg?: number | null | undefined;
      tags: Array<string> | null;
      scores: Array<number>;
      counts?: { [k: string]: number } | undefined;
      size: number | string;
      label: string;
      visits: number;
    };

    export const Pet$inboundSchema: z.ZodType<Pet, z.ZodTypeDef, unknown> = z.object({
      pet_id: z.number().int(),
      weight_kg: z.nullable(z.number()).optional(),
      tags: z.array(z.string()).nullable(),
      scores: z.array(z.number().int()),
      counts: z.record(z.number().int()).optional(),
      size: z.union([z.number(), z.string()]),
      "$label": z.string(),
      visits: z.number().default(0),
    }).transform((v) => {
      return remap$(v, {
        "pet_id": "petId",
        "weight_kg": "weightKg",
        "$label": "label",
      });
    });
"""


def test_zod_v3_constants_give_keys_integers_nulls_and_absence(tmp_path: Path) -> None:
    facts = read(tmp_path, components__pet_ts=ZOD_V3)
    assert problems(facts) == []
    pet = facts.models["Pet"]
    assert {name: facts_of(f) for name, f in pet.fields.items()} == {
        "petId": ("pet_id", "int", False, False),
        "weightKg": ("weight_kg", "float", True, True),
        "tags": ("tags", None, True, False),
        "scores": ("scores", "int", False, False),
        "counts": ("counts", "int", False, True),
        "size": ("size", "float", False, False),
        "label": ("$label", None, False, False),
        "visits": ("visits", "float", False, False),  # a default: required, as documented
    }
    assert pet.extra is None
    assert str(pet.loc) == "components/pet.ts:3"
    assert str(pet.fields["weightKg"].loc) == "components/pet.ts:16"


NAMESPACES = """\
    import * as z from "zod";

    export type Ship = {
        shipSymbol: string;
        fuelUnits?: number | undefined;
        "ai.model/name"?: string | null | undefined;
    };

    /** @internal */
    export namespace Ship$ {
        export type Inbound = { ship_symbol: string; fuel?: number | undefined };

        export const inboundSchema: z.ZodType<Ship, z.ZodTypeDef, Inbound> = z
            .object({
                ship_symbol: z.string(),
                fuel: z.number().int().optional(),
                "ai.model/name": z.string().nullable().optional(),
            })
            .transform((v) => {
                return {
                    shipSymbol: v.ship_symbol,
                    ...(v.fuel === undefined ? null : { fuelUnits: v.fuel }),
                    ...(v["ai.model/name"] === undefined
                        ? null
                        : { "ai.model/name": v["ai.model/name"] }),
                };
            });

        export const outboundSchema = z.object({ shipSymbol: z.string() });
    }
"""


def test_older_namespaces_with_object_literal_renames(tmp_path: Path) -> None:
    facts = read(tmp_path, components__ship_ts=NAMESPACES)
    assert problems(facts) == []
    ship = facts.models["Ship"]
    assert {name: facts_of(f) for name, f in ship.fields.items()} == {
        "shipSymbol": ("ship_symbol", None, False, False),
        "fuelUnits": ("fuel", "int", False, True),
        "ai.model/name": ("ai.model/name", None, True, True),
    }


ZOD_MINI = """\
    import * as z from "zod/v4-mini";

    export type Parcel = {
      massGrams: number;
      lengthCm?: number | undefined;
      note: string | null;
      extras?: Record<string, number> | undefined;
      createdAt?: Date | undefined;
    };

    export const Parcel$inboundSchema: z.ZodMiniType<Parcel, unknown> = z.pipe(
      z.object({
        mass_grams: z.int(),
        length_cm: z._default(z.number(), 1),
        note: z.nullable(z.string()),
        extras: z.optional(z.record(z.string(), z.int())),
        created_at: z.optional(
          z.pipe(z.iso.datetime({ offset: true }), z.transform(v => new Date(v))),
        ),
      }),
      z.transform((v) => {
        return remap$(v, {
          "mass_grams": "massGrams",
          "length_cm": "lengthCm",
          "created_at": "createdAt",
        });
      }),
    );
"""


def test_zod_v4_mini_pipes_and_function_forms(tmp_path: Path) -> None:
    facts = read(tmp_path, components__parcel_ts=ZOD_MINI)
    assert problems(facts) == []
    assert {n: facts_of(f) for n, f in facts.models["Parcel"].fields.items()} == {
        "massGrams": ("mass_grams", "int", False, False),
        "lengthCm": ("length_cm", "float", False, True),  # `?:` in the type
        "note": ("note", None, True, False),
        "extras": ("extras", "int", False, True),
        "createdAt": ("created_at", None, False, True),
    }


TYPES_HELPERS = """\
    import * as z from "zod/v4";
    import * as types from "../../types/primitives.js";

    export type Order = { orderTotal: number; items: number; coupon?: string | null };

    export const Order$inboundSchema: z.ZodType<Order, unknown> = z.object({
      order_total: types.number(),
      items: types.int(),
      coupon: types.optional(types.nullable(types.string())),
    }).transform((v) => remap$(v, { "order_total": "orderTotal" }));
"""


def test_zod_v4_types_helpers(tmp_path: Path) -> None:
    facts = read(tmp_path, components__order_ts=TYPES_HELPERS)
    assert problems(facts) == []
    assert {n: facts_of(f) for n, f in facts.models["Order"].fields.items()} == {
        "orderTotal": ("order_total", "float", False, False),
        "items": ("items", "int", False, False),
        "coupon": ("coupon", None, True, True),
    }


EXTRA_KEYS = """\
    import * as z from "zod/v3";

    export type Counts = {
      total?: number | undefined;
      additionalProperties?: { [k: string]: number };
    };

    export const Counts$inboundSchema: z.ZodType<Counts, z.ZodTypeDef, unknown> =
      collectExtraKeys$(
        z.object({ total: z.number().int().optional() }).catchall(z.number().int()),
        "additionalProperties",
        true,
      );

    export type Loose = { name: string };
    export const Loose$inboundSchema = z.object({ name: z.string() }).passthrough();

    export type Indexed = { id: string; [k: string]: any };
    export const Indexed$inboundSchema = z.object({ id: z.string() }).catchall(z.any());

    export type Tree = { label: string };
    export const Tree$inboundSchema = z.object({ label: z.string() })
      .catchall(z.lazy(() => Tree$inboundSchema));
"""


def test_extra_keys_from_catchall_collectors_and_index_signatures(tmp_path: Path) -> None:
    facts = read(tmp_path, components__extra_ts=EXTRA_KEYS)
    assert problems(facts) == []
    counts = facts.models["Counts"]
    assert list(counts.fields) == ["total"]  # the collecting property is no JSON key
    assert counts.extra == "number"
    assert facts.models["Loose"].extra == "unknown"
    assert facts.models["Indexed"].extra == "any"
    assert facts.models["Tree"].extra == "Tree"


REQUEST_AND_ERROR = """\
    import * as z from "zod/v3";

    export type GetPetRequest = { petId: string; pageSize?: number | undefined };
    export type GetPetRequest$Outbound = { pet_id: string; page_size?: number | undefined };

    export const GetPetRequest$outboundSchema: z.ZodType<
      GetPetRequest$Outbound, z.ZodTypeDef, GetPetRequest
    > = z.object({
      petId: z.string(),
      pageSize: z.number().int().optional(),
    }).transform((v) => {
      return remap$(v, { petId: "pet_id", pageSize: "page_size" });
    });

    export type GetPetGlobals = { apiVersion?: string | undefined };

    export type NotFoundData = { errorCode: string; retryIn: number | null };
    export class NotFound extends SDKBaseError {
      data$: NotFoundData;
    }
    export const NotFound$inboundSchema: z.ZodType<NotFound, z.ZodTypeDef, unknown> = z
      .object({
        error_code: z.string(),
        retryIn: z.nullable(z.number()),
        request$: z.instanceof(Request),
        body$: z.string(),
      })
      .transform((v) => {
        const remapped = remap$(v, { "error_code": "errorCode" });
        return new NotFound(remapped, { request: v.request$, body: v.body$ });
      });
"""


def test_outbound_only_models_error_classes_and_globals(tmp_path: Path) -> None:
    facts = read(tmp_path, operations__getpet_ts=REQUEST_AND_ERROR)
    assert problems(facts) == []
    request = facts.models["GetPetRequest"]
    assert {n: facts_of(f) for n, f in request.fields.items()} == {
        "petId": ("pet_id", None, False, False),
        "pageSize": ("page_size", "int", False, True),
    }
    assert {n: facts_of(f) for n, f in facts.models["NotFound"].fields.items()} == {
        "errorCode": ("error_code", None, False, False),
        "retryIn": ("retryIn", "float", True, False),
    }
    # SDK-wide parameters: sent outside any schema, so no JSON facts, and no warning
    assert "GetPetGlobals" not in facts.models


def test_a_name_two_namespaces_define_differently_is_keyed_by_namespace(tmp_path: Path) -> None:
    same = """
        export type Same = { a: number };
        export const Same$inboundSchema = z.object({ a: z.number() });
    """
    component = """\
        export type Data = { id: string };
        export const Data$inboundSchema = z.object({ id: z.string() });
    """
    operation = """\
        export type Data = { linkId: string };
        export const Data$inboundSchema = z.object({ link_id: z.string() })
          .transform((v) => remap$(v, { "link_id": "linkId" }));
    """
    facts = read(
        tmp_path, components__data_ts=component + same, operations__bulk_ts=operation + same
    )
    assert problems(facts) == []
    assert list(facts.models) == ["Same", "components.Data", "operations.Data"]
    assert list(_model(model_for(facts, "operations", "Data")).fields) == ["linkId"]
    assert list(_model(model_for(facts, "components", "Data")).fields) == ["id"]
    assert _model(model_for(facts, "operations", "Same")).fields["a"].number == "float"
    assert model_for(facts, "", "Data") is None


def _model(model: ModelFacts | None) -> ModelFacts:
    assert model is not None
    return model


def test_what_is_not_understood_is_a_located_warning(tmp_path: Path) -> None:
    source = """\
        export type Odd = { a: string; b: number; c: string };
        export const Odd$inboundSchema = z.object({
          a: someHelper(z.string()),
          b: z.string(),
          c: z.string().frobnicate(),
        });
        export type Lost = { x: string };
        export type Weird = { y: string };
        export const Weird$inboundSchema = makeSchema();
        export type Renamed = { z: string };
        export const Renamed$inboundSchema = z.object({ z: z.string() })
          .transform((v) => doSomething(v));
    """
    facts = read(tmp_path, components__odd_ts=source)
    assert problems(facts) == [
        "components/odd.ts:3: Odd.a: not understood: someHelper(z.string())",
        "components/odd.ts:4: Odd.b: a number the schema does not read",
        "components/odd.ts:5: Odd.c: not understood: z.string().frobnicate()",
        "components/odd.ts:7: Lost: no schema for this type",
        "components/odd.ts:9: Weird: not an object schema: makeSchema()",
        "components/odd.ts:12: Renamed: a transform not understood: (v) => doSomething(v)",
    ]
    assert all(d.code == "ts-source" and d.severity.value == "warning" for d in facts.problems)
    assert list(facts.models["Odd"].fields) == []  # nothing guessed
    assert sorted(facts.models) == ["Odd"]


def test_keys_and_properties_that_do_not_meet_are_warnings(tmp_path: Path) -> None:
    source = """\
        export type Pet = { name: string; age: number };
        export const Pet$inboundSchema = z.object({
          name: z.string(),
          colour: z.string(),
        });
    """
    facts = read(tmp_path, pet_ts=source)
    assert problems(facts) == [
        "pet.ts:4: Pet: the key 'colour' is no property of the type",
        "pet.ts:1: Pet.age: not in the schema",
    ]


def test_source_that_does_not_parse_is_a_warning(tmp_path: Path) -> None:
    facts = read(tmp_path, broken_ts="export type A = {\n  a: string;\n\nexport const = ;\n")
    assert [d.message for d in facts.problems][:1] == ["TypeScript that does not parse"]


def test_output_is_the_same_on_every_run(tmp_path: Path) -> None:
    read(tmp_path, components__pet_ts=ZOD_V3, components__ship_ts=NAMESPACES)
    assert read_sources(tmp_path) == read_sources(tmp_path)
    assert list(read_sources(tmp_path).models) == ["Pet", "Ship"]


# --- the real SDKs ----------------------------------------------------------------------

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"


def manifest() -> list[dict[str, str]]:
    """MANIFEST.tsv's rows of the SDKs that ship their sources (none when ../shared is absent)."""
    path = REAL / "MANIFEST.tsv"
    if not path.is_file():
        return []
    header, *rows = (line.split("\t") for line in path.read_text().splitlines() if line)
    found = [dict(zip(header, row, strict=True)) for row in rows]
    return [row for row in found if row["ts_sources"] != "-"]


SDKS = [row["sdk"] for row in manifest()] or ["(absent)"]
WITH_SPEC = [r["sdk"] for r in manifest() if r["openapi"] != "-"] or ["(absent)"]


def sdk_row(sdk: str) -> dict[str, str]:
    rows = [row for row in manifest() if row["sdk"] == sdk]
    if not rows:
        pytest.skip(f"{REAL} is absent (the shared corpora live in ../shared)")
    return rows[0]


_FACTS: dict[str, SourceFacts] = {}


def sdk_facts(sdk: str) -> SourceFacts:
    if sdk not in _FACTS:
        _FACTS[sdk] = read_sources(REAL / sdk / sdk_row(sdk)["ts_sources"])
    return _FACTS[sdk]


@pytest.mark.slow
@pytest.mark.parametrize("sdk", SDKS)
def test_every_construct_of_the_real_sources_is_understood(sdk: str) -> None:
    assert problems(sdk_facts(sdk)) == []


def object_docs(docs: Path) -> list[tuple[str, str, list[str]]]:
    """(namespace, `# Name`, field names) of every doc with a `## Fields` table: a reader
    of its own, so that this test does not lean on the generator's."""
    found = []
    for doc in sorted(docs.rglob("*.md")):
        lines = doc.read_text(encoding="utf-8").splitlines()
        if "## Fields" not in lines:
            continue
        title = next(line[2:].strip().strip("~") for line in lines if line.startswith("# "))
        table = lines[lines.index("## Fields") :]
        fields = [
            row.split("`")[1] for row in table if row.startswith("| `") and row.count("`") >= 2
        ]
        namespace = doc.relative_to(docs).parent.as_posix().partition("/")[0]
        found.append(("" if namespace == "." else namespace, title, fields))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("sdk", SDKS)
def test_every_documented_object_model_and_field_has_facts(sdk: str) -> None:
    """Every object model doc has a model in the sources, and each of its fields a
    field (or, for `additionalProperties`, the model's extra keys) — except `*Globals`,
    the SDK-wide parameters the SDK sends outside any schema."""
    facts = sdk_facts(sdk)
    missing_models, missing_fields = [], []
    for namespace, name, fields in object_docs(REAL / sdk / sdk_row(sdk)["docs"]):
        model = model_for(facts, namespace, name)
        if model is None:
            if not name.endswith("Globals"):
                missing_models.append(f"{namespace}/{name}")
            continue
        for field in fields:
            if field not in model.fields and not (
                field == "additionalProperties" and model.extra is not None
            ):
                missing_fields.append(f"{namespace}/{name}.{field}")
    assert (missing_models, missing_fields) == ([], [])


VENDOR_NULLABLE = {
    "firehydrant": "the SDK was generated from a transformed document (its schemas are "
    "renamed `NullableActorEntity`… for the shipped `ActorEntity`…) in which every optional "
    "property is nullable: 998 optional fields accept null that openapi.yaml does not allow",
}
"""SDKs whose sources accept `null` where the shipped OpenAPI document does not, and why:
the spec and the SDK disagree, the reader is right about the SDK."""

VENDOR_OPTIONAL = {
    # Speakeasy makes a required property of type `any` optional (`link?: any`)
    "LinkErrorSchema.link",
    # ...and a required property whose value is a constant (the SDK fills it in)
    "ChatResultMessageChunkEvent.event",
    "ChatResultRecordsCitedEvent.event",
    "UserMessage.role",
    "AssistantMessage.role",
}
"""Required properties of the spec that the SDK's types and schemas make optional."""


def spec_agreement(sdk: str) -> dict[str, list[str]]:
    """Per fact (`key`, `number`, `nullable`, `nullable-vendor`), the component schema
    properties whose SDK facts disagree with the spec; `checked-*`, those compared."""
    yaml = pytest.importorskip("yaml")  # PyYAML comes with pre-commit, in the test extra
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load((REAL / sdk / "openapi.yaml").read_text(encoding="utf-8"), loader)
    facts = sdk_facts(sdk)
    by_normalized: dict[str, set[str]] = {}
    for key, model in facts.models.items():
        by_normalized.setdefault(normalized(model.name), set()).add(key)
    result: dict[str, list[str]] = {}
    for name, properties in component_properties(document).items():
        model = model_for(facts, "components", name)
        keys = by_normalized.get(normalized(name), set())
        if model is None and len(keys) == 1:
            model = facts.models[keys.pop()]
        if model is None:
            continue
        wires = {field.wire: field for field in model.fields.values()}
        for key, spec in properties.items():
            where = f"{name}.{key}"
            result.setdefault("checked-key", []).append(where)
            field = wires.get(key)
            if field is None:
                result.setdefault("key", []).append(where)
                continue
            if spec.number is not None:
                result.setdefault("checked-number", []).append(where)
                if field.number != spec.number:
                    result.setdefault("number", []).append(f"{where}: {field.loc}")
            result.setdefault("checked-required", []).append(where)
            if field.optional == spec.required:
                kind = "required-vendor" if where in VENDOR_OPTIONAL else "required"
                result.setdefault(kind, []).append(f"{where}: {field.loc}")
            result.setdefault("checked-nullable", []).append(where)
            if field.nullable != spec.nullable:
                vendor = field.nullable and field.optional and sdk in VENDOR_NULLABLE
                kind = "nullable-vendor" if vendor else "nullable"
                result.setdefault(kind, []).append(f"{where}: {field.loc}")
    return result


@pytest.mark.slow
@pytest.mark.parametrize("sdk", WITH_SPEC)
def test_json_keys_integers_and_nulls_agree_with_the_openapi_document(sdk: str) -> None:
    """For every model named like a component schema: each property's JSON key, integer
    or float, nullability and required flag, as the spec says them."""
    agreement = spec_agreement(sdk)
    assert len(agreement["checked-key"]) > 30
    assert agreement.get("key", []) == []
    assert agreement.get("required", []) == []
    assert agreement.get("number", []) == []
    assert agreement.get("nullable", []) == []
    if sdk not in VENDOR_NULLABLE:
        assert agreement.get("nullable-vendor", []) == []


def test_type_and_schema_must_agree_on_null_and_absence(tmp_path: Path) -> None:
    source = """\
        export type Pet = {
          name: string | null;
          age?: number | undefined;
          pageSize?: number | undefined;
          anything?: any;
        };
        export const Pet$outboundSchema = z.object({
          name: z.string(),
          age: z.number().int(),
          pageSize: z.number().int().default(15),
          anything: z.any(),
        });
    """
    facts = read(tmp_path, pet_ts=source)
    assert problems(facts) == [
        "pet.ts:8: Pet.name: the type and the schema disagree on null or absence",
        "pet.ts:9: Pet.age: the type and the schema disagree on null or absence",
    ]
    pet = facts.models["Pet"]
    assert list(pet.fields) == ["pageSize", "anything"]  # no guess for the other two
    assert facts_of(pet.fields["pageSize"]) == ("pageSize", "int", False, True)
