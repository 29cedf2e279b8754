/**
 * The demo city's fees (issue 10), relative to the demo clock: twelve months of history and the current month,
 * through the fees context as the pages run it — schedules, billing runs, payments with receipts — for one
 * compound under a property company and one under quasi-property (纺织厂宿舍's self-governance has no committee in
 * the demo yet, so nobody collects there):
 * - 和平里一区 (江安物业, a property company): property fee 1.50 元/m²·month on flats and shops, parking 100 元 a
 *   space a month; billed by the quarter.
 * - 和平里二区 (quasi-property, 和平里社区): 0.50 元/m²·month, billed quarterly.
 * Payers behave realistically and reproducibly (a fixed PRNG): most pay on time, some late, some stopped paying
 * months ago, a few never paid this year — so the older ageing buckets have units in them (1–30 days fills once a
 * quarter's bills fall due). 张桂兰 (usr_demo08) owes the
 * last quarter of one flat, so she can pay it online in the demo.
 */
import { prng } from "./prng";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { bills, ownerships, owners, units } from "~db/schema";
import { addSchedule } from "~/fees/schedules.server";
import { billPeriod } from "~/fees/billing.server";
import { recordPayment, unitPayerName } from "~/fees/payments.server";
import { monthOf, shiftMonth, monthStart, type Month } from "~/fees/rules";
import { shanghaiDay, startOfDay, addDays, type Day } from "~/platform/days";
import type { PeriodKind } from "~/fees/rules";

const HOUR = 3600_000;

type Plan = {
  compoundId: string;
  collector: { id: string; name: string };
  schedules: { itemCode: string; itemName: string; basis: "area" | "space" | "unit"; rateFen: number; unitKinds: ("dwelling" | "shop" | "parking")[]; fromDay: Day }[];
  periodKind: PeriodKind;
  /** How often a prompt payer pays, in months. */
  payEvery: number;
  seed: number;
};

const PLANS: Plan[] = [
  {
    compoundId: "cp_hepingli1",
    collector: { id: "usr_demo07", name: "刘强" },
    schedules: [
      { itemCode: "property", itemName: "物业服务费", basis: "area", rateFen: 150, unitKinds: ["dwelling", "shop"], fromDay: "2020-07-01" },
      { itemCode: "parking", itemName: "车位管理费", basis: "space", rateFen: 10000, unitKinds: ["parking"], fromDay: "2020-07-01" },
    ],
    periodKind: "quarter",
    payEvery: 6,
    seed: 101,
  },
  {
    compoundId: "cp_hepingli2",
    collector: { id: "usr_demo03", name: "王芳" },
    schedules: [{ itemCode: "property", itemName: "准物业服务费", basis: "area", rateFen: 50, unitKinds: ["dwelling"], fromDay: "2016-01-01" }],
    periodKind: "quarter",
    payEvery: 6,
    seed: 202,
  },
];

/** The periods to bill: the first month of each, from 12 months before the current month through the current one. */
function periodStarts(kind: PeriodKind, current: Month): Month[] {
  const step = kind === "month" ? 1 : kind === "quarter" ? 3 : 12;
  const out: Month[] = [];
  for (let m = shiftMonth(current, -12); m <= current; m = shiftMonth(m, 1)) {
    const month = Number(m.slice(5, 7));
    if ((month - 1) % step === 0) out.push(m);
  }
  return out;
}

