import { describe, expect, it } from "vitest";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import {
  auditLog, candidates, committeeAlternates, committeeFilings, committeeMeetings, committeeMembers, committees, compounds, decisionMotionCandidates,
  decisionMotions, decisions, elections, notices, owners, ownerships, prepGroupMembers, prepGroups, roleGrants, users,
} from "~db/schema";
import {
  committeeOverview, decideFiling, endMembership, filingStatus, fillVacancy, formCommittee, memberInOffice, publishMemberList, recordFirstMeeting, submitFiling,
} from "~/committees/committees.server";
import { canonicalOutput, TALLY_FORMAT } from "~/decisions/record";
import { loadActiveGrants } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { nodePath } from "~/platform/area.server";
import { shanghaiDay } from "~/platform/days";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * 南苑小区 (cp_nanyuan) and 南苑二期 (cp_nanyuan2) have no committee, prep group or election in the demo seed.
 * The election decisions are written directly as closed rows with a stored tally (the decisions engine's
 * election motions are not used here). usr_demo11 (黄伟) is the 松林街道 street officer. Instants in +08:00.
 */
const at = (s: string) => new Date(s);
const CP = "cp_nanyuan";
const CP2 = "cp_nanyuan2";
const street = { id: "usr_demo11", name: "黄伟" };

type Fixture = { owners: string[]; users: (string | null)[] };
const fx: Record<string, Fixture> = {};

/** Distinct person owners in force in the compound, the first `n` given accounts (all but `noAccount`). */
async function ownersOf(cp: string, n: number, noAccount: number[] = []): Promise<Fixture> {
  const rows = await h.db
    .selectDistinct({ id: owners.id })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.compoundId, cp), eq(owners.kind, "person"), isNull(owners.userId), isNull(ownerships.validTo)))
    .orderBy(asc(owners.id))
    .limit(n);
  expect(rows.length).toBe(n);
  const out: Fixture = { owners: rows.map((r) => r.id), users: [] };
  for (const [i, r] of rows.entries()) {
    if (noAccount.includes(i)) {
      out.users.push(null);
      continue;
    }
    const uid = `usr_t_${cp}_${i}`;
    await h.db.insert(users).values({ id: uid, phone: `199${cp === CP ? "1" : "2"}000${String(i).padStart(4, "0")}`, name: `委员${i}`, createdAt: at("2025-01-01T00:00:00+08:00") });
    await h.db.update(owners).set({ userId: uid }).where(eq(owners.id, r.id));
    out.users.push(uid);
  }
  return out;
}

type ElectionFixture = {
  id: string; cp: string; status?: "closed" | "open"; closesAt: Date; countingClosesAt?: Date;
  seats: number; minSeats: number; alternates: number; owners: string[];
  elected: string[]; alternateKeys: string[]; tie?: string[]; formed?: boolean; candidateIds?: (string | null)[];
};

/** A decision with one election motion e1 (candidates c1… on the given owners) and its stored tally. */
async function electionDecision(f: ElectionFixture): Promise<{ decisionId: string; motionId: string }> {
  const closesAt = f.closesAt;
  const countingClosesAt = f.countingClosesAt ?? closesAt;
  const keys = f.owners.map((_, i) => `c${i + 1}`);
  const formed = f.formed ?? (f.elected.length >= f.minSeats && 2 * f.elected.length > f.seats);
  const zero = { area: 0, heads: 0 };
  const entry = {
    abstain: zero, alternates: f.alternateKeys, category: 3, elected: f.elected, formed, id: "e1", kind: "election",
    candidates: keys.map((k, i) => ({ id: k, reached: f.elected.includes(k) || f.alternateKeys.includes(k), yes: { area: 100000 - i * 1000, heads: 100 - i } })),
    participating: { area: 500000, heads: 200 }, passed: formed, quorum: true, threshold: "ordinary", tie: f.tie ?? [], total: { area: 800000, heads: 300 },
  };
  const result = { chainHead: "0".repeat(64), errors: [], format: TALLY_FORMAT, genesis: "0".repeat(64), motions: [entry], ok: true };
  const closed = (f.status ?? "closed") === "closed";
  await h.db.insert(decisions).values({
    id: f.id, compoundId: f.cp, scopeKind: "compound", title: "选举业主委员会", form: "collective", status: f.status ?? "closed",
    opensAt: new Date(closesAt.getTime() - 15 * 86400_000), closesAt, countingClosesAt, secretEnc: "x",
    closedAt: closed ? countingClosesAt : null, resultCanonical: closed ? canonicalOutput(result) : null, createdAt: new Date(closesAt.getTime() - 30 * 86400_000),
  });
  const motionId = `${f.id}_e1`;
  await h.db.insert(decisionMotions).values({ id: motionId, decisionId: f.id, compoundId: f.cp, key: "e1", position: 1, title: "选举第一届业主委员会", text: "…", category: 3, kind: "election", seats: f.seats, minSeats: f.minSeats, alternates: f.alternates, createdAt: closesAt });
  for (const [i, ownerId] of f.owners.entries()) {
    const [o] = await h.db.select({ name: owners.name }).from(owners).where(eq(owners.id, ownerId));
    await h.db.insert(decisionMotionCandidates).values({ id: `${motionId}_c${i + 1}`, decisionId: f.id, motionId, compoundId: f.cp, key: keys[i], position: i + 1, name: o.name, ownerId, candidateId: f.candidateIds?.[i] ?? null, createdAt: closesAt });
  }
  return { decisionId: f.id, motionId };
}

