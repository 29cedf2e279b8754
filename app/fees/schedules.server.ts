/**
 * Fee schedules (收费标准) of a compound, per fee item, with their history: what the collecting body charges, on
 * what basis, for which unit kinds, from which day. rules.md §4: `rate_fen(month)` is the schedule in force on the
 * month's first day, so two schedules of one item may never be in force on the same day (scheduleOverlapProblem).
 * A schedule is never rewritten: it is ended by setting `to_day` (the only update the table allows), and never so
 * that a month already billed would lose the schedule it was billed under. Every write is audited.
 */
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "~db/client.server";
import { billingRuns, billMonths, bills, compounds, feeSchedules, users } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import type { Day } from "~/platform/days";
import type { FieldErrors } from "~/ui/form.server";
import type { EndScheduleInput, ScheduleInput } from "./billing-schema";
import { monthOf, monthsOf, monthStart, scheduleOverlapProblem, type Month } from "./rules";

export type ScheduleRow = typeof feeSchedules.$inferSelect;
export type ScheduleView = Pick<ScheduleRow, "id" | "itemCode" | "itemName" | "basis" | "rateFen" | "unitKinds" | "fromDay" | "toDay" | "dueDayOfMonth" | "createdAt"> & {
  createdByName: string | null;
  endedByName: string | null;
  /** In force on `today`. */
  current: boolean;
};
export type ScheduleItem = { itemCode: string; itemName: string; basis: ScheduleRow["basis"]; current: ScheduleView | null; schedules: ScheduleView[] };

/** The schedules of a compound grouped by item (items by code), each item's newest first, with who set and ended them. */
export async function listSchedules(db: Db, compoundId: string, today: Day): Promise<ScheduleItem[]> {
  const creator = alias(users, "creator");
  const ender = alias(users, "ender");
  const rows = await db
    .select({ s: feeSchedules, createdByName: creator.name, endedByName: ender.name })
    .from(feeSchedules)
    .leftJoin(creator, eq(creator.id, feeSchedules.createdBy))
    .leftJoin(ender, eq(ender.id, feeSchedules.endedBy))
    .where(eq(feeSchedules.compoundId, compoundId))
    .orderBy(asc(feeSchedules.itemCode), desc(feeSchedules.fromDay));
  const items = new Map<string, ScheduleItem>();
  for (const r of rows) {
    const s = r.s;
    const view: ScheduleView = {
      id: s.id,
      itemCode: s.itemCode,
      itemName: s.itemName,
      basis: s.basis,
      rateFen: s.rateFen,
      unitKinds: s.unitKinds,
      fromDay: s.fromDay,
      toDay: s.toDay,
      dueDayOfMonth: s.dueDayOfMonth,
      createdAt: s.createdAt,
      createdByName: r.createdByName,
      endedByName: r.endedByName,
      current: s.fromDay <= today && (s.toDay === null || today < s.toDay),
    };
    let item = items.get(s.itemCode);
    if (!item) items.set(s.itemCode, (item = { itemCode: s.itemCode, itemName: s.itemName, basis: s.basis, current: null, schedules: [] }));
    item.schedules.push(view);
    if (view.current) item.current = view;
  }
  // The item's name as it reads now (or as it was last set).
  for (const item of items.values()) item.itemName = (item.current ?? item.schedules[0]).itemName;
  return [...items.values()];
}

/** The compound's fee items (code, name, basis) for selects: from its schedules. */
export async function feeItems(db: Db, compoundId: string): Promise<{ code: string; name: string; basis: ScheduleRow["basis"] }[]> {
  const rows = await db
    .select({ code: feeSchedules.itemCode, name: feeSchedules.itemName, basis: feeSchedules.basis, fromDay: feeSchedules.fromDay })
    .from(feeSchedules)
    .where(eq(feeSchedules.compoundId, compoundId))
    .orderBy(asc(feeSchedules.itemCode), desc(feeSchedules.fromDay));
  const out = new Map<string, { code: string; name: string; basis: ScheduleRow["basis"] }>();
  for (const r of rows) if (!out.has(r.code)) out.set(r.code, { code: r.code, name: r.name, basis: r.basis });
  return [...out.values()];
}

/** Serialise schedule writes per compound (no key update: bills' foreign keys to the compound still go through). */
async function lockCompound(tx: Db, compoundId: string): Promise<boolean> {
  const [c] = await tx.select({ id: compounds.id }).from(compounds).where(eq(compounds.id, compoundId)).for("no key update");
  return Boolean(c);
}

const asRate = (s: Pick<ScheduleRow, "id" | "fromDay" | "toDay" | "rateFen" | "dueDayOfMonth">) => ({ id: s.id, from: s.fromDay, to: s.toDay, rateFen: s.rateFen, dueDayOfMonth: s.dueDayOfMonth });

/**
 * Add a schedule for an item. Refused, writing nothing: one in force on a day another of the same item is
 * (scheduleOverlapProblem, rules.md §4), or a basis other than the item's (a bill has one quantity: a new basis is
 * a new item code).
 */
