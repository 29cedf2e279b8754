import { describe, expect, it } from "vitest";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { auditLog, candidates, elections, notices, owners, ownerships, prepGroups, roleGrants, users } from "~db/schema";
import { electionHub, runHubIntent, type HubViewer } from "~/elections/hub.server";
import { formGroupFromForm, nominateAs, nominationPage } from "~/elections/hub-forms.server";
import { ownerRollPage, publishRollNotice } from "~/elections/owner-roll.server";
import { setUpElection } from "~/elections/prep.server";
import { decide, submitForVetting } from "~/elections/vetting.server";
import type { NominateFormInput } from "~/elections/hub-schema";
import { compoundTotals } from "~/registry/roll.server";
import { areaText } from "~/registry/rules";
import { shanghaiDay } from "~/platform/days";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * 纺织厂宿舍 (cp_fangzhi, under com_qingnian / st_heping) starts with no preparatory group. The test links two
 * plain owners there to accounts (吴磊 usr_demo09 and 钱玉珍 usr_demo12, who own nothing else here), and gives
 * 黄伟 (usr_demo11) reviewer grants for the three organisations that cover it; 何建军's org (po_st_songlin)
 * does not. 李秀英 (usr_demo02) is the street officer: supervisor and organiser. Instants in +08:00.
 */
const CP = "cp_fangzhi";
const at = (s: string) => new Date(s);
const street = { id: "usr_demo02", name: "李秀英" };
const ownerA = { id: "usr_demo09", name: "吴磊" };
const ownerB = { id: "usr_demo12", name: "钱玉珍" };
const reviewer = { id: "usr_demo11", name: "黄伟" };
const outsider = { id: "usr_demo15", name: "何建军" };
const ORGS = { community: "po_com_qingnian", street_working: "po_st_heping", industry: "po_industry_donghu" } as const;

const BEFORE = at("2026-02-01T10:00:00+08:00");
const FORMED_AT = at("2026-02-02T10:00:00+08:00");
const SETUP_AT = at("2026-02-10T10:00:00+08:00");
const OPENS = at("2026-03-01T00:00:00+08:00");
const CLOSES = at("2026-03-16T00:00:00+08:00");
const IN_WINDOW = at("2026-03-05T10:00:00+08:00");
const REVIEW_AT = at("2026-03-17T10:00:00+08:00");
const PUBLISH_AT = at("2026-03-19T10:00:00+08:00");
const VOTING = at("2026-04-20T09:00:00+08:00");

const asOwner = (u: { id: string }): HubViewer => ({ userId: u.id, supervise: false, organise: false, review: false });
const asStreet: HubViewer = { userId: street.id, supervise: true, organise: true, review: false };
const asReviewer: HubViewer = { userId: reviewer.id, supervise: false, organise: false, review: true };
const asOutsideReviewer: HubViewer = { userId: outsider.id, supervise: false, organise: false, review: true };

let plain: string[] = [];
let aOwner = "";
let bOwner = "";

async function setUp() {
  if (plain.length) return;
  const rows = await h.db
    .selectDistinct({ id: owners.id })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.compoundId, CP), eq(owners.kind, "person"), isNull(owners.userId)))
    .orderBy(asc(owners.id));
  plain = rows.map((r) => r.id);
  [aOwner, bOwner] = [plain.shift()!, plain.shift()!];
  await h.db.update(owners).set({ userId: ownerA.id }).where(eq(owners.id, aOwner));
  await h.db.update(owners).set({ userId: ownerB.id }).where(eq(owners.id, bOwner));
  const grant = (id: string, userId: string, org: string) => ({ id, userId, role: "party_reviewer" as const, scopeKind: "party_org" as const, partyOrgId: org, validFrom: at("2025-01-01T00:00:00+08:00"), createdAt: at("2025-01-01T00:00:00+08:00") });
  await h.db.insert(roleGrants).values([
    grant("grt_hub_c", reviewer.id, ORGS.community),
    grant("grt_hub_s", reviewer.id, ORGS.street_working),
    grant("grt_hub_i", reviewer.id, ORGS.industry),
    grant("grt_hub_out", outsider.id, "po_st_songlin"),
  ]);
}

