/**
 * The owners' committee after its election (rules.md §2): forming it from a closed decision's election
 * result, the member list on the notice board, the first meeting electing the chair and vice-chair, filing
 * (备案) with the street office, membership changes and alternates filling vacancies, and the overview the
 * committee home and the street office read. The law is in ./rules.ts (pure). Each exported write is one
 * transaction and audits; a refusal (`{ ok: false, errors: { field: i18nKey } }`) writes nothing. Who may
 * call what is the route's business (app/auth/permissions.ts); these functions record who did.
 *
 * A member's access is a committee_member node grant at the compound, valid to 24:00 Asia/Shanghai of the
 * term's (or the membership's) last day, so access ends with no job.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "~db/client.server";
import {
  candidates,
  compounds,
  committeeAlternates,
  committeeFilings,
  committeeMeetings,
  committeeMembers,
  committees,
  decisionMotions,
  decisions,
  elections,
  notices,
  owners,
  prepGroups,
  roleGrants,
} from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { dissolvePrepGroup } from "~/elections/prep.server";
import { activePrepGroup, fail, ownerInForce, type Fail } from "~/elections/common.server";
import { newId } from "~/ids";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { publishNotice } from "~/notices/notices.server";
import { nodePath } from "~/platform/area.server";
import { loadCalendar } from "~/platform/calendar.server";
import { addDays, endOfDay, shanghaiDay, startOfDay, type Day, type Period } from "~/platform/days";
import { rulePackOf, type RulePack } from "~/registry/rule-pack";
import { electionOutcome } from "./outcome.server";
import {
  byElectionDue,
  chairElected,
  changeFilingDeadline,
  committeeStatus,
  deadlinesAfterElection,
  inOffice,
  meetingQuorum,
  nextAlternate,
  overdue,
  reElectionFrom,
  termLastDay as termLastDayOf,
  type CommitteeStatus,
} from "./rules";

export type CommitteeRow = typeof committees.$inferSelect;
export type CommitteeMemberRow = typeof committeeMembers.$inferSelect;
export type CommitteeAlternateRow = typeof committeeAlternates.$inferSelect;
export type CommitteeFilingRow = typeof committeeFilings.$inferSelect;
export type { Fail };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

// ————————————————————————————————————————————————————————— reading

async function packOf(db: Db, compoundId: string): Promise<RulePack> {
  const [c] = await db.select({ rulePack: compounds.rulePack }).from(compounds).where(eq(compounds.id, compoundId)).limit(1);
  return rulePackOf(c?.rulePack);
}

/** The compound's active committee (at most one), or null. */
export async function activeCommittee(db: Db, compoundId: string): Promise<CommitteeRow | null> {
  const [c] = await db.select().from(committees).where(and(eq(committees.compoundId, compoundId), eq(committees.status, "active"))).limit(1);
  return c ?? null;
}

/** A committee of this compound, or null (another compound's committee is "not found"). */
export async function findCommittee(db: Db, compoundId: string, committeeId: string): Promise<CommitteeRow | null> {
  const [c] = await db.select().from(committees).where(and(eq(committees.id, committeeId), eq(committees.compoundId, compoundId))).limit(1);
  return c ?? null;
}

const memberIn = (day: Day) => (m: CommitteeMemberRow) => inOffice({ from: m.fromDay, lastDay: m.lastDay, endedOn: m.endedOn }, day);

/** Every member row of the committee, in ranking order (elected first, then those who came later). */
export async function membersOf(db: Db, committeeId: string): Promise<CommitteeMemberRow[]> {
  return db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, committeeId)).orderBy(asc(committeeMembers.fromDay), asc(committeeMembers.rank), asc(committeeMembers.id));
}

/** The members in office on the day of `at`. */
export async function membersInOffice(db: Db, committeeId: string, at: Date): Promise<CommitteeMemberRow[]> {
  return (await membersOf(db, committeeId)).filter(memberIn(shanghaiDay(at)));
}

/** The alternates not yet seated, in ranking order. */
export async function alternatesLeft(db: Db, committeeId: string): Promise<CommitteeAlternateRow[]> {
  return db.select().from(committeeAlternates).where(and(eq(committeeAlternates.committeeId, committeeId), isNull(committeeAlternates.seatedMemberId))).orderBy(asc(committeeAlternates.rank));
}

/**
 * The user's membership in the compound's active committee, if they are in office on the day of `now`:
 * null after the term's last day, after their membership ended, or when they are no member. Routes use it to
 * let a member act for the committee.
 */
