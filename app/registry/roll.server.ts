import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { ownerships, units } from "~db/schema";
import { countsForVoting, groupVoters, type RollEntry } from "./rules";

/** Ownerships in force on a calendar day (YYYY-MM-DD, Asia/Shanghai): [valid_from, valid_to). */
export function ownershipInForce(day: string) {
  return and(lte(ownerships.validFrom, day), or(isNull(ownerships.validTo), gt(ownerships.validTo, day)));
}

/**
 * A compound's roll on a day: every exclusive part that counts for voting, with its area and current owners.
 * Parking counts only where the rules of procedure say so (default: not).
 */
export async function compoundRoll(db: Db, compoundId: string, day: string, opts: { countParking?: boolean; buildingId?: string } = {}): Promise<RollEntry[]> {
  const rows = await db
    .select({
      unit: units.id,
      kind: units.kind,
      area: units.areaCenti,
      ownerId: ownerships.ownerId,
      developerUnsold: ownerships.developerUnsold,
    })
    .from(units)
    .leftJoin(ownerships, and(eq(ownerships.unitId, units.id), ownershipInForce(day)))
    .where(opts.buildingId ? and(eq(units.compoundId, compoundId), eq(units.buildingId, opts.buildingId)) : eq(units.compoundId, compoundId))
    .orderBy(asc(units.id));
  const byUnit = new Map<string, RollEntry & { kind: string }>();
  for (const r of rows) {
    if (!countsForVoting(r.kind, opts.countParking ?? false)) continue;
    const e = byUnit.get(r.unit) ?? { unit: r.unit, kind: r.kind, area: r.area, owners: [] as string[], developerUnsold: false };
    if (r.ownerId) (e.owners as string[]).push(r.ownerId);
    if (r.developerUnsold) e.developerUnsold = true;
    byUnit.set(r.unit, e);
  }
  return [...byUnit.values()].map(({ kind: _k, ...e }) => e);
}

/** The totals a compound page shows: units by kind, exclusive area and voter headcount (SPC Interp. Art. 9). */
export async function compoundTotals(db: Db, compoundId: string, day: string) {
  const kinds = await db
    .select({ kind: units.kind, n: sql<number>`count(*)::int`, area: sql<string>`coalesce(sum(${units.areaCenti}), 0)::bigint` })
    .from(units)
    .where(eq(units.compoundId, compoundId))
    .groupBy(units.kind);
  const roll = await compoundRoll(db, compoundId, day);
  const g = groupVoters(roll);
  const byKind = Object.fromEntries(kinds.map((k) => [k.kind, { units: Number(k.n), area: String(k.area) }]));
  return {
    byKind,
    units: kinds.reduce((s, k) => s + Number(k.n), 0),
    votingArea: g.total.area.toString(),
    voters: g.total.heads,
    /** Units with no owner in the registry (not developer-unsold): to be fixed before any vote. */
    unowned: g.errors.filter((e) => e.index >= 0).length,
  };
}
