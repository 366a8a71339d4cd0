import * as z from "zod/v3";

export type Owner = {
  ownerId: string;
  age?: string | undefined;
  email?: string | undefined;
  born: string;
};

export const Owner$inboundSchema: z.ZodType<Owner, z.ZodTypeDef, unknown> = z.object({
  owner_id: z.string(),
  age: z.string().optional(),
  email: z.string().optional(),
  born_at: z.string(),
}).transform((v) => {
  return remap$(v, {
    "owner_id": "ownerId",
    "born_at": "born",
  });
});
