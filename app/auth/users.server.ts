import { and, asc, count, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, partyOrgNodes, partyOrgs, roleGrants, users } from "~db/schema";
import type { Role } from "~db/schema/auth";
import { writeAudit } from "~/audit/audit.server";
import { newId } from "~/ids";
import { containsText, withinPath } from "~/platform/area.server";
import { shanghaiDayStart as dayStart } from "~/i18n/format";
import { auditActor, type Actor } from "./guard.server";
import { maskPhone, maskRecord } from "./mask";
import { can, roleHas, scopesWith } from "./permissions";
import { GRANTABLE_BY, grantInForce, isReauthFresh, normalisePhone } from "./rules";
import { verifyPassword } from "./password.server";
import { invalidateUserSessions, markReauthenticated } from "./session.server";
import type { UserListParams } from "./schema";
import crypto from "node:crypto";


/** The users whose grants lie inside the actor's user-management scopes (everyone, for the city). */
function inActorScope(actor: Actor): SQL {
  const paths = scopesWith(actor.grants, "user:manage");
  const within = paths.length ? or(...paths.map((p) => withinPath(areaNodes.path, p)))! : sql`false`;
  // A grant at a node in scope, or a Party-organisation grant covering a node in scope.
  return or(
    exists(sql`(select 1 from ${roleGrants} inner join ${areaNodes} on ${areaNodes.id} = ${roleGrants.nodeId} where ${roleGrants.userId} = ${users.id} and ${within})`),
    exists(
      sql`(select 1 from ${roleGrants} inner join ${partyOrgNodes} on ${partyOrgNodes.partyOrgId} = ${roleGrants.partyOrgId} inner join ${areaNodes} on ${areaNodes.id} = ${partyOrgNodes.nodeId} where ${roleGrants.userId} = ${users.id} and ${within})`,
    ),
  )!;
}

export async function listUsers(db: Db, actor: Actor, p: UserListParams, now: Date, opts: { all?: boolean } = {}) {
  const conds: SQL[] = [inActorScope(actor)];
  if (p.q) {
    // A phone matches only when the whole number is typed: a partial match would let anyone rebuild a masked
    // number digit by digit (security.md item 15).
    const phone = normalisePhone(p.q);
    conds.push(or(containsText(users.name, p.q), containsText(users.accountNo, p.q), ...(phone ? [eq(users.phone, phone)] : []))!);
  }
  if (p.role) {
    conds.push(exists(sql`(select 1 from ${roleGrants} where ${roleGrants.userId} = ${users.id} and ${roleGrants.role} = ${p.role})`));
  }
  const where = and(...conds);
  const col = p.sort === "name" ? users.name : users.createdAt;
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(p.dir === "asc" ? asc(col) : desc(col), asc(users.id))
    .limit(opts.all ? 100_000 : p.size)
    .offset(opts.all ? 0 : (p.page - 1) * p.size);
  const total = Number((await db.select({ n: count() }).from(users).where(where))[0]?.n ?? 0);
  const grants = rows.length
    ? await db.select().from(roleGrants).where(inArray(roleGrants.userId, rows.map((r) => r.id)))
    : [];
  return {
    total,
    rows: rows.map((u) => ({
      id: u.id,
      name: u.name,
      phone: maskPhone(u.phone),
      accountNo: u.accountNo,
      disabled: u.disabledAt !== null,
      createdAt: u.createdAt.toISOString(),
      roles: [...new Set(grants.filter((g) => g.userId === u.id && grantInForce(g, now)).map((g) => g.role))],
    })),
  };
}

/** Roles the actor may hand out at a node (from the roles it holds over that node). */
export function grantableRoles(actor: Actor, nodePath: string): Role[] {
  const out = new Set<Role>();
  for (const g of actor.grants) {
    if (g.nodePath && nodePath.startsWith(g.nodePath) && roleHas(g.role, "grant:manage")) {
      for (const r of GRANTABLE_BY[g.role]) out.add(r);
    }
  }
  return [...out];
}

