import { and, asc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { newId } from "~/ids";
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

export type PartyOrgInput = {
  kind: "community" | "street_working" | "industry" | "industry_branch";
  name: string;
  parentId?: string;
  nodeIds: string[];
};

/** Add a Party organisation covering some area nodes (city administrators). Audited. */
export async function createPartyOrg(db: Db, actor: AuditActor, input: PartyOrgInput, now: Date): Promise<{ ok: true; id: string } | { ok: false; errors: Record<string, string> }> {
  const nodes = input.nodeIds.length ? await db.select({ id: areaNodes.id }).from(areaNodes).where(inArray(areaNodes.id, input.nodeIds)) : [];
  if (!nodes.length || nodes.length !== new Set(input.nodeIds).size) return { ok: false, errors: { nodeIds: "errors.scopeInvalid" } };
  if (input.parentId && !(await db.select({ id: partyOrgs.id }).from(partyOrgs).where(eq(partyOrgs.id, input.parentId))).length) {
    return { ok: false, errors: { parentId: "errors.invalid" } };
  }
  const id = newId("po");
  await db.transaction(async (tx) => {
    await tx.insert(partyOrgs).values({ id, kind: input.kind, name: input.name, parentId: input.parentId ?? null, createdAt: now });
    await tx.insert(partyOrgNodes).values([...new Set(input.nodeIds)].map((nodeId) => ({ partyOrgId: id, nodeId })));
    await writeAudit(tx, now, { actor, action: "registry.party_org.create", target: { kind: "party_org", id }, after: { ...input } });
  });
  return { ok: true, id };
}
