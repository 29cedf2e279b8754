/**
 * zod schemas of the payment forms and lists (rules.md §4), shared by the forms (client) and the actions
 * (server). Messages are i18n keys under fees.payments.errors; amounts typed in 元 become integer fen through
 * parseAmountFen (never rounded: a third decimal is refused).
 */
import { z } from "zod";
import { localDateTimeText } from "~/ui/datetime-schema";
import { DateText } from "~/auth/schema";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import { parseAmountFen, type MoneyTextProblem } from "./rules";

/** The offline methods staff record; "online" payments come only from a provider's verified callback. */
export const OFFLINE_METHODS = ["cash", "transfer", "voucher"] as const;
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];

/** parseAmountFen's problems as the form shows them. */
export const AMOUNT_PROBLEM_KEYS: Record<MoneyTextProblem, string> = {
  REQUIRED: "fees.payments.errors.amountRequired",
  NOT_NUMBER: "fees.payments.errors.amountNotNumber",
  NEGATIVE: "fees.payments.errors.amountNegative",
  TOO_PRECISE: "fees.payments.errors.amountTooPrecise",
  TOO_LARGE: "fees.payments.errors.amountTooLarge",
  ZERO: "fees.payments.errors.amountZero",
};

/** An amount typed in 元 → integer fen, or the field's error key. */
export const AmountYuan = z.string({ error: "fees.payments.errors.amountRequired" }).transform((v, ctx) => {
  const r = parseAmountFen(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: AMOUNT_PROBLEM_KEYS[r.reason] });
    return z.NEVER;
  }
  return r.value;
});

/** A one-time form token (hidden field): the same submission twice is one payment / one intent. */
export const FormToken = z
  .string({ error: "errors.invalid" })
  .trim()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "errors.invalid");

/** When the money was paid: datetime-local text read as Asia/Shanghai. */
export const PaidAtText = localDateTimeText("fees.payments.errors.paidAtRequired");

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** Recording an offline payment (cash, bank transfer, a scanned voucher) for one unit. */
export const RecordPaymentSchema = z.object({
  unitId: z.string({ error: "fees.payments.errors.unitRequired" }).trim().min(1, "fees.payments.errors.unitRequired").max(64),
  amount: AmountYuan,
  method: z.enum(OFFLINE_METHODS, { error: "fees.payments.errors.methodRequired" }),
  paidAt: PaidAtText,
  payerName: z.string({ error: "fees.payments.errors.payerRequired" }).trim().min(1, "fees.payments.errors.payerRequired").max(60, "errors.tooLong"),
  reference: optional(100),
  note: optional(500),
  token: FormToken,
});
export type RecordPaymentForm = z.output<typeof RecordPaymentSchema>;

/** Finding the unit to record a payment for: building and unit number (a GET form). */
export const FindUnitSchema = z.object({
  building: optionalText(64),
  number: optionalText(32),
});

/** Reversing (冲销) a payment: the reason is required and printed on the reversal's receipt. */
export const ReversePaymentSchema = z.object({
  paymentId: z.string({ error: "errors.invalid" }).trim().min(1, "errors.invalid").max(64),
  reason: z.string({ error: "fees.payments.errors.reasonRequired" }).trim().min(1, "fees.payments.errors.reasonRequired").max(200, "errors.tooLong"),
});

/** A resident's online payment: everything due on the unit, or an amount of their choosing. */
export const PayOnlineSchema = z
  .object({
    unitId: z.string({ error: "errors.invalid" }).trim().min(1, "errors.invalid").max(64),
    choice: z.enum(["all", "amount"]).catch("all"),
    amount: z.string().optional(),
    token: FormToken,
  })
  .transform((v, ctx) => {
    if (v.choice === "all") return { unitId: v.unitId, choice: "all" as const, amountFen: null, token: v.token };
    const r = parseAmountFen(v.amount ?? "");
    if (!r.ok) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: AMOUNT_PROBLEM_KEYS[r.reason] });
      return z.NEVER;
    }
    return { unitId: v.unitId, choice: "amount" as const, amountFen: r.value, token: v.token };
  });
export type PayOnlineInput = z.output<typeof PayOnlineSchema>;

export const PAYMENT_SORT_KEYS = ["paidAt", "receipt", "amount", "unit"] as const;
export const REVERSAL_FILTERS = ["normal", "reversed", "reversal"] as const;

const OptionalDay = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(DateText.optional())
  .catch(undefined);

/** The payments list: paged, sorted and filtered on the server (method, paid-at days, unit search, reversals). */
export const PaymentsListSchema = listParamsSchema(PAYMENT_SORT_KEYS, "paidAt", "desc", {
  method: z.enum(["cash", "transfer", "voucher", "online"]).optional().catch(undefined),
  from: OptionalDay,
  to: OptionalDay,
  q: optionalText(64),
  reversal: z.enum(REVERSAL_FILTERS).optional().catch(undefined),
  /** Show the reverse form for this payment (a link from the list; works without JavaScript). */
  reverse: optionalText(64),
  /** The record form's unit finder. */
  building: optionalText(64),
  number: optionalText(32),
});
export type PaymentsListParams = z.output<typeof PaymentsListSchema>;
