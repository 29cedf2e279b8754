/**
 * Page-shaped reads and the action dispatch of the committee's pages (`/c/:id/committee` and its first meeting
 * form). The domain is in ./committees.server.ts and the law in ./rules.ts; this file only shapes what a page
 * shows (JSON-safe values) and routes one parsed intent to its context function.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { decisions } from "~db/schema";
import type { AuditActor } from "~/audit/audit.server";
import { fail } from "~/elections/common.server";
import { shanghaiIso } from "~/i18n/format";
import { addDays, shanghaiDay } from "~/platform/days";
import { rulePackFor } from "~/decisions/decisions.server";
import {
  activeCommittee,
  committeeOverview,
  endMembership,
  fillVacancy,
  findMember,
  memberInOffice,
  membersInOffice,
  membersOf,
  publishMemberList,
  type DeadlineState,
  type Fail,
} from "./committees.server";
import { committeeMajority, inOffice, meetingQuorum } from "./rules";
import { membersPaymentStatus, type MemberPaymentStatus } from "~/fees/arrears.server";
import type { HomeAction } from "./schema";

export const TASKS = ["firstMeeting", "memberList", "filing"] as const;
export type TaskKey = (typeof TASKS)[number];
/** done (in time), late (done after the deadline), overdue (not done, deadline passed), pending. */
export type TaskState = "done" | "late" | "overdue" | "pending";

export function taskState(d: Pick<DeadlineState, "done" | "overdue">): TaskState {
  if (d.done) return d.overdue ? "late" : "done";
  return d.overdue ? "overdue" : "pending";
}

/** The compound's closed decisions, newest first: what a removal may rest on. */
export async function closedDecisions(db: Db, compoundId: string): Promise<{ id: string; title: string; closedAt: string | null }[]> {
  const rows = await db
    .select({ id: decisions.id, title: decisions.title, closedAt: decisions.closedAt })
    .from(decisions)
    .where(and(eq(decisions.compoundId, compoundId), eq(decisions.status, "closed")))
    .orderBy(desc(decisions.closesAt), desc(decisions.id))
    .limit(200);
  return rows.map((r) => ({ id: r.id, title: r.title, closedAt: r.closedAt ? r.closedAt.toISOString() : null }));
}

export type HomeViewer = { act: boolean; members: boolean };

/** The committee home: the overview at `now` as the page shows it, and the closed decisions for the removal form (committee:members only). */
export async function committeeHome(db: Db, compoundId: string, viewer: HomeViewer, now: Date) {
  const o = await committeeOverview(db, compoundId, now);
  const c = o.committee;
  const tasks = o.deadlines
    ? TASKS.map((key) => {
        const d = o.deadlines![key];
        return { key, lastDay: d.period.lastDay, extended: d.period.extended, doneAt: d.doneAt ? d.doneAt.toISOString() : null, state: taskState(d) };
      })
    : [];
  // Alternates seated today for a seat vacated at the end of today take office tomorrow; the seats still open
  // are counted on the day a new member would start (tomorrow, unless the term ends today).
  const today = shanghaiDay(now);
  const all = c ? await membersOf(db, c.id) : [];
  const startDay = c && addDays(today, 1) <= c.termLastDay ? addDays(today, 1) : today;
  const incoming = all.filter((m) => m.fromDay > today && !m.endedOn);
  const openSeats = c ? Math.max(0, c.seats - all.filter((m) => inOffice({ from: m.fromDay, lastDay: m.lastDay, endedOn: m.endedOn }, startDay)).length) : 0;
  return {
    today,
    openSeats,
    incoming: incoming.map((m) => ({ id: m.id, name: m.name, fromDay: m.fromDay })),
    status: o.status,
    committee: c
      ? {
          id: c.id,
          seats: c.seats,
          minSeats: c.minSeats,
          electedAt: c.electedAt.toISOString(),
          termStart: c.termStart,
          termLastDay: c.termLastDay,
          firstMeetingAt: c.firstMeetingAt ? c.firstMeetingAt.toISOString() : null,
          memberListNoticeId: c.memberListNoticeId,
          decisionId: c.decisionId,
        }
      : null,
    members: o.members.map((m) => ({ id: m.id, name: m.name, role: m.role, source: m.source, fromDay: m.fromDay, lastDay: m.lastDay, endedOn: m.endedOn })),
    alternates: o.alternatesLeft.map((a) => ({ id: a.id, name: a.name, rank: a.rank })),
    tasks,
    reElectionFrom: o.reElectionFrom,
    byElectionDue: o.byElectionDue,
    closedDecisions: viewer.members && c ? await closedDecisions(db, compoundId) : [],
    memberPayments: c ? await committeeMembersPayments(db, compoundId, now) : null,
  };
}
export type CommitteeHome = Awaited<ReturnType<typeof committeeHome>>;