export async function memberInOffice(db: Db, compoundId: string, userId: string, now: Date): Promise<(CommitteeMemberRow & { committee: CommitteeRow }) | null> {
  const rows = await db
    .select({ m: committeeMembers, c: committees })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .where(and(eq(committeeMembers.compoundId, compoundId), eq(committeeMembers.userId, userId), eq(committees.status, "active")))
    .orderBy(asc(committeeMembers.fromDay));
  const today = shanghaiDay(now);
  const r = rows.find((x) => memberIn(today)(x.m));
  return r ? { ...r.m, committee: r.c } : null;
}

async function actingMember(db: Db, compoundId: string, committeeId: string, actor: AuditActor, now: Date) {
  if (!actor) return null;
  const m = await memberInOffice(db, compoundId, actor.id, now);
  return m && m.committeeId === committeeId ? m : null;
}

/** End a grant at `at` unless it already ends earlier (never before it starts). */
async function endGrant(db: Db, grantId: string | null, at: Date) {
  if (!grantId) return;
  const [g] = await db.select({ validFrom: roleGrants.validFrom, validTo: roleGrants.validTo }).from(roleGrants).where(eq(roleGrants.id, grantId)).limit(1);
  if (!g) return;
  if (g.validTo && g.validTo.getTime() <= at.getTime()) return;
  const to = at.getTime() < g.validFrom.getTime() ? g.validFrom : at;
  await db.update(roleGrants).set({ validTo: to }).where(eq(roleGrants.id, grantId));
}

/** A committee_member grant at the compound for the user, to 24:00 of `lastDay`. */
async function grantFor(db: Db, actor: AuditActor, compoundId: string, userId: string, lastDay: Day, now: Date, fromDay?: Day): Promise<string> {
  const id = newId("grt");
  const validTo = endOfDay(lastDay);
  const validFrom = fromDay && startOfDay(fromDay).getTime() > now.getTime() ? startOfDay(fromDay) : now;
  await db.insert(roleGrants).values({
    id, userId, role: "committee_member", scopeKind: "node", nodeId: compoundId,
    validFrom, validTo: validTo.getTime() < validFrom.getTime() ? validFrom : validTo, grantedBy: actor?.id ?? null, createdAt: now,
  });
  return id;
}

// ————————————————————————————————————————————————————————— 1. forming the committee

export type FormResult = { ok: true; id: string; memberIds: string[]; alternateIds: string[]; replaced: string | null; prepGroupDissolved: string | null };

/**
 * Form the committee from a closed decision's election motion whose stored result says formed: members in
 * ranking order (with grants to the end of the term), the alternates in order. The term starts on the Shanghai
 * day of the result (the decision's counting close). A compound with an active committee is refused, unless
 * the new one was elected within the re-election lead of that committee's last day (or after it): the old
 * committee then ends, and its members' grants with it at the start of the new term. The preparatory group
 * of the election the candidates came from is dissolved if still active.
 */
