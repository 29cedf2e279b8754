/**
 * Owners' decisions: meetings, the draft roll and objections, the frozen roll, ballots on a hash chain, the
 * close and the decision record (decision-record.md). Each exported write is one transaction and audits.
 * The law is in ./rules.ts; the record format and tally in ./record.ts (the same code as `npm run verify`).
 */
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import {
  ballots,
  buildings,
  compounds,
  decisionLabels,
  decisionMotionCandidates,
  decisionMotions,
  decisionProxies,
  decisions,
  decisionVoters,
  notices,
  notifications,
  owners,
  ownerships,
  rollObjections,
  units,
  users,
} from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { decryptField, encryptField } from "~/auth/field-crypto.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { loadCalendar } from "~/platform/calendar.server";
import { endOfDay, firstMomentAfter, periodEnd, shanghaiDay, startOfDay } from "~/platform/days";
import { publishNotice } from "~/notices/notices.server";
import { compoundRoll, ownershipInForce } from "~/registry/roll.server";
import { areaText, compareCodePoints, groupVoters, voterKey, type RollEntry } from "~/registry/rules";
import { rulePackOf, type RulePack } from "~/registry/rule-pack";
import { shanghaiIso } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { maskName } from "~/registry/claims.server";
import type { FieldErrors } from "~/ui/form.server";
import { assembleRecord, canonical, canonicalOutput, chainHash, choiceCode, genesisOf, pseudonym, receiptOf, verifyRecord, type TallyOutput } from "./record";
import { thresholdFor, votingWindowProblem } from "./rules";
import { ensurePaperCodes } from "./paper.server";
import { ballotProblem, type Choice, type DecisionInput, type DecisionListParams } from "./schema";

export type DecisionRow = typeof decisions.$inferSelect;
export type MotionRow = typeof decisionMotions.$inferSelect;
type Fail = { ok: false; errors: FieldErrors; earliest?: string };
const fail = (field: string, key: string, extra: Partial<Fail> = {}): Fail => ({ ok: false, errors: { [field]: key }, ...extra });

// ---------------------------------------------------------------------------------------------------------
// Reading

/** A decision of this compound, or null: another compound's decision is "not found" (security.md). */
export async function findDecision(db: Db, compoundId: string, id: string): Promise<DecisionRow | null> {
  const [d] = await db.select().from(decisions).where(and(eq(decisions.id, id), eq(decisions.compoundId, compoundId))).limit(1);
  return d ?? null;
}

export async function motionsOf(db: Db, decisionId: string): Promise<MotionRow[]> {
  return db.select().from(decisionMotions).where(eq(decisionMotions.decisionId, decisionId)).orderBy(asc(decisionMotions.position));
}

export type CandidateRow = typeof decisionMotionCandidates.$inferSelect;

/** The candidates of a decision's election motions, in each motion's order: motion id → rows. */
export async function candidatesOf(db: Db, decisionId: string): Promise<Map<string, CandidateRow[]>> {
  const rows = await db.select().from(decisionMotionCandidates).where(eq(decisionMotionCandidates.decisionId, decisionId)).orderBy(asc(decisionMotionCandidates.motionId), asc(decisionMotionCandidates.position));
  const out = new Map<string, CandidateRow[]>();
  for (const r of rows) out.set(r.motionId, [...(out.get(r.motionId) ?? []), r]);
  return out;
}

/** A motion as the record states it (decision-record.md "File"): a question, or an election with its candidates. */
export function recordMotion(m: MotionRow, candidates: readonly CandidateRow[]) {
  const base = { id: m.key, title: m.title, text: m.text, category: m.category };
  if (m.kind !== "election") return { ...base, kind: "question" };
  return { ...base, kind: "election", seats: m.seats!, minSeats: m.minSeats!, alternates: m.alternates!, candidates: candidates.map((c) => ({ id: c.key, name: c.name })) };
}

export async function rulePackFor(db: Db, compoundId: string): Promise<RulePack> {
  const [c] = await db.select({ rulePack: compounds.rulePack }).from(compounds).where(eq(compounds.id, compoundId)).limit(1);
  return rulePackOf(c?.rulePack);
}

/** The compound's decisions, server-paginated, sorted and filtered (style.md habit 11). */
export async function listDecisions(db: Db, compoundId: string, p: DecisionListParams, opts: { all?: boolean; staff: boolean }) {
  const where = and(
    eq(decisions.compoundId, compoundId),
    p.status ? eq(decisions.status, p.status) : undefined,
    // Owners see a meeting once its notice is out; drafts are the organiser's.
    opts.staff ? undefined : sql`${decisions.status} <> 'draft'`,
  );
  const col = { opensAt: decisions.opensAt, title: decisions.title, status: decisions.status }[p.sort];
  const order = p.dir === "asc" ? [asc(col), asc(decisions.id)] : [desc(col), desc(decisions.id)];
  const q = db
    .select({
      id: decisions.id, title: decisions.title, status: decisions.status, form: decisions.form, scopeKind: decisions.scopeKind,
      building: buildings.name, opensAt: decisions.opensAt, closesAt: decisions.closesAt, ballots: decisions.ballotCount,
    })
    .from(decisions)
    .leftJoin(buildings, eq(buildings.id, decisions.buildingId))
    .where(where)
    .orderBy(...order);
  const rows = opts.all ? await q.limit(10_000) : await q.limit(p.size).offset((p.page - 1) * p.size);
  const [{ n }] = await db.select({ n: count() }).from(decisions).where(where);
  return { rows, total: Number(n) };
}

