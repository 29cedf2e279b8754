/**
 * Payments (rules.md §4): recording a payment once per idempotency key, with a receipt number drawn without gaps
 * from its collecting body's counter for the year, applied to the unit's open bills oldest first; prepayment
 * credit; reversals (冲销); the collector's payments list and the record form's data.
 *
 * Decisions, documented here because the schema leaves them to the use-case:
 * - Receipt numbers read `<body>-<code>-<year>-<number>`: body W (物业, a property company), Y (业主, the owners under
 *   self-governance) or S (社区, the community under quasi-property); code the collecting body's id without its
 *   prefix, upper case, letters and digits, at most 10 ("company:co_jiangan" → "W-JIANGAN"); the Shanghai calendar
 *   year of the payment; the number at least six digits. "W-JIANGAN-2026-000123". The counter row of (collecting
 *   body, year) is inserted or incremented INSIDE the payment's transaction — the upsert holds its row lock until
 *   commit, so parallel payments take consecutive numbers and a rolled-back payment leaves no gap.
 * - Money is applied oldest first: the unit's existing prepayment credit (older money, oldest payment first) is
 *   applied before the new payment, each source with rules.allocate over what is still open; allocations name the
 *   payment the money came from. What is left stays as the unit's credit with that collecting body (Σ payments −
 *   Σ allocations), shown on the receipt, the payer's page and the collector's form, and applied to later bills
 *   by applyCredit (the billing run calls it) or by the next payment.
 * - Every ledger write of a unit first locks the unit's row (FOR NO KEY UPDATE: billing's foreign-key checks are not
 *   blocked), then the counter row: one order, no deadlock; the idempotency key is checked again under the lock
 *   and the unique index is the last guard (a violation is answered with the payment already recorded).
 * - A reversal is a negative payment naming the payment it reverses, with its own receipt number (the collecting
 *   body of the original, the year of the reversal); its negative allocations mirror what the original paid on
 *   each bill, so the pair nets to nothing, the bills reopen, and the unit's other credit is applied to them.
 */
import { alias } from "drizzle-orm/pg-core";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { bills, buildings, files, ownerships, owners, paymentAllocations, payments, receiptCounters, units, users, type PAYMENT_METHODS } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { now as clockNow } from "~/clock.server";
import { newId } from "~/ids";
import { containsText, nodePath } from "~/platform/area.server";
import { addDays, shanghaiDay, startOfDay, type Day } from "~/platform/days";
import { storeFiles, type CheckedFile } from "~/platform/files.server";
import { maskName } from "~/registry/claims.server";
import { ownershipInForce } from "~/registry/roll.server";
import { isUniqueViolation } from "~/registry/maintain.server";
import { collectorOf } from "./collector.server";
import { openBillsOfUnit, unitCreditFen } from "./ledger.server";
import { allocate, daysOverdue, receiptCounterKey, type OpenBill } from "./rules";
import type { PaymentsListParams } from "./payments-schema";

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type PaymentRow = typeof payments.$inferSelect;
/** One allocation written: `paymentId` is the payment the money came from (older credit or the new payment). */
export type WrittenAllocation = { paymentId: string; billId: string; fen: number };

// ————————————————————————————————————————————————————————— receipt numbers

const BODY_CODE: Record<string, string> = { company: "W", owners: "Y", community: "S" };

/** The readable prefix of a collecting body's receipts: "company:co_jiangan" → "W-JIANGAN" (see the file comment). */
export function receiptPrefix(collectorKey: string): string {
  const at = collectorKey.indexOf(":");
  const kind = at < 0 ? collectorKey : collectorKey.slice(0, at);
  const id = at < 0 ? "" : collectorKey.slice(at + 1);
  const code = id.replace(/^[a-z]+_/, "").replace(/[^A-Za-z0-9]/g, "").toUpperCase().slice(0, 10) || "X";
  return `${BODY_CODE[kind] ?? "X"}-${code}`;
}

/** A receipt number as printed: "W-JIANGAN-2026-000123". */
export function formatReceiptNo(collectorKey: string, year: number, no: number): string {
  return `${receiptPrefix(collectorKey)}-${year}-${String(no).padStart(6, "0")}`;
}

