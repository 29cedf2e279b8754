/**
 * Arrears (rules.md §4): what each payer of each unit owes past its due date, as of a day, with the ageing of
 * the oldest open bill (rules.ts daysOverdue / agingBucket: 1–30, 31–90, 91–180, 181+; in arrears from day 1
 * after the due date) and totals per building and compound by the age of each bill.
 *
 * "As of a day" means as the books stood at 24:00 (Asia/Shanghai) of that day: bills, allocations and credit
 * notes recorded before then count (a payment also needs its paid_at before then). Outstanding is never stored:
 * amount − Σ allocations − Σ credit notes, summed in SQL per bill through the bill_id indexes, then grouped —
 * linear in the bills read (about 7 µs a bill on PostgreSQL), whatever the planner's statistics.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "~db/client.server";
import { addDays, endOfDay, shanghaiDay, type Day } from "~/platform/days";
import { escapeLike } from "~/platform/area.server";
import { maskName } from "~/registry/claims.server";
import type { AgingBucket } from "./rules";
import type { ArrearsListParams } from "./arrears-schema";

/**
 * A report query. Its per-bill index probes are cheap but PostgreSQL's cost model prices them high enough to
 * JIT-compile the plan, which then costs more than running it (700 ms against 130 ms for 17,000 bills): JIT is
 * off for these reads (SET LOCAL, so only inside this transaction, or the caller's).
 */
export async function query<T>(db: Db, q: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return rowsOf<T>(await tx.execute(q));
  });
}

/** An instant as a timestamptz parameter (the same text on PGlite and postgres.js). */
export const tsParam = (d: Date) => sql`${d.toISOString()}::timestamptz`;
export const dayParam = (d: Day) => sql`${d}::date`;

/** The cut-off of a report: bills overdue on `day` (due before it) as the books stood just before `until`. */
export type AsOf = { day: Day; until: Date };

/** As of the end of a day (24:00 Asia/Shanghai). */
export function asOfDay(day: Day): AsOf {
  return { day, until: endOfDay(day) };
}

/**
 * The CTE `bal`: every bill matching `billWhere` (SQL on alias `b`) recorded before `until`, with what was paid
 * (allocations of payments paid and recorded before `until`), credited and is outstanding (`out_fen`).
 */
export function balancesCte(billWhere: SQL, until: Date): SQL {
  const u = tsParam(until);
  // Per-bill sums through the bill_id indexes (a probe per bill): the cost grows with the bills read, whatever
  // the planner guesses about a freshly billed month (joined aggregates went quadratic on stale statistics).
  return sql`bal0 as materialized (
    select b.id, b.compound_id, b.building_id, b.unit_id, b.collector_key, b.item_code, b.item_name, b.period_from, b.period_to,
           b.payer_kind, b.payer_key, b.payer_owner_id, b.payer_name, b.due_day, b.amount_fen,
           coalesce((select sum(pa.amount_fen) from payment_allocations pa join payments p on p.id = pa.payment_id
                     where pa.bill_id = b.id and pa.created_at < ${u} and p.paid_at < ${u}), 0) as paid_fen,
           coalesce((select sum(cn.amount_fen) from credit_notes cn where cn.bill_id = b.id and cn.created_at < ${u}), 0) as credited_fen
    from bills b
    where ${billWhere} and b.created_at < ${u}
  ),
  bal as (select bal0.*, bal0.amount_fen - bal0.paid_fen - bal0.credited_fen as out_fen from bal0)`;
}

/** The ageing bucket of `days` overdue in SQL — the same bounds as rules.agingBucket (null when not overdue). */
export function bucketSql(days: SQL): SQL<AgingBucket | null> {
  return sql`(case when ${days} <= 0 then null when ${days} <= 30 then '1-30' when ${days} <= 90 then '31-90' when ${days} <= 180 then '91-180' else '181+' end)`;
}

/** The fewest days overdue of a bucket: "1-30" → 1, "181+" → 181. */
export function bucketMinDays(b: AgingBucket): number {
  return Number(b.split(/[-+]/)[0]);
}
const BUCKET_MAX: Record<AgingBucket, number | null> = { "1-30": 30, "31-90": 90, "91-180": 180, "181+": null };

export const inList = (ids: readonly string[]) => sql`(${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`;

// ————————————————————————————————————————————————————————— per payer of a unit

