import fs from "node:fs";
import { account, apiLogin } from "./accounts";
import { expect, test } from "./fixtures";

test.describe("language, large text, phone and keyboard", () => {
  test("@platform the language is remembered before login and saved per user", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
    // Signed in, the choice is stored on the user: a fresh browser gets it at login.
    const a = account("committee_member");
    await page.getByLabel("Mobile number").fill(a.phone);
    await page.getByLabel("Password").fill(a.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/c\/cp_hepingli1$/);
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.getByText("您在本小区的身份")).toBeVisible();
    const fresh = await browser.newContext();
    await apiLogin(fresh.request, baseURL!, a);
    const p2 = await fresh.newPage();
    await p2.goto("/c/cp_hepingli1");
    await expect(p2.getByText("您在本小区的身份")).toBeVisible();
    await p2.getByRole("button", { name: "English" }).click();
    await expect(p2.getByText("Your roles here")).toBeVisible();
    await fresh.close();
    await ctx.close();
  });

  test("@platform large-text mode scales the page", async ({ page }) => {
    await page.goto("/login");
    const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    await page.getByRole("button", { name: "大字模式" }).click();
    await expect(page.locator("html")).toHaveClass(/large-text/);
    const after = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
    await expect(page.getByRole("button", { name: "大字模式" })).toHaveAttribute("aria-pressed", "true");
  });

  test("@platform pages fit a 375 px phone", async ({ asRole }) => {
    const page = await asRole("street_officer");
    await page.setViewportSize({ width: 375, height: 740 });
    for (const url of ["/area/st_heping", "/c/cp_hepingli1", "/area/st_heping/audit", "/admin/users", "/account"]) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
    }
  });

  test("@platform the login works by keyboard alone, from the skip link", async ({ page }) => {
    const a = account("resident");
    await page.goto("/login");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "跳到主要内容" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.getByLabel("手机号").focus();
    await page.keyboard.type(a.phone);
    await page.keyboard.press("Tab");
    await page.keyboard.type(a.password);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/c\/cp_hepingli1$/);
  });
});

test.describe("audit log", () => {
  test("@platform a street officer filters the audit log of the street and exports it", async ({ asRole }) => {
    const page = await asRole("street_officer");
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/area\/st_heping\/audit$/);
    await page.getByLabel("操作（前缀）").fill("demo.");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/what=demo\./);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 CSV" }).click()]);
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.split("\n")[0]).toContain("at,who,action,result");
  });

  test("@platform the city administrator sees sign-ins; a street officer of another street cannot open this street's log", async ({ asRole }) => {
    const admin = await asRole("city_admin");
    await admin.goto("/audit");
    await expect(admin).toHaveURL(/\/area\/city_jiangan\/audit$/);
    await admin.getByLabel("操作（前缀）").fill("auth.login");
    await admin.getByRole("button", { name: "筛选" }).click();
    await expect(admin.getByRole("cell", { name: "auth.login" }).first()).toBeVisible();
    const other = await asRole("street_officer:other");
    const res = await other.goto("/area/st_heping/audit");
    expect(res?.status()).toBe(404);
  });
});

test.describe("users and roles", () => {
  test("@platform a street officer creates a user, grants and ends a role, and reveals a phone with the password", async ({ asRole }) => {
    const page = await asRole("street_officer");
    const phone = `137${String(Date.now()).slice(-8)}`;
    await page.goto("/admin/users/new");
    await page.getByRole("button", { name: "创建" }).click();
    await expect(page.getByText("此项必填。").first()).toBeVisible();
    await page.getByLabel("姓名").fill("测试业主");
    await page.getByLabel("手机号").fill(phone);
    await page.getByLabel("角色").selectOption("owner");
    await page.getByLabel("范围").selectOption("cp_hepingli2");
    await page.getByRole("button", { name: "创建" }).click();
    await expect(page.getByText("用户已创建")).toBeVisible();
    await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(-4)}`)).toBeVisible();
    const reveal = page.getByRole("form", { name: "查看完整手机号" });
    await reveal.getByLabel("请输入您的密码").fill("not my password");
    await reveal.getByRole("button", { name: "查看完整手机号" }).click();
    await expect(page.getByText("密码不正确。")).toBeVisible();
    await reveal.getByLabel("请输入您的密码").fill("gongzhi-demo");
    await reveal.getByRole("button", { name: "查看完整手机号" }).click();
    await expect(page.getByText(phone, { exact: true })).toBeVisible();
    await page.getByLabel("角色").selectOption("resident");
    await page.getByLabel("范围").selectOption("cp_hepingli1");
    await page.getByRole("button", { name: "授予角色" }).click();
    await expect(page.getByText("角色已授予。")).toBeVisible();
    await page.getByRole("button", { name: /终止 和平里一区 的住户授权/ }).click();
    await expect(page.getByText("无效")).toBeVisible();
    await page.goto(`/admin/users?q=${phone}`);
    await expect(page.getByRole("link", { name: "测试业主" })).toBeVisible();
  });
});