export async function getUserInScope(db: Db, actor: Actor, userId: string) {
  const u = (await db.select().from(users).where(and(eq(users.id, userId), inActorScope(actor))))[0];
  if (!u) return null;
  const rows = await db
    .select({ grant: roleGrants, nodeName: areaNodes.name, nodePath: areaNodes.path, nodeKind: areaNodes.kind, partyOrgName: partyOrgs.name })
    .from(roleGrants)
    .leftJoin(areaNodes, eq(areaNodes.id, roleGrants.nodeId))
    .leftJoin(partyOrgs, eq(partyOrgs.id, roleGrants.partyOrgId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(desc(roleGrants.validFrom));
  // A Party-organisation grant stands at the broadest node the organisation covers.
  const grants = await Promise.all(
    rows.map(async (r) => {
      if (!r.grant.partyOrgId) return r;
      const paths = await partyOrgPaths(db, r.grant.partyOrgId);
      return { ...r, nodeName: r.partyOrgName, nodePath: paths.sort((a, b) => a.length - b.length)[0] ?? null };
    }),
  );
  return { user: u, grants };
}

/**
 * A user the actor may act on (issue a reset code, disable, reveal, change roles): every grant the user holds
 * now must lie in the actor's scope and be one the actor could have granted. Otherwise a community worker could
 * take over a city administrator who once held an owner grant in the community. Not manageable → not found.
 */
export async function manageableUser(db: Db, actor: Actor, userId: string, now: Date) {
  const found = await getUserInScope(db, actor, userId);
  if (!found) return null;
  const cityWide = actor.grants.some((g) => g.nodeKind === "city" && roleHas(g.role, "grant:manage"));
  const ok = found.grants
    .filter((g) => grantInForce(g.grant, now))
    .every((g) => (g.nodePath ? can(actor.grants, "grant:manage", g.nodePath) && grantableRoles(actor, g.nodePath).includes(g.grant.role) : cityWide));
  return ok ? found : null;
}

type GrantInput = { role: Role; nodeId: string; validFrom?: string; validTo?: string };
type Failure = { ok: false; errors: Record<string, string> };

/** A grant's scope from the form: an area node id, or "po:<id>" for a Party organisation. */
export const PARTY_SCOPE_PREFIX = "po:";

/** The area-node paths a Party organisation covers. */
async function partyOrgPaths(db: Db, partyOrgId: string): Promise<string[]> {
  const rows = await db
    .select({ path: areaNodes.path })
    .from(partyOrgNodes)
    .innerJoin(areaNodes, eq(areaNodes.id, partyOrgNodes.nodeId))
    .where(eq(partyOrgNodes.partyOrgId, partyOrgId));
  return rows.map((r) => r.path);
}

async function checkGrant(db: Db, actor: Actor, input: GrantInput): Promise<{ ok: true; path: string } | Failure> {
  if (input.nodeId.startsWith(PARTY_SCOPE_PREFIX)) {
    // Party reviewers bind to their organisation; the granter must be able to grant it over all it covers.
    if (input.role !== "party_reviewer") return { ok: false, errors: { role: "errors.roleNeedsNode" } };
    const paths = await partyOrgPaths(db, input.nodeId.slice(PARTY_SCOPE_PREFIX.length));
    if (!paths.length || !paths.every((p) => can(actor.grants, "grant:manage", p) && grantableRoles(actor, p).includes("party_reviewer"))) {
      return { ok: false, errors: { nodeId: "errors.scopeInvalid" } };
    }
    return { ok: true, path: paths.sort((a, b) => a.length - b.length)[0] };
  }
  const node = (await db.select().from(areaNodes).where(eq(areaNodes.id, input.nodeId)))[0];
  if (!node || !can(actor.grants, "grant:manage", node.path)) return { ok: false, errors: { nodeId: "errors.scopeInvalid" } };
  if (!grantableRoles(actor, node.path).includes(input.role)) return { ok: false, errors: { role: "errors.roleNotGrantable" } };
  if (node.kind !== "compound" && ["owner", "resident", "committee_member", "prep_group_member"].includes(input.role)) {
    return { ok: false, errors: { nodeId: "errors.roleNeedsCompound" } };
  }
  return { ok: true, path: node.path };
}

function grantRow(actor: Actor, userId: string, input: GrantInput, now: Date) {
  const validFrom = input.validFrom ? dayStart(input.validFrom) : now;
  // validTo is the end of the chosen day (the grant runs through it).
  const validTo = input.validTo ? new Date(dayStart(input.validTo).getTime() + 24 * 3600_000) : null;
  const party = input.nodeId.startsWith(PARTY_SCOPE_PREFIX);
  return {
    id: newId("grt"),
    userId,
    role: input.role,
    scopeKind: party ? ("party_org" as const) : ("node" as const),
    nodeId: party ? null : input.nodeId,
    partyOrgId: party ? input.nodeId.slice(PARTY_SCOPE_PREFIX.length) : null,
    validFrom,
    validTo,
    grantedBy: actor.user.id,
    createdAt: now,
  };
}

/** An account number for someone without a phone of their own: 8 digits (typed on a phone keypad), unique. */
async function newAccountNo(db: Db): Promise<string> {
  for (;;) {
    const no = String(crypto.randomInt(10_000_000, 100_000_000));
    if (!(await db.select({ id: users.id }).from(users).where(eq(users.accountNo, no))).length) return no;
  }
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: GrantInput & { name: string; phone: string | null },
  now: Date,
): Promise<{ ok: true; userId: string; accountNo: string | null } | Failure> {
  const check = await checkGrant(db, actor, input);
  if (!check.ok) return check;
  if (input.phone && (await db.select({ id: users.id }).from(users).where(eq(users.phone, input.phone))).length) {
    return { ok: false, errors: { phone: "errors.phoneTaken" } };
  }
  const id = newId("usr");
  const accountNo = input.phone ? null : await newAccountNo(db);
  await db.transaction(async (tx) => {
    const user = { id, name: input.name, phone: input.phone, accountNo, createdAt: now };
    await tx.insert(users).values(user);
    const grant = grantRow(actor, id, input, now);
    await tx.insert(roleGrants).values(grant);
    await writeAudit(tx, now, {
      actor: auditActor(actor),
      action: "user.create",
      target: { kind: "user", id },
      scopePath: check.path,
      ip: actor.ip,
      after: maskRecord({ ...user, role: grant.role, nodeId: grant.nodeId }),
    });
  });
  return { ok: true, userId: id, accountNo };
}

export async function addGrant(db: Db, actor: Actor, userId: string, input: GrantInput, now: Date): Promise<{ ok: true } | Failure | null> {
  if (!(await manageableUser(db, actor, userId, now))) return null;
  const check = await checkGrant(db, actor, input);
  if (!check.ok) return check;
  await db.transaction(async (tx) => {
    const grant = grantRow(actor, userId, input, now);
    await tx.insert(roleGrants).values(grant);
    await writeAudit(tx, now, {
      actor: auditActor(actor),
      action: "grant.add",
      target: { kind: "user", id: userId },
      scopePath: check.path,
      ip: actor.ip,
      after: maskRecord(grant),
    });
  });
  return { ok: true };
}

/** Ending a grant sets its end to now: the row stays, so history is never lost. */
export async function endGrant(db: Db, actor: Actor, userId: string, grantId: string, now: Date): Promise<boolean> {
  const found = await manageableUser(db, actor, userId, now);
  const g = found?.grants.find((x) => x.grant.id === grantId);
  if (!g || !g.nodePath || !can(actor.grants, "grant:manage", g.nodePath) || !grantableRoles(actor, g.nodePath).includes(g.grant.role)) return false;
  if (!grantInForce(g.grant, now) && g.grant.validFrom <= now) return true; // already ended
  await db.transaction(async (tx) => {
    const validTo = g.grant.validFrom > now ? g.grant.validFrom : now;
    await tx.update(roleGrants).set({ validTo }).where(eq(roleGrants.id, grantId));
    await writeAudit(tx, now, {
      actor: auditActor(actor),
      action: "grant.end",
      target: { kind: "user", id: userId },
      scopePath: g.nodePath,
      ip: actor.ip,
      before: maskRecord(g.grant),
      after: maskRecord({ ...g.grant, validTo }),
    });
  });
  return true;
}

export async function setUserDisabled(db: Db, actor: Actor, userId: string, disabled: boolean, now: Date): Promise<boolean> {
  const found = await manageableUser(db, actor, userId, now);
  if (!found || found.user.id === actor.user.id) return false;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: disabled ? now : null }).where(eq(users.id, userId));
    if (disabled) await invalidateUserSessions(tx, userId);
    await writeAudit(tx, now, {
      actor: auditActor(actor),
      action: disabled ? "user.disable" : "user.enable",
      target: { kind: "user", id: userId },
      ip: actor.ip,
      scopePath: found.grants.find((g) => g.nodePath)?.nodePath ?? null,
    });
  });
  return true;
}

