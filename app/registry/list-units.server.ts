import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { escapeLike } from "~/platform/area.server";
import type { Db } from "~db/client.server";
import { buildings, owners, ownerships, units } from "~db/schema";
import { ownershipInForce } from "./roll.server";
import type { UnitListParams } from "./schema";

/** A compound's units with their current owners, paged, sorted and filtered in SQL. Owner names only:
 *  phones and ID numbers never appear in lists. */
export async function listUnits(db: Db, compoundId: string, day: string, p: UnitListParams, opts: { all?: boolean } = {}) {
  const ownerNames = sql<string | null>`(select string_agg(${owners.name}, '、' order by ${owners.name}) from ${ownerships} inner join ${owners} on ${owners.id} = ${ownerships.ownerId} where ${ownerships.unitId} = ${units.id} and ${ownershipInForce(day)})`;
  const developer = sql<boolean>`exists(select 1 from ${ownerships} where ${ownerships.unitId} = ${units.id} and ${ownerships.developerUnsold} and ${ownershipInForce(day)})`;
  const conds: SQL[] = [eq(units.compoundId, compoundId)];
  if (p.building) conds.push(eq(units.buildingId, p.building));
  if (p.kind) conds.push(eq(units.kind, p.kind));
  if (p.q) {
    const q = `%${escapeLike(p.q)}%`;
    conds.push(
      or(
        ilike(units.number, q),
        sql`exists(select 1 from ${ownerships} inner join ${owners} on ${owners.id} = ${ownerships.ownerId} where ${ownerships.unitId} = ${units.id} and ${owners.name} ilike ${q})`,
      )!,
    );
  }
  const where = and(...conds);
  const dir = p.dir === "asc" ? asc : desc;
  const order =
    p.sort === "building"
      ? [dir(sql`length(${buildings.name})`), dir(buildings.name), asc(units.number)]
      : p.sort === "area"
        ? [dir(units.areaCenti), asc(units.id)]
        : p.sort === "kind"
          ? [dir(units.kind), asc(units.id)]
          : [dir(units.number), asc(units.id)];
  const rows = await db
    .select({
      id: units.id,
      building: buildings.name,
      buildingId: buildings.id,
      number: units.number,
      kind: units.kind,
      area: units.areaCenti,
      areaSource: units.areaSource,
      owners: ownerNames,
      developerUnsold: developer,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(where)
    .orderBy(...order)
    .limit(opts.all ? 100_000 : p.size)
    .offset(opts.all ? 0 : (p.page - 1) * p.size);
  const total = Number((await db.select({ n: count() }).from(units).where(where))[0]?.n ?? 0);
  const bs = await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.compoundId, compoundId)).orderBy(sql`length(${buildings.name})`, asc(buildings.name));
  return { total, rows, buildings: bs };
}
