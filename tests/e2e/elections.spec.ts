import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The joint vetting (联审) of owners' committee candidates in 和平里二区 (seeds/demo-elections.ts): three Party
// organisations of three kinds each decide; a rejected candidate appeals once; the rejecting organisation answers.
const CP = "/c/cp_hepingli2";
const CAND = `${CP}/elections/elc_demo_hpl2/candidates`;
const TANG = `${CAND}/cnd_demo_hpl2_1`; // 唐静: under review, nobody has decided (in all three queues)
const MA = `${CAND}/cnd_demo_hpl2_2`; // 马文华: street and industry approved, the community reviewer has not
const LU = `${CAND}/cnd_demo_hpl2_6`; // 陆宝山: only the community reviewer has approved

const PHONES = { zhao: "13800000004", wu: "13800000013", lin: "13800000014", he: "13800000015", ma: "13800000016" } as const;


/** The reviewer's queue row for a candidate (by the link to the candidate page). */
const queueLink = (page: Page, candidateUrl: string) => page.locator(`table a[href="${candidateUrl}"]`);

/** Decide on the candidate page: 同意 / 不同意 with a reason. */
async function decide(page: Page, decision: "同意" | "不同意", reason: string) {
  await page.getByRole("radio", { name: decision, exact: true }).check();
  await page.getByLabel("理由（必填）").fill(reason);
  await page.getByRole("button", { name: "提交决定" }).click();
  await expect(page.getByTestId("cand-done")).toHaveText("决定已记录。");
}

