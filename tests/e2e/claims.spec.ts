import { expect, test } from "./fixtures";

test.describe("sign-up and claims", () => {
  test("@registry a new owner signs up, claims a unit, is verified, then sees their unit and the contacts", async ({ browser, asRole }) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const phone = `133${String(Date.now()).slice(-8)}`;
    await page.goto("/login");
    await page.getByRole("link", { name: "新业主注册" }).click();
    await page.getByLabel("姓名").fill("新业主测试");
    await page.getByLabel("手机号").fill(phone);
    await page.getByRole("button", { name: "获取验证码" }).click();
    await expect(page.getByRole("heading", { name: "确认手机号并设置密码" })).toBeVisible();
    const outbox = await ctx.newPage();
    await outbox.goto("/dev/outbox");
    const text = await outbox.getByText(phone).first().locator("..").textContent();
    const code = /验证码是 (\d{6})/.exec(text ?? "")![1];
    await page.getByLabel("手机号").fill(phone);
    await page.getByLabel("短信验证码（6 位数字）").fill(code);
    await page.getByLabel("新密码", { exact: true }).fill("my very first password");
    await page.getByLabel("再次输入新密码").fill("my very first password");
    await page.getByRole("button", { name: "设置新密码" }).click();
    await expect(page.getByText("账户已就绪，请登录。")).toBeVisible();
    await page.getByLabel("手机号").fill(phone);
    await page.getByLabel("密码").fill("my very first password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("link", { name: "认领我的房屋" }).click();
    await page.getByLabel("小区名称").fill("和平里二");
    await page.getByRole("button", { name: "查找小区" }).click();
    await page.getByRole("link", { name: "和平里二区" }).click();
    await page.getByLabel("楼栋").selectOption({ label: "2号楼" });
    await page.getByLabel("房号").fill("1单元102");
    await page.getByLabel("不动产权证号").fill("我填的证号");
    await page.getByRole("button", { name: "提交认领" }).click();
    await expect(page.getByText("待审核")).toBeVisible();
    // Until verified: the compound's public notices only; the compound pages answer 404.
    expect((await page.goto("/c/cp_hepingli2"))?.status()).toBe(404);

    const worker = await asRole("community_worker");
    await worker.goto("/c/cp_hepingli2/claims");
    const card = worker.getByRole("region", { name: "2号楼 1单元102" }).filter({ hasText: "新业主测试" });
    await expect(card.getByText("不一致，请核实")).toBeVisible();
    await card.getByRole("button", { name: "通过", exact: true }).click();
    await expect(worker.getByRole("region", { name: "2号楼 1单元102" }).filter({ hasText: "新业主测试" }).getByText("已通过")).toBeVisible();

    await page.goto("/");
    await expect(page).toHaveURL(/\/c\/cp_hepingli2$/);
    await page.getByRole("link", { name: "我的房屋" }).click();
    await expect(page.getByText("联系方式")).toBeVisible();
    await ctx.close();
  });
});