const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
async function counts(cp: string) {
  return {
    committees: await n(h.db.select({ n: count() }).from(committees).where(eq(committees.compoundId, cp))),
    members: await n(h.db.select({ n: count() }).from(committeeMembers).where(eq(committeeMembers.compoundId, cp))),
    alternates: await n(h.db.select({ n: count() }).from(committeeAlternates).where(eq(committeeAlternates.compoundId, cp))),
    meetings: await n(h.db.select({ n: count() }).from(committeeMeetings).where(eq(committeeMeetings.compoundId, cp))),
    filings: await n(h.db.select({ n: count() }).from(committeeFilings).where(eq(committeeFilings.compoundId, cp))),
    notices: await n(h.db.select({ n: count() }).from(notices).where(eq(notices.compoundId, cp))),
    grants: await n(h.db.select({ n: count() }).from(roleGrants)),
    audit: await n(h.db.select({ n: count() }).from(auditLog)),
  };
}

// The election: 2026-03-05 (Thu). First meeting within 7 days → 03-12; member list within 3 days → 03-08 is a
// Sunday → 03-09; filing within 30 days → 04-04 is 清明 (04-04…04-06 rest days) → 04-07.
const CLOSES = at("2026-03-05T12:00:00+08:00");
const COUNTING = at("2026-03-05T18:00:00+08:00");
const FORM_AT = at("2026-03-05T20:00:00+08:00");
let A = { decisionId: "", motionId: "" };
let committeeId = "";
let memberIds: string[] = [];
const memberActor = (i: number) => ({ id: fx.A.users[i]!, name: `委员${i}` });
const hasAccess = async (userId: string, when: Date) => can(await loadActiveGrants(h.db, userId, when), "model:manage", (await nodePath(h.db, CP))!);

