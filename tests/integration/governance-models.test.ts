import { beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import {
  auditLog,
  compounds,
  decisionMotions,
  decisions,
  handoverItems,
  handovers,
  managementPeriods,
  propertyCompanies,
  roleGrants,
  serviceContracts,
  contractFeeStandards,
  files,
} from "~db/schema";
import { createAreaNode } from "~/platform/area.server";
import type { ActiveGrant } from "~/auth/permissions";
import { changeModel, managementPage, managerDecisionChoices } from "~/governance/models.server";
import { contractDocument, contractPage, createContract, listExpiringContracts, terminateContract } from "~/governance/contracts.server";
import { compoundHandovers, confirmHandoverItem, handoverCompanyPartyNode, handoverPage } from "~/governance/handover.server";
import { responsibleForCompound } from "~/governance/lookup.server";
import { ModelChangeSchema, TerminateSchema } from "~/governance/model-schema";
import { ContractSchema, ExpiringListSchema } from "~/governance/contract-schema";
import { canonicalOutput } from "~/decisions/record";
import { useTestDb } from "../support/test-db";
import { usingPostgres } from "../support/db";

const h = useTestDb();

/**
 * Compounds made for this file under their own community (com_gm, in 和平街道 st_heping), so the demo city's
 * own management data (seeded elsewhere) never meets these tests. Owners' decisions are stored as the decisions
 * context stores a closed vote (status, closed_at and the stored tally), which is all a basis reads.
 * Instants in +08:00; "today" is 2026-03-05 unless a test says otherwise.
 */
const at = (s: string) => new Date(s);
const NOW = at("2026-03-05T10:00:00+08:00");
const TODAY = "2026-03-05";
const street = { id: "usr_demo02", name: "李秀英" };
const committee = { id: "usr_demo06", name: "陈德明" };
const worker = { id: "usr_demo03", name: "王芳" };
const staffA = { id: "usr_demo07", name: "刘强" };
const staffB = { id: "usr_demo09", name: "吴磊" };
const STREET_PATH = "/city_jiangan/dist_donghu/st_heping/";
const COMMUNITY = "com_gm";
const CO_A = "co_gm_a";
const CO_B = "co_gm_b";
const CP = {
  change: "cp_gm_change",
  other: "cp_gm_other",
  unmanaged: "cp_gm_unmanaged",
  selfgov: "cp_gm_selfgov",
  contracts: "cp_gm_contracts",
  parallel: "cp_gm_parallel",
  lookup: "cp_gm_lookup",
  exp1: "cp_gm_exp1",
  exp2: "cp_gm_exp2",
  exp3: "cp_gm_exp3",
  exp4: "cp_gm_exp4",
} as const;

const pathOf = (cp: string) => `${STREET_PATH}${COMMUNITY}/${cp}/`;
const grant = (role: ActiveGrant["role"], path: string): ActiveGrant => ({ id: `g_${role}`, role, scopeKind: "node", nodeId: null, nodePath: path, nodeKind: null, nodeName: null, validTo: null });
const asCommittee = (cp: string) => ({ userId: committee.id, grants: [grant("committee_member", pathOf(cp))], compoundPath: pathOf(cp) });
const asStreet = (cp: string) => ({ userId: street.id, grants: [grant("street_officer", STREET_PATH)], compoundPath: pathOf(cp) });
const asStaff = (u: { id: string }, cp: string) => ({ userId: u.id, grants: [] as ActiveGrant[], compoundPath: pathOf(cp) });

let seq = 0;
/** A decision of `compoundId` with one motion, stored as the decisions context stores it; returns the motion id. */
async function decision(compoundId: string, o: { closed?: boolean; category?: number; passed?: boolean; closedAt?: Date } = {}): Promise<string> {
  const { closed = true, category = 4, passed = true, closedAt = at("2026-02-20T10:00:00+08:00") } = o;
  const id = `dec_gm_${++seq}`;
  const result = { chainHead: "x", errors: [], format: "gongzhi.tally/1", genesis: "x", ok: true, motions: [{ id: "m1", kind: "question", category, passed }] };
  await h.db.insert(decisions).values({
    id, compoundId, scopeKind: "compound", title: `会议 ${seq}`, form: "written", status: closed ? "closed" : "open",
    opensAt: at("2026-02-01T00:00:00+08:00"), closesAt: at("2026-02-10T00:00:00+08:00"), countingClosesAt: at("2026-02-11T00:00:00+08:00"),
    secretEnc: "x", closedAt: closed ? closedAt : null, resultCanonical: closed ? canonicalOutput(result) : null, createdAt: at("2026-01-01T00:00:00+08:00"),
  });
  const motionId = `mot_gm_${seq}`;
  await h.db.insert(decisionMotions).values({ id: motionId, decisionId: id, compoundId, key: "m1", position: 1, title: `议题 ${seq}`, text: "……", category, createdAt: at("2026-01-01T00:00:00+08:00") });
  return motionId;
}

async function period(compoundId: string, model: "property_company" | "self_governance" | "quasi_property", fromDay: string, extra: Partial<typeof managementPeriods.$inferInsert> = {}) {
  await h.db.insert(managementPeriods).values({ id: `mgp_gm_${++seq}`, compoundId, model, fromDay, basisKind: "initial", createdAt: at("2025-01-01T00:00:00+08:00"), ...extra });
}

const contractInput = (companyId: string, startDay: string, endDay: string, extra: Record<string, string> = {}) =>
  ContractSchema.parse({ companyId, startDay, endDay, feeModel: "lump_sum", ...extra });

async function writes(compoundId: string) {
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
  return {
    periods: await n(h.db.select({ n: count() }).from(managementPeriods).where(eq(managementPeriods.compoundId, compoundId))),
    handovers: await n(h.db.select({ n: count() }).from(handovers).where(eq(handovers.compoundId, compoundId))),
    contracts: await n(h.db.select({ n: count() }).from(serviceContracts).where(eq(serviceContracts.compoundId, compoundId))),
    audit: await n(h.db.select({ n: count() }).from(auditLog)),
  };
}

beforeAll(async () => {
  const t = at("2025-01-01T00:00:00+08:00");
  await createAreaNode(h.db, { id: COMMUNITY, kind: "community", parentId: "st_heping", name: "测试社区" }, t);
  for (const [i, id] of Object.values(CP).entries()) {
    await createAreaNode(h.db, { id, kind: "compound", parentId: COMMUNITY, name: `测试小区${i + 1}` }, t);
    await h.db.insert(compounds).values({ id, createdAt: t });
  }
  const co = (id: string, name: string, code: string) => ({ id, name, creditCode: code, contactName: "联系人", contactPhone: "13900000000", hasPartyOrg: false, createdAt: t, updatedAt: t });
  await h.db.insert(propertyCompanies).values([co(CO_A, "甲物业公司", "GMTEST000000000001"), co(CO_B, "乙物业公司", "GMTEST000000000002")]);
  await h.db.insert(roleGrants).values([
    { id: "grt_gm_a", userId: staffA.id, role: "property_staff", scopeKind: "company", companyId: CO_A, validFrom: t, createdAt: t },
    { id: "grt_gm_b", userId: staffB.id, role: "property_staff", scopeKind: "company", companyId: CO_B, validFrom: t, createdAt: t },
  ]);
});

describe("a model change's basis, through the context @models", () => {
  let good = "";
  beforeAll(async () => {
    await period(CP.change, "property_company", "2025-01-01");
    await h.db.insert(serviceContracts).values({ id: "svc_gm_change", compoundId: CP.change, companyId: CO_A, startDay: "2025-01-01", endDay: "2027-12-31", feeModel: "lump_sum", noticeDays: 60, serviceLevel: { cleaningPerWeek: null, securityHoursPerDay: null, greenery: null, urgentResponseHours: null, ordinaryResponseHours: null }, createdAt: NOW });
    await period(CP.selfgov, "self_governance", "2025-01-01", { selfBody: "owners_committee", maintenanceBy: "body", moneyHolder: "业委会" });
    good = await decision(CP.change);
  });

  const toSelf = (motionId?: string, effectiveOn = "2026-03-01") =>
    ModelChangeSchema.parse({ model: "self_governance", effectiveOn, basisKind: "decision", motionId: motionId ?? "", selfBody: "owners_committee", moneyHolder: "业委会共管账户", maintenanceBy: "body" });
  const interim = (o: Record<string, string> = {}) =>
    ModelChangeSchema.parse({ model: "quasi_property", effectiveOn: "2026-03-10", basisKind: "interim_assignment", reason: "无人管理，垃圾无人清运", reviewOn: "2026-09-10", communityNodeId: COMMUNITY, ...o });

  it.each<[string, () => Promise<{ cp: string; input: ReturnType<typeof toSelf>; street?: boolean }>, Record<string, string>]>([
    ["SAME_MODEL", async () => ({ cp: CP.change, input: ModelChangeSchema.parse({ model: "property_company", effectiveOn: "2026-03-01", basisKind: "decision", motionId: good }) }), { model: "governance.errors.sameModel" }],
    ["DECISION_REQUIRED", async () => ({ cp: CP.change, input: interim(), street: true }), { basisKind: "governance.errors.decisionRequired" }],
    ["DECISION_NOT_FOUND (none chosen)", async () => ({ cp: CP.change, input: toSelf() }), { motionId: "governance.errors.decisionNotFound" }],
    ["DECISION_NOT_FOUND (no such motion)", async () => ({ cp: CP.change, input: toSelf("mot_nope") }), { motionId: "governance.errors.decisionNotFound" }],
    ["DECISION_OTHER_COMPOUND", async () => ({ cp: CP.change, input: toSelf(await decision(CP.other)) }), { motionId: "governance.errors.decisionOtherCompound" }],
    ["DECISION_NOT_CLOSED", async () => ({ cp: CP.change, input: toSelf(await decision(CP.change, { closed: false })) }), { motionId: "governance.errors.decisionNotClosed" }],
    ["DECISION_WRONG_CATEGORY", async () => ({ cp: CP.change, input: toSelf(await decision(CP.change, { category: 5 })) }), { motionId: "governance.errors.decisionWrongCategory" }],
    ["DECISION_NOT_PASSED", async () => ({ cp: CP.change, input: toSelf(await decision(CP.change, { passed: false })) }), { motionId: "governance.errors.decisionNotPassed" }],
    ["INTERIM_ONLY_QUASI_PROPERTY", async () => ({ cp: CP.unmanaged, input: ModelChangeSchema.parse({ model: "self_governance", effectiveOn: "2026-03-10", basisKind: "interim_assignment", reason: "x", reviewOn: "2026-09-10", selfBody: "owners_committee", moneyHolder: "x", maintenanceBy: "body" }), street: true }), { basisKind: "governance.errors.interimOnlyQuasiProperty" }],
    ["INTERIM_ONLY_UNMANAGED", async () => ({ cp: CP.selfgov, input: interim(), street: true }), { basisKind: "governance.errors.interimOnlyUnmanaged" }],
    ["REASON_REQUIRED", async () => ({ cp: CP.unmanaged, input: interim({ reason: "" }), street: true }), { reason: "governance.errors.reasonRequired" }],
    ["REVIEW_DATE_REQUIRED (none)", async () => ({ cp: CP.unmanaged, input: interim({ reviewOn: "" }), street: true }), { reviewOn: "governance.errors.reviewDateRequired" }],
    ["REVIEW_DATE_REQUIRED (not after the change)", async () => ({ cp: CP.unmanaged, input: interim({ reviewOn: "2026-03-10" }), street: true }), { reviewOn: "governance.errors.reviewDateRequired" }],
    ["the effective day not after the latest entry", async () => ({ cp: CP.change, input: toSelf(good, "2025-01-01") }), { effectiveOn: "governance.management.errors.effectiveTooEarly" }],
    ["an interim assignment by a committee member", async () => ({ cp: CP.unmanaged, input: interim(), street: false }), { basisKind: "governance.management.errors.interimStreetOnly" }],
  ])("%s → refused, nothing written", async (_, make, errors) => {
    const { cp, input, street: isStreet = false } = await make();
    const before = await writes(cp);
    const r = await changeModel(h.db, isStreet ? street : committee, cp, input, { streetOfficer: isStreet }, NOW);
    expect(r).toEqual({ ok: false, errors });
    expect(await writes(cp)).toEqual(before);
  });

  it("a quasi-property change to a community of another street is refused", async () => {
    const r = await changeModel(h.db, street, CP.unmanaged, interim({ communityNodeId: "com_wangjiang" }), { streetOfficer: true }, NOW);
    expect(r).toEqual({ ok: false, errors: { communityNodeId: "governance.management.errors.communityInvalid" } });
  });

  it("the change form offers the compound's closed item-4 motions with their result", async () => {
    const choices = await managerDecisionChoices(h.db, CP.change);
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.every((c) => c.decisionTitle && c.motionTitle)).toBe(true);
    expect(choices.find((c) => c.motionId === good)).toMatchObject({ passed: true, decidedOn: "2026-02-20" });
    expect(choices.some((c) => !c.passed)).toBe(true);
    // Not another compound's, not an open one, not another category.
    expect(choices.every((c) => c.decisionId.startsWith("dec_gm_"))).toBe(true);
  });

  it("a decision-backed change from a company to self-governance: the entry, its handover, the audit", async () => {
    const auditBefore = (await writes(CP.change)).audit;
    const r = await changeModel(h.db, committee, CP.change, toSelf(good), { streetOfficer: false }, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.handoverId).toBeTruthy();
    const [p] = await h.db.select().from(managementPeriods).where(eq(managementPeriods.id, r.periodId));
    expect(p).toMatchObject({ model: "self_governance", fromDay: "2026-03-01", basisKind: "decision", motionId: good, selfBody: "owners_committee", maintenanceBy: "body", moneyHolder: "业委会共管账户", recordedBy: committee.id, quasiFeeFen: null, communityNodeId: null });
    const [hv] = await h.db.select().from(handovers).where(eq(handovers.id, r.handoverId!));
    expect(hv).toMatchObject({ compoundId: CP.change, periodId: r.periodId, outgoing: "甲物业公司", incoming: "业主委员会", completedAt: null });
    const items = await h.db.select().from(handoverItems).where(eq(handoverItems.handoverId, hv.id));
    expect(items.map((i) => i.category).sort()).toEqual(["arrears", "documents", "equipment", "funds", "keys", "open_requests"]);
    expect(items.find((i) => i.category === "open_requests")!.description).toContain("报修");
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.actorId, committee.id));
    expect(audit.filter((a) => a.action === "model.change" && a.targetId === r.periodId)).toHaveLength(1);
    expect(audit.filter((a) => a.action === "handover.create" && a.targetId === hv.id)).toHaveLength(1);
    expect((await writes(CP.change)).audit).toBe(auditBefore + 2);
    const [c] = await h.db.select({ m: compounds.managementModel }).from(compounds).where(eq(compounds.id, CP.change));
    expect(c.m).toBe("self_governance");
    // The page: the model in force, the history with its basis, who answers today.
    const page = await managementPage(h.db, CP.change, TODAY);
    expect(page.current).toMatchObject({ model: "self_governance", fromDay: "2026-03-01", basisKind: "decision" });
    expect(page.current!.decision!.title).toMatch(/^会议/);
    expect(page.history.map((e) => e.model)).toEqual(["self_governance", "property_company"]);
    expect(page.responsible.map((x) => x.kind)).toEqual(["owners_committee", "owners_committee", "owners_committee"]);
    expect(page.handovers).toHaveLength(1);
  });

  it("a scheduled change: a future day is recorded, the page still shows the model in force", async () => {
    const later = await decision(CP.change);
    const r = await changeModel(h.db, committee, CP.change, ModelChangeSchema.parse({ model: "property_company", effectiveOn: "2026-07-01", basisKind: "decision", motionId: later }), { streetOfficer: false }, NOW);
    expect(r.ok).toBe(true);
    const page = await managementPage(h.db, CP.change, TODAY);
    expect(page.current!.model).toBe("self_governance");
    expect(page.history[0]).toMatchObject({ model: "property_company", fromDay: "2026-07-01", scheduled: true });
    // The next change must come after the scheduled one.
    const early = await changeModel(h.db, committee, CP.change, toSelf(later, "2026-06-01"), { streetOfficer: false }, NOW);
    expect(early).toEqual({ ok: false, errors: { effectiveOn: "governance.management.errors.effectiveTooEarly" } });
  });

  it("an interim assignment by a street officer to an unmanaged compound: quasi-property at a fee, no handover", async () => {
    const r = await changeModel(h.db, street, CP.unmanaged, interim({ quasiFee: "0.35", effectiveOn: TODAY }), { streetOfficer: true }, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.handoverId).toBe(null);
    const [p] = await h.db.select().from(managementPeriods).where(eq(managementPeriods.id, r.periodId));
    expect(p).toMatchObject({ model: "quasi_property", basisKind: "interim_assignment", reason: "无人管理，垃圾无人清运", reviewOn: "2026-09-10", communityNodeId: COMMUNITY, quasiFeeFen: 35, decisionId: null });
    expect(await responsibleForCompound(h.db, CP.unmanaged, "maintenance", TODAY)).toEqual({ kind: "community", nodeId: COMMUNITY });
    expect(await responsibleForCompound(h.db, CP.unmanaged, "billing", "2026-03-04")).toEqual({ kind: "none", reason: "NO_MODEL" });
  });
});