export async function formCommittee(db: Db, actor: AuditActor, compoundId: string, decisionId: string, motionId: string, now: Date, opts: { id?: string } = {}): Promise<Fail | FormResult> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(decisions).where(and(eq(decisions.id, decisionId), eq(decisions.compoundId, compoundId))).limit(1);
    if (!d) return fail("decisionId", "committees.errors.decisionNotFound");
    if (d.status !== "closed") return fail("decisionId", "committees.errors.decisionNotClosed");
    const [motion] = await tx.select().from(decisionMotions).where(and(eq(decisionMotions.id, motionId), eq(decisionMotions.decisionId, decisionId))).limit(1);
    if (!motion || motion.kind !== "election" || motion.seats === null || motion.minSeats === null) return fail("motionId", "committees.errors.notElection");
    // The outcome across any run-offs this motion ends (./outcome.server.ts), by person.
    const o = await electionOutcome(tx, compoundId, motionId);
    if (!o) return fail("motionId", "committees.errors.notElection");
    const result = o.outcome;
    if (!result.formed || result.elected.length === 0) return fail("motionId", "committees.errors.notFormed");
    const [dup] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.motionId, motionId)).limit(1);
    if (dup) return fail("motionId", "committees.errors.alreadyFormed");
    const [later] = await tx.select({ id: decisionMotions.id }).from(decisionMotions).where(eq(decisionMotions.runoffOf, motionId)).limit(1);
    if (later) return fail("motionId", "committees.errors.runoffStarted");

    const electedAt = o.electedAt ?? d.closesAt;
    if (electedAt.getTime() > now.getTime()) return fail("decisionId", "committees.errors.decisionNotClosed");
    const termStart = shanghaiDay(electedAt);
    const lastDay = termLastDayOf(termStart);
    const pack = await packOf(tx, compoundId);

    const [old] = await tx.select().from(committees).where(and(eq(committees.compoundId, compoundId), eq(committees.status, "active"))).for("update");
    if (old && termStart < reElectionFrom(old.termLastDay, pack.reElectionLeadMonths)) return fail("_form", "committees.errors.committeeExists");

    const people = async (ids: readonly string[]) => {
      const out: { ownerId: string; name: string; userId: string | null; candidateId: string | null }[] = [];
      for (const pid of ids) {
        const c = o.people.get(pid);
        if (!c?.ownerId) return null;
        const [ow] = await tx.select({ userId: owners.userId }).from(owners).where(and(eq(owners.id, c.ownerId), eq(owners.compoundId, compoundId))).limit(1);
        if (!ow) return null;
        out.push({ ownerId: c.ownerId, name: c.name, userId: ow.userId, candidateId: c.candidateId });
      }
      return out;
    };
    const elected = await people(result.elected);
    const alternates = await people(result.alternates);
    if (!elected || !alternates) return fail("motionId", "committees.errors.candidateNotOwner");

    // The election (app/elections) the candidates came from, if any.
    const candidateIds = [...elected, ...alternates].map((p) => p.candidateId).filter((x): x is string => x !== null);
    let electionId: string | null = null;
    let prepGroupId: string | null = null;
    if (candidateIds.length) {
      const [e] = await tx
        .select({ id: elections.id, prepGroupId: elections.prepGroupId })
        .from(candidates)
        .innerJoin(elections, eq(elections.id, candidates.electionId))
        .where(and(inArray(candidates.id, candidateIds), eq(candidates.compoundId, compoundId)))
        .limit(1);
      if (e) [electionId, prepGroupId] = [e.id, e.prepGroupId];
    }

    const id = opts.id ?? newId("cmt");
    // A re-election: the old committee ends where the new term starts (or where its own term ended).
    let replaced: string | null = null;
    if (old) {
      const endsAt = new Date(Math.min(startOfDay(termStart).getTime(), endOfDay(old.termLastDay).getTime()));
      const lastInOffice = shanghaiDay(new Date(endsAt.getTime() - 1));
      for (const m of await tx.select().from(committeeMembers).where(and(eq(committeeMembers.committeeId, old.id), isNull(committeeMembers.endedOn)))) {
        await tx.update(committeeMembers).set({ endedOn: lastInOffice < m.lastDay ? lastInOffice : m.lastDay, endReason: "term_ended" }).where(eq(committeeMembers.id, m.id));
        await endGrant(tx, m.grantId, endsAt);
      }
      await tx.update(committees).set({ status: "ended", endedAt: endsAt }).where(eq(committees.id, old.id));
      await writeAudit(tx, now, { actor, action: "committee.end", target: { kind: "committee", id: old.id }, scopePath: await nodePath(tx, compoundId), before: { status: "active" }, after: { status: "ended", endedAt: endsAt.toISOString(), replacedBy: id } });
      replaced = old.id;
    }

    await tx.insert(committees).values({
      id, compoundId, electionId, decisionId, motionId, seats: o.figures.seats, minSeats: o.figures.minSeats,
      electedAt, termStart, termLastDay: lastDay, status: "active", createdAt: now,
    });
    const memberIds: string[] = [];
    const granted = new Map<string, string>();
    for (const [i, p] of elected.entries()) {
      let grantId: string | null = null;
      if (p.userId) {
        grantId = granted.get(p.userId) ?? (await grantFor(tx, actor, compoundId, p.userId, lastDay, now));
        granted.set(p.userId, grantId);
      }
      const mid = newId("cmm");
      await tx.insert(committeeMembers).values({
        id: mid, committeeId: id, compoundId, ownerId: p.ownerId, userId: p.userId, name: p.name, role: "member", source: "elected",
        rank: i + 1, fromDay: termStart, lastDay, grantId, createdAt: now,
      });
      memberIds.push(mid);
    }
    // Alternates rank after the elected and any tied candidates (the election's ranking).
    const alternateIds: string[] = [];
    const offset = result.elected.length + result.tie.length;
    for (const [i, p] of alternates.entries()) {
      const aid = newId("cma");
      await tx.insert(committeeAlternates).values({ id: aid, committeeId: id, compoundId, ownerId: p.ownerId, name: p.name, rank: offset + i + 1, createdAt: now });
      alternateIds.push(aid);
    }
    await writeAudit(tx, now, {
      actor, action: "committee.form", target: { kind: "committee", id }, scopePath: await nodePath(tx, compoundId),
      after: { decisionId, motionId, electedAt: electedAt.toISOString(), termStart, termLastDay: lastDay, members: elected.map((p) => p.name), alternates: alternates.map((p) => p.name), grants: granted.size, replaced },
    });

    let prepGroupDissolved: string | null = null;
    if (prepGroupId) {
      const [g] = await tx.select({ status: prepGroups.status }).from(prepGroups).where(eq(prepGroups.id, prepGroupId)).limit(1);
      if (g?.status === "active") {
        const r = await dissolvePrepGroup(tx, actor, compoundId, prepGroupId, now);
        if (!r.ok) throw new Error(`dissolving the preparatory group ${prepGroupId} failed`);
        prepGroupDissolved = prepGroupId;
      }
    }
    return { ok: true as const, id, memberIds, alternateIds, replaced, prepGroupDissolved };
  });
}

