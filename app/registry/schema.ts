import { AREA_SOURCES } from "~db/schema/registry";
import { parseAreaText, type AreaProblem } from "./rules";
import { Phone } from "~/auth/schema";
import { DateText } from "~/auth/schema";
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


const AREA_MESSAGES: Record<AreaProblem, string> = {
  EMPTY: "errors.required",
  FORMAT: "errors.areaFormat",
  DECIMALS: "errors.areaDecimals",
  ZERO: "errors.areaPositive",
  NEGATIVE: "errors.areaPositive",
  TOO_LARGE: "errors.areaTooLarge",
};

/** Area text in m² → integer 0.01 m², with a translated message per problem. */
export const AreaText = z.string().transform((v, ctx) => {
  const r = parseAreaText(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: AREA_MESSAGES[r.reason] });
    return z.NEVER;
  }
  return r.value;
});

export const UnitSchema = z.object({
  buildingId: z.string().trim().min(1, "errors.required").max(64),
  number: z.string().trim().min(1, "errors.required").max(30, "errors.tooLong"),
  kind: z.enum(UNIT_KINDS, { error: "errors.required" }),
  area: AreaText,
  areaSource: z.enum(AREA_SOURCES, { error: "errors.required" }),
  certificateNo: z
    .string()
    .trim()
    .max(60, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type UnitInput = Omit<z.output<typeof UnitSchema>, "certificateNo"> & { certificateNo?: string };

export const BuildingSchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(30, "errors.tooLong"),
  floors: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      if (!/^\d{1,3}$/.test(v) || Number(v) < 1) {
        ctx.addIssue({ code: "custom", message: "errors.wholeNumber" });
        return z.NEVER;
      }
      return Number(v);
    }),
});

const OptionalPhone = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(Phone.optional());

/** 18-character resident ID number with its GB 11643 check character. */
export function idNumberValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(id[i]), 0);
  return "10X98765432"[sum % 11] === id[17];
}

export const OwnerSchema = z.object({
  kind: z.enum(["person", "organisation"], { error: "errors.required" }),
  name: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong"),
  phone: OptionalPhone,
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || idNumberValid(v), "errors.idNumberInvalid"),
});

export const OwnershipSchema = z
  .object({
    ownerMode: z.enum(["existing", "new", "developer"], { error: "errors.required" }),
    ownerId: z.string().trim().max(64).optional(),
    validFrom: DateText,
    nominatedVoter: z.enum(["on"]).optional(),
  })
  .refine((v) => v.ownerMode !== "existing" || !!v.ownerId, { path: ["ownerId"], message: "errors.required" });

export const EndOwnershipSchema = z.object({ ownershipId: z.string().min(1).max(64), validTo: DateText });

export const ClaimSchema = z.object({
  compoundId: z.string().trim().min(1, "errors.required").max(64),
  buildingId: z.string().trim().min(1, "errors.required").max(64),
  number: z.string().trim().min(1, "errors.required").max(30, "errors.tooLong"),
  certificateNo: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong"),
});

export const DecideClaimSchema = z.object({
  claimId: z.string().min(1).max(64),
  decision: z.enum(["verify", "reject"]),
  reason: z
    .string()
    .trim()
    .max(200, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined)),
  ownerId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v ? v : undefined)),
});

const OptionalInt = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      if (!/^\d+$/.test(v) || Number(v) > max) {
        ctx.addIssue({ code: "custom", message: "errors.wholeNumber" });
        return z.NEVER;
      }
      return Number(v);
    });

export const RenameSchema = z.object({ name: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong") });

export const CompoundSchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong"),
  address: z.string().trim().max(200, "errors.tooLong").default(""),
  yearBuilt: OptionalInt(2100).refine((v) => v === undefined || v >= 1900, "errors.yearInvalid"),
  households: OptionalInt(100_000),
  managementModel: z.enum(["property_company", "self_governance", "quasi_property", "none"]).default("none"),
});

export const ResidentSchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong"),
  phone: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(Phone.optional()),
  relation: z.enum(["tenant", "family", "other"], { error: "errors.required" }),
  validFrom: DateText,
});

export const PartyOrgSchema = z.object({
  kind: z.enum(["community", "street_working", "industry", "industry_branch"], { error: "errors.required" }),
  name: z.string().trim().min(1, "errors.required").max(80, "errors.tooLong"),
  parentId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v ? v : undefined)),
  nodeIds: z.array(z.string().min(1).max(64)).min(1, "errors.required").max(200),
});
