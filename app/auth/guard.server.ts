import { redirect } from "@remix-run/node";
import { and, eq, gt, gte, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Db } from "~db/client.server";
import { areaNodes, partyOrgNodes, roleGrants, serviceContracts } from "~db/schema";
import { now } from "~/clock.server";
import { shanghaiDay } from "~/platform/days";
import { writeAudit } from "~/audit/audit.server";
import { can, type ActiveGrant, type Permission } from "./permissions";
import { readSessionToken, validateSessionToken, type Session, type SessionUser } from "./session.server";

/**
 * The one permission helper every loader and action calls (security.md item 10):
 * anonymous → redirect to /login; signed in but out of scope or without the permission → 404 (never 403
 * with a hint, never the data), and the denial is audited.
 */
export type Actor = {
  user: SessionUser;
  session: Session;
  grants: ActiveGrant[];
  ip: string | null;
};

export type AreaNode = typeof areaNodes.$inferSelect;

/** The custom server puts the client address here after removing any value the client sent. */
export function clientIp(request: Request): string | null {
  return request.headers.get("x-gongzhi-client-ip");
}

export async function loadActiveGrants(db: Db, userId: string, at: Date): Promise<ActiveGrant[]> {
  const inForce = and(eq(roleGrants.userId, userId), lte(roleGrants.validFrom, at), or(isNull(roleGrants.validTo), gt(roleGrants.validTo, at)));
  const fields = {
    id: roleGrants.id,
    role: roleGrants.role,
    scopeKind: roleGrants.scopeKind,
    nodeId: areaNodes.id,
    nodePath: areaNodes.path,
    nodeKind: areaNodes.kind,
    nodeName: areaNodes.name,
    validTo: roleGrants.validTo,
  };
  // A company grant covers the compounds the company serves that (Shanghai) day: a contract of the company
  // with start_day <= day <= its last day of service (terminated_on if ended early, else end_day).
  const today = shanghaiDay(at);
  // Node grants bind to their node; a Party-organisation grant covers every node the organisation covers.
  const [byNode, byParty, byCompany] = await Promise.all([
    db.select(fields).from(roleGrants).innerJoin(areaNodes, eq(areaNodes.id, roleGrants.nodeId)).where(and(inForce, eq(roleGrants.scopeKind, "node"))),
    db
      .select(fields)
      .from(roleGrants)
      .innerJoin(partyOrgNodes, eq(partyOrgNodes.partyOrgId, roleGrants.partyOrgId))
      .innerJoin(areaNodes, eq(areaNodes.id, partyOrgNodes.nodeId))
      .where(and(inForce, eq(roleGrants.scopeKind, "party_org"))),
    db
      .selectDistinct(fields)
      .from(roleGrants)
      .innerJoin(
        serviceContracts,
        and(
          eq(serviceContracts.companyId, roleGrants.companyId),
          lte(serviceContracts.startDay, today),
          gte(sql`coalesce(${serviceContracts.terminatedOn}, ${serviceContracts.endDay})`, sql`${today}::date`),
        ),
      )
      .innerJoin(areaNodes, eq(areaNodes.id, serviceContracts.compoundId))
      .where(and(inForce, eq(roleGrants.scopeKind, "company"))),
  ]);
  return [...byNode, ...byParty, ...byCompany];
}

/** One session lookup per request: the root loader and the route's loaders share it (single fetch runs them
 *  in parallel with the same Request). */
const actorCache = new WeakMap<Request, Promise<Actor | null>>();

export function getActor(request: Request): Promise<Actor | null> {
  let p = actorCache.get(request);
  if (!p) {
    p = loadActor(request);
    actorCache.set(request, p);
  }
  return p;
}

async function loadActor(request: Request): Promise<Actor | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const db = await getDb();
  const t = now();
  const found = await validateSessionToken(db, token, t);
  if (!found) return null;
  const grants = await loadActiveGrants(db, found.user.id, t);
  return { ...found, grants, ip: clientIp(request) };
}

/** Same-site relative paths only (security.md item 9). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const next = url.pathname + url.search;
    throw redirect(next === "/" ? "/login" : `/login?next=${encodeURIComponent(safeRedirect(next))}`);
  }
  return actor;
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

async function deny(actor: Actor, what: string, targetId: string, request: Request): Promise<never> {
  const db = await getDb();
  await writeAudit(db, now(), {
    actor: { id: actor.user.id, name: actor.user.name },
    action: "access.denied",
    result: "denied",
    target: { kind: "route", id: targetId },
    ip: actor.ip,
    detail: { permission: what, path: new URL(request.url).pathname },
  });
  throw notFound();
}

/**
 * Require `perm` at an area node. The node must exist, be of one of `kinds` if given, and lie inside one of
 * the actor's grants that carries the permission; otherwise 404.
 */
export async function requireNode(
  request: Request,
  nodeId: string | undefined,
  perm: Permission,
  kinds?: readonly AreaNode["kind"][],
): Promise<{ actor: Actor; node: AreaNode }> {
  const actor = await requireActor(request);
  const db = await getDb();
  const rows = nodeId ? await db.select().from(areaNodes).where(eq(areaNodes.id, nodeId)) : [];
  const node = rows[0];
  if (!node || (kinds && !kinds.includes(node.kind)) || !can(actor.grants, perm, node.path)) {
    return deny(actor, perm, nodeId ?? "", request);
  }
  return { actor, node };
}

/** Require `perm` over the whole city (the root node). */
export async function requireCity(request: Request, perm: Permission): Promise<{ actor: Actor; node: AreaNode }> {
  const db = await getDb();
  const root = await db.select().from(areaNodes).where(isNull(areaNodes.parentId));
  return requireNode(request, root[0]?.id, perm, ["city"]);
}

/** Require `perm` somewhere (for pages that list across the actor's scopes). */
export async function requireAnywhere(request: Request, perm: Permission): Promise<Actor> {
  const actor = await requireActor(request);
  if (!actor.grants.some((g) => g.nodePath && can([g], perm, g.nodePath))) await deny(actor, perm, "", request);
  return actor;
}

export function auditActor(actor: Actor) {
  return { id: actor.user.id, name: actor.user.name };
}
