import * as z from "zod/v3";

export type Orphan = {
  name: string;
};

export const Orphan$inboundSchema: z.ZodType<Orphan, z.ZodTypeDef, unknown> = z.object({
  name: z.string(),
});