describe("handover confirmations by side @models", () => {
  let id = "";
  beforeAll(async () => {
    // The change from the company (the later, scheduled change back has a checklist of its own).
    id = (await compoundHandovers(h.db, CP.change)).find((x) => x.outgoing === "甲物业公司")!.id;
  });

  it("the page shows both sides and what each viewer may confirm", async () => {
    const asC = await handoverPage(h.db, CP.change, id, asCommittee(CP.change), NOW);
    expect(asC!.canConfirm).toEqual({ outgoing: false, incoming: true });
    expect(asC!.sides).toEqual({ outgoing: { kind: "company", companyName: "甲物业公司" }, incoming: { kind: "committee", companyName: null } });
    expect((await handoverPage(h.db, CP.change, id, asStaff(staffA, CP.change), NOW))!.canConfirm).toEqual({ outgoing: true, incoming: false });
    expect((await handoverPage(h.db, CP.change, id, asStaff(staffB, CP.change), NOW))!.canConfirm).toEqual({ outgoing: false, incoming: false });
    expect((await handoverPage(h.db, CP.change, id, asStreet(CP.change), NOW))!.canConfirm).toEqual({ outgoing: false, incoming: false });
    expect(await handoverPage(h.db, CP.other, id, asCommittee(CP.other), NOW)).toBe(null);
    // Company A's staff may open it through their company grant; B's may not.
    expect((await handoverCompanyPartyNode(h.db, staffA.id, CP.change, id, NOW))?.id).toBe(CP.change);
    expect(await handoverCompanyPartyNode(h.db, staffB.id, CP.change, id, NOW)).toBe(null);
  });

  it("each side confirms only its own side; the last confirmation completes the handover", async () => {
    const items = await h.db.select().from(handoverItems).where(eq(handoverItems.handoverId, id));
    const first = items[0].id;
    expect(await confirmHandoverItem(h.db, committee, asCommittee(CP.change), CP.change, id, { itemId: first, side: "outgoing" }, NOW)).toEqual({ ok: false, errors: { _form: "governance.handover.errors.notYourSide" } });
    expect(await confirmHandoverItem(h.db, staffB, asStaff(staffB, CP.change), CP.change, id, { itemId: first, side: "outgoing" }, NOW)).toEqual({ ok: false, errors: { _form: "governance.handover.errors.notYourSide" } });
    expect(await confirmHandoverItem(h.db, street, asStreet(CP.change), CP.change, id, { itemId: first, side: "incoming" }, NOW)).toEqual({ ok: false, errors: { _form: "governance.handover.errors.notYourSide" } });
    expect(await confirmHandoverItem(h.db, committee, asCommittee(CP.other), CP.other, id, { itemId: first, side: "incoming" }, NOW)).toBe(null);
    expect(await confirmHandoverItem(h.db, staffA, asStaff(staffA, CP.change), CP.change, id, { itemId: first, side: "outgoing" }, NOW)).toEqual({ ok: true, completed: false });
    expect(await confirmHandoverItem(h.db, staffA, asStaff(staffA, CP.change), CP.change, id, { itemId: first, side: "outgoing" }, NOW)).toEqual({ ok: false, errors: { _form: "governance.handover.errors.alreadyConfirmed" } });
    for (const [i, item] of items.entries()) {
      if (i > 0) expect(await confirmHandoverItem(h.db, staffA, asStaff(staffA, CP.change), CP.change, id, { itemId: item.id, side: "outgoing" }, NOW)).toEqual({ ok: true, completed: false });
      const r = await confirmHandoverItem(h.db, committee, asCommittee(CP.change), CP.change, id, { itemId: item.id, side: "incoming" }, NOW);
      expect(r).toEqual({ ok: true, completed: i === items.length - 1 });
    }
    const [hv] = await h.db.select().from(handovers).where(eq(handovers.id, id));
    expect(hv.completedAt).toEqual(NOW);
    const page = await handoverPage(h.db, CP.change, id, asCommittee(CP.change), NOW);
    expect(page!.items.every((i) => i.outgoing?.by === staffA.name && i.incoming?.by === committee.name)).toBe(true);
    const audit = await h.db.select().from(auditLog).where(and(eq(auditLog.targetKind, "handover"), eq(auditLog.targetId, id)));
    expect(audit.filter((a) => a.action === "handover.confirm")).toHaveLength(items.length * 2);
    expect(audit.filter((a) => a.action === "handover.complete")).toHaveLength(1);
  });
});

