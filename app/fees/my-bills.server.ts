/**
 * The payer's side of fees (issue 10, fees:pay): the units a signed-in owner or resident pays for, their bills
 * (due, overdue with the days, paid), prepayment credit and payments with receipts; starting an online payment
 * (a payment intent, once per form token) and the sandbox checkout's data.
 *
 * Whose bills: an owner's units in force today (owners.user_id + ownerships), a resident's unit in force today
 * (residents.user_id), and units the user no longer owns but where bills billed to them are still open (a seller
 * settles what is due, rules.md §4). The ledger is per unit (a payment applies to the unit's oldest open bill),
 * so the unit's account is shown whole; payers' names other than the user's own are masked.
 */
import crypto from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, bills, buildings, ownerships, owners, paymentIntents, payments, residents, units } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { nodePath } from "~/platform/area.server";
import { shanghaiDay, type Day } from "~/platform/days";
import { maskName } from "~/registry/claims.server";
import { ownershipInForce } from "~/registry/roll.server";
import { collectorOf } from "./collector.server";
import { unitCreditFen } from "./ledger.server";
import { daysOverdue } from "./rules";
import { formatReceiptNo } from "./payments.server";
import { billsWithBalance, openBillsOfUnit } from "./ledger.server";
import type { PayOnlineInput } from "./payments-schema";
import type { PaymentProvider } from "./provider.server";

export type UnitRelation = "owner" | "resident" | "billed";
export type PayableUnit = { unitId: string; building: string; number: string; kind: string; relation: UnitRelation; ownerIds: string[] };

/** How many settled bills the page lists per unit (every open bill is always listed). */
const SETTLED_SHOWN = 24;

/** The user's owner records in the compound. */
async function myOwnerIds(db: Db, userId: string, compoundId: string): Promise<string[]> {
  return (await db.select({ id: owners.id }).from(owners).where(and(eq(owners.userId, userId), eq(owners.compoundId, compoundId)))).map((r) => r.id);
}

/** The units the user pays for in the compound today (see the file comment), in building and number order. */
export async function payableUnits(db: Db, userId: string, compoundId: string, day: Day): Promise<PayableUnit[]> {
  const ownerIds = await myOwnerIds(db, userId, compoundId);
  const unitCols = { unitId: units.id, building: buildings.name, number: units.number, kind: units.kind };
  const [owned, resided, billed] = await Promise.all([
    ownerIds.length
      ? db
          .selectDistinct(unitCols)
          .from(ownerships)
          .innerJoin(units, eq(units.id, ownerships.unitId))
          .innerJoin(buildings, eq(buildings.id, units.buildingId))
          .where(and(inArray(ownerships.ownerId, ownerIds), ownershipInForce(day)))
      : Promise.resolve([]),
    db
      .selectDistinct(unitCols)
      .from(residents)
      .innerJoin(units, eq(units.id, residents.unitId))
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(and(eq(residents.userId, userId), eq(residents.compoundId, compoundId), lte(residents.validFrom, day), or(isNull(residents.validTo), gt(residents.validTo, day)))),
    ownerIds.length
      ? db.selectDistinct(unitCols).from(bills).innerJoin(units, eq(units.id, bills.unitId)).innerJoin(buildings, eq(buildings.id, units.buildingId)).where(and(eq(bills.compoundId, compoundId), inArray(bills.payerOwnerId, ownerIds)))
      : Promise.resolve([]),
  ]);
  const out = new Map<string, PayableUnit>();
  for (const u of owned) out.set(u.unitId, { ...u, relation: "owner", ownerIds });
  for (const u of resided) if (!out.has(u.unitId)) out.set(u.unitId, { ...u, relation: "resident", ownerIds });
  for (const u of billed) {
    if (out.has(u.unitId)) continue;
    // A unit sold on: listed while bills billed to the user are still open.
    const mine = await billsWithBalance(db, and(eq(bills.unitId, u.unitId), inArray(bills.payerOwnerId, ownerIds)));
    if (mine.some((b) => b.outstandingFen > 0)) out.set(u.unitId, { ...u, relation: "billed", ownerIds });
  }
  return [...out.values()].sort((a, b) => a.building.localeCompare(b.building, "zh-CN") || a.number.localeCompare(b.number, "zh-CN", { numeric: true }));
}

export type MyBill = {
  id: string;
  itemName: string;
  periodFrom: string;
  periodTo: string;
  dueDay: Day;
  amountFen: number;
  paidFen: number;
  creditedFen: number;
  outstandingFen: number;
  status: "paid" | "due" | "overdue";
  daysOverdue: number;
  payerName: string;
};

/**
 * The payer's page: per unit its bills (open ones all, settled ones the latest), what is due now to whom collects
 * today and what is open with an earlier collecting body, the prepayment credit, and the payments with their
 * receipt numbers; totals over all units.
 */
