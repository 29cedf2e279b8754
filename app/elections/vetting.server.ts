/**
 * Joint vetting (联审) of candidates by the Party organisations from the registry (rules.md §2). The state is
 * always replayed from the append-only vetting_events by the pure `vettingState`; `candidates.phase` is a
 * cache written in the same transaction. Reviewers act for an organisation that covers the compound and is
 * of a required kind, through a party_reviewer grant. One transaction per write, audited; a refusal
 * (the pure `next`'s reasons included) writes nothing.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, candidateEndorsements, candidates, elections, owners, partyOrgNodes, partyOrgs, prepGroupObjections, prepGroups, vettingEvents } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { publishNotice } from "~/notices/notices.server";
import { i18nServer } from "~/i18n/i18n.server";
import { loadCalendar } from "~/platform/calendar.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { activePrepGroup, compoundFacts, fail, holdsReviewerGrant, orgCoversCompound, reviewerKindOf, reviewerOrgsOf, type Fail } from "./common.server";
import { JOINT_MIN_SIGNATURES } from "./candidates.server";
import {
  FINAL_PHASES,
  isCleared,
  meetsTarget,
  next,
  pendingReviewers,
  publicationOk,
  shares,
  vettingState,
  type ReviewerKind,
  type VettingEvent,
  type VettingPhase,
  type VettingRefusal,
  type VettingState,
} from "./rules";

type Actor = { id: string; name: string };
type CandidateRow = typeof candidates.$inferSelect;
type EventRow = typeof vettingEvents.$inferSelect;

/** Days a reviewer has to act after a submission or an appeal (practice; shown as the due date). */
export const REVIEW_DUE_DAYS = 7;
const DAY_MS = 86_400_000;

const REFUSAL_KEY: Record<VettingRefusal, string> = {
  NO_REQUIRED_REVIEWERS: "elections.errors.noRequiredReviewers",
  ALREADY_SUBMITTED: "elections.errors.alreadySubmitted",
  NOT_SUBMITTED: "elections.errors.notSubmitted",
  NOT_REQUIRED_REVIEWER: "elections.errors.notRequiredReviewer",
  DECIDED_TWICE: "elections.errors.decidedTwice",
  REASON_REQUIRED: "elections.errors.reasonRequired",
  REVIEW_NOT_FINISHED: "elections.errors.reviewNotFinished",
  APPEAL_NOT_REJECTED: "elections.errors.appealNotRejected",
  APPEAL_TWICE: "elections.errors.appealTwice",
  STATEMENT_REQUIRED: "elections.errors.statementRequired",
  ANSWER_WITHOUT_APPEAL: "elections.errors.answerWithoutAppeal",
  ANSWER_BY_OTHER_REVIEWER: "elections.errors.answerByOtherReviewer",
  ANSWERED_TWICE: "elections.errors.answeredTwice",
  AFTER_FINAL: "elections.errors.vettingFinal",
};
const refusal = (r: VettingRefusal): Fail => fail(r === "REASON_REQUIRED" ? "reason" : r === "STATEMENT_REQUIRED" ? "statement" : "_form", REFUSAL_KEY[r]);

function toEvent(r: EventRow): VettingEvent {
  switch (r.kind) {
    case "submit":
      return { kind: "submit" };
    case "decide":
      return { kind: "decide", reviewer: r.reviewerKind!, decision: r.decision as "approve" | "reject", reason: r.text ?? "" };
    case "appeal":
      return { kind: "appeal", statement: r.text ?? "" };
    case "answer":
      return { kind: "answer", reviewer: r.reviewerKind!, outcome: r.decision as "upheld" | "overturned", reason: r.text ?? "" };
  }
}

async function eventsOf(db: Db, candidateIds: readonly string[]): Promise<Map<string, EventRow[]>> {
  const out = new Map<string, EventRow[]>(candidateIds.map((id) => [id, []]));
  if (candidateIds.length === 0) return out;
  const rows = await db.select().from(vettingEvents).where(inArray(vettingEvents.candidateId, [...candidateIds])).orderBy(asc(vettingEvents.candidateId), asc(vettingEvents.seq));
  for (const r of rows) out.get(r.candidateId)!.push(r);
  return out;
}

/** The replayed state; a stored history the rules refuse is a corrupt record and throws. */
function replay(required: readonly ReviewerKind[], rows: readonly EventRow[]): VettingState {
  const r = vettingState(required, rows.map(toEvent));
  if (!r.ok) throw new Error(`corrupt vetting history at event ${r.index}: ${r.reason}`);
  return r.state;
}