export type ArrearsRow = {
  unitId: string;
  payerKey: string;
  ownerId: string | null;
  payerKind: "owner" | "developer";
  payerName: string;
  buildingId: string;
  buildingName: string;
  unitNumber: string;
  outstandingFen: number;
  oldestDueDay: Day;
  daysOverdue: number;
  bucket: AgingBucket;
  bills: number;
  lastReminderId: string | null;
  lastReminderDay: Day | null;
};

type RawArrears = {
  unit_id: string;
  payer_key: string;
  owner_id: string | null;
  payer_kind: "owner" | "developer";
  payer_name: string;
  building_id: string;
  building_name: string;
  unit_number: string;
  out_fen: string;
  oldest_due: string;
  days: number;
  bills: number;
  bucket: AgingBucket;
  total: number;
  last_id: string | null;
  last_at: string | null;
};

/** The (unit, payer) rows in arrears on `asOf.day`: one per payer of a unit (bills stay with whoever was billed). */
function arrearsRowsSql(billWhere: SQL, asOf: AsOf): SQL {
  const d = dayParam(asOf.day);
  return sql`with ${balancesCte(sql`${billWhere} and b.due_day < ${d}`, asOf.until)},
    r as (
      select o.unit_id, o.payer_key, max(o.payer_owner_id) as owner_id, max(o.payer_kind) as payer_kind, max(o.payer_name) as payer_name,
             o.building_id, bd.name as building_name, u.number as unit_number,
             sum(o.out_fen) as out_fen, min(o.due_day) as oldest_due, (${d} - min(o.due_day))::int as days, count(*)::int as bills
      from bal o
      join units u on u.id = o.unit_id
      join buildings bd on bd.id = o.building_id
      where o.due_day < ${d} and o.out_fen > 0
      group by o.unit_id, o.payer_key, o.building_id, bd.name, u.number
    )`;
}

export type ArrearsFilters = {
  buildingId?: string;
  bucket?: AgingBucket;
  minFen?: number;
  q?: string;
  /** Search the payer's name too (only for viewers who see names: a masked list must not answer name probes). */
  searchNames?: boolean;
};

function arrearsFilterSql(f: ArrearsFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.buildingId) parts.push(sql`r.building_id = ${f.buildingId}`);
  if (f.bucket) {
    parts.push(sql`r.days >= ${bucketMinDays(f.bucket)}`);
    const max = BUCKET_MAX[f.bucket];
    if (max !== null) parts.push(sql`r.days <= ${max}`);
  }
  if (f.minFen !== undefined) parts.push(sql`r.out_fen >= ${f.minFen}`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    parts.push(
      f.searchNames
        ? sql`(r.unit_number ilike ${like} or r.building_name ilike ${like} or r.payer_name ilike ${like})`
        : sql`(r.unit_number ilike ${like} or r.building_name ilike ${like})`,
    );
  }
  return sql.join(parts, sql` and `);
}

function orderSql(alias: "r" | "page", sort: ArrearsListParams["sort"], dir: "asc" | "desc"): SQL {
  const a = sql.raw(alias);
  const d = sql.raw(dir);
  const keys: Record<ArrearsListParams["sort"], SQL[]> = {
    unit: [sql`nullif(substring(${a}.building_name from '^[0-9]+'), '')::int`, sql`${a}.building_name`, sql`${a}.unit_number`],
    payer: [sql`${a}.payer_name`],
    outstanding: [sql`${a}.out_fen`],
    oldestDue: [sql`${a}.oldest_due`],
    days: [sql`${a}.days`],
  };
  // The key, then a stable tie-break (building, unit, payer) in the same direction.
  const cols = [...keys[sort], sql`${a}.building_name`, sql`${a}.unit_number`, sql`${a}.payer_key`];
  return sql.join(cols.map((c) => sql`${c} ${d}`), sql`, `);
}

function toRow(r: RawArrears, seesNames: boolean): ArrearsRow {
  return {
    unitId: r.unit_id,
    payerKey: r.payer_key,
    ownerId: r.owner_id,
    payerKind: r.payer_kind,
    payerName: seesNames || r.payer_kind === "developer" ? r.payer_name : maskName(r.payer_name),
    buildingId: r.building_id,
    buildingName: r.building_name,
    unitNumber: r.unit_number,
    outstandingFen: Number(r.out_fen),
    oldestDueDay: r.oldest_due,
    daysOverdue: Number(r.days),
    bucket: r.bucket,
    bills: Number(r.bills),
    lastReminderId: r.last_id,
    lastReminderDay: r.last_at ? shanghaiDay(new Date(r.last_at)) : null,
  };
}

