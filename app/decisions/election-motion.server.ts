/**
 * Election motions (decision-record.md "File", kind "election"): electing the owners' committee is decision
 * item 3 (民法典 Art. 278, ordinary threshold per candidate; rules.md §2 for seats and alternates). A motion
 * names its candidates c1, c2, … in order; ballots choose at most `seats` of them. The tally is the verifier's
 * (./record.ts), the same code as `npm run verify`.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { candidates as electionCandidates, decisionMotionCandidates, decisionMotions, decisions, elections, owners } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import type { FieldErrors } from "~/ui/form.server";
import { candidatesOf, createDecision, lockDecision, motionsOf, withdrawNotice } from "./decisions.server";
import { choiceCode } from "./record";
import { ballotProblem, type Choice, type DecisionInput } from "./schema";

type Fail = { ok: false; errors: FieldErrors };
const fail = (field: string, key: string): Fail => ({ ok: false, errors: { [field]: key } });

export type ElectionCandidateInput = { name: string; candidateId?: string | null; ownerId?: string | null };
export type ElectionMotionInput = {
  title: string; text: string; seats: number; minSeats: number; alternates?: number; candidates: ElectionCandidateInput[];
  /** A run-off for the seats this earlier election motion (of the same compound) left open (app/committees/outcome.server.ts). */
  runoffOf?: string | null;
};

export const MAX_CANDIDATES = 100;
/** The cleared phases: a candidate on the published list (app/elections). */
const CLEARED = ["cleared", "cleared_on_appeal"] as const;

/** What is wrong with an election motion's figures and names, as a field and i18n key; null when it is fine. */
export function electionMotionProblem(input: ElectionMotionInput): Fail | null {
  const int = (n: unknown) => typeof n === "number" && Number.isInteger(n);
  if (!input.title.trim()) return fail("title", "errors.required");
  if (!input.text.trim()) return fail("text", "errors.required");
  if (!int(input.seats) || input.seats < 1 || input.seats > MAX_CANDIDATES) return fail("seats", "decisions.election.errors.seats");
  if (!int(input.minSeats) || input.minSeats < 1 || input.minSeats > input.seats) return fail("minSeats", "decisions.election.errors.minSeats");
  const alternates = input.alternates ?? input.seats;
  if (!int(alternates) || alternates < 0 || alternates > input.seats) return fail("alternates", "decisions.election.errors.alternates");
  if (input.candidates.length === 0) return fail("candidates", "decisions.election.errors.noCandidates");
  if (input.candidates.length > MAX_CANDIDATES) return fail("candidates", "decisions.election.errors.tooManyCandidates");
  const names = input.candidates.map((c) => c.name.trim());
  if (names.some((n) => n === "" || n.length > 60)) return fail("candidates", "decisions.election.errors.badName");
  if (new Set(names).size !== names.length) return fail("candidates", "decisions.election.errors.duplicateName");
  return null;
}

/**
 * Add an election motion (category 3) to a draft or noticed decision; after the notice the change withdraws it
 * (the notice period restarts). Candidates get the keys c1, c2, … in the order given.
 */
export async function addElectionMotion(
  db: Db, actor: AuditActor, compoundId: string, id: string, input: ElectionMotionInput, now: Date,
): Promise<Fail | { ok: true; motionId: string; key: string; withdrawn: boolean }> {
  const problem = electionMotionProblem(input);
  if (problem) return problem;
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "draft" && d.status !== "noticed") return fail("_form", "decisions.errors.agendaFrozen");
    const ownerIds = [...new Set(input.candidates.map((c) => c.ownerId).filter((o): o is string => !!o))];
    if (ownerIds.length) {
      const found = await tx.select({ id: owners.id }).from(owners).where(and(inArray(owners.id, ownerIds), eq(owners.compoundId, compoundId)));
      if (found.length !== ownerIds.length) return fail("candidates", "errors.invalid");
    }
    if (input.runoffOf) {
      const [earlier] = await tx.select({ id: decisionMotions.id }).from(decisionMotions).where(and(eq(decisionMotions.id, input.runoffOf), eq(decisionMotions.compoundId, compoundId), eq(decisionMotions.kind, "election"))).limit(1);
      if (!earlier) return fail("_form", "errors.invalid");
    }
    const existing = await tx.select({ key: decisionMotions.key, position: decisionMotions.position }).from(decisionMotions).where(eq(decisionMotions.decisionId, id));
    if (existing.length >= 30) return fail("_form", "decisions.errors.tooManyMotions");
    // The same key sequence as questions (m1, m2, …), never reused within a decision.
    const key = `m${existing.reduce((n, m) => Math.max(n, Number(m.key.slice(1)) || 0), 0) + 1}`;
    const motionId = newId("mot");
    const alternates = input.alternates ?? input.seats;
    await tx.insert(decisionMotions).values({
      id: motionId, decisionId: id, compoundId, key, position: existing.reduce((n, m) => Math.max(n, m.position), 0) + 1,
      title: input.title.trim(), text: input.text.trim(), category: 3, kind: "election", seats: input.seats, minSeats: input.minSeats, alternates, runoffOf: input.runoffOf ?? null, createdAt: now,
    });
    await tx.insert(decisionMotionCandidates).values(
      input.candidates.map((c, i) => ({
        id: newId("mcd"), decisionId: id, motionId, compoundId, key: `c${i + 1}`, position: i + 1, name: c.name.trim(),
        candidateId: c.candidateId ?? null, ownerId: c.ownerId ?? null, createdAt: now,
      })),
    );
    await withdrawNotice(tx, d, now);
    await writeAudit(tx, now, {
      actor, action: "decision.motion.add", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId),
      after: { motion: key, title: input.title, category: 3, kind: "election", seats: input.seats, minSeats: input.minSeats, alternates, candidates: input.candidates.length, runoffOf: input.runoffOf ?? null },
    });
    return { ok: true as const, motionId, key, withdrawn: d.status === "noticed" };
  });
}