// ---------------------------------------------------------------------------------------------------------
// Drafting

type Window = { opensAt: Date; closesAt: Date };

/** The window as published: voting opens at 00:00 of the first day and closes at 23:59:59 of the last. */
function windowOf(input: { opensOn: string; closesOn: string }): Window {
  return { opensAt: startOfDay(input.opensOn), closesAt: new Date(endOfDay(input.closesOn).getTime() - 1000) };
}

/** Paper ballots handed in before the close may be entered during the rule pack's counting period after it. */
function countingEnd(w: Window, pack: RulePack): Date {
  return new Date(w.closesAt.getTime() + pack.countingHours * 3600_000);
}

async function checkDraft(db: Db, compoundId: string, input: DecisionInput, pack: RulePack): Promise<Fail | { ok: true; buildingId: string | null }> {
  const w = votingWindowProblem(input.opensOn, input.closesOn, { min: pack.votingDaysMin, max: pack.votingDaysMax });
  if (w?.code === "CLOSES_BEFORE_OPENS") return fail("closesOn", "decisions.errors.closesBeforeOpens");
  if (w?.code === "TOO_SHORT") return fail("closesOn", "decisions.errors.windowTooShort");
  if (w?.code === "TOO_LONG") return fail("closesOn", "decisions.errors.windowTooLong");
  if (input.scope === "compound") return { ok: true, buildingId: null };
  const [b] = await db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.id, input.scope), eq(buildings.compoundId, compoundId))).limit(1);
  return b ? { ok: true, buildingId: b.id } : fail("scope", "errors.required");
}

export async function createDecision(db: Db, actor: AuditActor, compoundId: string, input: DecisionInput, now: Date, opts: { id?: string } = {}): Promise<Fail | { ok: true; id: string }> {
  const pack = await rulePackFor(db, compoundId);
  const c = await checkDraft(db, compoundId, input, pack);
  if (!c.ok) return c;
  const id = opts.id ?? newId("dec");
  const w = windowOf(input);
  await db.transaction(async (tx) => {
    await tx.insert(decisions).values({
      id, compoundId, scopeKind: c.buildingId ? "building" : "compound", buildingId: c.buildingId, title: input.title, form: input.form,
      status: "draft", opensAt: w.opensAt, closesAt: w.closesAt, countingClosesAt: countingEnd(w, pack),
      countParking: pack.countParking, openBallots: pack.openBallots, secretEnc: encryptField(randomBytes(32).toString("hex")),
      createdBy: actor?.id ?? null, createdAt: now,
    });
    await writeAudit(tx, now, { actor, action: "decision.create", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId), after: { title: input.title, form: input.form, scope: input.scope, opensOn: input.opensOn, closesOn: input.closesOn } });
  });
  return { ok: true, id };
}

/** Lock the decision row (the chain head) for the rest of the transaction. */
export async function lockDecision(tx: Db, compoundId: string, id: string): Promise<DecisionRow | null> {
  const [d] = await tx.select().from(decisions).where(and(eq(decisions.id, id), eq(decisions.compoundId, compoundId))).for("update");
  return d ?? null;
}

/**
 * Any change to the agenda or dates after the notice withdraws the notice: the decision goes back to draft and
 * the 15-day notice period starts again when it is republished (物业管理条例 Art. 14).
 */
export async function withdrawNotice(tx: Db, d: DecisionRow, now: Date) {
  if (d.status !== "noticed") return;
  if (d.noticeId) await tx.update(notices).set({ takeDownAt: now }).where(eq(notices.id, d.noticeId));
  await tx.update(decisions).set({ status: "draft", noticedAt: null, noticeId: null }).where(eq(decisions.id, d.id));
}

export async function updateDecision(db: Db, actor: AuditActor, compoundId: string, id: string, input: DecisionInput, now: Date): Promise<Fail | { ok: true; withdrawn: boolean }> {
  const pack = await rulePackFor(db, compoundId);
  const c = await checkDraft(db, compoundId, input, pack);
  if (!c.ok) return c;
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "draft" && d.status !== "noticed") return fail("_form", "decisions.errors.agendaFrozen");
    await withdrawNotice(tx, d, now);
    const w = windowOf(input);
    await tx.update(decisions).set({ title: input.title, form: input.form, scopeKind: c.buildingId ? "building" : "compound", buildingId: c.buildingId, opensAt: w.opensAt, closesAt: w.closesAt, countingClosesAt: countingEnd(w, pack) }).where(eq(decisions.id, id));
    await writeAudit(tx, now, { actor, action: "decision.update", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId), before: { title: d.title, opensAt: shanghaiIso(d.opensAt), closesAt: shanghaiIso(d.closesAt), status: d.status }, after: { title: input.title, opensOn: input.opensOn, closesOn: input.closesOn, status: "draft" } });
    return { ok: true as const, withdrawn: d.status === "noticed" };
  });
}