/** The next receipt number of (collecting body, year): insert-or-increment, holding the row lock until commit. */
async function nextReceiptNo(tx: Db, collectorKey: string, year: number): Promise<number> {
  const [r] = await tx
    .insert(receiptCounters)
    .values({ collectorKey, year, lastNo: 1 })
    .onConflictDoUpdate({ target: [receiptCounters.collectorKey, receiptCounters.year], set: { lastNo: sql`${receiptCounters.lastNo} + 1` } })
    .returning({ lastNo: receiptCounters.lastNo });
  return r.lastNo;
}

// ————————————————————————————————————————————————————————— recording a payment

export type RecordPaymentInput = {
  unitId: string;
  /** Integer fen > 0 (typed amounts go through parseAmountFen first). */
  amountFen: number;
  method: PaymentMethod;
  paidAt: Date;
  payerName: string;
  reference?: string | null;
  note?: string | null;
  /** A voucher already stored as a file of this compound (ownerKind "payment_voucher"). */
  voucherFileId?: string | null;
  /** A scanned voucher checked by checkFile: stored in the payment's transaction as ownerKind "payment_voucher". */
  voucher?: CheckedFile | null;
  idempotencyKey: string;
};

export type RecordProblem =
  | "AMOUNT_INVALID"
  | "METHOD_INVALID"
  | "PAID_AT_INVALID"
  | "PAID_IN_FUTURE"
  | "PAYER_REQUIRED"
  | "KEY_REQUIRED"
  | "KEY_REUSED"
  | "UNIT_NOT_FOUND"
  | "NO_COLLECTOR"
  | "COLLECTOR_MISMATCH"
  | "VOUCHER_NOT_FOUND";

/** The refusals as the form shows them (field → i18n key). */
export const RECORD_PROBLEM_FIELDS: Record<RecordProblem, { field: string; key: string }> = {
  AMOUNT_INVALID: { field: "amount", key: "fees.payments.errors.amountInvalid" },
  METHOD_INVALID: { field: "method", key: "fees.payments.errors.methodRequired" },
  PAID_AT_INVALID: { field: "paidAt", key: "errors.dateInvalid" },
  PAID_IN_FUTURE: { field: "paidAt", key: "fees.payments.errors.paidInFuture" },
  PAYER_REQUIRED: { field: "payerName", key: "fees.payments.errors.payerRequired" },
  KEY_REQUIRED: { field: "_form", key: "errors.invalid" },
  KEY_REUSED: { field: "_form", key: "fees.payments.errors.keyReused" },
  UNIT_NOT_FOUND: { field: "unitId", key: "fees.payments.errors.unitNotFound" },
  NO_COLLECTOR: { field: "paidAt", key: "fees.payments.errors.noCollector" },
  COLLECTOR_MISMATCH: { field: "paidAt", key: "fees.payments.errors.collectorMismatch" },
  VOUCHER_NOT_FOUND: { field: "voucher", key: "fees.payments.errors.voucherNotFound" },
};

export type RecordPaymentResult =
  | {
      ok: true;
      /** False when the idempotency key was already recorded: the existing payment, nothing new written. */
      created: boolean;
      payment: PaymentRow;
      receiptNo: string;
      /** Allocations written by this call (older credit first, then the new payment); empty on a replay. */
      allocations: WrittenAllocation[];
      /** The unit's prepayment credit with the collecting body after the payment. */
      creditFen: number;
    }
  | { ok: false; reason: RecordProblem };

