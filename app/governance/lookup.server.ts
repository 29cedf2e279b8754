/**
 * The one lookup later features use to find who bills, keeps the public-income ledger or receives maintenance
 * requests for a compound on a day: the compound's model history and contracts read here, the law in the pure
 * `responsibleFor` (./rules.ts).
 */
import { and, asc, desc, eq, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, managementPeriods, serviceContracts } from "~db/schema";
import type { Day } from "~/platform/days";
import { responsibleFor, type Duty, type ModelPeriod, type Responsible, type ServiceContract } from "./rules";

export type CompoundService = { history: ModelPeriod[]; contracts: ServiceContract[]; communityNodeId: string | null };

/** The compound's model history (oldest first) and contracts, each contract ending at its termination day if ended early. */
export async function compoundService(db: Db, compoundId: string): Promise<CompoundService> {
  const [node] = await db.select({ parentId: areaNodes.parentId }).from(areaNodes).where(eq(areaNodes.id, compoundId));
  const periods = await db.select().from(managementPeriods).where(eq(managementPeriods.compoundId, compoundId)).orderBy(asc(managementPeriods.fromDay));
  const contracts = await db.select().from(serviceContracts).where(eq(serviceContracts.compoundId, compoundId)).orderBy(asc(serviceContracts.startDay));
  return {
    communityNodeId: node?.parentId ?? null,
    history: periods.map((p) => ({
      model: p.model,
      from: p.fromDay,
      selfBody: p.selfBody ?? undefined,
      maintenanceBy: p.maintenanceBy ?? undefined,
      communityNodeId: p.communityNodeId ?? undefined,
    })),
    contracts: contracts.map((c) => ({ id: c.id, companyId: c.companyId, start: c.startDay, end: c.terminatedOn ?? c.endDay })),
  };
}

/** responsibleFor(compound, duty, day) over the stored history and contracts. */
export async function responsibleForCompound(db: Db, compoundId: string, duty: Duty, day: Day): Promise<Responsible> {
  return responsibleFor(await compoundService(db, compoundId), duty, day);
}

/**
 * The model in force on `today` as a SQL expression for a compound id column ('none' before any entry): lists
 * filter and show it from the history itself, so a scheduled change takes effect on its day with no job.
 */
export function modelInForceSql(compoundId: SQL | typeof areaNodes.id, today: Day): SQL<"property_company" | "self_governance" | "quasi_property" | "none"> {
  return sql`coalesce((select mp.model from ${managementPeriods} mp where mp.compound_id = ${compoundId} and mp.from_day <= ${today} order by mp.from_day desc limit 1), 'none')`;
}

/** The model in force on `today`, or "none". */
export async function currentModel(db: Db, compoundId: string, today: Day): Promise<"property_company" | "self_governance" | "quasi_property" | "none"> {
  const [p] = await db
    .select({ model: managementPeriods.model })
    .from(managementPeriods)
    .where(and(eq(managementPeriods.compoundId, compoundId), lte(managementPeriods.fromDay, today)))
    .orderBy(desc(managementPeriods.fromDay))
    .limit(1);
  return p?.model ?? "none";
}
