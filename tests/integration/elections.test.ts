import { describe, expect, it } from "vitest";
import { and, asc, count, eq, isNull, ne } from "drizzle-orm";
import { auditLog, candidates, elections, notices, owners, ownerships, prepGroupMembers, prepGroups, roleGrants, vettingEvents } from "~db/schema";
import { dissolvePrepGroup, formPrepGroup, objectToPrepGroup, settlePrepObjection, setUpElection, type PrepMemberInput } from "~/elections/prep.server";
import { endorse, nominate, type NominationInput } from "~/elections/candidates.server";
import { answer, appeal, decide, electionStage, publishCandidateList, reviewerQueue, submitForVetting, vettingOf } from "~/elections/vetting.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * cp_hepingli2 (和平里二区, 120 households, under com_hepingli / st_heping / dist_donghu) has no committee;
 * usr_demo05 (孙丽) is an owner there with a prep_group_member grant. Reviewers: usr_demo04 for
 * po_com_hepingli (seeded); the test grants usr_demo02 for po_st_heping, usr_demo01 for po_industry_donghu
 * and usr_demo11 for po_st_songlin (which does not cover the compound). Instants in +08:00.
 */
const at = (s: string) => new Date(s);
const CP = "cp_hepingli2";
const street = { id: "usr_demo02", name: "李秀英" };
const sunli = { id: "usr_demo05", name: "孙丽" };
const qian = { id: "usr_demo12", name: "钱玉珍" };
const community = { actor: { id: "usr_demo04", name: "赵志刚" }, org: "po_com_hepingli" };
const streetParty = { actor: { id: "usr_demo02", name: "李秀英" }, org: "po_st_heping" };
const industry = { actor: { id: "usr_demo01", name: "周建国" }, org: "po_industry_donghu" };
const songlin = { actor: { id: "usr_demo11", name: "黄伟" }, org: "po_st_songlin" };

const FORMED_AT = at("2026-02-02T10:00:00+08:00");
const SETUP_AT = at("2026-02-10T10:00:00+08:00");
const OPENS = at("2026-03-01T00:00:00+08:00");
const CLOSES = at("2026-03-16T00:00:00+08:00");
const IN_WINDOW = at("2026-03-05T10:00:00+08:00");
const REVIEW_AT = at("2026-03-17T10:00:00+08:00");

let ownerIds: string[] = [];
let sunliOwner = "";
let qianOwner = "";

async function setUp() {
  if (ownerIds.length) return;
  // The demo seed's group in 和平里二区 is dissolved first: these tests form their own.
  expect(await dissolvePrepGroup(h.db, street, CP, "pgr_demo_hpl2", at("2026-02-01T10:00:00+08:00"))).toEqual({ ok: true });
  const rows = await h.db
    .selectDistinct({ id: owners.id, userId: owners.userId })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.compoundId, CP), eq(owners.kind, "person")))
    .orderBy(asc(owners.id));
  sunliOwner = rows.find((r) => r.userId === sunli.id)!.id;
  ownerIds = rows.filter((r) => r.userId === null).map((r) => r.id);
  // 钱玉珍 is a family member living there; for these tests she also owns a flat (so she can sign and appeal).
  qianOwner = ownerIds.pop()!;
  await h.db.update(owners).set({ userId: qian.id }).where(eq(owners.id, qianOwner));
  const grant = (id: string, userId: string, org: string) => ({ id, userId, role: "party_reviewer" as const, scopeKind: "party_org" as const, partyOrgId: org, validFrom: at("2025-01-01T00:00:00+08:00"), createdAt: at("2025-01-01T00:00:00+08:00") });
  await h.db.insert(roleGrants).values([
    grant("grt_t_st", streetParty.actor.id, streetParty.org),
    grant("grt_t_ind", industry.actor.id, industry.org),
    grant("grt_t_sl", songlin.actor.id, songlin.org),
  ]);
}

const member = (name: string, role: PrepMemberInput["role"], extra: Partial<PrepMemberInput> = {}): PrepMemberInput => ({ name, role, ...extra });

