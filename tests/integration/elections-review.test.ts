import { describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { areaNodes, compounds, elections, owners, ownerships, roleGrants, users } from "~db/schema";
import { dissolvePrepGroup, formPrepGroup, objectToPrepGroup, setUpElection } from "~/elections/prep.server";
import { nominate, type NominationInput } from "~/elections/candidates.server";
import { electionStage, publishCandidateList } from "~/elections/vetting.server";
import { requiredReviewersOfStreet } from "~/elections/common.server";
import { setStreetReviewers } from "~/elections/publication.server";
import { actOnCandidate, candidatePage, type CandidateViewer } from "~/elections/candidate-page.server";
import { listReviewerQueue } from "~/elections/queue.server";
import { listElectionOverview, shareFigure } from "~/elections/overview.server";
import { OVERVIEW_STAGES, OverviewListSchema, QueueListSchema, type QueueListParams } from "~/elections/review-schema";
import { loadActiveGrants } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * 纺织厂宿舍 (cp_fangzhi, 300 dwellings, under com_qingnian / st_heping / dist_donghu) has no group in the demo
 * data; the tests make their own accounts so they depend on no demo account or demo election. Reviewers:
 * 青年路社区党支部 (po_com_qingnian), 和平街道党工委 (po_st_heping), 物业行业党委东湖区分会 (po_industry_donghu,
 * covers the compound but is not required once the street chooses community + street), 松林街道党工委
 * (po_st_songlin, another street). Instants in +08:00.
 */
const at = (s: string) => new Date(s);
const CP = "cp_fangzhi";
const STREET = "st_heping";
const officer = { id: "usr_demo02", name: "李秀英" };

const U = {
  cand: { id: "usr_t_cand", name: "候选人甲" },
  owner: { id: "usr_t_owner", name: "业主乙" },
  owner2: { id: "usr_t_owner2", name: "业主丙" },
  com: { id: "usr_t_com", name: "社区审核人" },
  st: { id: "usr_t_st", name: "街道审核人" },
  ind: { id: "usr_t_ind", name: "行业审核人" },
  sl: { id: "usr_t_sl", name: "松林审核人" },
  multi: { id: "usr_t_multi", name: "兼任审核人" },
};
const ORG = { com: "po_com_qingnian", st: "po_st_heping", ind: "po_industry_donghu", sl: "po_st_songlin" };

const FORMED_AT = at("2026-02-02T10:00:00+08:00");
const SETUP_AT = at("2026-02-10T10:00:00+08:00");
const OPENS = at("2026-03-01T00:00:00+08:00");
const CLOSES = at("2026-03-16T00:00:00+08:00");
const IN_WINDOW = at("2026-03-05T10:00:00+08:00");
const A_SUBMIT = at("2026-03-06T09:00:00+08:00");
const C_SUBMIT = at("2026-03-07T09:00:00+08:00");
const D_SUBMIT = at("2026-03-08T09:00:00+08:00");
const B_SUBMIT = at("2026-03-09T09:00:00+08:00");
const QUEUE_AT = at("2026-03-14T10:00:00+08:00");
const REVIEW_AT = at("2026-03-17T10:00:00+08:00");
const APPEAL_AT = at("2026-03-18T10:00:00+08:00");
const AFTER_APPEAL = at("2026-03-18T12:00:00+08:00");
const PUBLISH_AT = at("2026-03-20T10:00:00+08:00");

let ownerIds: string[] = [];
let electionId = "";
const cand = { a: "", b: "", c: "", d: "" };

async function setUp() {
  if (ownerIds.length) return;
  const rows = await h.db
    .selectDistinct({ id: owners.id })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.compoundId, CP), eq(owners.kind, "person")))
    .orderBy(asc(owners.id));
  ownerIds = rows.map((r) => r.id);
  const made = at("2025-01-01T00:00:00+08:00");
  await h.db.insert(users).values(Object.values(U).map((u, i) => ({ id: u.id, name: u.name, phone: `1399990${String(i).padStart(4, "0")}`, createdAt: made })));
  // Three owners with accounts: the candidate, an owner who starts a joint nomination, a plain owner.
  await h.db.update(owners).set({ userId: U.cand.id }).where(eq(owners.id, ownerIds[0]));
  await h.db.update(owners).set({ userId: U.owner.id }).where(eq(owners.id, ownerIds[1]));
  await h.db.update(owners).set({ userId: U.owner2.id }).where(eq(owners.id, ownerIds[2]));
  const grant = (id: string, userId: string, org: string) => ({ id, userId, role: "party_reviewer" as const, scopeKind: "party_org" as const, partyOrgId: org, validFrom: made, createdAt: made });
  const ownerGrant = (id: string, userId: string) => ({ id, userId, role: "owner" as const, scopeKind: "node" as const, nodeId: CP, validFrom: made, createdAt: made });
  await h.db.insert(roleGrants).values([
    grant("grt_t_com", U.com.id, ORG.com),
    grant("grt_t_st", U.st.id, ORG.st),
    grant("grt_t_ind", U.ind.id, ORG.ind),
    grant("grt_t_sl", U.sl.id, ORG.sl),
    grant("grt_t_multi1", U.multi.id, ORG.com),
    grant("grt_t_multi2", U.multi.id, ORG.st),
    ownerGrant("grt_t_o1", U.cand.id),
    ownerGrant("grt_t_o2", U.owner.id),
    ownerGrant("grt_t_o3", U.owner2.id),
  ]);
  // A Party-member target of 50% for the share figures (local policy; never a gate).
  const [c] = await h.db.select({ rulePack: compounds.rulePack }).from(compounds).where(eq(compounds.id, CP));
  await h.db.update(compounds).set({ rulePack: { ...(c.rulePack as object), partyShareTargetPercent: 50 } }).where(eq(compounds.id, CP));
}

