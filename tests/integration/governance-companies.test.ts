import { describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { areaNodes, auditLog, propertyCompanies, roleGrants, serviceContracts, serviceRatings, users } from "~db/schema";
import { createSession } from "~/auth/session.server";
import { loadActiveGrants, type Actor } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { CompanyListSchema, CompanySchema, CompanyUpdateSchema, StaffSchema } from "~/governance/company-schema";
import {
  addStaff,
  companyContracts,
  companyStaff,
  endStaff,
  getCompany,
  listCompanies,
  registerCompany,
  updateCompany,
} from "~/governance/companies.server";
import { creditCheckCharacter } from "~/governance/rules";
import { homeTargets } from "~/platform/home";
import { parseObject } from "~/ui/form.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * The register of property companies and company-scoped staff grants. The demo seed may hold companies of its
 * own: every assertion here looks only at the companies these tests register (credit codes 91360100…, names
 * starting 测试 / 分页). Contracts are inserted directly for 青年路小区 and 纺织厂宿舍 (和平街道). Instants in +08:00.
 */
const at = (s: string) => new Date(s);
const T0 = at("2026-03-01T10:00:00+08:00");

async function actorFor(phone: string, when = T0): Promise<Actor> {
  const user = (await h.db.select().from(users).where(eq(users.phone, phone)))[0];
  const { session } = await createSession(h.db, user.id, when);
  return { user, session, grants: await loadActiveGrants(h.db, user.id, when), ip: "127.0.0.1" };
}

/** A valid unified social credit code: "91360100" + 9 characters + the check character. */
function code(body9: string): string {
  const first17 = `91360100${body9}`;
  return first17 + creditCheckCharacter(first17);
}

const form = (extra: Record<string, string> = {}) => ({
  name: "测试物业服务有限公司",
  creditCode: code("MA3500001"),
  contactName: "程立",
  contactPhone: "13912345678",
  address: "江安市东湖区和平路 1 号",
  qualificationNotes: "",
  partyOrgId: "",
  ...extra,
});

async function counts() {
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
  return {
    companies: await n(h.db.select({ n: count() }).from(propertyCompanies)),
    grants: await n(h.db.select({ n: count() }).from(roleGrants)),
    users: await n(h.db.select({ n: count() }).from(users)),
    audit: await n(h.db.select({ n: count() }).from(auditLog)),
  };
}

async function pathOf(nodeId: string): Promise<string> {
  return (await h.db.select({ path: areaNodes.path }).from(areaNodes).where(eq(areaNodes.id, nodeId)))[0].path;
}

async function contract(id: string, companyId: string, compoundId: string, start: string, end: string, terminatedOn: string | null = null) {
  await h.db.insert(serviceContracts).values({
    id,
    compoundId,
    companyId,
    startDay: start,
    endDay: end,
    terminatedOn,
    feeModel: "lump_sum",
    noticeDays: 60,
    serviceLevel: { cleaningPerWeek: 7, securityHoursPerDay: 24, greenery: null, urgentResponseHours: 2, ordinaryResponseHours: 24 },
    createdAt: T0,
  });
}

let companyId = "";

describe("registering a property company @models", () => {
  it("refuses each kind of bad credit code next to the field, in the form schema and in the use-case; nothing written", async () => {
    const officer = await actorFor("13800000002");
    const before = await counts();
    const good = code("MA3500001");
    const cases: [string, string][] = [
      ["91360100MA35", "governance.errors.creditCodeLength"],
      [`${good.slice(0, 17)}${good[17]}0`, "governance.errors.creditCodeLength"],
      ["91360100MA350000I1", "governance.errors.creditCodeCharacter"],
      ["91A60100MA35000010", "governance.errors.creditCodeDivision"],
      [`${good.slice(0, 17)}${good[17] === "0" ? "1" : "0"}`, "governance.errors.creditCodeCheck"],
    ];
    for (const [bad, message] of cases) {
      const parsed = parseObject(CompanySchema, form({ creditCode: bad }));
      expect(parsed.ok ? null : parsed.errors).toEqual({ creditCode: message });
      const r = await registerCompany(h.db, officer, { ...(CompanySchema.parse(form())), creditCode: bad }, T0);
      expect(r).toEqual({ ok: false, errors: { creditCode: message } });
    }
    // Other fields: a service phone (mobile, landline or hotline), required names, a Party organisation without the flag.
    const p = parseObject(CompanySchema, form({ contactPhone: "12345", name: " ", partyOrgId: "po_industry_donghu" }));
    expect(p.ok ? null : p.errors).toEqual({ contactPhone: "governance.companies.errors.servicePhoneInvalid", name: "errors.required" });
    const noFlag = parseObject(CompanySchema, form({ partyOrgId: "po_industry_donghu" }));
    expect(noFlag.ok ? null : noFlag.errors).toEqual({ partyOrgId: "governance.companies.errors.partyOrgWithoutFlag" });
    const unknownOrg = await registerCompany(h.db, officer, CompanySchema.parse(form({ hasPartyOrg: "on", partyOrgId: "po_nope" })), T0);
    expect(unknownOrg).toEqual({ ok: false, errors: { partyOrgId: "governance.companies.errors.partyOrgNotFound" } });
    expect(await counts()).toEqual(before);
  });

  it("registers a company with its code normalised, audited with the phone masked", async () => {
    const officer = await actorFor("13800000002");
    const before = await counts();
    const typed = code("MA3500001").toLowerCase().replace(/(.{4})/g, "$1 ");
    const input = CompanySchema.parse(form({ creditCode: typed, hasPartyOrg: "on", partyOrgId: "po_industry_donghu" }));
    const r = await registerCompany(h.db, officer, input, T0);
    if (!r.ok) throw new Error(JSON.stringify(r));
    companyId = r.id;
    const c = (await getCompany(h.db, companyId))!;
    expect(c.creditCode).toBe(code("MA3500001"));
    expect(c).toMatchObject({ name: "测试物业服务有限公司", contactPhone: "13912345678", hasPartyOrg: true, partyOrgId: "po_industry_donghu", registeredBy: "usr_demo02", qualificationNotes: null });
    expect(c.partyOrgName).toBeTruthy();
    const after = await counts();
    expect(after.companies - before.companies).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    const [row] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "company.register"), eq(auditLog.targetId, companyId)));
    expect(row.scopePath).toBe(await pathOf("st_heping"));
    expect(JSON.stringify(row.after)).toContain("139****5678");
    expect(JSON.stringify(row.after)).not.toContain("13912345678");
  });

  it("refuses a duplicate code however it is typed; nothing written", async () => {
    const officer = await actorFor("13800000002");
    const before = await counts();
    const dup = await registerCompany(h.db, officer, CompanySchema.parse(form({ name: "另一家", creditCode: code("MA3500001").replace(/(.{6})/g, "$1-") })), T0);
    expect(dup).toEqual({ ok: false, errors: { creditCode: "governance.errors.creditCodeTaken" } });
    expect(await counts()).toEqual(before);
  });

  it("updates the details, keeping the phone when the field is left empty; a taken code is refused", async () => {
    const admin = await actorFor("13800000001");
    const other = await registerCompany(h.db, admin, CompanySchema.parse(form({ name: "测试第二物业有限公司", creditCode: code("MA3500002") })), T0);
    if (!other.ok) throw new Error(JSON.stringify(other));
    const before = await counts();
    const taken = await updateCompany(h.db, admin, companyId, CompanyUpdateSchema.parse(form({ creditCode: code("MA3500002"), contactPhone: "" })), T0);
    expect(taken).toEqual({ ok: false, errors: { creditCode: "governance.errors.creditCodeTaken" } });
    expect(await updateCompany(h.db, admin, "co_nope", CompanyUpdateSchema.parse(form({ contactPhone: "" })), T0)).toBeNull();
    expect(await counts()).toEqual(before);
    const input = CompanyUpdateSchema.parse(form({ name: "测试物业服务有限公司（更名）", contactPhone: "", qualificationNotes: "一级资质", address: "" }));
    expect(input.contactPhone).toBeUndefined();
    expect(await updateCompany(h.db, admin, companyId, input, at("2026-03-02T10:00:00+08:00"))).toEqual({ ok: true });
    const c = (await getCompany(h.db, companyId))!;
    expect(c).toMatchObject({ name: "测试物业服务有限公司（更名）", contactPhone: "13912345678", qualificationNotes: "一级资质", address: null, hasPartyOrg: false, partyOrgId: null });
    expect(c.updatedAt).toEqual(at("2026-03-02T10:00:00+08:00"));
    const [row] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "company.update"), eq(auditLog.targetId, companyId)));
    expect(row.scopePath).toBe(await pathOf("city_jiangan"));
    expect((row.before as Record<string, unknown>).name).toBe("测试物业服务有限公司");
    expect((row.after as Record<string, unknown>).name).toBe("测试物业服务有限公司（更名）");
    expect(JSON.stringify([row.before, row.after])).not.toContain("13912345678");
    expect(JSON.stringify(row.before)).toContain("139****5678");
    // Its own code again is no duplicate.
    expect(await updateCompany(h.db, admin, companyId, CompanyUpdateSchema.parse(form({ name: "测试物业服务有限公司", contactPhone: "13900000000" })), T0)).toEqual({ ok: true });
    expect((await getCompany(h.db, companyId))!.contactPhone).toBe("13900000000");
  });
});