// ————————————————————————————————————————————————————————— 2. the member list

/**
 * Post the members in office (chair and vice-chair marked) on the notice board and remember the notice. A
 * later call posts a new notice only when the list changed.
 */
export async function publishMemberList(db: Db, actor: AuditActor, compoundId: string, committeeId: string, now: Date): Promise<Fail | { ok: true; noticeId: string }> {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(committees).where(and(eq(committees.id, committeeId), eq(committees.compoundId, compoundId))).for("update");
    if (!c) return fail("_form", "errors.invalid");
    if (c.status !== "active" || shanghaiDay(now) > c.termLastDay) return fail("_form", "committees.errors.committeeEnded");
    if (!(await actingMember(tx, compoundId, committeeId, actor, now))) return fail("_form", "committees.errors.notMember");
    const members = await membersInOffice(tx, committeeId, now);
    const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
    const lines = members.map((m) => t("committees.memberLine", { name: m.name, role: t(`committees.roles.${m.role}`) }));
    const body = [...lines, "", t("committees.memberListTerm", { from: c.termStart, to: c.termLastDay })].join("\n");
    if (c.memberListNoticeId) {
      const [prev] = await tx.select({ body: notices.body }).from(notices).where(eq(notices.id, c.memberListNoticeId)).limit(1);
      if (prev?.body === body) return fail("_form", "committees.errors.listUnchanged");
    }
    const noticeId = await publishNotice(tx, actor, { compoundId, title: t("committees.memberListTitle"), body, sourceKind: "committee_members", sourceId: committeeId }, now);
    await tx.update(committees).set({ memberListNoticeId: noticeId }).where(eq(committees.id, committeeId));
    await writeAudit(tx, now, { actor, action: "committee.publish_members", target: { kind: "committee", id: committeeId }, scopePath: await nodePath(tx, compoundId), before: { noticeId: c.memberListNoticeId }, after: { noticeId, members: members.length } });
    return { ok: true as const, noticeId };
  });
}

// ————————————————————————————————————————————————————————— 3. the first meeting

export type FirstMeetingInput = {
  heldAt: Date;
  present: number;
  chairMemberId: string;
  chairVotes: number;
  viceChairMemberId: string;
  viceChairVotes: number;
  minutes?: string | null;
};

/**
 * Record the first meeting, by a member in office: a quorum of the members in office (on the meeting's day)
 * present, and the chair and vice-chair each elected by the committee majority of the rule pack — of all
 * members in office, not of those present. Sets their roles and the committee's first_meeting_at.
 */