export type HomeIntentResult =
  | Fail
  | { ok: true; done: "list" }
  | { ok: true; done: "ended"; memberId: string; on: string }
  | { ok: true; done: "filled"; seated: string[]; byElectionDue: boolean };

/**
 * Run one parsed intent of the committee home for the compound's active committee. null: the record named is
 * not this compound's (the route answers 404). Permissions are the route's; publishing the member list also
 * needs the actor to be a member in office (as the first meeting and filings do in the context).
 */
export async function runHomeIntent(db: Db, actor: AuditActor, compoundId: string, input: HomeAction, now: Date): Promise<HomeIntentResult | null> {
  if (input.intent === "endMembership") {
    const m = await findMember(db, compoundId, input.memberId);
    if (!m) return null;
    const r = await endMembership(db, actor, compoundId, m.id, { reason: input.reason, on: input.on, decisionId: input.reason === "removed" ? input.decisionId : null }, now);
    return r.ok ? { ok: true, done: "ended", memberId: m.id, on: input.on } : r;
  }
  const c = await activeCommittee(db, compoundId);
  if (!c) return fail("_form", "committees.home.noCommittee");
  if (input.intent === "publishList") {
    const me = actor ? await memberInOffice(db, compoundId, actor.id, now) : null;
    if (!me || me.committeeId !== c.id) return fail("_form", "committees.errors.notMember");
    const r = await publishMemberList(db, actor, compoundId, c.id, now);
    return r.ok ? { ok: true, done: "list" } : r;
  }
  const r = await fillVacancy(db, actor, compoundId, c.id, now);
  return r.ok ? { ok: true, done: "filled", seated: r.seated.map((s) => s.memberId), byElectionDue: r.byElectionDue } : r;
}

function fewestPresent(n: number): number {
  let q = 0;
  while (!meetingQuorum(q, n)) q++;
  return q;
}

/** The first meeting form: the active committee, its members in office now, and the numbers the law asks for. null: no active committee. */
export async function firstMeetingPage(db: Db, compoundId: string, now: Date) {
  const o = await committeeOverview(db, compoundId, now);
  const c = o.committee;
  if (!c) return null;
  const members = o.members;
  const mode = (await rulePackFor(db, compoundId)).committeeMajority;
  const n = members.length;
  return {
    committee: { id: c.id, electedAt: c.electedAt.toISOString(), firstMeetingAt: c.firstMeetingAt ? c.firstMeetingAt.toISOString() : null },
    deadline: o.deadlines ? { lastDay: o.deadlines.firstMeeting.period.lastDay, state: taskState(o.deadlines.firstMeeting) } : null,
    members: members.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    inOffice: n,
    mode,
    /** The fewest present for a quorum: more than half of the members in office. */
    quorum: fewestPresent(n),
    /** Votes the chair and the vice-chair each need, of all members in office. */
    majority: n > 0 ? committeeMajority(n, mode) : null,
    /** datetime-local bounds and default, Asia/Shanghai. */
    nowLocal: shanghaiIso(now).slice(0, 16),
    electedLocal: shanghaiIso(c.electedAt).slice(0, 16),
  };
}
export type FirstMeetingPage = NonNullable<Awaited<ReturnType<typeof firstMeetingPage>>>;

/**
 * The members' own fee-payment status for the committee home (Beijing Art. 44: published every half-year): each
 * member in office, paid up or what they owed at the end of the last half-year (app/fees/arrears.server.ts).
 * null without an active committee.
 */
export async function committeeMembersPayments(db: Db, compoundId: string, now: Date): Promise<MemberPaymentStatus | null> {
  const c = await activeCommittee(db, compoundId);
  if (!c) return null;
  const members = await membersInOffice(db, c.id, now);
  return membersPaymentStatus(db, compoundId, members.map((m) => ({ id: m.id, ownerId: m.ownerId, name: m.name, role: m.role })), now);
}
