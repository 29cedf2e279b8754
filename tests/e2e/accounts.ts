import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export type DemoAccount = { role: string; phone: string; password: string; name: string; scope: { kind: string; id: string }; compoundId?: string };
export const ACCOUNTS: DemoAccount[] = JSON.parse(fs.readFileSync(path.resolve("seeds/demo-accounts.json"), "utf8"));

/** Stored sessions: one per role (the first account of each role), plus the "other" owner and street officer. */
export const AUTH_DIR = path.resolve("tests/.tmp/e2e-auth");
export function account(key: string): DemoAccount {
  const [role, which] = key.split(":");
  const list = ACCOUNTS.filter((a) => a.role === role);
  const a = which === "other" ? list[1] : list[0];
  if (!a) throw new Error(`no demo account ${key}`);
  return a;
}
export function stateFile(key: string): string {
  return path.join(AUTH_DIR, `${key.replace(":", "-")}.json`);
}
export const STORED_KEYS = [
  "city_admin", "street_officer", "street_officer:other", "community_worker", "party_reviewer", "prep_group_member",
  "committee_member", "property_staff", "owner", "owner:other", "resident",
];

/** Log in through the API (POST /login, as a same-origin form would). Only the login tests use the form. */
export async function apiLogin(request: APIRequestContext, baseURL: string, a: DemoAccount): Promise<void> {
  const res = await request.post("/login", {
    form: { phone: a.phone, password: a.password },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  if (res.status() !== 303) throw new Error(`login of ${a.phone} answered ${res.status()}`);
}