/** A candidate's vetting state and events, for the candidate page. */
export async function vettingOf(db: Db, compoundId: string, candidateId: string) {
  const [row] = await db
    .select({ c: candidates, required: elections.requiredReviewers })
    .from(candidates)
    .innerJoin(elections, eq(elections.id, candidates.electionId))
    .where(and(eq(candidates.id, candidateId), eq(candidates.compoundId, compoundId)));
  if (!row) return null;
  const events = (await eventsOf(db, [candidateId])).get(candidateId)!;
  return { candidate: row.c, events, state: replay(row.required, events) };
}

type Locked = { c: CandidateRow; required: ReviewerKind[]; events: EventRow[]; state: VettingState };

/** Lock the candidate row (the history's head) and replay its events. */
async function lockCandidate(tx: Db, compoundId: string, candidateId: string): Promise<Locked | Fail> {
  const [c] = await tx.select().from(candidates).where(and(eq(candidates.id, candidateId), eq(candidates.compoundId, compoundId))).for("update");
  if (!c) return fail("_form", "errors.invalid");
  const [e] = await tx
    .select({ required: elections.requiredReviewers, groupStatus: prepGroups.status })
    .from(elections)
    .innerJoin(prepGroups, eq(prepGroups.id, elections.prepGroupId))
    .where(eq(elections.id, c.electionId));
  // A dissolved group's election is over: nothing more happens to its candidates.
  if (e.groupStatus !== "active") return fail("_form", "elections.errors.prepGroupDissolved");
  const events = (await eventsOf(tx, [candidateId])).get(candidateId)!;
  return { c, required: e.required, events, state: replay(e.required, events) };
}

/** Append one event the rules accepted, update the phase cache, audit. */
async function append(
  tx: Db,
  actor: Actor,
  l: Locked,
  step: VettingState,
  row: Omit<typeof vettingEvents.$inferInsert, "id" | "candidateId" | "compoundId" | "seq" | "at">,
  now: Date,
  action: string,
  after: Record<string, unknown>,
) {
  const id = newId("vte");
  await tx.insert(vettingEvents).values({ ...row, id, candidateId: l.c.id, compoundId: l.c.compoundId, seq: l.events.length, at: now });
  if (step.phase !== l.c.phase) await tx.update(candidates).set({ phase: step.phase }).where(eq(candidates.id, l.c.id));
  await writeAudit(tx, now, { actor, action, target: { kind: "candidate", id: l.c.id }, scopePath: await nodePath(tx, l.c.compoundId), before: { phase: l.state.phase }, after: { ...after, phase: step.phase } });
}

/** The preparatory group submits a nomination for joint vetting (a joint nomination needs its signatures). */
export async function submitForVetting(db: Db, actor: Actor, compoundId: string, candidateId: string, now: Date): Promise<Fail | { ok: true; phase: VettingPhase }> {
  return db.transaction(async (tx) => {
    const l = await lockCandidate(tx, compoundId, candidateId);
    if ("ok" in l) return l;
    const step = next(l.state, { kind: "submit" });
    if (!step.ok) return refusal(step.reason);
    if (l.c.nominatedBy === "owners_joint") {
      const [{ n }] = await tx.select({ n: count() }).from(candidateEndorsements).where(eq(candidateEndorsements.candidateId, candidateId));
      if (Number(n) < JOINT_MIN_SIGNATURES) return fail("_form", "elections.errors.tooFewSignatures");
    }
    await append(tx, actor, l, step.state, { kind: "submit", userId: actor.id }, now, "election.vetting.submit", {});
    return { ok: true as const, phase: step.state.phase };
  });
}

/** The reviewer's organisation: it must exist, cover the compound, and the actor must hold a grant for it. */
async function reviewerOrg(tx: Db, actor: Actor, compoundId: string, partyOrgId: string, now: Date): Promise<Fail | { ok: true; kind: ReviewerKind }> {
  const [o] = await tx.select({ kind: partyOrgs.kind }).from(partyOrgs).where(eq(partyOrgs.id, partyOrgId));
  if (!o) return fail("_form", "elections.errors.outOfScope");
  if (!(await holdsReviewerGrant(tx, actor.id, partyOrgId, now))) return fail("_form", "elections.errors.outOfScope");
  if (!(await orgCoversCompound(tx, partyOrgId, compoundId))) return fail("_form", "elections.errors.outOfScope");
  return { ok: true, kind: reviewerKindOf(o.kind) };
}