async function counts() {
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
  return {
    groups: await n(h.db.select({ n: count() }).from(prepGroups).where(eq(prepGroups.compoundId, CP))),
    members: await n(h.db.select({ n: count() }).from(prepGroupMembers).where(eq(prepGroupMembers.compoundId, CP))),
    notices: await n(h.db.select({ n: count() }).from(notices).where(eq(notices.compoundId, CP))),
    grants: await n(h.db.select({ n: count() }).from(roleGrants)),
    elections: await n(h.db.select({ n: count() }).from(elections).where(eq(elections.compoundId, CP))),
    candidates: await n(h.db.select({ n: count() }).from(candidates).where(eq(candidates.compoundId, CP))),
    events: await n(h.db.select({ n: count() }).from(vettingEvents).where(eq(vettingEvents.compoundId, CP))),
    audit: await n(h.db.select({ n: count() }).from(auditLog)),
  };
}

const declaration = (ownerId: string, extra: Partial<NominationInput> = {}): NominationInput => ({
  ownerId, nominatedBy: "community_party", occupation: "retiree", partyMember: true, propertyCompanyRelation: "none", fullCapacityDeclared: true, consent: true, ...extra,
});

let groupId = "";
let electionId = "";

describe("the preparatory group @elections", () => {
  it("refuses an even group and owners below half, writing nothing", async () => {
    await setUp();
    const before = await counts();
    const even = [member("街道代表", "street_office", { leader: true }), member("业主甲", "owner", { ownerId: ownerIds[0] }), member("业主乙", "owner", { ownerId: ownerIds[1] }), member("业主丙", "owner", { ownerId: ownerIds[2] })];
    expect(await formPrepGroup(h.db, street, CP, even, FORMED_AT)).toEqual({ ok: false, errors: { members: "elections.errors.prepEvenSize" } });
    const fewOwners = [member("街道代表", "street_office", { leader: true }), member("开发商代表", "developer"), member("居委会代表", "residents_committee"), member("业主甲", "owner", { ownerId: ownerIds[0] }), member("业主乙", "owner", { ownerId: ownerIds[1] })];
    expect(await formPrepGroup(h.db, street, CP, fewOwners, FORMED_AT)).toEqual({ ok: false, errors: { members: "elections.errors.prepOwnersBelowHalf" } });
    // An owners' rep who is not an owner of this compound.
    const [other] = await h.db.select({ id: owners.id }).from(owners).where(eq(owners.compoundId, "cp_hepingli1")).limit(1);
    const stranger = [member("街道代表", "street_office", { leader: true }), member("业主甲", "owner", { ownerId: ownerIds[0] }), member("外人", "owner", { ownerId: other.id })];
    expect(await formPrepGroup(h.db, street, CP, stranger, FORMED_AT)).toEqual({ ok: false, errors: { "members.2.ownerId": "elections.errors.notOwnerHere" } });
    expect(await counts()).toEqual(before);
  });

  it("forms the group, grants members with accounts, publishes the list; objections are settled once", async () => {
    const before = await counts();
    const r = await formPrepGroup(h.db, street, CP, [
      member("街道代表", "street_office", { leader: true, userId: street.id }),
      member("居委会代表", "residents_committee", { userId: "usr_demo03" }),
      member("孙丽", "owner", { ownerId: sunliOwner, userId: sunli.id }),
      member("业主甲", "owner", { ownerId: ownerIds[0] }),
      member("钱玉珍", "owner", { ownerId: qianOwner, userId: qian.id }),
    ], FORMED_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    groupId = r.id;
    expect(r.warnings.map((w) => w.code)).toEqual(["NO_DEVELOPER"]);
    const [n] = await h.db.select().from(notices).where(eq(notices.id, r.noticeId));
    expect(n.sourceKind).toBe("prep_group");
    expect(n.body).toContain("街道代表：街道办事处代表（组长）");
    // 孙丽 already held a prep_group_member grant; 李秀英 and 王芳 organise here through their own grants (a
    // second grant would only give them a second home page); 钱玉珍 gets one.
    const grants = await h.db.select().from(roleGrants).where(and(eq(roleGrants.role, "prep_group_member"), eq(roleGrants.nodeId, CP), isNull(roleGrants.validTo)));
    expect(grants.map((g) => g.userId).sort()).toEqual(["usr_demo05", "usr_demo12"]);
    const after = await counts();
    expect(after.groups - before.groups).toBe(1);
    expect(after.members - before.members).toBe(5);
    expect(after.grants - before.grants).toBe(1);
    // A second active group is refused.
    expect(await formPrepGroup(h.db, street, CP, [member("街道代表", "street_office", { leader: true }), member("业主甲", "owner", { ownerId: ownerIds[0] }), member("业主乙", "owner", { ownerId: ownerIds[1] })], FORMED_AT))
      .toEqual({ ok: false, errors: { _form: "elections.errors.prepGroupExists" } });

    // 钱玉珍 (an owner here for the test) objects; a non-owner cannot.
    expect(await objectToPrepGroup(h.db, { id: "usr_demo09", name: "吴磊" }, CP, groupId, "异议", FORMED_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.notOwnerHere" } });
    const o = await objectToPrepGroup(h.db, qian, CP, groupId, "业主代表未经推选。", at("2026-02-03T10:00:00+08:00"));
    if (!o.ok) throw new Error(JSON.stringify(o));
    expect(await settlePrepObjection(h.db, street, CP, o.id, { outcome: "dismissed", settlement: "" }, at("2026-02-05T10:00:00+08:00"))).toEqual({ ok: false, errors: { settlement: "errors.required" } });
    expect(await settlePrepObjection(h.db, street, CP, o.id, { outcome: "dismissed", settlement: "业主代表经楼栋推选产生，已向异议人说明。" }, at("2026-02-05T10:00:00+08:00"))).toEqual({ ok: true });
    expect(await settlePrepObjection(h.db, street, CP, o.id, { outcome: "upheld", settlement: "再次" }, at("2026-02-06T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "elections.errors.alreadySettled" } });
    const actions = (await h.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.scopePath, "/city_jiangan/dist_donghu/st_heping/com_hepingli/cp_hepingli2/"))).map((x) => x.a);
    expect(actions).toEqual(expect.arrayContaining(["prep_group.form", "notice.publish", "prep_group.object", "prep_group.objection.settle"]));
  });
});

describe("setting up the election @elections", () => {
  const base = { seats: 5, minSeats: 3, alternates: 2, nominationOpensAt: OPENS, nominationClosesAt: CLOSES, method: "书面投票，差额选举，得票多者当选。", votingOpensAt: at("2026-04-20T09:00:00+08:00") };

  it("refuses an even or out-of-range seat count, writing nothing", async () => {
    const before = await counts();
    expect(await setUpElection(h.db, sunli, CP, { ...base, seats: 6, minSeats: 4 }, SETUP_AT)).toEqual({ ok: false, errors: { seats: "elections.errors.seatsEven" } });
    // 120 households: 3 seats is not allowed (the national rule, and the ≤100 exception does not apply).
    expect(await setUpElection(h.db, sunli, CP, { ...base, seats: 3, minSeats: 2 }, SETUP_AT)).toEqual({ ok: false, errors: { seats: "elections.errors.seatsBelowMin" } });
    expect(await setUpElection(h.db, sunli, CP, { ...base, seats: 13, minSeats: 7 }, SETUP_AT)).toEqual({ ok: false, errors: { seats: "elections.errors.seatsAboveMax" } });
    expect(await setUpElection(h.db, sunli, CP, { ...base, minSeats: 2 }, SETUP_AT)).toEqual({ ok: false, errors: { minSeats: "elections.errors.minSeatsBelowMajority" } });
    expect(await setUpElection(h.db, sunli, CP, { ...base, nominationClosesAt: OPENS }, SETUP_AT)).toEqual({ ok: false, errors: { nominationClosesAt: "elections.errors.windowInverted" } });
    expect(await counts()).toEqual(before);
  });

  it("sets up 5 seats with the default reviewers", async () => {
    const r = await setUpElection(h.db, sunli, CP, base, SETUP_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    electionId = r.id;
    const [e] = await h.db.select().from(elections).where(eq(elections.id, r.id));
    expect(e.requiredReviewers).toEqual(["community", "street_working", "industry"]);
    expect(await setUpElection(h.db, sunli, CP, base, SETUP_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.electionExists" } });
  });
});

describe("nominations @elections", () => {
  it("refuses a non-owner and a nomination outside the window, writing nothing", async () => {
    const before = await counts();
    const [other] = await h.db.select({ id: owners.id }).from(owners).where(eq(owners.compoundId, "cp_hepingli1")).limit(1);
    expect(await nominate(h.db, sunli, CP, electionId, declaration(other.id), IN_WINDOW)).toEqual({ ok: false, errors: { ownerId: "elections.errors.notOwnerHere" } });
    expect(await nominate(h.db, sunli, CP, electionId, declaration(ownerIds[0]), at("2026-02-28T23:59:59+08:00"))).toEqual({ ok: false, errors: { _form: "elections.errors.nominationNotYetOpen" } });
    expect(await nominate(h.db, sunli, CP, electionId, declaration(ownerIds[0]), CLOSES)).toEqual({ ok: false, errors: { _form: "elections.errors.nominationClosed" } });
    expect(await nominate(h.db, sunli, CP, electionId, declaration(ownerIds[0], { consent: false }), IN_WINDOW)).toEqual({ ok: false, errors: { consent: "elections.errors.consentRequired" } });
    // Only the owner's own account self-nominates.
    expect(await nominate(h.db, sunli, CP, electionId, declaration(ownerIds[0], { nominatedBy: "self" }), IN_WINDOW)).toEqual({ ok: false, errors: { nominatedBy: "elections.errors.selfNotOwner" } });
    expect(await counts()).toEqual(before);
  });

  it("stores the declaration and the findings; a second nomination of the same owner is refused", async () => {
    const r = await nominate(h.db, sunli, CP, electionId, declaration(sunliOwner, { nominatedBy: "self", fullCapacityDeclared: false }), IN_WINDOW);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.findings).toEqual([{ code: "CAPACITY_NOT_DECLARED", severity: "unknown", article: "指导规则 Art. 31" }]);
    const [c] = await h.db.select().from(candidates).where(eq(candidates.id, r.id));
    expect(c).toMatchObject({ nominatedBy: "self", userId: sunli.id, occupation: "retiree", partyMember: true, phase: "nominated" });
    expect(await nominate(h.db, sunli, CP, electionId, declaration(sunliOwner), IN_WINDOW)).toEqual({ ok: false, errors: { ownerId: "elections.errors.alreadyNominated" } });
  });

  it("a joint nomination goes to vetting only with owners' signatures, one per owner", async () => {
    const r = await nominate(h.db, qian, CP, electionId, declaration(ownerIds[5], { nominatedBy: "owners_joint", partyMember: false, occupation: "other" }), IN_WINDOW);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(await endorse(h.db, qian, CP, r.id, IN_WINDOW)).toEqual({ ok: true, signatures: 1 });
    expect(await endorse(h.db, qian, CP, r.id, IN_WINDOW)).toEqual({ ok: false, errors: { _form: "elections.errors.alreadySigned" } });
    expect(await endorse(h.db, { id: "usr_demo09", name: "吴磊" }, CP, r.id, IN_WINDOW)).toEqual({ ok: false, errors: { _form: "elections.errors.notOwnerHere" } });
    expect(await submitForVetting(h.db, sunli, CP, r.id, IN_WINDOW)).toEqual({ ok: false, errors: { _form: "elections.errors.tooFewSignatures" } });
    expect(await endorse(h.db, sunli, CP, r.id, IN_WINDOW)).toEqual({ ok: true, signatures: 2 });
    expect(await submitForVetting(h.db, sunli, CP, r.id, IN_WINDOW)).toEqual({ ok: true, phase: "under_review" });
  });
});

describe("joint vetting @elections", () => {
  let a = "";
  let b = "";
  const A_SUBMIT = at("2026-03-06T09:00:00+08:00");
  const B_SUBMIT = at("2026-03-07T09:00:00+08:00");

  it("the happy path: every required reviewer approves → cleared; events only, refusals write nothing", async () => {
    const n1 = await nominate(h.db, sunli, CP, electionId, declaration(ownerIds[2]), IN_WINDOW);
    const n2 = await nominate(h.db, sunli, CP, electionId, declaration(qianOwner, { nominatedBy: "residents_committee", partyMember: false, occupation: "public_servant" }), IN_WINDOW);
    if (!n1.ok || !n2.ok) throw new Error("nominate failed");
    a = n1.id;
    b = n2.id;
    expect(await decide(h.db, community.actor, CP, a, { partyOrgId: community.org, decision: "approve", reason: "符合条件" }, A_SUBMIT)).toEqual({ ok: false, errors: { _form: "elections.errors.notSubmitted" } });
    expect(await submitForVetting(h.db, sunli, CP, a, A_SUBMIT)).toEqual({ ok: true, phase: "under_review" });
    expect(await submitForVetting(h.db, sunli, CP, a, A_SUBMIT)).toEqual({ ok: false, errors: { _form: "elections.errors.alreadySubmitted" } });
    expect(await submitForVetting(h.db, sunli, CP, b, B_SUBMIT)).toEqual({ ok: true, phase: "under_review" });

    const before = await counts();
    // An organisation that does not cover the compound; a reviewer without a grant for the organisation named.
    expect(await decide(h.db, songlin.actor, CP, a, { partyOrgId: songlin.org, decision: "approve", reason: "同意" }, REVIEW_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.outOfScope" } });
    expect(await decide(h.db, community.actor, CP, a, { partyOrgId: streetParty.org, decision: "approve", reason: "同意" }, REVIEW_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.outOfScope" } });
    expect(await decide(h.db, community.actor, CP, a, { partyOrgId: community.org, decision: "approve", reason: "  " }, REVIEW_AT)).toEqual({ ok: false, errors: { reason: "elections.errors.reasonRequired" } });
    expect(await counts()).toEqual(before);

    expect(await decide(h.db, community.actor, CP, a, { partyOrgId: community.org, decision: "approve", reason: "群众基础好" }, REVIEW_AT)).toEqual({ ok: true, phase: "under_review" });
    const mid = await counts();
    expect(await decide(h.db, community.actor, CP, a, { partyOrgId: community.org, decision: "reject", reason: "改主意" }, REVIEW_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.decidedTwice" } });
    expect(await counts()).toEqual(mid);
    expect(await decide(h.db, streetParty.actor, CP, a, { partyOrgId: streetParty.org, decision: "approve", reason: "无不良记录" }, REVIEW_AT)).toEqual({ ok: true, phase: "under_review" });
    expect(await decide(h.db, industry.actor, CP, a, { partyOrgId: industry.org, decision: "approve", reason: "与物业公司无关联" }, REVIEW_AT)).toEqual({ ok: true, phase: "cleared" });
    const v = await vettingOf(h.db, CP, a);
    expect(v?.state.phase).toBe("cleared");
    expect(v?.events.map((e) => e.kind)).toEqual(["submit", "decide", "decide", "decide"]);
    expect((await h.db.select().from(candidates).where(eq(candidates.id, a)))[0].phase).toBe("cleared");
    expect(await decide(h.db, industry.actor, CP, a, { partyOrgId: industry.org, decision: "approve", reason: "再次" }, REVIEW_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.vettingFinal" } });
  });

  it("reviewers work from a queue, oldest first, with due dates", async () => {
    // b (submitted 03-07) and the joint nomination (03-05) wait on the street committee.
    const q = await reviewerQueue(h.db, streetParty.org, at("2026-03-13T10:00:00+08:00"));
    expect(q.map((x) => x.task)).toEqual(["decide", "decide"]);
    expect(q[1]).toMatchObject({ candidateId: b, since: B_SUBMIT, due: at("2026-03-14T09:00:00+08:00"), overdue: false, compoundName: "和平里二区" });
    expect(q[0].since.getTime()).toBeLessThan(q[1].since.getTime());
    expect(q[0].overdue).toBe(true);
    expect(q.some((x) => x.candidateId === a)).toBe(false);
    expect(await reviewerQueue(h.db, songlin.org, REVIEW_AT)).toEqual([]);
  });

  it("a rejection, one appeal, and the rejecting reviewer's answer", async () => {
    expect(await decide(h.db, community.actor, CP, b, { partyOrgId: community.org, decision: "approve", reason: "同意" }, REVIEW_AT)).toEqual({ ok: true, phase: "under_review" });
    expect(await decide(h.db, streetParty.actor, CP, b, { partyOrgId: streetParty.org, decision: "reject", reason: "本人系街道公职人员，兼任不宜。" }, REVIEW_AT)).toEqual({ ok: true, phase: "under_review" });
    expect(await appeal(h.db, qian, CP, b, "审核尚未结束", REVIEW_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.reviewNotFinished" } });
    expect(await decide(h.db, industry.actor, CP, b, { partyOrgId: industry.org, decision: "approve", reason: "同意" }, REVIEW_AT)).toEqual({ ok: true, phase: "rejected" });
    const APPEAL_AT = at("2026-03-18T10:00:00+08:00");
    expect(await appeal(h.db, sunli, CP, b, "不是本人", APPEAL_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.notCandidate" } });
    expect(await appeal(h.db, qian, CP, b, "", APPEAL_AT)).toEqual({ ok: false, errors: { statement: "elections.errors.statementRequired" } });
    expect(await appeal(h.db, qian, CP, b, "本人已于 2025 年退休，不再担任公职。", APPEAL_AT)).toEqual({ ok: true, phase: "appealed" });
    expect(await appeal(h.db, qian, CP, b, "再次申诉", APPEAL_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.appealTwice" } });
    // Publishing before vetting has finished is refused.
    expect(await publishCandidateList(h.db, sunli, CP, electionId, APPEAL_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.vettingNotFinished" } });
    const q = await reviewerQueue(h.db, streetParty.org, APPEAL_AT);
    expect(q.find((x) => x.candidateId === b)).toMatchObject({ task: "answer", since: APPEAL_AT, due: at("2026-03-25T10:00:00+08:00") });
    expect((await reviewerQueue(h.db, community.org, APPEAL_AT)).some((x) => x.candidateId === b)).toBe(false);
    // Only the reviewer that rejected answers.
    expect(await answer(h.db, community.actor, CP, b, { partyOrgId: community.org, outcome: "overturned", reason: "同意" }, APPEAL_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.answerByOtherReviewer" } });
    expect(await answer(h.db, streetParty.actor, CP, b, { partyOrgId: streetParty.org, outcome: "overturned", reason: "经核实已退休，撤销原意见。" }, APPEAL_AT)).toEqual({ ok: true, phase: "cleared_on_appeal" });
    expect(await answer(h.db, streetParty.actor, CP, b, { partyOrgId: streetParty.org, outcome: "upheld", reason: "再次" }, APPEAL_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.vettingFinal" } });
  });

  it("vetting events are append-only", async () => {
    let msg = "";
    try {
      await h.db.update(vettingEvents).set({ text: "改" }).where(eq(vettingEvents.candidateId, a));
    } catch (e) {
      msg = String(e);
    }
    expect(msg).not.toBe("");
    expect((await h.db.select({ t: vettingEvents.text }).from(vettingEvents).where(and(eq(vettingEvents.candidateId, a), ne(vettingEvents.kind, "submit")))).map((r) => r.t)).not.toContain("改");
  });

  it("the stage summary; publishing the cleared list once every candidate is through", async () => {
    const s1 = await electionStage(h.db, CP, at("2026-03-18T12:00:00+08:00"));
    expect(s1.stage).toBe("vetting");
    expect(s1.openObjections).toBe(0);
    expect(s1.candidates).toMatchObject({ nominated: 1, under_review: 1, cleared: 1, cleared_on_appeal: 1 });
    expect(s1.clearedShares).toMatchObject({ total: 2, partyMembers: { numerator: 1, denominator: 2 } });

    // Finish the rest: the joint nomination is rejected (not appealed); 孙丽's self-nomination is cleared.
    const T = at("2026-03-19T10:00:00+08:00");
    const rows = await h.db.select({ id: candidates.id, phase: candidates.phase }).from(candidates).where(eq(candidates.electionId, electionId));
    const joint = rows.find((r) => r.phase === "under_review")!.id;
    const self = rows.find((r) => r.phase === "nominated")!.id;
    expect(await submitForVetting(h.db, sunli, CP, self, T)).toEqual({ ok: true, phase: "under_review" });
    for (const [r, d] of [[community, "approve"], [streetParty, "approve"], [industry, "reject"]] as const) {
      expect((await decide(h.db, r.actor, CP, joint, { partyOrgId: r.org, decision: d, reason: "意见" }, T)).ok).toBe(true);
      expect((await decide(h.db, r.actor, CP, self, { partyOrgId: r.org, decision: "approve", reason: "同意" }, T)).ok).toBe(true);
    }
    const p = await publishCandidateList(h.db, sunli, CP, electionId, T);
    if (!p.ok) throw new Error(JSON.stringify(p));
    expect(p.cleared).toBe(3);
    const [n] = await h.db.select().from(notices).where(eq(notices.id, p.noticeId));
    expect(n).toMatchObject({ sourceKind: "candidates", sourceId: electionId });
    expect(n.body).toContain("孙丽");
    expect(await publishCandidateList(h.db, sunli, CP, electionId, T)).toEqual({ ok: false, errors: { _form: "elections.errors.alreadyPublished" } });
    expect((await electionStage(h.db, CP, T)).stage).toBe("candidates_published");
  });
});

describe("dissolving the group @elections", () => {
  it("ends the grants the group made", async () => {
    const T = at("2026-06-01T10:00:00+08:00");
    expect(await dissolvePrepGroup(h.db, street, CP, groupId, T)).toEqual({ ok: true });
    const [g] = await h.db.select().from(roleGrants).where(and(eq(roleGrants.userId, qian.id), eq(roleGrants.role, "prep_group_member")));
    expect(g.validTo).toEqual(T);
    expect(await dissolvePrepGroup(h.db, street, CP, groupId, T)).toEqual({ ok: false, errors: { _form: "elections.errors.prepGroupDissolved" } });
    expect((await electionStage(h.db, CP, T)).stage).toBe("no_group");
  });
});
