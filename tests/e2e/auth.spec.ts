import { account } from "./accounts";
import { expect, test } from "./fixtures";

test.describe("login and sessions", () => {
  test("@platform a street officer logs in with the form and lands on their street", async ({ page, cspViolations }) => {
    const a = account("street_officer");
    await page.goto("/login");
    await page.getByLabel("手机号").fill(a.phone);
    await page.getByLabel("密码").fill(a.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/area\/st_heping$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("和平街道");
    expect(cspViolations).toEqual([]);
  });

  test("@platform a wrong password and an unknown phone get the same message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("手机号").fill("13800000001");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    const wrong = await page.getByRole("alert").first().textContent();
    await page.getByLabel("手机号").fill("13911112222");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").first()).toHaveText(wrong!);
    expect(wrong).toContain("手机号或密码不正确");
  });

  test("@platform malformed input gets a field error next to the field", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("手机号").fill("1@#");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入 11 位手机号或账户号。")).toBeVisible();
    await expect(page.getByText("此项必填。")).toBeVisible();
  });

  test("@platform the sixth attempt within 15 minutes is refused with a clear message", async ({ page }) => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    await page.goto("/login");
    const attempt = async (pw: string) => {
      await page.getByLabel("手机号").fill(phone);
      await page.getByLabel("密码").fill(pw);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/login") && r.request().method() === "POST"),
        page.getByRole("button", { name: "登录" }).click(),
      ]);
    };
    for (let i = 0; i < 5; i++) {
      await attempt(`wrong-password-${i}`);
      await expect(page.getByRole("alert").first()).toContainText("手机号或密码不正确");
    }
    await attempt("wrong-password-6");
    await expect(page.getByRole("alert").first()).toContainText("15 分钟后再试");
  });

  test("@platform logging out ends the session: the old cookie is refused", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const a = account("property_staff");
    await page.goto("/login");
    await page.getByLabel("手机号").fill(a.phone);
    await page.getByLabel("密码").fill(a.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/c\/cp_hepingli1$/);
    const cookies = await ctx.cookies();
    await page.getByRole("button", { name: /退出/ }).click();
    await expect(page).toHaveURL(/\/login$/);
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const res = await replay.request.get(`${baseURL}/c/cp_hepingli1`, { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(res.headers()["location"]).toContain("/login");
    await replay.close();
    await ctx.close();
  });

  test("@platform a forgotten password is reset with the SMS code from the demo outbox", async ({ page }) => {
    const a = account("resident:other"); // no other test uses this account's sessions
    await page.goto("/forgot");
    await page.getByLabel("手机号").fill(a.phone);
    await page.getByRole("button", { name: "发送验证码" }).click();
    await expect(page).toHaveURL(/\/reset\?sent=1/);
    await page.goto("/dev/outbox");
    const body = await page.getByText(a.phone).first().locator("..").textContent();
    const code = /验证码是 (\d{6})/.exec(body ?? "")![1];
    await page.goto("/reset");
    await page.getByLabel("手机号").fill(a.phone);
    await page.getByLabel("短信验证码（6 位数字）").fill(code);
    await page.getByLabel("新密码", { exact: true }).fill("a new password for the reviewer");
    await page.getByLabel("再次输入新密码").fill("a new password for the reviewer");
    await page.getByRole("button", { name: "设置新密码" }).click();
    await expect(page).toHaveURL(/\/login\?reset=1/);
    await page.getByLabel("手机号").fill(a.phone);
    await page.getByLabel("密码").fill("a new password for the reviewer");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/c\/cp_hepingli2$/);
  });

  test("@platform a safe redirect after login: only same-site paths", async ({ browser }) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const a = account("community_worker");
    await page.goto("/login?next=//evil.example/x");
    await page.getByLabel("手机号").fill(a.phone);
    await page.getByLabel("密码").fill(a.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/area\/com_hepingli$/);
    await ctx.close();
  });
});