test.describe("owners' committee elections: joint vetting", () => {
  // Both tests change the queues of 和平里社区党委 (唐静, 马文华): one after the other, in one worker.
  test.describe.configure({ mode: "serial" });

  test("@elections three reviewers of the three organisation kinds each see only their own queue and together clear a candidate", async ({ asRole, login }) => {
    const zhao = await asRole("party_reviewer"); // 赵志刚, 和平里社区党委 (community)
    const wu = await login(PHONES.wu); // 吴国平, 和平街道党工委 (street working committee)
    const lin = await login(PHONES.lin); // 林晓红, 物业行业党委东湖区分会 (industry)

    await zhao.goto("/vetting");
    await expect(zhao.getByRole("heading", { level: 1 })).toHaveText("审核队列");
    await expect(zhao.getByTestId("queue-summary")).toHaveText(/^共 \d+ 项，其中 \d+ 项已逾期。$/);
    await expect(queueLink(zhao, TANG)).toHaveText("唐静");
    await expect(queueLink(zhao, MA)).toHaveText("马文华");
    // 陆宝山 already has the community approval: not in the community reviewer's queue.
    await expect(queueLink(zhao, LU)).toHaveCount(0);

    await wu.goto("/vetting");
    await expect(queueLink(wu, TANG)).toHaveText("唐静");
    await expect(queueLink(wu, LU)).toHaveCount(1);
    // The street working committee already decided on 马文华.
    await expect(queueLink(wu, MA)).toHaveCount(0);
    await expect(wu.getByRole("link", { name: "马文华" })).toHaveCount(0);

    await lin.goto("/vetting");
    await expect(queueLink(lin, TANG)).toHaveText("唐静");
    await expect(queueLink(lin, LU)).toHaveCount(1);
    await expect(queueLink(lin, MA)).toHaveCount(0);

    // The community reviewer opens 唐静 from the queue and approves.
    await queueLink(zhao, TANG).click();
    await expect(zhao.getByRole("heading", { level: 1 })).toContainText("唐静");
    await expect(zhao.getByTestId("cand-phase")).toHaveText("联审中");
    await decide(zhao, "同意", "经社区党委审查，热心公益，符合候选人条件。");
    await expect(zhao.getByTestId("cand-phase")).toHaveText("联审中");
    // The community reviewer's form is gone; 唐静 left that queue only.
    await expect(zhao.getByRole("button", { name: "提交决定" })).toHaveCount(0);
    await zhao.goto("/vetting");
    await expect(queueLink(zhao, MA)).toHaveCount(1);
    await expect(queueLink(zhao, TANG)).toHaveCount(0);
    await lin.goto("/vetting");
    await expect(queueLink(lin, TANG)).toHaveCount(1);
    await wu.goto("/vetting");
    await expect(queueLink(wu, TANG)).toHaveCount(1);

    // The street working committee approves.
    await queueLink(wu, TANG).click();
    await decide(wu, "同意", "经街道党工委审查，未发现不宜担任的情形。");
    await expect(wu.getByTestId("cand-phase")).toHaveText("联审中");
    await wu.goto("/vetting");
    await expect(queueLink(wu, TANG)).toHaveCount(0);
    await expect(queueLink(wu, LU)).toHaveCount(1);
    await lin.goto("/vetting");
    await expect(queueLink(lin, TANG)).toHaveCount(1);

    // The industry committee approves last: the candidate is cleared.
    await queueLink(lin, TANG).click();
    await decide(lin, "同意", "与本小区物业服务企业无利害关系。");
    await expect(lin.getByTestId("cand-phase")).toHaveText("审核通过");
    await lin.goto("/vetting");
    await expect(queueLink(lin, TANG)).toHaveCount(0);
    await expect(queueLink(lin, LU)).toHaveCount(1);

    // Everyone who may see the record sees the three approvals, in order, with their reasons.
    await zhao.goto(TANG);
    await expect(zhao.getByTestId("cand-phase")).toHaveText("审核通过");
    const timeline = zhao.getByTestId("cand-timeline").locator("li");
    await expect(timeline).toHaveCount(4);
    await expect(timeline.nth(0)).toContainText("提交联审");
    await expect(timeline.nth(1)).toContainText("和平里社区党委作出决定：同意");
    await expect(timeline.nth(2)).toContainText("和平街道党工委作出决定：同意");
    await expect(timeline.nth(3)).toContainText("物业行业党委东湖区分会作出决定：同意");
    await expect(timeline.nth(3)).toContainText("与本小区物业服务企业无利害关系。");
  });

  test("@elections a rejection, the candidate's appeal and the rejecting reviewer's answer", async ({ asRole, login }) => {
    // The community reviewer, the last of the three, rejects 马文华.
    const zhao = await asRole("party_reviewer");
    await zhao.goto(MA);
    await expect(zhao.getByTestId("cand-phase")).toHaveText("联审中");
    const reason = "经核实，该业主近两年多次拒绝配合小区公共事务，群众意见较大，暂不宜担任业主委员会委员。";
    await decide(zhao, "不同意", reason);
    await expect(zhao.getByTestId("cand-phase")).toHaveText("未通过审核");

    // 马文华, on his phone, reads the reason on his own candidate page and appeals.
    const ma = await login(PHONES.ma, true);
    await ma.goto(MA);
    await expect(ma.getByRole("heading", { level: 1 })).toContainText("马文华");
    await expect(ma.getByTestId("cand-phase")).toHaveText("未通过审核");
    await expect(ma.getByRole("region", { name: "联审单位的决定" }).first()).toContainText(reason);
    await expect(ma.getByRole("heading", { name: "提出申诉" })).toBeVisible();
    const statement = "本人一直配合小区公共事务，去年还参加了电梯加装协调小组，恳请重新审查。";
    await ma.getByLabel("申诉理由").fill(statement);
    await ma.getByRole("button", { name: "提交申诉" }).click();
    await expect(ma.getByTestId("cand-done")).toHaveText("申诉已提交。");
    await expect(ma.getByTestId("cand-phase")).toHaveText("申诉中");
    await expect(ma.getByTestId("cand-appeal")).toHaveText(statement);
    await expect(ma.getByRole("button", { name: "提交申诉" })).toHaveCount(0);
    expect(await ma.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The appeal is a task in the rejecting reviewer's queue (filtered by task).
    await zhao.goto("/vetting");
    await zhao.getByLabel("任务").selectOption({ label: "答复申诉" });
    await zhao.getByRole("button", { name: "筛选" }).click();
    await expect(zhao).toHaveURL(/task=answer/);
    await expect(zhao.getByTestId("queue-summary")).toHaveText(/^共 1 项，/);
    const row = zhao.getByRole("row").filter({ has: zhao.locator(`a[href="${MA}"]`) });
    await expect(row).toContainText("答复申诉");
    await expect(row).toContainText("和平里社区党委");
    await queueLink(zhao, MA).click();
    await expect(zhao.getByTestId("cand-appeal")).toHaveText(statement);
    await zhao.getByRole("radio", { name: "维持不同意", exact: true }).check();
    const answer = "经复核，群众意见属实，维持原审查意见。";
    await zhao.getByLabel("理由（必填）").fill(answer);
    await zhao.getByRole("button", { name: "提交答复" }).click();
    await expect(zhao.getByTestId("cand-done")).toHaveText("答复已记录。");
    await expect(zhao.getByTestId("cand-phase")).toHaveText("维持未通过");
    await expect(zhao.getByRole("button", { name: "提交答复" })).toHaveCount(0);

    // The whole history, oldest first.
    const timeline = zhao.getByTestId("cand-timeline").locator("li");
    await expect(timeline).toHaveCount(6);
    await expect(timeline.nth(0)).toContainText("提交联审");
    await expect(timeline.nth(1)).toContainText("和平街道党工委作出决定：同意");
    await expect(timeline.nth(2)).toContainText("物业行业党委东湖区分会作出决定：同意");
    await expect(timeline.nth(3)).toContainText("和平里社区党委作出决定：不同意");
    await expect(timeline.nth(3)).toContainText(reason);
    await expect(timeline.nth(4)).toContainText("候选人提出申诉");
    await expect(timeline.nth(4)).toContainText(statement);
    await expect(timeline.nth(5)).toContainText("和平里社区党委答复申诉：维持不同意");
    await expect(timeline.nth(5)).toContainText(answer);
    await zhao.goto("/vetting?task=answer");
    await expect(queueLink(zhao, MA)).toHaveCount(0);

    // The answer is final: 马文华 sees it and can appeal no more, not even by posting the form.
    await ma.goto(MA);
    await expect(ma.getByTestId("cand-phase")).toHaveText("维持未通过");
    await expect(ma.getByRole("region", { name: "联审单位的决定" }).first()).toContainText(answer);
    await expect(ma.getByRole("heading", { name: "提出申诉" })).toHaveCount(0);
    await expect(ma.getByRole("button", { name: "提交申诉" })).toHaveCount(0);
    const again = await ma.request.post(MA, { form: { intent: "appeal", statement: "再次申诉" }, headers: { Origin: new URL(ma.url()).origin } });
    expect(again.status()).toBe(400);
    await ma.goto(MA);
    await expect(ma.getByTestId("cand-timeline").locator("li")).toHaveCount(6);
  });
});

test("@elections a reviewer of another street gets 404 on that candidate", async ({ login }) => {
  const he = await login(PHONES.he); // 何建军, 松林街道党工委
  await he.goto("/vetting");
  await expect(he.getByTestId("queue-summary")).toBeVisible();
  await expect(he.getByRole("table")).not.toContainText("和平里二区");
  await expect(he.locator(`table a[href^="${CAND}/"]`)).toHaveCount(0);
  expect((await he.goto(TANG))?.status()).toBe(404);
  expect((await he.goto(`${CP}/elections`))?.status()).toBe(404);
  // Nor may he decide by posting the form.
  const res = await he.request.post(LU, {
    form: { intent: "decide", partyOrgId: "po_st_songlin", decision: "approve", reason: "越权" },
    headers: { Origin: new URL(he.url()).origin },
  });
  expect(res.status()).toBe(404);
});

test("@elections bad input: a decision without a reason is refused with 请写明理由。 and nothing changes", async ({ login }) => {
  const wu = await login(PHONES.wu);
  await wu.goto(LU);
  await expect(wu.getByTestId("cand-phase")).toHaveText("联审中");
  const before = await wu.getByTestId("cand-timeline").locator("li").count();
  // In the browser: the form says what is missing and posts nothing.
  await wu.getByRole("radio", { name: "同意", exact: true }).check();
  await wu.getByLabel("理由（必填）").fill("   ");
  await wu.getByRole("button", { name: "提交决定" }).click();
  await expect(wu.getByText("请写明理由。")).toBeVisible();
  await expect(wu.getByTestId("cand-done")).toHaveCount(0);
  // Posted anyway, the server refuses it the same way.
  const res = await wu.request.post(LU, {
    form: { intent: "decide", partyOrgId: "po_st_heping", decision: "approve", reason: "" },
    headers: { Origin: new URL(wu.url()).origin },
  });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain("请写明理由。");
  await wu.goto(LU);
  await expect(wu.getByTestId("cand-phase")).toHaveText("联审中");
  await expect(wu.getByTestId("cand-timeline").locator("li")).toHaveCount(before);
  await expect(wu.getByRole("button", { name: "提交决定" })).toBeVisible();
  await wu.goto("/vetting");
  await expect(queueLink(wu, LU)).toHaveCount(1);
});

test("@elections an owner of the compound sees another candidate's name and nomination but no findings or reasons", async ({ login }) => {
  const ma = await login(PHONES.ma);
  await ma.goto(TANG);
  await expect(ma.getByRole("heading", { level: 1 })).toContainText("唐静");
  await expect(ma.getByText("提名方式: 社区党组织推荐")).toBeVisible();
  await expect(ma.getByText("审核情况只对筹备组、街道办事处、联审单位和候选人本人公开。")).toBeVisible();
  for (const id of ["cand-findings", "cand-phase", "cand-timeline", "cand-occupation", "cand-party", "cand-relation", "cand-appeal"]) {
    await expect(ma.getByTestId(id)).toHaveCount(0);
  }
  await expect(ma.getByRole("heading", { name: "资格核查提示" })).toHaveCount(0);
  await expect(ma.getByRole("heading", { name: "联审单位的决定" })).toHaveCount(0);
  await expect(ma.getByRole("heading", { name: "审核记录" })).toHaveCount(0);
  await expect(ma.getByRole("button", { name: "提交决定" })).toHaveCount(0);
  await expect(ma.getByRole("button", { name: "提交申诉" })).toHaveCount(0);
  // Nor does the page's data carry them (the declaration, the findings, the vetting events).
  const html = await (await ma.request.get(TANG)).text();
  for (const hidden of ["退休人员", "occupation", "findings", "提交联审", "作出决定"]) expect(html).not.toContain(hidden);
});
