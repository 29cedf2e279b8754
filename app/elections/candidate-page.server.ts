/**
 * What the candidate page shows and offers, per viewer (rules.md §2, security.md): everyone sees the name, how
 * the candidate was nominated, a joint nomination's signatures and — once the list is published — whether the
 * candidate is on it. The declaration, the eligibility findings, the phase, the reviewers' decisions with their
 * reasons and the appeal are for the organisers, the supervising street office, the Party reviewers that cover
 * the compound, and the candidate themself. Findings inform the reviewers; they never decide.
 */
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { candidateEndorsements, candidates, elections, owners, partyOrgs, prepGroups, vettingEvents } from "~db/schema";
import { endorse } from "./candidates.server";
import { fail, ownersOfUser, type Fail } from "./common.server";
import type { CandidateAction } from "./review-schema";
import { isCleared, nominationOpen, type Finding, type ReviewerKind, type VettingPhase } from "./rules";
import { answer, appeal, decide, reviewerActions, reviewsCompound, submitForVetting, vettingOf } from "./vetting.server";

/** What the route knows about the viewer from their grants at the compound. */
export type CandidateViewer = { userId: string; organise: boolean; supervise: boolean };

export type CandidateDetail = {
  occupation: string;
  partyMember: boolean;
  propertyCompanyRelation: string;
  fullCapacityDeclared: boolean;
  findings: Finding[];
  phase: VettingPhase;
  /** One row per required reviewer, in the election's order, with its decision and answer when given. */
  reviewers: {
    kind: ReviewerKind;
    orgName: string | null;
    decision: "approve" | "reject" | null;
    reason: string | null;
    decidedAt: string | null;
    answer: { outcome: "upheld" | "overturned"; reason: string; orgName: string | null; at: string } | null;
  }[];
  appeal: { statement: string; at: string } | null;
  /** The vetting events, oldest first. */
  events: {
    seq: number;
    kind: "submit" | "decide" | "appeal" | "answer";
    at: string;
    reviewerKind: ReviewerKind | null;
    orgName: string | null;
    decision: string | null;
    text: string | null;
  }[];
};

/**
 * The candidate page for `viewer`, or null when the candidate is not in this election of this compound (404).
 * `detail` is null for a viewer who may not see the vetting record; `actions` lists only what the viewer may
 * try now (each write re-checks on its own).
 */