async function counts() {
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
  return {
    groups: await n(h.db.select({ n: count() }).from(prepGroups).where(eq(prepGroups.compoundId, CP))),
    notices: await n(h.db.select({ n: count() }).from(notices).where(eq(notices.compoundId, CP))),
    grants: await n(h.db.select({ n: count() }).from(roleGrants)),
    candidates: await n(h.db.select({ n: count() }).from(candidates).where(eq(candidates.compoundId, CP))),
    audit: await n(h.db.select({ n: count() }).from(auditLog)),
  };
}

const row = (name: string, role: "owner" | "developer" | "street_office" | "residents_committee", extra: { ownerId?: string; phone?: string } = {}) => ({ name, role, ownerId: extra.ownerId, phone: extra.phone });
const declaration = (ownerId: string, nominatedBy: NominateFormInput["nominatedBy"], extra: Partial<NominateFormInput> = {}): NominateFormInput => ({
  ownerId, nominatedBy, occupation: "retiree", partyMember: true, propertyCompanyRelation: "none", fullCapacityDeclared: true, consent: true, ...extra,
});

let electionId = "";
const ids: Record<string, string> = {};

describe("the owner roll for checking @elections", () => {
  it("is masked and counts owners as the registry does; posting it needs an active group", async () => {
    await setUp();
    const p = { page: 1, size: 10, sort: "unit" as const, dir: "asc" as const };
    const r = await ownerRollPage(h.db, CP, p, BEFORE);
    if (!r) throw new Error("no roll");
    const totals = await compoundTotals(h.db, CP, shanghaiDay(BEFORE));
    expect(r.total.heads).toBe(totals.voters);
    expect(r.total.area).toBe(totals.votingArea);
    expect(r.rows.length).toBe(10);
    expect(r.count).toBeGreaterThan(10);
    const names = (await h.db.select({ name: owners.name }).from(owners).where(eq(owners.compoundId, CP))).map((o) => o.name);
    for (const x of r.rows) for (const o of x.owners) expect(names).not.toContain(o);
    expect(r.rows.flatMap((x) => x.owners).some((o) => o.includes("*"))).toBe(true);
    // Sorted by area, descending.
    const byArea = await ownerRollPage(h.db, CP, { ...p, sort: "area", dir: "desc" }, BEFORE);
    expect(byArea!.rows[0].area).toBeGreaterThanOrEqual(byArea!.rows[9].area);

    const before = await counts();
    expect(await publishRollNotice(h.db, street, CP, BEFORE)).toEqual({ ok: false, errors: { _form: "elections.errors.noPrepGroup" } });
    expect(await counts()).toEqual(before);
  });
});