describe("service contracts @models", () => {
  it("refuses an unknown company, an inverted period, a decision that cannot carry it; nothing written", async () => {
    const before = await writes(CP.contracts);
    expect(await createContract(h.db, committee, CP.contracts, contractInput("co_nope", "2025-01-01", "2025-12-31"), null, NOW)).toEqual({ ok: false, errors: { companyId: "governance.contracts.errors.companyUnknown" } });
    expect(await createContract(h.db, committee, CP.contracts, { ...contractInput(CO_A, "2025-01-01", "2025-12-31"), endDay: "2024-12-31" }, null, NOW)).toEqual({ ok: false, errors: { endDay: "governance.errors.periodInverted" } });
    const failed = await decision(CP.contracts, { passed: false });
    expect(await createContract(h.db, committee, CP.contracts, contractInput(CO_A, "2025-01-01", "2025-12-31", { motionId: failed }), null, NOW)).toEqual({ ok: false, errors: { motionId: "governance.errors.decisionNotPassed" } });
    expect(await writes(CP.contracts)).toEqual(before);
  });

  it("overlap: the day after an end is allowed, the last day is refused", async () => {
    const motion = await decision(CP.contracts);
    const pdf = { displayName: "合同.pdf", mime: "application/pdf" as const, data: Buffer.from("%PDF-1.4\n%test\n") };
    const first = await createContract(
      h.db, committee, CP.contracts,
      contractInput(CO_A, "2025-01-01", "2025-12-31", { feeModel: "remuneration", share: "8.5", shareUnit: "percent", motionId: motion, rate_dwelling_property: "1.20", rate_parking_parking: "150", cleaningPerWeek: "7", greenery: "每月修剪" }),
      pdf, NOW,
    );
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const before = await writes(CP.contracts);
    expect(await createContract(h.db, committee, CP.contracts, contractInput(CO_B, "2025-12-31", "2026-12-31"), null, NOW)).toEqual({ ok: false, errors: { startDay: "governance.errors.contractOverlap" } });
    expect(await createContract(h.db, committee, CP.contracts, contractInput(CO_B, "2024-06-01", "2025-01-01"), null, NOW)).toEqual({ ok: false, errors: { startDay: "governance.errors.contractOverlap" } });
    expect(await writes(CP.contracts)).toEqual(before);
    const second = await createContract(h.db, committee, CP.contracts, contractInput(CO_B, "2026-01-01", "2026-12-31"), null, NOW);
    expect(second.ok).toBe(true);

    const page = await contractPage(h.db, CP.contracts, first.id, TODAY);
    expect(page!.contract).toMatchObject({ companyName: "甲物业公司", feeModel: "remuneration", remunerationPerMille: 85, noticeDays: 60, status: "ended", decision: { title: expect.stringMatching(/^会议/) } });
    expect(page!.contract.serviceLevel).toEqual({ cleaningPerWeek: 7, securityHoursPerDay: null, greenery: "每月修剪", urgentResponseHours: null, ordinaryResponseHours: null });
    expect(page!.rates).toEqual([
      { unitKind: "dwelling", item: "property", basis: "per_m2_month", rateFen: 120 },
      { unitKind: "parking", item: "parking", basis: "per_unit_month", rateFen: 15000 },
    ]);
    expect(page!.contract.document).toMatchObject({ displayName: "合同.pdf", mime: "application/pdf" });
    expect((await contractDocument(h.db, CP.contracts, first.id))!.data.toString()).toContain("%PDF");
    // Another compound's contract is not found.
    expect(await contractPage(h.db, CP.other, first.id, TODAY)).toBe(null);
    expect(await contractDocument(h.db, CP.other, first.id)).toBe(null);
    const audit = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "contract.create"), eq(auditLog.targetId, first.id)));
    expect(audit).toHaveLength(1);
    expect(await h.db.select().from(contractFeeStandards).where(eq(contractFeeStandards.contractId, first.id))).toHaveLength(2);
    expect(await h.db.select().from(files).where(and(eq(files.ownerKind, "contract"), eq(files.ownerId, first.id)))).toHaveLength(1);
  });

  it.skipIf(!usingPostgres())("two overlapping contracts recorded at once: exactly one is written (PostgreSQL only; skipped on PGlite)", async () => {
    const results = await Promise.all([
      createContract(h.db, committee, CP.parallel, contractInput(CO_A, "2026-01-01", "2026-12-31"), null, NOW),
      createContract(h.db, committee, CP.parallel, contractInput(CO_B, "2026-06-01", "2027-05-31"), null, NOW),
      createContract(h.db, committee, CP.parallel, contractInput(CO_B, "2026-12-31", "2027-12-31"), null, NOW),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.errors)).toEqual([{ startDay: "governance.errors.contractOverlap" }, { startDay: "governance.errors.contractOverlap" }]);
    expect((await writes(CP.parallel)).contracts).toBe(1);
  });

  it("ending early: the notice runs from the decision day; a decision may set the day; audited; another compound's → not found", async () => {
    const contracts = await h.db.select().from(serviceContracts).where(and(eq(serviceContracts.compoundId, CP.contracts), eq(serviceContracts.companyId, CO_B)));
    const c = contracts[0];
    const dismiss = await decision(CP.contracts, { closedAt: at("2026-03-01T10:00:00+08:00") });
    const term = (terminatedOn: string, motionId = dismiss, decisionSetsDay?: "on") => TerminateSchema.parse({ terminatedOn, motionId, decisionSetsDay });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, term("2026-04-29"), NOW)).toEqual({ ok: false, errors: { terminatedOn: "governance.contracts.errors.noticeTooShort" }, earliest: "2026-04-30" });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, term("2026-04-30", await decision(CP.contracts, { category: 9 })), NOW)).toEqual({ ok: false, errors: { motionId: "governance.errors.decisionWrongCategory" } });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, term("2026-04-30", await decision(CP.other)), NOW)).toEqual({ ok: false, errors: { motionId: "governance.errors.decisionOtherCompound" } });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, term("2027-01-01"), NOW)).toEqual({ ok: false, errors: { terminatedOn: "governance.contracts.errors.terminationOutsidePeriod" } });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, term("2026-02-28", dismiss, "on"), NOW)).toEqual({ ok: false, errors: { terminatedOn: "governance.contracts.errors.terminationBeforeDecision" } });
    expect(await terminateContract(h.db, committee, CP.other, c.id, term("2026-04-30"), NOW)).toBe(null);
    const [unchanged] = await h.db.select().from(serviceContracts).where(eq(serviceContracts.id, c.id));
    expect(unchanged.terminatedOn).toBe(null);

    expect(await terminateContract(h.db, committee, CP.contracts, c.id, term("2026-04-30"), NOW)).toEqual({ ok: true });
    const [ended] = await h.db.select().from(serviceContracts).where(eq(serviceContracts.id, c.id));
    expect(ended).toMatchObject({ terminatedOn: "2026-04-30", startDay: "2026-01-01", endDay: "2026-12-31" });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, term("2026-05-30"), NOW)).toEqual({ ok: false, errors: { _form: "governance.contracts.errors.alreadyTerminated" } });
    const audit = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "contract.terminate"), eq(auditLog.targetId, c.id)));
    expect(audit).toHaveLength(1);
    // The days after the last day of service are free for the next contract.
    expect((await createContract(h.db, committee, CP.contracts, contractInput(CO_A, "2026-05-01", "2027-04-30"), null, NOW)).ok).toBe(true);
  });

  it("a decision may set an earlier day than the notice allows", async () => {
    const [c] = await h.db.select().from(serviceContracts).where(and(eq(serviceContracts.compoundId, CP.contracts), eq(serviceContracts.startDay, "2026-05-01")));
    const d = await decision(CP.contracts, { closedAt: at("2026-03-10T10:00:00+08:00") });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, TerminateSchema.parse({ terminatedOn: "2026-05-01", motionId: d }), NOW)).toEqual({
      ok: false, errors: { terminatedOn: "governance.contracts.errors.noticeTooShort" }, earliest: "2026-05-09",
    });
    expect(await terminateContract(h.db, committee, CP.contracts, c.id, TerminateSchema.parse({ terminatedOn: "2026-05-01", motionId: d, decisionSetsDay: "on" }), NOW)).toEqual({ ok: true });
  });
});

