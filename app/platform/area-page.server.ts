import type { Db } from "~db/client.server";
import type { Actor } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { ancestorsOf, childrenOf, countsBelow, type AreaNode } from "./area.server";

/** What an area page (city, district, street, community) shows: breadcrumbs the actor may open, the
 *  children, and counts below. */
export async function loadAreaPage(db: Db, actor: Actor, node: AreaNode) {
  const [ancestors, children, counts] = await Promise.all([ancestorsOf(db, node), childrenOf(db, node.id), countsBelow(db, node)]);
  return {
    node: { id: node.id, kind: node.kind, name: node.name },
    breadcrumbs: ancestors.filter((a) => can(actor.grants, "area:view", a.path)).map((a) => ({ id: a.id, kind: a.kind, name: a.name })),
    children: children.map((c) => ({ id: c.id, kind: c.kind, name: c.name })),
    counts,
    canAudit: can(actor.grants, "audit:read", node.path),
    canManage: can(actor.grants, "registry:manage", node.path),
  };
}

