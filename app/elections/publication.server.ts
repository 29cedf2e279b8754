/**
 * Around the cleared list (rules.md §2): the planned voting date it must respect, owners' objections to the
 * published list with the group's recorded answers, and the street's joint-vetting configuration. Each write
 * is one transaction and audits; a refusal writes nothing.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, candidateObjections, candidates, elections, owners, streetVettingSettings } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { loadCalendar } from "~/platform/calendar.server";
import { firstMomentAfter } from "~/platform/days";
import { compoundFacts, fail, ownersOfUser, requiredReviewersOfStreet, type Fail } from "./common.server";
import { publicationOk, REVIEWER_KINDS, type ReviewerKind } from "./rules";

type Actor = { id: string; name: string };

/**
 * The earliest moment voting may open if the list were published at `at` (or was published then): after
 * both the showing period and the lead period (legal day counting).
 */
export async function earliestVoting(db: Db, compoundId: string, publishedAt: Date): Promise<Date | null> {
  const facts = await compoundFacts(db, compoundId);
  if (!facts) return null;
  const cal = await loadCalendar(db);
  const a = firstMomentAfter(publishedAt, facts.pack.candidateLeadDays, cal);
  const b = firstMomentAfter(publishedAt, facts.pack.candidateShowDays, cal);
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * Move the planned voting date. After nominations close; once the list is published, the new date must
 * still leave the list its showing and lead periods.
 */
export async function setVotingDate(db: Db, actor: Actor, compoundId: string, electionId: string, votingOpensAt: Date, now: Date): Promise<Fail | { ok: true }> {
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(elections).where(and(eq(elections.id, electionId), eq(elections.compoundId, compoundId))).for("update");
    if (!e) return fail("_form", "errors.invalid");
    if (!(votingOpensAt.getTime() > e.nominationClosesAt.getTime()) || !(votingOpensAt.getTime() > now.getTime())) return fail("votingOpensAt", "elections.errors.votingBeforeNominationsClose");
    if (e.candidatesPublishedAt) {
      const facts = await compoundFacts(tx, compoundId);
      const timing = publicationOk({ publishedAt: e.candidatesPublishedAt, votingOpensAt }, await loadCalendar(tx), facts!.pack);
      if (timing.length > 0) return fail("votingOpensAt", "elections.errors.publishTooLate");
    }
    await tx.update(elections).set({ votingOpensAt }).where(eq(elections.id, electionId));
    await writeAudit(tx, now, {
      actor, action: "election.voting_date", target: { kind: "election", id: electionId }, scopePath: await nodePath(tx, compoundId),
      before: { votingOpensAt: e.votingOpensAt?.toISOString() ?? null }, after: { votingOpensAt: votingOpensAt.toISOString() },
    });
    return { ok: true as const };
  });
}

/** An owner of the compound objects to the published list, about the whole list or one cleared candidate; until voting opens. */
export async function objectToCandidates(
  db: Db,
  actor: Actor,
  compoundId: string,
  electionId: string,
  input: { candidateId: string | null; text: string },
  now: Date,
): Promise<Fail | { ok: true; id: string }> {
  const text = input.text.trim();
  if (text === "") return fail("text", "errors.required");
  const mine = await ownersOfUser(db, compoundId, actor.id, now);
  if (mine.length === 0) return fail("_form", "elections.errors.notOwnerHere");
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(elections).where(and(eq(elections.id, electionId), eq(elections.compoundId, compoundId)));
    if (!e) return fail("_form", "errors.invalid");
    if (e.status !== "published") return fail("_form", "elections.errors.notPublished");
    if (e.votingOpensAt && now.getTime() >= e.votingOpensAt.getTime()) return fail("_form", "elections.errors.objectionsClosed");
    if (input.candidateId) {
      // Only a candidate on the published list (cleared, or cleared on appeal).
      const [c] = await tx
        .select({ id: candidates.id })
        .from(candidates)
        .where(and(eq(candidates.id, input.candidateId), eq(candidates.electionId, electionId), inArray(candidates.phase, ["cleared", "cleared_on_appeal"])));
      if (!c) return fail("candidateId", "errors.invalid");
    }
    const id = newId("cob");
    await tx.insert(candidateObjections).values({ id, electionId, compoundId, candidateId: input.candidateId, ownerId: mine[0].id, userId: actor.id, text, status: "open", createdAt: now });
    await writeAudit(tx, now, { actor, action: "election.candidates.object", target: { kind: "election", id: electionId }, scopePath: await nodePath(tx, compoundId), after: { objection: id, candidate: input.candidateId, text } });
    return { ok: true as const, id };
  });
}

