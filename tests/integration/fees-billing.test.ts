import { describe, expect, it, beforeAll } from "vitest";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { auditLog, billingRuns, billMonths, bills, buildings, creditNotes, feeSchedules, ownerships, paymentAllocations, payments, units } from "~db/schema";
import { addSchedule, endSchedule, listSchedules } from "~/fees/schedules.server";
import { billPeriod, continueRun, getRun, listBills, previewRun, reverseRun, runChunk, runIsActive, runToEnd, startRun, type RunInput } from "~/fees/billing.server";
import { BillListSchema, ScheduleSchema } from "~/fees/billing-schema";
import { ledgerTotals } from "~/fees/ledger.server";
import { billingPeriod, billsForPeriod, monthsOf, monthStart, shiftMonth, type Ownership, type RateSchedule } from "~/fees/rules";
import { parseObject } from "~/ui/form.server";
import { usingPostgres } from "../support/db";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * 和平里一区 (cp_hepingli1) is served by 江安物业 (co_jiangan) under a contract that ends 2026-03-05 (60 days after
 * the template's today, 2026-01-05); 刘强 (usr_demo07) is its staff. 和平里二区 (cp_hepingli2) is quasi-property,
 * collected by the 和平里 community. The fixture adds, in cp_hepingli1: a transfer inside 2026-Q1 (on 2026-02-15,
 * so January and February are the seller's, March the buyer's), a flat the developer has not sold, a flat co-owned
 * by two owners neither of whom was nominated, and a rate change that takes effect on 2026-02-10 (so from March).
 */
const CP = "cp_hepingli1";
const CP2 = "cp_hepingli2";
const NOW = new Date("2026-01-05T10:00:00+08:00");
const staff = { id: "usr_demo07", name: "刘强" };
/** Item codes of this test's own, so that whatever fees the demo seed records cannot meet them. */
const PROP = "tprop";
const PARK = "tpark";
const Q1: RunInput = { itemCode: PROP, periodKind: "quarter", periodFrom: "2026-01" };

const schedule = (over: Record<string, string>) => {
  const r = parseObject(ScheduleSchema, { itemCode: PROP, itemName: "物业服务费", basis: "area", rate: "1.50", fromDay: "2025-01-01", kind_dwelling: "on", kind_shop: "on", ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

async function billCount(compoundId: string, itemCode?: string) {
  const [r] = await h.db.select({ n: count() }).from(bills).where(and(eq(bills.compoundId, compoundId), itemCode ? eq(bills.itemCode, itemCode) : undefined));
  return Number(r.n);
}

async function runsCount(compoundId: string, itemCode: string) {
  const [r] = await h.db.select({ n: count() }).from(billingRuns).where(and(eq(billingRuns.compoundId, compoundId), eq(billingRuns.itemCode, itemCode)));
  return Number(r.n);
}

/** The payer on a day as the data model defines it: the owner in force (co-owned: the nominated voter, else the smallest owner id), else the developer. */
function payerOn(rows: { ownerId: string | null; nominatedVoter: boolean; validFrom: string; validTo: string | null }[], day: string): string {
  const inForce = rows.filter((o) => o.ownerId && o.validFrom <= day && (o.validTo === null || day < o.validTo));
  if (!inForce.length) return "developer";
  const nominated = inForce.find((o) => o.nominatedVoter);
  return nominated ? nominated.ownerId! : inForce.map((o) => o.ownerId!).sort()[0];
}

/** rules.billsForPeriod for every unit of the compound the item covers: what the run must have written, exactly. */
async function expectedBills(compoundId: string, input: RunInput, kinds: string[]) {
  const period = billingPeriod(input.periodKind, input.periodFrom);
  const months = monthsOf(period);
  const scheds = await h.db.select().from(feeSchedules).where(and(eq(feeSchedules.compoundId, compoundId), eq(feeSchedules.itemCode, input.itemCode)));
  const rateSchedules: RateSchedule[] = scheds.map((s) => ({ from: s.fromDay, to: s.toDay, rateFen: s.rateFen, dueDayOfMonth: s.dueDayOfMonth }));
  const basis = scheds[0].basis;
  const us = await h.db.select().from(units).where(and(eq(units.compoundId, compoundId), inArray(units.kind, kinds as ("dwelling" | "shop" | "parking")[]))).orderBy(asc(units.id));
  const shares = await h.db.select().from(ownerships).where(eq(ownerships.compoundId, compoundId));
  const out: { unitId: string; payerKey: string; periodFrom: string; periodTo: string; months: number; amountFen: number; dueDay: string }[] = [];
  for (const u of us) {
    const rows = shares.filter((s) => s.unitId === u.id);
    // One synthetic ownership per month with the payer of its first day (co-owners are one payer).
    const owned: Ownership[] = months.map((m) => ({ payerId: payerOn(rows, monthStart(m)), from: monthStart(m), to: monthStart(shiftMonth(m, 1)) }));
    const r = billsForPeriod({ period, basis, quantity: basis === "area" ? u.areaCenti : 1, schedules: rateSchedules, ownerships: owned, developerId: "developer" });
    if (!r.ok) throw new Error(`no schedule in ${r.month}`);
    for (const b of r.value) out.push({ unitId: u.id, payerKey: b.payerId, periodFrom: b.from, periodTo: b.to, months: b.months.length, amountFen: b.amountFen, dueDay: b.dueDay });
  }
  return out;
}

const sortBills = <T extends { unitId: string; periodFrom: string }>(xs: T[]) => [...xs].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.periodFrom.localeCompare(b.periodFrom));

const fx = { transferUnit: "unt_cp_hepingli1_1", seller: "", buyer: "", devUnit: "unt_t_dev", coUnit: "unt_t_co", coOwners: [] as string[], scheduleA: "", scheduleB: "" };

beforeAll(async () => {
  // A transfer on 2026-02-15 of flat 1.
  const [sold] = await h.db.select().from(ownerships).where(and(eq(ownerships.unitId, fx.transferUnit), sql`${ownerships.validTo} is null`));
  fx.seller = sold.ownerId!;
  const [other] = await h.db.select().from(ownerships).where(and(eq(ownerships.compoundId, CP), sql`${ownerships.ownerId} is not null`, sql`${ownerships.ownerId} <> ${fx.seller}`)).orderBy(asc(ownerships.id)).limit(1);
  fx.buyer = other.ownerId!;
  await h.db.update(ownerships).set({ validTo: "2026-02-15" }).where(eq(ownerships.id, sold.id));
  await h.db.insert(ownerships).values({ id: "osh_t_buyer", compoundId: CP, unitId: fx.transferUnit, ownerId: fx.buyer, validFrom: "2026-02-15", createdAt: NOW });
  // A flat the developer has not sold, and a flat co-owned by two owners, nobody nominated.
  const [b1] = await h.db.select().from(buildings).where(eq(buildings.compoundId, CP)).orderBy(asc(buildings.id)).limit(1);
  await h.db.insert(units).values([
    { id: fx.devUnit, compoundId: CP, buildingId: b1.id, number: "9单元901", kind: "dwelling", areaCenti: 8523, areaSource: "register", createdAt: NOW },
    { id: fx.coUnit, compoundId: CP, buildingId: b1.id, number: "9单元902", kind: "dwelling", areaCenti: 10001, areaSource: "register", createdAt: NOW },
  ]);
  const two = await h.db.selectDistinct({ id: ownerships.ownerId }).from(ownerships).where(and(eq(ownerships.compoundId, CP), sql`${ownerships.ownerId} is not null`)).orderBy(asc(ownerships.ownerId)).limit(2);
  fx.coOwners = two.map((o) => o.id!);
  await h.db.insert(ownerships).values([
    { id: "osh_t_dev", compoundId: CP, unitId: fx.devUnit, ownerId: null, developerUnsold: true, validFrom: "2000-01-01", createdAt: NOW },
    { id: "osh_t_co2", compoundId: CP, unitId: fx.coUnit, ownerId: fx.coOwners[1], validFrom: "2000-01-01", createdAt: NOW },
    { id: "osh_t_co1", compoundId: CP, unitId: fx.coUnit, ownerId: fx.coOwners[0], validFrom: "2000-01-01", createdAt: NOW },
  ]);
});

describe("fee schedules @fees", () => {
  it("adds a schedule, refuses an overlap and a rate more precise than fen, ends one without un-billing; audited", async () => {
    const a = await addSchedule(h.db, staff, CP, schedule({}), NOW);
    expect(a.ok).toBe(true);
    fx.scheduleA = a.ok ? a.id : "";
    // Overlap (the same item in force on the same day) → refused, nothing written.
    expect(await addSchedule(h.db, staff, CP, schedule({ rate: "1.80", fromDay: "2026-02-10" }), NOW)).toEqual({ ok: false, errors: { fromDay: "fees.billing.errors.overlap" } });
    // Another basis for the same item → refused.
    expect(await addSchedule(h.db, staff, CP, schedule({ basis: "unit", fromDay: "2030-01-01" }), NOW)).toEqual({ ok: false, errors: { basis: "fees.billing.errors.basisChanged" } });
    // Rates: more precise than fen, negative, zero, not a number → field errors from the schema.
    for (const [rate, key] of [["1.505", "fees.billing.errors.rateTooPrecise"], ["-1", "fees.billing.errors.rateNegative"], ["0", "fees.billing.errors.rateZero"], ["abc", "fees.billing.errors.rateNotNumber"]]) {
      const r = parseObject(ScheduleSchema, { itemCode: "property", itemName: "物业服务费", basis: "area", rate, fromDay: "2025-01-01", kind_dwelling: "on" });
      expect(r.ok ? null : r.errors.rate).toBe(key);
    }
    const noKinds = parseObject(ScheduleSchema, { itemCode: "property", itemName: "物业服务费", basis: "area", rate: "1", fromDay: "2025-01-01" });
    expect(noKinds.ok ? null : noKinds.errors.unitKinds).toBe("fees.billing.errors.unitKindsRequired");
    expect(await h.db.select().from(feeSchedules).where(and(eq(feeSchedules.compoundId, CP), eq(feeSchedules.itemCode, PROP)))).toHaveLength(1);

    // End A on 2026-02-10 (February's first day is still A's: the new rate applies from March), add B.
    expect(await endSchedule(h.db, staff, CP, { scheduleId: fx.scheduleA, toDay: "2025-01-01" }, NOW)).toEqual({ ok: false, errors: { toDay: "fees.billing.errors.endBeforeStart" } });
    expect(await endSchedule(h.db, staff, CP2, { scheduleId: fx.scheduleA, toDay: "2026-02-10" }, NOW)).toBe(null);
    expect(await endSchedule(h.db, staff, CP, { scheduleId: fx.scheduleA, toDay: "2026-02-10" }, NOW)).toEqual({ ok: true });
    expect(await endSchedule(h.db, staff, CP, { scheduleId: fx.scheduleA, toDay: "2026-03-10" }, NOW)).toEqual({ ok: false, errors: { toDay: "fees.billing.errors.endNotEarlier" } });
    const b = await addSchedule(h.db, staff, CP, schedule({ rate: "1.80", fromDay: "2026-02-10" }), NOW);
    expect(b.ok).toBe(true);
    fx.scheduleB = b.ok ? b.id : "";
    // Parking: per space, parking spaces only, ending before April.
    const p = await addSchedule(h.db, staff, CP, schedule({ itemCode: PARK, itemName: "车位管理费", basis: "space", rate: "150", kind_dwelling: "", kind_shop: "", kind_parking: "on", dueDayOfMonth: "15" }), NOW);
    expect(p.ok).toBe(true);
    if (p.ok) expect(await endSchedule(h.db, staff, CP, { scheduleId: p.id, toDay: "2026-04-01" }, NOW)).toEqual({ ok: true });

    const items = (await listSchedules(h.db, CP, "2026-01-05")).filter((i) => [PROP, PARK].includes(i.itemCode));
    expect(items.map((i) => [i.itemCode, i.schedules.length, i.current?.rateFen])).toEqual([[PARK, 1, 15000], [PROP, 2, 150]]);
    const ids = [fx.scheduleA, fx.scheduleB, p.ok ? p.id : ""];
    const audits = await h.db.select().from(auditLog).where(and(inArray(auditLog.action, ["fees.schedule.create", "fees.schedule.end"]), inArray(auditLog.targetId, ids)));
    expect(audits.filter((x) => x.action === "fees.schedule.create")).toHaveLength(3);
    expect(audits.filter((x) => x.action === "fees.schedule.end")).toHaveLength(2);
  });
});

describe("billing runs @fees", () => {
  it("refuses a bad period, a month without a schedule, a period beyond the schedule or too far ahead, nobody collecting — writing nothing", async () => {
    const problems = async (input: RunInput) => (await previewRun(h.db, CP, input, NOW)).problems;
    expect(await problems({ ...Q1, periodFrom: "2026-02" })).toEqual([{ code: "PERIOD_START", reason: "NOT_QUARTER_START" }]);
    expect(await problems({ ...Q1, periodKind: "year", periodFrom: "2026-03" })).toEqual([{ code: "PERIOD_START", reason: "NOT_YEAR_START" }]);
    expect(await problems({ ...Q1, periodFrom: "2026-13" })).toEqual([{ code: "PERIOD_START", reason: "NOT_A_MONTH" }]);
    expect(await problems({ ...Q1, periodKind: "month", periodFrom: "2024-12" })).toEqual([{ code: "NO_SCHEDULE", month: "2024-12" }]);
    expect(await problems({ ...Q1, itemCode: "nosuchitem" })).toEqual([{ code: "UNKNOWN_ITEM" }]);
    // Parking ends 2026-04-01: April is beyond its schedule, and nobody collects then (the contract ends 2026-03-05).
    expect(await problems({ itemCode: PARK, periodKind: "month", periodFrom: "2026-04" })).toEqual([{ code: "BEYOND_SCHEDULE", month: "2026-04" }, { code: "NO_COLLECTOR", month: "2026-04" }]);
    expect(await problems({ ...Q1, periodFrom: "2026-04" })).toEqual([{ code: "NO_COLLECTOR", month: "2026-04" }]);
    expect((await problems({ ...Q1, periodFrom: "2027-04" }))[0]).toEqual({ code: "TOO_FAR_AHEAD", limit: "2027-01" });
    // Acting for another collecting body.
    expect((await previewRun(h.db, CP, Q1, NOW, { collectorKey: "community:com_hepingli" })).problems).toEqual([{ code: "OTHER_COLLECTOR" }]);
    for (const input of [{ ...Q1, periodFrom: "2026-02" }, { ...Q1, periodFrom: "2026-04" }, { ...Q1, itemCode: "nosuchitem" }]) {
      const r = await startRun(h.db, staff, CP, input, NOW);
      expect(r.ok).toBe(false);
    }
    expect(await runsCount(CP, PROP)).toBe(0);
    expect(await billCount(CP, PROP)).toBe(0);
  });

  let runId = "";
  it("previews and runs a quarter in chunks: amounts equal rules.billsForPeriod exactly (transfer, developer, co-owned, rate change)", async () => {
    const preview = await previewRun(h.db, CP, Q1, NOW);
    expect(preview.problems).toEqual([]);
    expect(preview.collector?.key).toBe("company:co_jiangan");
    const expected = await expectedBills(CP, Q1, ["dwelling", "shop"]);
    const dwellingsAndShops = await h.db.select({ n: count() }).from(units).where(and(eq(units.compoundId, CP), inArray(units.kind, ["dwelling", "shop"])));
    expect(preview.unitsTotal).toBe(Number(dwellingsAndShops[0].n));
    expect(preview.unitsToBill).toBe(preview.unitsTotal);
    expect(preview.unitsSkipped).toBe(0);
    expect(preview.bills).toBe(expected.length);
    expect(preview.bills).toBe(preview.unitsTotal + 1); // the transfer splits one unit's quarter
    expect(preview.totalFen).toBe(expected.reduce((a, b) => a + b.amountFen, 0));
    expect(preview.samples).toHaveLength(5);
    expect(preview.samples[0]).toMatchObject({ payerKind: expect.any(String), amountFen: expect.any(Number) });

    const started = await startRun(h.db, staff, CP, Q1, NOW, { collectorKey: "company:co_jiangan" });
    expect(started.ok).toBe(true);
    runId = started.ok ? started.runId : "";
    const first = await runChunk(h.db, runId, 50, () => NOW);
    expect(first).toMatchObject({ done: false, status: "running", unitsDone: 50, chunk: { units: 50 } });
    const end = await runToEnd(h.db, runId, { size: 50, clock: () => NOW });
    expect(end).toMatchObject({ done: true, status: "done", unitsDone: preview.unitsTotal, billsCreated: expected.length, totalFen: preview.totalFen });

    const written = await h.db.select().from(bills).where(eq(bills.runId, runId));
    expect(sortBills(written.map((b) => ({ unitId: b.unitId, payerKey: b.payerKey, periodFrom: b.periodFrom, periodTo: b.periodTo, months: b.months, amountFen: b.amountFen, dueDay: b.dueDay })))).toEqual(sortBills(expected));
    // The cases the fixture set up, spelled out.
    const of = (unitId: string) => written.filter((b) => b.unitId === unitId).sort((a, b) => a.periodFrom.localeCompare(b.periodFrom));
    expect(of(fx.transferUnit).map((b) => [b.payerKey, b.periodFrom, b.periodTo, b.months])).toEqual([[fx.seller, "2026-01", "2026-02", 2], [fx.buyer, "2026-03", "2026-03", 1]]);
    expect(of(fx.devUnit)).toMatchObject([{ payerKind: "developer", payerKey: "developer", payerOwnerId: null, rates: [150, 150, 180], quantity: 8523, amountFen: Math.floor(((150 + 150 + 180) * 8523 + 50) / 100), dueDay: "2026-01-31" }]);
    expect(of(fx.coUnit)).toMatchObject([{ payerKind: "owner", payerKey: fx.coOwners[0], amountFen: Math.floor((480 * 10001 + 50) / 100) }]);
    // Months: one row per month billed.
    const [m] = await h.db.select({ n: count() }).from(billMonths).innerJoin(bills, eq(bills.id, billMonths.billId)).where(eq(bills.runId, runId));
    expect(Number(m.n)).toBe(expected.reduce((a, b) => a + b.months, 0));
    const run = await getRun(h.db, CP, runId);
    expect(run).toMatchObject({ status: "done", collectorKey: "company:co_jiangan", unitsBilled: preview.unitsTotal, startedByName: "刘强" });
    expect(run!.finishedAt).not.toBe(null);
    expect(await getRun(h.db, CP2, runId)).toBe(null);
    const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.targetId, runId)));
    expect(audits.map((a) => a.action).sort()).toEqual(["fees.run.finish", "fees.run.start"]);
  });

  it("re-running the same period creates nothing and says so; a month of the billed quarter is not billed again", async () => {
    const before = await billCount(CP, PROP);
    const preview = await previewRun(h.db, CP, Q1, NOW);
    expect(preview).toMatchObject({ problems: [], bills: 0, totalFen: 0, unitsToBill: 0 });
    expect(preview.unitsSkipped).toBe(preview.unitsTotal);
    const again = await billPeriod(h.db, staff, CP, Q1, NOW);
    expect(again).toMatchObject({ ok: true, billsCreated: 0, totalFen: 0, unitsSkipped: preview.unitsTotal });
    const feb = await billPeriod(h.db, staff, CP, { ...Q1, periodKind: "month", periodFrom: "2026-02" }, NOW);
    expect(feb).toMatchObject({ ok: true, billsCreated: 0 });
    expect(await billCount(CP, PROP)).toBe(before);
  });

  it("parking per space with a due day of the month, exact", async () => {
    const r = await billPeriod(h.db, staff, CP, { itemCode: PARK, periodKind: "month", periodFrom: "2026-01" }, NOW);
    const expected = await expectedBills(CP, { itemCode: PARK, periodKind: "month", periodFrom: "2026-01" }, ["parking"]);
    expect(r).toMatchObject({ ok: true, billsCreated: 20, totalFen: 20 * 15000 });
    const written = await h.db.select().from(bills).where(and(eq(bills.compoundId, CP), eq(bills.itemCode, PARK)));
    expect(sortBills(written.map((b) => ({ unitId: b.unitId, payerKey: b.payerKey, periodFrom: b.periodFrom, periodTo: b.periodTo, months: b.months, amountFen: b.amountFen, dueDay: b.dueDay })))).toEqual(sortBills(expected));
    expect(written.every((b) => b.dueDay === "2026-01-15" && b.quantity === 1)).toBe(true);
  });

  it("a schedule cannot end so that a billed month loses it", async () => {
    expect(await endSchedule(h.db, staff, CP, { scheduleId: fx.scheduleB, toDay: "2026-03-01" }, NOW)).toEqual({ ok: false, errors: { toDay: "fees.billing.errors.endUnbills" }, month: "2026-03" });
    expect(await endSchedule(h.db, staff, CP, { scheduleId: fx.scheduleB, toDay: "2026-03-02" }, NOW)).toEqual({ ok: true });
    const [s] = await h.db.select().from(feeSchedules).where(eq(feeSchedules.id, fx.scheduleB));
    expect(s).toMatchObject({ toDay: "2026-03-02", endedBy: staff.id });
  });

  it("the bills list: filters, sort, masked names for those who do not collect, totals", async () => {
    const p = BillListSchema.parse({ item: PROP, sort: "amount", dir: "desc", size: "10" });
    const collector = await listBills(h.db, CP, p, "2026-01-05", { revealNames: true });
    expect(collector.total).toBe(await billCount(CP, PROP));
    expect(collector.rows).toHaveLength(10);
    expect(collector.rows[0].amountFen).toBeGreaterThanOrEqual(collector.rows[1].amountFen);
    const viewer = await listBills(h.db, CP, p, "2026-01-05", { revealNames: false });
    const person = viewer.rows.find((r) => r.payerKind === "owner" && [...collector.rows.find((c) => c.id === r.id)!.payerName].length >= 2)!;
    expect(person.payerName).toContain("*");
    expect(collector.totals.billedFen).toBe(collector.totals.outstandingFen);
    // Overdue as of 2026-02-01: every bill due 2026-01-31 — all but the buyer's March bill (due 2026-03-31).
    const overdue = await listBills(h.db, CP, BillListSchema.parse({ item: PROP, status: "overdue" }), "2026-02-01", { revealNames: true });
    expect(overdue.total).toBe(collector.total - 1);
    expect(overdue.rows.some((r) => r.unitId === fx.transferUnit && r.periodFrom === "2026-03")).toBe(false);
    expect(overdue.rows[0]).toMatchObject({ state: "overdue", daysOverdue: 1 });
    const march = await listBills(h.db, CP, BillListSchema.parse({ item: PROP, period: "2026-03", q: "9单元" }), "2026-01-05", { revealNames: false });
    expect(march.rows.map((r) => r.unitId).sort()).toEqual([fx.coUnit, fx.devUnit]);
    // A viewer's search does not match payer names.
    const name = collector.rows[0].payerName;
    expect((await listBills(h.db, CP, BillListSchema.parse({ item: PROP, q: name }), "2026-01-05", { revealNames: false })).total).toBe(0);
    expect((await listBills(h.db, CP, BillListSchema.parse({ item: PROP, q: name }), "2026-01-05", { revealNames: true })).total).toBeGreaterThan(0);
    expect((await listBills(h.db, CP2, p, "2026-01-05", { revealNames: true })).total).toBe(0);
  });

  it("a run carried out in the background: a failure leaves it running and resumable; continuing finishes it once", async () => {
    const item = "tlift1";
    expect((await addSchedule(h.db, staff, CP, schedule({ itemCode: item, itemName: "电梯费", basis: "unit", rate: "12", kind_shop: "" }), NOW)).ok).toBe(true);
    const input: RunInput = { itemCode: item, periodKind: "month", periodFrom: "2026-01" };
    const started = await startRun(h.db, staff, CP, input, NOW);
    if (!started.ok) throw new Error("not started");
    await runChunk(h.db, started.runId, 40, () => NOW);
    // Interrupted (as after a restart): running, nobody carrying it out.
    expect(await getRun(h.db, CP, started.runId)).toMatchObject({ status: "running", unitsDone: 40, active: false, stopped: true });
    // A background attempt that fails is logged and leaves the run as it was.
    const failing = continueRun(h.db, started.runId, { size: 0 });
    expect(failing.started).toBe(true);
    await failing.finished;
    expect(runIsActive(started.runId)).toBe(false);
    expect(await getRun(h.db, CP, started.runId)).toMatchObject({ status: "running", unitsDone: 40, stopped: true });
    // Continue: the remaining chunks, each bill once.
    const go = continueRun(h.db, started.runId, { size: 40, clock: () => NOW });
    expect(runIsActive(started.runId)).toBe(true);
    expect(continueRun(h.db, started.runId).started).toBe(false);
    await go.finished;
    const run = await getRun(h.db, CP, started.runId);
    expect(run).toMatchObject({ status: "done", unitsDone: started.unitsTotal, billsCreated: started.unitsTotal, totalFen: 1200 * started.unitsTotal, stopped: false });
    expect(await billCount(CP, item)).toBe(started.unitsTotal);
  });

  it("reverses a run by credit notes of each bill's outstanding amount, never deleting; paid parts stay paid", async () => {
    const [paidBill] = await h.db.select().from(bills).where(eq(bills.runId, runId)).orderBy(asc(bills.id)).limit(1);
    await h.db.insert(payments).values({
      id: "pay_t_1", compoundId: CP, collectorKey: "company:co_jiangan", unitId: paidBill.unitId, payerName: paidBill.payerName, method: "cash", amountFen: 1000,
      idempotencyKey: "fees-billing-test-1", receiptYear: 1999, receiptNo: 1, recordedBy: staff.id, paidAt: NOW, createdAt: NOW,
    });
    await h.db.insert(paymentAllocations).values({ id: "pal_t_1", paymentId: "pay_t_1", billId: paidBill.id, amountFen: 1000, createdAt: NOW });
    const before = await ledgerTotals(h.db, eq(bills.runId, runId));
    expect(await reverseRun(h.db, staff, CP2, runId, "标准有误", NOW)).toBe(null);
    const r = await reverseRun(h.db, staff, CP, runId, "标准有误", NOW);
    expect(r).toEqual({ ok: true, notes: before.billedFen > 0 ? expect.any(Number) : 0, creditedFen: before.outstandingFen });
    const after = await ledgerTotals(h.db, eq(bills.runId, runId));
    expect(after).toEqual({ billedFen: before.billedFen, paidFen: 1000, creditedFen: before.outstandingFen, outstandingFen: 0 });
    const [note] = await h.db.select().from(creditNotes).where(eq(creditNotes.billId, paidBill.id));
    expect(note).toMatchObject({ amountFen: paidBill.amountFen - 1000, runId, reason: "标准有误" });
    expect((await getRun(h.db, CP, runId))!.status).toBe("reversed");
    expect(await reverseRun(h.db, staff, CP, runId, "again", NOW)).toEqual({ ok: false, error: "ALREADY_REVERSED" });
    // Bills are still there; the months stay billed.
    expect((await h.db.select().from(bills).where(eq(bills.runId, runId))).length).toBeGreaterThan(0);
    expect((await previewRun(h.db, CP, Q1, NOW)).bills).toBe(0);
    expect((await h.db.select().from(auditLog).where(and(eq(auditLog.action, "fees.run.reverse"), eq(auditLog.targetId, runId))))).toHaveLength(1);
  });
});

