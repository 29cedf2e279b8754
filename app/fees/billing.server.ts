/**
 * Billing runs (rules.md §4): one fee item of one compound for one period of whole months, billed to every unit
 * the item's schedules cover — one bill per unit × item × period × payer, each rounded once, half up
 * (`(Σ rate_fen(month) × area_centi + 50) div 100`), the payer being the owner in force on each month's first day
 * (co-owners: the nominated voter, else the smallest owner id) or the developer for unsold or unowned units
 * (物业管理条例 Art. 41), the rate the schedule's in force on each month's first day.
 *
 * A run is previewed, started (a billing_runs row) and then carried out in committed chunks of units (by unit id,
 * resuming after `units_done` of them), each chunk ONE set-based INSERT … SELECT of bills and their bill_months.
 * The unique indexes make it idempotent: bills (unit, item, period start, payer) and bill_months (unit, item,
 * month) take a month of an item once per unit whatever the period length, so a re-run, two runs at once or a
 * run interrupted and started again bill each month once. Bills are never deleted: a run is reversed by a credit
 * note of each of its bills' outstanding amount. The pure law is app/fees/rules.ts; the integration test proves
 * the SQL's amounts equal rules.billsForPeriod's.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, rowsOf, type Db } from "~db/client.server";
import { billingRuns, buildings, creditNotes, feeSchedules, units, users } from "~db/schema";
import { bills } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { notFound, requireNode, type Actor, type AreaNode } from "~/auth/guard.server";
import { now as clockNow } from "~/clock.server";
import { newId } from "~/ids";
import { escapeLike, nodePath } from "~/platform/area.server";
import { shanghaiDay, type Day } from "~/platform/days";
import { log } from "~/platform/log.server";
import { maskName } from "~/registry/claims.server";
import type { BillListParams, BillState } from "./billing-schema";
import { collectorOf, collectorSide, type Collector } from "./collector.server";
import { creditedSql, ledgerTotals, outstandingSql, paidSql } from "./ledger.server";
import {
  billingPeriod,
  creditNoteProblem,
  daysOverdue,
  monthOf,
  monthsOf,
  monthStart,
  periodStartProblem,
  scheduleInForce,
  shiftMonth,
  type BillingPeriod,
  type Month,
  type PeriodKind,
  type PeriodStartProblem,
} from "./rules";

/** Units per committed chunk: on PGlite (one connection) a page request waits for at most one chunk. */
export const RUN_CHUNK_UNITS = 250;
/** How far ahead a period may start: a year after the current month (billing in advance, not a typo's decade). */
export const MAX_MONTHS_AHEAD = 12;
/** The payer name a developer's bill carries (the registry has no developer entity; rules.md §4, 条例 Art. 41). */
export const DEVELOPER_PAYER_NAME = "建设单位";
/** How many times a chunk is retried after losing a race to another run (a deadlock or a month billed meanwhile). */
const CHUNK_ATTEMPTS = 8;

export type RunInput = { itemCode: string; periodKind: PeriodKind; periodFrom: Month };

export type BillingProblem =
  | { code: "PERIOD_START"; reason: PeriodStartProblem }
  | { code: "TOO_FAR_AHEAD"; limit: Month }
  | { code: "UNKNOWN_ITEM" }
  | { code: "NO_SCHEDULE"; month: Month }
  | { code: "BEYOND_SCHEDULE"; month: Month }
  | { code: "SCHEDULES_OVERLAP" }
  | { code: "BASIS_MIXED" }
  | { code: "NO_COLLECTOR"; month: Month }
  | { code: "COLLECTOR_CHANGES"; month: Month }
  | { code: "OTHER_COLLECTOR" };

export type SampleBill = { unitId: string; unitLabel: string; payerKind: "owner" | "developer"; payerName: string; periodFrom: Month; periodTo: Month; months: number; amountFen: number };

export type RunPreview = {
  input: RunInput;
  period: BillingPeriod | null;
  months: Month[];
  itemName: string | null;
  basis: "area" | "space" | "unit" | null;
  collector: Collector | null;
  problems: BillingProblem[];
  /** Units of the kinds the item's schedules cover. */
  unitsTotal: number;
  /** Units with at least one month still to bill. */
  unitsToBill: number;
  /** Units whose every month of the period is already billed (a re-run): skipped. */
  unitsSkipped: number;
  bills: number;
  totalFen: number;
  samples: SampleBill[];
};

// ————————————————————————————————————————————————————————— SQL pieces

/** A PostgreSQL text[] parameter (one parameter, either driver). */
function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => "\\" + c)}"`).join(",")}}`;
  return sql`${literal}::text[]`;
}

