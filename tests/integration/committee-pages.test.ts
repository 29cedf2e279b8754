import { describe, expect, it } from "vitest";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { auditLog, committeeMembers, decisionMotionCandidates, decisionMotions, decisions, owners, ownerships, users } from "~db/schema";
import { findMember, formCommittee } from "~/committees/committees.server";
import { committeeHome, firstMeetingPage, runHomeIntent } from "~/committees/pages.server";
import { FirstMeetingSchema, HomeActionSchema } from "~/committees/schema";
import { canonicalOutput, TALLY_FORMAT } from "~/decisions/record";
import { parseObject } from "~/ui/form.server";
import zh from "~/i18n/locales/zh-CN";
import en from "~/i18n/locales/en";
import { MEMBER_END_REASONS, MEMBER_ROLES, MEMBER_SOURCES } from "~db/schema/committees";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * The committee's pages read and act through app/committees/pages.server.ts. 南苑小区 (cp_nanyuan) has no
 * committee in the demo; the election is a closed decision written directly with a stored tally, as in
 * committees.test.ts. 南苑二期 (cp_nanyuan2) is "another compound". Instants in +08:00.
 */
const at = (s: string) => new Date(s);
const CP = "cp_nanyuan";
const CP2 = "cp_nanyuan2";
const street = { id: "usr_demo11", name: "黄伟" };
const all = { act: true, members: true };

// The election closes 2026-03-05 (Thu) 18:00: first meeting by 03-12, member list by 03-09 (03-08 is a Sunday),
// filing by 04-07 (清明).
const CLOSES = at("2026-03-05T18:00:00+08:00");
const FORM_AT = at("2026-03-05T20:00:00+08:00");

let ownerIds: string[] = [];
let userIds: string[] = [];
let memberIds: string[] = [];
const member = (i: number) => ({ id: userIds[i], name: `页面委员${i}` });

async function setUp() {
  const rows = await h.db
    .selectDistinct({ id: owners.id })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.compoundId, CP), eq(owners.kind, "person"), isNull(owners.userId), isNull(ownerships.validTo)))
    .orderBy(asc(owners.id))
    .limit(7);
  expect(rows).toHaveLength(7);
  ownerIds = rows.map((r) => r.id);
  for (const [i, r] of rows.entries()) {
    const uid = `usr_t_pages_${i}`;
    await h.db.insert(users).values({ id: uid, phone: `1993000${String(i).padStart(4, "0")}`, name: `页面委员${i}`, createdAt: at("2025-01-01T00:00:00+08:00") });
    await h.db.update(owners).set({ userId: uid }).where(eq(owners.id, r.id));
    userIds.push(uid);
  }
  // The election: 5 seats, minimum 3; c1…c5 elected, c6 and c7 alternates.
  const keys = ownerIds.map((_, i) => `c${i + 1}`);
  const zero = { area: 0, heads: 0 };
  const entry = {
    abstain: zero, alternates: ["c6", "c7"], category: 3, elected: keys.slice(0, 5), formed: true, id: "e1", kind: "election",
    candidates: keys.map((k, i) => ({ id: k, reached: true, yes: { area: 100000 - i * 1000, heads: 100 - i } })),
    participating: { area: 500000, heads: 200 }, passed: true, quorum: true, threshold: "ordinary", tie: [], total: { area: 800000, heads: 300 },
  };
  const result = { chainHead: "0".repeat(64), errors: [], format: TALLY_FORMAT, genesis: "0".repeat(64), motions: [entry], ok: true };
  await h.db.insert(decisions).values({
    id: "dec_t_pages", compoundId: CP, scopeKind: "compound", title: "选举第一届业主委员会", form: "collective", status: "closed",
    opensAt: new Date(CLOSES.getTime() - 15 * 86400_000), closesAt: CLOSES, countingClosesAt: CLOSES, secretEnc: "x",
    closedAt: CLOSES, resultCanonical: canonicalOutput(result), createdAt: new Date(CLOSES.getTime() - 30 * 86400_000),
  });
  await h.db.insert(decisionMotions).values({ id: "dec_t_pages_e1", decisionId: "dec_t_pages", compoundId: CP, key: "e1", position: 1, title: "选举", text: "…", category: 3, kind: "election", seats: 5, minSeats: 3, alternates: 2, createdAt: CLOSES });
  for (const [i, ownerId] of ownerIds.entries()) {
    const [o] = await h.db.select({ name: owners.name }).from(owners).where(eq(owners.id, ownerId));
    await h.db.insert(decisionMotionCandidates).values({ id: `dec_t_pages_e1_c${i + 1}`, decisionId: "dec_t_pages", motionId: "dec_t_pages_e1", compoundId: CP, key: keys[i], position: i + 1, name: o.name, ownerId, createdAt: CLOSES });
  }
}