export async function recordFirstMeeting(db: Db, actor: AuditActor, compoundId: string, committeeId: string, input: FirstMeetingInput, now: Date): Promise<Fail | { ok: true; meetingId: string }> {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (!whole(input.present)) return fail("present", "errors.invalid");
  if (!whole(input.chairVotes)) return fail("chairVotes", "errors.invalid");
  if (!whole(input.viceChairVotes)) return fail("viceChairVotes", "errors.invalid");
  if (input.chairMemberId === input.viceChairMemberId) return fail("viceChairMemberId", "committees.errors.chairIsViceChair");
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(committees).where(and(eq(committees.id, committeeId), eq(committees.compoundId, compoundId))).for("update");
    if (!c) return fail("_form", "errors.invalid");
    if (!(await actingMember(tx, compoundId, committeeId, actor, now))) return fail("_form", "committees.errors.notMember");
    if (c.firstMeetingAt) return fail("_form", "committees.errors.firstMeetingRecorded");
    if (input.heldAt.getTime() > now.getTime()) return fail("heldAt", "committees.errors.heldInFuture");
    if (input.heldAt.getTime() < c.electedAt.getTime()) return fail("heldAt", "committees.errors.heldBeforeElection");
    const members = await membersInOffice(tx, committeeId, input.heldAt);
    const n = members.length;
    if (input.present > n) return fail("present", "committees.errors.moreThanInOffice");
    if (!meetingQuorum(input.present, n)) return fail("present", "committees.errors.noQuorum");
    const ids = new Set(members.map((m) => m.id));
    if (!ids.has(input.chairMemberId)) return fail("chairMemberId", "committees.errors.notInOffice");
    if (!ids.has(input.viceChairMemberId)) return fail("viceChairMemberId", "committees.errors.notInOffice");
    if (input.chairVotes > input.present) return fail("chairVotes", "committees.errors.votesAbovePresent");
    if (input.viceChairVotes > input.present) return fail("viceChairVotes", "committees.errors.votesAbovePresent");
    const mode = (await packOf(tx, compoundId)).committeeMajority;
    if (!chairElected(input.chairVotes, n, mode)) return fail("chairVotes", "committees.errors.belowMajority");
    if (!chairElected(input.viceChairVotes, n, mode)) return fail("viceChairVotes", "committees.errors.belowMajority");

    const meetingId = newId("cmg");
    await tx.insert(committeeMeetings).values({
      id: meetingId, committeeId, compoundId, kind: "first", heldAt: input.heldAt, membersInOffice: n, present: input.present,
      chairMemberId: input.chairMemberId, chairVotes: input.chairVotes, viceChairMemberId: input.viceChairMemberId, viceChairVotes: input.viceChairVotes,
      minutes: input.minutes?.trim() || null, recordedBy: actor?.id ?? null, createdAt: now,
    });
    await tx.update(committeeMembers).set({ role: "chair" }).where(eq(committeeMembers.id, input.chairMemberId));
    await tx.update(committeeMembers).set({ role: "vice_chair" }).where(eq(committeeMembers.id, input.viceChairMemberId));
    await tx.update(committees).set({ firstMeetingAt: input.heldAt }).where(eq(committees.id, committeeId));
    await writeAudit(tx, now, {
      actor, action: "committee.first_meeting", target: { kind: "committee", id: committeeId }, scopePath: await nodePath(tx, compoundId),
      after: { meetingId, heldAt: input.heldAt.toISOString(), membersInOffice: n, present: input.present, chair: input.chairMemberId, chairVotes: input.chairVotes, viceChair: input.viceChairMemberId, viceChairVotes: input.viceChairVotes, majority: mode },
    });
    return { ok: true as const, meetingId };
  });
}

// ————————————————————————————————————————————————————————— 4. filing (备案)

export type FilingInput = {
  kind: "initial" | "change";
  summary?: string | null;
  attachments: { fileId: string; kind: string }[];
  /** The event the 30 days count from; the election for the initial filing (defaults to it). */
  eventAt?: Date;
};

/** Stores a filing's uploaded files (owned by `filingId`) in the filing's transaction and returns them as attachments. */
export type FilingAttach = (tx: Db, filingId: string) => Promise<{ fileId: string; kind: string }[]>;

/**
 * A member in office submits the initial filing or a change filing; one of each kind may be pending at a time.
 * `opts.attach`, when given, runs inside the transaction once every check has passed, so that the route stores
 * the uploaded files under the new filing's id (`opts.id`, or a new one) together with it; what it returns is
 * added to `input.attachments`. An initial filing needs at least one attachment either way.
 */
export async function submitFiling(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  committeeId: string,
  input: FilingInput,
  now: Date,
  opts: { id?: string; attach?: FilingAttach } = {},
): Promise<Fail | { ok: true; filingId: string }> {
  if (input.kind !== "initial" && input.kind !== "change") return fail("kind", "errors.invalid");
  const summary = input.summary?.trim() || null;
  if (input.kind === "change" && !summary) return fail("summary", "committees.errors.summaryRequired");
  if (input.kind === "initial" && input.attachments.length === 0 && !opts.attach) return fail("attachments", "committees.errors.attachmentsRequired");
  for (const a of input.attachments) if (!a.fileId || !a.kind) return fail("attachments", "errors.invalid");
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(committees).where(and(eq(committees.id, committeeId), eq(committees.compoundId, compoundId))).for("update");
    if (!c) return fail("_form", "errors.invalid");
    const member = await actingMember(tx, compoundId, committeeId, actor, now);
    if (!member || !actor) return fail("_form", "committees.errors.notMember");
    const eventAt = input.kind === "initial" ? (input.eventAt ?? c.electedAt) : input.eventAt;
    if (!eventAt) return fail("eventAt", "errors.required");
    if (eventAt.getTime() > now.getTime()) return fail("eventAt", "committees.errors.eventInFuture");
    if (input.kind === "initial" && c.filedAt) return fail("_form", "committees.errors.alreadyFiled");
    const [pending] = await tx
      .select({ id: committeeFilings.id })
      .from(committeeFilings)
      .where(and(eq(committeeFilings.committeeId, committeeId), eq(committeeFilings.kind, input.kind), eq(committeeFilings.status, "submitted")))
      .limit(1);
    if (pending) return fail("_form", "committees.errors.filingPending");
    const filingId = opts.id ?? newId("cmf");
    const stored = opts.attach ? await opts.attach(tx, filingId) : [];
    // Stored files with no id or kind would be a bug in the caller: roll back rather than keep them.
    for (const a of stored) if (!a.fileId || !a.kind) throw new Error("a filing attachment without a file id or kind");
    const attachments = [...input.attachments, ...stored].map((a) => ({ fileId: a.fileId, kind: a.kind }));
    // Nothing was stored when there is nothing to attach, so the refusal still writes nothing.
    if (input.kind === "initial" && attachments.length === 0) return fail("attachments", "committees.errors.attachmentsRequired");
    await tx.insert(committeeFilings).values({
      id: filingId, committeeId, compoundId, kind: input.kind, summary, attachments,
      eventAt, submittedBy: actor.id, submittedAt: now, status: "submitted", createdAt: now,
    });
    await writeAudit(tx, now, { actor, action: "committee.filing_submit", target: { kind: "committee_filing", id: filingId }, scopePath: await nodePath(tx, compoundId), after: { committeeId, kind: input.kind, summary, attachments: attachments.length, eventAt: eventAt.toISOString() } });
    return { ok: true as const, filingId };
  });
}

