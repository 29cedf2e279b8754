/**
 * The one lookup later features use to find who bills, keeps the public-income ledger or receives maintenance
 * requests for a compound on a day: the compound's model history and contracts read here, the law in the pure
 * `responsibleFor` (./rules.ts).
 */
import { asc, eq } from "drizzle-orm";
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
