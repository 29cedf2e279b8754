import fs from "node:fs";
import { expect, test } from "./fixtures";
import { verifyRecord } from "~/decisions/record";

const CP = "/c/cp_hepingli1";

test.describe("owners' decisions", () => {
  test("@decisions an owner votes on a 375 px phone: choices, a confirmation step, a receipt at once, no second ballot", async ({ asRole }) => {
    // The committee reminds those who have not voted; the reminder waits on the owner's compound page.
    const committee = await asRole("committee_member");
    await committee.goto(`${CP}/decisions/dec_demo_open/turnout`);
    await committee.getByRole("button", { name: "给未投票的业主发送站内提醒" }).click();
    await expect(committee.getByText(/已发送 \d+ 条提醒/)).toBeVisible();
    const page = await asRole("owner");
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(CP);
    await expect(page.getByRole("region", { name: "我的消息" })).toContainText("请参加投票");
    await page.getByRole("region", { name: "投票中" }).getByRole("link", { name: /停车管理规约/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("停车管理规约");
    // The threshold is stated in plain words.
    await expect(page.getByText("须经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意").first()).toBeVisible();
    await page.getByRole("link", { name: "投票", exact: true }).click();
    await expect(page.getByText(/谁能看到什么/)).toBeVisible();
    await page.getByRole("group", { name: /1\. 关于制定停车管理规约的决定/ }).getByLabel("同意").check();
    await page.getByRole("group", { name: /2\. 关于公共收益用于绿化补植的决定/ }).getByLabel("弃权").check();
    await page.getByRole("button", { name: "下一步：确认" }).click();
    await expect(page.getByRole("heading", { name: "请确认你的选择" })).toBeVisible();
    await expect(page.getByText("关于制定停车管理规约的决定: 同意")).toBeVisible();
    await page.getByRole("button", { name: "确认投票" }).click();
    const receipt = page.getByTestId("receipt");
    await expect(receipt).toHaveText(/投票回执：[0-9a-f]{16}/);
    const code = /([0-9a-f]{16})/.exec((await receipt.textContent())!)![1];
    // Back on the ballot page: already voted, with the same receipt; no form to vote again.
    await page.goto(page.url());
    await expect(page.getByText(`已投票，回执 ${code}`)).toBeVisible();
    await expect(page.getByRole("button", { name: "下一步：确认" })).toHaveCount(0);
    // Having voted, the reminder is gone.
    await page.goto(CP);
    await expect(page.getByText(/请参加投票/)).toHaveCount(0);
    // Nobody scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test("@decisions the closed decision: results agree with verify, and the owner finds her receipt in the downloaded record", async ({ asRole }) => {
    const page = await asRole("owner");
    await page.goto(`${CP}/decisions/dec_demo_closed`);
    await expect(page.getByRole("heading", { name: "表决结果" })).toBeVisible();
    const mine = await page.getByText(/已投票，回执 [0-9a-f]{16}/).first().textContent();
    const receipt = /([0-9a-f]{16})/.exec(mine!)![1];
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载表决记录（JSON）" }).click()]);
    const text = fs.readFileSync((await download.path())!, "utf8");
    const v = verifyRecord(text);
    if (v.exit === 2) throw new Error(v.message);
    expect(v.exit).toBe(0);
    const record = JSON.parse(text) as { ballots: { hash: string }[] };
    expect(record.ballots.some((b) => b.hash.startsWith(receipt))).toBe(true);
    await expect(page.getByText(`链尾哈希：${v.output.chainHead}`)).toBeVisible();
    for (const m of v.output.motions) {
      if (m.kind !== "question") continue;
      const row = page.locator(`tr[data-motion="${m.id}"]`);
      await expect(row.locator("td").nth(2)).toContainText(`${m.yes.heads} /`);
      await expect(row.locator("td").nth(3)).toContainText(`${m.no.heads} /`);
      await expect(row.locator("td").nth(7)).toHaveText(m.passed ? "通过" : "未通过");
    }
    // The owner may not download labels.json; the street office may.
    expect((await page.request.get(`${CP}/decisions/dec_demo_closed/labels`)).status()).toBe(404);
    const officer = await asRole("street_officer");
    const labels = await officer.request.get(`${CP}/decisions/dec_demo_closed/labels`);
    expect(labels.status()).toBe(200);
    expect(Object.keys(await labels.json()).every((k) => /^[uop]-[0-9a-f]{12}$/.test(k))).toBe(true);
    // No ballot after the close.
    await page.goto(`${CP}/decisions/dec_demo_closed/vote`);
    await expect(page.getByText("投票尚未开始或已经结束。")).toBeVisible();
  });

  test("@decisions bad input: a window under 5 days, and a ballot from someone not on the roll, are refused with a message", async ({ asRole }) => {
    const page = await asRole("committee_member");
    await page.goto(`${CP}/decisions/new`);
    await page.getByLabel("会议名称").fill("太短的投票期");
    await page.getByLabel("投票开始日期").fill("2026-04-01");
    await page.getByLabel("投票截止日期").fill("2026-04-03");
    await page.getByRole("button", { name: "发起业主大会会议" }).click();
    await expect(page.getByText("投票期太短：至少 5 日。")).toBeVisible();
    await expect(page).toHaveURL(/\/decisions\/new$/);
    // A resident who owns nothing cannot vote, even by posting the form.
    const resident = await asRole("resident");
    await resident.goto(`${CP}/decisions/dec_demo_open/vote`);
    await expect(resident.getByText(/你不在本次表决的名册中/)).toBeVisible();
    const res = await resident.request.post(`${CP}/decisions/dec_demo_open/vote`, {
      form: { intent: "confirm", voter: "o-000000000000", c_m1: "yes" },
      headers: { Origin: new URL(resident.url()).origin },
    });
    expect(res.status()).toBe(400);
  });
  test("@decisions a committee member drafts an election motion: seats, minimum, alternates and candidates one per line", async ({ asRole }) => {
    const committee = await asRole("committee_member");
    await committee.goto(`${CP}/decisions/new`);
    await committee.getByLabel("会议名称").fill("E2E 业主大会：选举业主委员会");
    await committee.getByLabel("投票开始日期").fill("2026-04-20");
    await committee.getByLabel("投票截止日期").fill("2026-04-30");
    await committee.getByRole("button", { name: "发起业主大会会议" }).click();
    await expect(committee.getByRole("heading", { level: 1 })).toContainText("选举业主委员会");
    await committee.getByRole("link", { name: "添加议题" }).click();
    await committee.getByLabel("议题类型").selectOption("election");
    await expect(committee.getByLabel("事项类别（民法典第278条）")).toHaveCount(0);
    await committee.getByLabel("议题名称").fill("选举第二届业主委员会");
    await committee.getByLabel("议题全文").fill("选举第二届业主委员会委员 5 名。");
    await committee.getByLabel("委员名额").fill("5");
    await committee.getByLabel("组成业委会的最少当选人数").fill("6");
    await committee.getByLabel("候补委员至多").fill("2");
    await committee.getByLabel("候选人，每行一名").fill("王建国\n李秀英\n张伟\n刘芳\n陈静\n杨磊");
    await committee.getByRole("button", { name: "添加议题" }).click();
    // More than the seats is refused next to the field.
    await expect(committee.getByText("须在 1 至委员名额之间。")).toBeVisible();
    await committee.getByLabel("组成业委会的最少当选人数").fill("3");
    await committee.getByRole("button", { name: "添加议题" }).click();
    await expect(committee.getByRole("heading", { level: 1 })).toContainText("选举业主委员会");
    await expect(committee.getByText("委员 5 名，当选不少于 3 名方可组成，候补至多 2 名")).toBeVisible();
    await expect(committee.getByTestId("candidates-m1").getByRole("listitem")).toHaveText(["王建国", "李秀英", "张伟", "刘芳", "陈静", "杨磊"]);
  });
});