/** The street office accepts a filing or returns it with reasons; accepting the initial filing files the committee. */
export async function decideFiling(db: Db, actor: AuditActor, compoundId: string, filingId: string, input: { accept: boolean; reasons?: string | null }, now: Date): Promise<Fail | { ok: true }> {
  const reasons = input.reasons?.trim() || null;
  if (!input.accept && !reasons) return fail("reasons", "committees.errors.reasonsRequired");
  return db.transaction(async (tx) => {
    const [f] = await tx.select().from(committeeFilings).where(and(eq(committeeFilings.id, filingId), eq(committeeFilings.compoundId, compoundId))).for("update");
    if (!f) return fail("_form", "errors.invalid");
    if (f.status !== "submitted") return fail("_form", "committees.errors.filingDecided");
    const status = input.accept ? "accepted" : "returned";
    await tx.update(committeeFilings).set({ status, decidedBy: actor?.id ?? null, decidedAt: now, reasons }).where(eq(committeeFilings.id, filingId));
    if (input.accept && f.kind === "initial") await tx.update(committees).set({ filedAt: now }).where(and(eq(committees.id, f.committeeId), isNull(committees.filedAt)));
    await writeAudit(tx, now, { actor, action: "committee.filing_decide", target: { kind: "committee_filing", id: filingId }, scopePath: await nodePath(tx, compoundId), before: { status: "submitted" }, after: { status, reasons, kind: f.kind } });
    return { ok: true as const };
  });
}

export type FilingState = {
  kind: "initial" | "change";
  eventAt: Date;
  deadline: Period;
  /** The latest filing for this event, if any. */
  latest: CommitteeFilingRow | null;
  /** When it was accepted, if it was. */
  acceptedAt: Date | null;
  overdue: boolean;
};

/** The committee's filings, newest first, and where the initial filing and each change stand against their 30 days. */
export async function filingStatus(db: Db, compoundId: string, committeeId: string, now: Date): Promise<{ filings: CommitteeFilingRow[]; initial: FilingState; changes: FilingState[] } | null> {
  const c = await findCommittee(db, compoundId, committeeId);
  if (!c) return null;
  const cal = await loadCalendar(db);
  const filings = await db.select().from(committeeFilings).where(eq(committeeFilings.committeeId, committeeId)).orderBy(desc(committeeFilings.submittedAt), desc(committeeFilings.id));
  const state = (kind: "initial" | "change", eventAt: Date, deadline: Period, rows: CommitteeFilingRow[]): FilingState => {
    const accepted = rows.find((f) => f.status === "accepted");
    const acceptedAt = accepted?.decidedAt ?? null;
    return { kind, eventAt, deadline, latest: rows[0] ?? null, acceptedAt, overdue: overdue(deadline, acceptedAt, now) };
  };
  const initialRows = filings.filter((f) => f.kind === "initial");
  const initial = state("initial", c.electedAt, deadlinesAfterElection(c.electedAt, cal).filing, initialRows);
  if (c.filedAt && !initial.acceptedAt) Object.assign(initial, { acceptedAt: c.filedAt, overdue: overdue(initial.deadline, c.filedAt, now) });
  // Change filings, one state per event (eventAt).
  const byEvent = new Map<number, CommitteeFilingRow[]>();
  for (const f of filings.filter((x) => x.kind === "change")) byEvent.set(f.eventAt.getTime(), [...(byEvent.get(f.eventAt.getTime()) ?? []), f]);
  const changes = [...byEvent.values()].map((rows) => state("change", rows[0].eventAt, changeFilingDeadline(rows[0].eventAt, cal), rows));
  return { filings, initial, changes };
}

