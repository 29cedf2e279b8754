/**
 * An election's outcome for the committee, across run-offs (decision-record.md: when the last seat is tied or
 * too few reach the threshold, "a run-off or public draw decides, as a new decision"). Each vote's result is the
 * stored tally of its closed decision — the verifier's — read by person (the owner behind each candidate key),
 * so a run-off's c1 and the first vote's c3 are the same owner. The arithmetic is ./rules.ts (pure).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { committees, decisionMotionCandidates, decisionMotions, decisions } from "~db/schema";
import type { AuditActor } from "~/audit/audit.server";
import { storedResult } from "~/decisions/decisions.server";
import { addElectionMotion } from "~/decisions/election-motion.server";
import { createDecision } from "~/decisions/decisions.server";
import type { ElectionOut } from "~/decisions/record";
import { fail, type Fail } from "~/elections/common.server";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { newId } from "~/ids";
import { addDays, shanghaiDay } from "~/platform/days";
import { combinedOutcome, runOffPlan, type ElectionFigures, type ElectionPeople, type Outcome, type RunOffPlan } from "./rules";

export type Person = { ownerId: string | null; name: string; candidateId: string | null };

export type ElectionOutcome = {
  /** The first vote's motion (seats, minimum, alternates) and every motion of the chain, first to last. */
  rootMotionId: string;
  chain: { motionId: string; decisionId: string; closed: boolean }[];
  figures: ElectionFigures;
  outcome: Outcome;
  last: ElectionPeople;
  /** Person id (owner id, or "name:…" for a candidate named without an owner) → who. */
  people: Map<string, Person>;
  /** The decision that closed last: the committee's election day counts from its close. */
  electedAt: Date | null;
  plan: RunOffPlan | null;
};

const personId = (c: { ownerId: string | null; name: string }) => c.ownerId ?? `name:${c.name}`;

/**
 * The outcome of the election the motion belongs to, up to and including this motion (the motion itself and the
 * earlier votes it is a run-off of). Null when the motion is not this compound's election motion or a vote in the
 * chain has no stored result yet (not closed).
 */
export async function electionOutcome(db: Db, compoundId: string, motionId: string): Promise<ElectionOutcome | null> {
  // Walk back to the first vote.
  const chain: (typeof decisionMotions.$inferSelect)[] = [];
  let id: string | null = motionId;
  while (id && chain.length < 20) {
    const [m] = await db.select().from(decisionMotions).where(and(eq(decisionMotions.id, id), eq(decisionMotions.compoundId, compoundId))).limit(1);
    if (!m || m.kind !== "election" || m.seats === null || m.minSeats === null) return null;
    chain.unshift(m);
    id = m.runoffOf;
  }
  const root = chain[0];
  const figures: ElectionFigures = { seats: root.seats!, minSeats: root.minSeats!, alternates: root.alternates ?? root.seats! };
  const people = new Map<string, Person>();
  const results: ElectionPeople[] = [];
  const steps: ElectionOutcome["chain"] = [];
  let electedAt: Date | null = null;
  const cands = await db.select().from(decisionMotionCandidates).where(inArray(decisionMotionCandidates.motionId, chain.map((m) => m.id))).orderBy(asc(decisionMotionCandidates.position));
  for (const m of chain) {
    const [d] = await db.select().from(decisions).where(eq(decisions.id, m.decisionId)).limit(1);
    const entry = d ? storedResult(d)?.motions.find((x) => x.id === m.key) : undefined;
    steps.push({ motionId: m.id, decisionId: m.decisionId, closed: d?.status === "closed" });
    if (!d || d.status !== "closed" || !entry || entry.kind !== "election") return null;
    const byKey = new Map<string, string>();
    for (const c of cands.filter((x) => x.motionId === m.id)) {
      const pid = personId(c);
      byKey.set(c.key, pid);
      if (!people.has(pid)) people.set(pid, { ownerId: c.ownerId, name: c.name, candidateId: c.candidateId });
    }
    const r = entry as ElectionOut;
    const map = (keys: readonly string[]) => keys.map((k) => byKey.get(k) ?? `key:${m.id}:${k}`);
    results.push({ elected: map(r.elected), alternates: map(r.alternates), tie: map(r.tie), candidates: map(r.candidates.map((c) => c.id)) });
    electedAt = d.countingClosesAt.getTime() >= d.closesAt.getTime() ? d.countingClosesAt : d.closesAt;
  }
  const outcome = combinedOutcome(results[0], results.slice(1), figures);
  const last = results[results.length - 1];
  return { rootMotionId: root.id, chain: steps, figures, outcome, last, people, electedAt, plan: runOffPlan(outcome, last, figures) };
}

