import fs from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import { account, apiLogin, AUTH_DIR, STORED_KEYS, stateFile } from "./accounts";

// Log in once per role and keep the session for every test (no test repeats the login form but the login tests).
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!;
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  for (const key of STORED_KEYS) {
    const ctx = await request.newContext({ baseURL });
    await apiLogin(ctx, baseURL, account(key));
    await ctx.storageState({ path: stateFile(key) });
    await ctx.dispose();
  }
}
