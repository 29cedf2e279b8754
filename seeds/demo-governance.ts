/**
 * The demo city's management models (rules.md §3), inserted directly with fixed ids. Absolute years for old
 * history; the contracts about to end and the ratings are dated from the demo clock (`now`):
 * - 和平里一区 (cp_hepingli1): two changes — 2016-06-01 community quasi-property by the street office's interim
 *   assignment, then 2020-07-01 江安物业 (co_jiangan) by the owners' 2020 decision (dec_demo_hpl1_2020, seeds/
 *   demo-decisions.ts); contracts 2020-07-01..2023-06-30 and 2023-07-01..now + 59 days (inside the 90-day
 *   warning; the renewal decided in dec_demo_closed is left for people to record); ratings in past quarters.
 * - 和平里二区 (cp_hepingli2): quasi-property by 和平里社区 since 2024-01-01 (interim assignment, 0.50 元/m²·月).
 * - 纺织厂宿舍 (cp_fangzhi): self-governance by a self-management committee since 2022-03-01, the community
 *   answering maintenance requests.
 * - 松林苑 (cp_songlin): 松林物业 (co_songlin) since 2015, its contract ending now + 74 days; the owners decided
 *   about ten days ago not to renew it and to manage the compound themselves (dec_demo_songlin_exit) — the
 *   change itself is left for the committee member 冯建华 to record, and 邓磊 (co_songlin staff) to hand over.
 * - 望江小区 (cp_wangjiang): 滨江物业 (co_binjiang) under a remuneration contract 2024–2027.
 * The other compounds have no model yet (unmanaged).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { compounds, contractFeeStandards, decisionMotions, managementPeriods, propertyCompanies, serviceContracts, serviceRatings, type ServiceLevel } from "~db/schema";
import { creditCheckCharacter, lastQuarters, MANAGER_DECISION_CATEGORY, quarterStart } from "~/governance/rules";
import { addDays, shanghaiDay, startOfDay, type Day } from "~/platform/days";

const HOUR = 3600_000;
/** 10:00 Asia/Shanghai of a day. */
const at10 = (day: Day) => new Date(startOfDay(day).getTime() + 10 * HOUR);
const code = (first17: string) => first17 + creditCheckCharacter(first17);

const LI = "usr_demo02"; // street officer, 和平街道
const HUANG = "usr_demo11"; // street officer, 松林街道
const CHEN = "usr_demo06"; // committee member, 和平里一区

export const DEMO_COMPANIES = [
  {
    id: "co_jiangan",
    name: "江安物业服务有限公司",
    creditCode: code("91360102MA35KQ7R2"),
    contactName: "刘强",
    contactPhone: "0791-86123456",
    address: "江安市东湖区和平路 8 号",
    qualificationNotes: "原物业服务企业二级资质；红色物业示范单位，设党支部。",
    hasPartyOrg: true,
  },
  {
    id: "co_songlin",
    name: "松林物业服务有限公司",
    creditCode: code("91360104MA38B4N6W"),
    contactName: "邓磊",
    contactPhone: "0791-88654321",
    address: "江安市西山区松林路 60 号",
    qualificationNotes: null,
    hasPartyOrg: false,
  },
  {
    id: "co_binjiang",
    name: "滨江物业管理有限公司",
    creditCode: code("913601027055213X8"),
    contactName: "钟红梅",
    contactPhone: "0791-86550088",
    address: "江安市东湖区滨江大道 188 号",
    qualificationNotes: "承接大型住宅小区，设党支部。",
    hasPartyOrg: true,
  },
] as const;

const LEVEL_JIANGAN: ServiceLevel = { cleaningPerWeek: 7, securityHoursPerDay: 24, greenery: "每月修剪两次，春秋两季补植", urgentResponseHours: 2, ordinaryResponseHours: 24 };
const LEVEL_SONGLIN: ServiceLevel = { cleaningPerWeek: 5, securityHoursPerDay: 16, greenery: "每季度修剪一次", urgentResponseHours: 4, ordinaryResponseHours: 48 };
const LEVEL_BINJIANG: ServiceLevel = { cleaningPerWeek: 14, securityHoursPerDay: 24, greenery: "专人养护，每周巡查", urgentResponseHours: 1, ordinaryResponseHours: 12 };

