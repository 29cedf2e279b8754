import { describe, expect, it } from "vitest";
import { and, asc, count, eq } from "drizzle-orm";
import type { DbHandle } from "~db/client.server";
import { auditLog, decisionMotions, decisions, managementPeriods, propertyCompanies, residents, roleGrants, serviceContracts, serviceRatings } from "~db/schema";
import { compoundService, responsibleForCompound } from "~/governance/lookup.server";
import { companyRatingSummary, compoundRatingSummary, rateService, raterStanding } from "~/governance/ratings.server";
import { servicePage } from "~/governance/service.server";
import { RatingSchema } from "~/governance/service-schema";
import { changeBasisProblem, creditCodeProblem, expiryWarning, MANAGER_DECISION_CATEGORY, type DecisionFacts } from "~/governance/rules";
import { storedResult } from "~/decisions/decisions.server";
import { nodePath } from "~/platform/area.server";
import { addDays, shanghaiDay } from "~/platform/days";
import { parseObject } from "~/ui/form.server";
import { useTestDb } from "../support/test-db";
import { expectDemoModels } from "../support/demo-models";

const h = useTestDb();

/**
 * The demo city's management models (seeds/demo-governance.ts), the residents' service page and the quarterly
 * ratings (app/governance/service.server.ts, ratings.server.ts). The test template is seeded at its own clock
 * (tests/integration/global-setup.ts), the end-to-end server at 2026-03-02 09:00 +08:00. Instants in +08:00.
 */
const at = (s: string) => new Date(s);
const TEMPLATE_NOW = at("2026-01-05T10:00:00+08:00");
const TEMPLATE_DAY = "2026-01-05";
const E2E_DAY = "2026-03-02";

const ZHANG = { id: "usr_demo08", name: "张桂兰" }; // owner, 和平里一区
const WU = { id: "usr_demo09", name: "吴磊" }; // resident (tenant), 和平里一区
const QIAN = { id: "usr_demo12", name: "钱玉珍" }; // resident, 和平里二区
const ZHENG = { id: "usr_demo10", name: "郑海燕" }; // owner, 松林苑
const LI = { id: "usr_demo02", name: "李秀英" }; // street officer


/** The facts changeBasisProblem needs about a cited decision, from the stored result. */
async function decisionFacts(db: DbHandle["db"], decisionId: string, motionId: string): Promise<DecisionFacts> {
  const [d] = await db.select().from(decisions).where(eq(decisions.id, decisionId));
  const [m] = await db.select().from(decisionMotions).where(eq(decisionMotions.id, motionId));
  const passed = storedResult(d)?.motions.find((x) => x.id === m.key)?.passed ?? false;
  return { compoundId: d.compoundId, closed: d.status === "closed", category: m.category, passed };
}

async function ratingCounts() {
  const [r] = await h.db.select({ n: count() }).from(serviceRatings);
  const [a] = await h.db.select({ n: count() }).from(auditLog);
  return { ratings: Number(r.n), audit: Number(a.n) };
}

async function compound(id: string) {
  return { id, path: (await nodePath(h.db, id))! };
}