const plain = (u: { id: string }): CandidateViewer => ({ userId: u.id, organise: false, supervise: false });
const page = (viewer: CandidateViewer, id: string, now: Date) => candidatePage(h.db, CP, electionId, id, viewer, now);
const declaration = (ownerId: string, extra: Partial<NominationInput> = {}): NominationInput => ({
  ownerId, nominatedBy: "community_party", occupation: "retiree", partyMember: true, propertyCompanyRelation: "none", fullCapacityDeclared: true, consent: true, ...extra,
});
const queueParams = (extra: Partial<QueueListParams> = {}): QueueListParams => ({ ...QueueListSchema.parse({}), ...extra });

/** Every compound's SQL stage and figures against electionStage, under `path` at `now`. */
async function expectOverviewMatchesStage(path: string, now: Date) {
  const { rows, total } = await listElectionOverview(h.db, path, { ...OverviewListSchema.parse({}), size: 100 }, now);
  expect(rows.length).toBe(total);
  for (const r of rows) {
    const s = await electionStage(h.db, r.id, now);
    expect({ id: r.id, stage: r.stage }).toEqual({ id: r.id, stage: s.stage });
    expect(r.openObjections).toBe(s.openObjections);
    expect(r.electionId).toBe(s.election?.id ?? null);
    if (s.election) {
      const c = s.candidates;
      expect(r.nominees).toBe(Object.values(c).reduce((x, y) => x + y, 0));
      expect(r.underReview).toBe(c.under_review + c.appealed);
      expect(r.cleared).toBe(c.cleared + c.cleared_on_appeal);
      expect(r.rejected).toBe(c.rejected + c.rejection_upheld);
      expect(r.overdueReviews).toBe(s.overdueReviews);
      const occ = (f: typeof s.clearedShares, o: string) => f!.byOccupation.find((x) => x.occupation === o)?.share.numerator ?? 0;
      expect(r.nomineeShares!.partyMembers).toMatchObject(s.nomineeShares!.partyMembers);
      expect(r.clearedShares!.partyMembers).toMatchObject(s.clearedShares!.partyMembers);
      expect(r.nomineeShares!.retirees.numerator).toBe(occ(s.nomineeShares, "retiree"));
      expect(r.nomineeShares!.publicServants.numerator).toBe(occ(s.nomineeShares, "public_servant"));
      expect(r.clearedShares!.retirees.numerator).toBe(occ(s.clearedShares, "retiree"));
      expect(r.clearedShares!.publicServants.numerator).toBe(occ(s.clearedShares, "public_servant"));
      expect(r.partyTargetPercent).toBe(s.partyTargetPercent);
      expect(r.partyTargetMet).toBe(s.partyTargetMet);
    } else {
      expect(r.nomineeShares).toBeNull();
    }
  }
  // The stage filter selects exactly the rows of that stage (computed in SQL for every compound).
  let sum = 0;
  for (const stage of OVERVIEW_STAGES) {
    const f = await listElectionOverview(h.db, path, { ...OverviewListSchema.parse({ stage }), size: 100 }, now);
    expect(f.rows.every((r) => r.stage === stage)).toBe(true);
    expect(f.rows.map((r) => r.id).sort()).toEqual(rows.filter((r) => r.stage === stage).map((r) => r.id).sort());
    sum += f.total;
  }
  expect(sum).toBe(total);
  return rows;
}