export type FollowUp = {
  motionId: string;
  outcome: Outcome;
  names: Record<string, string>;
  isRunoff: boolean;
  /** The committee formed from this vote, if any. */
  committeeId: string | null;
  /** A run-off already started for this vote. */
  runoff: { decisionId: string; title: string; status: string } | null;
  plan: RunOffPlan | null;
};

/** For a closed decision's election motions: the outcome so far, the committee formed from it, the run-off started or possible. */
export async function electionFollowUps(db: Db, compoundId: string, decisionId: string): Promise<FollowUp[]> {
  const motions = await db.select().from(decisionMotions).where(and(eq(decisionMotions.decisionId, decisionId), eq(decisionMotions.compoundId, compoundId), eq(decisionMotions.kind, "election"))).orderBy(asc(decisionMotions.position));
  const out: FollowUp[] = [];
  for (const m of motions) {
    const o = await electionOutcome(db, compoundId, m.id);
    if (!o) continue;
    const [c] = await db.select({ id: committees.id }).from(committees).where(eq(committees.motionId, m.id)).limit(1);
    const [r] = await db
      .select({ decisionId: decisions.id, title: decisions.title, status: decisions.status })
      .from(decisionMotions)
      .innerJoin(decisions, eq(decisions.id, decisionMotions.decisionId))
      .where(eq(decisionMotions.runoffOf, m.id))
      .limit(1);
    out.push({
      motionId: m.id, outcome: o.outcome, names: Object.fromEntries([...o.people].map(([k, p]) => [k, p.name])), isRunoff: m.runoffOf !== null,
      committeeId: c?.id ?? null, runoff: r ?? null, plan: r || c ? null : o.plan,
    });
  }
  return out;
}

/**
 * Start a run-off for an election motion whose committee was not formed: a draft decision of this compound with
 * one election motion for the open seats among the candidates runOffPlan names, linked to the earlier motion. The
 * voting window defaults to the earliest the notice period allows, for 7 days; the organiser edits the draft.
 * Refused when the committee was formed, a run-off of this motion exists, or nobody is left to choose from.
 */
export async function startRunOff(db: Db, actor: AuditActor, compoundId: string, motionId: string, now: Date): Promise<Fail | { ok: true; decisionId: string; motionId: string }> {
  const o = await electionOutcome(db, compoundId, motionId);
  if (!o) return fail("_form", "committees.errors.notElection");
  if (o.outcome.formed) return fail("_form", "committees.runoff.errors.formed");
  const [started] = await db.select({ id: decisionMotions.id }).from(decisionMotions).where(eq(decisionMotions.runoffOf, motionId)).limit(1);
  if (started) return fail("_form", "committees.runoff.errors.started");
  if (!o.plan) return fail("_form", "committees.runoff.errors.noOneLeft");
  const plan = o.plan;
  const [d] = await db.select({ title: decisions.title, form: decisions.form }).from(decisions).where(eq(decisions.id, o.chain[o.chain.length - 1].decisionId)).limit(1);
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  const today = shanghaiDay(now);
  const opensOn = addDays(today, 16);
  const tied = o.outcome.tie.length > 0;
  const names = plan.candidates.map((p) => o.people.get(p)!);
  const decisionIdNew = newId("dec");
  return db.transaction(async (tx) => {
    const created = await createDecision(tx, actor, compoundId, { title: t("committees.runoff.decisionTitle", { title: d.title }), form: d.form, scope: "compound", opensOn, closesOn: addDays(opensOn, 6) }, now, { id: decisionIdNew });
    if (!created.ok) return created;
    const m = await addElectionMotion(tx, actor, compoundId, created.id, {
      title: t(tied ? "committees.runoff.motionTitleTie" : "committees.runoff.motionTitle"),
      text: t("committees.runoff.motionText", { seats: plan.seats, minSeats: plan.minSeats, alternates: plan.alternates, elected: o.outcome.elected.map((p) => o.people.get(p)?.name ?? p).join("、") || "—" }),
      seats: plan.seats, minSeats: plan.minSeats, alternates: plan.alternates,
      candidates: names.map((p) => ({ name: p.name, ownerId: p.ownerId, candidateId: p.candidateId })),
      runoffOf: motionId,
    }, now);
    if (!m.ok) throw new Error(`run-off motion refused: ${JSON.stringify(m.errors)}`);
    return { ok: true as const, decisionId: created.id, motionId: m.motionId };
  });
}
