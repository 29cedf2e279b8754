/**
 * Collection rates (rules.md §4): for a period, the amount paid on the period's bills ÷ the amount billed for it
 * net of credit notes, as of a date — and by households: units whose bills of the period are all paid ÷ units
 * billed. A month's bills are those whose period starts in the month (a quarterly bill belongs to its first
 * month); a year's, those whose period starts in the year. Fractions are exact (rules.collectionRate,
 * householdCollectionRate); sums are taken in SQL from the same balances as the arrears (./arrears.server.ts).
 *
 * The area overview reads every compound under a node in a fixed number of queries, whatever their number:
 * who collects comes from the model histories and contracts read in bulk and the pure governance rule.
 */
import { sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { responsibleFor, type ModelPeriod, type ServiceContract } from "~/governance/rules";
import { escapeLike } from "~/platform/area.server";
import { addDays, type Day } from "~/platform/days";
import type { Collector, CollectorKind } from "./collector.server";
import { balancesCte, dayParam, query, type AsOf } from "./arrears.server";
import type { AreaFeesListParams } from "./arrears-schema";
import { collectionRate, compareRates, householdCollectionRate, monthOf, shiftMonth, type Fraction, type Month } from "./rules";

export type RateFigures = { billedFen: number; creditedFen: number; paidFen: number; outstandingFen: number; rate: Fraction | null };

/** billed/credited/paid sums (SQL text) → the figures with their exact rate. Paid never exceeds billed − credited in a consistent ledger. */
export function figures(billed: string | number, credited: string | number, paid: string | number): RateFigures {
  const billedFen = Number(billed);
  const creditedFen = Number(credited);
  const paidFen = Number(paid);
  return { billedFen, creditedFen, paidFen, outstandingFen: billedFen - creditedFen - paidFen, rate: collectionRate({ billedFen, creditedFen, paidFen }) };
}

const zeroFigures = (): RateFigures => figures(0, 0, 0);

/** Run reads one after another (a tuple of thunks → a tuple of results). */
async function sequence<const T extends readonly (() => Promise<unknown>)[]>(steps: T): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const step of steps) out.push(await step());
  return out as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

export type CompoundRates = {
  asOf: Day;
  month: Month;
  year: string;
  thisMonth: RateFigures & { households: Fraction | null };
  thisYear: RateFigures & { households: Fraction | null };
  /** The 12 months ending with the as-of month, oldest first. */
  months: (RateFigures & { month: Month })[];
  buildings: { id: string; name: string; month: RateFigures; year: RateFigures }[];
};

/** Collection rates of a compound as of `asOf`: this month and this year (money and households), by building, and the last 12 months. */
export async function compoundRates(db: Db, compoundId: string, asOf: AsOf): Promise<CompoundRates> {
  const month = monthOf(asOf.day);
  const year = asOf.day.slice(0, 4);
  const first = shiftMonth(month, -11);
  const yFrom = `${year}-01`;
  const yTo = `${year}-12`;
  const inCompound = sql`b.compound_id = ${compoundId}`;

  // One after another: each read is its own SET LOCAL transaction (./arrears.server.ts query), and savepoints
  // of a caller's transaction must not interleave.
  const [byMonth, byBuilding, byUnit] = await sequence([
    () => query<{ month: string; billed: string; credited: string; paid: string }>(
      db,
      sql`with ${balancesCte(sql`${inCompound} and b.period_from >= ${first} and b.period_from <= ${month}`, asOf.until)}
        select period_from as month, sum(amount_fen)::text as billed, sum(credited_fen)::text as credited, sum(paid_fen)::text as paid
        from bal group by period_from`,
    ),
    () => query<{ id: string; name: string; mb: string; mc: string; mp: string; yb: string; yc: string; yp: string }>(
      db,
      sql`with ${balancesCte(sql`${inCompound} and b.period_from >= ${yFrom} and b.period_from <= ${yTo}`, asOf.until)}
        select bal.building_id as id, bd.name,
          coalesce(sum(amount_fen) filter (where period_from = ${month}), 0)::text as mb,
          coalesce(sum(credited_fen) filter (where period_from = ${month}), 0)::text as mc,
          coalesce(sum(paid_fen) filter (where period_from = ${month}), 0)::text as mp,
          sum(amount_fen)::text as yb, sum(credited_fen)::text as yc, sum(paid_fen)::text as yp
        from bal join buildings bd on bd.id = bal.building_id
        group by bal.building_id, bd.name order by nullif(substring(bd.name from '^[0-9]+'), '')::int nulls last, bd.name, bal.building_id`,
    ),
    () => query<{ unit_id: string; mb: string; mc: string; mp: string; yb: string; yc: string; yp: string }>(
      db,
      sql`with ${balancesCte(sql`${inCompound} and b.period_from >= ${yFrom} and b.period_from <= ${yTo}`, asOf.until)}
        select unit_id,
          coalesce(sum(amount_fen) filter (where period_from = ${month}), 0)::text as mb,
          coalesce(sum(credited_fen) filter (where period_from = ${month}), 0)::text as mc,
          coalesce(sum(paid_fen) filter (where period_from = ${month}), 0)::text as mp,
          sum(amount_fen)::text as yb, sum(credited_fen)::text as yc, sum(paid_fen)::text as yp
        from bal group by unit_id`,
    ),
  ]);

  const monthMap = new Map(byMonth.map((r) => [r.month, figures(r.billed, r.credited, r.paid)]));
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = shiftMonth(first, i);
    return { month: m, ...(monthMap.get(m) ?? zeroFigures()) };
  });
  const buildings = byBuilding.map((r) => ({ id: r.id, name: r.name, month: figures(r.mb, r.mc, r.mp), year: figures(r.yb, r.yc, r.yp) }));
  const sum = (pick: (b: (typeof buildings)[number]) => RateFigures) =>
    figures(
      buildings.reduce((s, b) => s + pick(b).billedFen, 0),
      buildings.reduce((s, b) => s + pick(b).creditedFen, 0),
      buildings.reduce((s, b) => s + pick(b).paidFen, 0),
    );
  // Households: a unit counts when billed net of credit notes; it is paid when every bill of the period is (per
  // unit sums suffice: no bill is ever paid beyond billed − credited).
  const households = (b: "m" | "y") =>
    householdCollectionRate(
      byUnit.map((u) => ({
        unitId: u.unit_id,
        billedFen: Number(b === "m" ? u.mb : u.yb),
        creditedFen: Number(b === "m" ? u.mc : u.yc),
        paidFen: Number(b === "m" ? u.mp : u.yp),
      })),
    );
  return {
    asOf: asOf.day,
    month,
    year,
    thisMonth: { ...sum((b) => b.month), households: households("m") },
    thisYear: { ...sum((b) => b.year), households: households("y") },
    months,
    buildings,
  };
}