/** A required reviewer approves or rejects, always with a written reason, once. */
export async function decide(
  db: Db,
  actor: Actor,
  compoundId: string,
  candidateId: string,
  input: { partyOrgId: string; decision: "approve" | "reject"; reason: string },
  now: Date,
): Promise<Fail | { ok: true; phase: VettingPhase }> {
  return db.transaction(async (tx) => {
    const org = await reviewerOrg(tx, actor, compoundId, input.partyOrgId, now);
    if (!org.ok) return org;
    const l = await lockCandidate(tx, compoundId, candidateId);
    if ("ok" in l) return l;
    const reason = input.reason.trim();
    const step = next(l.state, { kind: "decide", reviewer: org.kind, decision: input.decision, reason });
    if (!step.ok) return refusal(step.reason);
    await append(tx, actor, l, step.state, { kind: "decide", reviewerKind: org.kind, partyOrgId: input.partyOrgId, userId: actor.id, decision: input.decision, text: reason }, now, "election.vetting.decide", { reviewer: org.kind, partyOrg: input.partyOrgId, decision: input.decision, reason });
    return { ok: true as const, phase: step.state.phase };
  });
}

/** The candidate appeals a rejection, once, with a statement. */
export async function appeal(db: Db, actor: Actor, compoundId: string, candidateId: string, statement: string, now: Date): Promise<Fail | { ok: true; phase: VettingPhase }> {
  return db.transaction(async (tx) => {
    const l = await lockCandidate(tx, compoundId, candidateId);
    if ("ok" in l) return l;
    if (l.c.userId !== actor.id) return fail("_form", "elections.errors.notCandidate");
    const text = statement.trim();
    const step = next(l.state, { kind: "appeal", statement: text });
    if (!step.ok) return refusal(step.reason);
    await append(tx, actor, l, step.state, { kind: "appeal", userId: actor.id, text }, now, "election.vetting.appeal", { statement: text });
    return { ok: true as const, phase: step.state.phase };
  });
}

/** A reviewer who rejected answers the appeal — the same organisation that rejected; the answer is final. */
export async function answer(
  db: Db,
  actor: Actor,
  compoundId: string,
  candidateId: string,
  input: { partyOrgId: string; outcome: "upheld" | "overturned"; reason: string },
  now: Date,
): Promise<Fail | { ok: true; phase: VettingPhase }> {
  return db.transaction(async (tx) => {
    const org = await reviewerOrg(tx, actor, compoundId, input.partyOrgId, now);
    if (!org.ok) return org;
    const l = await lockCandidate(tx, compoundId, candidateId);
    if ("ok" in l) return l;
    const reason = input.reason.trim();
    const step = next(l.state, { kind: "answer", reviewer: org.kind, outcome: input.outcome, reason });
    if (!step.ok) return refusal(step.reason);
    const rejectedBy = l.events.find((e) => e.kind === "decide" && e.reviewerKind === org.kind)?.partyOrgId;
    if (rejectedBy !== input.partyOrgId) return fail("_form", "elections.errors.answerByOtherReviewer");
    await append(tx, actor, l, step.state, { kind: "answer", reviewerKind: org.kind, partyOrgId: input.partyOrgId, userId: actor.id, decision: input.outcome, text: reason }, now, "election.vetting.answer", { reviewer: org.kind, partyOrg: input.partyOrgId, outcome: input.outcome, reason });
    return { ok: true as const, phase: step.state.phase };
  });
}

/**
 * What the user may do on this candidate as a reviewer now, through each organisation they review for that
 * covers the compound: decide where the organisation's kind is still pending, answer where it rejected and
 * the candidate appealed.
 */
export async function reviewerActions(db: Db, userId: string, compoundId: string, candidateId: string, now: Date) {
  const v = await vettingOf(db, compoundId, candidateId);
  if (!v) return [];
  const out: { partyOrgId: string; name: string; kind: ReviewerKind; task: "decide" | "answer" }[] = [];
  for (const o of await reviewerOrgsOf(db, userId, now)) {
    if (!v.state.required.includes(o.kind) || !(await orgCoversCompound(db, o.id, compoundId))) continue;
    if (!pendingReviewers(v.state).includes(o.kind)) continue;
    if (v.state.phase === "under_review") out.push({ partyOrgId: o.id, name: o.name, kind: o.kind, task: "decide" });
    if (v.state.phase === "appealed" && v.events.some((e) => e.kind === "decide" && e.partyOrgId === o.id && e.decision === "reject")) out.push({ partyOrgId: o.id, name: o.name, kind: o.kind, task: "answer" });
  }
  return out;
}

