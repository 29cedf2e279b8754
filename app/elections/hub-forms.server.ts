/**
 * What the election forms need and do beyond the context's writes: the owners to choose from, forming the
 * group from the form (account phones resolved to users), the seat bounds and reviewers shown while setting
 * up, and nominating with the kinds the viewer may use (rules.ts nominationKindsFor).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { buildings, elections, owners, ownerships, units, users } from "~db/schema";
import type { AuditActor } from "~/audit/audit.server";
import { maskName } from "~/registry/claims.server";
import { ownershipInForce } from "~/registry/roll.server";
import { compareCodePoints } from "~/registry/rules";
import { shanghaiDay } from "~/platform/days";
import { activePrepGroup, compoundFacts, fail, ownersOfUser, requiredReviewersFor, type Fail } from "./common.server";
import { formPrepGroup, type PrepMemberInput } from "./prep.server";
import { nominate } from "./candidates.server";
import { nominationKindsFor, nominationOpen, seatBounds, type NominationKindCode, type PrepProblem } from "./rules";
import type { GroupInput, NominateFormInput } from "./hub-schema";

type Actor = { id: string; name: string };

/**
 * The owners in force in the compound, each with one of their units ("张桂兰 · 3号楼-201"), ordered by name;
 * names masked for viewers who may not see the roll in full (but for `except`, e.g. the viewer's own).
 */
export async function ownerChoices(db: Db, compoundId: string, now: Date, opts: { mask: boolean; except?: ReadonlySet<string> }): Promise<{ id: string; label: string }[]> {
  const rows = await db
    .select({ id: owners.id, name: owners.name, unit: sql<string>`min(${buildings.name} || '-' || ${units.number})` })
    .from(owners)
    .innerJoin(ownerships, and(eq(ownerships.ownerId, owners.id), eq(ownerships.compoundId, compoundId), ownershipInForce(shanghaiDay(now))))
    .innerJoin(units, eq(units.id, ownerships.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(eq(owners.compoundId, compoundId))
    .groupBy(owners.id, owners.name)
    .orderBy(asc(owners.name), asc(owners.id));
  return rows
    .map((r) => ({ id: r.id, name: opts.mask && !opts.except?.has(r.id) ? maskName(r.name) : r.name, unit: r.unit }))
    .sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.unit, b.unit))
    .map((r) => ({ id: r.id, label: `${r.name} · ${r.unit}` }));
}

// ————————————————————————————————————————————————————————— forming the group

export async function groupFormPage(db: Db, compoundId: string, now: Date) {
  const g = await activePrepGroup(db, compoundId);
  return { hasActiveGroup: !!g, owners: g ? [] : await ownerChoices(db, compoundId, now, { mask: false }) };
}

/**
 * Form the group from the form's rows: each account phone must belong to a user (else an error next to that
 * phone, nothing written), the leader is the row chosen, and owners' reps keep the owner chosen. The rest is
 * formPrepGroup's (composition, owners in force, one active group). Warnings are the non-blocking codes.
 */
export async function formGroupFromForm(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  input: GroupInput,
  now: Date,
): Promise<Fail | { ok: true; id: string; noticeId: string; warnings: PrepProblem["code"][] }> {
  const members: PrepMemberInput[] = [];
  for (const [i, m] of input.members.entries()) {
    let userId: string | null = null;
    if (m.phone) {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.phone, m.phone)).limit(1);
      if (!u) return fail(`members.${i}.phone`, "elections.group.errors.unknownPhone");
      userId = u.id;
    }
    members.push({ name: m.name, role: m.role, leader: input.leader === i, userId, ownerId: m.ownerId ?? null });
  }
  const r = await formPrepGroup(db, actor, compoundId, members, now);
  if (!r.ok) return r;
  return { ok: true, id: r.id, noticeId: r.noticeId, warnings: r.warnings.map((w) => w.code) };
}

// ————————————————————————————————————————————————————————— setting up the election

/** What the set-up page shows: the compound's seat bounds and the street's required reviewers, read-only. */
export async function setupPage(db: Db, compoundId: string) {
  const facts = await compoundFacts(db, compoundId);
  if (!facts) return null;
  const g = await activePrepGroup(db, compoundId);
  const [existing] = g ? await db.select({ id: elections.id }).from(elections).where(eq(elections.prepGroupId, g.id)).limit(1) : [];
  return {
    households: facts.households,
    bounds: seatBounds({ households: facts.households }, facts.pack),
    reviewers: await requiredReviewersFor(db, compoundId),
    showDays: facts.pack.candidateShowDays,
    leadDays: facts.pack.candidateLeadDays,
    hasActiveGroup: !!g,
    electionId: existing?.id ?? null,
  };
}

// ————————————————————————————————————————————————————————— nominating

/** The nomination kinds this user may use in this compound now. */
export async function nominationKindsOf(db: Db, compoundId: string, viewer: { userId: string; organiser: boolean }, now: Date): Promise<NominationKindCode[]> {
  const mine = await ownersOfUser(db, compoundId, viewer.userId, now);
  return nominationKindsFor({ organiser: viewer.organiser, owner: mine.length > 0 });
}

/**
 * The nomination page: the election's window, the kinds the viewer may use and the owners they may nominate
 * (organisers see names in full; an owner sees them masked, with a unit). Null when the election is not this
 * compound's.
 */
export async function nominationPage(db: Db, compoundId: string, electionId: string, viewer: { userId: string; organiser: boolean }, now: Date) {
  const [e] = await db.select().from(elections).where(and(eq(elections.id, electionId), eq(elections.compoundId, compoundId))).limit(1);
  if (!e) return null;
  const mine = await ownersOfUser(db, compoundId, viewer.userId, now);
  const kinds = nominationKindsFor({ organiser: viewer.organiser, owner: mine.length > 0 });
  const own = new Set(mine.map((o) => o.id));
  const owners = kinds.length ? await ownerChoices(db, compoundId, now, { mask: !viewer.organiser, except: own }) : [];
  return {
    election: {
      id: e.id,
      nominationOpensAt: e.nominationOpensAt.toISOString(),
      nominationClosesAt: e.nominationClosesAt.toISOString(),
      open: e.status === "nominating" && nominationOpen({ opensAt: e.nominationOpensAt, closesAt: e.nominationClosesAt }, now).ok,
    },
    kinds,
    owners,
    /** The viewer's own owner records: the only ones a self-nomination may name. */
    mine: [...own],
  };
}

/**
 * Nominate with a kind the viewer may use: a kind outside nominationKindsFor is refused on the field, nothing
 * written; the rest (window, owner in force, self = own account, duplicates, consent) is `nominate`'s.
 */
export async function nominateAs(
  db: Db,
  actor: Actor,
  compoundId: string,
  electionId: string,
  input: NominateFormInput,
  viewer: { organiser: boolean },
  now: Date,
): Promise<Fail | { ok: true; id: string }> {
  const kinds = await nominationKindsOf(db, compoundId, { userId: actor.id, organiser: viewer.organiser }, now);
  if (!kinds.includes(input.nominatedBy)) return fail("nominatedBy", "elections.nominate.errors.kindNotAllowed");
  const r = await nominate(db, actor, compoundId, electionId, input, now);
  return r.ok ? { ok: true, id: r.id } : r;
}