/** A payment may be dated at most this far ahead of the server clock (a clock a minute off is not a refusal). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const ALLOWED_METHODS = new Set<string>(["cash", "transfer", "voucher", "online"]);

async function existingByKey(db: Db, key: string): Promise<PaymentRow | null> {
  return (await db.select().from(payments).where(eq(payments.idempotencyKey, key)).limit(1))[0] ?? null;
}

function sameSubmission(p: PaymentRow, compoundId: string, input: RecordPaymentInput): boolean {
  return p.compoundId === compoundId && p.unitId === input.unitId && p.amountFen === input.amountFen;
}

async function replayResult(db: Db, p: PaymentRow, compoundId: string, input: RecordPaymentInput): Promise<RecordPaymentResult> {
  if (!sameSubmission(p, compoundId, input)) return { ok: false, reason: "KEY_REUSED" };
  return { ok: true, created: false, payment: p, receiptNo: formatReceiptNo(p.collectorKey, p.receiptYear, p.receiptNo), allocations: [], creditFen: await unitCreditFen(db, p.unitId, p.collectorKey) };
}

/** Lock the unit's row for this transaction's ledger writes; null if the unit is not the compound's. */
async function lockUnit(tx: Db, compoundId: string, unitId: string): Promise<{ id: string; buildingId: string } | null> {
  const [u] = await tx
    .select({ id: units.id, buildingId: units.buildingId })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.compoundId, compoundId)))
    .for("no key update");
  return u ?? null;
}

/** Older money of the unit with the collecting body not yet applied: positive payments not reversed, oldest first. */
async function creditSources(tx: Db, unitId: string, collectorKey: string): Promise<{ paymentId: string; fen: number }[]> {
  const reversal = alias(payments, "reversal");
  const rows = await tx
    .select({
      id: payments.id,
      remaining: sql<string>`${payments.amountFen} - coalesce((select sum(pa.amount_fen) from ${paymentAllocations} pa where pa.payment_id = ${payments.id}), 0)`,
    })
    .from(payments)
    .leftJoin(reversal, eq(reversal.reversesId, payments.id))
    .where(and(eq(payments.unitId, unitId), eq(payments.collectorKey, collectorKey), sql`${payments.amountFen} > 0`, isNull(reversal.id)))
    .orderBy(asc(payments.paidAt), asc(payments.createdAt), asc(payments.id));
  return rows.map((r) => ({ paymentId: r.id, fen: Number(r.remaining) })).filter((r) => r.fen > 0);
}

/**
 * Apply money sources in order to the open bills, oldest bill first (rules.allocate per source, over what the
 * earlier sources left open), and write the allocations. Returns what was written.
 */
async function applySources(tx: Db, sources: { paymentId: string; fen: number }[], open: OpenBill[], now: Date): Promise<WrittenAllocation[]> {
  const left = new Map(open.map((b) => [b.id, b.outstandingFen]));
  const written: WrittenAllocation[] = [];
  for (const s of sources) {
    const stillOpen = open.filter((b) => (left.get(b.id) ?? 0) > 0).map((b) => ({ ...b, outstandingFen: left.get(b.id)! }));
    if (!stillOpen.length) break;
    const { allocations } = allocate(s.fen, stillOpen);
    for (const a of allocations) {
      left.set(a.billId, left.get(a.billId)! - a.fen);
      written.push({ paymentId: s.paymentId, billId: a.billId, fen: a.fen });
    }
  }
  if (written.length) {
    await tx.insert(paymentAllocations).values(written.map((a) => ({ id: newId("pal"), paymentId: a.paymentId, billId: a.billId, amountFen: a.fen, createdAt: now })));
  }
  return written;
}

/**
 * Record a payment for one unit, once per idempotency key (security.md item 13): the same key again returns the
 * payment already recorded and writes nothing (a different unit or amount under the same key is refused). In one
 * transaction: the receipt number from the collecting body's counter of the payment's year, the payment, its
 * application to the unit's open bills of that collecting body (existing credit first, then this payment, oldest
 * bill first), the rest kept as prepayment credit, the voucher file, the audit row. Refused with nothing written:
 * an amount that is not a whole number of fen > 0, a payment dated in the future, no payer name, a unit not in the
 * compound, nobody collecting on the payment's day (or not `opts.collectorKey`, the body the recording staff
 * collect for).
 */
