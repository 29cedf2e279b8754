/**
 * zod schemas of the fee schedules, billing runs and the bills list, shared by the forms (client) and the actions
 * and loaders (server). Messages are i18n keys; a rate typed in 元 becomes integer fen once, here (parseRateFen:
 * more than two decimals is refused, never rounded — rules.md §4 takes rate_fen).
 */
import { z } from "zod";
import { DateText } from "~/auth/schema";
import { SCHEDULE_BASES } from "~db/schema/fees";
import { UNIT_KINDS } from "~db/schema/registry";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import { isMonth, parseRateFen, PERIOD_KINDS, type MoneyTextProblem } from "./rules";

export type UnitKind = (typeof UNIT_KINDS)[number];

/** Item codes: short lower-case words ("property", "parking", "garbage"), the key bills and months are stored under. */
export const ITEM_CODE_RE = /^[a-z][a-z0-9_]{0,31}$/;
/** Items most collectors have; any other code may be typed. */
export const COMMON_ITEMS = ["property", "parking"] as const;

const RATE_KEYS: Record<MoneyTextProblem, string> = {
  REQUIRED: "errors.required",
  NOT_NUMBER: "fees.billing.errors.rateNotNumber",
  NEGATIVE: "fees.billing.errors.rateNegative",
  TOO_PRECISE: "fees.billing.errors.rateTooPrecise",
  TOO_LARGE: "fees.billing.errors.rateTooLarge",
  ZERO: "fees.billing.errors.rateZero",
};

/** The unit-kind checkboxes: one field per kind (`kind_dwelling=on`), since a form's repeated names are not kept. */
export const KIND_FIELDS = UNIT_KINDS.map((kind) => ({ kind, name: `kind_${kind}` as const }));

/** A checkbox as the browser posts it ("on", or absent) and as react-hook-form holds it (true/false). */
const Checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const kindShape = Object.fromEntries(KIND_FIELDS.map((f) => [f.name, Checkbox])) as Record<`kind_${UnitKind}`, typeof Checkbox>;

export const ItemCode = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, "errors.required")
  .regex(ITEM_CODE_RE, "fees.billing.errors.itemCodeFormat");

const optionalDueDay = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? "").normalize("NFKC").trim();
    if (s === "") return null;
    if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 31) {
      ctx.addIssue({ code: "custom", message: "fees.billing.errors.dueDayRange" });
      return z.NEVER;
    }
    return Number(s);
  });

/** A new fee schedule: item, basis, rate in 元 (→ fen), unit kinds, from which day, and an optional due day of the month. */
export const ScheduleSchema = z
  .object({
    itemCode: ItemCode,
    itemName: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(40, "errors.tooLong"),
    basis: z.enum(SCHEDULE_BASES, { error: "errors.required" }),
    rate: z.string().optional(),
    fromDay: DateText,
    dueDayOfMonth: optionalDueDay,
    ...kindShape,
  })
  .superRefine((v, ctx) => {
    const r = parseRateFen(v.rate ?? "");
    if (!r.ok) ctx.addIssue({ code: "custom", path: ["rate"], message: RATE_KEYS[r.reason] });
    if (!KIND_FIELDS.some((f) => v[f.name])) ctx.addIssue({ code: "custom", path: ["unitKinds"], message: "fees.billing.errors.unitKindsRequired" });
  })
  .transform((v) => {
    const r = parseRateFen(v.rate ?? "");
    return {
      itemCode: v.itemCode,
      itemName: v.itemName,
      basis: v.basis,
      rateFen: r.ok ? r.value : 0,
      unitKinds: KIND_FIELDS.filter((f) => v[f.name]).map((f) => f.kind),
      fromDay: v.fromDay,
      dueDayOfMonth: v.dueDayOfMonth,
    };
  });
export type ScheduleInput = z.output<typeof ScheduleSchema>;

/** Ending a schedule: the first day it no longer applies (to_day is exclusive, as in the table). */
export const EndScheduleSchema = z.object({
  scheduleId: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64),
  toDay: DateText,
});
export type EndScheduleInput = z.output<typeof EndScheduleSchema>;

export const MonthText = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .refine((v) => isMonth(v), "fees.billing.errors.monthFormat");

/** What a billing run bills: one item, one period of whole months (rules.md §4). */
export const RunSchema = z.object({
  itemCode: ItemCode,
  periodKind: z.enum(PERIOD_KINDS, { error: "errors.required" }),
  periodFrom: MonthText,
});
export type RunFormInput = z.output<typeof RunSchema>;

export const ReverseSchema = z.object({
  reason: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(200, "errors.tooLong"),
  confirm: Checkbox.refine((v) => v, "fees.billing.errors.confirmReverse"),
});

export const BILL_STATUSES = ["paid", "partly", "open", "overdue"] as const;
export type BillStatusFilter = (typeof BILL_STATUSES)[number];
/** What a bill's status cell shows (exclusive, unlike the filters: "open" there is anything still owed). */
export const BILL_STATES = ["paid", "credited", "overdue", "partly", "open"] as const;
export type BillState = (typeof BILL_STATES)[number];

export const BILL_SORT_KEYS = ["unit", "payer", "period", "amount", "outstanding", "due"] as const;
export const BillListSchema = listParamsSchema(BILL_SORT_KEYS, "period", "desc", {
  item: optionalText(32),
  period: z
    .string()
    .trim()
    .optional()
    .catch(undefined)
    .transform((v) => (v && isMonth(v) ? v : undefined)),
  building: optionalText(64),
  status: z.enum(BILL_STATUSES).optional().catch(undefined),
  q: optionalText(60),
  run: optionalText(64),
});
export type BillListParams = z.output<typeof BillListSchema>;