/** The cleared candidates of a published election, in the published list's order (nomination order). */
export async function publishedCandidates(db: Db, compoundId: string, electionId: string) {
  const [e] = await db.select().from(elections).where(and(eq(elections.id, electionId), eq(elections.compoundId, compoundId))).limit(1);
  if (!e) return null;
  const rows = await db
    .select({ candidateId: electionCandidates.id, ownerId: electionCandidates.ownerId, name: owners.name })
    .from(electionCandidates)
    .innerJoin(owners, eq(owners.id, electionCandidates.ownerId))
    .where(and(eq(electionCandidates.electionId, electionId), eq(electionCandidates.compoundId, compoundId), inArray(electionCandidates.phase, [...CLEARED])))
    .orderBy(asc(electionCandidates.createdAt), asc(electionCandidates.id));
  return { election: e, candidates: rows };
}

/** The decision whose election motion names this election's candidates (the vote on it), if one was opened. */
export async function electionDecisionOf(db: Db, compoundId: string, electionId: string): Promise<{ id: string; title: string; status: string } | null> {
  const [r] = await db
    .select({ id: decisions.id, title: decisions.title, status: decisions.status })
    .from(decisionMotionCandidates)
    .innerJoin(electionCandidates, eq(electionCandidates.id, decisionMotionCandidates.candidateId))
    .innerJoin(decisions, eq(decisions.id, decisionMotionCandidates.decisionId))
    .where(and(eq(electionCandidates.electionId, electionId), eq(decisionMotionCandidates.compoundId, compoundId)))
    .orderBy(asc(decisions.createdAt))
    .limit(1);
  return r ?? null;
}

/**
 * A draft decision with one election motion whose candidates are the cleared candidates of an app/elections
 * election whose list is published, with that election's seats, minimum and alternates. Refused (nothing
 * written) when the election is not this compound's, its list is not published, or no one was cleared.
 */
export async function openElectionDecision(
  db: Db, actor: AuditActor, compoundId: string, electionId: string,
  input: Omit<DecisionInput, "scope"> & { scope?: string; motionTitle?: string; motionText?: string }, now: Date,
): Promise<Fail | { ok: true; id: string; motionId: string }> {
  const found = await publishedCandidates(db, compoundId, electionId);
  if (!found) return fail("_form", "errors.invalid");
  const { election: e, candidates } = found;
  if (e.status !== "published") return fail("_form", "decisions.election.errors.notPublished");
  if (await electionDecisionOf(db, compoundId, electionId)) return fail("_form", "decisions.election.errors.alreadyOpened");
  if (candidates.length === 0) return fail("_form", "decisions.election.errors.noCandidates");
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  const motion: ElectionMotionInput = {
    title: input.motionTitle ?? t("decisions.election.motionTitle"),
    text: input.motionText ?? t("decisions.election.motionText", { seats: e.seats, minSeats: e.minSeats, alternates: e.alternates, method: e.method }),
    seats: e.seats, minSeats: e.minSeats, alternates: Math.min(e.alternates, e.seats),
    candidates: candidates.map((c) => ({ name: c.name, candidateId: c.candidateId, ownerId: c.ownerId })),
  };
  const problem = electionMotionProblem(motion);
  if (problem) return problem;
  try {
    return await db.transaction(async (tx) => {
      const c = await createDecision(tx, actor, compoundId, { scope: "compound", ...input }, now);
      if (!c.ok) throw new Refused(c);
      const m = await addElectionMotion(tx, actor, compoundId, c.id, motion, now);
      if (!m.ok) throw new Refused(m);
      return { ok: true as const, id: c.id, motionId: m.motionId };
    });
  } catch (err) {
    if (err instanceof Refused) return err.result;
    throw err;
  }
}

/** Rolls the transaction back with a refusal to return. */
class Refused extends Error {
  constructor(readonly result: Fail) {
    super("refused");
  }
}

/**
 * The first problem of a ballot's choices against this decision's agenda (the verifier's `choiceCode`), as the
 * form field and i18n key, or null: the review step shows it before anything is cast; castBallot checks again.
 */
export async function ballotChoiceProblem(db: Db, decisionId: string, choices: Record<string, Choice>) {
  const motions = await motionsOf(db, decisionId);
  const cands = await candidatesOf(db, decisionId);
  const agenda = motions.map((m) => ({ key: m.key, kind: m.kind, seats: m.seats, candidates: (cands.get(m.id) ?? []).map((c) => c.key) }));
  return ballotProblem(agenda, choices, (m, v) => choiceCode({ kind: m.kind, seats: m.seats ?? 0, candidates: [...m.candidates] }, v));
}

/** The agenda as the ballot pages show it: each motion with, for an election, its seats and named candidates. */
export async function ballotMotions(db: Db, decisionId: string) {
  const motions = await motionsOf(db, decisionId);
  const cands = await candidatesOf(db, decisionId);
  return motions.map((m) => ({
    key: m.key, title: m.title, kind: m.kind, seats: m.seats, minSeats: m.minSeats, alternates: m.alternates,
    candidates: (cands.get(m.id) ?? []).map((c) => ({ key: c.key, name: c.name })),
  }));
}
export type BallotMotion = Awaited<ReturnType<typeof ballotMotions>>[number];