describe("forming the group from the form @elections", () => {
  it("an unknown account phone is an error on that row, nothing written", async () => {
    expect(await h.db.select({ id: users.id }).from(users).where(eq(users.phone, "13699990000"))).toEqual([]);
    const before = await counts();
    const r = await formGroupFromForm(h.db, street, CP, {
      members: [row("李秀英", "street_office"), row("业主甲", "owner", { ownerId: plain[0] }), row("业主乙", "owner", { ownerId: plain[1], phone: "13699990000" })],
      leader: 0,
    }, FORMED_AT);
    expect(r).toEqual({ ok: false, errors: { "members.2.phone": "elections.group.errors.unknownPhone" } });
    // The leader is the row chosen: a leader who is not the street-office rep is refused.
    expect(await formGroupFromForm(h.db, street, CP, { members: [row("李秀英", "street_office"), row("业主甲", "owner", { ownerId: plain[0] }), row("业主乙", "owner", { ownerId: plain[1] })], leader: 1 }, FORMED_AT))
      .toEqual({ ok: false, errors: { members: "elections.errors.prepLeaderNotStreetOffice" } });
    expect(await counts()).toEqual(before);
  });

  it("the hub before the group: supervisors get the link, owners an explanation", async () => {
    const s = await electionHub(h.db, CP, asStreet, FORMED_AT);
    expect(s).toMatchObject({ stage: "no_group", group: null, election: null, candidates: [] });
    expect(s.can.formGroup).toBe(true);
    const o = await electionHub(h.db, CP, asOwner(ownerA), FORMED_AT);
    expect(o.owner).toBe(true);
    expect(o.can).toMatchObject({ formGroup: false, objectGroup: false, setUp: false, nominate: false });
  });

  it("forms the group with a member's account found by phone, and returns the warnings", async () => {
    const r = await formGroupFromForm(h.db, street, CP, {
      members: [
        row("李秀英", "street_office"),
        row("王芳", "residents_committee", { phone: "13800000003" }),
        row("业主甲", "owner", { ownerId: plain[0] }),
        row("业主乙", "owner", { ownerId: plain[1] }),
        row("业主丙", "owner", { ownerId: plain[2] }),
      ],
      leader: 0,
    }, FORMED_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.warnings).toEqual(["NO_DEVELOPER"]);
    const [g] = await h.db.select().from(roleGrants).where(and(eq(roleGrants.userId, "usr_demo03"), eq(roleGrants.role, "prep_group_member"), eq(roleGrants.nodeId, CP)));
    expect(g).toBeDefined();
    const hub = await electionHub(h.db, CP, asOwner(ownerA), FORMED_AT);
    expect(hub.stage).toBe("group_formed");
    expect(hub.group?.members.map((m) => [m.role, m.leader])).toEqual([["street_office", true], ["residents_committee", false], ["owner", false], ["owner", false], ["owner", false]]);
    expect(hub.group?.noticeId).toBe(r.noticeId);
    expect(hub.can.objectGroup).toBe(true);
    expect(hub.can.supervise).toBe(false);
  });

  it("an owner objects; the objection never names the owner; the supervisor settles it", async () => {
    expect(await runHubIntent(h.db, ownerA, CP, { intent: "objectGroup", text: "业主代表没有经过推选。" }, at("2026-02-03T10:00:00+08:00"))).toEqual({ ok: true });
    // Someone who owns nothing here cannot object.
    expect(await runHubIntent(h.db, reviewer, CP, { intent: "objectGroup", text: "异议" }, at("2026-02-03T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "elections.errors.notOwnerHere" } });
    const s = await electionHub(h.db, CP, asStreet, at("2026-02-04T10:00:00+08:00"));
    expect(s.groupObjections).toHaveLength(1);
    const o = s.groupObjections[0];
    expect(Object.keys(o).sort()).toEqual(["createdAt", "id", "settledAt", "settlement", "status", "text"]);
    expect(s.can.supervise).toBe(true);
    expect(await runHubIntent(h.db, street, CP, { intent: "settle", objectionId: o.id, outcome: "dismissed", settlement: "业主代表由各楼栋推选，已向业主说明。" }, at("2026-02-05T10:00:00+08:00"))).toEqual({ ok: true });
    const after = await electionHub(h.db, CP, asOwner(ownerB), at("2026-02-05T11:00:00+08:00"));
    expect(after.groupObjections[0]).toMatchObject({ status: "dismissed", settlement: "业主代表由各楼栋推选，已向业主说明。" });
  });

  it("posts the roll's headcount and area on the notice board, audited", async () => {
    const T = at("2026-02-06T10:00:00+08:00");
    const r = await publishRollNotice(h.db, street, CP, T);
    if (!r.ok) throw new Error(JSON.stringify(r));
    const totals = await compoundTotals(h.db, CP, shanghaiDay(T));
    expect(r.heads).toBe(totals.voters);
    expect(r.area).toBe(areaText(BigInt(totals.votingArea)));
    const [n] = await h.db.select().from(notices).where(eq(notices.id, r.noticeId));
    expect(n).toMatchObject({ compoundId: CP, sourceKind: "owner_roll", title: "业主名册公示" });
    expect(n.body).toContain(`${totals.voters} 人`);
    expect(n.body).toContain(`${areaText(BigInt(totals.votingArea))} 平方米`);
    expect(n.body).toContain(`/c/${CP}/elections/roll`);
    const audit = await h.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.action, "election.roll.publish"));
    expect(audit).toHaveLength(1);
    const page = await ownerRollPage(h.db, CP, { page: 1, size: 10, sort: "unit", dir: "asc" }, T);
    expect(page?.lastNotice?.id).toBe(r.noticeId);
  });
});

describe("nominations through the hub's pages @elections", () => {
  it("sets up the election; the set-up link goes away", async () => {
    expect((await electionHub(h.db, CP, asStreet, SETUP_AT)).can.setUp).toBe(true);
    const r = await setUpElection(h.db, street, CP, { seats: 5, minSeats: 3, alternates: 2, nominationOpensAt: OPENS, nominationClosesAt: CLOSES, method: "书面投票，差额选举。", votingOpensAt: VOTING }, SETUP_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    electionId = r.id;
    const s = await electionHub(h.db, CP, asStreet, SETUP_AT);
    expect(s.can.setUp).toBe(false);
    expect(s.election).toMatchObject({ id: electionId, seats: 5, nominationsOpen: false });
    expect(s.can.nominate).toBe(false);
    expect((await electionHub(h.db, CP, asStreet, IN_WINDOW)).can.nominate).toBe(true);
    expect((await electionHub(h.db, CP, asOwner(ownerA), IN_WINDOW)).can.nominate).toBe(true);
    expect((await electionHub(h.db, CP, asReviewer, IN_WINDOW)).can.nominate).toBe(false);
  });

  it("the nomination page offers each viewer their own kinds, and another compound's election is not found", async () => {
    const owner = await nominationPage(h.db, CP, electionId, { userId: ownerA.id, organiser: false }, IN_WINDOW);
    const org = await nominationPage(h.db, CP, electionId, { userId: street.id, organiser: true }, IN_WINDOW);
    expect(owner?.kinds).toEqual(["owners_joint", "self"]);
    expect(owner?.mine).toEqual([aOwner]);
    // Names are masked for owners, but for their own record.
    const [mine] = await h.db.select({ name: owners.name }).from(owners).where(eq(owners.id, aOwner));
    expect(owner?.owners.find((o) => o.id === aOwner)?.label.startsWith(`${mine.name} · `)).toBe(true);
    expect(owner?.owners.filter((o) => o.id !== aOwner).every((o) => o.label.split(" · ")[0].includes("*") || [...o.label.split(" · ")[0]].length === 1)).toBe(true);
    expect(org?.owners.find((o) => o.id === plain[0])?.label.includes("*")).toBe(false);
    expect(org?.kinds).toEqual(["community_party", "residents_committee", "owners_joint"]);
    expect((await nominationPage(h.db, CP, electionId, { userId: reviewer.id, organiser: false }, IN_WINDOW))?.kinds).toEqual([]);
    expect(await nominationPage(h.db, "cp_hepingli1", electionId, { userId: street.id, organiser: true }, IN_WINDOW)).toBeNull();
  });

  it("refuses a kind the viewer may not use, writing nothing", async () => {
    const before = await counts();
    expect(await nominateAs(h.db, ownerA, CP, electionId, declaration(plain[3], "community_party"), { organiser: false }, IN_WINDOW)).toEqual({ ok: false, errors: { nominatedBy: "elections.nominate.errors.kindNotAllowed" } });
    expect(await nominateAs(h.db, ownerA, CP, electionId, declaration(plain[3], "residents_committee"), { organiser: false }, IN_WINDOW)).toEqual({ ok: false, errors: { nominatedBy: "elections.nominate.errors.kindNotAllowed" } });
    expect(await nominateAs(h.db, street, CP, electionId, declaration(plain[3], "self"), { organiser: true }, IN_WINDOW)).toEqual({ ok: false, errors: { nominatedBy: "elections.nominate.errors.kindNotAllowed" } });
    expect(await nominateAs(h.db, reviewer, CP, electionId, declaration(plain[3], "owners_joint"), { organiser: false }, IN_WINDOW)).toEqual({ ok: false, errors: { nominatedBy: "elections.nominate.errors.kindNotAllowed" } });
    // A permitted kind still meets the context's rules: a self-nomination names the owner's own record.
    expect(await nominateAs(h.db, ownerA, CP, electionId, declaration(plain[3], "self"), { organiser: false }, IN_WINDOW)).toEqual({ ok: false, errors: { nominatedBy: "elections.errors.selfNotOwner" } });
    // Outside the window.
    expect(await nominateAs(h.db, ownerA, CP, electionId, declaration(aOwner, "self"), { organiser: false }, CLOSES)).toEqual({ ok: false, errors: { _form: "elections.errors.nominationClosed" } });
    expect(await counts()).toEqual(before);
  });

  it("owners self-nominate and start joint nominations; organisers record recommendations", async () => {
    const self = await nominateAs(h.db, ownerA, CP, electionId, declaration(aOwner, "self", { partyMember: false, occupation: "other" }), { organiser: false }, IN_WINDOW);
    const joint = await nominateAs(h.db, ownerB, CP, electionId, declaration(plain[3], "owners_joint"), { organiser: false }, IN_WINDOW);
    const party = await nominateAs(h.db, street, CP, electionId, declaration(plain[4], "community_party"), { organiser: true }, IN_WINDOW);
    const rc = await nominateAs(h.db, street, CP, electionId, declaration(plain[5], "residents_committee", { occupation: "public_servant" }), { organiser: true }, IN_WINDOW);
    for (const r of [self, joint, party, rc]) if (!r.ok) throw new Error(JSON.stringify(r));
    Object.assign(ids, { self: (self as { id: string }).id, joint: (joint as { id: string }).id, party: (party as { id: string }).id, rc: (rc as { id: string }).id });
  });
});

describe("what each viewer sees on the hub @elections", () => {
  it("before publication: owners see names and kinds, never phases; organisers and covering reviewers see phases", async () => {
    const o = await electionHub(h.db, CP, asOwner(ownerA), IN_WINDOW);
    expect(o.seesPhases).toBe(false);
    expect(o.candidates).toHaveLength(4);
    expect(o.candidates.every((c) => c.phase === null)).toBe(true);
    expect(o.candidates.map((c) => c.nominatedBy).sort()).toEqual(["community_party", "owners_joint", "residents_committee", "self"]);
    for (const v of [asStreet, asReviewer]) {
      const s = await electionHub(h.db, CP, v, IN_WINDOW);
      expect(s.seesPhases).toBe(true);
      expect(s.candidates.every((c) => c.phase === "nominated")).toBe(true);
    }
    // A reviewer whose organisation does not cover the compound sees what an owner sees.
    const out = await electionHub(h.db, CP, asOutsideReviewer, IN_WINDOW);
    expect(out.seesPhases).toBe(false);
    expect(out.candidates.every((c) => c.phase === null)).toBe(true);
  });

  it("owners sign joint nominations from the hub, once; the signatures count shows", async () => {
    const a = await electionHub(h.db, CP, asOwner(ownerA), IN_WINDOW);
    const j = a.candidates.find((c) => c.id === ids.joint)!;
    expect(j).toMatchObject({ signatures: 0, canSign: true, signed: false });
    expect(a.candidates.find((c) => c.id === ids.party)).toMatchObject({ signatures: null, canSign: false });
    expect(await runHubIntent(h.db, ownerA, CP, { intent: "endorse", candidateId: ids.joint }, IN_WINDOW)).toEqual({ ok: true });
    expect(await runHubIntent(h.db, ownerA, CP, { intent: "endorse", candidateId: ids.joint }, IN_WINDOW)).toEqual({ ok: false, errors: { _form: "elections.errors.alreadySigned" } });
    expect(await runHubIntent(h.db, ownerB, CP, { intent: "endorse", candidateId: ids.joint }, IN_WINDOW)).toEqual({ ok: true });
    const after = await electionHub(h.db, CP, asOwner(ownerA), IN_WINDOW);
    expect(after.candidates.find((c) => c.id === ids.joint)).toMatchObject({ signatures: 2, canSign: false, signed: true });
    // Non-owners never get a sign button.
    expect((await electionHub(h.db, CP, asStreet, IN_WINDOW)).candidates.every((c) => !c.canSign)).toBe(true);
  });

  it("publishing: refused while nominations are open and until vetting is done; then owners see only the cleared list", async () => {
    expect(await runHubIntent(h.db, street, CP, { intent: "publish" }, IN_WINDOW)).toEqual({ ok: false, errors: { _form: "elections.errors.nominationsStillOpen" } });
    const T = at("2026-03-16T09:00:00+08:00");
    for (const id of Object.values(ids)) expect((await submitForVetting(h.db, street, CP, id, T)).ok).toBe(true);
    expect(await runHubIntent(h.db, street, CP, { intent: "publish" }, REVIEW_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.vettingNotFinished" } });
    const [e] = await h.db.select().from(elections).where(eq(elections.id, electionId));
    for (const [key, id] of Object.entries(ids))
      for (const kind of e.requiredReviewers) {
        const decision = key === "rc" && kind === "industry" ? "reject" : "approve";
        expect((await decide(h.db, reviewer, CP, id, { partyOrgId: ORGS[kind], decision, reason: "意见" }, REVIEW_AT)).ok).toBe(true);
      }
    const before = await electionHub(h.db, CP, asStreet, REVIEW_AT);
    expect(before.election?.earliestVoting).not.toBeNull();
    expect(before.can.publish).toBe(true);
    expect(await runHubIntent(h.db, street, CP, { intent: "publish" }, PUBLISH_AT)).toEqual({ ok: true });

    const o = await electionHub(h.db, CP, asOwner(ownerB), PUBLISH_AT);
    expect(o.stage).toBe("candidates_published");
    expect(o.candidates.map((c) => c.id).sort()).toEqual([ids.joint, ids.party, ids.self].sort());
    expect(o.candidates.every((c) => c.phase === null && c.cleared)).toBe(true);
    const s = await electionHub(h.db, CP, asStreet, PUBLISH_AT);
    expect(s.candidates).toHaveLength(4);
    expect(s.candidates.find((c) => c.id === ids.rc)?.phase).toBe("rejected");
    expect(s.can).toMatchObject({ publish: false, answer: true, organise: true });
  });

  it("after publication: owners object to the list, organisers answer; objectors stay anonymous", async () => {
    const o = await electionHub(h.db, CP, asOwner(ownerA), PUBLISH_AT);
    expect(o.can.objectList).toBe(true);
    expect(o.objectable.map((c) => c.id).sort()).toEqual([ids.joint, ids.party, ids.self].sort());
    expect(await runHubIntent(h.db, reviewer, CP, { intent: "objectList", candidateId: null, text: "异议" }, PUBLISH_AT)).toEqual({ ok: false, errors: { _form: "elections.errors.notOwnerHere" } });
    expect(await runHubIntent(h.db, ownerA, CP, { intent: "objectList", candidateId: ids.party, text: "这位候选人长期不在小区居住。" }, PUBLISH_AT)).toEqual({ ok: true });
    const s = await electionHub(h.db, CP, asStreet, PUBLISH_AT);
    expect(s.listObjections).toHaveLength(1);
    const obj = s.listObjections[0];
    expect(Object.keys(obj).sort()).toEqual(["answer", "answeredAt", "candidateName", "createdAt", "id", "status", "text"]);
    expect(await runHubIntent(h.db, street, CP, { intent: "answer", objectionId: obj.id, answer: "经核实，候选人常住本小区。" }, PUBLISH_AT)).toEqual({ ok: true });
    const after = await electionHub(h.db, CP, asOwner(ownerB), PUBLISH_AT);
    expect(after.listObjections[0]).toMatchObject({ status: "answered", answer: "经核实，候选人常住本小区。" });
    expect(after.can.answer).toBe(false);
    // Once voting opens, no more objections.
    expect((await electionHub(h.db, CP, asOwner(ownerA), VOTING)).can.objectList).toBe(false);
  });

  it("the voting date moves only as far as the published list allows", async () => {
    expect(await runHubIntent(h.db, street, CP, { intent: "votingDate", votingOpensAt: at("2026-03-25T09:00:00+08:00") }, PUBLISH_AT)).toEqual({ ok: false, errors: { votingOpensAt: "elections.errors.publishTooLate" } });
    expect(await runHubIntent(h.db, street, CP, { intent: "votingDate", votingOpensAt: at("2026-04-25T09:00:00+08:00") }, PUBLISH_AT)).toEqual({ ok: true });
    expect((await electionHub(h.db, CP, asOwner(ownerA), PUBLISH_AT)).election?.votingOpensAt).toBe(at("2026-04-25T09:00:00+08:00").toISOString());
  });

  it("dissolving the group takes the election off the hub", async () => {
    const T = at("2026-06-01T10:00:00+08:00");
    expect(await runHubIntent(h.db, street, CP, { intent: "dissolve", confirm: "yes" }, T)).toEqual({ ok: true });
    const s = await electionHub(h.db, CP, asStreet, T);
    expect(s).toMatchObject({ stage: "no_group", election: null, candidates: [] });
    expect(s.group?.status).toBe("dissolved");
    expect(s.can.formGroup).toBe(true);
    expect(await runHubIntent(h.db, street, CP, { intent: "publish" }, T)).toEqual({ ok: false, errors: { _form: "elections.hub.errors.noElection" } });
  });
});