export async function addMotion(db: Db, actor: AuditActor, compoundId: string, id: string, input: { title: string; category: number; text: string }, now: Date): Promise<Fail | { ok: true; motionId: string; withdrawn: boolean }> {
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "draft" && d.status !== "noticed") return fail("_form", "decisions.errors.agendaFrozen");
    const existing = await tx.select({ key: decisionMotions.key, position: decisionMotions.position }).from(decisionMotions).where(eq(decisionMotions.decisionId, id));
    if (existing.length >= 30) return fail("_form", "decisions.errors.tooManyMotions");
    // Keys are never reused within a decision: m1, m2, … by the highest so far.
    const next = existing.reduce((n, m) => Math.max(n, Number(m.key.slice(1)) || 0), 0) + 1;
    const motionId = newId("mot");
    await tx.insert(decisionMotions).values({ id: motionId, decisionId: id, compoundId, key: `m${next}`, position: existing.reduce((n, m) => Math.max(n, m.position), 0) + 1, title: input.title, text: input.text, category: input.category, kind: "question", createdAt: now });
    await withdrawNotice(tx, d, now);
    await writeAudit(tx, now, { actor, action: "decision.motion.add", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId), after: { motion: `m${next}`, title: input.title, category: input.category } });
    return { ok: true as const, motionId, withdrawn: d.status === "noticed" };
  });
}

export async function removeMotion(db: Db, actor: AuditActor, compoundId: string, id: string, motionId: string, now: Date): Promise<Fail | { ok: true; withdrawn: boolean }> {
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "draft" && d.status !== "noticed") return fail("_form", "decisions.errors.agendaFrozen");
    const [m] = await tx.select().from(decisionMotions).where(and(eq(decisionMotions.id, motionId), eq(decisionMotions.decisionId, id)));
    if (!m) return fail("_form", "errors.invalid");
    // An election's candidates go with it.
    await tx.delete(decisionMotionCandidates).where(eq(decisionMotionCandidates.motionId, motionId));
    await tx.delete(decisionMotions).where(eq(decisionMotions.id, motionId));
    await withdrawNotice(tx, d, now);
    await writeAudit(tx, now, { actor, action: "decision.motion.remove", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId), before: { motion: m.key, title: m.title, category: m.category } });
    return { ok: true as const, withdrawn: d.status === "noticed" };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The draft roll, the notice and objections

export type DraftRollEntry = {
  unitId: string; label: string; area: number; developerUnsold: boolean;
  owners: { id: string; name: string; kind: string }[]; voter: number | null; problem: string | null;
};

/**
 * The draft roll from the registry today: every exclusive part in scope with its area and owners, grouped
 * into voters by the registry's one grouping function (SPC Interp. Art. 9).
 */
export async function draftRoll(db: Db, d: DecisionRow, day: string) {
  const roll = await compoundRoll(db, d.compoundId, day, { countParking: d.countParking, buildingId: d.buildingId ?? undefined });
  const g = groupVoters(roll);
  const ids = roll.map((e) => e.unit);
  const unitRows = ids.length
    ? await db.select({ id: units.id, number: units.number, building: buildings.name }).from(units).innerJoin(buildings, eq(buildings.id, units.buildingId)).where(inArray(units.id, ids))
    : [];
  const ownerIds = [...new Set(roll.flatMap((e) => e.owners))];
  const ownerRows = ownerIds.length ? await db.select({ id: owners.id, name: owners.name, kind: owners.kind }).from(owners).where(inArray(owners.id, ownerIds)) : [];
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const ownerById = new Map(ownerRows.map((o) => [o.id, o]));
  const voterNo = new Map(g.voters.map((v, i) => [v.key, i + 1]));
  const problems = new Map(g.errors.filter((e) => e.index >= 0).map((e) => [e.unit, e.detail]));
  const entries: DraftRollEntry[] = roll.map((e) => {
    const u = unitById.get(e.unit)!;
    const problem = problems.get(e.unit) ?? null;
    return {
      unitId: e.unit, label: `${u.building}-${u.number}`, area: Number(e.area), developerUnsold: !!e.developerUnsold,
      owners: e.owners.map((o) => ownerById.get(o)!).filter(Boolean),
      voter: problem ? null : voterNo.get(voterKey(e)) ?? null, problem,
    };
  });
  entries.sort((a, b) => compareCodePoints(a.label, b.label));
  return { entries, roll, total: { heads: g.total.heads, area: g.total.area.toString() }, problems: g.errors.length };
}

/** The threshold of a category in the notice's plain words (民法典 Art. 278 ¶2). */
function thresholdWords(t: (k: string, o?: Record<string, unknown>) => string, category: number) {
  return t(thresholdFor(category) === "special" ? "decisions.thresholdSpecial" : "decisions.thresholdOrdinary");
}

/**
 * Publish the meeting notice with the agenda: voting may open only after the notice period (15 days, counted
 * by the one days function, rules.md "Counting days").
 */