/** The units a run covers, in the stable order chunks walk: the compound's units of the item's kinds, by id. */
function unitsSql(compoundId: string, kinds: readonly string[], page?: { offset: number; limit: number }): SQL {
  const base = sql`select id, building_id, kind, area_centi from units where compound_id = ${compoundId} and kind = any(${textArray(kinds)}) order by id`;
  return page ? sql`${base} offset ${page.offset} limit ${page.limit}` : base;
}

/**
 * The CTEs that compose the bills of `u` (the units) for the item's `months`, set-based:
 *   mo     the months with their first days;
 *   sch    the schedule in force on each month's first day (rules.md §4);
 *   um     unit × month where the month's schedule covers the unit's kind and the month is not billed yet;
 *   pm     + the payer on the month's first day: the owner (co-owned: the nominated voter, else the smallest owner
 *          id), else the developer (unsold, or nobody on record: 条例 Art. 41);
 *   drafts one row per unit × payer: its months, rates, amount rounded once half up, due day (rules.dueDay).
 */
function draftCtes(compoundId: string, itemCode: string, months: readonly Month[], u: SQL): SQL {
  return sql`
  mo as (select m as month, (m || '-01')::date as first from unnest(${textArray(months)}) as m),
  sch as (
    select mo.month, mo.first, s.rate_fen, s.unit_kinds, s.basis, s.item_name, s.due_day_of_month
    from mo join fee_schedules s
      on s.compound_id = ${compoundId} and s.item_code = ${itemCode}
     and s.from_day <= mo.first and (s.to_day is null or mo.first < s.to_day)
  ),
  u as (${u}),
  um as (
    select u.id as unit_id, u.building_id, u.area_centi, sch.month, sch.first, sch.rate_fen, sch.basis, sch.item_name, sch.due_day_of_month
    from u join sch on sch.unit_kinds @> jsonb_build_array(u.kind)
    where not exists (select 1 from bill_months bm where bm.unit_id = u.id and bm.item_code = ${itemCode} and bm.month = sch.month)
  ),
  pm as (
    select um.*, p.owner_id, coalesce(p.owner_id, 'developer') as payer_key
    from um left join lateral (
      select o.owner_id from ownerships o
      where o.unit_id = um.unit_id and o.valid_from <= um.first and (o.valid_to is null or um.first < o.valid_to)
      order by o.owner_id is null, o.nominated_voter desc, o.owner_id
      limit 1
    ) p on true
  ),
  g as (
    select unit_id, building_id, payer_key, min(owner_id) as owner_id,
      min(month) as period_from, max(month) as period_to, count(*)::int as months,
      jsonb_agg(rate_fen order by month) as rates, sum(rate_fen)::bigint as rate_sum,
      min(basis) as basis, min(area_centi) as area_centi,
      (array_agg(item_name order by month))[1] as item_name,
      (array_agg(due_day_of_month order by month))[1] as due_dom,
      (min(month) || '-01')::date as f
    from pm group by unit_id, building_id, payer_key
  ),
  drafts as (
    select g.unit_id, g.building_id, g.payer_key, g.owner_id, g.period_from, g.period_to, g.months, g.rates, g.item_name,
      case when g.basis = 'area' then g.area_centi else 1 end as quantity,
      case when g.basis = 'area' then (g.rate_sum * g.area_centi + 50) / 100 else g.rate_sum end as amount,
      case when g.due_dom is null then (g.f + interval '1 month' - interval '1 day')::date
           else make_date(extract(year from g.f)::int, extract(month from g.f)::int,
                          least(g.due_dom, extract(day from (g.f + interval '1 month' - interval '1 day'))::int)) end as due_day
    from g
  )`;
}

// ————————————————————————————————————————————————————————— checking a period

type ScheduleLite = { id: string; from: Day; to: Day | null; rateFen: number; dueDayOfMonth: number | null; basis: "area" | "space" | "unit"; unitKinds: string[]; itemName: string };

async function itemSchedules(db: Db, compoundId: string, itemCode: string, lock = false): Promise<ScheduleLite[]> {
  const q = db
    .select()
    .from(feeSchedules)
    .where(and(eq(feeSchedules.compoundId, compoundId), eq(feeSchedules.itemCode, itemCode)))
    .orderBy(asc(feeSchedules.fromDay), asc(feeSchedules.id));
  const rows = lock ? await q.for("share") : await q;
  return rows.map((s) => ({ id: s.id, from: s.fromDay, to: s.toDay, rateFen: s.rateFen, dueDayOfMonth: s.dueDayOfMonth, basis: s.basis, unitKinds: s.unitKinds, itemName: s.itemName }));
}

