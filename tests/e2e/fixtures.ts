import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { ACCOUNTS, apiLogin, stateFile } from "./accounts";

/**
 * `asRole(key)` gives a page signed in with that role's stored session; `login(phone)` a page signed in (by the
 * API) as that demo account, reading Chinese, `mobile` for a 375 px phone. CSP violations fail the test.
 */
export const test = base.extend<{ cspViolations: string[]; asRole: (key: string) => Promise<Page>; login: (phone: string, mobile?: boolean) => Promise<Page> }>({
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
  login: async ({ browser, baseURL }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (phone, mobile = false) => {
      const a = ACCOUNTS.find((x) => x.phone === phone);
      if (!a) throw new Error(`no demo account ${phone}`);
      const ctx = await browser.newContext(mobile ? { viewport: { width: 375, height: 812 } } : {});
      opened.push(ctx);
      await apiLogin(ctx.request, baseURL!, a);
      await ctx.request.post("/prefs", { form: { locale: "zh-CN" }, headers: { Origin: baseURL! }, maxRedirects: 0 });
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