export async function publishDecisionNotice(db: Db, actor: AuditActor, compoundId: string, id: string, now: Date): Promise<Fail | { ok: true; noticeId: string }> {
  const cal = await loadCalendar(db);
  const pack = await rulePackFor(db, compoundId);
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "draft") return fail("_form", "decisions.errors.notDraft");
    const motions = await motionsOf(tx, id);
    if (motions.length === 0) return fail("_form", "decisions.errors.noMotions");
    const cands = await candidatesOf(tx, id);
    const earliest = firstMomentAfter(now, pack.noticeDays, cal);
    if (d.opensAt < earliest) return fail("opensOn", "decisions.errors.noticeTooShort", { earliest: shanghaiIso(earliest) });
    const scope = d.buildingId ? (await tx.select({ name: buildings.name }).from(buildings).where(eq(buildings.id, d.buildingId)))[0]?.name ?? "" : t("decisions.scopeCompound");
    const body = [
      t("decisions.noticeIntro", { scope, form: t(`decisions.forms.${d.form}`), opens: shanghaiIso(d.opensAt).slice(0, 16).replace("T", " "), closes: shanghaiIso(d.closesAt).slice(0, 16).replace("T", " ") }),
      "",
      t("decisions.agenda"),
      ...motions.map((m, i) => {
        const line = `${i + 1}. ${m.title}（${t(`decisions.categories.${m.category}`)}；${thresholdWords(t, m.category)}）\n${m.text}`;
        if (m.kind !== "election") return line;
        // An election's notice names its candidates (their candidacy is public) and its figures.
        const names = (cands.get(m.id) ?? []).map((c, k) => `${k + 1}. ${c.name}`).join("\n");
        return `${line}\n${t("decisions.election.figures", { seats: m.seats, minSeats: m.minSeats, alternates: m.alternates })}\n${t("decisions.election.candidate")}：\n${names}`;
      }),
      "",
      t("decisions.noticeRoll"),
    ].join("\n");
    const noticeId = await publishNotice(tx, actor, { compoundId, title: t("decisions.noticeTitle", { title: d.title }), body, sourceKind: "decision", sourceId: id }, now);
    await tx.update(decisions).set({ status: "noticed", noticedAt: now, noticeId }).where(eq(decisions.id, id));
    await writeAudit(tx, now, { actor, action: "decision.notice", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId), after: { noticeId, motions: motions.length, earliestOpen: shanghaiIso(earliest) } });
    return { ok: true as const, noticeId };
  });
}

/** The units in scope of the decision that this user owns now (for objections and "my entries"). */
export async function myRollUnits(db: Db, d: DecisionRow, userId: string, day: string) {
  const rows = await db
    .selectDistinct({ unitId: units.id })
    .from(owners)
    .innerJoin(ownerships, and(eq(ownerships.ownerId, owners.id), ownershipInForce(day)))
    .innerJoin(units, eq(units.id, ownerships.unitId))
    .where(and(eq(owners.userId, userId), eq(owners.compoundId, d.compoundId), d.buildingId ? eq(units.buildingId, d.buildingId) : undefined));
  return rows.map((r) => r.unitId);
}

export async function submitObjection(db: Db, actor: { id: string; name: string }, compoundId: string, id: string, input: { unitId: string; kind: "area" | "owner" | "other"; text: string }, now: Date): Promise<Fail | { ok: true }> {
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "noticed") return fail("_form", "decisions.errors.objectionsClosed");
    const mine = await myRollUnits(tx, d, actor.id, shanghaiDay(now));
    if (!mine.includes(input.unitId)) return fail("unitId", "decisions.errors.notYourUnit");
    const oid = newId("obj");
    await tx.insert(rollObjections).values({ id: oid, decisionId: id, compoundId, unitId: input.unitId, userId: actor.id, kind: input.kind, text: input.text, status: "open", createdAt: now });
    await writeAudit(tx, now, { actor, action: "decision.objection.submit", target: { kind: "objection", id: oid }, scopePath: await nodePath(tx, compoundId), after: { decision: id, unitId: input.unitId, kind: input.kind } });
    return { ok: true as const };
  });
}

export async function answerObjection(db: Db, actor: AuditActor, compoundId: string, id: string, input: { objectionId: string; outcome: "corrected" | "rejected"; answer: string }, now: Date): Promise<Fail | { ok: true }> {
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "noticed" && d.status !== "draft") return fail("_form", "decisions.errors.objectionsClosed");
    const [o] = await tx.select().from(rollObjections).where(and(eq(rollObjections.id, input.objectionId), eq(rollObjections.decisionId, id))).for("update");
    if (!o) return fail("_form", "errors.invalid");
    if (o.status !== "open") return fail("_form", "decisions.errors.alreadyAnswered");
    await tx.update(rollObjections).set({ status: input.outcome, answer: input.answer, answeredBy: actor?.id ?? null, answeredAt: now }).where(eq(rollObjections.id, o.id));
    await writeAudit(tx, now, { actor, action: "decision.objection.answer", target: { kind: "objection", id: o.id }, scopePath: await nodePath(tx, compoundId), before: { status: "open" }, after: { status: input.outcome, answer: input.answer } });
    return { ok: true as const };
  });
}

export async function listObjections(db: Db, decisionId: string, opts: { userId?: string } = {}) {
  return db
    .select({
      id: rollObjections.id, unitId: rollObjections.unitId, unit: sql<string>`${buildings.name} || '-' || ${units.number}`, kind: rollObjections.kind,
      text: rollObjections.text, status: rollObjections.status, answer: rollObjections.answer, answeredAt: rollObjections.answeredAt,
      createdAt: rollObjections.createdAt, by: users.name,
    })
    .from(rollObjections)
    .innerJoin(units, eq(units.id, rollObjections.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(users, eq(users.id, rollObjections.userId))
    .where(and(eq(rollObjections.decisionId, decisionId), opts.userId ? eq(rollObjections.userId, opts.userId) : undefined))
    .orderBy(asc(rollObjections.createdAt));
}

// ---------------------------------------------------------------------------------------------------------
// Proxies and guardians (指导规则 Art. 26)

export async function addProxy(db: Db, actor: AuditActor, compoundId: string, id: string, input: { ownerId: string; phone: string; kind: "proxy" | "guardian" }, now: Date): Promise<Fail | { ok: true; proxyId: string }> {
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status === "closed") return fail("_form", "decisions.errors.closed");
    const [o] = await tx.select({ id: owners.id }).from(owners).where(and(eq(owners.id, input.ownerId), eq(owners.compoundId, compoundId)));
    if (!o) return fail("ownerId", "errors.required");
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.phone, input.phone), isNull(users.disabledAt)));
    if (!u) return fail("phone", "decisions.errors.noSuchUser");
    const [dup] = await tx.select({ id: decisionProxies.id }).from(decisionProxies).where(and(eq(decisionProxies.decisionId, id), eq(decisionProxies.ownerId, o.id), eq(decisionProxies.status, "accepted")));
    if (dup) return fail("ownerId", "decisions.errors.proxyExists");
    const proxyId = newId("prx");
    await tx.insert(decisionProxies).values({ id: proxyId, decisionId: id, compoundId, ownerId: o.id, proxyUserId: u.id, kind: input.kind, status: "accepted", acceptedBy: actor?.id ?? null, createdAt: now });
    await writeAudit(tx, now, { actor, action: "decision.proxy.accept", target: { kind: "proxy", id: proxyId }, scopePath: await nodePath(tx, compoundId), after: { decision: id, ownerId: o.id, proxyUserId: u.id, kind: input.kind } });
    return { ok: true as const, proxyId };
  });
}