export async function recordPayment(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  input: RecordPaymentInput,
  now: Date,
  opts: { collectorKey?: string; ip?: string | null; detail?: Record<string, unknown> } = {},
): Promise<RecordPaymentResult> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) return { ok: false, reason: "AMOUNT_INVALID" };
  if (!ALLOWED_METHODS.has(input.method)) return { ok: false, reason: "METHOD_INVALID" };
  if (!(input.paidAt instanceof Date) || Number.isNaN(input.paidAt.getTime())) return { ok: false, reason: "PAID_AT_INVALID" };
  if (input.paidAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { ok: false, reason: "PAID_IN_FUTURE" };
  const payerName = input.payerName.trim();
  if (!payerName) return { ok: false, reason: "PAYER_REQUIRED" };
  const key = input.idempotencyKey.trim();
  if (!key || key.length > 200) return { ok: false, reason: "KEY_REQUIRED" };

  const before = await existingByKey(db, key);
  if (before) return replayResult(db, before, compoundId, input);

  try {
    return await db.transaction(async (tx): Promise<RecordPaymentResult> => {
      const unit = await lockUnit(tx, compoundId, input.unitId);
      if (!unit) return { ok: false, reason: "UNIT_NOT_FOUND" };
      // Another submission of the same key may have committed while we waited for the lock.
      const raced = await existingByKey(tx, key);
      if (raced) return replayResult(tx, raced, compoundId, input);
      const collector = await collectorOf(tx, compoundId, shanghaiDay(input.paidAt));
      if (!collector) return { ok: false, reason: "NO_COLLECTOR" };
      if (opts.collectorKey && opts.collectorKey !== collector.key) return { ok: false, reason: "COLLECTOR_MISMATCH" };
      if (input.voucherFileId) {
        const [f] = await tx.select({ id: files.id }).from(files).where(and(eq(files.id, input.voucherFileId), eq(files.compoundId, compoundId), eq(files.ownerKind, "payment_voucher")));
        if (!f) return { ok: false, reason: "VOUCHER_NOT_FOUND" };
      }

      const { year } = receiptCounterKey(collector.key, input.paidAt);
      const receiptNo = await nextReceiptNo(tx, collector.key, year);
      const id = newId("pay");
      const [stored] = input.voucher ? await storeFiles(tx, { compoundId, ownerKind: "payment_voucher", ownerId: id, createdBy: actor?.id ?? null }, [input.voucher], now) : [];
      const [payment] = await tx
        .insert(payments)
        .values({
          id,
          compoundId,
          collectorKey: collector.key,
          unitId: unit.id,
          payerName,
          method: input.method,
          amountFen: input.amountFen,
          idempotencyKey: key,
          receiptYear: year,
          receiptNo,
          reference: input.reference?.trim() || null,
          note: input.note?.trim() || null,
          voucherFileId: stored?.id ?? input.voucherFileId ?? null,
          recordedBy: actor?.id ?? null,
          paidAt: input.paidAt,
          createdAt: now,
        })
        .returning();

      const older = await creditSources(tx, unit.id, collector.key);
      const sources = [...older.filter((s) => s.paymentId !== id), { paymentId: id, fen: input.amountFen }];
      const allocations = await applySources(tx, sources, await openBillsOfUnit(tx, unit.id, collector.key), now);
      const creditFen = await unitCreditFen(tx, unit.id, collector.key);
      const formatted = formatReceiptNo(collector.key, year, receiptNo);
      await writeAudit(tx, now, {
        actor,
        action: "fees.payment.record",
        target: { kind: "payment", id },
        scopePath: await nodePath(tx, compoundId),
        ip: opts.ip ?? null,
        after: {
          receiptNo: formatted,
          collectorKey: collector.key,
          unitId: unit.id,
          amountFen: input.amountFen,
          method: input.method,
          paidAt: input.paidAt.toISOString(),
          payerName: maskName(payerName),
          reference: payment.reference,
          voucherFileId: payment.voucherFileId,
          allocatedFen: allocations.filter((a) => a.paymentId === id).reduce((s, a) => s + a.fen, 0),
          creditAppliedFen: allocations.filter((a) => a.paymentId !== id).reduce((s, a) => s + a.fen, 0),
          creditFen,
        },
        detail: { idempotencyKey: key, ...(opts.detail ?? {}) },
      });
      return { ok: true, created: true, payment, receiptNo: formatted, allocations, creditFen };
    });
  } catch (e) {
    // The unique index on the key: a parallel submission won; answer with its payment.
    if (isUniqueViolation(e)) {
      const won = await existingByKey(db, key);
      if (won) return replayResult(db, won, compoundId, input);
    }
    throw e;
  }
}

