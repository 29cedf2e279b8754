/**
 * The preparatory group (筹备组, 指导规则 Art. 10) and the election it sets up (Art. 31; rules.md §2). Each
 * exported write is one transaction and audits; a refusal writes nothing. The law is in ./rules.ts.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { candidates, elections, prepGroupMembers, prepGroupObjections, prepGroups, roleGrants } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { can } from "~/auth/permissions";
import { loadActiveGrants } from "~/auth/guard.server";
import { publishNotice } from "~/notices/notices.server";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { activePrepGroup, compoundFacts, fail, grantInForce, ownerInForce, ownersOfUser, requiredReviewersFor, type Fail } from "./common.server";
import { checkPrepGroup, checkSeats, type PrepProblem, type PrepRole, type SeatsProblem } from "./rules";

export type PrepMemberInput = { name: string; role: PrepRole; leader?: boolean; userId?: string | null; ownerId?: string | null };


const PREP_KEY: Record<PrepProblem["code"], string> = {
  EMPTY: "elections.errors.prepEmpty",
  TOO_SMALL: "elections.errors.prepTooSmall",
  EVEN_SIZE: "elections.errors.prepEvenSize",
  OWNERS_BELOW_HALF: "elections.errors.prepOwnersBelowHalf",
  NO_LEADER: "elections.errors.prepNoLeader",
  SEVERAL_LEADERS: "elections.errors.prepSeveralLeaders",
  LEADER_NOT_STREET_OFFICE: "elections.errors.prepLeaderNotStreetOffice",
  NO_DEVELOPER: "elections.errors.prepNoDeveloper",
  NO_RESIDENTS_COMMITTEE: "elections.errors.prepNoResidentsCommittee",
};

/** Whether the compound has an owners' committee now (a committee_member grant in force at the compound). */
async function hasCommittee(db: Db, compoundId: string, at: Date): Promise<boolean> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(roleGrants)
    .where(and(eq(roleGrants.nodeId, compoundId), eq(roleGrants.role, "committee_member"), grantInForce(at)));
  return Number(n) > 0;
}

/**
 * Form the preparatory group of a compound with no committee: refused on any blocking composition problem
 * (odd size, owners ≥ half, a street-office leader); owners' reps must be owners in the compound. Members
 * with accounts get prep_group_member grants at the compound while the group exists; the list goes on the
 * notice board. Non-blocking findings (no developer rep, …) are returned for the screen.
 */
export async function formPrepGroup(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  members: readonly PrepMemberInput[],
  now: Date,
  opts: { id?: string } = {},
): Promise<Fail | { ok: true; id: string; noticeId: string; warnings: PrepProblem[] }> {
  const problems = checkPrepGroup(members);
  const blocking = problems.find((p) => p.blocking);
  if (blocking) return fail("members", PREP_KEY[blocking.code]);
  for (const [i, m] of members.entries()) {
    if (m.name.trim() === "") return fail(`members.${i}.name`, "errors.required");
    if (m.role === "owner") {
      if (!m.ownerId || !(await ownerInForce(db, compoundId, m.ownerId, now))) return fail(`members.${i}.ownerId`, "elections.errors.notOwnerHere");
    }
  }
  if (!(await compoundFacts(db, compoundId))) return fail("_form", "errors.invalid");
  return db.transaction(async (tx) => {
    if (await hasCommittee(tx, compoundId, now)) return fail("_form", "elections.errors.hasCommittee");
    if (await activePrepGroup(tx, compoundId)) return fail("_form", "elections.errors.prepGroupExists");
    const id = opts.id ?? newId("pgr");
    await tx.insert(prepGroups).values({ id, compoundId, status: "active", formedAt: now, formedBy: actor?.id ?? null, createdAt: now });
    const granted: string[] = [];
    for (const [position, m] of members.entries()) {
      let grantId: string | null = null;
      if (m.userId && !granted.includes(m.userId)) {
        const [held] = await tx
          .select({ id: roleGrants.id })
          .from(roleGrants)
          .where(and(eq(roleGrants.userId, m.userId), eq(roleGrants.role, "prep_group_member"), eq(roleGrants.nodeId, compoundId), grantInForce(now)))
          .limit(1);
        // Someone who already organises here through their own grant (a street officer, a community worker)
        // needs no second one — it would only give them a second home page.
        const organisesAlready = can(await loadActiveGrants(tx, m.userId, now), "election:organise", (await nodePath(tx, compoundId)) ?? "");
        if (!held && !organisesAlready) {
          grantId = newId("grt");
          await tx.insert(roleGrants).values({ id: grantId, userId: m.userId, role: "prep_group_member", scopeKind: "node", nodeId: compoundId, validFrom: now, grantedBy: actor?.id ?? null, createdAt: now });
        }
        granted.push(m.userId);
      }
      await tx.insert(prepGroupMembers).values({
        id: newId("pgm"), groupId: id, compoundId, name: m.name.trim(), role: m.role, leader: m.leader === true,
        userId: m.userId ?? null, ownerId: m.ownerId ?? null, grantId, position, createdAt: now,
      });
    }
    const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
    const body = members.map((m) => t(m.leader ? "elections.prepMemberLeader" : "elections.prepMember", { name: m.name.trim(), role: t(`elections.roles.${m.role}`) })).join("\n");
    const noticeId = await publishNotice(tx, actor, { compoundId, title: t("elections.prepNoticeTitle"), body: `${body}\n\n${t("elections.prepNoticeObject")}`, sourceKind: "prep_group", sourceId: id }, now);
    await tx.update(prepGroups).set({ noticeId }).where(eq(prepGroups.id, id));
    await writeAudit(tx, now, {
      actor, action: "prep_group.form", target: { kind: "prep_group", id }, scopePath: await nodePath(tx, compoundId),
      after: { members: members.map((m) => ({ name: m.name.trim(), role: m.role, leader: m.leader === true, userId: m.userId ?? null })), noticeId },
    });
    return { ok: true as const, id, noticeId, warnings: problems.filter((p) => !p.blocking) };
  });
}