// ————————————————————————————————————————————————————————— 5. membership changes

export type EndMembershipInput = { reason: "resigned" | "removed" | "no_longer_owner"; on: Day; decisionId?: string | null };

/**
 * A membership ends on `on` (the last day in office): resignation, removal by a closed decision of this
 * compound, or the member no longer being an owner. The member's grant ends at 24:00 of that day.
 */
export async function endMembership(db: Db, actor: AuditActor, compoundId: string, memberId: string, input: EndMembershipInput, now: Date): Promise<Fail | { ok: true }> {
  if (!["resigned", "removed", "no_longer_owner"].includes(input.reason)) return fail("reason", "errors.invalid");
  if (!DAY_RE.test(input.on)) return fail("on", "errors.invalid");
  return db.transaction(async (tx) => {
    const [m] = await tx.select().from(committeeMembers).where(and(eq(committeeMembers.id, memberId), eq(committeeMembers.compoundId, compoundId))).for("update");
    if (!m) return fail("_form", "errors.invalid");
    if (m.endedOn) return fail("_form", "committees.errors.membershipEnded");
    const [c] = await tx.select().from(committees).where(eq(committees.id, m.committeeId)).limit(1);
    if (!c || c.status !== "active") return fail("_form", "committees.errors.committeeEnded");
    if (input.on < m.fromDay || input.on > m.lastDay) return fail("on", "committees.errors.dayOutsideTerm");
    let decisionId: string | null = null;
    if (input.reason === "removed") {
      const [d] = input.decisionId
        ? await tx.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.id, input.decisionId), eq(decisions.compoundId, compoundId), eq(decisions.status, "closed"))).limit(1)
        : [];
      if (!d) return fail("decisionId", "committees.errors.removalNeedsDecision");
      decisionId = d.id;
    }
    await tx.update(committeeMembers).set({ endedOn: input.on, endReason: input.reason }).where(eq(committeeMembers.id, memberId));
    // A user with another membership row in office (a shared grant) keeps it.
    const sharing = m.grantId
      ? (await tx.select().from(committeeMembers).where(and(eq(committeeMembers.grantId, m.grantId), isNull(committeeMembers.endedOn)))).filter((x) => x.id !== memberId)
      : [];
    if (sharing.length === 0) await endGrant(tx, m.grantId, endOfDay(input.on));
    await writeAudit(tx, now, {
      actor, action: "committee.member_end", target: { kind: "committee_member", id: memberId }, scopePath: await nodePath(tx, compoundId),
      before: { endedOn: null }, after: { name: m.name, endedOn: input.on, reason: input.reason, decisionId },
    });
    return { ok: true as const };
  });
}

/**
 * Seat alternates in ranking order in the vacancies of the committee for the rest of the term (each with a
 * grant), skipping those no longer owners here. A seat whose member leaves at the end of today is taken from
 * tomorrow. Returns who was seated and whether a by-election is due.
 */
export async function fillVacancy(db: Db, actor: AuditActor, compoundId: string, committeeId: string, now: Date): Promise<Fail | { ok: true; seated: { memberId: string; alternateId: string; name: string }[]; membersInOffice: number; byElectionDue: boolean }> {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(committees).where(and(eq(committees.id, committeeId), eq(committees.compoundId, compoundId))).for("update");
    if (!c) return fail("_form", "errors.invalid");
    const today = shanghaiDay(now);
    if (c.status !== "active" || today > c.termLastDay) return fail("_form", "committees.errors.committeeEnded");
    // A member whose last day is today is in office until 24:00: that seat is vacant from tomorrow, and the
    // alternate takes it from then (a seat already vacant today is taken today).
    const all = await membersOf(tx, committeeId);
    const inToday = all.filter(memberIn(today)).length;
    const tomorrow = addDays(today, 1);
    const fromDay = inToday < c.seats || tomorrow > c.termLastDay ? today : tomorrow;
    let n = all.filter(memberIn(fromDay)).length;
    const alts = await tx.select().from(committeeAlternates).where(eq(committeeAlternates.committeeId, committeeId)).orderBy(asc(committeeAlternates.rank));
    const seatedIds = new Set(alts.filter((a) => a.seatedMemberId).map((a) => a.id));
    const eligible = new Map<string, { userId: string | null }>();
    for (const a of alts) {
      if (seatedIds.has(a.id)) continue;
      const o = await ownerInForce(tx, compoundId, a.ownerId, now);
      if (o) eligible.set(a.id, { userId: o.userId });
    }
    const seated: { memberId: string; alternateId: string; name: string }[] = [];
    while (n < c.seats) {
      const next = nextAlternate(alts.map((a) => a.id), seatedIds, (id) => eligible.has(id));
      if (!next) break;
      const a = alts.find((x) => x.id === next)!;
      const userId = eligible.get(next)!.userId;
      const grantId = userId ? await grantFor(tx, actor, compoundId, userId, c.termLastDay, now, fromDay) : null;
      const memberId = newId("cmm");
      await tx.insert(committeeMembers).values({
        id: memberId, committeeId, compoundId, ownerId: a.ownerId, userId, name: a.name, role: "member", source: "alternate",
        rank: a.rank, fromDay, lastDay: c.termLastDay, grantId, createdAt: now,
      });
      await tx.update(committeeAlternates).set({ seatedMemberId: memberId }).where(eq(committeeAlternates.id, a.id));
      seatedIds.add(next);
      seated.push({ memberId, alternateId: a.id, name: a.name });
      n++;
    }
    const due = byElectionDue(n, c.seats, c.minSeats);
    if (seated.length) {
      await writeAudit(tx, now, {
        actor, action: "committee.fill_vacancy", target: { kind: "committee", id: committeeId }, scopePath: await nodePath(tx, compoundId),
        after: { seated: seated.map((s) => ({ name: s.name, memberId: s.memberId })), membersInOffice: n, byElectionDue: due },
      });
    }
    return { ok: true as const, seated, membersInOffice: n, byElectionDue: due };
  });
}

