import * as z from "zod";

export type Ship = {
    shipSymbol: string;
    fuelUnits?: number | undefined;
};

/** @internal */
export namespace Ship$ {
    export type Inbound = { ship_symbol: string; fuel?: number | undefined };

    export const inboundSchema: z.ZodType<Ship, z.ZodTypeDef, Inbound> = z
        .object({
            ship_symbol: z.string(),
            fuel: z.number().int().optional(),
        })
        .transform((v) => {
            return {
                shipSymbol: v.ship_symbol,
                ...(v.fuel === undefined ? null : { fuelUnits: v.fuel }),
            };
        });
}
