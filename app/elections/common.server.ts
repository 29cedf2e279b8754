/**
 * Shared reading for the elections context: the compound's rule pack and households, owners in force, the
 * active preparatory group, Party organisations' coverage and reviewer grants.
 */
import { and, count, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, compounds, owners, ownerships, partyOrgNodes, partyOrgs, prepGroups, roleGrants, streetVettingSettings, units } from "~db/schema";
import { ownershipInForce } from "~/registry/roll.server";
import { rulePackOf, type RulePack } from "~/registry/rule-pack";
import { shanghaiDay } from "~/platform/days";
import type { FieldErrors } from "~/ui/form.server";
import { REVIEWER_KINDS, type ReviewerKind } from "./rules";

export type Fail = { ok: false; errors: FieldErrors };
export const fail = (field: string, key: string): Fail => ({ ok: false, errors: { [field]: key } });

export async function compoundFacts(db: Db, compoundId: string): Promise<{ pack: RulePack; households: number } | null> {
  const [c] = await db.select({ rulePack: compounds.rulePack, households: compounds.households }).from(compounds).where(eq(compounds.id, compoundId)).limit(1);
  if (!c) return null;
  let households = c.households;
  if (households === null) {
    // No reported figure: count the registry's dwellings.
    const [{ n }] = await db.select({ n: count() }).from(units).where(and(eq(units.compoundId, compoundId), eq(units.kind, "dwelling")));
    households = Number(n);
  }
  return { pack: rulePackOf(c.rulePack), households };
}

/** The owner, if it is an owner of a unit in this compound on the day of `at`. */
export async function ownerInForce(db: Db, compoundId: string, ownerId: string, at: Date) {
  const [o] = await db
    .select({ id: owners.id, name: owners.name, userId: owners.userId })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.id, ownerId), eq(owners.compoundId, compoundId), eq(ownerships.compoundId, compoundId), ownershipInForce(shanghaiDay(at))))
    .limit(1);
  return o ?? null;
}

/** The owners in force in this compound that the user account stands for. */
export async function ownersOfUser(db: Db, compoundId: string, userId: string, at: Date) {
  return db
    .selectDistinct({ id: owners.id, name: owners.name })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.userId, userId), eq(owners.compoundId, compoundId), eq(ownerships.compoundId, compoundId), ownershipInForce(shanghaiDay(at))))
    .orderBy(owners.id);
}

export async function activePrepGroup(db: Db, compoundId: string) {
  const [g] = await db.select().from(prepGroups).where(and(eq(prepGroups.compoundId, compoundId), eq(prepGroups.status, "active"))).limit(1);
  return g ?? null;
}

export async function groupActive(db: Db, groupId: string): Promise<boolean> {
  const [g] = await db.select({ status: prepGroups.status }).from(prepGroups).where(eq(prepGroups.id, groupId)).limit(1);
  return g?.status === "active";
}

export function grantInForce(at: Date) {
  return and(lte(roleGrants.validFrom, at), or(isNull(roleGrants.validTo), gt(roleGrants.validTo, at)));
}

/** How a Party organisation reviews: a district branch of the industry committee reviews as "industry". */
export function reviewerKindOf(kind: (typeof partyOrgs.$inferSelect)["kind"]): ReviewerKind {
  return kind === "industry_branch" ? "industry" : kind;
}

/** Whether the organisation covers the compound: one of its nodes is the compound or lies above it. */
export async function orgCoversCompound(db: Db, partyOrgId: string, compoundId: string): Promise<boolean> {
  const [r] = await db
    .select({ n: count() })
    .from(partyOrgNodes)
    .innerJoin(areaNodes, eq(areaNodes.id, partyOrgNodes.nodeId))
    .where(and(eq(partyOrgNodes.partyOrgId, partyOrgId), sql`starts_with((select cp.path from ${areaNodes} cp where cp.id = ${compoundId}), ${areaNodes.path})`));
  return Number(r?.n ?? 0) > 0;
}

/** Whether the user holds a party_reviewer grant in force for the organisation. */
export async function holdsReviewerGrant(db: Db, userId: string, partyOrgId: string, at: Date): Promise<boolean> {
  const [g] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "party_reviewer"), eq(roleGrants.scopeKind, "party_org"), eq(roleGrants.partyOrgId, partyOrgId), grantInForce(at)))
    .limit(1);
  return !!g;
}

/** The street node a compound lies in (the lowest street above it), or null. */
export async function streetOf(db: Db, compoundId: string): Promise<{ id: string; name: string } | null> {
  const [s] = await db
    .select({ id: areaNodes.id, name: areaNodes.name })
    .from(areaNodes)
    .where(and(eq(areaNodes.kind, "street"), sql`starts_with((select cp.path from ${areaNodes} cp where cp.id = ${compoundId}), ${areaNodes.path})`))
    .orderBy(sql`length(${areaNodes.path}) desc`)
    .limit(1);
  return s ?? null;
}

/** The street's required reviewers (联审), in the canonical order; all three kinds where the street set none. */
export async function requiredReviewersOfStreet(db: Db, streetId: string): Promise<{ kinds: ReviewerKind[]; isDefault: boolean; updatedAt: Date | null }> {
  const [row] = await db.select().from(streetVettingSettings).where(eq(streetVettingSettings.nodeId, streetId)).limit(1);
  if (!row) return { kinds: [...REVIEWER_KINDS], isDefault: true, updatedAt: null };
  return { kinds: REVIEWER_KINDS.filter((k) => row.requiredReviewers.includes(k)), isDefault: false, updatedAt: row.updatedAt };
}

export async function requiredReviewersFor(db: Db, compoundId: string): Promise<ReviewerKind[]> {
  const street = await streetOf(db, compoundId);
  return street ? (await requiredReviewersOfStreet(db, street.id)).kinds : [...REVIEWER_KINDS];
}

/** The Party organisations the user reviews for now (party_reviewer grants in force), with their kind. */
export async function reviewerOrgsOf(db: Db, userId: string, at: Date): Promise<{ id: string; name: string; kind: ReviewerKind }[]> {
  const rows = await db
    .selectDistinct({ id: partyOrgs.id, name: partyOrgs.name, kind: partyOrgs.kind })
    .from(roleGrants)
    .innerJoin(partyOrgs, eq(partyOrgs.id, roleGrants.partyOrgId))
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "party_reviewer"), eq(roleGrants.scopeKind, "party_org"), grantInForce(at)))
    .orderBy(partyOrgs.id);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: reviewerKindOf(r.kind) }));
}