describe("the register list @models", () => {
  it("pages, sorts and filters by name, credit code and Party organisation, counting compounds served today", async () => {
    const admin = await actorFor("13800000001");
    for (let i = 1; i <= 11; i++) {
      const r = await registerCompany(h.db, admin, CompanySchema.parse(form({ name: `分页物业${String(i).padStart(2, "0")}`, creditCode: code(`PG00000${String(i).padStart(2, "0")}`), hasPartyOrg: i % 2 ? "on" : "" })), T0);
      expect(r.ok).toBe(true);
    }
    const today = "2026-03-01";
    const page1 = await listCompanies(h.db, CompanyListSchema.parse({ q: "分页物业", size: "10" }), today);
    expect(page1.total).toBe(11);
    expect(page1.rows.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `分页物业${String(i + 1).padStart(2, "0")}`));
    const page2 = await listCompanies(h.db, CompanyListSchema.parse({ q: "分页物业", size: "10", page: "2" }), today);
    expect(page2.rows.map((r) => r.name)).toEqual(["分页物业11"]);
    const desc = await listCompanies(h.db, CompanyListSchema.parse({ q: "分页物业", sort: "name", dir: "desc", size: "10" }), today);
    expect(desc.rows[0].name).toBe("分页物业11");
    const withParty = await listCompanies(h.db, CompanyListSchema.parse({ q: "分页物业", party: "yes" }), today);
    expect(withParty.total).toBe(6);
    const without = await listCompanies(h.db, CompanyListSchema.parse({ q: "分页物业", party: "no" }), today);
    expect(without.total).toBe(5);
    // A fragment of the credit code, typed in lower case.
    const byCode = await listCompanies(h.db, CompanyListSchema.parse({ q: "pg0000007" }), today);
    expect(byCode.rows.map((r) => r.name)).toEqual(["分页物业07"]);
    // Wildcards are taken literally; nonsense parameters fall back to defaults.
    expect((await listCompanies(h.db, CompanyListSchema.parse({ q: "%" }), today)).total).toBe(0);
    const odd = CompanyListSchema.parse({ sort: "password", dir: "sideways", size: "7", page: "-1", party: "maybe" });
    expect(odd).toMatchObject({ sort: "name", dir: "asc", size: 25, page: 1, party: undefined });
    // Contact phones are masked; compounds served on the day are counted.
    await contract("sct_t_list1", companyId, "cp_qingnian", "2026-01-01", "2026-12-31");
    await contract("sct_t_list2", companyId, "cp_fangzhi", "2025-01-01", "2025-12-31");
    const mine = await listCompanies(h.db, CompanyListSchema.parse({ q: code("MA3500001") }), today);
    expect(mine.rows).toHaveLength(1);
    expect(mine.rows[0]).toMatchObject({ id: companyId, contactPhone: "139****0000", servingNow: 1 });
    const lastYear = await listCompanies(h.db, CompanyListSchema.parse({ q: code("MA3500001") }), "2025-06-01");
    expect(lastYear.rows[0].servingNow).toBe(1);
    const between = await listCompanies(h.db, CompanyListSchema.parse({ q: code("MA3500001") }), "2027-01-01");
    expect(between.rows[0].servingNow).toBe(0);
  });
});

