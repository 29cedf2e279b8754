/**
 * zod schemas of the arrears, collection-rate and reminder pages (rules.md §4). Messages are i18n keys. List
 * params never fail: a malformed value falls back to its default (app/ui/list-params.ts); the minimum amount is
 * kept as typed so the page can say why it was not applied.
 */
import { z } from "zod";
import { DateText } from "~/auth/schema";
import { optionalEnum } from "~/governance/model-schema";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import { AGING_BUCKETS } from "./rules";

/** An optional "YYYY-MM-DD" that falls back to absent when empty or malformed (the as-of day of a report). */
const optionalDay = z
  .string()
  .optional()
  .transform((v) => (v ? v.trim() : undefined))
  .pipe(DateText.optional())
  .catch(undefined);

export const ARREARS_SORT_KEYS = ["unit", "payer", "outstanding", "oldestDue", "days"] as const;
export type ArrearsSortKey = (typeof ARREARS_SORT_KEYS)[number];

/** /c/:id/fees/arrears: paging, sort, filters (building, bucket of the oldest open bill, minimum amount in 元, search) and the as-of day. */
export const ArrearsListSchema = listParamsSchema(ARREARS_SORT_KEYS, "days", "desc", {
  building: optionalText(80),
  bucket: optionalEnum(AGING_BUCKETS).catch(undefined),
  min: optionalText(20),
  q: optionalText(),
  asOf: optionalDay,
});
export type ArrearsListParams = z.output<typeof ArrearsListSchema>;

/** The fees home: the as-of day of its figures (default today). */
export const FeesHomeSchema = z.object({ asOf: optionalDay });

export const AREA_FEES_SORT_KEYS = ["compound", "billed", "paid", "outstanding", "rate", "arrears91"] as const;
export type AreaFeesSortKey = (typeof AREA_FEES_SORT_KEYS)[number];
export const COLLECTOR_FILTERS = ["company", "owners", "community", "none"] as const;

/** /area/:id/fees: the compounds under a node with this year's figures. */
export const AreaFeesListSchema = listParamsSchema(AREA_FEES_SORT_KEYS, "compound", "asc", {
  q: optionalText(),
  collector: optionalEnum(COLLECTOR_FILTERS).catch(undefined),
  asOf: optionalDay,
});
export type AreaFeesListParams = z.output<typeof AreaFeesListSchema>;

export const REMINDER_INTENTS = ["remind", "remindBucket"] as const;
export type ReminderIntent = (typeof REMINDER_INTENTS)[number];

/** The pay-by day typed on the form; empty → the default (today + 15 days). Its bounds are checked with today's date in the context. */
const PayBy = z
  .string()
  .optional()
  .transform((v) => (v ? v.trim() : undefined))
  .pipe(DateText.optional());

const Id = z.string({ error: "errors.invalid" }).trim().min(1, "errors.invalid").max(120, "errors.invalid");

/** One payer of one unit (a row of the arrears list). */
export const RemindSchema = z.object({ intent: z.literal("remind"), unitId: Id, payerKey: Id, payBy: PayBy });

/** Every payer whose oldest open bill is in `bucket` or an older one. */
export const RemindBucketSchema = z.object({
  intent: z.literal("remindBucket"),
  bucket: z.enum(AGING_BUCKETS, { error: "fees.arrears.errors.bucketRequired" }),
  payBy: PayBy,
});

export const ReminderActionSchema = z.discriminatedUnion("intent", [RemindSchema, RemindBucketSchema]);
export type ReminderAction = z.output<typeof ReminderActionSchema>;