describe("responsibleForCompound on the day a contract ends and the day the next begins @models", () => {
  beforeAll(async () => {
    await period(CP.lookup, "property_company", "2025-01-01");
    expect((await createContract(h.db, committee, CP.lookup, contractInput(CO_A, "2025-01-01", "2025-12-31"), null, NOW)).ok).toBe(true);
    expect((await createContract(h.db, committee, CP.lookup, contractInput(CO_B, "2026-01-01", "2026-12-31"), null, NOW)).ok).toBe(true);
  });

  it.each([
    ["2025-12-31", CO_A],
    ["2026-01-01", CO_B],
    ["2026-12-31", CO_B],
  ])("on %s it is %s, for every duty", async (day, companyId) => {
    for (const duty of ["billing", "public_income", "maintenance"] as const) {
      expect(await responsibleForCompound(h.db, CP.lookup, duty, day)).toMatchObject({ kind: "company", companyId });
    }
  });

  it("after the last contract, nobody", async () => {
    expect(await responsibleForCompound(h.db, CP.lookup, "billing", "2027-01-01")).toEqual({ kind: "none", reason: "NO_CONTRACT" });
    expect(await responsibleForCompound(h.db, CP.lookup, "billing", "2024-12-31")).toEqual({ kind: "none", reason: "NO_MODEL" });
  });
});

