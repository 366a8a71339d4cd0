import * as z from "zod/v3";

export type Pet = {
  petId: number;
  weightKg?: number | null | undefined;
  tags: Array<string> | null;
  scores: Array<number>;
  counts?: { [k: string]: number } | undefined;
  label: string;
};

export const Pet$inboundSchema: z.ZodType<Pet, z.ZodTypeDef, unknown> = z.object({
  pet_id: z.number().int(),
  weight_kg: z.nullable(z.number()).optional(),
  tags: z.array(z.string()).nullable(),
  scores: z.array(z.number().int()),
  counts: z.record(z.number().int()).optional(),
  "$label": z.string(),
}).transform((v) => {
  return remap$(v, {
    "pet_id": "petId",
    "weight_kg": "weightKg",
    "$label": "label",
  });
});
