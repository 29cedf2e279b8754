/**
 * The compound's election hub: what one viewer may see and do about the preparatory group, the election, its
 * candidates and the objections (rules.md §2). Visibility is decided here, never in the route. The route
 * checks the permission of each intent through the guard, then calls `runHubIntent`.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { candidateEndorsements, elections } from "~db/schema";
import { activePrepGroup, fail, ownersOfUser, type Fail } from "./common.server";
import { dissolvePrepGroup, objectionsOf, objectToPrepGroup, prepGroupMembersOf, settlePrepObjection } from "./prep.server";
import { candidatesOf, endorse } from "./candidates.server";
import { electionStage, publishCandidateList, reviewsCompound } from "./vetting.server";
import { answerCandidateObjection, candidateObjectionsOf, earliestVoting, objectToCandidates, setVotingDate } from "./publication.server";
import { nominationOpen, type VettingPhase } from "./rules";

type Actor = { id: string; name: string };

/** Who is looking: flags from `can(actor.grants, …)` at the compound, and the user. */
export type HubViewer = { userId: string; supervise: boolean; organise: boolean; review: boolean };

const CLEARED: readonly VettingPhase[] = ["cleared", "cleared_on_appeal"];

/** The election the compound's active preparatory group set up, or null. */
export async function currentElection(db: Db, compoundId: string) {
  const g = await activePrepGroup(db, compoundId);
  if (!g) return null;
  const [e] = await db.select().from(elections).where(and(eq(elections.prepGroupId, g.id), eq(elections.compoundId, compoundId))).limit(1);
  return e ?? null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The hub for one viewer. Organisers, supervisors and reviewers covering the compound see every nominee with
 * the vetting phase; everyone else sees the nominees' names and how they were nominated until the list is
 * published, and then only the published (cleared) list. Objectors are never named: only "an owner".
 */
export async function electionHub(db: Db, compoundId: string, viewer: HubViewer, now: Date) {
  const st = await electionStage(db, compoundId, now);
  const mine = await ownersOfUser(db, compoundId, viewer.userId, now);
  const owner = mine.length > 0;
  const reviewer = viewer.review && (await reviewsCompound(db, viewer.userId, compoundId, now));
  const full = viewer.organise || viewer.supervise || reviewer;
  const g = st.group;
  const active = g?.status === "active";

  const group = g
    ? {
        id: g.id,
        status: g.status,
        formedAt: g.formedAt.toISOString(),
        dissolvedAt: iso(g.dissolvedAt),
        noticeId: g.noticeId,
        members: (await prepGroupMembersOf(db, g.id)).map((m) => ({ name: m.name, role: m.role, leader: m.leader })),
      }
    : null;
  const groupObjections = g
    ? (await objectionsOf(db, compoundId, g.id)).map((o) => ({
        id: o.id, text: o.text, status: o.status, settlement: o.settlement, createdAt: o.createdAt.toISOString(), settledAt: iso(o.settledAt),
      }))
    : [];

  // The election belongs to the group; once the group is dissolved its election is no longer run from here.
  const e = active ? st.election : null;
  const published = e?.status === "published";
  const windowOpen = !!e && e.status === "nominating" && nominationOpen({ opensAt: e.nominationOpensAt, closesAt: e.nominationClosesAt }, now).ok;

  const rows = e ? await candidatesOf(db, compoundId, e.id) : [];
  const ids = rows.map((r) => r.candidate.id);
  const sigRows = ids.length
    ? await db.select({ id: candidateEndorsements.candidateId, n: count() }).from(candidateEndorsements).where(inArray(candidateEndorsements.candidateId, ids)).groupBy(candidateEndorsements.candidateId)
    : [];
  const signatures = new Map(sigRows.map((r) => [r.id, Number(r.n)]));
  const signedByMe = new Set(
    ids.length && owner
      ? (await db
          .select({ id: candidateEndorsements.candidateId })
          .from(candidateEndorsements)
          .where(and(inArray(candidateEndorsements.candidateId, ids), inArray(candidateEndorsements.ownerId, mine.map((o) => o.id)))))
          .map((r) => r.id)
      : [],
  );
  const visible = full || !published ? rows : rows.filter((r) => CLEARED.includes(r.candidate.phase));
  const candidates = visible.map(({ candidate: c, name }) => {
    const joint = c.nominatedBy === "owners_joint";
    const signed = signedByMe.has(c.id);
    return {
      id: c.id,
      name,
      nominatedBy: c.nominatedBy,
      signatures: joint ? (signatures.get(c.id) ?? 0) : null,
      phase: full ? c.phase : null,
      cleared: CLEARED.includes(c.phase),
      signed,
      canSign: owner && windowOpen && joint && c.phase === "nominated" && !signed && mine.some((o) => o.id !== c.ownerId),
    };
  });

  const listObjections = e && published
    ? (await candidateObjectionsOf(db, compoundId, e.id)).map(({ o, candidateName }) => ({
        id: o.id, candidateName, text: o.text, status: o.status, answer: o.answer, createdAt: o.createdAt.toISOString(), answeredAt: iso(o.answeredAt),
      }))
    : [];
  const votingStarted = !!e?.votingOpensAt && now.getTime() >= e.votingOpensAt.getTime();

  const organise = viewer.organise && !!e;
  const election = e
    ? {
        id: e.id,
        seats: e.seats,
        minSeats: e.minSeats,
        alternates: e.alternates,
        nominationOpensAt: e.nominationOpensAt.toISOString(),
        nominationClosesAt: e.nominationClosesAt.toISOString(),
        votingOpensAt: iso(e.votingOpensAt),
        method: e.method,
        status: e.status,
        requiredReviewers: e.requiredReviewers,
        publishedAt: iso(e.candidatesPublishedAt),
        noticeId: e.candidatesNoticeId,
        nominationsOpen: windowOpen,
        /** For the organiser: when voting may open if the list is published now (or was published then). */
        earliestVoting: organise ? iso(await earliestVoting(db, compoundId, e.candidatesPublishedAt ?? now)) : null,
      }
    : null;

  return {
    stage: st.stage as "no_group" | "group_formed" | "nominating" | "vetting" | "candidates_published",
    owner,
    seesPhases: full,
    group,
    groupObjections,
    election,
    candidates,
    listObjections,
    /** Cleared candidates an objection to the list may name. */
    objectable: published ? rows.filter((r) => CLEARED.includes(r.candidate.phase)).map((r) => ({ id: r.candidate.id, name: r.name })) : [],
    can: {
      objectGroup: owner && active,
      supervise: viewer.supervise && active,
      formGroup: viewer.supervise && !active,
      setUp: viewer.organise && active && !e,
      nominate: windowOpen && (owner || viewer.organise),
      organise,
      publish: organise && !published,
      objectList: owner && published && !votingStarted,
      answer: organise && published,
    },
  };
}

export type HubInput =
  | { intent: "objectGroup"; text: string }
  | { intent: "settle"; objectionId: string; outcome: "upheld" | "dismissed"; settlement: string }
  | { intent: "dissolve"; confirm: "yes" }
  | { intent: "votingDate"; votingOpensAt: Date }
  | { intent: "publish" }
  | { intent: "endorse"; candidateId: string }
  | { intent: "objectList"; candidateId: string | null; text: string }
  | { intent: "answer"; objectionId: string; answer: string };

/**
 * Carry out one hub intent on the compound's active group or current election. The caller has checked the
 * intent's permission; ownership (objections, signatures) is the context's own check.
 */
export async function runHubIntent(db: Db, actor: Actor, compoundId: string, input: HubInput, now: Date): Promise<Fail | { ok: true }> {
  if (input.intent === "settle") return settlePrepObjection(db, actor, compoundId, input.objectionId, input, now);
  if (input.intent === "objectGroup" || input.intent === "dissolve") {
    const g = await activePrepGroup(db, compoundId);
    if (!g) return fail("_form", "elections.errors.noPrepGroup");
    if (input.intent === "dissolve") return dissolvePrepGroup(db, actor, compoundId, g.id, now);
    const r = await objectToPrepGroup(db, actor, compoundId, g.id, input.text, now);
    return r.ok ? { ok: true } : r;
  }
  const e = await currentElection(db, compoundId);
  if (!e) return fail("_form", "elections.hub.errors.noElection");
  switch (input.intent) {
    case "votingDate":
      return setVotingDate(db, actor, compoundId, e.id, input.votingOpensAt, now);
    case "publish": {
      const r = await publishCandidateList(db, actor, compoundId, e.id, now);
      return r.ok ? { ok: true } : r;
    }
    case "endorse": {
      const r = await endorse(db, actor, compoundId, input.candidateId, now);
      return r.ok ? { ok: true } : r;
    }
    case "objectList": {
      const r = await objectToCandidates(db, actor, compoundId, e.id, { candidateId: input.candidateId, text: input.text }, now);
      return r.ok ? { ok: true } : r;
    }
    case "answer":
      return answerCandidateObjection(db, actor, compoundId, input.objectionId, input.answer, now);
    default:
      return fail("_form", "errors.invalid");
  }
}
