import { expect, test } from "./fixtures";

const CP = "/c/cp_hepingli1";
const OPEN = `${CP}/decisions/dec_demo_open`;
/** A 1×1 PNG: the scan of a paper ballot. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test.describe("owners' decisions for everyone", () => {
  test("@decisions a committee member enters paper ballots until turnout crosses two thirds, and exports the door-to-door list", async ({ asRole }) => {
    test.setTimeout(120_000);
    const page = await asRole("committee_member");
    await page.goto(`${OPEN}/turnout`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("投票进度与扫楼");
    const m1 = page.locator('tr[data-motion="m1"]');
    await expect(m1).toContainText("未达三分之二");
    // The door-to-door list: masked contacts, a status saved, an Excel export.
    const first = page.getByRole("region", { name: "未投票名单" }).locator("tbody tr").first();
    await expect(page.getByRole("region", { name: "未投票名单" })).not.toContainText(/1[3-9]\d{9}/);
    await first.getByLabel("扫楼状态", { exact: true }).selectOption("will_vote");
    await first.getByRole("button", { name: /保存/ }).click();
    await expect(page.getByRole("region", { name: "未投票名单" }).locator("tbody tr").first().getByLabel("扫楼状态", { exact: true })).toHaveValue("will_vote");
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    // Paper ballots, one by one, until the first motion's participation reaches two thirds by heads and area.
    for (let i = 0; i < 60; i++) {
      await page.goto(`${OPEN}/paper`);
      const voter = page.getByLabel("或选择投票人");
      const options = await voter.locator("option").allTextContents();
      // Leave the demo owner 张桂兰 to vote on her phone in another test.
      const pick = options.findIndex((o, n) => n > 0 && !o.includes("张*兰"));
      await voter.selectOption({ index: pick });
      await page.getByRole("group", { name: /^1\./ }).getByLabel("同意").check();
      await page.getByLabel("选票扫描件（图片或 PDF）").setInputFiles({ name: "ballot.png", mimeType: "image/png", buffer: PNG });
      await page.getByRole("button", { name: "录入这张选票" }).click();
      await expect(page.getByText(/已录入，第 \d+ 张/)).toBeVisible();
      await page.goto(`${OPEN}/turnout`);
      if ((await m1.textContent())!.includes("已达三分之二")) break;
    }
    await expect(m1).toContainText("已达三分之二");
  });

  test("@decisions a paper ballot with an unknown code is refused and nothing is written", async ({ asRole }) => {
    const page = await asRole("committee_member");
    await page.goto(`${OPEN}/paper`);
    await page.getByLabel("选票编号").fill("ZZZZZ-ZZZZZ");
    await page.getByRole("group", { name: /^1\./ }).getByLabel("反对").check();
    await page.getByLabel("选票扫描件（图片或 PDF）").setInputFiles({ name: "ballot.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "录入这张选票" }).click();
    await expect(page.getByText("没有这个选票编号（或它属于别的会议）。")).toBeVisible();
  });

  test("@decisions an owner signs the petition that reaches 20% of area and headcount; the committee is told to convene", async ({ asRole }) => {
    const owner = await asRole("owner");
    await owner.goto(CP);
    await owner.getByRole("link", { name: "业主联名提议" }).click();
    await owner.getByRole("link", { name: /加装电梯/ }).click();
    await expect(owner.getByText("征集签名中")).toBeVisible();
    await owner.getByRole("button", { name: "签名支持" }).click();
    await expect(owner.getByText(/已达到法定人数和面积/)).toBeVisible();
    await expect(owner.getByText("您已签名。")).toBeVisible();
    // A second signature is not possible, and a resident (not an owner) cannot sign.
    await expect(owner.getByRole("button", { name: "签名支持" })).toHaveCount(0);
    const resident = await asRole("resident");
    await resident.goto(owner.url());
    await expect(resident.getByText("只有本小区的业主可以签名。")).toBeVisible();
    const committee = await asRole("committee_member");
    await committee.goto(CP);
    await expect(committee.getByRole("region", { name: "我的消息" })).toContainText("业主联名提议已达到法定要求");
    await expect(committee.getByText(/业主联名提议召开临时业主大会/).first()).toBeVisible();
  });
});