describe("forming the committee @committees", () => {
  it("refuses a decision that is open, not an election or whose result did not form a committee, writing nothing", async () => {
    fx.A = await ownersOf(CP, 8, [4]);
    A = await electionDecision({ id: "dec_t_cm_a", cp: CP, closesAt: CLOSES, countingClosesAt: COUNTING, seats: 5, minSeats: 3, alternates: 2, owners: fx.A.owners, elected: ["c1", "c2", "c3", "c4", "c5"], alternateKeys: ["c6", "c7"] });
    const open = await electionDecision({ id: "dec_t_cm_open", cp: CP, status: "open", closesAt: at("2026-12-01T12:00:00+08:00"), seats: 5, minSeats: 3, alternates: 2, owners: fx.A.owners.slice(0, 5), elected: [], alternateKeys: [] });
    const notFormed = await electionDecision({ id: "dec_t_cm_nf", cp: CP, closesAt: at("2026-02-01T12:00:00+08:00"), seats: 5, minSeats: 3, alternates: 2, owners: fx.A.owners.slice(0, 5), elected: ["c1", "c2"], alternateKeys: [] });
    const before = await counts(CP);
    expect(await formCommittee(h.db, street, CP, open.decisionId, open.motionId, FORM_AT)).toEqual({ ok: false, errors: { decisionId: "committees.errors.decisionNotClosed" } });
    expect(await formCommittee(h.db, street, CP, notFormed.decisionId, notFormed.motionId, FORM_AT)).toEqual({ ok: false, errors: { motionId: "committees.errors.notFormed" } });
    expect(await formCommittee(h.db, street, CP2, A.decisionId, A.motionId, FORM_AT)).toEqual({ ok: false, errors: { decisionId: "committees.errors.decisionNotFound" } });
    expect(await formCommittee(h.db, street, CP, A.decisionId, notFormed.motionId, FORM_AT)).toEqual({ ok: false, errors: { motionId: "committees.errors.notElection" } });
    expect(await counts(CP)).toEqual(before);
  });

  it("forms the committee: members in ranking order, grants to the end of the term, alternates in order", async () => {
    const before = await counts(CP);
    const r = await formCommittee(h.db, street, CP, A.decisionId, A.motionId, FORM_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    committeeId = r.id;
    memberIds = r.memberIds;
    expect(r.replaced).toBeNull();
    expect(r.prepGroupDissolved).toBeNull();
    const [c] = await h.db.select().from(committees).where(eq(committees.id, r.id));
    expect(c).toMatchObject({ status: "active", seats: 5, minSeats: 3, termStart: "2026-03-05", termLastDay: "2031-03-05", decisionId: A.decisionId, motionId: A.motionId, electionId: null });
    expect(c.electedAt.toISOString()).toBe(COUNTING.toISOString());
    const ms = await h.db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, r.id)).orderBy(asc(committeeMembers.rank));
    expect(ms.map((m) => [m.ownerId, m.rank, m.role, m.source, m.userId])).toEqual(fx.A.owners.slice(0, 5).map((o, i) => [o, i + 1, "member", "elected", fx.A.users[i]]));
    expect(ms.map((m) => m.id)).toEqual(memberIds);
    // The member without an account (c5) has no grant; the others have one to 24:00 of 2031-03-05.
    expect(ms[4].grantId).toBeNull();
    const grants = await h.db.select().from(roleGrants).where(and(eq(roleGrants.role, "committee_member"), eq(roleGrants.nodeId, CP)));
    expect(grants).toHaveLength(4);
    for (const g of grants) expect(g.validTo?.toISOString()).toBe(at("2031-03-06T00:00:00+08:00").toISOString());
    const alts = await h.db.select().from(committeeAlternates).where(eq(committeeAlternates.committeeId, r.id)).orderBy(asc(committeeAlternates.rank));
    expect(alts.map((a) => [a.ownerId, a.rank, a.seatedMemberId])).toEqual([[fx.A.owners[5], 6, null], [fx.A.owners[6], 7, null]]);
    const after = await counts(CP);
    expect(after).toMatchObject({ committees: before.committees + 1, members: 5, alternates: 2, grants: before.grants + 4 });
    expect(await n(h.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "committee.form")))).toBe(1);
  });

  it("gives access through the last day of the term and none after it, with no job", async () => {
    const u = fx.A.users[0]!;
    expect(await hasAccess(u, at("2026-03-06T09:00:00+08:00"))).toBe(true);
    expect(await hasAccess(u, at("2031-03-05T23:59:00+08:00"))).toBe(true);
    expect(await hasAccess(u, at("2031-03-06T00:00:00+08:00"))).toBe(false);
    expect((await memberInOffice(h.db, CP, u, at("2031-03-05T12:00:00+08:00")))?.id).toBe(memberIds[0]);
    expect(await memberInOffice(h.db, CP, u, at("2031-03-06T08:00:00+08:00"))).toBeNull();
    expect(await memberInOffice(h.db, CP, fx.A.users[5]!, at("2026-03-06T08:00:00+08:00"))).toBeNull(); // an alternate is no member
    expect(await memberInOffice(h.db, CP2, u, at("2026-03-06T08:00:00+08:00"))).toBeNull();
  });

  it("refuses the same result twice and a second committee within the term", async () => {
    expect(await formCommittee(h.db, street, CP, A.decisionId, A.motionId, FORM_AT)).toEqual({ ok: false, errors: { motionId: "committees.errors.alreadyFormed" } });
    const B = await electionDecision({ id: "dec_t_cm_a2", cp: CP, closesAt: at("2027-06-01T12:00:00+08:00"), seats: 5, minSeats: 3, alternates: 0, owners: fx.A.owners.slice(0, 5), elected: ["c1", "c2", "c3", "c4", "c5"], alternateKeys: [] });
    expect(await formCommittee(h.db, street, CP, B.decisionId, B.motionId, at("2027-06-01T20:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.committeeExists" } });
  });
});