export async function myBills(db: Db, userId: string, compoundId: string, now: Date) {
  const today = shanghaiDay(now);
  const list = await payableUnits(db, userId, compoundId, today);
  const collector = await collectorOf(db, compoundId, today);
  const out = [];
  for (const u of list) {
    const where = u.relation === "billed" ? and(eq(bills.unitId, u.unitId), inArray(bills.payerOwnerId, u.ownerIds)) : eq(bills.unitId, u.unitId);
    const all = await billsWithBalance(db, where);
    const mine = new Set(u.ownerIds);
    const shaped: MyBill[] = all.map((b) => {
      const overdue = b.outstandingFen > 0 ? daysOverdue(b.dueDay, today) : 0;
      return {
        id: b.id,
        itemName: b.itemName,
        periodFrom: b.periodFrom,
        periodTo: b.periodTo,
        dueDay: b.dueDay,
        amountFen: b.amountFen,
        paidFen: b.paidFen,
        creditedFen: b.creditedFen,
        outstandingFen: b.outstandingFen,
        status: b.outstandingFen <= 0 ? "paid" : overdue > 0 ? "overdue" : "due",
        daysOverdue: overdue,
        payerName: b.payerOwnerId && mine.has(b.payerOwnerId) ? b.payerName : maskName(b.payerName),
      };
    });
    const open = shaped.filter((b) => b.outstandingFen > 0);
    const settled = shaped.filter((b) => b.outstandingFen <= 0).reverse().slice(0, SETTLED_SHOWN);
    const openWithCollector = collector ? await openBillsOfUnit(db, u.unitId, collector.key) : [];
    const creditFen = collector ? await unitCreditFen(db, u.unitId, collector.key) : 0;
    const openNowFen = openWithCollector.reduce((s, b) => s + b.outstandingFen, 0);
    const payRows =
      u.relation === "billed"
        ? await db
            .select({ p: payments })
            .from(payments)
            .innerJoin(paymentIntents, eq(paymentIntents.paymentId, payments.id))
            .where(and(eq(payments.unitId, u.unitId), eq(paymentIntents.userId, userId)))
            .orderBy(desc(payments.paidAt), desc(payments.id))
            .limit(50)
        : await db.select({ p: payments }).from(payments).where(eq(payments.unitId, u.unitId)).orderBy(desc(payments.paidAt), desc(payments.id)).limit(50);
    const reversed = new Set(payRows.map((r) => r.p.reversesId).filter((x): x is string => !!x));
    out.push({
      unitId: u.unitId,
      building: u.building,
      number: u.number,
      kind: u.kind,
      relation: u.relation,
      open: open.sort((a, b) => (a.dueDay < b.dueDay ? -1 : a.dueDay > b.dueDay ? 1 : 0)),
      settled,
      outstandingFen: open.reduce((s, b) => s + b.outstandingFen, 0),
      overdueFen: open.filter((b) => b.status === "overdue").reduce((s, b) => s + b.outstandingFen, 0),
      /** What clears the unit with today's collecting body: open bills less credit not yet applied. */
      dueNowFen: Math.max(0, openNowFen - creditFen),
      /** Open bills of an earlier collecting body: paid to it, not online here. */
      otherCollectorFen: open.reduce((s, b) => s + b.outstandingFen, 0) - openNowFen,
      creditFen,
      payments: payRows.map(({ p }) => ({
        id: p.id,
        receiptNo: formatReceiptNo(p.collectorKey, p.receiptYear, p.receiptNo),
        paidAt: p.paidAt,
        amountFen: p.amountFen,
        method: p.method,
        isReversal: p.reversesId !== null,
        reversed: reversed.has(p.id),
      })),
    });
  }
  return {
    collector: collector ? { name: collector.name } : null,
    units: out,
    totalDueFen: out.reduce((s, u) => s + u.outstandingFen, 0),
    totalOverdueFen: out.reduce((s, u) => s + u.overdueFen, 0),
    totalCreditFen: out.reduce((s, u) => s + u.creditFen, 0),
  };
}

/**
 * Whether the user may see a payment's receipt as its payer: the payment's unit is one they own or live in today,
 * or they paid it online themselves.
 */
export async function isPayerOf(db: Db, userId: string, compoundId: string, payment: { id: string; unitId: string }, day: Day): Promise<boolean> {
  const list = await payableUnits(db, userId, compoundId, day);
  if (list.some((u) => u.unitId === payment.unitId && u.relation !== "billed")) return true;
  const [own] = await db.select({ id: paymentIntents.id }).from(paymentIntents).where(and(eq(paymentIntents.paymentId, payment.id), eq(paymentIntents.userId, userId))).limit(1);
  return !!own;
}

// ————————————————————————————————————————————————————————— online payment: the intent

export type IntentProblem = "NO_COLLECTOR" | "NOTHING_DUE";
export const INTENT_PROBLEM_KEYS: Record<IntentProblem, string> = {
  NO_COLLECTOR: "fees.payments.errors.noCollectorToday",
  NOTHING_DUE: "fees.payments.errors.nothingDue",
};

