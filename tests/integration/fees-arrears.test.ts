import { describe, expect, it } from "vitest";
import { and, asc, count, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "~db/client.server";
import {
  auditLog,
  billMonths,
  bills,
  committeeMembers,
  committees,
  compounds,
  creditNotes,
  feeReminders,
  notifications,
  owners,
  ownerships,
  paymentAllocations,
  payments,
  units,
  users,
} from "~db/schema";
import type { Actor } from "~/auth/guard.server";
import { loadActiveGrants } from "~/auth/guard.server";
import { committeeHome, committeeMembersPayments } from "~/committees/pages.server";
import { formPrepGroup, setUpElection } from "~/elections/prep.server";
import { nominate } from "~/elections/candidates.server";
import { eligibilityFindings } from "~/elections/rules";
import { arrearsTotals, asOfDay, candidateArrearsFen, CANDIDATE_ARREARS_DAYS, lastHalfYearEnd, listArrears, type AsOf } from "~/fees/arrears.server";
import { ArrearsListSchema, AreaFeesListSchema } from "~/fees/arrears-schema";
import { collectorOf } from "~/fees/collector.server";
import { feesHome, feesViewer, reportAsOf } from "~/fees/home.server";
import { areaFeesOverview, collectorsUnder, compoundRates } from "~/fees/rates.server";
import { letterFor, letterText, reminderLetterPdf, sendBucketReminders, sendReminder } from "~/fees/reminders.server";
import { agingBucket, AGING_BUCKETS, collectionRate, householdCollectionRate, monthsOf, percentText, type AgingBucket } from "~/fees/rules";
import { i18nServer } from "~/i18n/i18n.server";
import { addDays, startOfDay } from "~/platform/days";
import { useTestDb } from "../support/test-db";
import { usingPostgres } from "../support/db";
import { pdfText } from "../support/pdf-text";

const h = useTestDb();
const raw = async <T,>(q: SQL) => rowsOf<T>(await h.db.execute(q));

/**
 * Arrears, collection rates, reminders and the two feeds, on fixture bills written straight into the ledger
 * tables (bills + bill_months, payments + allocations, credit notes) — the billing and payment engines are
 * tested in their own files. 松林苑 (cp_songlin, 松林物业 co_songlin, staff 邓磊 usr_demo19, a committee in office)
 * has no demo bills; 南苑小区 (cp_nanyuan) hosts the election. The demo clock: 2026-01-05 10:00 in Shanghai.
 */
const at = (s: string) => new Date(s);
const CP = "cp_songlin";
const NOW = at("2026-01-05T10:00:00+08:00");
const TODAY = "2026-01-05";
const COLLECTOR = "company:co_songlin";
const STAFF = { id: "usr_demo19", name: "邓磊" };
const FORBIDDEN = ["停水", "停电", "停气", "滞纳金"];

let receiptNo = 900_000;
let seq = 0;
const nextId = (p: string) => `${p}_t_arr_${++seq}`;

type BillIn = { unitId: string; ownerId: string | null; payerName: string; item: string; from: string; to?: string; amountFen: number; dueDay: string; createdAt: Date; compoundId?: string; collectorKey?: string };

async function addBill(b: BillIn): Promise<string> {
  const id = nextId("bil");
  const months = monthsOf({ from: b.from, to: b.to ?? b.from });
  const [u] = await h.db.select({ buildingId: units.buildingId, compoundId: units.compoundId }).from(units).where(eq(units.id, b.unitId));
  await h.db.insert(bills).values({
    id, compoundId: b.compoundId ?? u.compoundId, buildingId: u.buildingId, unitId: b.unitId, collectorKey: b.collectorKey ?? COLLECTOR, itemCode: b.item, itemName: `测试${b.item}`,
    periodFrom: months[0], periodTo: months[months.length - 1], months: months.length, payerKind: b.ownerId ? "owner" : "developer", payerOwnerId: b.ownerId,
    payerKey: b.ownerId ?? "developer", payerName: b.payerName, quantity: 1, rates: months.map(() => 0), amountFen: b.amountFen, dueDay: b.dueDay, source: "import", createdAt: b.createdAt,
  });
  await h.db.insert(billMonths).values(months.map((month) => ({ unitId: b.unitId, itemCode: b.item, month, billId: id })));
  return id;
}

async function pay(unitId: string, paidAt: Date, allocations: [string, number][], extraFen = 0, compoundId = CP): Promise<string> {
  const id = nextId("pay");
  const amountFen = allocations.reduce((s, [, f]) => s + f, 0) + extraFen;
  await h.db.insert(payments).values({
    id, compoundId, collectorKey: COLLECTOR, unitId, payerName: "测试", method: "cash", amountFen, idempotencyKey: id, receiptYear: 2026, receiptNo: ++receiptNo, paidAt, createdAt: paidAt,
  });
  if (allocations.length) await h.db.insert(paymentAllocations).values(allocations.map(([billId, fen]) => ({ id: nextId("pal"), paymentId: id, billId, amountFen: fen, createdAt: paidAt })));
  return id;
}

async function credit(billId: string, amountFen: number, createdAt: Date) {
  await h.db.insert(creditNotes).values({ id: nextId("crn"), compoundId: CP, billId, amountFen, reason: "测试冲销", createdAt });
}

/** Units of the compound with exactly one owner in force (not a committee member), in id order. */
async function singleOwnerUnits(compoundId: string, n: number, skipOwners: string[] = []) {
  const rows = await h.db
    .select({ unitId: ownerships.unitId, ownerId: sql<string>`min(${ownerships.ownerId})`, name: sql<string>`min(${owners.name})` })
    .from(ownerships)
    .innerJoin(owners, eq(owners.id, ownerships.ownerId))
    .where(and(eq(ownerships.compoundId, compoundId), isNull(ownerships.validTo), isNotNull(ownerships.ownerId), eq(owners.kind, "person")))
    .groupBy(ownerships.unitId)
    .having(sql`count(*) = 1`)
    .orderBy(asc(ownerships.unitId));
  return rows.filter((r) => !skipOwners.includes(r.ownerId)).slice(0, n);
}

let memberOwners: string[] = [];
let U: { unitId: string; ownerId: string; name: string }[] = [];

async function setUp() {
  if (U.length) return;
  const [c] = await h.db.select({ id: committees.id }).from(committees).where(and(eq(committees.compoundId, CP), eq(committees.status, "active")));
  memberOwners = (await h.db.select({ ownerId: committeeMembers.ownerId }).from(committeeMembers).where(eq(committeeMembers.committeeId, c.id))).map((m) => m.ownerId);
  U = await singleOwnerUnits(CP, 20, memberOwners);
  expect(U).toHaveLength(20);
  // The compound has no bills before these tests (the demo bills other compounds).
  expect(Number((await h.db.select({ n: count() }).from(bills).where(eq(bills.compoundId, CP)))[0].n)).toBe(0);
}

const all = { page: 1, size: 100, sort: "unit" as const, dir: "asc" as const };
const collectorView = { seesNames: true };

// ————————————————————————————————————————————————————————— ageing

const DAYS = [0, 1, 30, 31, 90, 91, 180, 181];
const AS_OF: AsOf = asOfDay(TODAY);

describe("arrears ageing through SQL equals rules.agingBucket @fees", () => {
  it("a bill is in arrears from day 1 after its due day; days and buckets at 0/1/30/31/90/91/180/181", async () => {
    await setUp();
    for (const [i, d] of DAYS.entries()) {
      await addBill({ unitId: U[i].unitId, ownerId: U[i].ownerId, payerName: U[i].name, item: "t_age", from: "2025-01", amountFen: 10_000, dueDay: addDays(TODAY, -d), createdAt: at("2025-01-01T09:00:00+08:00") });
    }
    const { rows, total } = await listArrears(h.db, CP, all, {}, AS_OF, collectorView);
    expect(total).toBe(DAYS.length - 1);
    for (const [i, d] of DAYS.entries()) {
      const row = rows.find((r) => r.unitId === U[i].unitId);
      if (d === 0) {
        expect(row, "due today: not in arrears yet").toBeUndefined();
        continue;
      }
      expect(row).toMatchObject({ daysOverdue: d, bucket: agingBucket(d), oldestDueDay: addDays(TODAY, -d), outstandingFen: 10_000, bills: 1, payerName: U[i].name, lastReminderId: null });
    }
    // The bucket filter in SQL picks exactly the rule's units.
    for (const b of AGING_BUCKETS) {
      const r = await listArrears(h.db, CP, all, { bucket: b }, AS_OF, collectorView);
      const want = DAYS.map((d, i) => [d, i] as const).filter(([d]) => d > 0 && agingBucket(d) === b).map(([, i]) => U[i].unitId).sort();
      expect(r.rows.map((x) => x.unitId).sort()).toEqual(want);
      expect(r.total).toBe(want.length);
    }
    // Totals per bucket: 1–30 has 1 and 30, 31–90 has 31 and 90, …
    const totals = await arrearsTotals(h.db, CP, AS_OF);
    const byBucket = (b: AgingBucket) => DAYS.filter((d) => d > 0 && agingBucket(d) === b).length * 10_000;
    expect(totals.buckets).toEqual({ "1-30": byBucket("1-30"), "31-90": byBucket("31-90"), "91-180": byBucket("91-180"), "181+": byBucket("181+") });
    expect(totals.totalFen).toBe(70_000);
    expect(totals.payers).toBe(7);
    expect(totals.buildings.reduce((s, b) => s + b.totalFen, 0)).toBe(70_000);
    // A day earlier everything is one day younger: the 1-day bill is not overdue yet.
    const before = await listArrears(h.db, CP, all, {}, asOfDay(addDays(TODAY, -1)), collectorView);
    expect(before.total).toBe(6);
    expect(before.rows.find((r) => r.unitId === U[7].unitId)?.bucket).toBe("91-180"); // 180 days then
  });

  it("names are masked for viewers who do not collect; name search only for those who see names; sort, filters, pages", async () => {
    const masked = await listArrears(h.db, CP, all, {}, AS_OF, { seesNames: false });
    const r1 = masked.rows.find((r) => r.unitId === U[1].unitId)!;
    expect(r1.payerName).not.toBe(U[1].name);
    expect(r1.payerName[0]).toBe(U[1].name[0]);
    expect(r1.payerName).toContain("*");
    const byName = { q: U[1].name, searchNames: true };
    expect((await listArrears(h.db, CP, all, byName, AS_OF, collectorView)).rows.map((r) => r.unitId)).toEqual([U[1].unitId]);
    expect((await listArrears(h.db, CP, all, byName, AS_OF, { seesNames: false })).total).toBe(0);
    const sorted = await listArrears(h.db, CP, { ...all, sort: "days", dir: "desc" }, {}, AS_OF, collectorView);
    expect(sorted.rows.map((r) => r.daysOverdue)).toEqual([181, 180, 91, 90, 31, 30, 1]);
    const page2 = await listArrears(h.db, CP, { page: 2, size: 3, sort: "days", dir: "asc" }, {}, AS_OF, collectorView);
    expect(page2.rows.map((r) => r.daysOverdue)).toEqual([90, 91, 180]);
    expect(page2.total).toBe(7);
    const past = await listArrears(h.db, CP, { page: 9, size: 10, sort: "days", dir: "asc" }, {}, AS_OF, collectorView);
    expect(past).toEqual({ rows: [], total: 7 });
    expect((await listArrears(h.db, CP, all, { minFen: 10_001 }, AS_OF, collectorView)).total).toBe(0);
    // Malformed list params fall back to defaults, never throw.
    expect(ArrearsListSchema.parse({ sort: "drop table", bucket: "999", asOf: "2026-02-30", size: "7" })).toMatchObject({ sort: "days", bucket: undefined, asOf: undefined, size: 25 });
  });
});

// ————————————————————————————————————————————————————————— collection rate

describe("collection rate with credit notes and partial payments; by households @fees", () => {
  const billIds: Record<string, string> = {};
  const fixture: { unitId: string; key: string; amountFen: number; creditedFen: number; paidFen: number }[] = [];

  it("this month: paid ÷ (billed − credited), exactly; households whose bills are all paid", async () => {
    const mk = async (k: string, u: number, item: string, amountFen: number) => {
      billIds[k] = await addBill({ unitId: U[u].unitId, ownerId: U[u].ownerId, payerName: U[u].name, item, from: "2026-01", amountFen, dueDay: "2026-01-31", createdAt: at("2026-01-01T09:00:00+08:00") });
    };
    await mk("A", 8, "property", 10_000);
    await mk("B", 9, "property", 10_000);
    await mk("C", 10, "property", 10_000);
    await mk("D", 11, "property", 10_000);
    await mk("E1", 12, "property", 6_000);
    await mk("E2", 12, "parking", 4_000);
    await pay(U[8].unitId, at("2026-01-02T10:00:00+08:00"), [[billIds.A, 10_000]]);
    await credit(billIds.B, 2_000, at("2026-01-02T11:00:00+08:00"));
    await pay(U[9].unitId, at("2026-01-02T12:00:00+08:00"), [[billIds.B, 8_000]]);
    await pay(U[10].unitId, at("2026-01-04T09:00:00+08:00"), [[billIds.C, 3_000]]); // partial, on the 4th
    await credit(billIds.D, 10_000, at("2026-01-03T09:00:00+08:00")); // credited to nothing
    await pay(U[12].unitId, at("2026-01-03T10:00:00+08:00"), [[billIds.E1, 6_000]], 500); // 5 元 left as prepayment credit
    fixture.push(
      { unitId: U[8].unitId, key: "A", amountFen: 10_000, creditedFen: 0, paidFen: 10_000 },
      { unitId: U[9].unitId, key: "B", amountFen: 10_000, creditedFen: 2_000, paidFen: 8_000 },
      { unitId: U[10].unitId, key: "C", amountFen: 10_000, creditedFen: 0, paidFen: 3_000 },
      { unitId: U[11].unitId, key: "D", amountFen: 10_000, creditedFen: 10_000, paidFen: 0 },
      { unitId: U[12].unitId, key: "E1", amountFen: 6_000, creditedFen: 0, paidFen: 6_000 },
      { unitId: U[12].unitId, key: "E2", amountFen: 4_000, creditedFen: 0, paidFen: 0 },
    );

    const r = await compoundRates(h.db, CP, reportAsOf(undefined, NOW));
    expect(r.month).toBe("2026-01");
    expect(r.thisMonth).toMatchObject({ billedFen: 50_000, creditedFen: 12_000, paidFen: 27_000, outstandingFen: 11_000 });
    expect(r.thisMonth.rate).toEqual({ num: 27_000, den: 38_000 });
    expect(r.thisMonth.rate).toEqual(collectionRate({ billedFen: 50_000, creditedFen: 12_000, paidFen: 27_000 }));
    expect(percentText(r.thisMonth.rate!)).toBe("71.1%");
    // Households: A and B paid in full, C partly, D credited to nothing (not counted), E one of two bills.
    expect(r.thisMonth.households).toEqual({ num: 2, den: 4 });
    expect(r.thisMonth.households).toEqual(householdCollectionRate(fixture.map((f) => ({ unitId: f.unitId, billedFen: f.amountFen, creditedFen: f.creditedFen, paidFen: f.paidFen }))));
    // The year so far is this month; the 12-month table ends with it; buildings add up.
    expect(r.thisYear).toMatchObject({ billedFen: 50_000, creditedFen: 12_000, paidFen: 27_000, households: { num: 2, den: 4 } });
    expect(r.months).toHaveLength(12);
    expect(r.months[0].month).toBe("2025-02");
    expect(r.months[11]).toMatchObject({ month: "2026-01", billedFen: 50_000, paidFen: 27_000, rate: { num: 27_000, den: 38_000 } });
    expect(r.months.slice(0, 11).every((m) => m.rate === null)).toBe(true);
    expect(r.buildings.reduce((s, b) => s + b.month.paidFen, 0)).toBe(27_000);
    expect(r.buildings.reduce((s, b) => s + b.year.billedFen - b.year.creditedFen, 0)).toBe(38_000);
  });

  it("as of an earlier day: the payment of the 4th and the credit note of the 3rd do not count yet", async () => {
    const r = await compoundRates(h.db, CP, asOfDay("2026-01-02"));
    expect(r.thisMonth).toMatchObject({ billedFen: 50_000, creditedFen: 2_000, paidFen: 18_000 });
    expect(r.thisMonth.households).toEqual({ num: 2, den: 5 });
    // At the end of 2025 January's bills did not exist yet; the 2025-01 bills of the ageing test are all unpaid.
    const earlier = await compoundRates(h.db, CP, asOfDay("2025-12-31"));
    expect(earlier.months[0]).toMatchObject({ month: "2025-01", billedFen: 80_000, paidFen: 0, rate: { num: 0, den: 80_000 } });
    expect(earlier.months.slice(1).every((m) => m.billedFen === 0 && m.rate === null)).toBe(true);
    expect(earlier.thisYear).toMatchObject({ billedFen: 80_000, rate: { num: 0, den: 80_000 }, households: { num: 0, den: 8 } });
  });

  it("the fees home puts the rates and the arrears totals together; the viewer side", async () => {
    const home = await feesHome(h.db, CP, reportAsOf(undefined, NOW));
    expect(home.rates.thisMonth.rate).toEqual({ num: 27_000, den: 38_000 });
    expect(home.arrears.totalFen).toBe(70_000); // this month's bills are not due yet
    const [node] = await raw<{ id: string; path: string }>(sql`select id, path from area_nodes where id = ${CP}`);
    const staff = { user: { id: STAFF.id }, grants: await loadActiveGrants(h.db, STAFF.id, NOW) } as unknown as Actor;
    const officer = { user: { id: "usr_demo11" }, grants: await loadActiveGrants(h.db, "usr_demo11", NOW) } as unknown as Actor;
    const v = await feesViewer(h.db, staff, node, NOW);
    expect(v).toMatchObject({ collects: true, collector: { key: COLLECTOR, kind: "company" } });
    expect((await feesViewer(h.db, officer, node, NOW)).collects).toBe(false);
  });
});

// ————————————————————————————————————————————————————————— area overview

describe("the area overview equals the per-compound figures @fees", () => {
  it("松林街道: each compound's collector, this year's figures, rate and arrears past 90 days", async () => {
    const [st] = await raw<{ path: string }>(sql`select path from area_nodes where id = 'st_songlin'`);
    const asOf = reportAsOf(undefined, NOW);
    const params = AreaFeesListSchema.parse({});
    const o = await areaFeesOverview(h.db, st.path, params, asOf);
    expect(o.year).toBe("2026");
    const ids = o.rows.map((r) => r.compoundId).sort();
    expect(ids).toEqual(["cp_nanyuan", "cp_nanyuan2", "cp_songlin"]);
    for (const row of o.rows) {
      const rates = await compoundRates(h.db, row.compoundId, asOf);
      const totals = await arrearsTotals(h.db, row.compoundId, asOf);
      const collector = await collectorOf(h.db, row.compoundId, TODAY);
      expect(row).toEqual({
        compoundId: row.compoundId,
        compoundName: row.compoundName,
        collector: collector ? { kind: collector.kind, name: collector.name } : null,
        billedFen: rates.thisYear.billedFen,
        creditedFen: rates.thisYear.creditedFen,
        paidFen: rates.thisYear.paidFen,
        outstandingFen: rates.thisYear.outstandingFen,
        rate: rates.thisYear.rate,
        arrears91Fen: totals.buckets["91-180"] + totals.buckets["181+"],
      });
    }
    const songlin = o.rows.find((r) => r.compoundId === CP)!;
    expect(songlin).toMatchObject({ billedFen: 50_000, paidFen: 27_000, rate: { num: 27_000, den: 38_000 }, arrears91Fen: 30_000, collector: { kind: "company" } });
    // Sort by rate: compounds without bills come last either way; filter by collector; search; pages.
    const byRate = await areaFeesOverview(h.db, st.path, { ...params, sort: "rate", dir: "desc" }, asOf);
    expect(byRate.rows[0].compoundId).toBe(CP);
    expect((await areaFeesOverview(h.db, st.path, { ...params, collector: "company" }, asOf)).rows.map((r) => r.compoundId)).toEqual([CP]);
    expect((await areaFeesOverview(h.db, st.path, { ...params, q: "南苑" }, asOf)).total).toBe(2);
    expect((await areaFeesOverview(h.db, st.path, { ...params, size: 10, page: 2 }, asOf)).rows).toEqual([]);
  });

  it("who collects, read in bulk for the whole city, equals collectorOf compound by compound", async () => {
    const nodes = await raw<{ id: string; name: string; parent_id: string | null; path: string }>(sql`select id, name, parent_id, path from area_nodes where kind = 'compound' order by id`);
    const root = nodes[0].path.split("/").filter(Boolean)[0];
    const bulk = await collectorsUnder(h.db, `/${root}/`, TODAY, nodes.map((n) => ({ id: n.id, name: n.name, parentId: n.parent_id })));
    const kinds = new Set<string>();
    for (const n of nodes) {
      const one = await collectorOf(h.db, n.id, TODAY);
      expect(bulk.get(n.id), n.id).toEqual(one);
      kinds.add(one?.kind ?? "none");
    }
    expect([...kinds].sort()).toEqual(["community", "company", "none", "owners"]);
  });
});

// ————————————————————————————————————————————————————————— reminders

describe("reminders: once a day, an in-app message, a polite letter @fees", () => {
  let compound: { id: string; path: string };
  let collector: NonNullable<Awaited<ReturnType<typeof collectorOf>>>;
  const ownerUser = "usr_t_arr_owner";
  let reminderId = "";

  const remindersCount = async () => Number((await h.db.select({ n: count() }).from(feeReminders).where(eq(feeReminders.compoundId, CP)))[0].n);

  it("sends one reminder with the overdue total, the oldest due day and pay-by today + 15; a message to the owner's account; audited", async () => {
    [compound] = await raw<{ id: string; path: string }>(sql`select id, path from area_nodes where id = ${CP}`);
    collector = (await collectorOf(h.db, CP, TODAY))!;
    await h.db.insert(users).values({ id: ownerUser, phone: "19930009901", name: U[5].name, createdAt: at("2025-01-01T00:00:00+08:00") });
    await h.db.update(owners).set({ userId: ownerUser }).where(eq(owners.id, U[5].ownerId));

    const r = await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: U[5].unitId, payerKey: U[5].ownerId, payBy: undefined }, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r));
    reminderId = r.id;
    const [row] = await h.db.select().from(feeReminders).where(eq(feeReminders.id, r.id));
    expect(row).toMatchObject({ compoundId: CP, unitId: U[5].unitId, ownerId: U[5].ownerId, outstandingFen: 10_000, oldestDueDay: addDays(TODAY, -91), payBy: addDays(TODAY, 15), sentBy: STAFF.id });
    const msgs = await h.db.select().from(notifications).where(and(eq(notifications.userId, ownerUser), eq(notifications.sourceId, r.id)));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ kind: "fee_reminder", compoundId: CP, link: `/c/${CP}/bills` });
    expect(msgs[0].body).toContain("100.00");
    for (const w of FORBIDDEN) expect(msgs[0].title + msgs[0].body).not.toContain(w);
    const [a] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "fees.remind"), eq(auditLog.targetId, r.id)));
    expect(a).toMatchObject({ actorId: STAFF.id, scopePath: compound.path, result: "ok" });
    // The list shows it.
    const list = await listArrears(h.db, CP, all, {}, reportAsOf(undefined, NOW), collectorView);
    expect(list.rows.find((x) => x.unitId === U[5].unitId)).toMatchObject({ lastReminderId: r.id, lastReminderDay: TODAY });
  });

  it("refuses a second reminder the same day (and says so), writing nothing; the next day is fine", async () => {
    const before = await remindersCount();
    const later = new Date(NOW.getTime() + 6 * 3600_000);
    expect(await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: U[5].unitId, payerKey: U[5].ownerId, payBy: undefined }, later)).toEqual({ ok: false, errors: { _form: "fees.arrears.errors.alreadyToday" } });
    expect(await remindersCount()).toBe(before);
    const tomorrow = new Date(startOfDay(addDays(TODAY, 1)).getTime() + 9 * 3600_000);
    const r = await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: U[5].unitId, payerKey: U[5].ownerId, payBy: addDays(TODAY, 30) }, tomorrow);
    expect(r.ok).toBe(true);
    expect(await remindersCount()).toBe(before + 1);
  });

  it("refuses nothing owed, a bad pay-by day, another compound's unit", async () => {
    const before = await remindersCount();
    // U[0]'s bill is due today: not overdue.
    expect(await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: U[0].unitId, payerKey: U[0].ownerId, payBy: undefined }, NOW)).toEqual({ ok: false, errors: { _form: "fees.arrears.errors.nothingOwed" } });
    expect(await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: U[1].unitId, payerKey: U[1].ownerId, payBy: TODAY }, NOW)).toEqual({ ok: false, errors: { payBy: "fees.arrears.errors.payByRange" } });
    expect(await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: U[1].unitId, payerKey: U[1].ownerId, payBy: addDays(TODAY, 91) }, NOW)).toEqual({ ok: false, errors: { payBy: "fees.arrears.errors.payByRange" } });
    const [other] = await h.db.select({ id: units.id }).from(units).where(eq(units.compoundId, "cp_nanyuan")).limit(1);
    expect(await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: other.id, payerKey: "x", payBy: undefined }, NOW)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    // Bills of another collecting body (a former company) are not this collector's to remind.
    const [dev] = await h.db.select({ unitId: ownerships.unitId }).from(ownerships).where(and(eq(ownerships.compoundId, CP), eq(ownerships.developerUnsold, true), isNull(ownerships.validTo))).limit(1);
    await addBill({ unitId: dev.unitId, ownerId: null, payerName: "松林房地产开发有限公司", item: "t_old", from: "2024-01", amountFen: 5_000, dueDay: "2024-01-31", createdAt: at("2024-01-01T09:00:00+08:00"), collectorKey: "company:co_former" });
    expect(await sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: dev.unitId, payerKey: "developer", payBy: undefined }, NOW)).toEqual({ ok: false, errors: { _form: "fees.arrears.errors.nothingOwed" } });
    expect(await remindersCount()).toBe(before);
  });

  it("a bucket and older: everyone at 91+ days except the one reminded today; the developer gets a letter, no message", async () => {
    const [dev] = await h.db.select({ unitId: ownerships.unitId }).from(ownerships).where(and(eq(ownerships.compoundId, CP), eq(ownerships.developerUnsold, true), isNull(ownerships.validTo))).limit(1);
    await addBill({ unitId: dev.unitId, ownerId: null, payerName: "松林房地产开发有限公司", item: "t_dev", from: "2025-03", to: "2025-05", amountFen: 30_000, dueDay: "2025-03-31", createdAt: at("2025-03-01T09:00:00+08:00") });
    const r = await sendBucketReminders(h.db, STAFF, compound, collector, { intent: "remindBucket", bucket: "91-180", payBy: undefined }, NOW);
    // 180 and 181 days, and the developer's 280 days; 91 days was reminded today.
    expect(r).toEqual({ ok: true, sent: 3, skipped: 1 });
    const sent = await h.db.select().from(feeReminders).where(and(eq(feeReminders.compoundId, CP), sql`${feeReminders.createdAt} = ${NOW.toISOString()}::timestamptz`));
    expect(sent.map((s) => s.unitId).sort()).toEqual([U[5].unitId, U[6].unitId, U[7].unitId, dev.unitId].sort());
    const devReminder = sent.find((s) => s.unitId === dev.unitId)!;
    expect(devReminder).toMatchObject({ ownerId: null, outstandingFen: 30_000, oldestDueDay: "2025-03-31" });
    expect(Number((await h.db.select({ n: count() }).from(notifications).where(eq(notifications.sourceId, devReminder.id)))[0].n)).toBe(0);
    const [a] = await h.db.select().from(auditLog).where(eq(auditLog.action, "fees.remind_bucket"));
    expect(a.after).toMatchObject({ bucket: "91-180", sent: 3, skipped: 1 });
    // Again the same day: nobody new.
    expect(await sendBucketReminders(h.db, STAFF, compound, collector, { intent: "remindBucket", bucket: "181+", payBy: undefined }, NOW)).toEqual({ ok: true, sent: 0, skipped: 2 });
    expect(await sendBucketReminders(h.db, STAFF, compound, collector, { intent: "remindBucket", bucket: "181+", payBy: "2026-01-01" }, NOW)).toEqual({ ok: false, errors: { payBy: "fees.arrears.errors.payByRange" } });

    const t = await i18nServer.getFixedT("zh-CN");
    const staff = { userId: STAFF.id, grants: await loadActiveGrants(h.db, STAFF.id, NOW) };
    const letter = await letterFor(h.db, staff, CP, devReminder.id, NOW);
    expect(letter).not.toBeNull();
    const x = letterText(t, letter!);
    expect(x.salutation).toBe("尊敬的松林房地产开发有限公司：");
    expect(x.table.rows).toEqual([["测试t_dev", "2025-03 至 2025-05", "2025-03-31", "300.00"]]);
  });

  it("the letter: courteous, the amounts per period, pay-by, how to pay, whom to contact — never late fees or cutting utilities; PDF with the font", async () => {
    const t = await i18nServer.getFixedT("zh-CN");
    const staff = { userId: STAFF.id, grants: await loadActiveGrants(h.db, STAFF.id, NOW) };
    const letter = (await letterFor(h.db, staff, CP, reminderId, NOW))!;
    expect(letter).toMatchObject({ payerName: U[5].name, outstandingFen: 10_000, payBy: addDays(TODAY, 15), developer: false, collector: { kind: "company" } });
    expect(letter.bills.map((b) => b.outstandingFen)).toEqual([10_000]);
    const x = letterText(t, letter);
    const all = [x.title, x.salutation, ...x.paragraphs, ...x.table.head, ...x.table.rows.flat(), x.table.total, x.closing, ...x.signature].join("\n");
    expect(x.salutation).toBe(`尊敬的${U[5].name}业主：`);
    expect(all).toContain("100.00");
    expect(all).toContain("壹佰元整");
    expect(all).toContain(addDays(TODAY, 15));
    expect(all).toContain("缴费方式");
    expect(all).toContain("联系方式");
    expect(all).toContain("邓磊"); // the company's published contact
    for (const w of FORBIDDEN) expect(all).not.toContain(w);
    // Every wording the letter can take, in both languages, is free of them too.
    const en = await i18nServer.getFixedT("en");
    for (const tt of [t, en]) {
      const variants = [letterText(tt, letter), letterText(tt, { ...letter, developer: true, contact: null }), letterText(tt, { ...letter, contact: { name: "王芳", phone: null } })];
      for (const v of variants) {
        const s = [v.title, v.salutation, ...v.paragraphs, v.table.total, v.closing].join(" ");
        for (const w of [...FORBIDDEN, "late fee", "cut off", "disconnect"]) expect(s.toLowerCase()).not.toContain(w);
      }
    }
    const pdf = await reminderLetterPdf(letter);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.includes("/FontFile2")).toBe(true);
    const text = (await pdfText(pdf)).pages.join("").replace(/\s+/g, "");
    expect(text).toContain("缴费提醒函");
    expect(text).toContain(`尊敬的${U[5].name}业主`);
    for (const w of FORBIDDEN) expect(text).not.toContain(w);
  });

  it("who may print a letter: the collector's staff and the addressed owner; nobody else; not from another compound", async () => {
    const owner = { userId: ownerUser, grants: await loadActiveGrants(h.db, ownerUser, NOW) };
    expect(await letterFor(h.db, owner, CP, reminderId, NOW)).not.toBeNull();
    const officer = { userId: "usr_demo11", grants: await loadActiveGrants(h.db, "usr_demo11", NOW) };
    expect(await letterFor(h.db, officer, CP, reminderId, NOW)).toBeNull();
    const otherOwner = { userId: "usr_demo08", grants: await loadActiveGrants(h.db, "usr_demo08", NOW) };
    expect(await letterFor(h.db, otherOwner, CP, reminderId, NOW)).toBeNull();
    const staff = { userId: STAFF.id, grants: await loadActiveGrants(h.db, STAFF.id, NOW) };
    expect(await letterFor(h.db, staff, "cp_hepingli1", reminderId, NOW)).toBeNull();
    expect(await letterFor(h.db, staff, CP, "frm_nope", NOW)).toBeNull();
  });
});

