import { z } from "zod";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import { UNIT_KINDS } from "~db/schema/registry";

export const COMPOUND_SORT_KEYS = ["name", "community", "units", "yearBuilt", "area"] as const;
export const CompoundListSchema = listParamsSchema(COMPOUND_SORT_KEYS, "name", "asc", {
  q: optionalText(60),
  model: z.enum(["property_company", "self_governance", "quasi_property", "none"]).optional().catch(undefined),
});
export type CompoundListParams = z.output<typeof CompoundListSchema>;

export const UNIT_SORT_KEYS = ["building", "number", "area", "kind"] as const;
export const UnitListSchema = listParamsSchema(UNIT_SORT_KEYS, "building", "asc", {
  q: optionalText(60),
  building: optionalText(64),
  kind: z.enum(UNIT_KINDS).optional().catch(undefined),
});
export type UnitListParams = z.output<typeof UnitListSchema>;