export async function candidatePage(db: Db, compoundId: string, electionId: string, candidateId: string, viewer: CandidateViewer, now: Date) {
  const [row] = await db
    .select({ c: candidates, name: owners.name, e: elections, groupStatus: prepGroups.status })
    .from(candidates)
    .innerJoin(elections, eq(elections.id, candidates.electionId))
    .innerJoin(prepGroups, eq(prepGroups.id, elections.prepGroupId))
    .innerJoin(owners, eq(owners.id, candidates.ownerId))
    .where(and(eq(candidates.id, candidateId), eq(candidates.compoundId, compoundId), eq(candidates.electionId, electionId), eq(elections.compoundId, compoundId)))
    .limit(1);
  if (!row) return null;
  const { c, e } = row;
  const v = await vettingOf(db, compoundId, candidateId);
  if (!v) return null;
  const state = v.state;
  const joint = c.nominatedBy === "owners_joint";
  const [{ n: signatures }] = await db.select({ n: count() }).from(candidateEndorsements).where(eq(candidateEndorsements.candidateId, candidateId));

  const isCandidate = c.userId !== null && c.userId === viewer.userId;
  const reviewer = await reviewsCompound(db, viewer.userId, compoundId, now);
  const entitled = viewer.organise || viewer.supervise || reviewer || isCandidate;

  // A joint nomination collects owners' signatures while it is not yet submitted and nominations are open.
  // A dissolved group's election is over: the record stays readable, nothing more can be done.
  const live = row.groupStatus === "active";
  const collecting = live && joint && state.phase === "nominated" && e.status === "nominating" && nominationOpen({ opensAt: e.nominationOpensAt, closesAt: e.nominationClosesAt }, now).ok;
  let canEndorse = false;
  let signedByMe = false;
  if (joint) {
    const mine = await ownersOfUser(db, compoundId, viewer.userId, now);
    const signed = mine.length
      ? (await db.select({ ownerId: candidateEndorsements.ownerId }).from(candidateEndorsements).where(eq(candidateEndorsements.candidateId, candidateId))).map((r) => r.ownerId)
      : [];
    signedByMe = mine.some((o) => signed.includes(o.id));
    canEndorse = collecting && !signedByMe && mine.some((o) => o.id !== c.ownerId);
  }

  const review = live ? await reviewerActions(db, viewer.userId, compoundId, candidateId, now) : [];

  let detail: CandidateDetail | null = null;
  if (entitled) {
    const orgRows = await db
      .select({ seq: vettingEvents.seq, orgName: partyOrgs.name })
      .from(vettingEvents)
      .innerJoin(partyOrgs, eq(partyOrgs.id, vettingEvents.partyOrgId))
      .where(eq(vettingEvents.candidateId, candidateId))
      .orderBy(asc(vettingEvents.seq));
    const orgOf = new Map(orgRows.map((r) => [r.seq, r.orgName]));
    const events = v.events.map((ev) => ({
      seq: ev.seq,
      kind: ev.kind,
      at: ev.at.toISOString(),
      reviewerKind: ev.reviewerKind ?? null,
      orgName: orgOf.get(ev.seq) ?? null,
      decision: ev.decision ?? null,
      text: ev.text ?? null,
    }));
    const appealEvent = events.find((ev) => ev.kind === "appeal");
    detail = {
      occupation: c.occupation,
      partyMember: c.partyMember,
      propertyCompanyRelation: c.propertyCompanyRelation,
      fullCapacityDeclared: c.fullCapacityDeclared,
      findings: (Array.isArray(c.findings) ? c.findings : []) as Finding[],
      phase: state.phase,
      reviewers: state.required.map((kind) => {
        const d = events.find((ev) => ev.kind === "decide" && ev.reviewerKind === kind);
        const a = events.find((ev) => ev.kind === "answer" && ev.reviewerKind === kind);
        return {
          kind,
          orgName: d?.orgName ?? null,
          decision: (d?.decision as "approve" | "reject" | undefined) ?? null,
          reason: d?.text ?? null,
          decidedAt: d?.at ?? null,
          answer: a ? { outcome: a.decision as "upheld" | "overturned", reason: a.text ?? "", orgName: a.orgName, at: a.at } : null,
        };
      }),
      appeal: appealEvent ? { statement: appealEvent.text ?? "", at: appealEvent.at } : null,
      events,
    };
  }

  const published = e.status === "published";
  return {
    election: { id: e.id, status: e.status, published, nominationClosesAt: e.nominationClosesAt.toISOString() },
    candidate: {
      id: c.id,
      name: row.name,
      nominatedBy: c.nominatedBy,
      joint,
      signatures: Number(signatures),
      /**
       * After publication: true when on the list. A plain viewer learns nothing more than the published list
       * says (null otherwise); those who may see the vetting record also see false.
       */
      onList: !published ? null : isCleared(state) ? true : entitled ? false : null,
    },
    viewer: { isCandidate, reviewer, entitled, signedByMe },
    detail,
    actions: {
      submit: live && viewer.organise && state.phase === "nominated" && !published,
      endorse: canEndorse,
      review,
      appeal: live && isCandidate && state.phase === "rejected" && !published,
    },
  };
}

export type CandidatePage = NonNullable<Awaited<ReturnType<typeof candidatePage>>>;

/**
 * One of the candidate page's writes, for a candidate of this election (null: not found → 404). The route has
 * already checked the permission the intent needs at the compound (election:organise to submit,
 * election:review to decide or answer); the context functions check everything else: the owner who signs, the
 * reviewer's organisation and its coverage, the candidate who appeals. Once the list is published the vetting
 * is over: an unappealed rejection is final (publishCandidateList), so an appeal is refused.
 */
export async function actOnCandidate(
  db: Db,
  actor: { id: string; name: string },
  compoundId: string,
  electionId: string,
  candidateId: string,
  input: CandidateAction,
  now: Date,
): Promise<null | Fail | { ok: true }> {
  const [c] = await db
    .select({ id: candidates.id, status: elections.status })
    .from(candidates)
    .innerJoin(elections, eq(elections.id, candidates.electionId))
    .where(and(eq(candidates.id, candidateId), eq(candidates.compoundId, compoundId), eq(candidates.electionId, electionId)))
    .limit(1);
  if (!c) return null;
  switch (input.intent) {
    case "submit":
      return submitForVetting(db, actor, compoundId, candidateId, now);
    case "endorse":
      return endorse(db, actor, compoundId, candidateId, now);
    case "decide":
      return decide(db, actor, compoundId, candidateId, { partyOrgId: input.partyOrgId, decision: input.decision, reason: input.reason }, now);
    case "answer":
      return answer(db, actor, compoundId, candidateId, { partyOrgId: input.partyOrgId, outcome: input.outcome, reason: input.reason }, now);
    case "appeal":
      if (c.status === "published") return fail("_form", "elections.candidate.errors.listPublished");
      return appeal(db, actor, compoundId, candidateId, input.statement, now);
  }
}
