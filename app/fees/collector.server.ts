/**
 * Who collects a compound's fees on a day (rules.md §4 "for whoever collects under each model"): the property
 * company under its contract in force, the owners (their committee acting) under self-governance, the community
 * under quasi-property — app/governance's `responsibleFor(…, "billing", day)`. Receipt numbers and the accounts
 * run per collecting body (`collector_key`), so a change of company starts the new company's own numbering.
 */
import { eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, propertyCompanies } from "~db/schema";
import { can, type ActiveGrant } from "~/auth/permissions";
import { responsibleForCompound } from "~/governance/lookup.server";
import { memberInOffice } from "~/committees/committees.server";
import { shanghaiDay, type Day } from "~/platform/days";

export type CollectorKind = "company" | "owners" | "community";
export type Collector = { key: string; kind: CollectorKind; id: string; name: string };

/** The collecting body of the compound on `day`, or null when nobody collects (no model, or a company without a contract). */
export async function collectorOf(db: Db, compoundId: string, day: Day): Promise<Collector | null> {
  const r = await responsibleForCompound(db, compoundId, "billing", day);
  if (r.kind === "company") {
    const [c] = await db.select({ name: propertyCompanies.name }).from(propertyCompanies).where(eq(propertyCompanies.id, r.companyId)).limit(1);
    return { key: `company:${r.companyId}`, kind: "company", id: r.companyId, name: c?.name ?? r.companyId };
  }
  if (r.kind === "owners_committee" || r.kind === "self_management_committee") {
    const [n] = await db.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, compoundId)).limit(1);
    return { key: `owners:${compoundId}`, kind: "owners", id: compoundId, name: n?.name ?? compoundId };
  }
  if (r.kind === "community" && r.nodeId) {
    const [n] = await db.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, r.nodeId)).limit(1);
    return { key: `community:${r.nodeId}`, kind: "community", id: r.nodeId, name: n?.name ?? r.nodeId };
  }
  return null;
}

/** The role that stands for each collecting body (a domain rule about sides, like the handover's). */
export const COLLECTING_ROLE: Record<CollectorKind, ActiveGrant["role"]> = { company: "property_staff", owners: "committee_member", community: "community_worker" };

/**
 * Whether the actor collects for the compound today: a grant covering the compound with the collecting body's
 * role (company staff grants only count where their company serves under a contract in force — the guard
 * resolves them so), and for the owners a committee member in office.
 */
export async function actorCollects(db: Db, actor: { userId: string; grants: readonly ActiveGrant[] }, compound: { id: string; path: string }, collector: Collector | null, now: Date): Promise<boolean> {
  if (!collector) return false;
  const role = COLLECTING_ROLE[collector.kind];
  const covered = actor.grants.some((g) => g.role === role && g.nodePath !== null && compound.path.startsWith(g.nodePath));
  if (!covered) return false;
  if (collector.kind === "owners") return (await memberInOffice(db, compound.id, actor.userId, now)) !== null;
  return true;
}

/**
 * The collecting body today and whether the actor collects for it (fees:collect on the compound and the collecting
 * body's side, actorCollects): pages use it to show or refuse the collector's actions and to unmask payers.
 */
export async function collectorSide(
  db: Db,
  actor: { userId: string; grants: readonly ActiveGrant[] },
  compound: { id: string; path: string },
  now: Date,
): Promise<{ collector: Collector | null; collects: boolean }> {
  const collector = await collectorOf(db, compound.id, shanghaiDay(now));
  const collects = can(actor.grants, "fees:collect", compound.path) && (await actorCollects(db, actor, compound, collector, now));
  return { collector, collects };
}
