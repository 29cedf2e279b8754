import { and, asc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, partyOrgNodes, partyOrgs, roleGrants, users } from "~db/schema";

/** The Party organisations, the area nodes each covers, and their reviewers in force. */
export async function listPartyOrgs(db: Db, now: Date) {
  const orgs = await db.select().from(partyOrgs).orderBy(asc(partyOrgs.kind), asc(partyOrgs.name));
  const ids = orgs.map((o) => o.id);
  const nodes = ids.length
    ? await db.select({ orgId: partyOrgNodes.partyOrgId, name: areaNodes.name }).from(partyOrgNodes).innerJoin(areaNodes, eq(areaNodes.id, partyOrgNodes.nodeId)).where(inArray(partyOrgNodes.partyOrgId, ids))
    : [];
  const reviewers = ids.length
    ? await db
        .select({ orgId: roleGrants.partyOrgId, name: users.name })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .where(and(inArray(roleGrants.partyOrgId, ids), eq(roleGrants.role, "party_reviewer"), lte(roleGrants.validFrom, now), or(isNull(roleGrants.validTo), gt(roleGrants.validTo, now))))
    : [];
  const byId = new Map(orgs.map((o) => [o.id, o.name]));
  return orgs.map((o) => ({
    id: o.id,
    kind: o.kind,
    name: o.name,
    parent: o.parentId ? byId.get(o.parentId) ?? null : null,
    nodes: nodes.filter((n) => n.orgId === o.id).map((n) => n.name),
    reviewers: reviewers.filter((r) => r.orgId === o.id).map((r) => r.name),
  }));
}