/**
 * Reveal a full phone number (security.md item 15): needs the permission over the user's scope, a fresh
 * password, and writes an access-log row.
 */
export async function revealPhone(
  db: Db,
  actor: Actor,
  userId: string,
  password: string | undefined,
  now: Date,
): Promise<{ ok: true; phone: string | null } | { ok: false; errors: Record<string, string> } | null> {
  const found = await manageableUser(db, actor, userId, now);
  if (!found) return null;
  const path = found.grants.map((g) => g.nodePath).find((p) => p && can(actor.grants, "person:reveal", p));
  if (!path) return null;
  // A password given is always checked; without one, only a fresh re-authentication will do.
  if (password || !isReauthFresh(actor.session.reauthAt, now)) {
    const ok = password && actor.user.passwordHash ? await verifyPassword(actor.user.passwordHash, password) : false;
    if (!ok) {
      await writeAudit(db, now, { actor: auditActor(actor), action: "person.reveal", result: "failed", target: { kind: "user", id: userId }, scopePath: path, ip: actor.ip });
      return { ok: false, errors: { password: password ? "errors.currentPasswordWrong" : "errors.reauthRequired" } };
    }
    await markReauthenticated(db, actor.session.id, now);
  }
  await writeAudit(db, now, {
    actor: auditActor(actor),
    action: "person.reveal",
    target: { kind: "user", id: userId },
    scopePath: path,
    ip: actor.ip,
    detail: { field: "phone" },
  });
  return { ok: true, phone: found.user.phone };
}