describe("the company page @models", () => {
  it("splits the compounds served now, later and before, marking a contract ended early", async () => {
    await contract("sct_t_page1", companyId, "cp_xinhua", "2026-01-01", "2026-12-31", "2026-02-15");
    await contract("sct_t_page2", companyId, "cp_gongren", "2026-06-01", "2027-05-31");
    const c = await companyContracts(h.db, companyId, "2026-03-01");
    expect(c.serving.map((r) => [r.compoundId, r.compoundName])).toEqual([["cp_qingnian", "青年路小区"]]);
    expect(c.upcoming.map((r) => r.compoundId)).toEqual(["cp_gongren"]);
    expect(c.before.map((r) => [r.compoundId, r.endedEarly, r.terminatedOn])).toEqual([
      ["cp_xinhua", true, "2026-02-15"],
      ["cp_fangzhi", false, null],
    ]);
  });

  it("rolls up the residents' ratings of the company, all time, this quarter and per compound", async () => {
    const { companyRatingSummary } = await import("~/governance/ratings.server");
    const none = await companyRatingSummary(h.db, companyId, "2026-03-02");
    expect([none.allTime, none.current, none.byCompound]).toEqual([{ count: 0, averageTenths: null }, { quarter: "2026-Q1", count: 0, averageTenths: null }, []]);
    const rating = (id: string, userId: string, quarter: string, stars: number) => ({
      id, compoundId: "cp_qingnian", userId, quarter, stars, responsibleKind: "company", companyId, createdAt: T0,
    });
    await h.db.insert(serviceRatings).values([
      rating("srt_t1", "usr_demo05", "2025-Q4", 2),
      rating("srt_t2", "usr_demo05", "2026-Q1", 4),
      rating("srt_t3", "usr_demo08", "2026-Q1", 5),
      rating("srt_t4", "usr_demo12", "2026-Q1", 4),
    ]);
    // 15 / 4 = 3.75 → 3.8; 13 / 3 = 4.33 → 4.3.
    const r = await companyRatingSummary(h.db, companyId, "2026-03-02");
    expect([r.allTime, r.current]).toEqual([{ count: 4, averageTenths: 38 }, { quarter: "2026-Q1", count: 3, averageTenths: 43 }]);
    expect(r.byCompound).toEqual([{ compoundId: "cp_qingnian", compoundName: "青年路小区", count: 4, averageTenths: 38 }]);
  });
});

