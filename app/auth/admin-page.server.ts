import type { Db } from "~db/client.server";
import { nodesWithin } from "~/platform/area.server";
import type { Actor } from "./guard.server";
import { scopesWith } from "./permissions";
import { grantableRoles } from "./users.server";

/** The choices of the grant form: nodes inside the actor's scopes, and the roles it may hand out somewhere. */
export async function grantFormOptions(db: Db, actor: Actor) {
  const paths = scopesWith(actor.grants, "grant:manage");
  const nodes = await nodesWithin(db, paths);
  const roles = new Set<string>();
  for (const p of paths) for (const r of grantableRoles(actor, p)) roles.add(r);
  return {
    nodes: nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, depth: n.depth })),
    roles: [...roles],
  };
}