describe("member list and first meeting @committees", () => {
  it("posts the member list on the notice board, and again only after a change", async () => {
    const r = await publishMemberList(h.db, memberActor(0), CP, committeeId, at("2026-03-06T09:00:00+08:00"));
    if (!r.ok) throw new Error(JSON.stringify(r));
    const [nt] = await h.db.select().from(notices).where(eq(notices.id, r.noticeId));
    expect(nt).toMatchObject({ compoundId: CP, sourceKind: "committee_members", sourceId: committeeId });
    expect(nt.body.split("\n").filter((l) => l.includes("委员"))).toHaveLength(5);
    expect((await h.db.select().from(committees).where(eq(committees.id, committeeId)))[0].memberListNoticeId).toBe(r.noticeId);
    expect(await publishMemberList(h.db, memberActor(0), CP, committeeId, at("2026-03-06T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.listUnchanged" } });
  });

  const meeting = (extra: Partial<Parameters<typeof recordFirstMeeting>[4]> = {}) => ({
    heldAt: at("2026-03-10T19:00:00+08:00"), present: 4, chairMemberId: memberIds[0], chairVotes: 3, viceChairMemberId: memberIds[1], viceChairVotes: 3, minutes: "选举主任、副主任。", ...extra,
  });
  const NOW = at("2026-03-10T21:00:00+08:00");

  it("refuses a non-member, no quorum, and a chair elected by fewer than the majority of the members in office", async () => {
    const before = await counts(CP);
    expect(await recordFirstMeeting(h.db, street, CP, committeeId, meeting(), NOW)).toEqual({ ok: false, errors: { _form: "committees.errors.notMember" } });
    expect(await recordFirstMeeting(h.db, { id: fx.A.users[5]!, name: "候补" }, CP, committeeId, meeting(), NOW)).toEqual({ ok: false, errors: { _form: "committees.errors.notMember" } });
    expect(await recordFirstMeeting(h.db, memberActor(0), CP, committeeId, meeting({ present: 2, chairVotes: 2, viceChairVotes: 2 }), NOW)).toEqual({ ok: false, errors: { present: "committees.errors.noQuorum" } });
    // 5 in office: 3 needed either way; 2 of the 4 present is not enough.
    expect(await recordFirstMeeting(h.db, memberActor(0), CP, committeeId, meeting({ chairVotes: 2 }), NOW)).toEqual({ ok: false, errors: { chairVotes: "committees.errors.belowMajority" } });
    expect(await recordFirstMeeting(h.db, memberActor(0), CP, committeeId, meeting({ viceChairVotes: 2 }), NOW)).toEqual({ ok: false, errors: { viceChairVotes: "committees.errors.belowMajority" } });
    expect(await recordFirstMeeting(h.db, memberActor(0), CP, committeeId, meeting({ viceChairMemberId: memberIds[0] }), NOW)).toEqual({ ok: false, errors: { viceChairMemberId: "committees.errors.chairIsViceChair" } });
    expect(await recordFirstMeeting(h.db, memberActor(0), CP, committeeId, meeting({ heldAt: at("2026-03-11T19:00:00+08:00") }), NOW)).toEqual({ ok: false, errors: { heldAt: "committees.errors.heldInFuture" } });
    expect(await counts(CP)).toEqual(before);
  });

  it("records the first meeting: roles set, first_meeting_at, and the changed list can be posted again", async () => {
    const r = await recordFirstMeeting(h.db, memberActor(2), CP, committeeId, meeting(), NOW);
    expect(r.ok).toBe(true);
    const ms = await h.db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, committeeId)).orderBy(asc(committeeMembers.rank));
    expect(ms.map((m) => m.role)).toEqual(["chair", "vice_chair", "member", "member", "member"]);
    const [c] = await h.db.select().from(committees).where(eq(committees.id, committeeId));
    expect(c.firstMeetingAt?.toISOString()).toBe(at("2026-03-10T19:00:00+08:00").toISOString());
    const [mt] = await h.db.select().from(committeeMeetings).where(eq(committeeMeetings.committeeId, committeeId));
    expect(mt).toMatchObject({ kind: "first", membersInOffice: 5, present: 4, chairVotes: 3, recordedBy: fx.A.users[2] });
    expect(await recordFirstMeeting(h.db, memberActor(0), CP, committeeId, meeting(), NOW)).toEqual({ ok: false, errors: { _form: "committees.errors.firstMeetingRecorded" } });
    const again = await publishMemberList(h.db, memberActor(0), CP, committeeId, at("2026-03-11T09:00:00+08:00"));
    if (!again.ok) throw new Error(JSON.stringify(again));
    const [nt] = await h.db.select().from(notices).where(eq(notices.id, again.noticeId));
    expect(nt.body).toContain("主任");
    expect(await n(h.db.select({ n: count() }).from(notices).where(and(eq(notices.sourceKind, "committee_members"), eq(notices.sourceId, committeeId))))).toBe(2);
  });
});