/** The preparatory group records its answer to an objection (once). */
export async function answerCandidateObjection(db: Db, actor: Actor, compoundId: string, objectionId: string, answerText: string, now: Date): Promise<Fail | { ok: true }> {
  const text = answerText.trim();
  if (text === "") return fail("answer", "errors.required");
  return db.transaction(async (tx) => {
    const [o] = await tx.select().from(candidateObjections).where(and(eq(candidateObjections.id, objectionId), eq(candidateObjections.compoundId, compoundId))).for("update");
    if (!o) return fail("_form", "errors.invalid");
    if (o.status !== "open") return fail("_form", "elections.errors.alreadySettled");
    await tx.update(candidateObjections).set({ status: "answered", answer: text, answeredBy: actor.id, answeredAt: now }).where(eq(candidateObjections.id, objectionId));
    await writeAudit(tx, now, { actor, action: "election.candidates.objection.answer", target: { kind: "election", id: o.electionId }, scopePath: await nodePath(tx, compoundId), before: { objection: objectionId, status: "open" }, after: { status: "answered", answer: text } });
    return { ok: true as const };
  });
}

export async function candidateObjectionsOf(db: Db, compoundId: string, electionId: string) {
  return db
    .select({ o: candidateObjections, candidateName: owners.name })
    .from(candidateObjections)
    .leftJoin(candidates, eq(candidates.id, candidateObjections.candidateId))
    .leftJoin(owners, eq(owners.id, candidates.ownerId))
    .where(and(eq(candidateObjections.compoundId, compoundId), eq(candidateObjections.electionId, electionId)))
    .orderBy(asc(candidateObjections.createdAt), asc(candidateObjections.id));
}

/** Set which reviewers a street requires (at least one kind). Elections already set up keep theirs. */
export async function setStreetReviewers(db: Db, actor: Actor, streetId: string, kinds: readonly string[], now: Date): Promise<Fail | { ok: true }> {
  const chosen = REVIEWER_KINDS.filter((k) => kinds.includes(k));
  if (chosen.length === 0 || kinds.some((k) => !(REVIEWER_KINDS as readonly string[]).includes(k))) return fail("requiredReviewers", "elections.errors.reviewersRequired");
  return db.transaction(async (tx) => {
    const [node] = await tx.select({ kind: areaNodes.kind }).from(areaNodes).where(eq(areaNodes.id, streetId));
    if (!node || node.kind !== "street") return fail("_form", "errors.invalid");
    const before = await requiredReviewersOfStreet(tx, streetId);
    await tx
      .insert(streetVettingSettings)
      .values({ nodeId: streetId, requiredReviewers: chosen as ReviewerKind[], updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({ target: streetVettingSettings.nodeId, set: { requiredReviewers: chosen as ReviewerKind[], updatedBy: actor.id, updatedAt: now } });
    await writeAudit(tx, now, { actor, action: "election.street_reviewers", target: { kind: "area_node", id: streetId }, scopePath: await nodePath(tx, streetId), before: { requiredReviewers: before.kinds }, after: { requiredReviewers: chosen } });
    return { ok: true as const };
  });
}
