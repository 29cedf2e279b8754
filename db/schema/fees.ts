import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { buildings, compounds, owners, units, UNIT_KINDS } from "./registry";
import { users } from "./auth";

/**
 * Fees (rules.md §4): schedules, billing runs, bills, credit notes, payments with their allocations and gapless
 * receipt numbers, online payment intents, reminders. Money is integer fen (bigint where sums grow), months are
 * "YYYY-MM" text, days "YYYY-MM-DD". Bills, credit notes, payments and allocations are append-only (triggers in
 * the migration): a correction is a credit note or a reversing payment.
 *
 * The collecting body (`collector_key`) is who collects under the compound's management model on the day:
 * "company:<property company id>", "owners:<compound id>" (self-governance: the owners' assembly, its committee
 * acting) or "community:<community node id>" (quasi-property). Receipt numbers run per collecting body and year.
 */
export const SCHEDULE_BASES = ["area", "space", "unit"] as const;
export const BILLING_PERIOD_KINDS = ["month", "quarter", "year"] as const;
export const PAYMENT_METHODS = ["cash", "transfer", "voucher", "online"] as const;
export const PAYER_KINDS = ["owner", "developer"] as const;

export const feeSchedules = pgTable(
  "fee_schedules",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    /** The item: "property", "parking", or a short code of the collector's own ("garbage"). */
    itemCode: text("item_code").notNull(),
    itemName: text("item_name").notNull(),
    basis: text("basis", { enum: SCHEDULE_BASES }).notNull(),
    /** Fen per m² per month (area), per space per month, or per unit per month. */
    rateFen: integer("rate_fen").notNull(),
    unitKinds: jsonb("unit_kinds").$type<(typeof UNIT_KINDS)[number][]>().notNull(),
    /** In force from this day up to, not including, `to_day`. */
    fromDay: date("from_day", { mode: "string" }).notNull(),
    toDay: date("to_day", { mode: "string" }),
    /** A bill is due on this day of its period's first month (default: the month's last day). */
    dueDayOfMonth: integer("due_day_of_month"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    /** Ending a schedule: when it was set, by whom (the row is otherwise never changed). */
    endedBy: text("ended_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    index("fee_schedules_compound_idx").on(t.compoundId, t.itemCode),
    check("fee_schedules_rate", sql`${t.rateFen} > 0`),
    check("fee_schedules_days", sql`${t.toDay} is null or ${t.toDay} > ${t.fromDay}`),
    check("fee_schedules_due", sql`${t.dueDayOfMonth} is null or ${t.dueDayOfMonth} between 1 and 31`),
  ],
);

export const billingRuns = pgTable(
  "billing_runs",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    collectorKey: text("collector_key").notNull(),
    itemCode: text("item_code").notNull(),
    periodKind: text("period_kind", { enum: BILLING_PERIOD_KINDS }).notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    status: text("status", { enum: ["running", "done", "reversed"] }).notNull(),
    unitsTotal: integer("units_total").notNull(),
    unitsDone: integer("units_done").notNull().default(0),
    billsCreated: integer("bills_created").notNull().default(0),
    totalFen: bigint("total_fen", { mode: "number" }).notNull().default(0),
    startedBy: text("started_by").references(() => users.id, { onDelete: "restrict" }),
    startedAt: timestamptz("started_at").notNull(),
    finishedAt: timestamptz("finished_at"),
    createdAt: createdAt(),
  },
  (t) => [index("billing_runs_compound_idx").on(t.compoundId, t.startedAt)],
);

export const bills = pgTable(
  "bills",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    buildingId: text("building_id").notNull().references(() => buildings.id, { onDelete: "restrict" }),
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    collectorKey: text("collector_key").notNull(),
    itemCode: text("item_code").notNull(),
    itemName: text("item_name").notNull(),
    /** The bill's months, first and last ("YYYY-MM"), whole months. */
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    months: integer("months").notNull(),
    payerKind: text("payer_kind", { enum: PAYER_KINDS }).notNull(),
    payerOwnerId: text("payer_owner_id").references(() => owners.id, { onDelete: "restrict" }),
    /** The owner id, or "developer": one bill per unit × item × period × payer. */
    payerKey: text("payer_key").notNull(),
    payerName: text("payer_name").notNull(),
    /** Area in 0.01 m² (area basis) or a count. */
    quantity: integer("quantity").notNull(),
    /** The rate of each month (fen), as billed. */
    rates: jsonb("rates").$type<number[]>().notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    dueDay: date("due_day", { mode: "string" }).notNull(),
    runId: text("run_id").references(() => billingRuns.id, { onDelete: "restrict" }),
    /** Opening arrears imported from before Gongzhi (no run). */
    source: text("source", { enum: ["run", "import"] }).notNull().default("run"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("bills_unit_item_period_payer_uq").on(t.unitId, t.itemCode, t.periodFrom, t.payerKey),
    index("bills_compound_due_idx").on(t.compoundId, t.dueDay),
    index("bills_payer_idx").on(t.payerOwnerId),
    index("bills_run_idx").on(t.runId),
    check("bills_amount", sql`${t.amountFen} >= 0`),
    check("bills_months", sql`${t.months} >= 1`),
  ],
);

