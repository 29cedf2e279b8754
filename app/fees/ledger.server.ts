/**
 * The fee ledger as the rest of app/fees reads it. Nothing here is stored twice: a bill's outstanding amount is
 * its amount less what payments allocated to it and what credit notes took off (rules.md §4: billed − paid −
 * credited = outstanding); a unit's prepayment credit is what its payments brought in and were not allocated.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { bills, creditNotes, paymentAllocations, payments } from "~db/schema";
import type { OpenBill } from "./rules";

/**
 * Σ allocations to the bill (payments less reversals), as a SQL expression on a row of "bills" (the table named
 * as such: drizzle would print `${bills.id}` as a bare "id" in a select list, which inside the sub-select means
 * the allocation's own id).
 */
export const paidSql = sql<string>`coalesce((select sum(pa.amount_fen) from ${paymentAllocations} pa where pa.bill_id = "bills"."id"), 0)`;
/** Σ credit notes against the bill. */
export const creditedSql = sql<string>`coalesce((select sum(cn.amount_fen) from ${creditNotes} cn where cn.bill_id = "bills"."id"), 0)`;
/** The bill's outstanding amount: amount − paid − credited. */
export const outstandingSql = sql<string>`(${bills.amountFen} - ${paidSql} - ${creditedSql})`;

export type LedgerBill = typeof bills.$inferSelect & { paidFen: number; creditedFen: number; outstandingFen: number };

/** Bills matching `where` with what was paid, credited and is outstanding, oldest first (rules.md allocation order). */
export async function billsWithBalance(db: Db, where: SQL | undefined): Promise<LedgerBill[]> {
  const rows = await db
    .select({ b: bills, paid: paidSql, credited: creditedSql })
    .from(bills)
    .where(where)
    .orderBy(asc(bills.dueDay), asc(bills.periodFrom), asc(bills.itemCode), asc(bills.id));
  return rows.map((r) => {
    const paidFen = Number(r.paid);
    const creditedFen = Number(r.credited);
    return { ...r.b, paidFen, creditedFen, outstandingFen: r.b.amountFen - paidFen - creditedFen };
  });
}

/** The unit's bills with something outstanding, oldest first, as rules.allocate takes them. */
export async function openBillsOfUnit(db: Db, unitId: string, collectorKey?: string): Promise<(OpenBill & { amountFen: number })[]> {
  const where = collectorKey ? and(eq(bills.unitId, unitId), eq(bills.collectorKey, collectorKey)) : eq(bills.unitId, unitId);
  return (await billsWithBalance(db, where))
    .filter((b) => b.outstandingFen > 0)
    .map((b) => ({ id: b.id, dueDay: b.dueDay, periodStart: b.periodFrom, itemCode: b.itemCode, outstandingFen: b.outstandingFen, amountFen: b.amountFen }));
}

/**
 * The unit's prepayment credit with a collecting body: what its payments (less reversals) brought in and was not
 * allocated to bills. Never negative for a consistent ledger.
 */
export async function unitCreditFen(db: Db, unitId: string, collectorKey: string): Promise<number> {
  const [r] = await db
    .select({
      paid: sql<string>`coalesce(sum(${payments.amountFen}), 0)`,
      allocated: sql<string>`coalesce((select sum(pa.amount_fen) from ${paymentAllocations} pa join ${payments} p2 on p2.id = pa.payment_id where p2.unit_id = ${unitId} and p2.collector_key = ${collectorKey}), 0)`,
    })
    .from(payments)
    .where(and(eq(payments.unitId, unitId), eq(payments.collectorKey, collectorKey)));
  return Number(r?.paid ?? 0) - Number(r?.allocated ?? 0);
}

/** Totals over bills matching `where`: billed, paid, credited, outstanding (the identity holds by construction). */
export async function ledgerTotals(db: Db, where: SQL | undefined): Promise<{ billedFen: number; paidFen: number; creditedFen: number; outstandingFen: number }> {
  const [r] = await db
    .select({ billed: sql<string>`coalesce(sum(${bills.amountFen}), 0)`, paid: sql<string>`coalesce(sum(${paidSql}), 0)`, credited: sql<string>`coalesce(sum(${creditedSql}), 0)` })
    .from(bills)
    .where(where);
  const billedFen = Number(r.billed);
  const paidFen = Number(r.paid);
  const creditedFen = Number(r.credited);
  return { billedFen, paidFen, creditedFen, outstandingFen: billedFen - paidFen - creditedFen };
}

/** Bills by id (for allocation checks inside a transaction). */
export async function billsByIds(db: Db, ids: readonly string[]) {
  return ids.length ? billsWithBalance(db, inArray(bills.id, [...ids])) : [];
}