describe("the demo city's management models @models", () => {
  it("has all three models and the right provider, at the template's clock and at the end-to-end day", async () => {
    await expectDemoModels(h.db, TEMPLATE_DAY);
    await expectDemoModels(h.db, E2E_DAY);
  });

  it("和平里一区 has a history of two changes, each with a lawful basis, and contracts without overlap", async () => {
    const svc = await compoundService(h.db, "cp_hepingli1");
    // Unmanaged → quasi-property (the street's interim assignment) → property company (the owners' 2020 decision).
    expect(svc.history.map((p) => [p.from, p.model])).toEqual([["2016-06-01", "quasi_property"], ["2020-07-01", "property_company"]]);
    const rows = await h.db.select().from(managementPeriods).where(eq(managementPeriods.compoundId, "cp_hepingli1")).orderBy(asc(managementPeriods.fromDay));
    expect(rows[0]).toMatchObject({ basisKind: "interim_assignment", reviewOn: "2017-06-01", communityNodeId: "com_hepingli", quasiFeeFen: 30 });
    expect(changeBasisProblem({ compoundId: "cp_hepingli1", from: null, to: "quasi_property", effectiveOn: "2016-06-01" }, { kind: "interim_assignment", reason: rows[0].reason!, reviewOn: rows[0].reviewOn })).toBeNull();
    expect(rows[1]).toMatchObject({ basisKind: "decision", decisionId: "dec_demo_hpl1_2020" });
    const facts = await decisionFacts(h.db, rows[1].decisionId!, rows[1].motionId!);
    expect(facts).toEqual({ compoundId: "cp_hepingli1", closed: true, category: MANAGER_DECISION_CATEGORY, passed: true });
    expect(changeBasisProblem({ compoundId: "cp_hepingli1", from: "quasi_property", to: "property_company", effectiveOn: "2020-07-01" }, { kind: "decision", decision: facts })).toBeNull();
    const [dec] = await h.db.select().from(decisions).where(eq(decisions.id, "dec_demo_hpl1_2020"));
    expect(shanghaiDay(dec.closedAt!) < "2020-07-01").toBe(true);

    expect(svc.contracts.map((c) => [c.id, c.companyId, c.start, c.end])).toEqual([
      ["sc_demo_hpl1_2020", "co_jiangan", "2020-07-01", "2023-06-30"],
      ["sc_demo_hpl1_2023", "co_jiangan", "2023-07-01", addDays(TEMPLATE_DAY, 59)],
    ]);
    // The contract about to end warns 90 days ahead (at the seed's clock; at the end-to-end clock see below).
    expect(expiryWarning(svc.contracts[1].end, TEMPLATE_DAY)).toBe("within_90");
    // The day the first contract ends it is 江安物业's; the next day, under the second.
    expect(await responsibleForCompound(h.db, "cp_hepingli1", "billing", "2023-06-30")).toMatchObject({ contractId: "sc_demo_hpl1_2020" });
    expect(await responsibleForCompound(h.db, "cp_hepingli1", "billing", "2023-07-01")).toMatchObject({ contractId: "sc_demo_hpl1_2023" });
    expect(await responsibleForCompound(h.db, "cp_hepingli1", "maintenance", "2018-03-01")).toEqual({ kind: "community", nodeId: "com_hepingli" });
  });

  it("松林苑's owners decided not to renew 松林物业: a closed, passed category-4 decision about ten days old", async () => {
    const [d] = await h.db.select().from(decisions).where(eq(decisions.id, "dec_demo_songlin_exit"));
    expect(d).toMatchObject({ compoundId: "cp_songlin", status: "closed" });
    const ageDays = (TEMPLATE_NOW.getTime() - d.closedAt!.getTime()) / 86_400_000;
    expect(ageDays).toBeGreaterThan(5);
    expect(ageDays).toBeLessThan(15);
    const [m] = await h.db.select().from(decisionMotions).where(and(eq(decisionMotions.decisionId, d.id), eq(decisionMotions.category, MANAGER_DECISION_CATEGORY)));
    expect(m.title).toBe("关于不再续聘松林物业、实行业主自治的决定");
    const facts = await decisionFacts(h.db, d.id, m.id);
    expect(changeBasisProblem({ compoundId: "cp_songlin", from: "property_company", to: "self_governance", effectiveOn: addDays(TEMPLATE_DAY, 75) }, { kind: "decision", decision: facts })).toBeNull();
    const [c] = await h.db.select().from(serviceContracts).where(eq(serviceContracts.id, "sc_demo_songlin_2023"));
    expect(c.endDay).toBe(addDays(TEMPLATE_DAY, 74));
    // 冯建华 (committee member, an owner of 松林苑) and 邓磊 (松林物业's staff, a company grant).
    expect(await raterStanding(h.db, "cp_songlin", "usr_demo18", TEMPLATE_DAY)).toBe("owner");
    const [g] = await h.db.select().from(roleGrants).where(eq(roleGrants.userId, "usr_demo19"));
    expect(g).toMatchObject({ role: "property_staff", scopeKind: "company", companyId: "co_songlin", nodeId: null });
  });

  it("registers the three demo companies with valid credit codes", async () => {
    const rows = await h.db.select().from(propertyCompanies).where(eq(propertyCompanies.name, "江安物业服务有限公司"));
    expect(rows).toHaveLength(1);
    for (const id of ["co_jiangan", "co_songlin", "co_binjiang"]) {
      const [c] = await h.db.select().from(propertyCompanies).where(eq(propertyCompanies.id, id));
      expect(creditCodeProblem(c.creditCode)).toBeNull();
    }
    const party = Object.fromEntries((await h.db.select({ id: propertyCompanies.id, p: propertyCompanies.hasPartyOrg }).from(propertyCompanies)).map((c) => [c.id, c.p]));
    expect(party).toMatchObject({ co_jiangan: true, co_songlin: false, co_binjiang: true });
  });
});