export async function listProxies(db: Db, decisionId: string) {
  return db
    .select({ id: decisionProxies.id, owner: owners.name, proxy: users.name, kind: decisionProxies.kind, status: decisionProxies.status, createdAt: decisionProxies.createdAt })
    .from(decisionProxies)
    .innerJoin(owners, eq(owners.id, decisionProxies.ownerId))
    .innerJoin(users, eq(users.id, decisionProxies.proxyUserId))
    .where(eq(decisionProxies.decisionId, decisionId))
    .orderBy(asc(decisionProxies.createdAt));
}

/** Owners a proxy may be recorded for: the people and organisations on this compound's register. */
export async function ownerChoices(db: Db, compoundId: string) {
  return db.select({ id: owners.id, name: owners.name }).from(owners).where(eq(owners.compoundId, compoundId)).orderBy(asc(owners.name)).limit(2000);
}

// ---------------------------------------------------------------------------------------------------------
// Opening: freeze the roll, fix pseudonyms, post the genesis

const secretOf = (d: DecisionRow) => decryptField(d.secretEnc);

export async function openVoting(db: Db, actor: AuditActor, compoundId: string, id: string, now: Date): Promise<Fail | { ok: true; genesis: string }> {
  const cal = await loadCalendar(db);
  const pack = await rulePackFor(db, compoundId);
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "noticed" || !d.noticedAt) return fail("_form", "decisions.errors.notNoticed");
    const earliest = new Date(Math.max(d.opensAt.getTime(), firstMomentAfter(d.noticedAt, pack.noticeDays, cal).getTime()));
    if (now < earliest) return fail("_form", "decisions.errors.tooEarly", { earliest: shanghaiIso(earliest) });
    if (now > d.closesAt) return fail("_form", "decisions.errors.windowPassed");
    const [{ open }] = await tx.select({ open: count() }).from(rollObjections).where(and(eq(rollObjections.decisionId, id), eq(rollObjections.status, "open")));
    if (Number(open) > 0) return fail("_form", "decisions.errors.objectionsOpen");
    const day = shanghaiDay(now);
    const draft = await draftRoll(tx, d, day);
    if (draft.problems > 0) return fail("_form", "decisions.errors.rollProblems");
    const motions = await motionsOf(tx, id);
    const cands = await candidatesOf(tx, id);
    const secret = secretOf(d);

    // Pseudonyms (or real ids where the rule pack posts ballots openly), fixed before the roll is frozen.
    const labels = new Map<string, { realId: string; label: string }>();
    const alias = (prefix: "u" | "o", realId: string, label: string) => {
      const p = d.openBallots ? realId : pseudonym(secret, prefix, realId);
      const had = labels.get(p);
      if (had && had.realId !== realId) throw new Error("pseudonym collision; draw a new secret");
      labels.set(p, { realId, label });
      return p;
    };
    const entryByUnit = new Map(draft.entries.map((e) => [e.unitId, e]));
    const roll: RollEntry[] = draft.roll.map((e) => {
      const info = entryByUnit.get(e.unit)!;
      const ownersP = e.developerUnsold ? [] : e.owners.map((o) => alias("o", o, info.owners.find((x) => x.id === o)?.name ?? o)).sort(compareCodePoints);
      return { unit: alias("u", e.unit, info.label), area: Number(e.area), owners: ownersP, ...(e.developerUnsold ? { developerUnsold: true } : {}) };
    });
    // Ordered by pseudonym, so the order tells nothing about which flat is which.
    roll.sort((a, b) => compareCodePoints(a.unit, b.unit));
    const header = {
      decision: {
        id: d.id, compound: d.compoundId, scope: { kind: d.scopeKind, id: d.buildingId ?? d.compoundId }, title: d.title,
        opensAt: shanghaiIso(d.opensAt), closesAt: shanghaiIso(d.closesAt), countingClosesAt: shanghaiIso(d.countingClosesAt),
      },
      motions: motions.map((m) => recordMotion(m, cands.get(m.id) ?? [])),
      roll,
    };
    const headerCanonical = canonical(header);
    const genesis = genesisOf(headerCanonical);

    // The voters, keyed as in the record, with the real owners behind each key.
    const g = groupVoters(roll);
    const realOf = (p: string) => labels.get(p)!.realId;
    const rollByUnit = new Map(roll.map((e) => [e.unit, e]));
    const voterRows = g.voters.map((v) => {
      const first = rollByUnit.get(v.units[0])!;
      return {
        decisionId: id, compoundId, voterKey: v.key, ownerIds: first.developerUnsold ? [] : first.owners.map(realOf),
        developer: !!first.developerUnsold, area: v.area, units: v.units.map(realOf),
      };
    });
    for (let i = 0; i < voterRows.length; i += 500) await tx.insert(decisionVoters).values(voterRows.slice(i, i + 500));
    const labelRows = [...labels].map(([p, l]) => ({ decisionId: id, compoundId, pseudonym: p, realId: l.realId, label: l.label }));
    for (let i = 0; i < labelRows.length; i += 500) await tx.insert(decisionLabels).values(labelRows.slice(i, i + 500));

    await tx.update(decisions).set({ status: "open", headerCanonical, genesis, chainHead: genesis, ballotCount: 0, openedAt: now }).where(eq(decisions.id, id));
    // Each voter's paper ballot code is fixed with the roll, so printing only reads.
    await ensurePaperCodes(tx, { ...d, headerCanonical });
    await publishNotice(tx, actor, {
      compoundId, title: t("decisions.openNoticeTitle", { title: d.title }),
      body: t("decisions.openNoticeBody", { voters: g.total.heads, area: areaText(g.total.area), genesis, closes: shanghaiIso(d.closesAt).slice(0, 16).replace("T", " ") }),
      sourceKind: "decision", sourceId: id,
    }, now);
    await writeAudit(tx, now, { actor, action: "decision.open", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId), after: { genesis, voters: g.total.heads, area: g.total.area.toString() } });
    return { ok: true as const, genesis };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Ballots