/** Each month's schedule, or the problems: a month without one (after the last one ended: beyond the schedule). */
function schedulesForMonths(schedules: readonly ScheduleLite[], months: readonly Month[]): { byMonth: Map<Month, ScheduleLite>; problems: BillingProblem[] } {
  const byMonth = new Map<Month, ScheduleLite>();
  const problems: BillingProblem[] = [];
  if (!schedules.length) return { byMonth, problems: [{ code: "UNKNOWN_ITEM" }] };
  const lastEnd = schedules.every((s) => s.to !== null) ? schedules.map((s) => s.to!).sort().at(-1)! : null;
  for (const m of months) {
    let s: ScheduleLite | null;
    try {
      s = scheduleInForce(schedules, m);
    } catch {
      return { byMonth, problems: [{ code: "SCHEDULES_OVERLAP" }] };
    }
    if (s) byMonth.set(m, s);
    else {
      problems.push(lastEnd !== null && monthStart(m) >= lastEnd ? { code: "BEYOND_SCHEDULE", month: m } : { code: "NO_SCHEDULE", month: m });
      break;
    }
  }
  if (!problems.length && new Set([...byMonth.values()].map((s) => s.basis)).size > 1) problems.push({ code: "BASIS_MIXED" });
  return { byMonth, problems };
}

const kindsOf = (byMonth: Map<Month, ScheduleLite>) => [...new Set([...byMonth.values()].flatMap((s) => s.unitKinds))].sort();

type Checked = { period: BillingPeriod | null; months: Month[]; byMonth: Map<Month, ScheduleLite>; collector: Collector | null; problems: BillingProblem[] };

async function checkPeriod(db: Db, compoundId: string, input: RunInput, now: Date, expectedCollectorKey?: string): Promise<Checked> {
  const problems: BillingProblem[] = [];
  const startProblem = periodStartProblem(input.periodKind, input.periodFrom);
  if (startProblem) return { period: null, months: [], byMonth: new Map(), collector: null, problems: [{ code: "PERIOD_START", reason: startProblem }] };
  const period = billingPeriod(input.periodKind, input.periodFrom);
  const months = monthsOf(period);
  const limit = shiftMonth(monthOf(shanghaiDay(now)), MAX_MONTHS_AHEAD);
  if (period.from > limit) problems.push({ code: "TOO_FAR_AHEAD", limit });
  const s = schedulesForMonths(await itemSchedules(db, compoundId, input.itemCode), months);
  problems.push(...s.problems);
  // The collecting body of each month: who the bills are owed to (one per run).
  let collector: Collector | null = null;
  for (const m of months) {
    const c = await collectorOf(db, compoundId, monthStart(m));
    if (!c) {
      problems.push({ code: "NO_COLLECTOR", month: m });
      collector = null;
      break;
    }
    if (collector && c.key !== collector.key) {
      problems.push({ code: "COLLECTOR_CHANGES", month: m });
      break;
    }
    collector ??= c;
  }
  if (collector && expectedCollectorKey !== undefined && collector.key !== expectedCollectorKey) problems.push({ code: "OTHER_COLLECTOR" });
  return { period, months, byMonth: s.byMonth, collector, problems };
}

// ————————————————————————————————————————————————————————— preview

/**
 * What a run would do, without writing: units it covers, units already billed for every month (skipped), the
 * bills it would create (count, total, five samples with payer, unit and amount), and the problems that refuse it:
 * a period start that is not one (rules.periodStartProblem), a start more than a year ahead, a month with no
 * schedule in force (after the last one ended: beyond the schedule), nobody collecting.
 */
export async function previewRun(db: Db, compoundId: string, input: RunInput, now: Date, opts: { collectorKey?: string } = {}): Promise<RunPreview> {
  const c = await checkPeriod(db, compoundId, input, now, opts.collectorKey);
  const first = c.byMonth.values().next().value ?? null;
  const out: RunPreview = {
    input,
    period: c.period,
    months: c.months,
    itemName: first?.itemName ?? null,
    basis: first?.basis ?? null,
    collector: c.collector,
    problems: c.problems,
    unitsTotal: 0,
    unitsToBill: 0,
    unitsSkipped: 0,
    bills: 0,
    totalFen: 0,
    samples: [],
  };
  if (!c.period || c.byMonth.size !== c.months.length) return out;
  const ctes = draftCtes(compoundId, input.itemCode, c.months, unitsSql(compoundId, kindsOf(c.byMonth)));
  const [t] = rowsOf<{ units: number; to_bill: number; bills: number; total: string | number }>(
    await db.execute(sql`with ${ctes}
      select (select count(*) from u)::int as units, (select count(distinct unit_id) from drafts)::int as to_bill,
             (select count(*) from drafts)::int as bills, (select coalesce(sum(amount), 0) from drafts)::bigint as total`),
  );
  out.unitsTotal = Number(t.units);
  out.unitsToBill = Number(t.to_bill);
  out.unitsSkipped = out.unitsTotal - out.unitsToBill;
  out.bills = Number(t.bills);
  out.totalFen = Number(t.total);
  const samples = rowsOf<{ unit_id: string; building: string; number: string; owner_id: string | null; payer_name: string | null; period_from: string; period_to: string; months: number; amount: string | number }>(
    await db.execute(sql`with ${ctes}
      select d.unit_id, b.name as building, un.number, d.owner_id, o.name as payer_name, d.period_from, d.period_to, d.months, d.amount
      from drafts d join units un on un.id = d.unit_id join buildings b on b.id = d.building_id left join owners o on o.id = d.owner_id
      order by length(b.name), b.name, length(un.number), un.number, d.period_from
      limit 5`),
  );
  out.samples = samples.map((r) => ({
    unitId: r.unit_id,
    unitLabel: `${r.building} ${r.number}`,
    payerKind: r.owner_id ? "owner" : "developer",
    payerName: r.payer_name ?? DEVELOPER_PAYER_NAME,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    months: Number(r.months),
    amountFen: Number(r.amount),
  }));
  return out;
}