/** Whether the user reviews for an organisation that covers the compound (may see candidates' findings). */
export async function reviewsCompound(db: Db, userId: string, compoundId: string, now: Date): Promise<boolean> {
  for (const o of await reviewerOrgsOf(db, userId, now)) if (await orgCoversCompound(db, o.id, compoundId)) return true;
  return false;
}

/** When the reviewers' clock started for a candidate under review or on appeal: the last submission or appeal. */
function reviewSince(evs: readonly EventRow[], phase: VettingPhase): Date {
  return [...evs].reverse().find((e) => e.kind === (phase === "appealed" ? "appeal" : "submit"))!.at;
}

/** Reviewers act within REVIEW_DUE_DAYS of that. */
function reviewDue(evs: readonly EventRow[], phase: VettingPhase): Date {
  return new Date(reviewSince(evs, phase).getTime() + REVIEW_DUE_DAYS * DAY_MS);
}

// ————————————————————————————————————————————————————————— reviewer queue

export type QueueItem = {
  candidateId: string;
  compoundId: string;
  compoundName: string;
  electionId: string;
  name: string;
  /** "decide" under review, "answer" on appeal. */
  task: "decide" | "answer";
  since: Date;
  due: Date;
  overdue: boolean;
  findings: unknown;
};

/**
 * What a Party organisation must act on, across the compounds it covers, oldest first: candidates under
 * review its kind has not decided, and appeals of its rejections it has not answered. Due REVIEW_DUE_DAYS
 * after the submission (or the appeal).
 */
export async function reviewerQueue(db: Db, partyOrgId: string, now: Date): Promise<QueueItem[]> {
  const [o] = await db.select({ kind: partyOrgs.kind }).from(partyOrgs).where(eq(partyOrgs.id, partyOrgId));
  if (!o) return [];
  const kind = reviewerKindOf(o.kind);
  const rows = await db
    .select({ c: candidates, name: owners.name, compoundName: areaNodes.name, required: elections.requiredReviewers })
    .from(candidates)
    .innerJoin(elections, eq(elections.id, candidates.electionId))
    .innerJoin(owners, eq(owners.id, candidates.ownerId))
    .innerJoin(areaNodes, eq(areaNodes.id, candidates.compoundId))
    .innerJoin(prepGroups, eq(prepGroups.id, elections.prepGroupId))
    .where(
      and(
        inArray(candidates.phase, ["under_review", "appealed"]),
        eq(prepGroups.status, "active"),
        sql`exists (select 1 from ${partyOrgNodes} pon join ${areaNodes} n on n.id = pon.node_id where pon.party_org_id = ${partyOrgId} and starts_with(${areaNodes.path}, n.path))`,
      ),
    );
  const events = await eventsOf(db, rows.map((r) => r.c.id));
  const out: QueueItem[] = [];
  for (const r of rows) {
    const evs = events.get(r.c.id)!;
    const s = vettingState(r.required, evs.map(toEvent));
    if (!s.ok || !s.pending.includes(kind)) continue;
    const task = s.state.phase === "appealed" ? "answer" : "decide";
    // On appeal only the organisation that rejected answers.
    if (task === "answer" && !evs.some((e) => e.kind === "decide" && e.partyOrgId === partyOrgId && e.decision === "reject")) continue;
    const since = reviewSince(evs, s.state.phase);
    const due = reviewDue(evs, s.state.phase);
    out.push({ candidateId: r.c.id, compoundId: r.c.compoundId, compoundName: r.compoundName, electionId: r.c.electionId, name: r.name, task, since, due, overdue: now.getTime() > due.getTime(), findings: r.c.findings });
  }
  out.sort((a, b) => a.since.getTime() - b.since.getTime() || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0));
  return out;
}

// ————————————————————————————————————————————————————————— publication and the stage summary

/**
 * Publish the cleared candidates on the notice board. Refused while any nomination is not yet through
 * vetting (not submitted, under review, rejected and still open to appeal, or on appeal), or when no one
 * was cleared.
 */