/** The intent id of a form submission: bound to the user, so the same token twice is the same intent. */
export function intentIdFor(userId: string, token: string): string {
  return `pin_${crypto.createHash("sha256").update(`${userId}\u0000${token}`).digest("hex").slice(0, 26)}`;
}

/**
 * Start an online payment for one of the user's units: everything due with today's collecting body, or the amount
 * they chose (more than is due becomes prepayment credit). One intent per form token: a double submit finds the
 * intent already made. Null when the unit is not one the user pays for (404). Audited when created.
 */
export async function createIntent(
  db: Db,
  user: { id: string; name: string },
  compoundId: string,
  input: PayOnlineInput,
  provider: PaymentProvider,
  now: Date,
  ip: string | null = null,
): Promise<{ ok: true; intent: typeof paymentIntents.$inferSelect; created: boolean } | { ok: false; reason: IntentProblem } | null> {
  const id = intentIdFor(user.id, input.token);
  const [existing] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, id));
  if (existing) return existing.userId === user.id && existing.compoundId === compoundId ? { ok: true, intent: existing, created: false } : null;
  const today = shanghaiDay(now);
  const unit = (await payableUnits(db, user.id, compoundId, today)).find((u) => u.unitId === input.unitId);
  if (!unit) return null;
  const collector = await collectorOf(db, compoundId, today);
  if (!collector) return { ok: false, reason: "NO_COLLECTOR" };
  let amountFen = input.amountFen;
  if (amountFen === null) {
    const open = await openBillsOfUnit(db, unit.unitId, collector.key);
    amountFen = Math.max(0, open.reduce((s, b) => s + b.outstandingFen, 0) - (await unitCreditFen(db, unit.unitId, collector.key)));
    if (amountFen <= 0) return { ok: false, reason: "NOTHING_DUE" };
  }
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(paymentIntents)
      .values({ id, compoundId, unitId: unit.unitId, userId: user.id, amountFen: amountFen!, provider: provider.id, status: "pending", createdAt: now })
      .onConflictDoNothing({ target: paymentIntents.id })
      .returning();
    const [intent] = inserted.length ? inserted : await tx.select().from(paymentIntents).where(eq(paymentIntents.id, id));
    if (inserted.length) {
      const actor: AuditActor = { id: user.id, name: user.name };
      await writeAudit(tx, now, {
        actor,
        action: "fees.intent.create",
        target: { kind: "payment_intent", id },
        scopePath: await nodePath(tx, compoundId),
        ip,
        after: { unitId: unit.unitId, amountFen, provider: provider.id, choice: input.choice },
      });
    }
    return { ok: true as const, intent, created: inserted.length > 0 };
  });
}

/** The sandbox checkout page's data: the user's own intent with its compound, unit and collecting body; else null. */
export async function intentForUser(db: Db, intentId: string, userId: string, now: Date) {
  const [r] = await db
    .select({ i: paymentIntents, compound: areaNodes.name, building: buildings.name, number: units.number })
    .from(paymentIntents)
    .innerJoin(areaNodes, eq(areaNodes.id, paymentIntents.compoundId))
    .innerJoin(units, eq(units.id, paymentIntents.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(paymentIntents.id, intentId), eq(paymentIntents.userId, userId)));
  if (!r) return null;
  const collector = await collectorOf(db, r.i.compoundId, shanghaiDay(now));
  return {
    id: r.i.id,
    compoundId: r.i.compoundId,
    compound: r.compound,
    unit: `${r.building} ${r.number}`,
    amountFen: r.i.amountFen,
    status: r.i.status,
    provider: r.i.provider,
    paymentId: r.i.paymentId,
    collector: collector?.name ?? null,
  };
}

/** Cancel a pending intent on the sandbox page (status "failed": nothing was paid). False if not pending. Audited. */
export async function cancelIntent(db: Db, intentId: string, user: { id: string; name: string }, now: Date, ip: string | null = null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [i] = await tx
      .update(paymentIntents)
      .set({ status: "failed" })
      .where(and(eq(paymentIntents.id, intentId), eq(paymentIntents.userId, user.id), eq(paymentIntents.status, "pending")))
      .returning();
    if (!i) return false;
    await writeAudit(tx, now, { actor: user, action: "fees.intent.cancel", target: { kind: "payment_intent", id: intentId }, scopePath: await nodePath(tx, i.compoundId), ip, before: { status: "pending" }, after: { status: "failed" } });
    return true;
  });
}

/** Used by the bills page to tell an intent's outcome (paid / still pending) after the sandbox redirect. */
export async function intentStatus(db: Db, intentId: string, userId: string): Promise<"pending" | "paid" | "failed" | null> {
  const [i] = await db.select({ status: paymentIntents.status }).from(paymentIntents).where(and(eq(paymentIntents.id, intentId), eq(paymentIntents.userId, userId)));
  return i?.status ?? null;
}