export type VoterOption = {
  voterKey: string; role: "owner" | "proxy" | "guardian"; castById: string; channel: "online" | "proxy";
  units: string[]; area: string; receipt: string | null; forName: string | null;
};

/**
 * Whom this user may vote for in an open decision: their own voter (a sole owner; a co-owned unit's nominated
 * co-owner; an organisation's representative) and the owners whose proxy or guardian they are.
 */
export async function voterOptions(db: Db, d: DecisionRow, userId: string, day: string): Promise<VoterOption[]> {
  if (!d.headerCanonical) return [];
  const secret = secretOf(d);
  const mineOwners = await db.select({ id: owners.id, kind: owners.kind }).from(owners).where(and(eq(owners.userId, userId), eq(owners.compoundId, d.compoundId)));
  const proxies = await db
    .select({ ownerId: decisionProxies.ownerId, kind: decisionProxies.kind, name: owners.name })
    .from(decisionProxies)
    .innerJoin(owners, eq(owners.id, decisionProxies.ownerId))
    .where(and(eq(decisionProxies.decisionId, d.id), eq(decisionProxies.proxyUserId, userId), eq(decisionProxies.status, "accepted")));
  const ids = [...mineOwners.map((o) => o.id), ...proxies.map((p) => p.ownerId)];
  if (ids.length === 0) return [];
  const contains = or(...ids.map((o) => sql`${decisionVoters.ownerIds} @> ${JSON.stringify([o])}::jsonb`));
  const voters = await db.select().from(decisionVoters).where(and(eq(decisionVoters.decisionId, d.id), contains));
  // Co-owned voters: only the co-owner the others nominated casts the ballot (or their proxy), checked per voter
  // on the ownerships of that voter's own units.
  const coUnits = voters.filter((v) => v.ownerIds.length > 1).flatMap((v) => v.units);
  const nominatedRows = coUnits.length
    ? await db.select({ unitId: ownerships.unitId, ownerId: ownerships.ownerId }).from(ownerships).where(and(inArray(ownerships.unitId, coUnits), eq(ownerships.nominatedVoter, true), ownershipInForce(day)))
    : [];
  const nominatedFor = (v: (typeof voters)[number]) =>
    v.ownerIds.length === 1 ? v.ownerIds[0] : nominatedRows.find((r) => v.units.includes(r.unitId) && r.ownerId && v.ownerIds.includes(r.ownerId))?.ownerId ?? null;
  const cast = await db.select({ voterKey: ballots.voterKey, hash: ballots.hash }).from(ballots).where(and(eq(ballots.decisionId, d.id), inArray(ballots.voterKey, voters.map((v) => v.voterKey))));
  const receipt = new Map(cast.map((b) => [b.voterKey, receiptOf(b.hash)]));
  const labelOf = await unitLabels(db, d.id, voters.flatMap((v) => v.units));
  const out: VoterOption[] = [];
  const pid = (prefix: "o" | "p", real: string) => (d.openBallots ? real : pseudonym(secret, prefix, real));
  for (const v of voters) {
    const base = { voterKey: v.voterKey, units: v.units.map((u) => labelOf.get(u) ?? u), area: v.area.toString(), receipt: receipt.get(v.voterKey) ?? null };
    const representative = nominatedFor(v);
    const own = mineOwners.find((o) => o.id === representative);
    if (own) {
      // An organisation votes through its representative, named by a person id (decision-record.md "Ballots").
      if (own.kind === "organisation") out.push({ ...base, role: "owner", castById: pid("p", userId), channel: "online", forName: null });
      else out.push({ ...base, role: "owner", castById: pid("o", own.id), channel: "online", forName: null });
      continue;
    }
    const p = proxies.find((x) => x.ownerId === representative);
    if (p) out.push({ ...base, role: p.kind, castById: pid("p", userId), channel: p.kind === "proxy" ? "proxy" : "online", forName: p.name });
  }
  return out;
}