describe("the overview across the clock, before filing @committees", () => {
  it("is active with its deadlines, and filing overdue only after the 30 days as legally counted", async () => {
    const o = await committeeOverview(h.db, CP, at("2026-03-12T09:00:00+08:00"));
    expect(o.status).toBe("active");
    expect(o.members).toHaveLength(5);
    expect(o.alternatesLeft.map((a) => a.rank)).toEqual([6, 7]);
    expect(o.reElectionFrom).toBe("2030-12-05");
    expect(o.deadlines?.firstMeeting).toMatchObject({ done: true, overdue: false });
    expect(o.deadlines?.firstMeeting.period.lastDay).toBe("2026-03-12");
    expect(o.deadlines?.memberList).toMatchObject({ done: true, overdue: false });
    expect(o.deadlines?.memberList.period.lastDay).toBe("2026-03-09");
    expect(o.deadlines?.filing).toMatchObject({ done: false, overdue: false });
    expect(o.deadlines?.filing.period).toMatchObject({ lastDay: "2026-04-07", extended: true });
    // 30 days counted naively end on 04-04; the period runs over 清明 to 24:00 of 04-07.
    expect((await committeeOverview(h.db, CP, at("2026-04-07T23:59:00+08:00"))).status).toBe("active");
    const late = await committeeOverview(h.db, CP, at("2026-04-08T00:00:01+08:00"));
    expect(late.status).toBe("filing_overdue");
    expect(late.deadlines?.filing.overdue).toBe(true);
  });
});