export async function seedDemoFees(db: Db, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const current = monthOf(today);
  for (const plan of PLANS) {
    const actor = plan.collector;
    const createdAt = new Date(startOfDay(plan.schedules[0].fromDay).getTime() + 9 * HOUR);
    for (const s of plan.schedules) {
      const r = await addSchedule(db, actor, plan.compoundId, { ...s, dueDayOfMonth: null }, createdAt);
      if (!r.ok) throw new Error(`demo fee schedule ${plan.compoundId}/${s.itemCode}: ${JSON.stringify(r.errors)}`);
    }
    // Each period billed on its first day, at 08:00.
    for (const from of periodStarts(plan.periodKind, current)) {
      const at = new Date(startOfDay(monthStart(from)).getTime() + 8 * HOUR);
      for (const s of plan.schedules) {
        const r = await billPeriod(db, actor, plan.compoundId, { itemCode: s.itemCode, periodKind: plan.periodKind, periodFrom: from }, at);
        if (!r.ok) throw new Error(`demo billing ${plan.compoundId}/${s.itemCode}/${from}: ${JSON.stringify(r.problems)}`);
      }
    }
    await payments(db, plan, now);
  }
}

type Behaviour = "prompt" | "late" | "stopped" | "never" | "partial";

/** Payments per unit by its payer's behaviour, through recordPayment (receipt numbers, oldest bill first). */
async function payments(db: Db, plan: Plan, now: Date) {
  const rnd = prng(plan.seed);
  const today = shanghaiDay(now);
  const unitRows = await db.select({ id: units.id }).from(units).where(eq(units.compoundId, plan.compoundId)).orderBy(asc(units.id));
  // 张桂兰's flats: one paid up, the other owing its last quarter.
  const zhang = new Set(
    (await db.select({ unitId: ownerships.unitId }).from(ownerships).innerJoin(owners, eq(owners.id, ownerships.ownerId)).where(and(eq(owners.userId, "usr_demo08"), eq(ownerships.compoundId, plan.compoundId)))).map((r) => r.unitId),
  );
  // Each unit's bills, read once: what a payer owes by a day is what fell due by then less what they paid.
  const billRows = await db.select({ unitId: bills.unitId, dueDay: bills.dueDay, amountFen: bills.amountFen }).from(bills).where(eq(bills.compoundId, plan.compoundId)).orderBy(asc(bills.dueDay));
  const byUnit = new Map<string, { dueDay: Day; amountFen: number }[]>();
  for (const b of billRows) byUnit.set(b.unitId, [...(byUnit.get(b.unitId) ?? []), b]);
  let n = 0;
  for (const u of unitRows) {
    const r = rnd();
    const behaviour: Behaviour = zhang.has(u.id) ? "late" : r < 0.7 ? "prompt" : r < 0.84 ? "late" : r < 0.92 ? "stopped" : r < 0.96 ? "never" : "partial";
    const own = byUnit.get(u.id) ?? [];
    if (behaviour === "never" || own.length === 0) continue;
    const every = behaviour === "late" ? plan.payEvery * 2 : plan.payEvery;
    const stopAfter = behaviour === "stopped" ? shiftMonth(monthOf(today), -5) : null;
    const name = await unitPayerName(db, u.id, today);
    let paid = 0;
    // Pay days: some days into the last month of every `every` months since the first bill.
    for (let m = monthOf(own[0].dueDay); ; m = shiftMonth(m, every)) {
      const payDay = addDays(monthStart(shiftMonth(m, every - 1)), 10 + Math.floor(rnd() * 15));
      if (payDay >= today || (stopAfter && monthOf(payDay) > stopAfter)) break;
      const at = new Date(startOfDay(payDay).getTime() + (9 + Math.floor(rnd() * 9)) * HOUR);
      const fallenDue = own.filter((b) => b.dueDay <= payDay).reduce((sum, b) => sum + b.amountFen, 0);
      let due = fallenDue - paid;
      if (behaviour === "partial") due = Math.floor(due / 2);
      if (due <= 0) continue;
      const method = rnd() < 0.45 ? "online" : rnd() < 0.5 ? "transfer" : "cash";
      const p = await recordPayment(db, plan.collector, plan.compoundId, { unitId: u.id, amountFen: due, method, paidAt: at, payerName: name, idempotencyKey: `demo:${u.id}:${payDay}` }, at);
      if (!p.ok) throw new Error(`demo payment ${u.id} ${payDay}: ${JSON.stringify(p)}`);
      paid += due;
      n++;
    }
  }
  return n;
}