// ————————————————————————————————————————————————————————— prepayment credit

/**
 * Apply the unit's prepayment credit with a collecting body to its open bills of that body, oldest bill first and
 * oldest money first (the billing run calls this after creating bills). One transaction, the unit locked; audited
 * when anything was applied. Returns what was applied.
 */
export async function applyCredit(
  db: Db,
  unitId: string,
  collectorKey: string,
  opts: { now?: Date; actor?: AuditActor } = {},
): Promise<{ allocatedFen: number; allocations: WrittenAllocation[] }> {
  const at = opts.now ?? clockNow();
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: units.id, compoundId: units.compoundId }).from(units).where(eq(units.id, unitId)).for("no key update");
    if (!u) return { allocatedFen: 0, allocations: [] };
    const allocations = await applyCreditLocked(tx, unitId, collectorKey, at);
    const allocatedFen = allocations.reduce((s, a) => s + a.fen, 0);
    if (allocatedFen > 0) {
      await writeAudit(tx, at, {
        actor: opts.actor ?? null,
        action: "fees.credit.apply",
        target: { kind: "unit", id: unitId },
        scopePath: await nodePath(tx, u.compoundId),
        after: { collectorKey, allocatedFen, bills: [...new Set(allocations.map((a) => a.billId))].length },
      });
    }
    return { allocatedFen, allocations };
  });
}

/** applyCredit inside a transaction that already holds the unit's lock. */
async function applyCreditLocked(tx: Db, unitId: string, collectorKey: string, now: Date): Promise<WrittenAllocation[]> {
  const sources = await creditSources(tx, unitId, collectorKey);
  if (!sources.length) return [];
  const open = await openBillsOfUnit(tx, unitId, collectorKey);
  if (!open.length) return [];
  return applySources(tx, sources, open, now);
}

// ————————————————————————————————————————————————————————— reversal (冲销)

export type ReverseProblem = "REASON_REQUIRED" | "NOT_REVERSIBLE" | "ALREADY_REVERSED";
export const REVERSE_PROBLEM_KEYS: Record<ReverseProblem, string> = {
  REASON_REQUIRED: "fees.payments.errors.reasonRequired",
  NOT_REVERSIBLE: "fees.payments.errors.notReversible",
  ALREADY_REVERSED: "fees.payments.errors.alreadyReversed",
};

/**
 * Reverse a payment (冲销): a negative payment naming it, with its own receipt number from the original's
 * collecting body (the year of the reversal), and negative allocations mirroring what the original paid on each
 * bill (including credit applied later). The original keeps its number. The reopened bills take the unit's other
 * credit, if any. Null when the payment is not the compound's; a reversal, or a payment already reversed, is
 * refused. Audited.
 */
