import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { account, apiLogin } from "./accounts";
import { advanceClock } from "./clock";
import { verifyRecord } from "~/decisions/record";

// A whole owners' assembly meeting across four weeks of the demo clock. Moving the clock expires the stored
// sessions (7 days idle), so each step logs in afresh. Runs in the clock project, after every other test.
const CP = "/c/cp_hepingli1";
/** A 1×1 PNG: the scan of a paper ballot. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function fresh(browser: Browser, baseURL: string, key: string, phone = false): Promise<Page> {
  const ctx = await browser.newContext(phone ? { viewport: { width: 375, height: 812 } } : {});
  await apiLogin(ctx.request, baseURL, account(key));
  // Another test leaves the committee member's saved language on English: this one reads Chinese.
  await ctx.request.post("/prefs", { form: { locale: "zh-CN" }, headers: { Origin: baseURL }, maxRedirects: 0 });
  return ctx.newPage();
}

async function moveClock(browser: Browser, baseURL: string, days: number) {
  const admin = await fresh(browser, baseURL, "city_admin");
  await advanceClock(admin, days);
  await admin.context().close();
}

test("@decisions a committee member runs a whole meeting: draft → notice → objection → voting → close → results that verify", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  // Draft, with an opening date too early for 15 days' notice.
  const committee = await fresh(browser, baseURL!, "committee_member");
  await committee.goto(`${CP}/decisions/new`);
  await committee.getByLabel("会议名称").fill("E2E 业主大会：更换电梯维保单位");
  await committee.getByLabel("投票开始日期").fill("2026-03-10");
  await committee.getByLabel("投票截止日期").fill("2026-03-24");
  await committee.getByRole("button", { name: "发起业主大会会议" }).click();
  await expect(committee.getByRole("heading", { level: 1 })).toContainText("更换电梯维保单位");
  const hub = committee.url();
  await committee.getByRole("link", { name: "添加议题" }).click();
  await committee.getByLabel("议题名称").fill("关于更换电梯维保单位的决定");
  await committee.getByLabel("事项类别（民法典第278条）").selectOption("4");
  await expect(committee.getByText("须经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意")).toBeVisible();
  await committee.getByLabel("议题全文").fill("解聘现电梯维保单位，改聘江安电梯工程有限公司，年费不变。");
  await committee.getByRole("button", { name: "添加议题" }).click();
  await committee.getByRole("button", { name: "发布会议公告" }).click();
  await expect(committee.getByText(/公告期不足 15 日/)).toBeVisible();
  await expect(committee.getByText(/最早可开始投票/).first()).toBeVisible();
  await committee.getByRole("link", { name: "修改会议信息" }).click();
  await committee.getByLabel("投票开始日期").fill("2026-03-18");
  await committee.getByRole("button", { name: "修改会议信息" }).click();
  await committee.getByRole("button", { name: "发布会议公告" }).click();
  await expect(committee.getByRole("heading", { level: 1 })).toContainText("已公告");

  // An owner objects to the draft roll; the organiser answers before voting opens.
  const owner = await fresh(browser, baseURL!, "owner", true);
  await owner.goto(hub);
  await owner.getByRole("link", { name: "表决名册" }).click();
  await expect(owner.getByRole("heading", { name: "我的房屋在名册中的记录" })).toBeVisible();
  await owner.getByLabel("异议类型").selectOption("area");
  await owner.getByLabel("说明").fill("产权证面积是 86.40 平方米");
  await owner.getByRole("button", { name: "提出异议" }).click();
  await expect(owner.getByText("待答复")).toBeVisible();
  await committee.goto(hub);
  await committee.getByRole("button", { name: "开始投票（冻结名册）" }).click();
  await expect(committee.getByText("还不能开始投票").or(committee.getByText("还有未答复的名册异议。")).first()).toBeVisible();
  await committee.getByRole("link", { name: "表决名册" }).click();
  await committee.getByLabel("处理结果").selectOption("rejected");
  await committee.getByLabel("答复").fill("经核对登记簿，面积无误。");
  await committee.getByRole("button", { name: "提交答复" }).click();
  await expect(committee.getByText("不予更正")).toBeVisible();
  await committee.context().close();
  await owner.context().close();

  // 16 days later: the notice period is over; voting opens, the roll freezes and the genesis is posted.
  await moveClock(browser, baseURL!, 16);
  const c2 = await fresh(browser, baseURL!, "committee_member");
  await c2.goto(hub);
  await c2.getByRole("button", { name: "开始投票（冻结名册）" }).click();
  await expect(c2.getByRole("heading", { level: 1 })).toContainText("投票中");
  await expect(c2.getByText(/创世哈希：[0-9a-f]{64}/)).toBeVisible();

  const o2 = await fresh(browser, baseURL!, "owner", true);
  await o2.goto(hub);
  await o2.getByRole("link", { name: "投票", exact: true }).click();
  await o2.getByLabel("同意").check();
  await o2.getByRole("button", { name: "下一步：确认" }).click();
  await o2.getByRole("button", { name: "确认投票" }).click();
  const receipt = /([0-9a-f]{16})/.exec((await o2.getByTestId("receipt").textContent())!)![1];
  await o2.context().close();

  // After the close, during the counting period: a paper ballot handed in before the close is entered.
  await moveClock(browser, baseURL!, 7);
  const c3 = await fresh(browser, baseURL!, "committee_member");
  await c3.goto(hub);
  await c3.getByRole("button", { name: "结束投票并计票" }).click();
  await expect(c3.getByText("纸质选票的计票期还没有结束，结束后才能计票。")).toBeVisible();
  await c3.getByRole("link", { name: "录入纸质选票" }).click();
  await c3.getByLabel("或选择投票人").selectOption({ index: 1 });
  await c3.getByLabel("反对").check();
  await c3.getByLabel("选票扫描件（图片或 PDF）").setInputFiles({ name: "ballot.png", mimeType: "image/png", buffer: PNG });
  await c3.getByRole("button", { name: "录入这张选票" }).click();
  await expect(c3.getByText(/已录入，第 2 张/)).toBeVisible();
  await c3.context().close();

  // After the counting period: count, publish, download and verify.
  await moveClock(browser, baseURL!, 1);
  const c4 = await fresh(browser, baseURL!, "committee_member");
  await c4.goto(hub);
  await c4.getByRole("button", { name: "结束投票并计票" }).click();
  await expect(c4.getByRole("heading", { name: "表决结果" })).toBeVisible();
  const [download] = await Promise.all([c4.waitForEvent("download"), c4.getByRole("link", { name: "下载表决记录（JSON）" }).click()]);
  const text = fs.readFileSync((await download.path())!, "utf8");
  const v = verifyRecord(text);
  if (v.exit === 2) throw new Error(v.message);
  expect(v.output.ok).toBe(true);
  const cast = (JSON.parse(text) as { ballots: { hash: string; channel: string }[] }).ballots;
  expect(cast.map((b) => [b.hash.slice(0, 16), b.channel])).toEqual([[receipt, "online"], [expect.any(String), "paper"]]);
  const m = v.output.motions[0];
  if (m.kind !== "question") throw new Error("expected a question");
  // Two ballots of a roll of ~180 voters: no quorum, not passed; the page says the same as verify.
  expect(m.quorum).toBe(false);
  const row = c4.locator(`tr[data-motion="${m.id}"]`);
  await expect(row.locator("td").nth(1)).toContainText(`${m.participating.heads} /`);
  await expect(row.locator("td").nth(2)).toContainText(`${m.yes.heads} /`);
  await expect(row.locator("td").nth(5)).toHaveText("✗");
  await expect(row.locator("td").nth(7)).toHaveText("未通过");
  await expect(c4.getByText(`链尾哈希：${v.output.chainHead}`)).toBeVisible();
  // The result notice is on the board.
  await c4.goto(CP);
  await expect(c4.getByText(/表决结果公告：E2E 业主大会/).first()).toBeVisible();
});