/** Every month a bill covers: a month of an item is billed once per unit, whatever the period length. */
export const billMonths = pgTable(
  "bill_months",
  {
    unitId: text("unit_id").notNull(),
    itemCode: text("item_code").notNull(),
    month: text("month").notNull(),
    billId: text("bill_id").notNull().references(() => bills.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.itemCode, t.month] }), index("bill_months_bill_idx").on(t.billId)],
);

export const creditNotes = pgTable(
  "credit_notes",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    billId: text("bill_id").notNull().references(() => bills.id, { onDelete: "restrict" }),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    reason: text("reason").notNull(),
    /** A whole run reversed: its id. */
    runId: text("run_id").references(() => billingRuns.id, { onDelete: "restrict" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("credit_notes_bill_idx").on(t.billId), check("credit_notes_amount", sql`${t.amountFen} > 0`)],
);

export const payments = pgTable(
  "payments",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    collectorKey: text("collector_key").notNull(),
    /** The unit whose bills it pays (oldest first); the rest stays as prepayment credit on the unit. */
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    payerName: text("payer_name").notNull(),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    /** Positive; a reversal is negative and names the payment it reverses. */
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    reversesId: text("reverses_id"),
    /** The same submission (or a replayed callback) twice records one payment. */
    idempotencyKey: text("idempotency_key").notNull(),
    receiptYear: integer("receipt_year").notNull(),
    receiptNo: integer("receipt_no").notNull(),
    reference: text("reference"),
    note: text("note"),
    /** A scanned voucher (files). */
    voucherFileId: text("voucher_file_id"),
    recordedBy: text("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    paidAt: timestamptz("paid_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payments_idempotency_uq").on(t.idempotencyKey),
    uniqueIndex("payments_receipt_uq").on(t.collectorKey, t.receiptYear, t.receiptNo),
    uniqueIndex("payments_reverses_uq").on(t.reversesId),
    index("payments_unit_idx").on(t.unitId),
    index("payments_compound_idx").on(t.compoundId, t.paidAt),
    check("payments_amount", sql`${t.amountFen} <> 0`),
  ],
);

export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    id: text("id").primaryKey(),
    paymentId: text("payment_id").notNull().references(() => payments.id, { onDelete: "restrict" }),
    billId: text("bill_id").notNull().references(() => bills.id, { onDelete: "restrict" }),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("payment_allocations_bill_idx").on(t.billId), index("payment_allocations_payment_idx").on(t.paymentId)],
);

/** Receipt numbers without gaps: one counter per collecting body and year, incremented in the payment's transaction. */
export const receiptCounters = pgTable(
  "receipt_counters",
  {
    collectorKey: text("collector_key").notNull(),
    year: integer("year").notNull(),
    lastNo: integer("last_no").notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectorKey, t.year] })],
);

/** An online payment started by a resident; the provider's signed callback turns it into a payment, once. */
export const paymentIntents = pgTable(
  "payment_intents",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    provider: text("provider").notNull(),
    status: text("status", { enum: ["pending", "paid", "failed"] }).notNull(),
    paymentId: text("payment_id").references(() => payments.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    paidAt: timestamptz("paid_at"),
  },
  (t) => [index("payment_intents_unit_idx").on(t.unitId), check("payment_intents_amount", sql`${t.amountFen} > 0`)],
);

/** A polite reminder of arrears (in-app and as a printable letter): no late fee, never a threat to cut utilities (民法典 Art. 944). */
export const feeReminders = pgTable(
  "fee_reminders",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").references(() => owners.id, { onDelete: "restrict" }),
    outstandingFen: bigint("outstanding_fen", { mode: "number" }).notNull(),
    oldestDueDay: date("oldest_due_day", { mode: "string" }).notNull(),
    payBy: date("pay_by", { mode: "string" }).notNull(),
    sentBy: text("sent_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("fee_reminders_unit_idx").on(t.unitId, t.createdAt)],
);