describe("the residents' service page @models", () => {
  it("和平里一区: 江安物业 with its service phone, the contract's standards and fees, the warning", async () => {
    const p = await servicePage(h.db, await compound("cp_hepingli1"), ZHANG.id, TEMPLATE_NOW);
    expect(p.current).toMatchObject({ model: "property_company", fromDay: "2020-07-01", basisKind: "decision" });
    expect(p.billing).toMatchObject({ kind: "company", companyId: "co_jiangan", name: "江安物业服务有限公司", contactPhone: "0791-86123456", hasPartyOrg: true });
    expect(p.maintenance).toEqual(p.billing);
    expect(p.contract).toMatchObject({ id: "sc_demo_hpl1_2023", companyName: "江安物业服务有限公司", feeModel: "lump_sum", noticeDays: 60, expiry: "within_90" });
    expect(p.contract!.serviceLevel.urgentResponseHours).toBe(2);
    expect(p.fees.map((f) => [f.unitKind, f.item, f.basis, f.rateFen])).toEqual([
      ["dwelling", "property", "per_m2_month", 150],
      ["shop", "property", "per_m2_month", 300],
      ["parking", "parking", "per_unit_month", 15000],
    ]);
    // The property staff of the compound, phones masked.
    expect(p.contacts.map((c) => [c.role, c.name, c.phone])).toEqual([["property_staff", "刘强", "138****0007"]]);
    expect(p.upcoming).toBeNull();
    expect(p.rating).toMatchObject({ quarter: "2026-Q1", standing: "owner", mine: null, canRate: true });
  });

  it("和平里二区: the community at the subsidised fee; 纺织厂宿舍: the self-management committee and the community", async () => {
    const hpl2 = await servicePage(h.db, await compound("cp_hepingli2"), QIAN.id, TEMPLATE_NOW);
    expect(hpl2.current).toMatchObject({ model: "quasi_property", fromDay: "2024-01-01", basisKind: "interim_assignment", community: "和平里社区", quasiFeeFen: 50 });
    expect(hpl2.billing).toEqual({ kind: "community", nodeId: "com_hepingli", name: "和平里社区" });
    expect(hpl2.contract).toBeNull();
    expect(hpl2.fees).toEqual([{ unitKind: null, item: "property", basis: "per_m2_month", rateFen: 50, label: null }]);
    expect(hpl2.contacts.map((c) => c.role)).toEqual(["community_worker"]);
    expect(hpl2.rating.standing).toBe("resident");

    const fz = await servicePage(h.db, await compound("cp_fangzhi"), LI.id, TEMPLATE_NOW);
    expect(fz.current).toMatchObject({ model: "self_governance", selfBody: "self_management_committee", maintenanceBy: "community", moneyHolder: "自管会财务 刘桂芬" });
    expect(fz.billing).toEqual({ kind: "self_management_committee", moneyHolder: "自管会财务 刘桂芬" });
    expect(fz.maintenance).toEqual({ kind: "community", nodeId: "com_qingnian", name: "青年路社区" });
    expect(fz.fees).toEqual([]);
    expect(fz.rating).toMatchObject({ standing: null, canRate: false });

    const none = await servicePage(h.db, await compound("cp_qingnian"), LI.id, TEMPLATE_NOW);
    expect(none.current).toBeNull();
    expect(none.billing).toEqual({ kind: "none", reason: "NO_MODEL" });
  });

  it("shows a change scheduled for a later day", async () => {
    await h.db.insert(managementPeriods).values({
      id: "mp_test_hpl2_future", compoundId: "cp_hepingli2", model: "self_governance", fromDay: "2026-07-01", basisKind: "decision",
      decisionId: "dec_demo_hpl1_2020", motionId: (await h.db.select().from(decisionMotions).where(eq(decisionMotions.decisionId, "dec_demo_hpl1_2020")))[0].id,
      selfBody: "owners_committee", maintenanceBy: "body", createdAt: TEMPLATE_NOW,
    });
    const p = await servicePage(h.db, await compound("cp_hepingli2"), QIAN.id, TEMPLATE_NOW);
    expect(p.upcoming).toEqual({ model: "self_governance", fromDay: "2026-07-01" });
    expect(p.current?.model).toBe("quasi_property");
  });
});