/**
 * The compound's arrears list as of `asOf`: one row per payer of a unit, filtered, sorted and paged in SQL, with
 * the last reminder sent. Payer names are masked (maskName) unless `viewer.seesNames` — the viewer collects; the
 * developer is an organisation and is named.
 */
export async function listArrears(
  db: Db,
  compoundId: string,
  p: Pick<ArrearsListParams, "sort" | "dir" | "page" | "size">,
  filters: ArrearsFilters,
  asOf: AsOf,
  viewer: { seesNames: boolean },
  opts: { all?: boolean } = {},
): Promise<{ rows: ArrearsRow[]; total: number }> {
  const limit = opts.all ? 100_000 : p.size;
  const offset = opts.all ? 0 : (p.page - 1) * p.size;
  const where = arrearsFilterSql({ ...filters, searchNames: !!filters.searchNames && viewer.seesNames });
  const raw = await query<RawArrears>(
    db,
    sql`${arrearsRowsSql(sql`b.compound_id = ${compoundId}`, asOf)},
      page as (
        select r.*, ${bucketSql(sql`r.days`)} as bucket, (count(*) over ())::int as total
        from r where ${where}
        order by ${orderSql("r", p.sort, p.dir)}
        limit ${limit} offset ${offset}
      )
      select page.unit_id, page.payer_key, page.owner_id, page.payer_kind, page.payer_name, page.building_id, page.building_name, page.unit_number,
             page.out_fen::text as out_fen, page.oldest_due::text as oldest_due, page.days, page.bills, page.bucket, page.total,
             lr.id as last_id, lr.created_at as last_at
      from page
      left join lateral (
        select fr.id, fr.created_at from fee_reminders fr
        where fr.unit_id = page.unit_id and fr.owner_id is not distinct from page.owner_id
        order by fr.created_at desc limit 1
      ) lr on true
      order by ${orderSql("page", p.sort, p.dir)}`,
  );
  let total = raw[0] ? Number(raw[0].total) : 0;
  if (!raw.length && offset > 0) {
    // Past the last page: the count still answers.
    const [c] = await query<{ n: number }>(db, sql`${arrearsRowsSql(sql`b.compound_id = ${compoundId}`, asOf)} select count(*)::int as n from r where ${where}`);
    total = Number(c?.n ?? 0);
  }
  return { rows: raw.map((r) => toRow(r, viewer.seesNames)), total };
}

// ————————————————————————————————————————————————————————— totals per building and compound

export type BucketTotals = Record<AgingBucket, number>;
export type ArrearsTotal = { payers: number; totalFen: number; buckets: BucketTotals };
export type ArrearsTotals = ArrearsTotal & { buildings: (ArrearsTotal & { id: string; name: string })[] };

const zeroBuckets = (): BucketTotals => ({ "1-30": 0, "31-90": 0, "91-180": 0, "181+": 0 });

/**
 * Arrears of the compound as of `asOf`, per building and in total: the outstanding amount by the age of each
 * bill (a payer with a 100-day-old and a 10-day-old bill adds to 91–180 and to 1–30), and how many payers owe.
 */
export async function arrearsTotals(db: Db, compoundId: string, asOf: AsOf): Promise<ArrearsTotals> {
  const d = dayParam(asOf.day);
  const rows = await query<{ building_id: string | null; name: string | null; bucket: AgingBucket | null; fen: string; payers: number; gb: number; gk: number }>(
    db,
    sql`with ${balancesCte(sql`b.compound_id = ${compoundId} and b.due_day < ${d}`, asOf.until)},
      o as (
        select bal.building_id, bd.name, bal.unit_id, bal.payer_key, bal.out_fen, ${bucketSql(sql`(${d} - bal.due_day)`)} as bucket
        from bal join buildings bd on bd.id = bal.building_id
        where bal.due_day < ${d} and bal.out_fen > 0
      )
      select o.building_id, o.name, o.bucket, sum(o.out_fen)::text as fen, count(distinct o.unit_id || '|' || o.payer_key)::int as payers,
             grouping(o.building_id)::int as gb, grouping(o.bucket)::int as gk
      from o
      group by grouping sets ((o.building_id, o.name, o.bucket), (o.building_id, o.name), ())`,
  );
  const total: ArrearsTotal = { payers: 0, totalFen: 0, buckets: zeroBuckets() };
  const byBuilding = new Map<string, ArrearsTotal & { id: string; name: string }>();
  const building = (id: string, name: string) => {
    let b = byBuilding.get(id);
    if (!b) byBuilding.set(id, (b = { id, name, payers: 0, totalFen: 0, buckets: zeroBuckets() }));
    return b;
  };
  for (const r of rows) {
    const fen = Number(r.fen);
    if (Number(r.gb) === 1) {
      total.totalFen = fen;
      total.payers = Number(r.payers);
    } else if (Number(r.gk) === 1) {
      const b = building(r.building_id!, r.name!);
      b.totalFen = fen;
      b.payers = Number(r.payers);
    } else {
      building(r.building_id!, r.name!).buckets[r.bucket!] = fen;
      total.buckets[r.bucket!] += fen;
    }
  }
  // "2号楼" before "10号楼".
  const buildings = [...byBuilding.values()].sort((a, b) => a.name.localeCompare(b.name, "zh-CN", { numeric: true }) || (a.id < b.id ? -1 : 1));
  return { ...total, buildings };
}