export async function reversePayment(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  paymentId: string,
  reason: string,
  now: Date,
  opts: { collectorKey?: string; ip?: string | null } = {},
): Promise<{ ok: true; reversal: PaymentRow; receiptNo: string } | { ok: false; reason: ReverseProblem } | null> {
  const why = reason.trim();
  const [orig0] = await db.select().from(payments).where(and(eq(payments.id, paymentId), eq(payments.compoundId, compoundId)));
  if (!orig0) return null;
  // A collector reverses its own payments only.
  if (opts.collectorKey && opts.collectorKey !== orig0.collectorKey) return null;
  if (!why) return { ok: false, reason: "REASON_REQUIRED" };
  try {
    return await db.transaction(async (tx) => {
      await lockUnit(tx, compoundId, orig0.unitId);
      const [orig] = await tx.select().from(payments).where(eq(payments.id, paymentId));
      if (orig.amountFen < 0 || orig.reversesId) return { ok: false as const, reason: "NOT_REVERSIBLE" as const };
      const [already] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.reversesId, orig.id));
      if (already) return { ok: false as const, reason: "ALREADY_REVERSED" as const };

      const { year } = receiptCounterKey(orig.collectorKey, now);
      const receiptNo = await nextReceiptNo(tx, orig.collectorKey, year);
      const id = newId("pay");
      const [reversal] = await tx
        .insert(payments)
        .values({
          id,
          compoundId,
          collectorKey: orig.collectorKey,
          unitId: orig.unitId,
          payerName: orig.payerName,
          method: orig.method,
          amountFen: -orig.amountFen,
          reversesId: orig.id,
          idempotencyKey: `reversal:${orig.id}`,
          receiptYear: year,
          receiptNo,
          reference: orig.reference,
          note: why,
          recordedBy: actor?.id ?? null,
          paidAt: now,
          createdAt: now,
        })
        .returning();
      const perBill = await tx
        .select({ billId: paymentAllocations.billId, fen: sql<string>`sum(${paymentAllocations.amountFen})` })
        .from(paymentAllocations)
        .where(eq(paymentAllocations.paymentId, orig.id))
        .groupBy(paymentAllocations.billId)
        .orderBy(asc(paymentAllocations.billId));
      const mirror = perBill.map((r) => ({ billId: r.billId, fen: Number(r.fen) })).filter((r) => r.fen > 0);
      if (mirror.length) await tx.insert(paymentAllocations).values(mirror.map((m) => ({ id: newId("pal"), paymentId: id, billId: m.billId, amountFen: -m.fen, createdAt: now })));
      const reapplied = await applyCreditLocked(tx, orig.unitId, orig.collectorKey, now);
      const formatted = formatReceiptNo(orig.collectorKey, year, receiptNo);
      await writeAudit(tx, now, {
        actor,
        action: "fees.payment.reverse",
        target: { kind: "payment", id: orig.id },
        scopePath: await nodePath(tx, compoundId),
        ip: opts.ip ?? null,
        before: { receiptNo: formatReceiptNo(orig.collectorKey, orig.receiptYear, orig.receiptNo), amountFen: orig.amountFen },
        after: {
          reversalId: id,
          receiptNo: formatted,
          amountFen: -orig.amountFen,
          reason: why,
          reversedFen: mirror.reduce((s, m) => s + m.fen, 0),
          creditReappliedFen: reapplied.reduce((s, a) => s + a.fen, 0),
        },
      });
      return { ok: true as const, reversal, receiptNo: formatted };
    });
  } catch (e) {
    // The unique index on reverses_id (or the reversal's key): reversed in parallel.
    if (isUniqueViolation(e)) return { ok: false, reason: "ALREADY_REVERSED" };
    throw e;
  }
}

// ————————————————————————————————————————————————————————— reads for the pages

/**
 * A payment the collector may reverse, for the reverse form: the compound's, positive, not yet reversed, of the
 * collecting body `collectorKey`; null otherwise.
 */
