import type { ActiveGrant } from "~/auth/permissions";

export type HomeTarget = { href: string; nodeKind: string; nodeName: string; roles: string[] };

/** Where each grant's home page is: the city, an area node or a compound. Pure; one entry per scope. */
export function homeTargets(grants: readonly ActiveGrant[]): HomeTarget[] {
  const byHref = new Map<string, HomeTarget>();
  for (const g of grants) {
    if (!g.nodeId || !g.nodeKind) continue;
    const href = g.nodeKind === "city" ? "/city" : g.nodeKind === "compound" ? `/c/${g.nodeId}` : `/area/${g.nodeId}`;
    const t = byHref.get(href) ?? { href, nodeKind: g.nodeKind, nodeName: g.nodeName ?? g.nodeId, roles: [] };
    if (!t.roles.includes(g.role)) t.roles.push(g.role);
    byHref.set(href, t);
  }
  return [...byHref.values()];
}
