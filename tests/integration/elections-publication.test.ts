import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { DbHandle } from "~db/client.server";
import { auditLog, candidateObjections, candidates, decisions, elections, notices, owners, ownerships, roleGrants, serviceContracts, streetVettingSettings, users } from "~db/schema";
import { formPrepGroup, setUpElection } from "~/elections/prep.server";
import { endorse, nominate, signaturesOf, type NominationInput } from "~/elections/candidates.server";
import { decide, electionStage, publishCandidateList, reviewerQueue, submitForVetting, vettingOf } from "~/elections/vetting.server";
import { answerCandidateObjection, candidateObjectionsOf, earliestVoting, objectToCandidates, setStreetReviewers, setVotingDate } from "~/elections/publication.server";
import { requiredReviewersFor, requiredReviewersOfStreet, reviewerOrgsOf, streetOf } from "~/elections/common.server";
import { publicationOk } from "~/elections/rules";
import { loadCalendar } from "~/platform/calendar.server";
import { seedDemo } from "~seeds/demo";
import { useTestDb } from "../support/test-db";
import { freshDb } from "../support/db";
import { expectDemoModels } from "../support/demo-models";
import { compoundRatingSummary } from "~/governance/ratings.server";
import { expiryWarning } from "~/governance/rules";
import { shanghaiDay } from "~/platform/days";

const h = useTestDb();

/**
 * The functions around the cleared candidate list (app/elections/publication.server.ts) and the demo city's
 * election data (seeds/demo-elections.ts). 纺织厂宿舍 (cp_fangzhi, under com_qingnian / st_heping / dist_donghu,
 * 300 households) has no group in the demo: the tests run one election there. Its reviewers are the demo
 * accounts usr_demo17 (po_com_qingnian), usr_demo13 (po_st_heping), usr_demo14 (po_industry_donghu, reviewing
 * as "industry"). The rule pack is the default: the list is shown 7 days and published 15 days before voting,
 * both legal periods (the publication day not counted; a last day on a rest day moves on). Instants in +08:00.
 */
const at = (s: string) => new Date(s);
const CP = "cp_fangzhi";
const LI = { id: "usr_demo02", name: "李秀英" };
const community = { actor: { id: "usr_demo17", name: "高丽娟" }, partyOrgId: "po_com_qingnian" };
const streetParty = { actor: { id: "usr_demo13", name: "吴国平" }, partyOrgId: "po_st_heping" };
const industry = { actor: { id: "usr_demo14", name: "林晓红" }, partyOrgId: "po_industry_donghu" };

const FORMED_AT = at("2026-02-02T10:00:00+08:00");
const SETUP_AT = at("2026-02-10T10:00:00+08:00");
const OPENS = at("2026-03-02T00:00:00+08:00");
const CLOSES = at("2026-03-16T00:00:00+08:00");
const NOMINATE_AT = at("2026-03-05T10:00:00+08:00");
const SUBMIT_AT = at("2026-03-16T10:00:00+08:00");
const REVIEW_AT = at("2026-03-17T10:00:00+08:00");
/** Friday. Fifteen days on is Saturday 4 April, the first day of 清明节 (4–6 April): the period ends on Tuesday 7 April. */
const PUBLISH_AT = at("2026-03-20T10:00:00+08:00");
const EARLIEST = at("2026-04-08T00:00:00+08:00");
const VOTING = at("2026-04-20T09:00:00+08:00");

const METHOD = "书面投票与线上投票相结合，差额选举，得票多者当选。";
const declaration = (ownerId: string, extra: Partial<NominationInput> = {}): NominationInput => ({
  ownerId, nominatedBy: "community_party", occupation: "retiree", partyMember: true, propertyCompanyRelation: "none", fullCapacityDeclared: true, consent: true, ...extra,
});

/** Person owners of a compound without an account who own exactly one unit, in registry order. */
async function plainOwners(compoundId: string): Promise<string[]> {
  const rows = await h.db
    .select({ id: owners.id, n: count(ownerships.id) })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.compoundId, compoundId), eq(owners.kind, "person"), isNull(owners.userId)))
    .groupBy(owners.id)
    .orderBy(asc(owners.id));
  const num = (id: string) => Number(id.slice(id.lastIndexOf("_") + 1));
  return rows.filter((r) => Number(r.n) === 1).map((r) => r.id).sort((a, b) => num(a) - num(b));
}

/** An account for an owner (as an owner who signed up and was linked to the registry). */
async function ownerAccount(ownerId: string, id: string, name: string) {
  await h.db.insert(users).values({ id, name, accountNo: `9${crypto.randomBytes(4).toString("hex")}`, createdAt: FORMED_AT });
  await h.db.update(owners).set({ userId: id }).where(eq(owners.id, ownerId));
  return { id, name };
}