const audits = async () => Number((await h.db.select({ n: count() }).from(auditLog))[0].n);

describe("the committee home before and after the committee is formed @committees", () => {
  it("without a committee: status none, no term, no tasks, no decisions listed", async () => {
    await setUp();
    const home = await committeeHome(h.db, CP, all, at("2026-03-01T10:00:00+08:00"));
    expect(home).toMatchObject({ status: "none", committee: null, members: [], alternates: [], tasks: [], reElectionFrom: null, byElectionDue: false, closedDecisions: [] });
    expect(await firstMeetingPage(h.db, CP, at("2026-03-01T10:00:00+08:00"))).toBeNull();
    // Acting without a committee is a refusal that writes nothing.
    const before = await audits();
    expect(await runHomeIntent(h.db, member(0), CP, { intent: "publishList" }, at("2026-03-01T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.home.noCommittee" } });
    expect(await runHomeIntent(h.db, street, CP, { intent: "fillVacancy" }, at("2026-03-01T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.home.noCommittee" } });
    expect(await audits()).toBe(before);
  });

  it("shows the term, members, alternates in order and the three deadlines, all pending", async () => {
    const r = await formCommittee(h.db, street, CP, "dec_t_pages", "dec_t_pages_e1", FORM_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    memberIds = r.memberIds;
    const home = await committeeHome(h.db, CP, all, at("2026-03-06T09:00:00+08:00"));
    expect(home.status).toBe("active");
    expect(home.today).toBe("2026-03-06");
    expect(home.committee).toMatchObject({ seats: 5, minSeats: 3, termStart: "2026-03-05", termLastDay: "2031-03-05", firstMeetingAt: null, electedAt: CLOSES.toISOString() });
    expect(home.members.map((m) => [m.id, m.role, m.source, m.fromDay])).toEqual(memberIds.map((id) => [id, "member", "elected", "2026-03-05"]));
    expect(home.alternates.map((a) => a.rank)).toEqual([6, 7]);
    expect(home.tasks).toEqual([
      { key: "firstMeeting", lastDay: "2026-03-12", extended: false, doneAt: null, state: "pending" },
      { key: "memberList", lastDay: "2026-03-09", extended: true, doneAt: null, state: "pending" },
      { key: "filing", lastDay: "2026-04-07", extended: true, doneAt: null, state: "pending" },
    ]);
    expect(home.reElectionFrom).toBe("2030-12-05");
    expect(home.closedDecisions.map((d) => d.id)).toContain("dec_t_pages");
    // Everything the page gets is JSON-safe (no Date objects).
    expect(JSON.parse(JSON.stringify(home))).toEqual(home);
    // A viewer who cannot end memberships is not sent the decisions.
    expect((await committeeHome(h.db, CP, { act: true, members: false }, at("2026-03-06T09:00:00+08:00"))).closedDecisions).toEqual([]);
    // The other compound has none of it.
    expect((await committeeHome(h.db, CP2, all, at("2026-03-06T09:00:00+08:00"))).status).toBe("none");
  });

  it("marks a missed deadline overdue", async () => {
    const home = await committeeHome(h.db, CP, all, at("2026-03-10T00:00:01+08:00"));
    expect(home.tasks.find((t) => t.key === "memberList")?.state).toBe("overdue");
    expect(home.tasks.find((t) => t.key === "firstMeeting")?.state).toBe("pending");
  });
});

describe("publishing the member list from the home @committees", () => {
  it("refuses someone who is not a member in office, writing nothing", async () => {
    const before = await audits();
    expect(await runHomeIntent(h.db, street, CP, { intent: "publishList" }, at("2026-03-11T09:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.notMember" } });
    // An alternate (c6) is no member.
    expect(await runHomeIntent(h.db, member(5), CP, { intent: "publishList" }, at("2026-03-11T09:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.notMember" } });
    expect(await audits()).toBe(before);
  });

  it("publishes it for a member, late: the task reads done late", async () => {
    expect(await runHomeIntent(h.db, member(0), CP, { intent: "publishList" }, at("2026-03-11T09:00:00+08:00"))).toEqual({ ok: true, done: "list" });
    const home = await committeeHome(h.db, CP, all, at("2026-03-11T10:00:00+08:00"));
    const task = home.tasks.find((t) => t.key === "memberList")!;
    expect(task.state).toBe("late");
    expect(task.doneAt).toBe(at("2026-03-11T09:00:00+08:00").toISOString());
    expect(await runHomeIntent(h.db, member(0), CP, { intent: "publishList" }, at("2026-03-11T11:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "committees.errors.listUnchanged" } });
  });
});

describe("the first meeting page @committees", () => {
  it("gives the numbers of the rule: 5 in office, 3 present, 3 votes; the datetime-local bounds in Shanghai time", async () => {
    const p = await firstMeetingPage(h.db, CP, at("2026-03-11T12:30:00+08:00"));
    expect(p).toMatchObject({ inOffice: 5, quorum: 3, majority: 3, mode: "half_or_more", nowLocal: "2026-03-11T12:30", electedLocal: "2026-03-05T18:00" });
    expect(p?.deadline).toEqual({ lastDay: "2026-03-12", state: "pending" });
    expect(p?.members.map((m) => m.id)).toEqual(memberIds);
  });

  it("parses the form as the action does: local time as +08:00, whole numbers, chair and vice-chair different", () => {
    const ok = parseObject(FirstMeetingSchema, { heldAt: "2026-03-10T19:00", present: "4", chairMemberId: "a", chairVotes: "3", viceChairMemberId: "b", viceChairVotes: "3", minutes: "" });
    expect(ok.ok && ok.data).toEqual({ heldAt: at("2026-03-10T19:00:00+08:00"), present: 4, chairMemberId: "a", chairVotes: 3, viceChairMemberId: "b", viceChairVotes: 3, minutes: null });
    const bad = parseObject(FirstMeetingSchema, { heldAt: "2026-02-30T19:00", present: "-1", chairMemberId: "a", chairVotes: "x", viceChairMemberId: "a", viceChairVotes: "3" });
    expect(bad.ok ? null : bad.errors).toEqual({ heldAt: "errors.dateInvalid", present: "errors.wholeNumber", chairVotes: "errors.wholeNumber", viceChairMemberId: "committees.errors.chairIsViceChair" });
    const empty = parseObject(FirstMeetingSchema, {});
    expect(empty.ok ? null : empty.errors).toMatchObject({ heldAt: "errors.required", present: "errors.required", chairMemberId: "errors.required" });
  });
});

describe("membership changes from the home @committees", () => {
  it("parses the intents: an unknown intent, a removal without a decision and a bad day are refused", () => {
    const parse = (v: Record<string, string>) => {
      const r = parseObject(HomeActionSchema, v);
      return r.ok ? r.data : r.errors;
    };
    expect(parse({ intent: "publishList" })).toEqual({ intent: "publishList" });
    expect(Object.keys(parse({ intent: "drop" }))).toEqual(["intent"]);
    expect(parse({ intent: "endMembership", memberId: "m", reason: "removed", on: "2026-03-20", decisionId: "" })).toEqual({ decisionId: "committees.errors.removalNeedsDecision" });
    expect(parse({ intent: "endMembership", memberId: "m", reason: "resigned", on: "2026-02-30" })).toEqual({ on: "errors.dateInvalid" });
    expect(parse({ intent: "endMembership", memberId: "m", reason: "term_ended", on: "2026-03-20" })).toEqual({ reason: "errors.required" });
    expect(parse({ intent: "endMembership", memberId: "m", reason: "resigned", on: "2026-03-20", decisionId: "dec" })).toEqual({ intent: "endMembership", memberId: "m", reason: "resigned", on: "2026-03-20", decisionId: "dec" });
  });

  it("answers another compound's member as not found, and refusals of the context next to their field", async () => {
    const before = await audits();
    expect(await runHomeIntent(h.db, street, CP2, { intent: "endMembership", memberId: memberIds[0], reason: "resigned", on: "2026-03-20", decisionId: null }, at("2026-03-12T09:00:00+08:00"))).toBeNull();
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: "cmm_nope", reason: "resigned", on: "2026-03-20", decisionId: null }, at("2026-03-12T09:00:00+08:00"))).toBeNull();
    expect(await findMember(h.db, CP, memberIds[0])).toMatchObject({ id: memberIds[0] });
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[4], reason: "resigned", on: "2026-03-01", decisionId: null }, at("2026-03-12T09:00:00+08:00"))).toEqual({ ok: false, errors: { on: "committees.errors.dayOutsideTerm" } });
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[4], reason: "removed", on: "2026-03-20", decisionId: "dec_demo_songlin_exit" }, at("2026-03-12T09:00:00+08:00"))).toEqual({ ok: false, errors: { decisionId: "committees.errors.removalNeedsDecision" } });
    expect(await audits()).toBe(before);
  });

  it("a resignation: the member stays in office through the last day, and the alternate seated that day takes the seat from the next", async () => {
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[4], reason: "resigned", on: "2026-03-12", decisionId: "dec_t_pages" }, at("2026-03-12T09:00:00+08:00"))).toEqual({ ok: true, done: "ended", memberId: memberIds[4], on: "2026-03-12" });
    // The decision is ignored for a resignation.
    const [m] = await h.db.select().from(committeeMembers).where(eq(committeeMembers.id, memberIds[4]));
    expect(m).toMatchObject({ endedOn: "2026-03-12", endReason: "resigned" });
    const same = await committeeHome(h.db, CP, all, at("2026-03-12T10:00:00+08:00"));
    expect(same.members.find((x) => x.id === memberIds[4])?.endedOn).toBe("2026-03-12");
    // Same day: the seat is vacant from tomorrow, so the first alternate (c6) is seated from tomorrow.
    const r = await runHomeIntent(h.db, street, CP, { intent: "fillVacancy" }, at("2026-03-12T10:00:00+08:00"));
    if (!r?.ok || r.done !== "filled") throw new Error(JSON.stringify(r));
    expect(r.seated).toHaveLength(1);
    expect(r.byElectionDue).toBe(false);
    const today = await committeeHome(h.db, CP, all, at("2026-03-12T11:00:00+08:00"));
    expect(today.members.map((x) => x.id)).toContain(memberIds[4]);
    expect(today.members.find((x) => x.id === r.seated[0])).toBeUndefined();
    // Next day: the alternate is in office; no seat is vacant, so filling again seats nobody.
    expect(await runHomeIntent(h.db, member(0), CP, { intent: "fillVacancy" }, at("2026-03-13T09:00:00+08:00"))).toEqual({ ok: true, done: "filled", seated: [], byElectionDue: false });
    const home = await committeeHome(h.db, CP, all, at("2026-03-13T10:00:00+08:00"));
    expect(home.members).toHaveLength(5);
    expect(home.members.find((x) => x.id === r.seated[0])).toMatchObject({ source: "alternate", fromDay: "2026-03-13", role: "member" });
    expect(home.alternates.map((a) => a.rank)).toEqual([7]);
  });

  it("a removal resting on a closed decision of the compound; two more leave and the by-election is due", async () => {
    const NOW = at("2026-03-20T09:00:00+08:00");
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[3], reason: "removed", on: "2026-03-19", decisionId: "dec_t_pages" }, NOW)).toMatchObject({ ok: true });
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[2], reason: "no_longer_owner", on: "2026-03-19", decisionId: null }, NOW)).toMatchObject({ ok: true });
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[1], reason: "resigned", on: "2026-03-19", decisionId: null }, NOW)).toMatchObject({ ok: true });
    // 2 in office; c7 is seated → 3 of 5 seats: at the minimum and more than half, so no by-election.
    const r = await runHomeIntent(h.db, street, CP, { intent: "fillVacancy" }, NOW);
    if (!r?.ok || r.done !== "filled") throw new Error(JSON.stringify(r));
    expect(r.seated).toHaveLength(1);
    expect(r.byElectionDue).toBe(false);
    // One more leaves: 2 of 5, no alternates left → the by-election is due and the home says so.
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[0], reason: "resigned", on: "2026-03-20", decisionId: null }, NOW)).toMatchObject({ ok: true });
    const after = at("2026-03-21T09:00:00+08:00");
    expect(await runHomeIntent(h.db, street, CP, { intent: "fillVacancy" }, after)).toEqual({ ok: true, done: "filled", seated: [], byElectionDue: true });
    const home = await committeeHome(h.db, CP, all, after);
    expect(home.byElectionDue).toBe(true);
    expect(home.status).toBe("below_minimum");
    expect(home.members).toHaveLength(2);
    expect(home.alternates).toEqual([]);
    // An ended membership cannot end again.
    expect(await runHomeIntent(h.db, street, CP, { intent: "endMembership", memberId: memberIds[0], reason: "resigned", on: "2026-03-20", decisionId: null }, after)).toEqual({ ok: false, errors: { _form: "committees.errors.membershipEnded" } });
  });
});

describe("the pages' dynamic messages exist in both catalogs @committees", () => {
  type Tree = { [k: string]: string | Tree };
  const get = (tree: unknown, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Tree | undefined)?.[k], tree);
  const keys = [
    ...["none", "preparing", "active", "term_ending", "expired", "filing_overdue", "below_minimum"].map((s) => `committees.home.status.${s}`),
    ...MEMBER_ROLES.map((r) => `committees.roles.${r}`),
    ...MEMBER_SOURCES.map((s) => `committees.home.sources.${s}`),
    ...MEMBER_END_REASONS.filter((r) => r !== "term_ended").map((r) => `committees.home.reasons.${r}`),
    ...["firstMeeting", "memberList", "filing"].map((k) => `committees.home.tasks.${k}`),
    ...["done", "late", "overdue", "pending"].map((s) => `committees.home.states.${s}`),
    ...["list", "ended", "filled", "meeting"].map((d) => `committees.home.done.${d}`),
    ...["half_or_more", "more_than_half"].map((m) => `committees.meeting.modes.${m}`),
  ];
  it.each(keys)("%s", (key) => {
    expect(typeof get(zh, key)).toBe("string");
    expect(typeof get(en, key)).toBe("string");
  });
});
