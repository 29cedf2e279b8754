import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "~db/client.server";
import { areaNodes, compounds, units } from "~db/schema";
import { containsText, withinPath } from "~/platform/area.server";
import type { CompoundListParams } from "./schema";
import { modelInForceSql } from "~/governance/lookup.server";
import type { Day } from "~/platform/days";

const community = alias(areaNodes, "community");

/** The compounds inside an area node, with unit counts and exclusive area, paged, sorted and filtered in SQL. */
/** The management model shown is the one in force on `today` (from the history). */
export async function listCompounds(db: Db, scopePath: string, p: CompoundListParams, today: Day, opts: { all?: boolean } = {}) {
  const inScope = db.select({ id: areaNodes.id }).from(areaNodes).where(and(eq(areaNodes.kind, "compound"), withinPath(areaNodes.path, scopePath)));
  const agg = db
    .select({
      compoundId: units.compoundId,
      n: sql<number>`count(*)::int`.as("n"),
      area: sql<string>`sum(case when ${units.kind} <> 'parking' then ${units.areaCenti} else 0 end)::bigint`.as("area"),
    })
    .from(units)
    .where(inArray(units.compoundId, inScope))
    .groupBy(units.compoundId)
    .as("agg");
  const conds: SQL[] = [eq(areaNodes.kind, "compound"), withinPath(areaNodes.path, scopePath)];
  if (p.q) conds.push(containsText(areaNodes.name, p.q));
  if (p.model) conds.push(eq(modelInForceSql(areaNodes.id, today), p.model));
  const where = and(...conds);
  const sortCol = {
    name: areaNodes.name,
    community: community.name,
    units: sql`coalesce(${agg.n}, 0)`,
    yearBuilt: compounds.yearBuilt,
    area: sql`coalesce(${agg.area}, 0)`,
  }[p.sort];
  const rows = await db
    .select({
      id: areaNodes.id,
      name: areaNodes.name,
      community: community.name,
      address: compounds.address,
      yearBuilt: compounds.yearBuilt,
      households: compounds.households,
      model: modelInForceSql(areaNodes.id, today),
      units: sql<number>`coalesce(${agg.n}, 0)::int`,
      area: sql<string>`coalesce(${agg.area}, 0)::bigint`,
    })
    .from(areaNodes)
    .leftJoin(compounds, eq(compounds.id, areaNodes.id))
    .leftJoin(community, eq(community.id, areaNodes.parentId))
    .leftJoin(agg, eq(agg.compoundId, areaNodes.id))
    .where(where)
    .orderBy(p.dir === "asc" ? asc(sortCol) : desc(sortCol), asc(areaNodes.id))
    .limit(opts.all ? 100_000 : p.size)
    .offset(opts.all ? 0 : (p.page - 1) * p.size);
  const total = Number(
    (await db.select({ n: count() }).from(areaNodes).leftJoin(compounds, eq(compounds.id, areaNodes.id)).where(where))[0]?.n ?? 0,
  );
  return { total, rows: rows.map((r) => ({ ...r, units: Number(r.units), area: String(r.area) })) };
}
