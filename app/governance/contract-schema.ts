/**
 * zod schemas of the service-contract form and the street's expiring-contracts list, shared by the form (client)
 * and the action (server). Messages are i18n keys; rates become integer fen and a 酬金制 share integer per mille.
 */
import { z } from "zod";
import { DateText } from "~/auth/schema";
import { FEE_ITEMS, FEE_MODELS, type ServiceLevel } from "~db/schema/governance";
import { UNIT_KINDS } from "~db/schema/registry";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import { DEFAULT_DISMISSAL_NOTICE_DAYS } from "./rules";
import { shareToPerMille, type ShareProblem } from "./management-rules";
import { OptionalYuan, optionalField, optionalEnum } from "./model-schema";

export type UnitKind = (typeof UNIT_KINDS)[number];
export type FeeItem = (typeof FEE_ITEMS)[number];

/** The fee-standard fields of the form: one per unit kind and fee item, e.g. `rate_dwelling_property`. */
export const RATE_FIELDS = UNIT_KINDS.flatMap((kind) => FEE_ITEMS.map((item) => ({ name: `rate_${kind}_${item}`, kind, item })));

/** A property fee is per m² per month; parking and other items per unit (space) per month. */
export const basisOfItem = (item: FeeItem) => (item === "property" ? ("per_m2_month" as const) : ("per_unit_month" as const));

const optionalWhole = (max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? "").normalize("NFKC").trim();
      if (s === "") return null;
      if (!/^\d+$/.test(s)) {
        ctx.addIssue({ code: "custom", message: "errors.wholeNumber" });
        return z.NEVER;
      }
      const n = Number(s);
      if (n > max) {
        ctx.addIssue({ code: "custom", message: "errors.tooLarge" });
        return z.NEVER;
      }
      return n;
    });

const SHARE_KEYS: Record<ShareProblem, string> = {
  EMPTY: "governance.contracts.errors.shareRequired",
  FORMAT: "governance.contracts.errors.shareFormat",
  DECIMALS: "governance.contracts.errors.shareDecimals",
  RANGE: "governance.contracts.errors.shareRange",
};

export const SHARE_UNITS = ["percent", "permille"] as const;

const rateShape = Object.fromEntries(RATE_FIELDS.map((f) => [f.name, OptionalYuan])) as Record<string, typeof OptionalYuan>;

export const ContractSchema = z
  .object({
    companyId: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64),
    startDay: DateText,
    endDay: DateText,
    feeModel: z.enum(FEE_MODELS, { error: "errors.required" }),
    share: z.string().optional(),
    shareUnit: z.enum(SHARE_UNITS).catch("percent"),
    noticeDays: optionalWhole(365),
    cleaningPerWeek: optionalWhole(50),
    securityHoursPerDay: optionalWhole(24),
    greenery: optionalField(200),
    urgentResponseHours: optionalWhole(720),
    ordinaryResponseHours: optionalWhole(720),
    /** The owners' decision the contract rests on (optional; a category-4 motion of a closed decision). */
    motionId: optionalField(64),
    ...rateShape,
  })
  .superRefine((v, ctx) => {
    if (v.endDay < v.startDay) ctx.addIssue({ code: "custom", path: ["endDay"], message: "governance.errors.periodInverted" });
    if (v.feeModel === "remuneration") {
      const r = shareToPerMille(v.share ?? "", v.shareUnit);
      if (!r.ok) ctx.addIssue({ code: "custom", path: ["share"], message: SHARE_KEYS[r.reason] });
    }
  })
  .transform((v) => {
    const share = v.feeModel === "remuneration" ? shareToPerMille(v.share ?? "", v.shareUnit) : null;
    const serviceLevel: ServiceLevel = {
      cleaningPerWeek: v.cleaningPerWeek,
      securityHoursPerDay: v.securityHoursPerDay,
      greenery: v.greenery ?? null,
      urgentResponseHours: v.urgentResponseHours,
      ordinaryResponseHours: v.ordinaryResponseHours,
    };
    const record = v as unknown as Record<string, number | null>;
    return {
      companyId: v.companyId,
      startDay: v.startDay,
      endDay: v.endDay,
      feeModel: v.feeModel,
      remunerationPerMille: share && share.ok ? share.value : null,
      noticeDays: v.noticeDays ?? DEFAULT_DISMISSAL_NOTICE_DAYS,
      serviceLevel,
      motionId: v.motionId,
      rates: RATE_FIELDS.filter((f) => record[f.name] !== null && record[f.name] !== undefined).map((f) => ({
        unitKind: f.kind,
        item: f.item,
        basis: basisOfItem(f.item),
        rateFen: record[f.name] as number,
      })),
    };
  });
export type ContractInput = z.output<typeof ContractSchema>;

// ————————————————————————————————————————————————————————— the street's expiring contracts

export const EXPIRING_LEVELS = ["expired", "within_30", "within_90"] as const;
export const EXPIRING_SORT_KEYS = ["endDay", "compound", "company"] as const;
export const ExpiringListSchema = listParamsSchema(EXPIRING_SORT_KEYS, "endDay", "asc", {
  level: optionalEnum(EXPIRING_LEVELS).catch(undefined),
  q: optionalText(),
});
export type ExpiringListParams = z.output<typeof ExpiringListSchema>;