async function counts(compoundId = CP) {
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
  return {
    elections: await h.db.select().from(elections).where(eq(elections.compoundId, compoundId)).orderBy(asc(elections.id)),
    objections: await h.db.select().from(candidateObjections).where(eq(candidateObjections.compoundId, compoundId)).orderBy(asc(candidateObjections.id)),
    notices: await n(h.db.select({ n: count() }).from(notices).where(eq(notices.compoundId, compoundId))),
    settings: await h.db.select().from(streetVettingSettings).orderBy(asc(streetVettingSettings.nodeId)),
    audit: await n(h.db.select({ n: count() }).from(auditLog)),
  };
}

async function auditOf(action: string) {
  return h.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
}

let electionId = "";
let cands: string[] = [];
let objector1 = { id: "", name: "" };
let objector2 = { id: "", name: "" };

async function setUpFangzhi() {
  const plain = await plainOwners(CP);
  const reps = [plain[3], plain[10], plain[17]];
  const g = await formPrepGroup(h.db, LI, CP, [
    { name: "李秀英", role: "street_office", leader: true },
    { name: "业主甲", role: "owner", ownerId: reps[0] },
    { name: "业主乙", role: "owner", ownerId: reps[1] },
    { name: "业主丙", role: "owner", ownerId: reps[2] },
    { name: "居委会代表", role: "residents_committee" },
  ], FORMED_AT);
  if (!g.ok) throw new Error(JSON.stringify(g));
  const e = await setUpElection(h.db, LI, CP, { seats: 5, minSeats: 3, alternates: 2, nominationOpensAt: OPENS, nominationClosesAt: CLOSES, method: METHOD, votingOpensAt: VOTING }, SETUP_AT);
  if (!e.ok) throw new Error(JSON.stringify(e));
  electionId = e.id;
  cands = [];
  for (const [i, o] of [plain[30], plain[40]].entries()) {
    const r = await nominate(h.db, LI, CP, electionId, declaration(o, i === 1 ? { nominatedBy: "residents_committee", partyMember: false, occupation: "other" } : {}), NOMINATE_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    cands.push(r.id);
  }
  objector1 = await ownerAccount(plain[50], "usr_t_fz_obj1", "业主丁");
  objector2 = await ownerAccount(plain[60], "usr_t_fz_obj2", "业主戊");
}

async function clearAll(when: Date) {
  for (const c of cands) {
    expect(await submitForVetting(h.db, LI, CP, c, when)).toEqual({ ok: true, phase: "under_review" });
    for (const r of [community, streetParty, industry]) {
      const d = await decide(h.db, r.actor, CP, c, { partyOrgId: r.partyOrgId, decision: "approve", reason: "符合候选人条件。" }, REVIEW_AT);
      expect(d.ok).toBe(true);
    }
  }
}

// ————————————————————————————————————————————————————————— the demo city's election data

/** The end-to-end clock: Monday 2 March 2026, 09:00 in Shanghai. */
const E2E_NOW = at("2026-03-02T09:00:00+08:00");
const TEMPLATE_NOW = at("2026-01-05T02:00:00Z");

const HPL2_PHASES = {
  cnd_demo_hpl2_1: "under_review",
  cnd_demo_hpl2_2: "under_review",
  cnd_demo_hpl2_3: "cleared",
  cnd_demo_hpl2_4: "rejection_upheld",
  cnd_demo_hpl2_5: "cleared",
  cnd_demo_hpl2_6: "under_review",
};
const QN_PHASES = {
  cnd_demo_qn_1: "cleared",
  cnd_demo_qn_2: "cleared",
  cnd_demo_qn_3: "cleared",
  cnd_demo_qn_4: "cleared",
  cnd_demo_qn_5: "cleared",
  cnd_demo_qn_6: "cleared",
  cnd_demo_qn_7: "rejected",
};


async function expectDemoElections(db: DbHandle["db"], now: Date) {
  const phases = Object.fromEntries(
    (await db.select({ id: candidates.id, phase: candidates.phase }).from(candidates).where(inArray(candidates.electionId, ["elc_demo_hpl2", "elc_demo_qn"])).orderBy(asc(candidates.id))).map((c) => [c.id, c.phase]),
  );
  expect(phases).toEqual({ ...HPL2_PHASES, ...QN_PHASES });
  // The phase cache agrees with the replayed events.
  for (const [id, phase] of Object.entries(HPL2_PHASES)) expect((await vettingOf(db, "cp_hepingli2", id))?.state.phase).toBe(phase);
  for (const [id, phase] of Object.entries(QN_PHASES)) expect((await vettingOf(db, "cp_qingnian", id))?.state.phase).toBe(phase);

  const hpl2 = await electionStage(db, "cp_hepingli2", now);
  expect(hpl2.stage).toBe("vetting");
  expect(hpl2.group?.id).toBe("pgr_demo_hpl2");
  expect(hpl2.election).toMatchObject({ id: "elc_demo_hpl2", seats: 5, minSeats: 3, alternates: 2, status: "nominating", requiredReviewers: ["community", "street_working", "industry"] });
  expect(hpl2.candidates).toEqual({ nominated: 0, under_review: 3, cleared: 2, rejected: 0, appealed: 0, cleared_on_appeal: 0, rejection_upheld: 1 });
  expect(hpl2.overdueReviews).toBe(3);
  expect(hpl2.election!.votingOpensAt!.getTime()).toBeGreaterThanOrEqual((await earliestVoting(db, "cp_hepingli2", now))!.getTime());

  const qn = await electionStage(db, "cp_qingnian", now);
  expect(qn.stage).toBe("candidates_published");
  expect(qn.election).toMatchObject({ id: "elc_demo_qn", status: "published" });
  expect(qn.candidates).toMatchObject({ cleared: 6, rejected: 1 });
  const e = qn.election!;
  expect(e.candidatesPublishedAt!.getTime()).toBeLessThan(now.getTime());
  expect(publicationOk({ publishedAt: e.candidatesPublishedAt!, votingOpensAt: e.votingOpensAt! }, await loadCalendar(db), { candidateShowDays: 7, candidateLeadDays: 15 })).toEqual([]);
  expect(e.votingOpensAt!.getTime()).toBeGreaterThan(now.getTime()); // objections are still open
  const objections = await candidateObjectionsOf(db, "cp_qingnian", "elc_demo_qn");
  expect(objections.map((o) => o.o.status)).toEqual(["answered", "open"]);
  expect(objections[0].o).toMatchObject({ candidateId: "cnd_demo_qn_3", answeredBy: "usr_demo02" });

  expect((await electionStage(db, "cp_fangzhi", now)).stage).toBe("no_group");

  // Who must act: the community reviewer on 1 and 2 (马文华); the street and industry reviewers on 1 and 6.
  const demo = ["cp_hepingli2", "cp_qingnian"];
  const queue = async (po: string) => (await reviewerQueue(db, po, now)).filter((q) => demo.includes(q.compoundId)).map((q) => [q.candidateId, q.task]);
  expect(await queue("po_com_hepingli")).toEqual([["cnd_demo_hpl2_1", "decide"], ["cnd_demo_hpl2_2", "decide"]]);
  expect(await queue("po_st_heping")).toEqual([["cnd_demo_hpl2_1", "decide"], ["cnd_demo_hpl2_6", "decide"]]);
  expect(await queue("po_industry_donghu")).toEqual([["cnd_demo_hpl2_1", "decide"], ["cnd_demo_hpl2_6", "decide"]]);
  expect(await queue("po_com_qingnian")).toEqual([]);
  // Another street's Party committee sees nothing of 和平里二区.
  expect((await reviewerQueue(db, "po_st_songlin", now)).filter((q) => q.compoundId === "cp_hepingli2")).toEqual([]);
  expect(await queue("po_st_songlin")).toEqual([]);

  const [ma] = await db.select().from(candidates).where(eq(candidates.id, "cnd_demo_hpl2_2"));
  expect(ma).toMatchObject({ userId: "usr_demo16", nominatedBy: "self" });
  const [joint] = await db.select().from(candidates).where(eq(candidates.id, "cnd_demo_hpl2_4"));
  expect(joint.nominatedBy).toBe("owners_joint");
  expect(joint.userId).not.toBeNull();
  expect(await signaturesOf(db, "cnd_demo_hpl2_4")).toBe(2);
  const kinds = Object.fromEntries((await db.select({ id: candidates.id, k: candidates.nominatedBy }).from(candidates).where(eq(candidates.electionId, "elc_demo_hpl2"))).map((c) => [c.id, c.k]));
  expect(kinds).toEqual({ cnd_demo_hpl2_1: "community_party", cnd_demo_hpl2_2: "self", cnd_demo_hpl2_3: "residents_committee", cnd_demo_hpl2_4: "owners_joint", cnd_demo_hpl2_5: "community_party", cnd_demo_hpl2_6: "residents_committee" });
}

describe("the demo city's elections (and, at the end-to-end clock, its management models) @elections @models", () => {
  let fresh: DbHandle | undefined;
  afterAll(async () => {
    await fresh?.close();
  });

  it("the test template, seeded at its own clock (before this file writes anything), holds the same stages", async () => {
    await expectDemoElections(h.db, TEMPLATE_NOW);
  });

  it("seeds on a fresh database at the end-to-end clock, through the context, as designed", async () => {
    fresh = await freshDb("gz_seedtest");
    expect(await seedDemo(fresh.db, E2E_NOW)).toEqual({ seeded: true });
    await expectDemoElections(fresh.db, E2E_NOW);
    // The new demo accounts: four reviewers and a candidate who owns one flat in 和平里二区.
    const demo = await fresh.db.select({ id: users.id, phone: users.phone, name: users.name }).from(users).where(eq(users.phone, "13800000016"));
    expect(demo).toEqual([{ id: "usr_demo16", phone: "13800000016", name: "马文华" }]);
    expect(await reviewerOrgsOf(fresh.db, "usr_demo14", E2E_NOW)).toEqual([{ id: "po_industry_donghu", name: "物业行业党委东湖区分会", kind: "industry" }]);

    // The same seed's management models and contracts (one seed at this clock serves both checks): 和平里一区's
    // contract warns within 90 days, 松林苑's ends before the owners' decision not to renew takes effect.
    const E2E_DAY = "2026-03-02";
    await expectDemoModels(fresh.db, E2E_DAY);
    const [c] = await fresh.db.select().from(serviceContracts).where(eq(serviceContracts.id, "sc_demo_hpl1_2023"));
    expect(c.endDay).toBe("2026-04-30");
    expect(expiryWarning(c.endDay, E2E_DAY)).toBe("within_90");
    const [sl] = await fresh.db.select().from(serviceContracts).where(eq(serviceContracts.id, "sc_demo_songlin_2023"));
    expect(sl.endDay).toBe("2026-05-15");
    const [d] = await fresh.db.select().from(decisions).where(eq(decisions.id, "dec_demo_songlin_exit"));
    expect(d.status).toBe("closed");
    expect(shanghaiDay(d.closedAt!) < E2E_DAY).toBe(true);
    expect((await compoundRatingSummary(fresh.db, "cp_hepingli1", E2E_DAY)).current.count).toBe(0);
  }, 180_000);

});

// ————————————————————————————————————————————————————————— around the published list

describe("the voting date and publishing the list @elections", () => {
  it("publishing is refused while nominations are open, writing nothing", async () => {
    await setUpFangzhi();
    const before = await counts();
    expect(await publishCandidateList(h.db, LI, CP, electionId, at("2026-03-10T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "elections.errors.nominationsStillOpen" } });
    // The last instant of the window is still inside it (closesAt is excluded).
    expect(await publishCandidateList(h.db, LI, CP, electionId, new Date(CLOSES.getTime() - 1))).toEqual({ ok: false, errors: { _form: "elections.errors.nominationsStillOpen" } });
    expect(await counts()).toEqual(before);
  });

  it("before publication the voting date moves freely after nominations close; never before them or into the past", async () => {
    await clearAll(SUBMIT_AT);
    const before = await counts();
    expect(await setVotingDate(h.db, LI, CP, electionId, CLOSES, REVIEW_AT)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.votingBeforeNominationsClose" } });
    expect(await setVotingDate(h.db, LI, CP, electionId, at("2026-03-17T09:00:00+08:00"), REVIEW_AT)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.votingBeforeNominationsClose" } });
    expect(await setVotingDate(h.db, LI, CP, electionId, REVIEW_AT, REVIEW_AT)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.votingBeforeNominationsClose" } });
    // Another compound's election is not found from here.
    expect(await setVotingDate(h.db, LI, CP, "elc_demo_qn", VOTING, REVIEW_AT)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    expect(await counts()).toEqual(before);

    // Not yet published: a date too close for any publication is accepted (the check comes at publication).
    const soon = at("2026-03-25T09:00:00+08:00");
    expect(await setVotingDate(h.db, LI, CP, electionId, soon, REVIEW_AT)).toEqual({ ok: true });
    const [e] = await h.db.select().from(elections).where(eq(elections.id, electionId));
    expect(e.votingOpensAt).toEqual(soon);
    const [a] = (await auditOf("election.voting_date")).filter((x) => x.targetId === electionId);
    expect(a).toMatchObject({ actorId: LI.id, before: { votingOpensAt: VOTING.toISOString() }, after: { votingOpensAt: soon.toISOString() }, scopePath: "/city_jiangan/dist_donghu/st_heping/com_qingnian/cp_fangzhi/" });
  });

  it("the earliest voting date counts legal days: the 清明 holiday after a weekend moves it to Wednesday 8 April", async () => {
    expect(await earliestVoting(h.db, CP, PUBLISH_AT)).toEqual(EARLIEST);
    // Published on Thursday instead, fifteen days on is Friday 3 April, a working day.
    expect(await earliestVoting(h.db, CP, at("2026-03-19T10:00:00+08:00"))).toEqual(at("2026-04-04T00:00:00+08:00"));
    // The rule itself agrees at the boundary.
    const cal = await loadCalendar(h.db);
    const pack = { candidateShowDays: 7, candidateLeadDays: 15 };
    expect(publicationOk({ publishedAt: PUBLISH_AT, votingOpensAt: EARLIEST }, cal, pack)).toEqual([]);
    expect(publicationOk({ publishedAt: PUBLISH_AT, votingOpensAt: new Date(EARLIEST.getTime() - 1) }, cal, pack).map((p) => p.code)).toEqual(["LATE"]);
    expect(await earliestVoting(h.db, "cp_nowhere", PUBLISH_AT)).toBeNull();
  });

  it("publishing is refused too close to the voting date, and without one, writing nothing", async () => {
    const before = await counts();
    // Voting on 25 March: far too close.
    expect(await publishCandidateList(h.db, LI, CP, electionId, PUBLISH_AT)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.publishTooLate" } });
    // 7 April 09:00 would do by weekdays alone (the period's last day, Saturday 4 April, moves to Monday 6);
    // the holiday calendar moves it on to Tuesday 7 April, so voting may open from Wednesday 00:00.
    expect(await setVotingDate(h.db, LI, CP, electionId, at("2026-04-07T09:00:00+08:00"), REVIEW_AT)).toEqual({ ok: true });
    const mid = await counts();
    expect(await publishCandidateList(h.db, LI, CP, electionId, PUBLISH_AT)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.publishTooLate" } });
    // An election set up before planned voting dates existed has none.
    await h.db.update(elections).set({ votingOpensAt: null }).where(eq(elections.id, electionId));
    const noDate = await counts();
    expect(await publishCandidateList(h.db, LI, CP, electionId, PUBLISH_AT)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.votingDateMissing" } });
    expect(await counts()).toEqual(noDate);
    expect(mid.notices).toBe(before.notices);
    expect(mid.audit).toBe(before.audit + 1); // the voting date only
  });

  it("publishes when voting opens at the first moment allowed", async () => {
    expect(await setVotingDate(h.db, LI, CP, electionId, EARLIEST, REVIEW_AT)).toEqual({ ok: true });
    const before = await counts();
    const p = await publishCandidateList(h.db, LI, CP, electionId, PUBLISH_AT);
    if (!p.ok) throw new Error(JSON.stringify(p));
    expect(p.cleared).toBe(2);
    const after = await counts();
    expect(after.notices).toBe(before.notices + 1);
    expect(after.elections[0]).toMatchObject({ status: "published", candidatesPublishedAt: PUBLISH_AT, candidatesNoticeId: p.noticeId, votingOpensAt: EARLIEST });
    expect((await electionStage(h.db, CP, PUBLISH_AT)).stage).toBe("candidates_published");
    expect(await publishCandidateList(h.db, LI, CP, electionId, PUBLISH_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.alreadyPublished" } });
  });

  it("after publication the voting date may only move where the list keeps its showing and lead periods", async () => {
    const T = at("2026-03-23T10:00:00+08:00");
    const before = await counts();
    expect(await setVotingDate(h.db, LI, CP, electionId, at("2026-04-07T23:59:59+08:00"), T)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.publishTooLate" } });
    expect(await setVotingDate(h.db, LI, CP, electionId, at("2026-04-03T09:00:00+08:00"), T)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.publishTooLate" } });
    expect(await setVotingDate(h.db, LI, CP, electionId, at("2026-03-22T09:00:00+08:00"), T)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.votingBeforeNominationsClose" } });
    expect(await counts()).toEqual(before);
    expect(await setVotingDate(h.db, LI, CP, electionId, VOTING, T)).toEqual({ ok: true });
    expect(await setVotingDate(h.db, LI, CP, electionId, at("2026-04-08T09:00:00+08:00"), T)).toEqual({ ok: true });
    const [e] = await h.db.select().from(elections).where(eq(elections.id, electionId));
    expect(e.votingOpensAt).toEqual(at("2026-04-08T09:00:00+08:00"));
    expect(e.candidatesPublishedAt).toEqual(PUBLISH_AT);
  });
});

describe("objections to the published list @elections", () => {
  const T = at("2026-03-24T20:00:00+08:00");

  it("are refused before publication, after voting opened, from non-owners, about another election's candidate, or blank — writing nothing", async () => {
    const before = await counts();
    // Another compound's election (the demo's published list of 青年路小区) is not found from here.
    expect(await objectToCandidates(h.db, objector1, CP, "elc_demo_qn", { candidateId: null, text: "异议" }, T)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    // 吴磊 rents in 和平里一区; 孙丽 owns in 和平里二区, not here.
    expect(await objectToCandidates(h.db, { id: "usr_demo09", name: "吴磊" }, CP, electionId, { candidateId: null, text: "异议" }, T)).toEqual({ ok: false, errors: { _form: "elections.errors.notOwnerHere" } });
    expect(await objectToCandidates(h.db, { id: "usr_demo05", name: "孙丽" }, CP, electionId, { candidateId: null, text: "异议" }, T)).toEqual({ ok: false, errors: { _form: "elections.errors.notOwnerHere" } });
    expect(await objectToCandidates(h.db, objector1, CP, electionId, { candidateId: null, text: "  " }, T)).toEqual({ ok: false, errors: { text: "errors.required" } });
    // A candidate of another election, and one that does not exist.
    expect(await objectToCandidates(h.db, objector1, CP, electionId, { candidateId: "cnd_demo_qn_1", text: "异议" }, T)).toEqual({ ok: false, errors: { candidateId: "errors.invalid" } });
    expect(await objectToCandidates(h.db, objector1, CP, electionId, { candidateId: "cnd_nope", text: "异议" }, T)).toEqual({ ok: false, errors: { candidateId: "errors.invalid" } });
    // Voting opens 8 April 09:00: from that instant on, no more objections.
    expect(await objectToCandidates(h.db, objector1, CP, electionId, { candidateId: null, text: "异议" }, at("2026-04-08T09:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "elections.errors.objectionsClosed" } });
    expect(await counts()).toEqual(before);
  });

  it("are refused while the list is not published", async () => {
    // The demo's 和平里二区 election is still in vetting; 马文华 owns there.
    const before = await counts("cp_hepingli2");
    expect(await objectToCandidates(h.db, { id: "usr_demo16", name: "马文华" }, "cp_hepingli2", "elc_demo_hpl2", { candidateId: null, text: "异议" }, T)).toEqual({ ok: false, errors: { _form: "elections.errors.notPublished" } });
    expect(await counts("cp_hepingli2")).toEqual(before);
  });

  it("an owner objects about one candidate or the whole list; the group answers each once", async () => {
    const before = await counts();
    const o1 = await objectToCandidates(h.db, objector1, CP, electionId, { candidateId: cands[0], text: " 该候选人长期不在小区居住。 " }, T);
    if (!o1.ok) throw new Error(JSON.stringify(o1));
    const o2 = await objectToCandidates(h.db, objector2, CP, electionId, { candidateId: null, text: "候选人中没有 5 号楼的业主。" }, at("2026-04-08T08:59:59+08:00"));
    if (!o2.ok) throw new Error(JSON.stringify(o2));
    const after = await counts();
    expect(after.objections.length).toBe(before.objections.length + 2);
    expect(after.audit).toBe(before.audit + 2);
    const [row] = await h.db.select().from(candidateObjections).where(eq(candidateObjections.id, o1.id));
    expect(row).toMatchObject({ electionId, compoundId: CP, candidateId: cands[0], userId: objector1.id, text: "该候选人长期不在小区居住。", status: "open", answer: null });
    const [a] = (await auditOf("election.candidates.object")).filter((x) => x.targetId === electionId);
    expect(a).toMatchObject({ actorId: objector1.id, after: { objection: o1.id, candidate: cands[0] } });

    const mid = await counts();
    expect(await answerCandidateObjection(h.db, LI, CP, o1.id, " ", T)).toEqual({ ok: false, errors: { answer: "errors.required" } });
    // Another compound's objection (the demo's open one in 青年路小区) is not found from here.
    const demo = await candidateObjectionsOf(h.db, "cp_qingnian", "elc_demo_qn");
    const demoOpen = demo.find((x) => x.o.status === "open")!;
    expect(await answerCandidateObjection(h.db, LI, CP, demoOpen.o.id, "答复", T)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    expect(await counts()).toEqual(mid);
    expect(await answerCandidateObjection(h.db, LI, CP, o1.id, "经核实，该候选人居住于本小区 3 号楼。", at("2026-03-25T10:00:00+08:00"))).toEqual({ ok: true });
    const done = await counts();
    expect(await answerCandidateObjection(h.db, LI, CP, o1.id, "再次答复", at("2026-03-26T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "elections.errors.alreadySettled" } });
    expect(await counts()).toEqual(done);
    const list = await candidateObjectionsOf(h.db, CP, electionId);
    expect(list.map((x) => [x.o.id, x.o.status, x.o.answeredBy])).toEqual([[o1.id, "answered", LI.id], [o2.id, "open", null]]);
    expect(list[0].candidateName).not.toBeNull();
    expect(list[1].candidateName).toBeNull();
    expect((await auditOf("election.candidates.objection.answer")).filter((x) => x.targetId === electionId)).toHaveLength(1);
  });
});

describe("the street's joint-vetting setting @elections", () => {
  const ST = "st_binjiang";
  const T = at("2026-03-01T10:00:00+08:00");

  it("a street without a setting requires all three reviewers", async () => {
    expect(await requiredReviewersOfStreet(h.db, ST)).toEqual({ kinds: ["community", "street_working", "industry"], isDefault: true, updatedAt: null });
    expect(await requiredReviewersFor(h.db, "cp_wangjiang")).toEqual(["community", "street_working", "industry"]);
  });

  it("refuses no kinds, an unknown kind and a node that is not a street, writing nothing", async () => {
    const before = await counts();
    expect(await setStreetReviewers(h.db, LI, ST, [], T)).toEqual({ ok: false, errors: { requiredReviewers: "elections.errors.reviewersRequired" } });
    expect(await setStreetReviewers(h.db, LI, ST, ["community", "mayor"], T)).toEqual({ ok: false, errors: { requiredReviewers: "elections.errors.reviewersRequired" } });
    expect(await setStreetReviewers(h.db, LI, ST, ["industry_branch"], T)).toEqual({ ok: false, errors: { requiredReviewers: "elections.errors.reviewersRequired" } });
    for (const node of ["com_wangjiang", "cp_wangjiang", "dist_donghu", "city_jiangan", "st_nowhere"]) {
      expect(await setStreetReviewers(h.db, LI, node, ["community"], T)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    }
    expect(await counts()).toEqual(before);
  });

  it("stores the kinds in canonical order, upserts, and audits before and after", async () => {
    expect(await setStreetReviewers(h.db, LI, ST, ["industry", "community"], T)).toEqual({ ok: true });
    expect(await requiredReviewersOfStreet(h.db, ST)).toEqual({ kinds: ["community", "industry"], isDefault: false, updatedAt: T });
    const T2 = at("2026-03-02T10:00:00+08:00");
    expect(await setStreetReviewers(h.db, { id: "usr_demo01", name: "周建国" }, ST, ["street_working", "street_working"], T2)).toEqual({ ok: true });
    const rows = await h.db.select().from(streetVettingSettings).where(eq(streetVettingSettings.nodeId, ST));
    expect(rows).toEqual([{ nodeId: ST, requiredReviewers: ["street_working"], updatedBy: "usr_demo01", updatedAt: T2 }]);
    const audit = (await auditOf("election.street_reviewers")).filter((a) => a.targetId === ST);
    expect(audit.map((a) => [a.actorId, a.before, a.after, a.scopePath])).toEqual([
      [LI.id, { requiredReviewers: ["community", "street_working", "industry"] }, { requiredReviewers: ["community", "industry"] }, "/city_jiangan/dist_donghu/st_binjiang/"],
      ["usr_demo01", { requiredReviewers: ["community", "industry"] }, { requiredReviewers: ["street_working"] }, "/city_jiangan/dist_donghu/st_binjiang/"],
    ]);
    // Other streets keep the default.
    expect(await requiredReviewersFor(h.db, "cp_fangzhi")).toEqual(["community", "street_working", "industry"]);
  });

  it("an election set up in the street copies its setting and keeps it when the setting changes", async () => {
    expect(await setStreetReviewers(h.db, LI, ST, ["community", "industry"], T)).toEqual({ ok: true });
    const cp = "cp_wangjiang";
    const plain = await plainOwners(cp);
    const g = await formPrepGroup(h.db, LI, cp, [
      { name: "街道代表", role: "street_office", leader: true },
      { name: "业主甲", role: "owner", ownerId: plain[1] },
      { name: "业主乙", role: "owner", ownerId: plain[2] },
    ], T);
    if (!g.ok) throw new Error(JSON.stringify(g));
    const e = await setUpElection(h.db, LI, cp, { seats: 7, minSeats: 4, alternates: 2, nominationOpensAt: at("2026-03-10T00:00:00+08:00"), nominationClosesAt: at("2026-03-25T00:00:00+08:00"), method: METHOD, votingOpensAt: at("2026-05-10T09:00:00+08:00") }, T);
    if (!e.ok) throw new Error(JSON.stringify(e));
    const read = async () => (await h.db.select().from(elections).where(eq(elections.id, e.id)))[0].requiredReviewers;
    expect(await read()).toEqual(["community", "industry"]);
    const [a] = (await auditOf("election.set_up")).filter((x) => x.targetId === e.id);
    expect(a.after).toMatchObject({ requiredReviewers: ["community", "industry"] });
    expect(await setStreetReviewers(h.db, LI, ST, ["community", "street_working", "industry"], at("2026-03-03T10:00:00+08:00"))).toEqual({ ok: true });
    expect(await read()).toEqual(["community", "industry"]);
    expect(await requiredReviewersFor(h.db, cp)).toEqual(["community", "street_working", "industry"]);
  });
});

describe("reviewers' organisations and the street of a compound @elections", () => {
  const T = at("2026-03-02T09:00:00+08:00");

  it("reviewerOrgsOf lists the organisations of grants in force, a district industry branch reviewing as industry", async () => {
    expect(await reviewerOrgsOf(h.db, "usr_demo13", T)).toEqual([{ id: "po_st_heping", name: "和平街道党工委", kind: "street_working" }]);
    expect(await reviewerOrgsOf(h.db, "usr_demo14", T)).toEqual([{ id: "po_industry_donghu", name: "物业行业党委东湖区分会", kind: "industry" }]);
    expect(await reviewerOrgsOf(h.db, "usr_demo15", T)).toEqual([{ id: "po_st_songlin", name: "松林街道党工委", kind: "street_working" }]);
    expect(await reviewerOrgsOf(h.db, "usr_demo17", T)).toEqual([{ id: "po_com_qingnian", name: "青年路社区党支部", kind: "community" }]);
    // Not a reviewer; a reviewer before the grant's first day.
    expect(await reviewerOrgsOf(h.db, "usr_demo02", T)).toEqual([]);
    expect(await reviewerOrgsOf(h.db, "usr_demo13", at("2024-12-01T00:00:00+08:00"))).toEqual([]);
    // A second grant, lapsed, adds nothing; one in force adds its organisation, in id order.
    await h.db.insert(roleGrants).values([
      { id: "grt_t_pub_old", userId: "usr_demo15", role: "party_reviewer", scopeKind: "party_org", partyOrgId: "po_com_nanyuan", validFrom: at("2025-01-01T00:00:00+08:00"), validTo: at("2026-01-01T00:00:00+08:00"), createdAt: T },
      { id: "grt_t_pub_new", userId: "usr_demo15", role: "party_reviewer", scopeKind: "party_org", partyOrgId: "po_industry_xishan", validFrom: at("2026-02-01T00:00:00+08:00"), createdAt: T },
    ]);
    expect(await reviewerOrgsOf(h.db, "usr_demo15", T)).toEqual([
      { id: "po_industry_xishan", name: "物业行业党委西山区分会", kind: "industry" },
      { id: "po_st_songlin", name: "松林街道党工委", kind: "street_working" },
    ]);
    await h.db.delete(roleGrants).where(eq(roleGrants.id, "grt_t_pub_new"));
    await h.db.delete(roleGrants).where(eq(roleGrants.id, "grt_t_pub_old"));
  });

  it("streetOf names the street above a compound", async () => {
    expect(await streetOf(h.db, "cp_hepingli2")).toEqual({ id: "st_heping", name: "和平街道" });
    expect(await streetOf(h.db, "cp_fangzhi")).toEqual({ id: "st_heping", name: "和平街道" });
    expect(await streetOf(h.db, "cp_nanyuan2")).toEqual({ id: "st_songlin", name: "松林街道" });
    expect(await streetOf(h.db, "com_wangjiang")).toEqual({ id: "st_binjiang", name: "滨江街道" });
    expect(await streetOf(h.db, "dist_donghu")).toBeNull();
    expect(await streetOf(h.db, "cp_nowhere")).toBeNull();
  });
});

describe("the demo data after a group is dissolved, and objections only about listed candidates @elections", () => {
  it("a rejected candidate is not on the list: an objection about them is refused", async () => {
    const T = at("2026-01-06T10:00:00+08:00");
    const before = Number((await h.db.select({ n: count() }).from(candidateObjections))[0].n);
    expect(await objectToCandidates(h.db, { id: "usr_demo_qn_obj1", name: "业主" }, "cp_qingnian", "elc_demo_qn", { candidateId: "cnd_demo_qn_7", text: "异议" }, T)).toEqual({ ok: false, errors: { candidateId: "errors.invalid" } });
    expect(Number((await h.db.select({ n: count() }).from(candidateObjections))[0].n)).toBe(before);
  });

  it("a dissolved group's candidates leave every queue and nothing more happens to them", async () => {
    const { dissolvePrepGroup } = await import("~/elections/prep.server");
    const { appeal } = await import("~/elections/vetting.server");
    const T = at("2026-01-06T10:00:00+08:00");
    expect((await reviewerQueue(h.db, "po_com_hepingli", T)).some((x) => x.electionId === "elc_demo_hpl2")).toBe(true);
    expect(await dissolvePrepGroup(h.db, LI, "cp_hepingli2", "pgr_demo_hpl2", T)).toEqual({ ok: true });
    for (const org of ["po_com_hepingli", "po_st_heping", "po_industry_donghu"]) {
      expect((await reviewerQueue(h.db, org, T)).some((x) => x.electionId === "elc_demo_hpl2")).toBe(false);
    }
    const dissolved = { ok: false, errors: { _form: "elections.errors.prepGroupDissolved" } };
    expect(await decide(h.db, { id: "usr_demo04", name: "赵志刚" }, "cp_hepingli2", "cnd_demo_hpl2_1", { partyOrgId: "po_com_hepingli", decision: "approve", reason: "同意" }, T)).toEqual(dissolved);
    expect(await appeal(h.db, { id: "usr_demo16", name: "马文华" }, "cp_hepingli2", "cnd_demo_hpl2_2", "申诉", T)).toEqual(dissolved);
    expect((await vettingOf(h.db, "cp_hepingli2", "cnd_demo_hpl2_1"))!.events.map((e) => e.kind)).toEqual(["submit"]);
  });
});