// ————————————————————————————————————————————————————————— who collects, for many compounds at once

const compoundsUnder = (path: string) => sql`(select n.id from area_nodes n where n.kind = 'compound' and n.path like ${`${escapeLike(path)}%`})`;

/**
 * collectorOf for every compound under `path` on `day`, in four queries: the same rule (governance
 * responsibleFor, duty "billing") over model histories and contracts read in bulk, and the same keys.
 */
export async function collectorsUnder(db: Db, path: string, day: Day, compounds: readonly { id: string; name: string; parentId: string | null }[]): Promise<Map<string, Collector | null>> {
  const scope = compoundsUnder(path);
  const [periods, contracts, companies, communities] = await sequence([
    () => query<{ compound_id: string; model: ModelPeriod["model"]; from_day: string; self_body: ModelPeriod["selfBody"] | null; maintenance_by: ModelPeriod["maintenanceBy"] | null; community_node_id: string | null }>(
      db,
      sql`select compound_id, model, from_day::text as from_day, self_body, maintenance_by, community_node_id from management_periods where compound_id in ${scope} order by compound_id, from_day`,
    ),
    () => query<{ id: string; compound_id: string; company_id: string; start_day: string; last_day: string }>(
      db,
      sql`select id, compound_id, company_id, start_day::text as start_day, coalesce(terminated_on, end_day)::text as last_day from service_contracts where compound_id in ${scope} order by compound_id, start_day`,
    ),
    () => query<{ id: string; name: string }>(db, sql`select id, name from property_companies where id in (select company_id from service_contracts where compound_id in ${scope})`),
    () => query<{ id: string; name: string }>(
      db,
      sql`select id, name from area_nodes where id in (select n.parent_id from area_nodes n where n.id in ${scope}) or id in (select community_node_id from management_periods where compound_id in ${scope})`,
    ),
  ]);
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  const nodeName = new Map(communities.map((c) => [c.id, c.name]));
  const history = new Map<string, ModelPeriod[]>();
  for (const p of periods) {
    const list = history.get(p.compound_id) ?? [];
    list.push({ model: p.model, from: p.from_day, selfBody: p.self_body ?? undefined, maintenanceBy: p.maintenance_by ?? undefined, communityNodeId: p.community_node_id ?? undefined });
    history.set(p.compound_id, list);
  }
  const contractsOf = new Map<string, ServiceContract[]>();
  for (const c of contracts) {
    const list = contractsOf.get(c.compound_id) ?? [];
    list.push({ id: c.id, companyId: c.company_id, start: c.start_day, end: c.last_day });
    contractsOf.set(c.compound_id, list);
  }
  const out = new Map<string, Collector | null>();
  for (const c of compounds) {
    const r = responsibleFor({ history: history.get(c.id) ?? [], contracts: contractsOf.get(c.id) ?? [], communityNodeId: c.parentId }, "billing", day);
    let collector: Collector | null = null;
    if (r.kind === "company") collector = { key: `company:${r.companyId}`, kind: "company", id: r.companyId, name: companyName.get(r.companyId) ?? r.companyId };
    else if (r.kind === "owners_committee" || r.kind === "self_management_committee") collector = { key: `owners:${c.id}`, kind: "owners", id: c.id, name: c.name };
    else if (r.kind === "community" && r.nodeId) collector = { key: `community:${r.nodeId}`, kind: "community", id: r.nodeId, name: nodeName.get(r.nodeId) ?? r.nodeId };
    out.set(c.id, collector);
  }
  return out;
}