export async function prepGroupMembersOf(db: Db, groupId: string) {
  return db.select().from(prepGroupMembers).where(eq(prepGroupMembers.groupId, groupId)).orderBy(asc(prepGroupMembers.position));
}

/** Dissolve the group: its members' grants end now. */
export async function dissolvePrepGroup(db: Db, actor: AuditActor, compoundId: string, groupId: string, now: Date): Promise<Fail | { ok: true }> {
  return db.transaction(async (tx) => {
    const [g] = await tx.select().from(prepGroups).where(and(eq(prepGroups.id, groupId), eq(prepGroups.compoundId, compoundId))).for("update");
    if (!g) return fail("_form", "errors.invalid");
    if (g.status !== "active") return fail("_form", "elections.errors.prepGroupDissolved");
    const grantIds = (await tx.select({ id: prepGroupMembers.grantId }).from(prepGroupMembers).where(eq(prepGroupMembers.groupId, groupId)))
      .map((r) => r.id)
      .filter((x): x is string => x !== null);
    if (grantIds.length) await tx.update(roleGrants).set({ validTo: now }).where(inArray(roleGrants.id, grantIds));
    await tx.update(prepGroups).set({ status: "dissolved", dissolvedAt: now }).where(eq(prepGroups.id, groupId));
    await writeAudit(tx, now, { actor, action: "prep_group.dissolve", target: { kind: "prep_group", id: groupId }, scopePath: await nodePath(tx, compoundId), before: { status: "active" }, after: { status: "dissolved", grantsEnded: grantIds.length } });
    return { ok: true as const };
  });
}

/** An owner of the compound objects to the published group. */
export async function objectToPrepGroup(db: Db, actor: { id: string; name: string }, compoundId: string, groupId: string, text: string, now: Date): Promise<Fail | { ok: true; id: string }> {
  if (text.trim() === "") return fail("text", "errors.required");
  const mine = await ownersOfUser(db, compoundId, actor.id, now);
  if (mine.length === 0) return fail("_form", "elections.errors.notOwnerHere");
  return db.transaction(async (tx) => {
    const [g] = await tx.select().from(prepGroups).where(and(eq(prepGroups.id, groupId), eq(prepGroups.compoundId, compoundId)));
    if (!g) return fail("_form", "errors.invalid");
    if (g.status !== "active") return fail("_form", "elections.errors.prepGroupDissolved");
    const id = newId("pgo");
    await tx.insert(prepGroupObjections).values({ id, groupId, compoundId, ownerId: mine[0].id, userId: actor.id, text: text.trim(), status: "open", createdAt: now });
    await writeAudit(tx, now, { actor, action: "prep_group.object", target: { kind: "prep_group", id: groupId }, scopePath: await nodePath(tx, compoundId), after: { objection: id, text: text.trim() } });
    return { ok: true as const, id };
  });
}

/** The street officer records how an objection was settled (once). */
export async function settlePrepObjection(
  db: Db,
  actor: { id: string; name: string },
  compoundId: string,
  objectionId: string,
  input: { outcome: "upheld" | "dismissed"; settlement: string },
  now: Date,
): Promise<Fail | { ok: true }> {
  if (input.settlement.trim() === "") return fail("settlement", "errors.required");
  return db.transaction(async (tx) => {
    const [o] = await tx.select().from(prepGroupObjections).where(and(eq(prepGroupObjections.id, objectionId), eq(prepGroupObjections.compoundId, compoundId))).for("update");
    if (!o) return fail("_form", "errors.invalid");
    if (o.status !== "open") return fail("_form", "elections.errors.alreadySettled");
    await tx.update(prepGroupObjections).set({ status: input.outcome, settlement: input.settlement.trim(), settledBy: actor.id, settledAt: now }).where(eq(prepGroupObjections.id, objectionId));
    await writeAudit(tx, now, { actor, action: "prep_group.objection.settle", target: { kind: "prep_group", id: o.groupId }, scopePath: await nodePath(tx, compoundId), before: { objection: objectionId, status: "open" }, after: { status: input.outcome, settlement: input.settlement.trim() } });
    return { ok: true as const };
  });
}