// ————————————————————————————————————————————————————————— one payer's open bills

export type OpenBillAsOf = {
  id: string;
  itemCode: string;
  itemName: string;
  periodFrom: string;
  periodTo: string;
  dueDay: Day;
  amountFen: number;
  outstandingFen: number;
  payerName: string;
  payerOwnerId: string | null;
};

/**
 * A payer's overdue bills on one unit as of `asOf`, oldest first (rules.md's allocation order), optionally only
 * those of one collecting body — a reminder speaks for the body that collects now.
 */
export async function overdueBillsOf(
  db: Db,
  where: { compoundId: string; unitId: string; payerKey: string; collectorKey?: string },
  asOf: AsOf,
): Promise<OpenBillAsOf[]> {
  const billWhere = sql.join(
    [
      sql`b.compound_id = ${where.compoundId}`,
      sql`b.unit_id = ${where.unitId}`,
      sql`b.payer_key = ${where.payerKey}`,
      ...(where.collectorKey ? [sql`b.collector_key = ${where.collectorKey}`] : []),
      sql`b.due_day < ${dayParam(asOf.day)}`,
    ],
    sql` and `,
  );
  const rows = await query<{ id: string; item_code: string; item_name: string; period_from: string; period_to: string; due_day: string; amount_fen: string; out_fen: string; payer_name: string; payer_owner_id: string | null }>(
    db,
    sql`with ${balancesCte(billWhere, asOf.until)}
      select id, item_code, item_name, period_from, period_to, due_day::text as due_day, amount_fen::text as amount_fen, out_fen::text as out_fen, payer_name, payer_owner_id
      from bal where due_day < ${dayParam(asOf.day)} and out_fen > 0
      order by due_day, period_from, item_code, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    itemCode: r.item_code,
    itemName: r.item_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    dueDay: r.due_day,
    amountFen: Number(r.amount_fen),
    outstandingFen: Number(r.out_fen),
    payerName: r.payer_name,
    payerOwnerId: r.payer_owner_id,
  }));
}

/** The payers of the compound owing a collecting body, whose oldest overdue bill is at least `minDays` overdue on `asOf.day`. */
export async function payersInArrears(db: Db, compoundId: string, collectorKey: string, asOf: AsOf, minDays: number) {
  const rows = await query<{ unit_id: string; payer_key: string; owner_id: string | null; out_fen: string; oldest_due: string; days: number }>(
    db,
    sql`${arrearsRowsSql(sql`b.compound_id = ${compoundId} and b.collector_key = ${collectorKey}`, asOf)}
      select unit_id, payer_key, owner_id, out_fen::text as out_fen, oldest_due::text as oldest_due, days from r
      where days >= ${minDays} order by building_name, unit_number, payer_key`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, payerKey: r.payer_key, ownerId: r.owner_id, outstandingFen: Number(r.out_fen), oldestDueDay: r.oldest_due, daysOverdue: Number(r.days) }));
}

// ————————————————————————————————————————————————————————— owners: candidates and committee members

/** Whether the compound has any bill at all (without bills, arrears are unknown, not zero). */
export async function compoundHasBills(db: Db, compoundId: string): Promise<boolean> {
  return (await query<{ x: number }>(db, sql`select 1 as x from bills where compound_id = ${compoundId} limit 1`)).length > 0;
}

/**
 * What each owner owes in the compound on bills more than `overdueMoreThan` days overdue on `asOf.day` (0: any
 * arrears), and the oldest such due day. Owners who owe nothing are absent from the map.
 */
export async function ownersArrears(db: Db, compoundId: string, ownerIds: readonly string[], asOf: AsOf, overdueMoreThan = 0): Promise<Map<string, { outstandingFen: bigint; oldestDueDay: Day }>> {
  if (ownerIds.length === 0) return new Map();
  const before = addDays(asOf.day, -overdueMoreThan);
  const rows = await query<{ owner_id: string; fen: string; oldest: string }>(
    db,
    sql`with ${balancesCte(sql`b.compound_id = ${compoundId} and b.payer_owner_id in ${inList(ownerIds)} and b.due_day < ${dayParam(before)}`, asOf.until)}
      select payer_owner_id as owner_id, sum(out_fen)::text as fen, min(due_day)::text as oldest
      from bal where due_day < ${dayParam(before)} and out_fen > 0
      group by payer_owner_id`,
  );
  return new Map(rows.map((r) => [r.owner_id, { outstandingFen: BigInt(r.fen), oldestDueDay: r.oldest }]));
}

/**
 * Days overdue beyond which a candidate's fee arrears are reported to the reviewers (rules.md §2: "malicious
 * arrears" is a local disqualification, Beijing Art. 39). Whether arrears are malicious is the reviewers'
 * judgment; the rule pack has no setting for the threshold (app/registry/rule-pack.ts), so this is a constant:
 * more than 90 days, i.e. the 91–180 and 181+ buckets.
 */
export const CANDIDATE_ARREARS_DAYS = 90;

/**
 * The candidate owner's arrears for the eligibility finding: Σ outstanding on their bills in the compound more
 * than CANDIDATE_ARREARS_DAYS days overdue today (0n: none); null when the compound has no bills at all, so
 * the finding stays "unknown".
 */
export async function candidateArrearsFen(db: Db, compoundId: string, ownerId: string, now: Date): Promise<bigint | null> {
  if (!(await compoundHasBills(db, compoundId))) return null;
  const today = shanghaiDay(now);
  const m = await ownersArrears(db, compoundId, [ownerId], { day: today, until: now }, CANDIDATE_ARREARS_DAYS);
  return m.get(ownerId)?.outstandingFen ?? 0n;
}

/** The last day of the last half-year that has ended before `today` (06-30 or 12-31): Beijing Art. 44 publishes members' payments half-yearly. */
export function lastHalfYearEnd(today: Day): Day {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m >= 7 ? `${y}-06-30` : `${y - 1}-12-31`;
}

export type MemberPaymentStatus = {
  /** The day the status is taken at: the end of the last half-year. */
  asOf: Day;
  /** No bill in the compound at all: nothing to publish yet. */
  hasBills: boolean;
  members: { memberId: string; name: string; role: string; paidUp: boolean; owesFen: number; oldestDueDay: Day | null }[];
};

/**
 * The committee members' own fee-payment status (Beijing Art. 44, published every half-year): per member, paid
 * up or what they owed at 24:00 of the last half-year's last day and their oldest overdue bill then.
 */
export async function membersPaymentStatus(db: Db, compoundId: string, members: readonly { id: string; ownerId: string; name: string; role: string }[], now: Date): Promise<MemberPaymentStatus> {
  const asOf = lastHalfYearEnd(shanghaiDay(now));
  const hasBills = await compoundHasBills(db, compoundId);
  const owed = hasBills ? await ownersArrears(db, compoundId, [...new Set(members.map((m) => m.ownerId))], asOfDay(asOf)) : new Map();
  return {
    asOf,
    hasBills,
    members: members.map((m) => {
      const o = owed.get(m.ownerId);
      return { memberId: m.id, name: m.name, role: m.role, paidUp: !o, owesFen: o ? Number(o.outstandingFen) : 0, oldestDueDay: o?.oldestDueDay ?? null };
    }),
  };
}


/** The compound's buildings (the arrears list's building filter). */
export async function buildingsOf(db: Db, compoundId: string): Promise<{ id: string; name: string }[]> {
  return query<{ id: string; name: string }>(db, sql`select id, name from buildings where compound_id = ${compoundId} order by nullif(substring(name from '^[0-9]+'), '')::int nulls last, name, id`);
}