export async function publishCandidateList(db: Db, actor: Actor, compoundId: string, electionId: string, now: Date): Promise<Fail | { ok: true; noticeId: string; cleared: number }> {
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(elections).where(and(eq(elections.id, electionId), eq(elections.compoundId, compoundId))).for("update");
    if (!e) return fail("_form", "errors.invalid");
    if (e.status === "published") return fail("_form", "elections.errors.alreadyPublished");
    if (now.getTime() < e.nominationClosesAt.getTime()) return fail("_form", "elections.errors.nominationsStillOpen");
    const rows = await tx
      .select({ c: candidates, name: owners.name })
      .from(candidates)
      .innerJoin(owners, eq(owners.id, candidates.ownerId))
      .where(eq(candidates.electionId, electionId))
      .orderBy(asc(candidates.createdAt), asc(candidates.id));
    const events = await eventsOf(tx, rows.map((r) => r.c.id));
    const states = rows.map((r) => ({ ...r, state: replay(e.requiredReviewers, events.get(r.c.id)!) }));
    // A rejection the candidate has not appealed is final once nominations close and the group publishes.
    if (states.some((s) => !FINAL_PHASES.includes(s.state.phase) && s.state.phase !== "rejected")) return fail("_form", "elections.errors.vettingNotFinished");
    const cleared = states.filter((s) => isCleared(s.state));
    if (cleared.length === 0) return fail("_form", "elections.errors.noClearedCandidates");
    // The list must be shown long enough, and early enough, for the planned voting date (legal day counting).
    const facts = await compoundFacts(tx, compoundId);
    if (!e.votingOpensAt) return fail("votingOpensAt", "elections.errors.votingDateMissing");
    const timing = publicationOk({ publishedAt: now, votingOpensAt: e.votingOpensAt }, await loadCalendar(tx), facts!.pack);
    if (timing.length > 0) return fail("votingOpensAt", "elections.errors.publishTooLate");
    const body = cleared.map((s, i) => `${i + 1}. ${s.name}`).join("\n");
    const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
    const noticeId = await publishNotice(tx, actor, { compoundId, title: t("elections.candidatesNoticeTitle"), body: `${body}\n\n${t("elections.method", { method: e.method })}`, sourceKind: "candidates", sourceId: electionId }, now);
    await tx.update(elections).set({ status: "published", candidatesNoticeId: noticeId, candidatesPublishedAt: now }).where(eq(elections.id, electionId));
    await writeAudit(tx, now, { actor, action: "election.candidates.publish", target: { kind: "election", id: electionId }, scopePath: await nodePath(tx, compoundId), after: { noticeId, cleared: cleared.map((s) => s.c.id) } });
    return { ok: true as const, noticeId, cleared: cleared.length };
  });
}

/** Where a compound stands, for the street officer: the group, objections, the election and vetting. */
export async function electionStage(db: Db, compoundId: string, now: Date) {
  const group = await activePrepGroup(db, compoundId);
  const [latest] = group ? [group] : await db.select().from(prepGroups).where(eq(prepGroups.compoundId, compoundId)).orderBy(sql`${prepGroups.formedAt} desc`).limit(1);
  const g = latest ?? null;
  const openObjections = g
    ? Number((await db.select({ n: count() }).from(prepGroupObjections).where(and(eq(prepGroupObjections.groupId, g.id), eq(prepGroupObjections.status, "open"))))[0].n)
    : 0;
  const [e] = g ? await db.select().from(elections).where(eq(elections.prepGroupId, g.id)).limit(1) : [];
  const election = e ?? null;
  const byPhase: Record<VettingPhase, number> = { nominated: 0, under_review: 0, cleared: 0, rejected: 0, appealed: 0, cleared_on_appeal: 0, rejection_upheld: 0 };
  const partyTargetPercent = (await compoundFacts(db, compoundId))?.pack.partyShareTargetPercent ?? null;
  let clearedShares = null;
  let partyTargetMet: boolean | null = null;
  let nomineeShares = null;
  let overdueReviews = 0;
  if (election) {
    const rows = await db.select().from(candidates).where(eq(candidates.electionId, election.id));
    const events = await eventsOf(db, rows.map((r) => r.id));
    const cleared: { partyMember: boolean; occupation: string }[] = [];
    for (const r of rows) {
      const evs = events.get(r.id)!;
      const s = replay(election.requiredReviewers, evs);
      byPhase[s.phase]++;
      if (s.phase === "under_review" || s.phase === "appealed") {
        if (now.getTime() > reviewDue(evs, s.phase).getTime()) overdueReviews++;
      }
      if (isCleared(s)) cleared.push({ partyMember: r.partyMember, occupation: r.occupation });
    }
    clearedShares = shares(cleared);
    nomineeShares = shares(rows);
    partyTargetMet = partyTargetPercent === null ? null : meetsTarget(clearedShares.partyMembers, partyTargetPercent);
  }
  const stage = !g || g.status !== "active"
    ? "no_group"
    : !election
      ? "group_formed"
      : election.status === "published"
        ? "candidates_published"
        : now.getTime() < election.nominationClosesAt.getTime()
          ? "nominating"
          : "vetting";
  return { stage, group: g, openObjections, election, candidates: byPhase, overdueReviews, nomineeShares, clearedShares, partyTargetPercent, partyTargetMet };
}
