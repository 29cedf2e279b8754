import type { Db } from "~db/client.server";
import { nodesWithin } from "~/platform/area.server";
import type { Actor } from "./guard.server";
import { scopesWith } from "./permissions";
import { grantableRoles, PARTY_SCOPE_PREFIX } from "./users.server";
import { eq } from "drizzle-orm";
import { areaNodes, partyOrgNodes, partyOrgs } from "~db/schema";

/** The choices of the grant form: nodes inside the actor's scopes, and the roles it may hand out somewhere. */
export async function grantFormOptions(db: Db, actor: Actor) {
  const paths = scopesWith(actor.grants, "grant:manage");
  const nodes = await nodesWithin(db, paths);
  const roles = new Set<string>();
  for (const p of paths) for (const r of grantableRoles(actor, p)) roles.add(r);
  const orgs = await db
    .select({ id: partyOrgs.id, name: partyOrgs.name, path: areaNodes.path })
    .from(partyOrgs)
    .innerJoin(partyOrgNodes, eq(partyOrgNodes.partyOrgId, partyOrgs.id))
    .innerJoin(areaNodes, eq(areaNodes.id, partyOrgNodes.nodeId));
  // Party organisations all of whose nodes lie in the actor's scopes.
  const byOrg = new Map<string, { id: string; name: string; paths: string[] }>();
  for (const o of orgs) {
    const e = byOrg.get(o.id) ?? { id: o.id, name: o.name, paths: [] };
    e.paths.push(o.path);
    byOrg.set(o.id, e);
  }
  const partyOrgOptions = [...byOrg.values()]
    .filter((o) => o.paths.every((p) => paths.some((sp) => p.startsWith(sp))))
    .map((o) => ({ id: `${PARTY_SCOPE_PREFIX}${o.id}`, name: o.name }));
  return {
    nodes: nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, depth: n.depth })),
    partyOrgs: partyOrgOptions,
    roles: [...roles],
  };
}