export async function reverseTarget(db: Db, compoundId: string, paymentId: string, collectorKey: string) {
  const reversal = alias(payments, "reversal");
  const [r] = await db
    .select({ p: payments, building: buildings.name, number: units.number, reversedBy: reversal.id })
    .from(payments)
    .innerJoin(units, eq(units.id, payments.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(reversal, eq(reversal.reversesId, payments.id))
    .where(and(eq(payments.id, paymentId), eq(payments.compoundId, compoundId)));
  if (!r || r.p.amountFen <= 0 || r.reversedBy || r.p.collectorKey !== collectorKey) return null;
  return {
    id: r.p.id,
    receiptNo: formatReceiptNo(r.p.collectorKey, r.p.receiptYear, r.p.receiptNo),
    unit: `${r.building} ${r.number}`,
    payerName: r.p.payerName,
    amountFen: r.p.amountFen,
    paidAt: r.p.paidAt,
  };
}

/** One payment of the compound, or null. */
export async function paymentOf(db: Db, compoundId: string, paymentId: string): Promise<PaymentRow | null> {
  return (await db.select().from(payments).where(and(eq(payments.id, paymentId), eq(payments.compoundId, compoundId))))[0] ?? null;
}

export { collectorSide } from "./collector.server";

/** The payer of a unit today for the record form: the nominated co-owner or the first owner, else the last bill's payer. */
export async function unitPayerName(db: Db, unitId: string, day: Day): Promise<string> {
  const rows = await db
    .select({ name: owners.name, nominated: ownerships.nominatedVoter, id: owners.id })
    .from(ownerships)
    .innerJoin(owners, eq(owners.id, ownerships.ownerId))
    .where(and(eq(ownerships.unitId, unitId), ownershipInForce(day)))
    .orderBy(desc(ownerships.nominatedVoter), asc(owners.id))
    .limit(1);
  if (rows[0]) return rows[0].name;
  const [b] = await db.select({ name: bills.payerName }).from(bills).where(eq(bills.unitId, unitId)).orderBy(desc(bills.periodFrom)).limit(1);
  return b?.name ?? "";
}

/**
 * What the record form needs: the compound's buildings for the unit finder and, once a unit is found by building
 * and number, the unit with its payer today, its open bills with the collecting body (oldest first, days
 * overdue) and its prepayment credit.
 */
export async function paymentFormData(db: Db, compoundId: string, find: { building?: string; number?: string }, collectorKey: string | null, today: Day) {
  const buildingRows = await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.compoundId, compoundId)).orderBy(asc(buildings.name), asc(buildings.id));
  if (!find.building || !find.number) return { buildings: buildingRows, unit: null, notFound: false };
  const [u] = await db
    .select({ id: units.id, number: units.number, kind: units.kind, building: buildings.name, buildingId: buildings.id })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.compoundId, compoundId), eq(units.buildingId, find.building), eq(units.number, find.number.normalize("NFKC").trim())));
  if (!u) return { buildings: buildingRows, unit: null, notFound: true };
  const open = collectorKey ? await openBillsOfUnit(db, u.id, collectorKey) : [];
  const openRows = open.length
    ? await db.select({ id: bills.id, itemName: bills.itemName, periodFrom: bills.periodFrom, periodTo: bills.periodTo }).from(bills).where(inArray(bills.id, open.map((b) => b.id)))
    : [];
  const info = new Map(openRows.map((r) => [r.id, r]));
  return {
    buildings: buildingRows,
    notFound: false,
    unit: {
      ...u,
      payerName: await unitPayerName(db, u.id, today),
      creditFen: collectorKey ? await unitCreditFen(db, u.id, collectorKey) : 0,
      openBills: open.map((b) => ({
        id: b.id,
        itemName: info.get(b.id)?.itemName ?? b.itemCode,
        periodFrom: b.periodStart,
        periodTo: info.get(b.id)?.periodTo ?? b.periodStart,
        dueDay: b.dueDay,
        daysOverdue: daysOverdue(b.dueDay, today),
        amountFen: b.amountFen,
        outstandingFen: b.outstandingFen,
      })),
      outstandingFen: open.reduce((s, b) => s + b.outstandingFen, 0),
    },
  };
}

export type PaymentListRow = {
  id: string;
  receiptNo: string;
  collectorKey: string;
  paidAt: Date;
  unitId: string;
  building: string;
  number: string;
  payerName: string;
  method: PaymentMethod;
  amountFen: number;
  reversesId: string | null;
  reversesNo: string | null;
  reversedById: string | null;
  reversedByNo: string | null;
  reference: string | null;
  note: string | null;
  recordedBy: string | null;
  hasVoucher: boolean;
};

/**
 * The compound's payments for the collector's list: paged, sorted and filtered in SQL (method, paid-at days in
 * Shanghai, unit search — and payer name for those who collect —, reversal state). Payers' names are masked for
 * viewers who do not collect.
 */