export async function addSchedule(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  input: ScheduleInput,
  now: Date,
): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> {
  if (!Number.isSafeInteger(input.rateFen) || input.rateFen <= 0) return { ok: false, errors: { rate: "fees.billing.errors.rateZero" } };
  if (!input.unitKinds.length) return { ok: false, errors: { unitKinds: "fees.billing.errors.unitKindsRequired" } };
  return db.transaction(async (tx): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> => {
    if (!(await lockCompound(tx, compoundId))) return { ok: false as const, errors: { _form: "errors.invalid" } };
    const existing = await tx.select().from(feeSchedules).where(and(eq(feeSchedules.compoundId, compoundId), eq(feeSchedules.itemCode, input.itemCode)));
    if (existing.some((s) => s.basis !== input.basis)) return { ok: false as const, errors: { basis: "fees.billing.errors.basisChanged" } };
    const row = {
      id: newId("fsc"),
      compoundId,
      itemCode: input.itemCode,
      itemName: input.itemName,
      basis: input.basis,
      rateFen: input.rateFen,
      unitKinds: [...input.unitKinds],
      fromDay: input.fromDay,
      toDay: null,
      dueDayOfMonth: input.dueDayOfMonth,
      createdBy: actor?.id ?? null,
      createdAt: now,
    };
    const problem = scheduleOverlapProblem([...existing.map(asRate), asRate(row)]);
    if (problem) {
      const key = problem.reason === "OVERLAP" ? "fees.billing.errors.overlap" : problem.reason === "DUE_DAY_INVALID" ? "fees.billing.errors.dueDayRange" : "errors.invalid";
      return { ok: false as const, errors: { [problem.reason === "DUE_DAY_INVALID" ? "dueDayOfMonth" : "fromDay"]: key } };
    }
    await tx.insert(feeSchedules).values(row);
    await writeAudit(tx, now, { actor, action: "fees.schedule.create", target: { kind: "fee_schedule", id: row.id }, scopePath: await nodePath(tx, compoundId), after: row });
    return { ok: true as const, id: row.id };
  });
}

/**
 * The latest month of `itemCode` billed in the compound whose first day is on or after `fromDay` (and before
 * `beforeDay` when given): the months a schedule ending on `fromDay` would leave without the schedule they were
 * billed under.
 */
async function lastBilledMonthFrom(db: Db, compoundId: string, itemCode: string, fromDay: Day, beforeDay: Day | null): Promise<Month | null> {
  const first = sql`(${billMonths.month} || '-01')`;
  const [r] = await db
    .select({ month: sql<string | null>`max(${billMonths.month})` })
    .from(bills)
    .innerJoin(billMonths, eq(billMonths.billId, bills.id))
    .where(
      and(
        eq(bills.compoundId, compoundId),
        eq(bills.itemCode, itemCode),
        gte(bills.periodTo, monthOf(fromDay)),
        sql`${first} >= ${fromDay}`,
        beforeDay ? sql`${first} < ${beforeDay}` : undefined,
      ),
    );
  return r?.month ?? null;
}

/**
 * End a schedule: from `toDay` on it no longer applies (to_day is exclusive). Refused, writing nothing: a day not
 * after its first day; a day not earlier than its current end (a schedule is shortened, never lengthened — add a new
 * one instead); a day that would leave a month already billed without its schedule; a day inside the period of a
 * billing run still running for the item. Another compound's schedule → null.
 */
export async function endSchedule(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  input: EndScheduleInput,
  now: Date,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors; month?: Month } | null> {
  return db.transaction(async (tx) => {
    if (!(await lockCompound(tx, compoundId))) return null;
    const [s] = await tx
      .select()
      .from(feeSchedules)
      .where(and(eq(feeSchedules.id, input.scheduleId), eq(feeSchedules.compoundId, compoundId)))
      .for("update");
    if (!s) return null;
    if (input.toDay <= s.fromDay) return { ok: false as const, errors: { toDay: "fees.billing.errors.endBeforeStart" } };
    if (s.toDay !== null && input.toDay >= s.toDay) return { ok: false as const, errors: { toDay: "fees.billing.errors.endNotEarlier" } };
    const billed = await lastBilledMonthFrom(tx, compoundId, s.itemCode, input.toDay, s.toDay);
    if (billed) return { ok: false as const, errors: { toDay: "fees.billing.errors.endUnbills" }, month: billed };
    // A run still billing months the schedule would no longer cover.
    const running = await tx
      .select({ from: billingRuns.periodFrom, to: billingRuns.periodTo })
      .from(billingRuns)
      .where(and(eq(billingRuns.compoundId, compoundId), eq(billingRuns.itemCode, s.itemCode), inArray(billingRuns.status, ["running"])));
    for (const r of running) {
      const lost = monthsOf({ from: r.from, to: r.to }).find((m) => monthStart(m) >= input.toDay && (s.toDay === null || monthStart(m) < s.toDay) && monthStart(m) >= s.fromDay);
      if (lost) return { ok: false as const, errors: { toDay: "fees.billing.errors.endRunRunning" }, month: lost };
    }
    await tx.update(feeSchedules).set({ toDay: input.toDay, endedBy: actor?.id ?? null }).where(eq(feeSchedules.id, s.id));
    await writeAudit(tx, now, {
      actor,
      action: "fees.schedule.end",
      target: { kind: "fee_schedule", id: s.id },
      scopePath: await nodePath(tx, compoundId),
      before: { toDay: s.toDay },
      after: { toDay: input.toDay },
      detail: { itemCode: s.itemCode },
    });
    return { ok: true as const };
  });
}
