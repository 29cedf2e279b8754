import { expect } from "vitest";
import type { DbHandle } from "~db/client.server";
import { compounds } from "~db/schema";
import { responsibleForCompound } from "~/governance/lookup.server";

/** The demo city's management models on `day` (seeds/demo-governance.ts): who is responsible for what, and the cached model. */
export async function expectDemoModels(db: DbHandle["db"], day: string) {
  expect(await responsibleForCompound(db, "cp_hepingli1", "maintenance", day)).toEqual({ kind: "company", companyId: "co_jiangan", contractId: "sc_demo_hpl1_2023" });
  expect(await responsibleForCompound(db, "cp_hepingli1", "billing", day)).toMatchObject({ kind: "company", companyId: "co_jiangan" });
  expect(await responsibleForCompound(db, "cp_hepingli2", "maintenance", day)).toEqual({ kind: "community", nodeId: "com_hepingli" });
  expect(await responsibleForCompound(db, "cp_hepingli2", "billing", day)).toEqual({ kind: "community", nodeId: "com_hepingli" });
  expect(await responsibleForCompound(db, "cp_fangzhi", "billing", day)).toEqual({ kind: "self_management_committee" });
  expect(await responsibleForCompound(db, "cp_fangzhi", "public_income", day)).toEqual({ kind: "self_management_committee" });
  expect(await responsibleForCompound(db, "cp_fangzhi", "maintenance", day)).toEqual({ kind: "community", nodeId: "com_qingnian" });
  expect(await responsibleForCompound(db, "cp_songlin", "maintenance", day)).toEqual({ kind: "company", companyId: "co_songlin", contractId: "sc_demo_songlin_2023" });
  expect(await responsibleForCompound(db, "cp_wangjiang", "billing", day)).toEqual({ kind: "company", companyId: "co_binjiang", contractId: "sc_demo_wangjiang_2024" });
  expect(await responsibleForCompound(db, "cp_qingnian", "maintenance", day)).toEqual({ kind: "none", reason: "NO_MODEL" });
  // All three models are present, and the compound record's cached model agrees.
  const models = Object.fromEntries((await db.select({ id: compounds.id, m: compounds.managementModel }).from(compounds)).map((c) => [c.id, c.m]));
  expect(models).toMatchObject({ cp_hepingli1: "property_company", cp_hepingli2: "quasi_property", cp_fangzhi: "self_governance", cp_songlin: "property_company", cp_wangjiang: "property_company", cp_qingnian: "none" });
}