describe("reminders in parallel @fees", () => {
  it.skipIf(!usingPostgres())("10 parallel sends for one payer and 4 parallel bucket runs: one reminder per payer and day (PostgreSQL only; skipped on PGlite)", async () => {
    const [compound] = await raw<{ id: string; path: string }>(sql`select id, path from area_nodes where id = ${CP}`);
    const collector = (await collectorOf(h.db, CP, TODAY))!;
    const day = addDays(TODAY, 3);
    const when = (i: number) => new Date(startOfDay(day).getTime() + 9 * 3600_000 + i * 1000);
    const one = await Promise.all(Array.from({ length: 10 }, (_, i) => sendReminder(h.db, STAFF, compound, collector, { intent: "remind", unitId: U[4].unitId, payerKey: U[4].ownerId, payBy: undefined }, when(i))));
    expect(one.filter((r) => r.ok)).toHaveLength(1);
    expect(one.filter((r) => !r.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, errors: { _form: "fees.arrears.errors.alreadyToday" } })));
    const runs = await Promise.all(Array.from({ length: 4 }, (_, i) => sendBucketReminders(h.db, STAFF, compound, collector, { intent: "remindBucket", bucket: "1-30", payBy: undefined }, when(20 + i))));
    const sent = runs.reduce((s, r) => s + (r.ok ? r.sent : 0), 0);
    const rows = await h.db.select({ unitId: feeReminders.unitId, ownerId: feeReminders.ownerId }).from(feeReminders).where(and(eq(feeReminders.compoundId, CP), sql`${feeReminders.createdAt} >= ${startOfDay(day).toISOString()}::timestamptz`));
    const keys = rows.map((r) => `${r.unitId}|${r.ownerId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.length).toBe(1 + sent);
  });
});

// ————————————————————————————————————————————————————————— committee members' own payments

describe("committee members' own payment status, as of the end of the last half-year (Beijing Art. 44) @fees", () => {
  it("half-year ends", () => {
    expect(lastHalfYearEnd("2026-01-05")).toBe("2025-12-31");
    expect(lastHalfYearEnd("2026-06-30")).toBe("2025-12-31");
    expect(lastHalfYearEnd("2026-07-01")).toBe("2026-06-30");
    expect(lastHalfYearEnd("2026-12-31")).toBe("2026-06-30");
  });

  it("paid up or owes N 元 (oldest due), per member in office; payments after the half-year do not count", async () => {
    const [c] = await h.db.select({ id: committees.id }).from(committees).where(and(eq(committees.compoundId, CP), eq(committees.status, "active")));
    const members = await h.db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, c.id)).orderBy(asc(committeeMembers.rank));
    const unitOf = async (ownerId: string) => (await h.db.select({ unitId: ownerships.unitId }).from(ownerships).where(and(eq(ownerships.ownerId, ownerId), isNull(ownerships.validTo))).limit(1))[0].unitId;
    const [m1, m2, m3, m4] = members;
    const created = at("2025-11-01T09:00:00+08:00");
    await addBill({ unitId: await unitOf(m1.ownerId), ownerId: m1.ownerId, payerName: m1.name, item: "t_cm", from: "2025-11", amountFen: 12_345, dueDay: "2025-11-30", createdAt: created });
    const b2 = await addBill({ unitId: await unitOf(m2.ownerId), ownerId: m2.ownerId, payerName: m2.name, item: "t_cm", from: "2025-11", amountFen: 10_000, dueDay: "2025-11-30", createdAt: created });
    await pay(await unitOf(m2.ownerId), at("2025-12-10T10:00:00+08:00"), [[b2, 10_000]]);
    await addBill({ unitId: await unitOf(m3.ownerId), ownerId: m3.ownerId, payerName: m3.name, item: "t_cm", from: "2025-12", amountFen: 10_000, dueDay: "2025-12-31", createdAt: at("2025-12-01T09:00:00+08:00") });
    const b4 = await addBill({ unitId: await unitOf(m4.ownerId), ownerId: m4.ownerId, payerName: m4.name, item: "t_cm", from: "2025-11", amountFen: 10_000, dueDay: "2025-11-30", createdAt: created });
    await pay(await unitOf(m4.ownerId), at("2026-01-02T10:00:00+08:00"), [[b4, 10_000]]);

    const p = (await committeeMembersPayments(h.db, CP, NOW))!;
    expect(p.asOf).toBe("2025-12-31");
    expect(p.hasBills).toBe(true);
    const of = (id: string) => p.members.find((m) => m.memberId === id);
    expect(of(m1.id)).toMatchObject({ paidUp: false, owesFen: 12_345, oldestDueDay: "2025-11-30" });
    expect(of(m2.id)).toMatchObject({ paidUp: true, owesFen: 0, oldestDueDay: null });
    expect(of(m3.id)).toMatchObject({ paidUp: true }); // due on the last day: not overdue at its end
    expect(of(m4.id)).toMatchObject({ paidUp: false, owesFen: 10_000 }); // paid only in January
    // The committee home carries it; a compound without a committee has none.
    const home = await committeeHome(h.db, CP, { act: false, members: false }, NOW);
    expect(home.memberPayments).toEqual(p);
    expect(await committeeMembersPayments(h.db, "cp_nanyuan", NOW)).toBeNull();
  });
});

// ————————————————————————————————————————————————————————— the eligibility finding

describe("the candidates' fee-arrears finding (rules.md §2, Beijing Art. 39) @fees @elections", () => {
  const EP = "cp_nanyuan";
  const street = { id: "usr_demo11", name: "黄伟" };
  const OPENS = at("2026-03-01T00:00:00+08:00");
  const CLOSES = at("2026-03-16T00:00:00+08:00");
  const IN_WINDOW = at("2026-03-05T10:00:00+08:00");

  it("no bills in the compound: unknown; over 90 days: the finding with the amount; less: none", async () => {
    await h.db.update(compounds).set({ rulePack: { candidateNegativeList: ["arrears"] } }).where(eq(compounds.id, EP));
    const os = await singleOwnerUnits(EP, 5);
    const g = await formPrepGroup(h.db, street, EP, [
      { name: "街道代表", role: "street_office", leader: true, userId: street.id },
      { name: os[0].name, role: "owner", ownerId: os[0].ownerId },
      { name: os[1].name, role: "owner", ownerId: os[1].ownerId },
    ], at("2026-02-02T10:00:00+08:00"));
    if (!g.ok) throw new Error(JSON.stringify(g));
    const e = await setUpElection(h.db, street, EP, { seats: 5, minSeats: 3, alternates: 2, nominationOpensAt: OPENS, nominationClosesAt: CLOSES, method: "书面投票。", votingOpensAt: at("2026-04-20T09:00:00+08:00") }, at("2026-02-10T10:00:00+08:00"));
    if (!e.ok) throw new Error(JSON.stringify(e));
    const declaration = (ownerId: string) => ({ ownerId, nominatedBy: "community_party" as const, occupation: "retiree" as const, partyMember: false, propertyCompanyRelation: "none" as const, fullCapacityDeclared: true, consent: true });

    expect(await candidateArrearsFen(h.db, EP, os[2].ownerId, IN_WINDOW)).toBeNull();
    const unknown = await nominate(h.db, street, EP, e.id, declaration(os[2].ownerId), IN_WINDOW);
    if (!unknown.ok) throw new Error(JSON.stringify(unknown));
    expect(unknown.findings.map((f) => f.code)).toEqual(["ARREARS_UNKNOWN"]);

    // 95 days overdue (two bills, one partly paid) for one owner; 5 days for another.
    const created = at("2025-10-01T09:00:00+08:00");
    const old1 = await addBill({ unitId: os[3].unitId, ownerId: os[3].ownerId, payerName: os[3].name, item: "t_el", from: "2025-11", amountFen: 20_000, dueDay: "2025-11-30", createdAt: created, collectorKey: "owners:cp_nanyuan" });
    await addBill({ unitId: os[3].unitId, ownerId: os[3].ownerId, payerName: os[3].name, item: "t_el2", from: "2025-10", amountFen: 5_000, dueDay: "2025-10-31", createdAt: created, collectorKey: "owners:cp_nanyuan" });
    await addBill({ unitId: os[3].unitId, ownerId: os[3].ownerId, payerName: os[3].name, item: "t_el", from: "2026-02", amountFen: 7_000, dueDay: "2026-02-28", createdAt: created, collectorKey: "owners:cp_nanyuan" });
    await pay(os[3].unitId, at("2025-12-20T10:00:00+08:00"), [[old1, 1_000]], 0, EP);
    await addBill({ unitId: os[4].unitId, ownerId: os[4].ownerId, payerName: os[4].name, item: "t_el", from: "2026-02", amountFen: 9_000, dueDay: "2026-02-28", createdAt: created, collectorKey: "owners:cp_nanyuan" });

    // Over 90 days: 19,000 + 5,000 (the February bill is only 5 days overdue).
    expect(await candidateArrearsFen(h.db, EP, os[3].ownerId, IN_WINDOW)).toBe(24_000n);
    const owes = await nominate(h.db, street, EP, e.id, declaration(os[3].ownerId), IN_WINDOW);
    if (!owes.ok) throw new Error(JSON.stringify(owes));
    expect(owes.findings).toEqual([{ code: "ARREARS", severity: "check", article: "Beijing Art. 39", amountFen: "24000", overdueDays: CANDIDATE_ARREARS_DAYS }]);

    expect(await candidateArrearsFen(h.db, EP, os[4].ownerId, IN_WINDOW)).toBe(0n);
    const recent = await nominate(h.db, street, EP, e.id, declaration(os[4].ownerId), IN_WINDOW);
    if (!recent.ok) throw new Error(JSON.stringify(recent));
    expect(recent.findings).toEqual([]);

    // Stored for the reviewers as computed.
    const stored = await raw<{ findings: unknown }>(sql`select findings from candidates where id = ${owes.id}`);
    expect(stored[0].findings).toEqual(owes.findings);
    // The pure rule keeps its contract: null → unknown, 0 → nothing.
    expect(eligibilityFindings({ isOwnerHere: true, fullCapacityDeclared: true, propertyCompanyRelation: "none", arrearsFen: 0n }, ["arrears"])).toEqual([]);
  });
});