let staffGrant = "";
let newUserId = "";

describe("staff accounts @models", () => {
  it("grants an existing account; a second grant of the same person is refused, nothing written", async () => {
    const officer = await actorFor("13800000002");
    const before = await counts();
    const r = await addStaff(h.db, officer, companyId, StaffSchema.parse({ phone: "138 0000 0009", name: "任意" }), T0);
    if (!r || !r.ok) throw new Error(JSON.stringify(r));
    expect(r).toMatchObject({ created: false, userId: "usr_demo09" });
    staffGrant = r.grantId;
    const [g] = await h.db.select().from(roleGrants).where(eq(roleGrants.id, r.grantId));
    expect(g).toMatchObject({ userId: "usr_demo09", role: "property_staff", scopeKind: "company", companyId, nodeId: null, validFrom: T0, validTo: null, grantedBy: "usr_demo02" });
    const after = await counts();
    expect(after).toEqual({ ...before, grants: before.grants + 1, audit: before.audit + 1 });
    const [row] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "company.staff_add"), eq(auditLog.targetId, companyId)));
    expect(JSON.stringify(row.after)).toContain("138****0009");
    expect(JSON.stringify(row.after)).not.toContain("13800000009");
    // The name typed is not used for an existing account.
    expect((await h.db.select().from(users).where(eq(users.id, "usr_demo09")))[0].name).toBe("吴磊");
    const again = await addStaff(h.db, officer, companyId, { phone: "13800000009", name: "吴磊" }, T0);
    expect(again).toEqual({ ok: false, errors: { phone: "governance.companies.errors.alreadyStaff" } });
    expect(await addStaff(h.db, officer, "co_nope", { phone: "13800000009", name: "吴磊" }, T0)).toBeNull();
    const bad = parseObject(StaffSchema, { phone: "0571-123", name: "" });
    expect(bad.ok ? null : bad.errors).toEqual({ phone: "errors.phoneInvalid", name: "errors.required" });
    expect(await counts()).toEqual(after);
  });

  it("creates an account for a new phone the way user administration does (no password), audited", async () => {
    const officer = await actorFor("13800000002");
    const before = await counts();
    const r = await addStaff(h.db, officer, companyId, { phone: "13712340001", name: "物业新员工" }, T0);
    if (!r || !r.ok) throw new Error(JSON.stringify(r));
    expect(r.created).toBe(true);
    newUserId = r.userId;
    const [u] = await h.db.select().from(users).where(eq(users.id, r.userId));
    expect(u).toMatchObject({ name: "物业新员工", phone: "13712340001", passwordHash: null, accountNo: null, disabledAt: null });
    const after = await counts();
    expect(after).toEqual({ companies: before.companies, users: before.users + 1, grants: before.grants + 1, audit: before.audit + 2 });
    const created = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "user.create"), eq(auditLog.targetId, r.userId)));
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created[0].after)).toContain("137****0001");
    const staff = await companyStaff(h.db, companyId, T0);
    expect(staff.map((s) => [s.name, s.phone, s.inForce])).toEqual(
      expect.arrayContaining([
        ["吴磊", "138****0009", true],
        ["物业新员工", "137****0001", true],
      ]),
    );
  });

  it("ends a staff grant: the row stays with its end set to now; another company's grant is not found", async () => {
    const officer = await actorFor("13800000002");
    const T1 = at("2026-03-05T09:00:00+08:00");
    const list = await listCompanies(h.db, CompanyListSchema.parse({ q: code("MA3500002") }), "2026-03-01");
    const otherCompany = list.rows[0].id;
    const before = await counts();
    expect(await endStaff(h.db, officer, otherCompany, staffGrant, T1)).toBe(false);
    expect(await endStaff(h.db, officer, companyId, "grt_nope", T1)).toBe(false);
    expect(await counts()).toEqual(before);
    expect(await endStaff(h.db, officer, companyId, staffGrant, T1)).toBe(true);
    const [g] = await h.db.select().from(roleGrants).where(eq(roleGrants.id, staffGrant));
    expect(g.validTo).toEqual(T1);
    const after = await counts();
    expect(after).toEqual({ ...before, audit: before.audit + 1 });
    const [row] = await h.db.select().from(auditLog).where(eq(auditLog.action, "company.staff_end"));
    expect(row.targetId).toBe(companyId);
    // Ending it again changes nothing.
    expect(await endStaff(h.db, officer, companyId, staffGrant, at("2026-03-06T09:00:00+08:00"))).toBe(true);
    expect(await counts()).toEqual(after);
    const staff = await companyStaff(h.db, companyId, T1);
    expect(staff.find((s) => s.grantId === staffGrant)).toMatchObject({ inForce: false, until: T1.toISOString() });
    expect(staff[0].inForce).toBe(true);
    expect(await loadActiveGrants(h.db, "usr_demo09", T1)).not.toContainEqual(expect.objectContaining({ id: staffGrant }));
  });
});