export async function listPayments(db: Db, compoundId: string, p: PaymentsListParams, opts: { collects: boolean; all?: boolean }) {
  const reversal = alias(payments, "reversal");
  const original = alias(payments, "original");
  const where = and(
    eq(payments.compoundId, compoundId),
    p.method ? eq(payments.method, p.method) : undefined,
    p.from ? gte(payments.paidAt, startOfDay(p.from)) : undefined,
    p.to ? lt(payments.paidAt, startOfDay(addDays(p.to, 1))) : undefined,
    p.q
      ? or(
          containsText(sql`${buildings.name} || ' ' || ${units.number}`, p.q),
          containsText(sql`${buildings.name} || ${units.number}`, p.q),
          opts.collects ? containsText(payments.payerName, p.q) : undefined,
        )
      : undefined,
    p.reversal === "reversal" ? isNotNull(payments.reversesId) : undefined,
    p.reversal === "reversed" ? isNotNull(reversal.id) : undefined,
    p.reversal === "normal" ? and(isNull(payments.reversesId), isNull(reversal.id)) : undefined,
  );
  const dir = p.dir === "asc" ? asc : desc;
  const order: SQL[] =
    p.sort === "receipt"
      ? [dir(payments.collectorKey), dir(payments.receiptYear), dir(payments.receiptNo)]
      : p.sort === "amount"
        ? [dir(payments.amountFen), dir(payments.paidAt), dir(payments.id)]
        : p.sort === "unit"
          ? [dir(buildings.name), dir(units.number), dir(payments.paidAt), dir(payments.id)]
          : [dir(payments.paidAt), dir(payments.receiptNo), dir(payments.id)];
  const base = db
    .select({
      p: payments,
      building: buildings.name,
      number: units.number,
      reversedById: reversal.id,
      reversedByYear: reversal.receiptYear,
      reversedByNo: reversal.receiptNo,
      reversesYear: original.receiptYear,
      reversesNo: original.receiptNo,
      recordedBy: users.name,
    })
    .from(payments)
    .innerJoin(units, eq(units.id, payments.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(reversal, eq(reversal.reversesId, payments.id))
    .leftJoin(original, eq(original.id, payments.reversesId))
    .leftJoin(users, eq(users.id, payments.recordedBy))
    .where(where)
    .orderBy(...order);
  const raw = opts.all ? await base.limit(100_000) : await base.limit(p.size).offset((p.page - 1) * p.size);
  const [{ n }] = await db
    .select({ n: count() })
    .from(payments)
    .innerJoin(units, eq(units.id, payments.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(reversal, eq(reversal.reversesId, payments.id))
    .where(where);
  const rows: PaymentListRow[] = raw.map((r) => ({
    id: r.p.id,
    receiptNo: formatReceiptNo(r.p.collectorKey, r.p.receiptYear, r.p.receiptNo),
    collectorKey: r.p.collectorKey,
    paidAt: r.p.paidAt,
    unitId: r.p.unitId,
    building: r.building,
    number: r.number,
    payerName: opts.collects ? r.p.payerName : maskName(r.p.payerName),
    method: r.p.method,
    amountFen: r.p.amountFen,
    reversesId: r.p.reversesId,
    reversesNo: r.p.reversesId && r.reversesYear !== null && r.reversesNo !== null ? formatReceiptNo(r.p.collectorKey, r.reversesYear, r.reversesNo) : null,
    reversedById: r.reversedById,
    reversedByNo: r.reversedById && r.reversedByYear !== null && r.reversedByNo !== null ? formatReceiptNo(r.p.collectorKey, r.reversedByYear, r.reversedByNo) : null,
    reference: r.p.reference,
    note: r.p.note,
    recordedBy: r.recordedBy,
    hasVoucher: r.p.voucherFileId !== null,
  }));
  return { rows, total: Number(n) };
}

/**
 * The payment a voucher file (files ownerKind "payment_voucher") belongs to, or null. For the compound's file
 * route (c.$compoundId.files.$fileId): serve the file when receipt.server's receiptAccess gives `staff: true`.
 */
export async function voucherPayment(db: Db, compoundId: string, fileId: string): Promise<PaymentRow | null> {
  return (await db.select().from(payments).where(and(eq(payments.compoundId, compoundId), eq(payments.voucherFileId, fileId))).limit(1))[0] ?? null;
}