async function unitLabels(db: Db, decisionId: string, realIds: string[]) {
  if (realIds.length === 0) return new Map<string, string>();
  const rows = await db.select({ realId: decisionLabels.realId, label: decisionLabels.label }).from(decisionLabels).where(and(eq(decisionLabels.decisionId, decisionId), inArray(decisionLabels.realId, realIds)));
  return new Map(rows.map((r) => [r.realId, r.label]));
}

export type BallotInput = { voterKey: string; choices: Record<string, Choice> };
/** `field` names the form field a refused choice belongs to (`c_<motion>` or `e_<motion>`). */
export type CastResult = { ok: true; receipt: string; seq: number; ballotId: string } | { ok: false; error: string; receipt?: string; field?: string };

/** `castAt` in whole seconds, as the record writes it. */
const toSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/**
 * Accept one ballot: checks the window, the voter and the choices, then hashes it onto the chain inside the
 * transaction that holds the decision row's lock, so ballots are chained one at a time per decision. One
 * ballot per voter (also a unique index); nothing is written when anything is wrong.
 */
export async function castBallot(
  db: Db, actor: { id: string; name: string }, compoundId: string, id: string, input: BallotInput, now: Date,
  by: { role: "owner" | "proxy" | "guardian" | "clerk"; castById: string; channel: "online" | "proxy" | "paper" },
): Promise<CastResult> {
  const castAt = toSecond(now);
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return { ok: false as const, error: "errors.invalid" };
    if (d.status === "draft" || d.status === "noticed" || castAt < d.opensAt) return { ok: false as const, error: "decisions.errors.notOpenYet" };
    if (d.status === "closed" || castAt > (by.channel === "paper" ? d.countingClosesAt : d.closesAt)) return { ok: false as const, error: "decisions.errors.closed" };
    const [voter] = await tx.select({ key: decisionVoters.voterKey, ownerIds: decisionVoters.ownerIds }).from(decisionVoters).where(and(eq(decisionVoters.decisionId, id), eq(decisionVoters.voterKey, input.voterKey)));
    if (!voter) return { ok: false as const, error: "decisions.errors.notOnRoll" };
    const [already] = await tx.select({ hash: ballots.hash }).from(ballots).where(and(eq(ballots.decisionId, id), eq(ballots.voterKey, input.voterKey)));
    if (already) return { ok: false as const, error: "decisions.errors.alreadyVoted", receipt: receiptOf(already.hash) };
    const motions = await motionsOf(tx, id);
    const cands = await candidatesOf(tx, id);
    const agenda = motions.map((m) => ({ key: m.key, kind: m.kind, seats: m.seats, candidates: (cands.get(m.id) ?? []).map((c) => c.key) }));
    // One parser for online and paper ballots: the verifier's own rule (choiceCode) against the agenda.
    const problem = ballotProblem(agenda, input.choices, (m, v) => choiceCode({ kind: m.kind, seats: m.seats ?? 0, candidates: [...m.candidates] }, v));
    if (problem) return { ok: false as const, error: problem.error, ...(problem.field === "_form" ? {} : { field: problem.field }) };
    const choices: Record<string, Choice> = { ...input.choices };
    const seq = d.ballotCount + 1;
    const prev = d.chainHead ?? d.genesis!;
    const body = { castAt: shanghaiIso(castAt), castBy: { role: by.role, id: by.castById }, channel: by.channel, choices, seq, voter: input.voterKey };
    const text = canonical(body);
    const hash = chainHash(prev, text);
    const ballotId = newId("blt");
    await tx.insert(ballots).values({ id: ballotId, decisionId: id, compoundId, seq, voterKey: input.voterKey, channel: by.channel, castByUser: actor.id, castAt, canonical: text, prev, hash });
    await tx.update(decisions).set({ chainHead: hash, ballotCount: seq }).where(eq(decisions.id, id));
    if (by.castById.startsWith("p-")) await tx.insert(decisionLabels).values({ decisionId: id, compoundId, pseudonym: by.castById, realId: actor.id, label: actor.name }).onConflictDoNothing();
    // Reminders to this voter's owners stop once the ballot is in (a clerk's or proxy's own reminder stays).
    const reminded = voter.ownerIds.length ? (await tx.select({ userId: owners.userId }).from(owners).where(inArray(owners.id, voter.ownerIds))).map((o) => o.userId).filter((u): u is string => !!u) : [];
    await tx.update(notifications).set({ readAt: now }).where(and(eq(notifications.sourceKind, "decision"), eq(notifications.sourceId, id), eq(notifications.kind, "vote_reminder"), inArray(notifications.userId, reminded.length ? reminded : [""]), isNull(notifications.readAt)));
    // The audit log records that a ballot was cast and its receipt, never the choices.
    await writeAudit(tx, now, { actor, action: "decision.ballot.cast", target: { kind: "ballot", id: ballotId }, scopePath: await nodePath(tx, compoundId), after: { decision: id, seq, channel: by.channel, role: by.role, receipt: receiptOf(hash) } });
    return { ok: true as const, receipt: receiptOf(hash), seq, ballotId };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The close, the record and the result

/** The record's exact text, rebuilt from the stored canonical texts. */
export async function recordText(db: Db, d: DecisionRow): Promise<string | null> {
  if (!d.headerCanonical) return null;
  const rows = await db.select({ canonical: ballots.canonical, prev: ballots.prev, hash: ballots.hash }).from(ballots).where(eq(ballots.decisionId, d.id)).orderBy(asc(ballots.seq));
  return assembleRecord(d.headerCanonical, rows);
}

export async function labelsJson(db: Db, d: DecisionRow): Promise<string> {
  const rows = await db.select({ p: decisionLabels.pseudonym, label: decisionLabels.label }).from(decisionLabels).where(eq(decisionLabels.decisionId, d.id));
  return canonical(Object.fromEntries(rows.map((r) => [r.p, r.label])));
}

/** When the result must be published: within 3 days (rule pack) of the end of counting (Beijing Art. 37). */
export async function resultDeadline(db: Db, d: DecisionRow): Promise<Date> {
  const pack = await rulePackFor(db, d.compoundId);
  return periodEnd(d.countingClosesAt, pack.resultDays, await loadCalendar(db)).endsAt;
}

/**
 * Close the vote: tally every motion with the record verifier (the same code as `npm run verify`) over the
 * record rebuilt from the stored texts, keep the tally and post the result notice.
 */
export async function closeDecision(db: Db, actor: AuditActor, compoundId: string, id: string, now: Date): Promise<Fail | { ok: true; result: TallyOutput }> {
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  return db.transaction(async (tx) => {
    const d = await lockDecision(tx, compoundId, id);
    if (!d) return fail("_form", "errors.invalid");
    if (d.status !== "open") return fail("_form", "decisions.errors.notOpen");
    if (now <= d.closesAt) return fail("_form", "decisions.errors.stillOpen");
    if (now <= d.countingClosesAt) return fail("_form", "decisions.errors.countingOpen");
    const text = (await recordText(tx, d))!;
    const v = verifyRecord(text);
    if (v.exit === 2) throw new Error(`the stored record does not parse: ${v.message}`);
    const result = v.output;
    const motions = await motionsOf(tx, id);
    const title = new Map(motions.map((m) => [m.key, m.title]));
    const motionByKey = new Map(motions.map((m) => [m.key, m]));
    const cands = await candidatesOf(tx, id);
    const lines = result.motions.map((m, i) => {
      if (m.kind !== "question") {
        const names = new Map((cands.get(motionByKey.get(m.id)?.id ?? "") ?? []).map((c) => [c.key, c.name]));
        const list = (ids: string[]) => (ids.length ? ids.map((c) => names.get(c) ?? c).join("、") : "—");
        return t("decisions.election.resultLine", {
          n: i + 1, title: title.get(m.id), outcome: t(m.formed ? "decisions.election.formed" : "decisions.election.notFormed"),
          elected: list(m.elected), alternates: list(m.alternates), tie: list(m.tie), pH: m.participating.heads, pA: areaText(m.participating.area),
        });
      }
      return t("decisions.resultLine", {
        n: i + 1, title: title.get(m.id), outcome: t(m.passed ? "decisions.passed" : "decisions.failed"),
        yesH: m.yes.heads, yesA: areaText(m.yes.area), noH: m.no.heads, noA: areaText(m.no.area),
        abH: m.abstain.heads, abA: areaText(m.abstain.area), pH: m.participating.heads, pA: areaText(m.participating.area),
        tH: m.total.heads, tA: areaText(m.total.area),
      });
    });
    const resultNoticeId = await publishNotice(tx, actor, {
      compoundId, title: t("decisions.resultNoticeTitle", { title: d.title }),
      body: [...lines, "", t("decisions.resultNoticeChain", { genesis: result.genesis, head: result.chainHead, ballots: d.ballotCount })].join("\n"),
      sourceKind: "decision", sourceId: id,
    }, now);
    await tx.update(decisions).set({ status: "closed", closedAt: now, resultCanonical: canonicalOutput(result), resultNoticeId }).where(eq(decisions.id, id));
    // Nobody is asked to vote any more.
    await tx.update(notifications).set({ readAt: now }).where(and(eq(notifications.sourceKind, "decision"), eq(notifications.sourceId, id), eq(notifications.kind, "vote_reminder"), isNull(notifications.readAt)));
    await writeAudit(tx, now, { actor, action: "decision.close", target: { kind: "decision", id }, scopePath: await nodePath(tx, compoundId), after: { ballots: d.ballotCount, chainHead: result.chainHead, ok: result.ok, passed: result.motions.filter((m) => m.passed).map((m) => m.id) } });
    return { ok: true as const, result };
  });
}

/** The stored tally of a closed decision (verify's output, exact in canonical text). */
export function storedResult(d: DecisionRow): TallyOutput | null {
  return d.resultCanonical ? (JSON.parse(d.resultCanonical) as TallyOutput) : null;
}

/** Turnout so far (during voting): ballots and their area, from the frozen voters. */
export async function turnout(db: Db, d: DecisionRow) {
  const [tot] = await db.select({ heads: count(), area: sql<string>`coalesce(sum(${decisionVoters.area}), 0)::text` }).from(decisionVoters).where(eq(decisionVoters.decisionId, d.id));
  const [cast] = await db
    .select({ heads: count(), area: sql<string>`coalesce(sum(${decisionVoters.area}), 0)::text` })
    .from(ballots)
    .innerJoin(decisionVoters, and(eq(decisionVoters.decisionId, ballots.decisionId), eq(decisionVoters.voterKey, ballots.voterKey)))
    .where(eq(ballots.decisionId, d.id));
  return { total: { heads: Number(tot.heads), area: tot.area }, cast: { heads: Number(cast.heads), area: cast.area } };
}