type Fee = { unitKind: "dwelling" | "shop" | "parking"; item: "property" | "parking" | "other"; basis: "per_m2_month" | "per_unit_month"; rateFen: number };
const FEES_JIANGAN: Fee[] = [
  { unitKind: "dwelling", item: "property", basis: "per_m2_month", rateFen: 150 },
  { unitKind: "shop", item: "property", basis: "per_m2_month", rateFen: 300 },
  { unitKind: "parking", item: "parking", basis: "per_unit_month", rateFen: 15000 },
];

/** The category-4 motion of a closed demo decision (seeds/demo-decisions.ts). */
async function managerMotion(db: Db, decisionId: string): Promise<string> {
  const [m] = await db.select({ id: decisionMotions.id }).from(decisionMotions).where(and(eq(decisionMotions.decisionId, decisionId), eq(decisionMotions.category, MANAGER_DECISION_CATEGORY)));
  if (!m) throw new Error(`demo governance: ${decisionId} has no category-4 motion`);
  return m.id;
}

export async function seedDemoGovernance(db: Db, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  await db.insert(propertyCompanies).values(
    DEMO_COMPANIES.map((c) => ({ ...c, partyOrgId: null, registeredBy: c.id === "co_songlin" ? HUANG : LI, createdAt: at10("2015-01-05"), updatedAt: at10("2015-01-05") })),
  );

  const hpl1Motion = await managerMotion(db, "dec_demo_hpl1_2020");
  await managerMotion(db, "dec_demo_songlin_exit"); // the e2e cites it; fail loudly if it went missing
  type Period = typeof managementPeriods.$inferInsert;
  const periods: Period[] = [
    {
      id: "mp_demo_hpl1_2016", compoundId: "cp_hepingli1", model: "quasi_property", fromDay: "2016-06-01", basisKind: "interim_assignment",
      reason: "老旧小区改造完成后无物业服务企业接管，街道临时安排和平里社区提供准物业服务。", reviewOn: "2017-06-01",
      communityNodeId: "com_hepingli", quasiFeeFen: 30, recordedBy: LI, createdAt: at10("2016-05-25"),
    },
    {
      id: "mp_demo_hpl1_2020", compoundId: "cp_hepingli1", model: "property_company", fromDay: "2020-07-01", basisKind: "decision",
      decisionId: "dec_demo_hpl1_2020", motionId: hpl1Motion, recordedBy: CHEN, createdAt: at10("2020-06-15"),
    },
    {
      id: "mp_demo_hpl2_2024", compoundId: "cp_hepingli2", model: "quasi_property", fromDay: "2024-01-01", basisKind: "interim_assignment",
      reason: "原物业服务企业撤出后小区无人管理，街道临时安排和平里社区提供准物业服务，待业主大会选定管理方式。", reviewOn: "2026-12-31",
      communityNodeId: "com_hepingli", quasiFeeFen: 50, recordedBy: LI, createdAt: at10("2023-12-20"),
    },
    {
      id: "mp_demo_fangzhi_2022", compoundId: "cp_fangzhi", model: "self_governance", fromDay: "2022-03-01", basisKind: "initial",
      reason: "纺织厂宿舍由业主自管会管理，报修由青年路社区受理。", selfBody: "self_management_committee", maintenanceBy: "community",
      moneyHolder: "自管会财务 刘桂芬", recordedBy: LI, createdAt: at10("2022-03-01"),
    },
    { id: "mp_demo_songlin_2015", compoundId: "cp_songlin", model: "property_company", fromDay: "2015-01-01", basisKind: "initial", recordedBy: HUANG, createdAt: at10("2015-01-05") },
    { id: "mp_demo_wangjiang_2019", compoundId: "cp_wangjiang", model: "property_company", fromDay: "2019-01-01", basisKind: "initial", recordedBy: LI, createdAt: at10("2019-01-02") },
  ];
  await db.insert(managementPeriods).values(periods);
  // The compound record's cached model follows the entry in force today.
  for (const [compoundId, model] of [["cp_hepingli1", "property_company"], ["cp_hepingli2", "quasi_property"], ["cp_fangzhi", "self_governance"], ["cp_songlin", "property_company"], ["cp_wangjiang", "property_company"]] as const) {
    await db.update(compounds).set({ managementModel: model }).where(eq(compounds.id, compoundId));
  }

  type Contract = typeof serviceContracts.$inferInsert & { fees: Fee[] };
  const contracts: Contract[] = [
    {
      id: "sc_demo_hpl1_2020", compoundId: "cp_hepingli1", companyId: "co_jiangan", startDay: "2020-07-01", endDay: "2023-06-30", feeModel: "lump_sum",
      noticeDays: 60, serviceLevel: LEVEL_JIANGAN, decisionId: "dec_demo_hpl1_2020", createdBy: CHEN, createdAt: at10("2020-06-20"), fees: FEES_JIANGAN,
    },
    {
      id: "sc_demo_hpl1_2023", compoundId: "cp_hepingli1", companyId: "co_jiangan", startDay: "2023-07-01", endDay: addDays(today, 59), feeModel: "lump_sum",
      noticeDays: 60, serviceLevel: LEVEL_JIANGAN, createdBy: CHEN, createdAt: at10("2023-06-20"), fees: FEES_JIANGAN,
    },
    {
      id: "sc_demo_songlin_2023", compoundId: "cp_songlin", companyId: "co_songlin", startDay: "2023-05-16", endDay: addDays(today, 74), feeModel: "lump_sum",
      noticeDays: 60, serviceLevel: LEVEL_SONGLIN, createdBy: HUANG, createdAt: at10("2023-05-10"),
      fees: [
        { unitKind: "dwelling", item: "property", basis: "per_m2_month", rateFen: 120 },
        { unitKind: "parking", item: "parking", basis: "per_unit_month", rateFen: 10000 },
      ],
    },
    {
      id: "sc_demo_wangjiang_2024", compoundId: "cp_wangjiang", companyId: "co_binjiang", startDay: "2024-01-01", endDay: "2027-12-31", feeModel: "remuneration",
      remunerationPerMille: 100, noticeDays: 90, serviceLevel: LEVEL_BINJIANG, createdBy: LI, createdAt: at10("2023-12-15"),
      fees: [
        { unitKind: "dwelling", item: "property", basis: "per_m2_month", rateFen: 180 },
        { unitKind: "shop", item: "property", basis: "per_m2_month", rateFen: 350 },
        { unitKind: "parking", item: "parking", basis: "per_unit_month", rateFen: 20000 },
      ],
    },
  ];
  await db.insert(serviceContracts).values(contracts.map(({ fees: _fees, ...c }) => c));
  await db.insert(contractFeeStandards).values(
    contracts.flatMap((c) => c.fees.map((f) => ({ id: `cfs_${c.id.slice(3)}_${f.unitKind}_${f.item}`, contractId: c.id, label: null, ...f }))),
  );

  // Ratings of 江安物业 in 和平里一区 in the four quarters before this one (this quarter is left for people).
  const [latest, earlier, earlier2, oldest] = lastQuarters(today, 5).slice(1);
  const RATINGS: [string, string, number, string | null][] = [
    [oldest, CHEN, 4, "保洁比以前及时多了。"],
    [oldest, "usr_demo08", 4, null],
    [earlier2, CHEN, 5, null],
    [earlier2, "usr_demo08", 3, "报修响应慢，水管漏水等了三天才来修。"],
    [earlier2, "usr_demo09", 4, "门卫态度很好。"],
    [earlier, CHEN, 4, null],
    [earlier, "usr_demo08", 4, "绿化修剪得整齐。"],
    [earlier, "usr_demo09", 5, null],
    [latest, CHEN, 4, "垃圾清运及时。"],
    [latest, "usr_demo08", 5, "楼道灯报修当天就修好了。"],
    [latest, "usr_demo09", 3, "夜间巡逻太少。"],
  ];
  await db.insert(serviceRatings).values(
    RATINGS.map(([quarter, userId, stars, comment], i) => ({
      id: `srt_demo_${String(i + 1).padStart(2, "0")}`, compoundId: "cp_hepingli1", userId, quarter, stars, comment,
      responsibleKind: "company", companyId: "co_jiangan", createdAt: at10(addDays(quarterStart(quarter), 20 + i)),
    })),
  );
}