describe("the street's expiring contracts @models", () => {
  beforeAll(async () => {
    for (const cp of [CP.exp1, CP.exp2, CP.exp3, CP.exp4]) await period(cp, "property_company", "2024-01-01");
    const make = async (cp: string, co: string, start: string, end: string) => {
      const r = await createContract(h.db, committee, cp, contractInput(co, start, end), null, NOW);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
    };
    await make(CP.exp1, CO_A, "2024-01-01", "2026-03-20"); // within 30 days
    await make(CP.exp2, CO_B, "2024-01-01", "2026-05-20"); // within 90 days
    await make(CP.exp2, CO_A, "2026-05-21", "2029-05-20"); // its successor, ends far off
    await make(CP.exp3, CO_A, "2024-01-01", "2026-02-28"); // ended, no successor
    await make(CP.exp4, CO_B, "2024-01-01", "2025-12-31"); // ended, followed by a successor …
    await make(CP.exp4, CO_A, "2026-01-01", "2028-12-31"); // … ending far off
  });

  const list = (q: Record<string, string> = {}) => listExpiringContracts(h.db, `${STREET_PATH}${COMMUNITY}/`, ExpiringListSchema.parse(q), TODAY);

  it("within 90 days or ended without a successor, with the warning level, sorted by the last day", async () => {
    const r = await list();
    const gm = r.rows.filter((x) => [CP.exp1, CP.exp2, CP.exp3, CP.exp4].includes(x.compoundId as never));
    expect(gm.map((x) => [x.compoundId, x.lastDay, x.level, x.successorStart])).toEqual([
      [CP.exp3, "2026-02-28", "expired", null],
      [CP.exp1, "2026-03-20", "within_30", null],
      [CP.exp2, "2026-05-20", "within_90", "2026-05-21"],
    ]);
  });

  it("filters by level, pages and sorts", async () => {
    expect((await list({ level: "expired" })).rows.every((x) => x.level === "expired")).toBe(true);
    const page = await list({ size: "10", page: "1", sort: "endDay", dir: "desc" });
    expect(page.rows.length).toBe(Math.min(10, page.total));
    const days = page.rows.map((x) => x.lastDay);
    expect([...days].sort().reverse()).toEqual(days);
    expect((await list({ q: "测试小区" })).total).toBe(page.total);
  });

  it("a compound that left property management is not warned about its ended contract", async () => {
    const motion = await decision(CP.exp3);
    const r = await changeModel(h.db, committee, CP.exp3, ModelChangeSchema.parse({ model: "self_governance", effectiveOn: "2026-03-01", basisKind: "decision", motionId: motion, selfBody: "self_management_committee", moneyHolder: "自管会", maintenanceBy: "community" }), { streetOfficer: false }, NOW);
    expect(r.ok).toBe(true);
    expect((await list()).rows.some((x) => x.compoundId === CP.exp3)).toBe(false);
    expect(await responsibleForCompound(h.db, CP.exp3, "maintenance", TODAY)).toEqual({ kind: "community", nodeId: COMMUNITY });
    expect(await responsibleForCompound(h.db, CP.exp3, "billing", TODAY)).toEqual({ kind: "self_management_committee" });
  });
});