// ————————————————————————————————————————————————————————— the area overview

export type AreaFeesRow = {
  compoundId: string;
  compoundName: string;
  collector: { kind: CollectorKind; name: string } | null;
  billedFen: number;
  creditedFen: number;
  paidFen: number;
  outstandingFen: number;
  rate: Fraction | null;
  /** Outstanding on bills more than 90 days overdue on the as-of day (all years). */
  arrears91Fen: number;
};

/**
 * Every compound under a node (fees:supervise): who collects today, this year's billed (net of credit notes
 * shown apart), paid, outstanding and collection rate as of `asOf`, and arrears past 90 days. Seven queries
 * whatever the number of compounds; filter, sort and page over the computed rows (the rate is compared exactly).
 */
export async function areaFeesOverview(
  db: Db,
  path: string,
  p: AreaFeesListParams,
  asOf: AsOf,
  opts: { all?: boolean } = {},
): Promise<{ rows: AreaFeesRow[]; total: number; year: string }> {
  const year = asOf.day.slice(0, 4);
  const like = `${escapeLike(path)}%`;
  const compounds = await query<{ id: string; name: string; parent_id: string | null }>(
    db,
    sql`select id, name, parent_id from area_nodes where kind = 'compound' and path like ${like} ${p.q ? sql`and name ilike ${`%${escapeLike(p.q)}%`}` : sql``} order by name, id`,
  );
  const scope = sql`b.compound_id in ${compoundsUnder(path)}`;
  const [collectors, yearRows, arrearsRows] = await sequence([
    () => collectorsUnder(db, path, asOf.day, compounds.map((c) => ({ id: c.id, name: c.name, parentId: c.parent_id }))),
    () => query<{ compound_id: string; billed: string; credited: string; paid: string }>(
      db,
      sql`with ${balancesCte(sql`${scope} and b.period_from >= ${`${year}-01`} and b.period_from <= ${`${year}-12`}`, asOf.until)}
        select compound_id, sum(amount_fen)::text as billed, sum(credited_fen)::text as credited, sum(paid_fen)::text as paid from bal group by compound_id`,
    ),
    () => query<{ compound_id: string; fen: string }>(
      db,
      sql`with ${balancesCte(sql`${scope} and b.due_day < ${dayParam(addDays(asOf.day, -90))}`, asOf.until)}
        select compound_id, sum(out_fen)::text as fen from bal where out_fen > 0 group by compound_id`,
    ),
  ]);
  const yearOf = new Map(yearRows.map((r) => [r.compound_id, figures(r.billed, r.credited, r.paid)]));
  const arrearsOf = new Map(arrearsRows.map((r) => [r.compound_id, Number(r.fen)]));
  let rows: AreaFeesRow[] = compounds.map((c) => {
    const f = yearOf.get(c.id) ?? zeroFigures();
    const col = collectors.get(c.id) ?? null;
    return {
      compoundId: c.id,
      compoundName: c.name,
      collector: col ? { kind: col.kind, name: col.name } : null,
      billedFen: f.billedFen,
      creditedFen: f.creditedFen,
      paidFen: f.paidFen,
      outstandingFen: f.outstandingFen,
      rate: f.rate,
      arrears91Fen: arrearsOf.get(c.id) ?? 0,
    };
  });
  if (p.collector) rows = rows.filter((r) => (r.collector?.kind ?? "none") === p.collector);
  const dir = p.dir === "asc" ? 1 : -1;
  const byName = (a: AreaFeesRow, b: AreaFeesRow) => (a.compoundName < b.compoundName ? -1 : a.compoundName > b.compoundName ? 1 : a.compoundId < b.compoundId ? -1 : 1);
  const key = (a: AreaFeesRow, b: AreaFeesRow): number => {
    switch (p.sort) {
      case "billed":
        return a.billedFen - a.creditedFen - (b.billedFen - b.creditedFen);
      case "paid":
        return a.paidFen - b.paidFen;
      case "outstanding":
        return a.outstandingFen - b.outstandingFen;
      case "arrears91":
        return a.arrears91Fen - b.arrears91Fen;
      case "rate":
        // No bills (no rate) sorts below every rate.
        if (!a.rate || !b.rate) return (a.rate ? 1 : 0) - (b.rate ? 1 : 0);
        return compareRates(a.rate, b.rate);
      default:
        return 0;
    }
  };
  rows.sort((a, b) => (key(a, b) || byName(a, b)) * dir);
  const total = rows.length;
  const page = opts.all ? rows.slice(0, 100_000) : rows.slice((p.page - 1) * p.size, p.page * p.size);
  return { rows: page, total, year };
}