describe("rating the service once a quarter @models", () => {
  const form = (values: Record<string, string>) => parseObject(RatingSchema, values);

  it("the form wants 1–5 stars; the comment is optional", () => {
    expect(form({ intent: "rate", stars: "4", comment: "  " })).toMatchObject({ ok: true, data: { stars: 4, comment: null } });
    expect(form({ intent: "rate", stars: "5", comment: "很好" })).toMatchObject({ ok: true, data: { stars: 5, comment: "很好" } });
    for (const stars of ["", "0", "6", "3.5", "x"]) expect(form({ intent: "rate", stars })).toMatchObject({ ok: false, errors: { stars: "governance.service.errors.starsRequired" } });
    expect(form({ intent: "rate" })).toMatchObject({ ok: false, errors: { stars: "governance.service.errors.starsRequired" } });
    expect(form({ intent: "rate", stars: "3", comment: "长".repeat(501) })).toMatchObject({ ok: false, errors: { comment: "errors.tooLong" } });
  });

  it("the seeded roll-up: past quarters only, this quarter left for people", async () => {
    const s = await compoundRatingSummary(h.db, "cp_hepingli1", TEMPLATE_DAY);
    expect(s.current).toEqual({ quarter: "2026-Q1", count: 0, averageTenths: null });
    expect(s.allTime).toEqual({ count: 11, averageTenths: 41 }); // 45 / 11 = 4.09
    expect(s.quarters).toEqual([
      { quarter: "2026-Q1", count: 0, averageTenths: null },
      { quarter: "2025-Q4", count: 3, averageTenths: 40 },
      { quarter: "2025-Q3", count: 3, averageTenths: 43 },
      { quarter: "2025-Q2", count: 3, averageTenths: 40 },
    ]);
    expect(await compoundRatingSummary(h.db, "cp_hepingli2", TEMPLATE_DAY)).toMatchObject({ allTime: { count: 0, averageTenths: null } });
  });

  it("an owner rates; a second rating in the same quarter is refused and writes nothing", async () => {
    const before = await ratingCounts();
    const r = await rateService(h.db, ZHANG, "cp_hepingli1", { intent: "rate", stars: 5, comment: "楼道灯修得快" }, TEMPLATE_NOW);
    expect(r).toMatchObject({ ok: true, quarter: "2026-Q1" });
    const [row] = await h.db.select().from(serviceRatings).where(eq(serviceRatings.id, (r as { id: string }).id));
    expect(row).toMatchObject({ compoundId: "cp_hepingli1", userId: ZHANG.id, quarter: "2026-Q1", stars: 5, comment: "楼道灯修得快", responsibleKind: "company", companyId: "co_jiangan" });
    const [audit] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "service.rate"), eq(auditLog.targetId, row.id)));
    expect(audit).toMatchObject({ actorId: ZHANG.id, targetKind: "service_rating" });
    expect(audit.scopePath).toContain("cp_hepingli1");
    expect(await ratingCounts()).toEqual({ ratings: before.ratings + 1, audit: before.audit + 1 });

    const mid = await ratingCounts();
    expect(await rateService(h.db, ZHANG, "cp_hepingli1", { intent: "rate", stars: 1, comment: null }, at("2026-03-01T20:00:00+08:00"))).toEqual({
      ok: false, errors: { _form: "governance.service.errors.alreadyRated" },
    });
    expect(await ratingCounts()).toEqual(mid);
    const page = await servicePage(h.db, await compound("cp_hepingli1"), ZHANG.id, TEMPLATE_NOW);
    expect(page.rating).toMatchObject({ canRate: false, mine: { stars: 5, comment: "楼道灯修得快" } });
  });

  it("a resident who does not own rates too; a stranger, an owner elsewhere and bad stars are refused", async () => {
    expect(await rateService(h.db, WU, "cp_hepingli1", { intent: "rate", stars: 4, comment: null }, TEMPLATE_NOW)).toMatchObject({ ok: true });
    const before = await ratingCounts();
    expect(await rateService(h.db, LI, "cp_hepingli1", { intent: "rate", stars: 4, comment: null }, TEMPLATE_NOW)).toEqual({ ok: false, errors: { _form: "governance.service.errors.notResident" } });
    expect(await rateService(h.db, ZHENG, "cp_hepingli1", { intent: "rate", stars: 4, comment: null }, TEMPLATE_NOW)).toEqual({ ok: false, errors: { _form: "governance.service.errors.notResident" } });
    expect(await rateService(h.db, ZHANG, "cp_songlin", { intent: "rate", stars: 4, comment: null }, TEMPLATE_NOW)).toEqual({ ok: false, errors: { _form: "governance.service.errors.notResident" } });
    for (const stars of [0, 6, 3.5]) expect(await rateService(h.db, ZHENG, "cp_songlin", { intent: "rate", stars, comment: null }, TEMPLATE_NOW)).toEqual({ ok: false, errors: { stars: "governance.service.errors.starsRequired" } });
    expect(await ratingCounts()).toEqual(before);
  });

  it("a resident who moved out is refused; one living there rates the community's service", async () => {
    await h.db.insert(residents).values({ id: "res_test_gone", compoundId: "cp_hepingli2", unitId: "unt_cp_hepingli2_5", name: "搬走的人", relation: "tenant", userId: LI.id, validFrom: "2020-01-01", validTo: "2025-12-31", createdAt: TEMPLATE_NOW });
    expect(await raterStanding(h.db, "cp_hepingli2", LI.id, "2025-12-30")).toBe("resident");
    expect(await raterStanding(h.db, "cp_hepingli2", LI.id, TEMPLATE_DAY)).toBeNull();
    expect(await rateService(h.db, LI, "cp_hepingli2", { intent: "rate", stars: 3, comment: null }, TEMPLATE_NOW)).toEqual({ ok: false, errors: { _form: "governance.service.errors.notResident" } });

    const r = await rateService(h.db, QIAN, "cp_hepingli2", { intent: "rate", stars: 4, comment: "社区服务很热心" }, TEMPLATE_NOW);
    expect(r).toMatchObject({ ok: true });
    const [row] = await h.db.select().from(serviceRatings).where(eq(serviceRatings.id, (r as { id: string }).id));
    expect(row).toMatchObject({ responsibleKind: "community", companyId: null });
  });

  it("nobody serving (the contract ended, no renewal recorded) refuses a rating; a new quarter opens a new one", async () => {
    const ended = addDays(TEMPLATE_DAY, 60); // the day after the contract's last day
    const when = at(`${ended}T10:00:00+08:00`);
    expect(await responsibleForCompound(h.db, "cp_hepingli1", "maintenance", ended)).toEqual({ kind: "none", reason: "NO_CONTRACT" });
    const before = await ratingCounts();
    expect(await rateService(h.db, ZHANG, "cp_hepingli1", { intent: "rate", stars: 2, comment: null }, at("2026-04-01T10:00:00+08:00"))).toEqual({ ok: false, errors: { _form: "governance.service.errors.nobodyServes" } });
    expect(await ratingCounts()).toEqual(before);
    const page = await servicePage(h.db, await compound("cp_hepingli1"), ZHANG.id, when);
    expect(page.billing).toEqual({ kind: "none", reason: "NO_CONTRACT" });
    expect(page.contract).toBeNull();
    // 松林苑's owner rates 松林物业 while its contract runs.
    expect(await rateService(h.db, ZHENG, "cp_songlin", { intent: "rate", stars: 2, comment: "服务不到位" }, at("2026-01-06T10:00:00+08:00"))).toMatchObject({ ok: true, quarter: "2026-Q1" });
    // 钱玉珍 rated 和平里二区 in the first quarter: its last minute is still that quarter, the next day a new one.
    expect(await rateService(h.db, QIAN, "cp_hepingli2", { intent: "rate", stars: 3, comment: null }, at("2026-03-31T23:59:00+08:00"))).toEqual({ ok: false, errors: { _form: "governance.service.errors.alreadyRated" } });
    expect(await rateService(h.db, QIAN, "cp_hepingli2", { intent: "rate", stars: 5, comment: null }, at("2026-04-01T00:01:00+08:00"))).toMatchObject({ ok: true, quarter: "2026-Q2" });
  });

  it("roll-ups per compound and per company, averages in tenths", async () => {
    const s = await compoundRatingSummary(h.db, "cp_hepingli1", TEMPLATE_DAY);
    expect(s.current).toEqual({ quarter: "2026-Q1", count: 2, averageTenths: 45 }); // 张桂兰 5, 吴磊 4
    expect(s.allTime).toEqual({ count: 13, averageTenths: 42 }); // 54 / 13 = 4.15
    const c = await companyRatingSummary(h.db, "co_jiangan", TEMPLATE_DAY);
    expect(c.current).toEqual(s.current);
    expect(c.allTime).toEqual(s.allTime);
    expect(c.quarters).toEqual(s.quarters);
    expect(c.byCompound).toEqual([{ compoundId: "cp_hepingli1", compoundName: "和平里一区", count: 13, averageTenths: 42 }]);
    // The community's service is rated in 和平里二区 but is no company's.
    const hpl2 = await compoundRatingSummary(h.db, "cp_hepingli2", "2026-04-02");
    expect(hpl2.allTime).toEqual({ count: 2, averageTenths: 45 });
    expect(hpl2.quarters.slice(0, 2)).toEqual([{ quarter: "2026-Q2", count: 1, averageTenths: 50 }, { quarter: "2026-Q1", count: 1, averageTenths: 40 }]);
    expect((await companyRatingSummary(h.db, "co_songlin", TEMPLATE_DAY)).allTime).toEqual({ count: 1, averageTenths: 20 });
    expect(await companyRatingSummary(h.db, "co_binjiang", TEMPLATE_DAY)).toMatchObject({ allTime: { count: 0, averageTenths: null }, byCompound: [] });
  });
});