describe("billing runs racing on PostgreSQL @fees", () => {
  const community = { id: "usr_demo03", name: "王芳" };
  beforeAll(async () => {
    for (const itemCode of ["tprop2", "tgarbage", "tlift"]) {
      const r = await addSchedule(h.db, community, CP2, schedule({ itemCode, itemName: itemCode, basis: itemCode === "tprop2" ? "area" : "unit", rate: itemCode === "tprop2" ? "0.55" : "8" }), NOW);
      expect(r.ok).toBe(true);
    }
  });

  it.runIf(usingPostgres())("two parallel runs of the same period → one set of bills", async () => {
    const input: RunInput = { itemCode: "tprop2", periodKind: "quarter", periodFrom: "2026-01" };
    const expected = await expectedBills(CP2, input, ["dwelling", "shop"]);
    const [a, b] = await Promise.all([startRun(h.db, community, CP2, input, NOW), startRun(h.db, community, CP2, input, NOW)]);
    if (!a.ok || !b.ok) throw new Error("not started");
    const [ra, rb] = await Promise.all([runToEnd(h.db, a.runId, { size: 20, clock: () => NOW }), runToEnd(h.db, b.runId, { size: 20, clock: () => NOW })]);
    expect(ra.billsCreated + rb.billsCreated).toBe(expected.length);
    expect(ra.totalFen + rb.totalFen).toBe(expected.reduce((x, y) => x + y.amountFen, 0));
    const written = await h.db.select().from(bills).where(and(eq(bills.compoundId, CP2), eq(bills.itemCode, "tprop2")));
    expect(sortBills(written.map((w) => ({ unitId: w.unitId, payerKey: w.payerKey, periodFrom: w.periodFrom, periodTo: w.periodTo, months: w.months, amountFen: w.amountFen, dueDay: w.dueDay })))).toEqual(sortBills(expected));
  });

  it.runIf(usingPostgres())("a run stopped after its first chunk, then a new run → exactly one set of bills", async () => {
    const input: RunInput = { itemCode: "tgarbage", periodKind: "month", periodFrom: "2026-01" };
    const expected = await expectedBills(CP2, input, ["dwelling", "shop"]);
    const a = await startRun(h.db, community, CP2, input, NOW);
    if (!a.ok) throw new Error("not started");
    const first = await runChunk(h.db, a.runId, 30, () => NOW);
    expect(first).toMatchObject({ done: false, chunk: { units: 30, bills: 30 } });
    const b = await billPeriod(h.db, community, CP2, input, NOW);
    expect(b).toMatchObject({ ok: true, billsCreated: expected.length - 30 });
    expect(await billCount(CP2, "tgarbage")).toBe(expected.length);
    // The stopped run, continued, finds nothing left.
    const rest = await runToEnd(h.db, a.runId, { clock: () => NOW });
    expect(rest).toMatchObject({ done: true, billsCreated: 30 });
    expect(await billCount(CP2, "tgarbage")).toBe(expected.length);
  });

  it.runIf(usingPostgres())("a quarter and one of its months billed at once → every month billed once, every bill with all its months", async () => {
    const quarter: RunInput = { itemCode: "tlift", periodKind: "quarter", periodFrom: "2026-01" };
    const feb: RunInput = { itemCode: "tlift", periodKind: "month", periodFrom: "2026-02" };
    const [a, b] = await Promise.all([startRun(h.db, community, CP2, quarter, NOW), startRun(h.db, community, CP2, feb, NOW)]);
    if (!a.ok || !b.ok) throw new Error("not started");
    await Promise.all([runToEnd(h.db, a.runId, { size: 7, clock: () => NOW }), runToEnd(h.db, b.runId, { size: 5, clock: () => NOW })]);
    const n = a.unitsTotal;
    const written = await h.db.select().from(bills).where(and(eq(bills.compoundId, CP2), eq(bills.itemCode, "tlift")));
    const [m] = await h.db.select({ n: count() }).from(billMonths).innerJoin(bills, eq(bills.id, billMonths.billId)).where(and(eq(bills.compoundId, CP2), eq(bills.itemCode, "tlift")));
    expect(Number(m.n)).toBe(3 * n);
    expect(written.reduce((x, w) => x + w.months, 0)).toBe(3 * n);
    expect(written.reduce((x, w) => x + w.amountFen, 0)).toBe(3 * 800 * n);
  });
});
