/**
 * zod schemas of the management page's forms (model change, ending a contract early, handover confirmations),
 * shared by the forms (client) and the actions (server). Messages are i18n keys; amounts become integer fen here.
 */
import { z } from "zod";
import { DateText } from "~/auth/schema";
import { MAINTENANCE_BY, MANAGEMENT_MODEL_VALUES, SELF_BODIES } from "~db/schema/governance";
import { yuanToFen, type AmountProblem } from "./management-rules";

/** Optional trimmed text, "" = absent. */
export const optionalField = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

/** An optional choice of a select, "" = none chosen. */
export const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.enum(values).optional());

const OptionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(DateText.optional());

const AMOUNT_KEYS: Record<AmountProblem, string> = {
  EMPTY: "errors.required",
  FORMAT: "governance.management.errors.amountFormat",
  DECIMALS: "governance.management.errors.amountDecimals",
  TOO_LARGE: "governance.management.errors.amountTooLarge",
};

/** Yuan text (at most two decimals) → integer fen; "" → null (none). */
export const OptionalYuan = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || v.trim() === "") return null;
    const r = yuanToFen(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: AMOUNT_KEYS[r.reason] });
      return z.NEVER;
    }
    return r.value;
  });

export const BASIS_CHOICES = ["decision", "interim_assignment"] as const;

/**
 * Recording a model change. The basis and the model's own details are checked for presence here; whether the
 * basis suffices (rules.ts changeBasisProblem) is the context's, with the decision's stored facts.
 */
export const ModelChangeSchema = z
  .object({
    model: z.enum(MANAGEMENT_MODEL_VALUES, { error: "errors.required" }),
    effectiveOn: DateText,
    basisKind: z.enum(BASIS_CHOICES, { error: "errors.required" }),
    /** A category-4 motion of a closed decision of this compound ("" = none chosen). */
    motionId: optionalField(64),
    reason: optionalField(500),
    reviewOn: OptionalDate,
    selfBody: optionalEnum(SELF_BODIES),
    moneyHolder: optionalField(100),
    maintenanceBy: optionalEnum(MAINTENANCE_BY),
    communityNodeId: optionalField(64),
    /** Quasi-property fee, yuan per m² per month; empty = none charged. */
    quasiFee: OptionalYuan,
  })
  .superRefine((v, ctx) => {
    if (v.model === "self_governance") {
      if (!v.selfBody) ctx.addIssue({ code: "custom", path: ["selfBody"], message: "errors.required" });
      if (!v.moneyHolder) ctx.addIssue({ code: "custom", path: ["moneyHolder"], message: "errors.required" });
      if (!v.maintenanceBy) ctx.addIssue({ code: "custom", path: ["maintenanceBy"], message: "errors.required" });
    }
    if (v.model === "quasi_property" && !v.communityNodeId) ctx.addIssue({ code: "custom", path: ["communityNodeId"], message: "errors.required" });
  });
export type ModelChangeInput = z.output<typeof ModelChangeSchema>;

/** Ending a contract early by an owners' decision. */
export const TerminateSchema = z.object({
  terminatedOn: DateText,
  motionId: z.string().trim().min(1, "governance.errors.decisionNotFound").max(64),
  /** "on": the decision itself sets the last day (agreed otherwise than the notice period). */
  decisionSetsDay: z
    .enum(["on"])
    .optional()
    .transform((v) => v === "on"),
});
export type TerminateInput = z.output<typeof TerminateSchema>;

export const HANDOVER_SIDES = ["outgoing", "incoming"] as const;
export type HandoverSide = (typeof HANDOVER_SIDES)[number];

/** One confirm button of the checklist: the item and the side confirming. */
export const HandoverConfirmSchema = z.object({
  itemId: z.string().trim().min(1).max(64),
  side: z.enum(HANDOVER_SIDES),
});
export type HandoverConfirmInput = z.output<typeof HandoverConfirmSchema>;
