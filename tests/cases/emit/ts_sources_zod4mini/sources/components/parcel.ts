import * as z from "zod/v4-mini";

export type Parcel = {
  massGrams: number;
  lengthCm?: number | undefined;
  note: string | null;
  extras?: Record<string, number> | undefined;
};

export const Parcel$inboundSchema: z.ZodMiniType<Parcel, unknown> = z.pipe(
  z.object({
    mass_grams: z.int(),
    length_cm: z.optional(z.number()),
    note: z.nullable(z.string()),
    extras: z.optional(z.record(z.string(), z.int())),
  }),
  z.transform((v) => {
    return remap$(v, {
      "mass_grams": "massGrams",
      "length_cm": "lengthCm",
    });
  }),
);
