import { and, asc, desc, eq, exists, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, buildings, owners, ownerships, roleGrants, unitClaims, units, users } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { maskPhone } from "~/auth/mask";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { shanghaiDate } from "~/i18n/format";
import { ownershipInForce } from "./roll.server";

/**
 * Unit claims: a signed-up owner claims a unit with the property-certificate number; a community worker or
 * committee member verifies (the owner role is granted for the compound) or rejects it with a reason. A claim
 * for a unit already verified to someone else becomes a dispute for the community worker.
 */
type Fail = { ok: false; errors: Record<string, string> };


/** Mask a name for co-owners and lists: 张桂兰 → 张*兰, 王芳 → 王*. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export async function findUnitByNumber(db: Db, compoundId: string, buildingId: string, number: string) {
  return (
    await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.compoundId, compoundId), eq(units.buildingId, buildingId), eq(units.number, number)))
  )[0] ?? null;
}

export async function submitClaim(
  db: Db,
  user: { id: string; name: string },
  input: { compoundId: string; buildingId: string; number: string; certificateNo: string },
  now: Date,
): Promise<{ ok: true; id: string; status: "pending" | "disputed" } | Fail> {
  const unit = await findUnitByNumber(db, input.compoundId, input.buildingId, input.number);
  if (!unit) return { ok: false, errors: { number: "errors.unitNotFound" } };
  const open = await db
    .select({ userId: unitClaims.userId, status: unitClaims.status })
    .from(unitClaims)
    .where(and(eq(unitClaims.unitId, unit.id), inArray(unitClaims.status, ["pending", "verified", "disputed"])));
  if (open.some((c) => c.userId === user.id)) return { ok: false, errors: { number: "errors.claimExists" } };
  const status = open.some((c) => c.status === "verified") ? ("disputed" as const) : ("pending" as const);
  const id = newId("clm");
  await db.transaction(async (tx) => {
    await tx.insert(unitClaims).values({ id, compoundId: input.compoundId, unitId: unit.id, userId: user.id, certificateNo: input.certificateNo, status, createdAt: now });
    await writeAudit(tx, now, { actor: user, action: "registry.claim.submit", target: { kind: "claim", id }, scopePath: await nodePath(tx, input.compoundId), after: { unitId: unit.id, status } });
  });
  return { ok: true, id, status };
}

export async function myClaims(db: Db, userId: string) {
  return db
    .select({
      id: unitClaims.id,
      compoundId: unitClaims.compoundId,
      compound: areaNodes.name,
      building: buildings.name,
      number: units.number,
      status: unitClaims.status,
      reason: unitClaims.reason,
      createdAt: unitClaims.createdAt,
    })
    .from(unitClaims)
    .innerJoin(units, eq(units.id, unitClaims.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(areaNodes, eq(areaNodes.id, unitClaims.compoundId))
    .where(eq(unitClaims.userId, userId))
    .orderBy(desc(unitClaims.createdAt));
}

/** The claims a verifier works through: open ones first, with what the registry says about the unit. */
export async function compoundClaims(db: Db, compoundId: string, day: string) {
  const rows = await db
    .select({
      id: unitClaims.id,
      unitId: units.id,
      building: buildings.name,
      number: units.number,
      registryCertificate: units.certificateNo,
      claimedCertificate: unitClaims.certificateNo,
      status: unitClaims.status,
      reason: unitClaims.reason,
      claimant: users.name,
      claimantPhone: users.phone,
      createdAt: unitClaims.createdAt,
    })
    .from(unitClaims)
    .innerJoin(units, eq(units.id, unitClaims.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(users, eq(users.id, unitClaims.userId))
    .where(eq(unitClaims.compoundId, compoundId))
    .orderBy(sql`case ${unitClaims.status} when 'disputed' then 0 when 'pending' then 1 else 2 end`, asc(unitClaims.createdAt))
    .limit(200);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const current = unitIds.length
    ? await db
        .select({ unitId: ownerships.unitId, ownerId: owners.id, name: owners.name, userId: owners.userId })
        .from(ownerships)
        .innerJoin(owners, eq(owners.id, ownerships.ownerId))
        .where(and(inArray(ownerships.unitId, unitIds), ownershipInForce(day)))
    : [];
  return rows.map((r) => ({
    ...r,
    claimantPhone: maskPhone(r.claimantPhone),
    certificateMatches: !!r.registryCertificate && r.registryCertificate === r.claimedCertificate,
    owners: current.filter((c) => c.unitId === r.unitId).map((c) => ({ id: c.ownerId, name: c.name, linked: !!c.userId })),
  }));
}

export async function decideClaim(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  claimId: string,
  input: { decision: "verify" | "reject"; reason?: string; ownerId?: string },
  now: Date,
): Promise<{ ok: true } | Fail | null> {
  const c = (await db.select().from(unitClaims).where(and(eq(unitClaims.id, claimId), eq(unitClaims.compoundId, compoundId))))[0];
  if (!c) return null;
  if (c.userId === actor?.id) return { ok: false, errors: { _form: "errors.ownClaim" } };
  if (c.status === "verified" || c.status === "rejected") return { ok: false, errors: { _form: "errors.claimDecided" } };
  if (input.decision === "reject" && !input.reason) return { ok: false, errors: { reason: "errors.required" } };
  const today = shanghaiDate(now);
  // Only an owner of the claimed unit, not yet linked to an account, can be linked (a forged id links nothing).
  const ownerOfUnit = (q: Db) =>
    and(
      eq(owners.id, input.ownerId ?? ""),
      eq(owners.compoundId, compoundId),
      isNull(owners.userId),
      exists(q.select({ one: sql`1` }).from(ownerships).where(and(eq(ownerships.ownerId, owners.id), eq(ownerships.unitId, c.unitId), ownershipInForce(today)))),
    );
  if (input.decision === "verify" && input.ownerId && !(await db.select({ id: owners.id }).from(owners).where(ownerOfUnit(db))).length) {
    return { ok: false, errors: { _form: "errors.ownerNotOfUnit" } };
  }
  return db.transaction(async (tx): Promise<{ ok: true } | Fail> => {
    // Decided once: of two verifiers at the same moment, one wins.
    const won = await tx
      .update(unitClaims)
      .set({ status: input.decision === "verify" ? "verified" : "rejected", reason: input.reason ?? null, decidedBy: actor?.id ?? null, decidedAt: now })
      .where(and(eq(unitClaims.id, claimId), inArray(unitClaims.status, ["pending", "disputed"])))
      .returning({ id: unitClaims.id });
    if (!won.length) return { ok: false, errors: { _form: "errors.claimDecided" } };
    if (input.decision === "verify") {
      if (input.ownerId) await tx.update(owners).set({ userId: c.userId }).where(ownerOfUnit(tx));
      const active = await tx
        .select({ id: roleGrants.id })
        .from(roleGrants)
        .where(and(eq(roleGrants.userId, c.userId), eq(roleGrants.role, "owner"), eq(roleGrants.nodeId, compoundId), or(isNull(roleGrants.validTo), gt(roleGrants.validTo, now))));
      if (!active.length) {
        await tx.insert(roleGrants).values({ id: newId("grt"), userId: c.userId, role: "owner", scopeKind: "node", nodeId: compoundId, validFrom: now, grantedBy: actor?.id ?? null, createdAt: now });
      }
    }
    await writeAudit(tx, now, {
      actor,
      action: input.decision === "verify" ? "registry.claim.verify" : "registry.claim.reject",
      target: { kind: "claim", id: claimId },
      scopePath: await nodePath(tx, compoundId),
      before: { status: c.status },
      after: { status: input.decision === "verify" ? "verified" : "rejected", reason: input.reason ?? null, ownerId: input.ownerId ?? null },
    });
    return { ok: true as const };
  });
}

/** An owner's own units in a compound, with their co-owners' names masked. */
export async function myUnits(db: Db, userId: string, compoundId: string, day: string) {
  const mine = await db
    .select({ unitId: units.id, building: buildings.name, number: units.number, kind: units.kind, area: units.areaCenti, ownerId: owners.id })
    .from(owners)
    .innerJoin(ownerships, and(eq(ownerships.ownerId, owners.id), ownershipInForce(day)))
    .innerJoin(units, eq(units.id, ownerships.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(owners.userId, userId), eq(owners.compoundId, compoundId)))
    .orderBy(asc(buildings.name), asc(units.number));
  const ids = mine.map((m) => m.unitId);
  const co = ids.length
    ? await db
        .select({ unitId: ownerships.unitId, ownerId: owners.id, name: owners.name })
        .from(ownerships)
        .innerJoin(owners, eq(owners.id, ownerships.ownerId))
        .where(and(inArray(ownerships.unitId, ids), ownershipInForce(day)))
    : [];
  return mine.map((m) => ({ ...m, coOwners: co.filter((c) => c.unitId === m.unitId && c.ownerId !== m.ownerId).map((c) => maskName(c.name)) }));
}

/** Who to contact about a compound: the staff whose grants cover it (committee, property staff, community). */
export async function compoundContacts(db: Db, compoundPath: string, now: Date) {
  const ids = compoundPath.split("/").filter(Boolean);
  const rows = await db
    .select({ name: users.name, phone: users.phone, role: roleGrants.role, node: areaNodes.name })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(areaNodes, eq(areaNodes.id, roleGrants.nodeId))
    .where(
      and(
        inArray(roleGrants.nodeId, ids),
        inArray(roleGrants.role, ["committee_member", "property_staff", "community_worker"]),
        lte(roleGrants.validFrom, now),
        or(isNull(roleGrants.validTo), gt(roleGrants.validTo, now)),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(roleGrants.role), asc(users.name));
  // Staff phones are also their login ids: shown masked, like every phone (security.md item 15).
  return rows.map((r) => ({ ...r, phone: maskPhone(r.phone) }));
}
