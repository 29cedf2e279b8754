import { test as base, expect, type Page } from "@playwright/test";
import { stateFile } from "./accounts";

/** `asRole(key)` gives a page signed in with that role's stored session. CSP violations fail the test. */
export const test = base.extend<{ cspViolations: string[]; asRole: (key: string) => Promise<Page> }>({
  cspViolations: async ({ page }, use) => {
    const seen: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) seen.push(m.text());
    });
    await use(seen);
  },
  asRole: async ({ browser }, use) => {
    const opened: { close: () => Promise<void> }[] = [];
    await use(async (key: string) => {
      const ctx = await browser.newContext({ storageState: stateFile(key) });
      opened.push(ctx);
      const page = await ctx.newPage();
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) throw new Error(`CSP violation: ${m.text()}`);
      });
      return page;
    });
    for (const c of opened) await c.close();
  },
});
export { expect };