// ————————————————————————————————————————————————————————— 6. the overview

export type DeadlineState = { period: Period; doneAt: Date | null; done: boolean; overdue: boolean };

export type CommitteeOverview = {
  status: CommitteeStatus;
  committee: CommitteeRow | null;
  members: CommitteeMemberRow[];
  alternatesLeft: CommitteeAlternateRow[];
  deadlines: null | { firstMeeting: DeadlineState; memberList: DeadlineState; filing: DeadlineState };
  reElectionFrom: Day | null;
  byElectionDue: boolean;
};

/** The compound's committee as its home page and the street office's overview show it, at `now`. */
export async function committeeOverview(db: Db, compoundId: string, now: Date): Promise<CommitteeOverview> {
  const pack = await packOf(db, compoundId);
  const cal = await loadCalendar(db);
  const today = shanghaiDay(now);
  const c = await activeCommittee(db, compoundId);
  const preparing = !!(await activePrepGroup(db, compoundId));
  if (!c) {
    const status = committeeStatus({ preparing, committee: null }, today, now, cal, pack);
    return { status, committee: null, members: [], alternatesLeft: [], deadlines: null, reElectionFrom: null, byElectionDue: false };
  }
  const members = await membersInOffice(db, c.id, now);
  const status = committeeStatus(
    { preparing, committee: { electedAt: c.electedAt, termLastDay: c.termLastDay, filedAt: c.filedAt, membersInOffice: members.length, seats: c.seats, minSeats: c.minSeats } },
    today, now, cal, pack,
  );
  // The member list was done when its first notice went up.
  const [firstList] = await db
    .select({ publishAt: notices.publishAt })
    .from(notices)
    .where(and(eq(notices.compoundId, compoundId), eq(notices.sourceKind, "committee_members"), eq(notices.sourceId, c.id), isNotNull(notices.publishAt)))
    .orderBy(asc(notices.publishAt))
    .limit(1);
  const d = deadlinesAfterElection(c.electedAt, cal);
  const st = (period: Period, doneAt: Date | null): DeadlineState => ({ period, doneAt, done: doneAt !== null && doneAt.getTime() <= now.getTime(), overdue: overdue(period, doneAt && doneAt.getTime() <= now.getTime() ? doneAt : null, now) });
  return {
    status,
    committee: c,
    members,
    alternatesLeft: await alternatesLeft(db, c.id),
    deadlines: { firstMeeting: st(d.firstMeeting, c.firstMeetingAt), memberList: st(d.memberList, firstList?.publishAt ?? null), filing: st(d.filing, c.filedAt) },
    reElectionFrom: reElectionFrom(c.termLastDay, pack.reElectionLeadMonths),
    byElectionDue: byElectionDue(members.length, c.seats, c.minSeats),
  };
}

// — pages (home)

/** A member row of this compound's committees (any committee, in office or not), or null: another compound's member is "not found". */
export async function findMember(db: Db, compoundId: string, memberId: string): Promise<CommitteeMemberRow | null> {
  const [m] = await db.select().from(committeeMembers).where(and(eq(committeeMembers.id, memberId), eq(committeeMembers.compoundId, compoundId))).limit(1);
  return m ?? null;
}