export async function objectionsOf(db: Db, compoundId: string, groupId: string) {
  return db.select().from(prepGroupObjections).where(and(eq(prepGroupObjections.compoundId, compoundId), eq(prepGroupObjections.groupId, groupId))).orderBy(asc(prepGroupObjections.createdAt), asc(prepGroupObjections.id));
}

// ————————————————————————————————————————————————————————— the election

export type ElectionInput = {
  seats: number;
  minSeats: number;
  alternates: number;
  nominationOpensAt: Date;
  nominationClosesAt: Date;
  method: string;
  /** When voting is planned to open; after nominations close. The cleared list must be up in time for it. */
  votingOpensAt: Date;
};

const SEATS_ERR: Record<SeatsProblem["code"], [string, string]> = {
  NOT_WHOLE_NUMBER: ["seats", "elections.errors.notWholeNumber"],
  EVEN: ["seats", "elections.errors.seatsEven"],
  BELOW_MIN: ["seats", "elections.errors.seatsBelowMin"],
  ABOVE_MAX: ["seats", "elections.errors.seatsAboveMax"],
  MIN_SEATS_BELOW_MAJORITY: ["minSeats", "elections.errors.minSeatsBelowMajority"],
  MIN_SEATS_ABOVE_SEATS: ["minSeats", "elections.errors.minSeatsAboveSeats"],
  ALTERNATES_NEGATIVE: ["alternates", "elections.errors.alternatesNegative"],
  ALTERNATES_ABOVE_SEATS: ["alternates", "elections.errors.alternatesAboveSeats"],
};

/** The group sets up the election: seats by checkSeats with the compound's households, the nomination window, the method. */
export async function setUpElection(db: Db, actor: AuditActor, compoundId: string, input: ElectionInput, now: Date, opts: { id?: string } = {}): Promise<Fail | { ok: true; id: string }> {
  const facts = await compoundFacts(db, compoundId);
  if (!facts) return fail("_form", "errors.invalid");
  const problems = checkSeats(input, { households: facts.households }, facts.pack);
  if (problems.length > 0) {
    const errors: Record<string, string> = {};
    for (const p of problems) {
      const [field, key] = p.code === "NOT_WHOLE_NUMBER" ? [p.field, SEATS_ERR.NOT_WHOLE_NUMBER[1]] : SEATS_ERR[p.code];
      errors[field] ??= key;
    }
    return { ok: false, errors };
  }
  if (!(input.nominationClosesAt.getTime() > input.nominationOpensAt.getTime())) return fail("nominationClosesAt", "elections.errors.windowInverted");
  if (!(input.votingOpensAt.getTime() > input.nominationClosesAt.getTime())) return fail("votingOpensAt", "elections.errors.votingBeforeNominationsClose");
  if (input.method.trim() === "") return fail("method", "errors.required");
  return db.transaction(async (tx) => {
    const required = await requiredReviewersFor(tx, compoundId);
    const g = await activePrepGroup(tx, compoundId);
    if (!g) return fail("_form", "elections.errors.noPrepGroup");
    const [existing] = await tx.select({ id: elections.id }).from(elections).where(eq(elections.prepGroupId, g.id)).limit(1);
    if (existing) return fail("_form", "elections.errors.electionExists");
    const id = opts.id ?? newId("elc");
    const row = {
      id, compoundId, prepGroupId: g.id, seats: input.seats, minSeats: input.minSeats, alternates: input.alternates,
      nominationOpensAt: input.nominationOpensAt, nominationClosesAt: input.nominationClosesAt, method: input.method.trim(), votingOpensAt: input.votingOpensAt,
      status: "nominating" as const, requiredReviewers: required, createdBy: actor?.id ?? null, createdAt: now,
    };
    await tx.insert(elections).values(row);
    await writeAudit(tx, now, {
      actor, action: "election.set_up", target: { kind: "election", id }, scopePath: await nodePath(tx, compoundId),
      after: { seats: row.seats, minSeats: row.minSeats, alternates: row.alternates, nominationOpensAt: row.nominationOpensAt.toISOString(), nominationClosesAt: row.nominationClosesAt.toISOString(), votingOpensAt: row.votingOpensAt.toISOString(), requiredReviewers: required, households: facts.households },
    });
    return { ok: true as const, id };
  });
}

export async function findElection(db: Db, compoundId: string, id: string) {
  const [e] = await db.select().from(elections).where(and(eq(elections.id, id), eq(elections.compoundId, compoundId))).limit(1);
  return e ?? null;
}

export type ElectionRow = typeof elections.$inferSelect;
export type CandidateRow = typeof candidates.$inferSelect;