// ————————————————————————————————————————————————————————— starting and carrying out a run

/**
 * Start a run: checks the period again (problems refuse it, writing nothing) and records the run (status running,
 * the units it covers) with its audit row. `collectorKey`: the collecting body the person starting it acts for —
 * a run of months another body collected is refused. Carry it out with runChunk / runToEnd / continueRun. (It does
 * not compose the bills twice: the preview's figures are the preview's; the run's are counted as it goes.)
 */
export async function startRun(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  input: RunInput,
  now: Date,
  opts: { collectorKey?: string } = {},
): Promise<{ ok: true; runId: string; unitsTotal: number } | { ok: false; problems: BillingProblem[] }> {
  const c = await checkPeriod(db, compoundId, input, now, opts.collectorKey);
  if (c.problems.length || !c.period || !c.collector) return { ok: false, problems: c.problems.length ? c.problems : [{ code: "UNKNOWN_ITEM" }] };
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${unitsSql(compoundId, kindsOf(c.byMonth))}) u`));
  const run = {
    id: newId("brn"),
    compoundId,
    collectorKey: c.collector.key,
    itemCode: input.itemCode,
    periodKind: input.periodKind,
    periodFrom: c.period.from,
    periodTo: c.period.to,
    status: "running" as const,
    unitsTotal: Number(n),
    unitsDone: 0,
    billsCreated: 0,
    totalFen: 0,
    startedBy: actor?.id ?? null,
    startedAt: now,
    createdAt: now,
  };
  await db.transaction(async (tx) => {
    // Like a chunk's, the start's commit need not wait for its WAL flush: a crash can only lose the run with its
    // audit row and nothing billed under it (its chunks' commits come later in the WAL).
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.insert(billingRuns).values(run);
    await writeAudit(tx, now, { actor, action: "fees.run.start", target: { kind: "billing_run", id: run.id }, scopePath: await nodePath(tx, compoundId), after: run });
  });
  return { ok: true, runId: run.id, unitsTotal: run.unitsTotal };
}

export type ChunkResult = {
  done: boolean;
  status: "running" | "done" | "reversed";
  unitsDone: number;
  unitsTotal: number;
  billsCreated: number;
  totalFen: number;
  /** What this chunk did. */
  chunk: { units: number; bills: number; totalFen: number };
};

/** A month of the run has lost its schedule since the run started (a schedule ended meanwhile): the run stops, resumable. */
export class RunBlockedError extends Error {
  constructor(readonly month: Month) {
    super(`billing run blocked: no schedule in force on ${month}-01`);
  }
}

/** Another run billed some of this chunk's months between our check and our insert: the chunk is rolled back and redone. */
class LostRaceError extends Error {}

function retryable(e: unknown): boolean {
  if (e instanceof LostRaceError) return true;
  const err = e as { code?: string; cause?: { code?: string } };
  const code = err?.code ?? err?.cause?.code;
  return code === "23505" || code === "40P01" || code === "40001";
}

/**
 * Bill the next `size` units of a running run (by unit id, after the `units_done` already processed) in ONE
 * committed transaction: one INSERT … SELECT of the bills (ON CONFLICT DO NOTHING on the unit × item × period
 * start × payer index) and of their months (ON CONFLICT DO NOTHING on unit × item × month), and the run's
 * counters. The run row is locked first, so two callers of the same run take turns. A chunk with fewer units than
 * `size` is the last: the run is done (finished_at, audit). A run not running is left alone.
 */
export async function runChunk(db: Db, runId: string, size = RUN_CHUNK_UNITS, clock: () => Date = clockNow): Promise<ChunkResult> {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError("a chunk is at least one unit");
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => chunkTx(tx, runId, size, clock()));
    } catch (e) {
      if (attempt < CHUNK_ATTEMPTS && retryable(e)) {
        // The other run has committed what it took (we waited for it): the next attempt sees it and skips it.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 10 * attempt)));
        continue;
      }
      throw e;
    }
  }
}

async function chunkTx(tx: Db, runId: string, size: number, now: Date): Promise<ChunkResult> {
  // A chunk's commit need not wait for its WAL flush: a crash can lose only whole recent chunks — bills, months and
  // the run's counter together — and the run, resumed, bills those units again; any later synchronous commit (a
  // payment against one of these bills) flushes them first. This halves the cost of a small compound's run.
  await tx.execute(sql`set local synchronous_commit = off`);
  const [run] = await tx.select().from(billingRuns).where(eq(billingRuns.id, runId)).for("update");
  if (!run) throw new Error(`no billing run ${runId}`);
  const result = (chunk: ChunkResult["chunk"], r: typeof run): ChunkResult => ({
    done: r.status !== "running",
    status: r.status,
    unitsDone: r.unitsDone,
    unitsTotal: r.unitsTotal,
    billsCreated: r.billsCreated,
    totalFen: Number(r.totalFen),
    chunk,
  });
  if (run.status !== "running") return result({ units: 0, bills: 0, totalFen: 0 }, run);
  const months = monthsOf({ from: run.periodFrom, to: run.periodTo });
  // Locked for share: ending a schedule (an update of its row) waits for this chunk, and this chunk for it.
  const s = schedulesForMonths(await itemSchedules(tx, run.compoundId, run.itemCode, true), months);
  if (s.byMonth.size !== months.length) throw new RunBlockedError(months.find((m) => !s.byMonth.has(m)) ?? months[0]);
  const ctes = draftCtes(run.compoundId, run.itemCode, months, unitsSql(run.compoundId, kindsOf(s.byMonth), { offset: run.unitsDone, limit: size }));
  const [r] = rowsOf<{ units: number; bills: number; total: string | number; months_expected: number; months_inserted: number }>(
    await tx.execute(sql`with ${ctes},
      ins as (
        insert into bills (id, compound_id, building_id, unit_id, collector_key, item_code, item_name, period_from, period_to, months,
                           payer_kind, payer_owner_id, payer_key, payer_name, quantity, rates, amount_fen, due_day, run_id, source, created_at)
        select 'bil_' || replace(gen_random_uuid()::text, '-', ''), ${run.compoundId}, d.building_id, d.unit_id, ${run.collectorKey}, ${run.itemCode},
               d.item_name, d.period_from, d.period_to, d.months,
               case when d.owner_id is null then 'developer' else 'owner' end, d.owner_id, d.payer_key, coalesce(o.name, ${DEVELOPER_PAYER_NAME}),
               d.quantity, d.rates, d.amount, d.due_day, ${run.id}, 'run', ${now.toISOString()}::timestamptz
        from drafts d left join owners o on o.id = d.owner_id
        order by d.unit_id, d.payer_key
        on conflict (unit_id, item_code, period_from, payer_key) do nothing
        returning id, unit_id, payer_key, amount_fen, months
      ),
      insm as (
        insert into bill_months (unit_id, item_code, month, bill_id)
        select ins.unit_id, ${run.itemCode}, pm.month, ins.id from ins join pm on pm.unit_id = ins.unit_id and pm.payer_key = ins.payer_key
        order by ins.unit_id, pm.month
        on conflict do nothing
        returning 1
      )
      select (select count(*) from u)::int as units, (select count(*) from ins)::int as bills,
             (select coalesce(sum(amount_fen), 0) from ins)::bigint as total,
             (select coalesce(sum(months), 0) from ins)::int as months_expected, (select count(*) from insm)::int as months_inserted`),
  );
  // A bill whose month was taken meanwhile by a run of another period length: undo the chunk and redo it.
  if (Number(r.months_expected) !== Number(r.months_inserted)) throw new LostRaceError();
  const units = Number(r.units);
  const chunk = { units, bills: Number(r.bills), totalFen: Number(r.total) };
  const last = units < size;
  const [after] = await tx
    .update(billingRuns)
    .set({
      unitsDone: sql`${billingRuns.unitsDone} + ${units}`,
      billsCreated: sql`${billingRuns.billsCreated} + ${chunk.bills}`,
      totalFen: sql`${billingRuns.totalFen} + ${chunk.totalFen}`,
      ...(last ? { status: "done" as const, finishedAt: now } : {}),
    })
    .where(eq(billingRuns.id, run.id))
    .returning();
  if (last) {
    const [u] = run.startedBy ? await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, run.startedBy)) : [];
    await writeAudit(tx, now, {
      actor: u ?? null,
      action: "fees.run.finish",
      target: { kind: "billing_run", id: run.id },
      scopePath: await nodePath(tx, run.compoundId),
      detail: { unitsDone: after.unitsDone, billsCreated: after.billsCreated, totalFen: Number(after.totalFen) },
    });
  }
  return result(chunk, after);
}

/** Carry a run to its end, chunk after chunk, letting the event loop run between chunks (PGlite settles queries as microtasks). */
export async function runToEnd(db: Db, runId: string, opts: { size?: number; clock?: () => Date } = {}): Promise<ChunkResult> {
  for (;;) {
    const r = await runChunk(db, runId, opts.size ?? RUN_CHUNK_UNITS, opts.clock ?? clockNow);
    if (r.done) return r;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs being carried out in this process. */
const active = new Set<string>();

/** Whether this process is carrying the run out now (a running run that is not was interrupted: it can be continued). */
export function runIsActive(runId: string): boolean {
  return active.has(runId);
}

/**
 * Carry a run out in the background, not awaited: each chunk its own transaction, so on PGlite's single connection
 * page requests interleave with it. An error is logged and leaves the run running and resumable (continue runs the
 * remaining chunks). `finished` settles when it stops (never rejects). No-op when this process already runs it.
 */
export function continueRun(db: Db, runId: string, opts: { size?: number; clock?: () => Date } = {}): { started: boolean; finished: Promise<void> } {
  if (active.has(runId)) return { started: false, finished: Promise.resolve() };
  active.add(runId);
  const finished = runToEnd(db, runId, opts)
    .then(() => undefined)
    .catch((e: unknown) => log.error({ err: e, runId }, "billing run stopped; it can be continued"))
    .finally(() => active.delete(runId));
  return { started: true, finished };
}

/**
 * Bill one item of a compound for one period, to the end, in the calling process: start a run and carry it out.
 * For seeds and scripts (the demo's twelve months of history); pages use startRun + continueRun.
 */
export async function billPeriod(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  input: RunInput,
  now: Date,
): Promise<{ ok: true; runId: string; unitsTotal: number; unitsSkipped: number; billsCreated: number; totalFen: number } | { ok: false; problems: BillingProblem[] }> {
  const started = await startRun(db, actor, compoundId, input, now);
  if (!started.ok) return started;
  const r = await runToEnd(db, started.runId, { clock: () => now });
  const [u] = await db.select({ n: sql<number>`count(distinct ${bills.unitId})::int` }).from(bills).where(eq(bills.runId, started.runId));
  return { ok: true, runId: started.runId, unitsTotal: r.unitsTotal, unitsSkipped: r.unitsTotal - Number(u?.n ?? 0), billsCreated: r.billsCreated, totalFen: r.totalFen };
}

// ————————————————————————————————————————————————————————— reversing a run

export type ReverseResult = { ok: true; notes: number; creditedFen: number } | { ok: false; error: "RUNNING" | "ALREADY_REVERSED" };

/**
 * Reverse a finished run by credit notes (冲销), never by deleting: each of its bills gets one for what is still
 * outstanding (rules.creditNoteProblem: positive, not above the outstanding amount); paid parts stay paid (reverse
 * the payment first to refund it). The run becomes "reversed"; its months stay billed (bill_months is append-only),
 * so they are not billed again. Audited. Another compound's run → null.
 */
export async function reverseRun(db: Db, actor: AuditActor, compoundId: string, runId: string, reason: string, now: Date): Promise<ReverseResult | null> {
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(billingRuns).where(and(eq(billingRuns.id, runId), eq(billingRuns.compoundId, compoundId))).for("update");
    if (!run) return null;
    if (run.status === "running") return { ok: false as const, error: "RUNNING" as const };
    if (run.status === "reversed") return { ok: false as const, error: "ALREADY_REVERSED" as const };
    // Every ledger write of a unit first locks the unit's row (as payments do, app/fees/payments.server.ts), in id
    // order: a payment allocating to one of these bills waits for the credit notes, or they wait for it.
    await tx
      .select({ id: units.id })
      .from(units)
      .where(inArray(units.id, tx.select({ id: bills.unitId }).from(bills).where(eq(bills.runId, run.id))))
      .orderBy(asc(units.id))
      .for("no key update");
    const open = await tx
      .select({ id: bills.id, outstanding: outstandingSql })
      .from(bills)
      .where(and(eq(bills.runId, run.id), sql`${outstandingSql} > 0`))
      .orderBy(asc(bills.id));
    const notes: (typeof creditNotes.$inferInsert)[] = [];
    for (const b of open) {
      const fen = Number(b.outstanding);
      if (creditNoteProblem(fen, fen)) continue;
      notes.push({ id: newId("crn"), compoundId, billId: b.id, amountFen: fen, reason, runId: run.id, createdBy: actor?.id ?? null, createdAt: now });
    }
    for (let i = 0; i < notes.length; i += 1000) await tx.insert(creditNotes).values(notes.slice(i, i + 1000));
    await tx.update(billingRuns).set({ status: "reversed" }).where(eq(billingRuns.id, run.id));
    const creditedFen = notes.reduce((a, n) => a + Number(n.amountFen), 0);
    await writeAudit(tx, now, {
      actor,
      action: "fees.run.reverse",
      target: { kind: "billing_run", id: run.id },
      scopePath: await nodePath(tx, compoundId),
      before: { status: run.status },
      after: { status: "reversed" },
      detail: { reason, creditNotes: notes.length, creditedFen },
    });
    return { ok: true as const, notes: notes.length, creditedFen };
  });
}

// ————————————————————————————————————————————————————————— reading runs

export type RunView = typeof billingRuns.$inferSelect & {
  startedByName: string | null;
  /** Carried out by this process now. */
  active: boolean;
  /** Running, but nobody is carrying it out (an error or a restart): it can be continued. */
  stopped: boolean;
  /** Distinct units that got a bill from this run. */
  unitsBilled?: number;
  creditedFen?: number;
};

const starter = alias(users, "starter");

function runView(r: { run: typeof billingRuns.$inferSelect; startedByName: string | null }): RunView {
  const isActive = active.has(r.run.id);
  return { ...r.run, totalFen: Number(r.run.totalFen), startedByName: r.startedByName, active: isActive, stopped: r.run.status === "running" && !isActive };
}

/** The compound's runs, newest first. */
export async function listRuns(db: Db, compoundId: string, limit = 100): Promise<RunView[]> {
  const rows = await db
    .select({ run: billingRuns, startedByName: starter.name })
    .from(billingRuns)
    .leftJoin(starter, eq(starter.id, billingRuns.startedBy))
    .where(eq(billingRuns.compoundId, compoundId))
    .orderBy(desc(billingRuns.startedAt), desc(billingRuns.id))
    .limit(limit);
  return rows.map(runView);
}

/** One run of the compound with what it billed and what was credited against it; another compound's → null. */
export async function getRun(db: Db, compoundId: string, runId: string): Promise<RunView | null> {
  const [r] = await db
    .select({ run: billingRuns, startedByName: starter.name })
    .from(billingRuns)
    .leftJoin(starter, eq(starter.id, billingRuns.startedBy))
    .where(and(eq(billingRuns.id, runId), eq(billingRuns.compoundId, compoundId)));
  if (!r) return null;
  const [u] = await db.select({ n: sql<number>`count(distinct ${bills.unitId})::int` }).from(bills).where(eq(bills.runId, runId));
  const [c] = await db.select({ fen: sql<string>`coalesce(sum(${creditNotes.amountFen}), 0)` }).from(creditNotes).where(eq(creditNotes.runId, runId));
  return { ...runView(r), unitsBilled: Number(u?.n ?? 0), creditedFen: Number(c?.fen ?? 0) };
}

// ————————————————————————————————————————————————————————— the bills list

export type BillRow = {
  id: string;
  buildingName: string;
  unitId: string;
  unitNumber: string;
  itemCode: string;
  itemName: string;
  periodFrom: Month;
  periodTo: Month;
  months: number;
  payerKind: "owner" | "developer";
  /** Masked (maskName) unless the reader collects. */
  payerName: string;
  amountFen: number;
  paidFen: number;
  creditedFen: number;
  outstandingFen: number;
  dueDay: Day;
  daysOverdue: number;
  state: BillState;
  runId: string | null;
};

function billWhere(compoundId: string, p: BillListParams, today: Day, revealNames: boolean): SQL {
  const conds: SQL[] = [eq(bills.compoundId, compoundId)];
  if (p.item) conds.push(eq(bills.itemCode, p.item));
  if (p.period) conds.push(sql`${bills.periodFrom} <= ${p.period} and ${bills.periodTo} >= ${p.period}`);
  if (p.building) conds.push(eq(bills.buildingId, p.building));
  if (p.run) conds.push(eq(bills.runId, p.run));
  if (p.status === "paid") conds.push(sql`${outstandingSql} = 0`);
  if (p.status === "partly") conds.push(sql`${paidSql} > 0 and ${outstandingSql} > 0`);
  if (p.status === "open") conds.push(sql`${outstandingSql} > 0`);
  if (p.status === "overdue") conds.push(sql`${outstandingSql} > 0 and ${bills.dueDay} < ${today}`);
  if (p.q) {
    const q = `%${escapeLike(p.q)}%`;
    // Payer names are searchable only by those who see them (a search would otherwise confirm a masked name).
    conds.push(or(ilike(units.number, q), ilike(buildings.name, q), revealNames ? ilike(bills.payerName, q) : undefined)!);
  }
  return and(...conds)!;
}

/**
 * A compound's bills with what was paid, credited and is outstanding, paged, sorted and filtered in SQL (item,
 * a month the period covers, building, status, run, a search of unit and — for collectors — payer). Payer names
 * are masked unless `revealNames` (the reader collects). Totals over the whole filter come with them.
 */
export async function listBills(db: Db, compoundId: string, p: BillListParams, today: Day, opts: { revealNames: boolean; all?: boolean }) {
  const where = billWhere(compoundId, p, today, opts.revealNames);
  const dir = p.dir === "asc" ? asc : desc;
  const unitOrder = [dir(sql`length(${buildings.name})`), dir(buildings.name), dir(sql`length(${units.number})`), dir(units.number)];
  const order =
    p.sort === "unit"
      ? unitOrder
      : p.sort === "payer"
        ? opts.revealNames
          ? [dir(bills.payerName)]
          : unitOrder
        : p.sort === "amount"
          ? [dir(bills.amountFen)]
          : p.sort === "outstanding"
            ? [dir(outstandingSql)]
            : p.sort === "due"
              ? [dir(bills.dueDay)]
              : [dir(bills.periodFrom)];
  const q = db
    .select({ b: bills, building: buildings.name, number: units.number, paid: paidSql, credited: creditedSql })
    .from(bills)
    .innerJoin(units, eq(units.id, bills.unitId))
    .innerJoin(buildings, eq(buildings.id, bills.buildingId))
    .where(where)
    .orderBy(...order, asc(bills.periodFrom), asc(bills.id));
  const found = opts.all ? await q.limit(100_000) : await q.limit(p.size).offset((p.page - 1) * p.size);
  const rows: BillRow[] = found.map((r) => {
    const paidFen = Number(r.paid);
    const creditedFen = Number(r.credited);
    const outstandingFen = r.b.amountFen - paidFen - creditedFen;
    const overdue = outstandingFen > 0 ? daysOverdue(r.b.dueDay, today) : 0;
    const state: BillState =
      outstandingFen <= 0 ? (paidFen > 0 || creditedFen === 0 ? "paid" : "credited") : overdue > 0 ? "overdue" : paidFen > 0 ? "partly" : "open";
    return {
      id: r.b.id,
      buildingName: r.building,
      unitId: r.b.unitId,
      unitNumber: r.number,
      itemCode: r.b.itemCode,
      itemName: r.b.itemName,
      periodFrom: r.b.periodFrom,
      periodTo: r.b.periodTo,
      months: r.b.months,
      payerKind: r.b.payerKind,
      payerName: r.b.payerKind === "developer" || opts.revealNames ? r.b.payerName : maskName(r.b.payerName),
      amountFen: r.b.amountFen,
      paidFen,
      creditedFen,
      outstandingFen,
      dueDay: r.b.dueDay,
      daysOverdue: overdue,
      state,
      runId: r.b.runId,
    };
  });
  const [{ n }] = await db
    .select({ n: count() })
    .from(bills)
    .innerJoin(units, eq(units.id, bills.unitId))
    .innerJoin(buildings, eq(buildings.id, bills.buildingId))
    .where(where);
  const totals = await ledgerTotals(db, sql`${bills.id} in (select ${bills.id} from ${bills} inner join ${units} on ${units.id} = ${bills.unitId} inner join ${buildings} on ${buildings.id} = ${bills.buildingId} where ${where})`);
  return { rows, total: Number(n), totals };
}

/** The filters' choices: the compound's fee items (from schedules and bills) and buildings. */
export async function billFilterOptions(db: Db, compoundId: string) {
  const items = await db
    .selectDistinct({ code: feeSchedules.itemCode, name: feeSchedules.itemName })
    .from(feeSchedules)
    .where(eq(feeSchedules.compoundId, compoundId))
    .orderBy(asc(feeSchedules.itemCode));
  const byCode = new Map<string, string>();
  for (const i of items) if (!byCode.has(i.code)) byCode.set(i.code, i.name);
  const blds = await db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(eq(buildings.compoundId, compoundId))
    .orderBy(asc(sql`length(${buildings.name})`), asc(buildings.name));
  return { items: [...byCode].map(([code, name]) => ({ code, name })), buildings: blds };
}

// ————————————————————————————————————————————————————————— who may

export type FeesAccess = { actor: Actor; node: AreaNode; collector: Collector | null; collects: boolean };

/**
 * The guard of the billing pages: `fees:view` (or `fees:collect`) at the compound, and whether the actor collects
 * for its collecting body today (actorCollects: the body's side, not only the permission). `need: "collect"`
 * answers 404 (audited) to anyone who does not collect.
 */
export async function feesAccess(request: Request, compoundId: string | undefined, need: "view" | "collect"): Promise<FeesAccess> {
  const { actor, node } = await requireNode(request, compoundId, need === "collect" ? "fees:collect" : "fees:view", ["compound"]);
  const db = await getDb();
  const t = clockNow();
  const { collector, collects } = await collectorSide(db, { userId: actor.user.id, grants: actor.grants }, { id: node.id, path: node.path }, t);
  if (need === "collect" && !collects) {
    await writeAudit(db, t, {
      actor: { id: actor.user.id, name: actor.user.name },
      action: "access.denied",
      result: "denied",
      target: { kind: "route", id: node.id },
      ip: actor.ip,
      detail: { permission: "fees:collect", collector: collector?.key ?? null, path: new URL(request.url).pathname },
    });
    throw notFound();
  }
  return { actor, node, collector, collects };
}