describe("the street's vetting settings @elections", () => {
  it("the default applies until the street chooses; at least one kind; streets only", async () => {
    await setUp();
    const other = await requiredReviewersOfStreet(h.db, "st_kuangshan");
    expect(other).toMatchObject({ kinds: ["community", "street_working", "industry"], isDefault: true });
    expect(await setStreetReviewers(h.db, officer, STREET, [], FORMED_AT)).toEqual({ ok: false, errors: { requiredReviewers: "elections.errors.reviewersRequired" } });
    expect(await setStreetReviewers(h.db, officer, STREET, ["community", "bogus"], FORMED_AT)).toEqual({ ok: false, errors: { requiredReviewers: "elections.errors.reviewersRequired" } });
    expect(await setStreetReviewers(h.db, officer, "com_qingnian", ["community"], FORMED_AT)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    expect(await setStreetReviewers(h.db, officer, STREET, ["street_working", "community"], FORMED_AT)).toEqual({ ok: true });
    expect(await requiredReviewersOfStreet(h.db, STREET)).toMatchObject({ kinds: ["community", "street_working"], isDefault: false, updatedAt: FORMED_AT });
  });

  it("a new election copies the street's setting", async () => {
    const g = await formPrepGroup(h.db, officer, CP, [
      { name: "街道代表", role: "street_office", leader: true },
      { name: "业主甲", role: "owner", ownerId: ownerIds[3] },
      { name: "业主乙", role: "owner", ownerId: ownerIds[4] },
    ], FORMED_AT);
    if (!g.ok) throw new Error(JSON.stringify(g));
    expect((await electionStage(h.db, CP, FORMED_AT)).stage).toBe("group_formed");
    await expectOverviewMatchesStage("/city_jiangan/dist_donghu/st_heping/", FORMED_AT);
    // An owner objects to the group: an open objection on the overview.
    expect((await objectToPrepGroup(h.db, U.owner2, CP, g.id, "业主代表未经推选。", at("2026-02-03T10:00:00+08:00"))).ok).toBe(true);
    const r = await setUpElection(h.db, officer, CP, {
      seats: 5, minSeats: 3, alternates: 2, nominationOpensAt: OPENS, nominationClosesAt: CLOSES, method: "书面投票。", votingOpensAt: at("2026-04-30T09:00:00+08:00"),
    }, SETUP_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    electionId = r.id;
    const [e] = await h.db.select().from(elections).where(eq(elections.id, r.id));
    expect(e.requiredReviewers).toEqual(["community", "street_working"]);
    // Changing the setting afterwards leaves the election with the reviewers it started with.
    expect(await setStreetReviewers(h.db, officer, STREET, ["industry"], SETUP_AT)).toEqual({ ok: true });
    expect((await h.db.select().from(elections).where(eq(elections.id, r.id)))[0].requiredReviewers).toEqual(["community", "street_working"]);
    expect(await setStreetReviewers(h.db, officer, STREET, ["community", "street_working"], SETUP_AT)).toEqual({ ok: true });
  });
});

describe("the candidate page @elections", () => {
  it("nominations: what each viewer sees", async () => {
    const a = await nominate(h.db, U.cand, CP, electionId, declaration(ownerIds[0], { nominatedBy: "self", fullCapacityDeclared: false }), IN_WINDOW);
    const b = await nominate(h.db, U.owner, CP, electionId, declaration(ownerIds[5], { nominatedBy: "owners_joint", partyMember: false, occupation: "other" }), IN_WINDOW);
    const c = await nominate(h.db, officer, CP, electionId, declaration(ownerIds[6], { occupation: "public_servant" }), IN_WINDOW);
    const d = await nominate(h.db, officer, CP, electionId, declaration(ownerIds[7], { nominatedBy: "residents_committee", partyMember: false }), IN_WINDOW);
    if (!a.ok || !b.ok || !c.ok || !d.ok) throw new Error("nominate failed");
    Object.assign(cand, { a: a.id, b: b.id, c: c.id, d: d.id });

    // Another election's id, another compound: not found.
    expect(await candidatePage(h.db, CP, "elc_nope", cand.a, plain(U.owner2), IN_WINDOW)).toBeNull();
    expect(await candidatePage(h.db, "cp_hepingli1", electionId, cand.a, plain(U.owner2), IN_WINDOW)).toBeNull();

    // A plain owner: the name and the nomination kind; no declaration, findings, phase or reasons.
    const p = (await page(plain(U.owner2), cand.a, IN_WINDOW))!;
    expect(p.candidate).toMatchObject({ name: expect.any(String), nominatedBy: "self", joint: false, onList: null });
    expect(p.detail).toBeNull();
    expect(p.actions).toEqual({ submit: false, endorse: false, review: [], appeal: false });
    expect(JSON.stringify(p)).not.toContain("CAPACITY_NOT_DECLARED");

    // The candidate, the organisers, the supervisors and the covering reviewers see the record.
    const self = (await page(plain(U.cand), cand.a, IN_WINDOW))!;
    expect(self.viewer.isCandidate).toBe(true);
    expect(self.detail).toMatchObject({ occupation: "retiree", partyMember: true, propertyCompanyRelation: "none", fullCapacityDeclared: false, phase: "nominated" });
    expect(self.detail!.findings).toEqual([{ code: "CAPACITY_NOT_DECLARED", severity: "unknown", article: "指导规则 Art. 31" }]);
    expect(self.detail!.reviewers.map((r) => r.kind)).toEqual(["community", "street_working"]);
    const organiser = (await page({ userId: officer.id, organise: true, supervise: false }, cand.a, IN_WINDOW))!;
    expect(organiser.detail).not.toBeNull();
    expect(organiser.actions.submit).toBe(true);
    const supervisor = (await page({ userId: officer.id, organise: false, supervise: true }, cand.a, IN_WINDOW))!;
    expect(supervisor.detail).not.toBeNull();
    expect(supervisor.actions.submit).toBe(false);
    // The industry committee covers the compound though the street does not require it: it sees, it does not act.
    for (const u of [U.com, U.st, U.ind]) expect((await page(plain(u), cand.a, IN_WINDOW))!.detail).not.toBeNull();
    expect((await page(plain(U.sl), cand.a, IN_WINDOW))!.detail).toBeNull();
    expect((await page(plain(U.com), cand.a, IN_WINDOW))!.actions.review).toEqual([]);
  });

  it("a reviewer of another street gets 404 from the guard; covering reviewers hold election:review at the compound", async () => {
    const [node] = await h.db.select({ path: areaNodes.path }).from(areaNodes).where(eq(areaNodes.id, CP));
    const grantsOf = (u: { id: string }) => loadActiveGrants(h.db, u.id, IN_WINDOW);
    expect(can(await grantsOf(U.sl), "election:view", node.path)).toBe(false);
    expect(can(await grantsOf(U.com), "election:view", node.path)).toBe(true);
    expect(can(await grantsOf(U.com), "election:review", node.path)).toBe(true);
    expect(can(await grantsOf(U.st), "election:review", node.path)).toBe(true);
    // An owner passes election:view (to sign and appeal) but not election:review nor election:organise.
    expect(can(await grantsOf(U.cand), "election:view", node.path)).toBe(true);
    expect(can(await grantsOf(U.cand), "election:review", node.path)).toBe(false);
    expect(can(await grantsOf(U.cand), "election:organise", node.path)).toBe(false);
  });

  it("a joint nomination collects signatures on the page; organisers submit", async () => {
    const pb = (await page(plain(U.owner2), cand.b, IN_WINDOW))!;
    expect(pb.candidate).toMatchObject({ joint: true, signatures: 0 });
    expect(pb.actions.endorse).toBe(true);
    expect(await actOnCandidate(h.db, U.owner2, CP, electionId, cand.b, { intent: "endorse" }, IN_WINDOW)).toEqual({ ok: true, signatures: 1 });
    const after = (await page(plain(U.owner2), cand.b, IN_WINDOW))!;
    expect(after).toMatchObject({ candidate: { signatures: 1 }, viewer: { signedByMe: true }, actions: { endorse: false } });
    expect((await actOnCandidate(h.db, U.owner2, CP, electionId, cand.b, { intent: "endorse" }, IN_WINDOW))).toEqual({ ok: false, errors: { _form: "elections.errors.alreadySigned" } });
    expect((await actOnCandidate(h.db, U.cand, CP, electionId, cand.b, { intent: "endorse" }, IN_WINDOW))).toEqual({ ok: true, signatures: 2 });
    // Not this election's candidate: null (the route answers 404).
    expect(await actOnCandidate(h.db, U.owner2, CP, "elc_nope", cand.b, { intent: "endorse" }, IN_WINDOW)).toBeNull();

    for (const [id, t] of [[cand.a, A_SUBMIT], [cand.c, C_SUBMIT], [cand.d, D_SUBMIT], [cand.b, B_SUBMIT]] as const) {
      expect(await actOnCandidate(h.db, officer, CP, electionId, id, { intent: "submit" }, t)).toEqual({ ok: true, phase: "under_review" });
    }
    expect(await actOnCandidate(h.db, officer, CP, electionId, cand.a, { intent: "submit" }, B_SUBMIT)).toEqual({ ok: false, errors: { _form: "elections.errors.alreadySubmitted" } });
    expect((await page(plain(U.owner2), cand.b, B_SUBMIT))!.actions.endorse).toBe(false);
  });

  it("reviewers act through the page: one form per organisation and task; refusals name the field", async () => {
    const forCom = (await page(plain(U.com), cand.a, QUEUE_AT))!;
    expect(forCom.actions.review).toEqual([{ partyOrgId: ORG.com, name: "青年路社区党支部", kind: "community", task: "decide" }]);
    expect((await page(plain(U.st), cand.a, QUEUE_AT))!.actions.review.map((r) => r.task)).toEqual(["decide"]);
    expect((await page(plain(U.ind), cand.a, QUEUE_AT))!.actions.review).toEqual([]);
    expect((await page(plain(U.multi), cand.a, QUEUE_AT))!.actions.review.map((r) => r.partyOrgId)).toEqual([ORG.com, ORG.st]);

    const decide = (u: { id: string; name: string }, org: string, decision: "approve" | "reject", reason: string, id = cand.a, t = REVIEW_AT) =>
      actOnCandidate(h.db, u, CP, electionId, id, { intent: "decide", partyOrgId: org, decision, reason }, t);
    expect(await decide(U.com, ORG.com, "reject", "  ")).toEqual({ ok: false, errors: { reason: "elections.errors.reasonRequired" } });
    // Acting for an organisation the user holds no grant for, or one that does not cover the compound.
    expect(await decide(U.com, ORG.st, "approve", "同意")).toEqual({ ok: false, errors: { _form: "elections.errors.outOfScope" } });
    expect(await decide(U.sl, ORG.sl, "approve", "同意")).toEqual({ ok: false, errors: { _form: "elections.errors.outOfScope" } });
    expect(await decide(U.ind, ORG.ind, "approve", "同意")).toEqual({ ok: false, errors: { _form: "elections.errors.notRequiredReviewer" } });
    expect(await decide(U.com, ORG.com, "reject", "本人配偶在本小区物业公司任职。")).toEqual({ ok: true, phase: "under_review" });
    expect((await page(plain(U.com), cand.a, REVIEW_AT))!.actions.review).toEqual([]);
    expect(await decide(U.st, ORG.st, "approve", "无不良记录。")).toEqual({ ok: true, phase: "rejected" });

    // Rejected: the candidate may appeal; nobody else.
    const self = (await page(plain(U.cand), cand.a, REVIEW_AT))!;
    expect(self.actions.appeal).toBe(true);
    expect(self.detail!.reviewers).toMatchObject([
      { kind: "community", orgName: "青年路社区党支部", decision: "reject", reason: "本人配偶在本小区物业公司任职。" },
      { kind: "street_working", orgName: "和平街道党工委", decision: "approve", reason: "无不良记录。" },
    ]);
    const p = (await page(plain(U.owner2), cand.a, REVIEW_AT))!;
    expect(p.actions.appeal).toBe(false);
    expect(JSON.stringify(p)).not.toContain("物业公司任职");
    expect(await actOnCandidate(h.db, U.owner2, CP, electionId, cand.a, { intent: "appeal", statement: "代为申诉" }, APPEAL_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.notCandidate" } });
    expect(await actOnCandidate(h.db, U.cand, CP, electionId, cand.a, { intent: "appeal", statement: "配偶已于去年离职。" }, APPEAL_AT)).toEqual({ ok: true, phase: "appealed" });

    // On appeal: only the organisation that rejected answers.
    expect((await page(plain(U.com), cand.a, AFTER_APPEAL))!.actions.review).toEqual([{ partyOrgId: ORG.com, name: "青年路社区党支部", kind: "community", task: "answer" }]);
    expect((await page(plain(U.st), cand.a, AFTER_APPEAL))!.actions.review).toEqual([]);
    const d = (await page(plain(U.cand), cand.a, AFTER_APPEAL))!.detail!;
    expect(d.phase).toBe("appealed");
    expect(d.appeal).toEqual({ statement: "配偶已于去年离职。", at: APPEAL_AT.toISOString() });
    expect(d.events.map((e) => [e.kind, e.at])).toEqual([
      ["submit", A_SUBMIT.toISOString()],
      ["decide", REVIEW_AT.toISOString()],
      ["decide", REVIEW_AT.toISOString()],
      ["appeal", APPEAL_AT.toISOString()],
    ]);
  });
});

describe("the reviewers' queue @elections", () => {
  it("oldest first, paged, with overdue flags and filters", async () => {
    // C, D, B wait on the community organisation's decision (due 7 days after submission); A on its answer.
    const q = await listReviewerQueue(h.db, U.com.id, queueParams(), AFTER_APPEAL);
    expect(q.orgs.map((o) => o.id)).toEqual([ORG.com]);
    expect(q.rows.map((r) => [r.candidateId, r.task])).toEqual([[cand.c, "decide"], [cand.d, "decide"], [cand.b, "decide"], [cand.a, "answer"]]);
    expect(q.rows[0]).toMatchObject({ partyOrgId: ORG.com, orgName: "青年路社区党支部", compoundId: CP, compoundName: "纺织厂宿舍", electionId, since: C_SUBMIT, due: at("2026-03-14T09:00:00+08:00"), overdue: true });
    expect(q.rows[3]).toMatchObject({ since: APPEAL_AT, due: at("2026-03-25T10:00:00+08:00"), overdue: false });
    expect(q).toMatchObject({ total: 4, overdue: 3 });

    const p1 = await listReviewerQueue(h.db, U.com.id, queueParams({ size: 3 }), AFTER_APPEAL);
    const p2 = await listReviewerQueue(h.db, U.com.id, queueParams({ size: 3, page: 2 }), AFTER_APPEAL);
    expect(p1.total).toBe(4);
    expect([...p1.rows, ...p2.rows].map((r) => r.candidateId)).toEqual(q.rows.map((r) => r.candidateId));
    expect(p2.rows).toHaveLength(1);
    const desc = await listReviewerQueue(h.db, U.com.id, queueParams({ dir: "desc" }), AFTER_APPEAL);
    expect(desc.rows.map((r) => r.candidateId)).toEqual(q.rows.map((r) => r.candidateId).reverse());

    expect((await listReviewerQueue(h.db, U.com.id, queueParams({ task: "answer" }), AFTER_APPEAL)).rows.map((r) => r.candidateId)).toEqual([cand.a]);
    expect((await listReviewerQueue(h.db, U.com.id, queueParams({ overdue: true }), AFTER_APPEAL)).rows.map((r) => r.candidateId)).toEqual([cand.c, cand.d, cand.b]);
    // An organisation the user does not review for selects nothing.
    expect((await listReviewerQueue(h.db, U.com.id, queueParams({ org: ORG.st }), AFTER_APPEAL)).total).toBe(0);
    // Before the overdue dates: nothing overdue.
    expect((await listReviewerQueue(h.db, U.com.id, queueParams({ overdue: true }), at("2026-03-13T08:00:00+08:00"))).total).toBe(0);

    // A user reviewing for two organisations: both queues, filterable by organisation.
    const all = await listReviewerQueue(h.db, U.multi.id, queueParams({ size: 100 }), AFTER_APPEAL);
    const com = await listReviewerQueue(h.db, U.multi.id, queueParams({ size: 100, org: ORG.com }), AFTER_APPEAL);
    const st = await listReviewerQueue(h.db, U.multi.id, queueParams({ size: 100, org: ORG.st }), AFTER_APPEAL);
    expect(all.orgs.map((o) => o.id)).toEqual([ORG.com, ORG.st]);
    expect(com.rows.map((r) => r.candidateId)).toEqual(q.rows.map((r) => r.candidateId));
    expect(st.rows.every((r) => r.partyOrgId === ORG.st)).toBe(true);
    expect(st.rows.filter((r) => r.compoundId === CP).map((r) => r.candidateId)).toEqual([cand.c, cand.d, cand.b]);
    expect(all.total).toBe(com.total + st.total);
    for (let i = 1; i < all.rows.length; i++) expect(all.rows[i - 1].since.getTime()).toBeLessThanOrEqual(all.rows[i].since.getTime());
    // Someone who reviews for nobody has an empty queue.
    expect((await listReviewerQueue(h.db, U.owner.id, queueParams(), AFTER_APPEAL)).total).toBe(0);
  });
});

describe("the street office's overview @elections", () => {
  it("share figures are integers: n/d and a whole percent rounded half up", () => {
    expect(shareFigure(1, 3)).toEqual({ numerator: 1, denominator: 3, percent: 33 });
    expect(shareFigure(2, 3)).toEqual({ numerator: 2, denominator: 3, percent: 67 });
    expect(shareFigure(1, 2)).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(shareFigure(1, 8)).toEqual({ numerator: 1, denominator: 8, percent: 13 });
    expect(shareFigure(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
  });

  it("one row per compound with the figures of electionStage; the SQL stage equals electionStage's", async () => {
    const rows = await expectOverviewMatchesStage("/city_jiangan/dist_donghu/st_heping/", AFTER_APPEAL);
    expect(rows.map((r) => r.id).sort()).toEqual(["cp_fangzhi", "cp_hepingli1", "cp_hepingli2", "cp_qingnian"]);
    const f = rows.find((r) => r.id === CP)!;
    // A: appealed; B, C, D under review (C, D, B overdue by AFTER_APPEAL).
    expect(f).toMatchObject({
      stage: "vetting", electionId, openObjections: 1, nominees: 4, underReview: 4, cleared: 0, rejected: 0, overdueReviews: 3,
      nomineeShares: { partyMembers: { numerator: 2, denominator: 4, percent: 50 }, retirees: { numerator: 2, denominator: 4, percent: 50 }, publicServants: { numerator: 1, denominator: 4, percent: 25 } },
      clearedShares: { partyMembers: { numerator: 0, denominator: 0, percent: null } },
      partyTargetPercent: 50, partyTargetMet: false, nomineePartyTargetMet: true,
    });
    // During nominations, and across the whole city.
    expect((await expectOverviewMatchesStage("/city_jiangan/dist_donghu/st_heping/", IN_WINDOW)).find((r) => r.id === CP)!.stage).toBe("nominating");
    await expectOverviewMatchesStage("/city_jiangan/", AFTER_APPEAL);
  });

  it("pages and sorts in SQL", async () => {
    const path = "/city_jiangan/";
    const all = await listElectionOverview(h.db, path, { ...OverviewListSchema.parse({}), size: 100 }, AFTER_APPEAL);
    const p1 = await listElectionOverview(h.db, path, { ...OverviewListSchema.parse({}), size: 5 }, AFTER_APPEAL);
    const p2 = await listElectionOverview(h.db, path, { ...OverviewListSchema.parse({ page: "2" }), size: 5 }, AFTER_APPEAL);
    expect(p1.total).toBe(all.total);
    expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 10).map((r) => r.id));
    const byStage = await listElectionOverview(h.db, path, { ...OverviewListSchema.parse({ sort: "stage", dir: "desc" }), size: 100 }, AFTER_APPEAL);
    const order = byStage.rows.map((r) => OVERVIEW_STAGES.indexOf(r.stage));
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    expect((await listElectionOverview(h.db, path, { ...OverviewListSchema.parse({ q: "纺织" }), size: 100 }, AFTER_APPEAL)).rows.map((r) => r.id)).toEqual([CP]);
  });
});

describe("after publication @elections", () => {
  it("everyone sees who is on the list; the vetting record stays with those entitled", async () => {
    const T = at("2026-03-19T10:00:00+08:00");
    expect(await actOnCandidate(h.db, U.com, CP, electionId, cand.a, { intent: "answer", partyOrgId: ORG.com, outcome: "upheld", reason: "" }, T)).toEqual({ ok: false, errors: { reason: "elections.errors.reasonRequired" } });
    expect(await actOnCandidate(h.db, U.com, CP, electionId, cand.a, { intent: "answer", partyOrgId: ORG.com, outcome: "upheld", reason: "经核实，配偶仍在职。" }, T)).toEqual({ ok: true, phase: "rejection_upheld" });
    for (const id of [cand.b, cand.c, cand.d]) {
      for (const [u, org] of [[U.com, ORG.com], [U.st, ORG.st]] as const) {
        const r = await actOnCandidate(h.db, u, CP, electionId, id, { intent: "decide", partyOrgId: org, decision: id === cand.d && org === ORG.st ? "reject" : "approve", reason: "意见" }, T);
        expect(r?.ok).toBe(true);
      }
    }
    const pub = await publishCandidateList(h.db, officer, CP, electionId, PUBLISH_AT);
    if (!pub.ok) throw new Error(JSON.stringify(pub));
    expect((await page(plain(U.owner2), cand.b, PUBLISH_AT))!.candidate.onList).toBe(true);
    // A rejected candidate: a plain owner learns only what the published list says.
    expect((await page(plain(U.owner2), cand.d, PUBLISH_AT))!.candidate.onList).toBeNull();
    expect((await page({ userId: officer.id, organise: true, supervise: false }, cand.d, PUBLISH_AT))!.candidate.onList).toBe(false);
    // Vetting is over: the rejected candidate D cannot appeal any more.
    expect(await actOnCandidate(h.db, U.owner, CP, electionId, cand.d, { intent: "appeal", statement: "申诉" }, PUBLISH_AT)).toEqual({ ok: false, errors: { _form: "elections.candidate.errors.listPublished" } });
    const rows = await expectOverviewMatchesStage("/city_jiangan/dist_donghu/st_heping/", PUBLISH_AT);
    expect(rows.find((r) => r.id === CP)).toMatchObject({
      stage: "candidates_published", nominees: 4, cleared: 2, rejected: 2, underReview: 0, overdueReviews: 0,
      clearedShares: { partyMembers: { numerator: 1, denominator: 2, percent: 50 } }, partyTargetMet: true,
    });
    // A dissolved group: no group, with the old election's figures, as electionStage reports them.
    const [g] = await h.db.select({ id: elections.prepGroupId }).from(elections).where(eq(elections.id, electionId));
    expect(await dissolvePrepGroup(h.db, officer, CP, g.id, at("2026-06-01T10:00:00+08:00"))).toEqual({ ok: true });
    const later = await expectOverviewMatchesStage("/city_jiangan/dist_donghu/st_heping/", at("2026-06-02T10:00:00+08:00"));
    expect(later.find((r) => r.id === CP)).toMatchObject({ stage: "no_group", electionId, cleared: 2 });
    // The record stays readable; nothing more is offered.
    const after = (await page({ userId: officer.id, organise: true, supervise: true }, cand.a, at("2026-06-02T10:00:00+08:00")))!;
    expect(after.detail!.phase).toBe("rejection_upheld");
    expect(after.actions).toEqual({ submit: false, endorse: false, review: [], appeal: false });
  });
});
