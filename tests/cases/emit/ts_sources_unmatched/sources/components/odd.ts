import * as z from "zod/v3";

export type Odd = {
  when: string;
};

export const Odd$inboundSchema: z.ZodType<Odd, z.ZodTypeDef, unknown> = z.object({
  when: makeSchemaSomehow(),
});