describe("company-scoped grants follow the contracts @models", () => {
  it("reach a compound the company serves through its last day, not the next day, and no other compound", async () => {
    const admin = await actorFor("13800000001");
    const co = await registerCompany(h.db, admin, CompanySchema.parse(form({ name: "测试范围物业有限公司", creditCode: code("TC0000001") })), T0);
    if (!co.ok) throw new Error(JSON.stringify(co));
    const r = await addStaff(h.db, admin, co.id, { phone: "13712340002", name: "范围员工" }, at("2025-12-01T10:00:00+08:00"));
    if (!r || !r.ok) throw new Error(JSON.stringify(r));
    await contract("sct_t_scope", co.id, "cp_wangjiang", "2026-01-01", "2026-06-30");
    const wangjiang = await pathOf("cp_wangjiang");
    const yuanlin = await pathOf("cp_yuanlin");
    const grantsAt = (s: string) => loadActiveGrants(h.db, r.userId, at(s));

    const before = await grantsAt("2025-12-31T23:59:59+08:00");
    expect(can(before, "compound:view", wangjiang)).toBe(false);
    const first = await grantsAt("2026-01-01T00:00:00+08:00");
    expect(can(first, "compound:view", wangjiang)).toBe(true);
    const last = await grantsAt("2026-06-30T23:59:59+08:00");
    expect(last.map((g) => [g.role, g.scopeKind, g.nodeId, g.nodeKind])).toEqual([["property_staff", "company", "cp_wangjiang", "compound"]]);
    expect(can(last, "compound:view", wangjiang)).toBe(true);
    expect(can(last, "contract:view", wangjiang)).toBe(true);
    expect(can(last, "registry:manage", wangjiang)).toBe(false);
    expect(can(last, "compound:view", yuanlin)).toBe(false);
    expect(can(last, "area:view", await pathOf("st_binjiang"))).toBe(false);
    const next = await grantsAt("2026-07-01T00:00:00+08:00");
    expect(next).toEqual([]);
    expect(can(next, "compound:view", wangjiang)).toBe(false);
    // A single compound is the staff member's home.
    expect(homeTargets(last).map((t) => t.href)).toEqual(["/c/cp_wangjiang"]);
  });

  it("an early termination ends access after the termination day; several compounds give several homes", async () => {
    const admin = await actorFor("13800000001");
    const co = await registerCompany(h.db, admin, CompanySchema.parse(form({ name: "测试多区物业有限公司", creditCode: code("TC0000002") })), T0);
    if (!co.ok) throw new Error(JSON.stringify(co));
    const r = await addStaff(h.db, admin, co.id, { phone: "13712340003", name: "多区员工" }, T0);
    if (!r || !r.ok) throw new Error(JSON.stringify(r));
    await contract("sct_t_multi1", co.id, "cp_yuanlin", "2026-01-01", "2026-12-31", "2026-04-15");
    await contract("sct_t_multi2", co.id, "cp_xinhua2", "2026-02-01", "2027-01-31");
    const yuanlin = await pathOf("cp_yuanlin");
    const grants = await loadActiveGrants(h.db, r.userId, at("2026-04-15T20:00:00+08:00"));
    expect(can(grants, "compound:view", yuanlin)).toBe(true);
    const homes = homeTargets(grants);
    expect(homes.map((x) => x.href).sort()).toEqual(["/c/cp_xinhua2", "/c/cp_yuanlin"]);
    expect(homes.every((x) => x.nodeKind === "compound" && x.roles.join() === "property_staff")).toBe(true);
    const after = await loadActiveGrants(h.db, r.userId, at("2026-04-16T00:00:00+08:00"));
    expect(can(after, "compound:view", yuanlin)).toBe(false);
    expect(after.map((g) => g.nodeId)).toEqual(["cp_xinhua2"]);
    // The first staff member's grant ended: nothing, although the company serves 青年路小区.
    expect(await loadActiveGrants(h.db, "usr_demo09", at("2026-04-01T10:00:00+08:00"))).not.toContainEqual(expect.objectContaining({ scopeKind: "company" }));
    // The new staff member of the first company still reaches 青年路小区.
    const fresh = await loadActiveGrants(h.db, newUserId, at("2026-04-01T10:00:00+08:00"));
    expect(fresh.map((g) => g.nodeId)).toEqual(["cp_qingnian"]);
  });
});