describe("filing @committees", () => {
  const files = [{ fileId: "fil_t_report", kind: "election_report" }, { fileId: "fil_t_rules", kind: "rules_of_procedure" }];
  let filingId = "";

  it("refuses a non-member and a filing without documents", async () => {
    const before = await counts(CP);
    expect(await submitFiling(h.db, street, CP, committeeId, { kind: "initial", attachments: files }, at("2026-03-20T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.notMember" } });
    expect(await submitFiling(h.db, memberActor(0), CP, committeeId, { kind: "initial", attachments: [] }, at("2026-03-20T10:00:00+08:00"))).toEqual({ ok: false, errors: { attachments: "committees.errors.attachmentsRequired" } });
    expect(await counts(CP)).toEqual(before);
  });

  it("is returned with reasons, resubmitted, accepted (filed_at), and not decided twice", async () => {
    const r = await submitFiling(h.db, memberActor(0), CP, committeeId, { kind: "initial", attachments: files }, at("2026-03-20T10:00:00+08:00"));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(await submitFiling(h.db, memberActor(1), CP, committeeId, { kind: "initial", attachments: files }, at("2026-03-20T11:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.filingPending" } });
    expect(await decideFiling(h.db, street, CP, r.filingId, { accept: false, reasons: " " }, at("2026-03-23T10:00:00+08:00"))).toEqual({ ok: false, errors: { reasons: "committees.errors.reasonsRequired" } });
    expect(await decideFiling(h.db, street, CP2, r.filingId, { accept: true }, at("2026-03-23T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    expect(await decideFiling(h.db, street, CP, r.filingId, { accept: false, reasons: "缺少管理规约。" }, at("2026-03-23T10:00:00+08:00"))).toEqual({ ok: true });
    expect(await decideFiling(h.db, street, CP, r.filingId, { accept: true }, at("2026-03-23T11:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.filingDecided" } });
    let st = await filingStatus(h.db, CP, committeeId, at("2026-03-23T12:00:00+08:00"));
    expect(st?.initial).toMatchObject({ acceptedAt: null, overdue: false });
    expect(st?.initial.latest).toMatchObject({ status: "returned", reasons: "缺少管理规约。", decidedBy: street.id });

    const again = await submitFiling(h.db, memberActor(1), CP, committeeId, { kind: "initial", attachments: [...files, { fileId: "fil_t_covenant", kind: "management_covenant" }] }, at("2026-03-25T10:00:00+08:00"));
    if (!again.ok) throw new Error(JSON.stringify(again));
    filingId = again.filingId;
    const acceptAt = at("2026-03-27T10:00:00+08:00");
    expect(await decideFiling(h.db, street, CP, filingId, { accept: true }, acceptAt)).toEqual({ ok: true });
    expect(await decideFiling(h.db, street, CP, filingId, { accept: false, reasons: "再议" }, at("2026-03-28T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.filingDecided" } });
    const [c] = await h.db.select().from(committees).where(eq(committees.id, committeeId));
    expect(c.filedAt?.toISOString()).toBe(acceptAt.toISOString());
    st = await filingStatus(h.db, CP, committeeId, at("2026-05-01T12:00:00+08:00"));
    expect(st?.initial).toMatchObject({ overdue: false, latest: { id: filingId, status: "accepted" } });
    expect(st?.filings).toHaveLength(2);
    expect(await submitFiling(h.db, memberActor(0), CP, committeeId, { kind: "initial", attachments: files }, at("2026-04-01T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.alreadyFiled" } });
  });

  it("the overview after filing: active, term ending from three months before the last day, expired after it", async () => {
    expect((await committeeOverview(h.db, CP, at("2026-04-08T00:00:00+08:00"))).status).toBe("active");
    expect((await committeeOverview(h.db, CP, at("2030-12-04T12:00:00+08:00"))).status).toBe("active");
    expect((await committeeOverview(h.db, CP, at("2030-12-05T12:00:00+08:00"))).status).toBe("term_ending");
    expect((await committeeOverview(h.db, CP, at("2031-03-05T23:00:00+08:00"))).status).toBe("term_ending");
    const ex = await committeeOverview(h.db, CP, at("2031-03-06T00:00:00+08:00"));
    expect(ex.status).toBe("expired");
    expect(ex.members).toEqual([]);
  });
});

describe("membership changes and alternates @committees", () => {
  it("a resignation ends the grant at the end of that day; the first alternate is seated with a grant", async () => {
    expect(await endMembership(h.db, memberActor(1), CP, memberIds[1], { reason: "resigned", on: "2026-06-30" }, at("2026-06-30T09:00:00+08:00"))).toEqual({ ok: true });
    expect(await endMembership(h.db, memberActor(1), CP, memberIds[1], { reason: "resigned", on: "2026-06-30" }, at("2026-06-30T09:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.membershipEnded" } });
    const u1 = fx.A.users[1]!;
    expect(await hasAccess(u1, at("2026-06-30T23:59:00+08:00"))).toBe(true);
    expect(await hasAccess(u1, at("2026-07-01T00:00:00+08:00"))).toBe(false);
    expect(await memberInOffice(h.db, CP, u1, at("2026-07-01T08:00:00+08:00"))).toBeNull();

    const r = await fillVacancy(h.db, street, CP, committeeId, at("2026-07-01T10:00:00+08:00"));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.seated).toHaveLength(1);
    expect(r).toMatchObject({ membersInOffice: 5, byElectionDue: false });
    const [m] = await h.db.select().from(committeeMembers).where(eq(committeeMembers.id, r.seated[0].memberId));
    expect(m).toMatchObject({ ownerId: fx.A.owners[5], source: "alternate", rank: 6, fromDay: "2026-07-01", lastDay: "2031-03-05", userId: fx.A.users[5] });
    const [a] = await h.db.select().from(committeeAlternates).where(eq(committeeAlternates.ownerId, fx.A.owners[5]));
    expect(a.seatedMemberId).toBe(m.id);
    const [g] = await h.db.select().from(roleGrants).where(eq(roleGrants.id, m.grantId!));
    expect(g.validTo?.toISOString()).toBe(at("2031-03-06T00:00:00+08:00").toISOString());
    expect(await hasAccess(fx.A.users[5]!, at("2026-07-01T10:00:01+08:00"))).toBe(true);
    // Nothing vacant: nothing seated.
    expect(await fillVacancy(h.db, street, CP, committeeId, at("2026-07-02T10:00:00+08:00"))).toMatchObject({ ok: true, seated: [], membersInOffice: 5 });
  });

  it("removal needs a closed decision of this compound", async () => {
    const before = await counts(CP);
    expect(await endMembership(h.db, street, CP, memberIds[2], { reason: "removed", on: "2026-08-01" }, at("2026-08-01T09:00:00+08:00"))).toEqual({ ok: false, errors: { decisionId: "committees.errors.removalNeedsDecision" } });
    expect(await endMembership(h.db, street, CP, memberIds[2], { reason: "removed", on: "2026-08-01", decisionId: "dec_t_cm_open" }, at("2026-08-01T09:00:00+08:00"))).toEqual({ ok: false, errors: { decisionId: "committees.errors.removalNeedsDecision" } });
    expect(await endMembership(h.db, street, CP, memberIds[2], { reason: "resigned", on: "2031-04-01" }, at("2026-08-01T09:00:00+08:00"))).toEqual({ ok: false, errors: { on: "committees.errors.dayOutsideTerm" } });
    expect(await counts(CP)).toEqual(before);
    expect(await endMembership(h.db, street, CP, memberIds[2], { reason: "removed", on: "2026-08-01", decisionId: "dec_t_cm_nf" }, at("2026-08-01T09:00:00+08:00"))).toEqual({ ok: true });
  });

  it("skips an alternate who is no longer an owner, and a by-election is due when too few remain", async () => {
    await h.db.update(ownerships).set({ validTo: "2026-07-15" }).where(eq(ownerships.ownerId, fx.A.owners[6]));
    let r = await fillVacancy(h.db, street, CP, committeeId, at("2026-08-02T10:00:00+08:00"));
    expect(r).toMatchObject({ ok: true, seated: [], membersInOffice: 4, byElectionDue: false });
    expect((await committeeOverview(h.db, CP, at("2026-08-02T10:00:00+08:00"))).status).toBe("active");
    expect(await endMembership(h.db, memberActor(3), CP, memberIds[3], { reason: "resigned", on: "2026-09-01" }, at("2026-09-01T09:00:00+08:00"))).toEqual({ ok: true });
    expect(await endMembership(h.db, street, CP, memberIds[4], { reason: "no_longer_owner", on: "2026-09-01" }, at("2026-09-01T09:00:00+08:00"))).toEqual({ ok: true });
    // Still in office on their last day; from the next day 2 of 5 seats remain (below 3, and ≤ half).
    expect((await committeeOverview(h.db, CP, at("2026-09-01T12:00:00+08:00"))).members).toHaveLength(4);
    r = await fillVacancy(h.db, street, CP, committeeId, at("2026-09-02T10:00:00+08:00"));
    expect(r).toMatchObject({ ok: true, seated: [], membersInOffice: 2, byElectionDue: true });
    const o = await committeeOverview(h.db, CP, at("2026-09-02T10:00:00+08:00"));
    expect(o.status).toBe("below_minimum");
    expect(o.byElectionDue).toBe(true);
    expect(o.alternatesLeft.map((a) => a.rank)).toEqual([7]);
  });
});

describe("a six-member committee from a preparatory group's election, and its re-election @committees", () => {
  let committee2 = "";
  let members2: string[] = [];
  const E_AT = at("2026-05-11T18:00:00+08:00");

  it("forms from the election and dissolves the still active preparatory group (its grants end)", async () => {
    fx.B = await ownersOf(CP2, 7);
    const formed = at("2026-02-01T10:00:00+08:00");
    await h.db.insert(prepGroups).values({ id: "pgr_t_cm", compoundId: CP2, status: "active", formedAt: formed, createdAt: formed });
    await h.db.insert(roleGrants).values({ id: "grt_t_cm_pg", userId: fx.B.users[0]!, role: "prep_group_member", scopeKind: "node", nodeId: CP2, validFrom: formed, createdAt: formed });
    await h.db.insert(prepGroupMembers).values({ id: "pgm_t_cm", groupId: "pgr_t_cm", compoundId: CP2, name: "组员", role: "owner", ownerId: fx.B.owners[0], userId: fx.B.users[0], grantId: "grt_t_cm_pg", position: 0, createdAt: formed });
    await h.db.insert(elections).values({
      id: "ele_t_cm", compoundId: CP2, prepGroupId: "pgr_t_cm", seats: 7, minSeats: 5, alternates: 0, nominationOpensAt: at("2026-02-10T00:00:00+08:00"),
      nominationClosesAt: at("2026-03-10T00:00:00+08:00"), method: "…", status: "published", requiredReviewers: ["community"], createdAt: formed,
    });
    const candidateIds: string[] = [];
    for (const [i, ownerId] of fx.B.owners.entries()) {
      const id = `cand_t_cm_${i}`;
      await h.db.insert(candidates).values({
        id, electionId: "ele_t_cm", compoundId: CP2, ownerId, nominatedBy: "self", occupation: "retiree", partyMember: false, propertyCompanyRelation: "none",
        fullCapacityDeclared: true, consent: true, findings: [], phase: "cleared", createdAt: formed,
      });
      candidateIds.push(id);
    }
    const d = await electionDecision({ id: "dec_t_cm_b", cp: CP2, closesAt: E_AT, seats: 7, minSeats: 5, alternates: 0, owners: fx.B.owners, elected: ["c1", "c2", "c3", "c4", "c5", "c6"], alternateKeys: [], candidateIds });
    const r = await formCommittee(h.db, street, CP2, d.decisionId, d.motionId, at("2026-05-11T20:00:00+08:00"));
    if (!r.ok) throw new Error(JSON.stringify(r));
    committee2 = r.id;
    members2 = r.memberIds;
    expect(r.prepGroupDissolved).toBe("pgr_t_cm");
    expect((await h.db.select().from(committees).where(eq(committees.id, r.id)))[0]).toMatchObject({ electionId: "ele_t_cm", seats: 7, termLastDay: "2031-05-11" });
    expect((await h.db.select().from(prepGroups).where(eq(prepGroups.id, "pgr_t_cm")))[0].status).toBe("dissolved");
    expect((await h.db.select().from(roleGrants).where(eq(roleGrants.id, "grt_t_cm_pg")))[0].validTo?.toISOString()).toBe(at("2026-05-11T20:00:00+08:00").toISOString());
    expect((await committeeOverview(h.db, CP2, at("2026-05-12T10:00:00+08:00"))).status).toBe("active");
  });

  it("six in office: 3 votes elect the chair with half_or_more, not with more_than_half", async () => {
    const input = { heldAt: at("2026-05-15T19:00:00+08:00"), present: 5, chairMemberId: members2[0], chairVotes: 3, viceChairMemberId: members2[1], viceChairVotes: 4 };
    const NOW = at("2026-05-15T21:00:00+08:00");
    const actor = { id: fx.B.users[0]!, name: "委员0" };
    const [c] = await h.db.select({ rulePack: compounds.rulePack }).from(compounds).where(eq(compounds.id, CP2));
    await h.db.update(compounds).set({ rulePack: { ...(c.rulePack as object), committeeMajority: "more_than_half" } }).where(eq(compounds.id, CP2));
    expect(await recordFirstMeeting(h.db, actor, CP2, committee2, input, NOW)).toEqual({ ok: false, errors: { chairVotes: "committees.errors.belowMajority" } });
    await h.db.update(compounds).set({ rulePack: { ...(c.rulePack as object), committeeMajority: "half_or_more" } }).where(eq(compounds.id, CP2));
    expect(await recordFirstMeeting(h.db, actor, CP2, committee2, input, NOW)).toMatchObject({ ok: true });
    expect((await h.db.select().from(committeeMeetings).where(eq(committeeMeetings.committeeId, committee2)))[0]).toMatchObject({ membersInOffice: 6, chairVotes: 3 });
  });

  it("a new committee elected within the re-election lead replaces it: the old one ends with its grants at the new term's start", async () => {
    const early = await electionDecision({ id: "dec_t_cm_c0", cp: CP2, closesAt: at("2031-01-20T18:00:00+08:00"), seats: 5, minSeats: 3, alternates: 0, owners: fx.B.owners.slice(0, 5), elected: ["c1", "c2", "c3", "c4", "c5"], alternateKeys: [] });
    expect(await formCommittee(h.db, street, CP2, early.decisionId, early.motionId, at("2031-01-21T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.committeeExists" } });
    const next = await electionDecision({ id: "dec_t_cm_c", cp: CP2, closesAt: at("2031-03-01T18:00:00+08:00"), seats: 5, minSeats: 3, alternates: 0, owners: fx.B.owners.slice(2, 7), elected: ["c1", "c2", "c3", "c4", "c5"], alternateKeys: [] });
    const r = await formCommittee(h.db, street, CP2, next.decisionId, next.motionId, at("2031-03-02T10:00:00+08:00"));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.replaced).toBe(committee2);
    const [old] = await h.db.select().from(committees).where(eq(committees.id, committee2));
    expect(old.status).toBe("ended");
    expect(old.endedAt?.toISOString()).toBe(at("2031-03-01T00:00:00+08:00").toISOString());
    const oldMembers = await h.db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, committee2));
    expect(new Set(oldMembers.map((m) => `${m.endedOn}/${m.endReason}`))).toEqual(new Set(["2031-02-28/term_ended"]));
    // 委员0 was only in the old committee: access ends at the new term's start; 委员2 is in both.
    expect(await can(await loadActiveGrants(h.db, fx.B.users[0]!, at("2031-02-28T23:00:00+08:00")), "model:manage", (await nodePath(h.db, CP2))!)).toBe(true);
    expect(await can(await loadActiveGrants(h.db, fx.B.users[0]!, at("2031-03-02T11:00:00+08:00")), "model:manage", (await nodePath(h.db, CP2))!)).toBe(false);
    expect(await can(await loadActiveGrants(h.db, fx.B.users[2]!, at("2031-03-02T11:00:00+08:00")), "model:manage", (await nodePath(h.db, CP2))!)).toBe(true);
    expect((await memberInOffice(h.db, CP2, fx.B.users[2]!, at("2031-03-02T11:00:00+08:00")))?.committeeId).toBe(r.id);
    const o = await committeeOverview(h.db, CP2, at("2031-03-02T11:00:00+08:00"));
    expect(o.committee?.id).toBe(r.id);
    expect(o.members).toHaveLength(5);
    expect(shanghaiDay(o.committee!.electedAt)).toBe("2031-03-01");
  });
});
