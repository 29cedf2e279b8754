import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, apiLogin } from "./accounts";
import { advanceClock, serverNow } from "./clock";

// Forming an owners' committee in 纺织厂宿舍 (no group in the demo data), across the close of nominations. Runs
// in the clock project, where other files move the shared demo clock too: every date is computed from the
// server's clock as read here, never from GONGZHI_NOW. Moving the clock expires stored sessions (7 days idle),
// so each step after a move logs in afresh. A move by another file in the middle of this flow (the decisions
// flow moves it 16 days at once) would close the nomination window and sign everyone out: the clock project's
// files must run one after the other (workers: 1 on that project).
const CP = "/c/cp_fangzhi";
const HUB = `${CP}/elections`;
const PHONES = { officer: "13800000002", admin: "13800000001", gao: "13800000017", wu: "13800000013", lin: "13800000014" } as const;
const DAY = 24 * 3600_000;

async function fresh(browser: Browser, baseURL: string, phone: string): Promise<Page> {
  const a = ACCOUNTS.find((x) => x.phone === phone);
  if (!a) throw new Error(`no demo account ${phone}`);
  const ctx = await browser.newContext();
  await apiLogin(ctx.request, baseURL, a);
  await ctx.request.post("/prefs", { form: { locale: "zh-CN" }, headers: { Origin: baseURL }, maxRedirects: 0 });
  return ctx.newPage();
}


/** The Asia/Shanghai calendar day `days` after `d`, as a date input takes it ("2026-03-05"). */
const dayAfter = (d: Date, days: number) => new Date(d.getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);

async function moveClock(browser: Browser, baseURL: string, days: number) {
  const admin = await fresh(browser, baseURL, PHONES.admin);
  await advanceClock(admin, days);
  await admin.context().close();
}

/** One reviewer approves the candidate on the candidate page; the phase is then `after`. */
async function approve(browser: Browser, baseURL: string, phone: string, url: string, reason: string, after: string) {
  const page = await fresh(browser, baseURL, phone);
  await page.goto(url);
  await expect(page.getByTestId("cand-phase")).toHaveText("联审中");
  await page.getByRole("radio", { name: "同意", exact: true }).check();
  await page.getByLabel("理由（必填）").fill(reason);
  await page.getByRole("button", { name: "提交决定" }).click();
  await expect(page.getByTestId("cand-done")).toHaveText("决定已记录。");
  await expect(page.getByTestId("cand-phase")).toHaveText(after);
  await page.context().close();
}

test("@elections the whole formation flow in the browser: a street officer forms a group, sets up the election, a nomination is vetted by three reviewers and the cleared list is published", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const officer = await fresh(browser, baseURL!, PHONES.officer);
  await officer.goto(HUB);
  await expect(officer.getByTestId("election-stage")).toContainText("未成立筹备组");
  await officer.getByRole("link", { name: "组建筹备组" }).click();
  await expect(officer).toHaveURL(new RegExp(`${HUB}/group$`));

  // Five rows to start from: the street office (leader), the residents' committee, three owners' reps.
  const row = (n: number) => officer.getByRole("group", { name: `成员 ${n}`, exact: true });
  await expect(officer.getByRole("group", { name: /^成员 \d+$/ })).toHaveCount(5);
  await expect(row(1).getByLabel("身份")).toHaveValue("street_office");
  await expect(row(1).getByRole("radio", { name: "任组长" })).toBeChecked();
  await row(1).getByLabel("姓名").fill("李秀英");
  await row(2).getByLabel("姓名").fill("周红梅");
  await expect(row(2).getByLabel("身份")).toHaveValue("residents_committee");
  const owners: string[] = [];
  for (const n of [3, 4, 5]) {
    const select = row(n).getByLabel("所代表的业主（业主代表必填）");
    await select.selectOption({ index: 2 * n });
    const label = await select.locator("option:checked").textContent();
    const name = label!.split(" · ")[0].trim();
    owners.push(name);
    await row(n).getByLabel("姓名").fill(name);
  }
  // An even group is refused; the rows stay as typed.
  await officer.getByRole("button", { name: "删除成员 5" }).click();
  await expect(officer.getByRole("group", { name: /^成员 \d+$/ })).toHaveCount(4);
  await officer.getByRole("button", { name: "成立筹备组并公示名单" }).click();
  await expect(officer.getByText("筹备组人数须为单数。")).toBeVisible();
  await expect(officer).toHaveURL(new RegExp(`${HUB}/group$`));
  await expect(row(4).getByLabel("姓名")).toHaveValue(owners[1]);
  // A fifth member makes it odd: three owners' reps of five.
  await officer.getByRole("button", { name: "增加一行" }).click();
  await expect(row(5).getByLabel("身份")).toHaveValue("owner");
  await row(5).getByLabel("所代表的业主（业主代表必填）").selectOption({ index: 10 });
  const fifth = (await row(5).getByLabel("所代表的业主（业主代表必填）").locator("option:checked").textContent())!.split(" · ")[0].trim();
  owners[2] = fifth;
  await row(5).getByLabel("姓名").fill(fifth);
  await officer.getByRole("button", { name: "成立筹备组并公示名单" }).click();
  await expect(officer).toHaveURL(new RegExp(`${HUB}(\\?|$)`));
  await expect(officer.getByTestId("election-stage")).toContainText("筹备组已成立");
  const members = officer.getByRole("region", { name: "筹备组成员" });
  for (const name of ["李秀英", "周红梅", ...owners]) await expect(members).toContainText(name);
  await expect(members.getByRole("row").filter({ hasText: "李秀英" })).toContainText("组长");
  await expect(officer.getByRole("link", { name: "查看成员名单公告" })).toBeVisible();

  // The election, dated from the server's clock: nominations today to today+3 (inclusive), voting in 30 days.
  const t0 = await serverNow(officer);
  await officer.getByRole("link", { name: "设定选举" }).click();
  await officer.getByLabel("委员名额").fill("5");
  await officer.getByLabel("最少当选人数").fill("3");
  await officer.getByLabel("候补委员人数").fill("2");
  await officer.getByLabel("提名开始日期").fill(dayAfter(t0, 0));
  await officer.getByLabel("提名截止日期").fill(dayAfter(t0, 3));
  await officer.getByLabel("计划投票开始时间").fill(`${dayAfter(t0, 30)}T09:00`);
  await officer.getByLabel("选举办法").fill("书面投票与线上投票相结合，差额选举，得票多者当选。");
  await officer.getByRole("button", { name: "设定选举" }).click();
  await expect(officer).toHaveURL(new RegExp(`${HUB}$`));
  await expect(officer.getByTestId("election-stage")).toContainText("提名中");
  await expect(officer.getByTestId("election-seats")).toHaveText("5");
  await expect(officer.getByTestId("election-voting")).toContainText(dayAfter(t0, 30).replaceAll("-", "/"));

  // The community Party organisation's nomination, recorded by the organiser.
  await officer.getByRole("link", { name: "提名候选人" }).click();
  await officer.getByLabel("提名方式").selectOption({ label: "社区党组织推荐" });
  const ownerSelect = officer.getByLabel("被提名的业主");
  await ownerSelect.selectOption({ index: 7 });
  const candidate = (await ownerSelect.locator("option:checked").textContent())!.split(" · ")[0].trim();
  await officer.getByLabel("职业").selectOption({ label: "退休人员" });
  await officer.getByRole("group", { name: "是否中共党员" }).getByRole("radio", { name: "是" }).check();
  await officer.getByLabel("与本小区物业服务企业的关系").selectOption({ label: "无" });
  await officer.getByLabel("被提名人声明具有完全民事行为能力").check();
  await officer.getByLabel("被提名人同意接受资格核查").check();
  await officer.getByRole("button", { name: "提交提名" }).click();
  await expect(officer).toHaveURL(/\/candidates\/[^/]+$/);
  const candidateUrl = new URL(officer.url()).pathname;
  await expect(officer.getByRole("heading", { level: 1 })).toContainText(candidate);
  await expect(officer.getByTestId("cand-phase")).toHaveText("已提名，未提交审核");
  await officer.getByRole("button", { name: "提交联审" }).click();
  await expect(officer.getByTestId("cand-done")).toHaveText("已提交联审。");
  await expect(officer.getByTestId("cand-phase")).toHaveText("联审中");

  // The three organisations of the street's default: community, street working committee, industry.
  await approve(browser, baseURL!, PHONES.gao, candidateUrl, "社区党支部推荐，热心公益。", "联审中");
  await approve(browser, baseURL!, PHONES.wu, candidateUrl, "经街道党工委审查，符合候选人条件。", "联审中");
  await approve(browser, baseURL!, PHONES.lin, candidateUrl, "与本小区物业服务企业无利害关系。", "审核通过");

  // Nominations are still open: the list cannot be published yet.
  await officer.goto(HUB);
  await officer.getByRole("button", { name: "公示候选人名单" }).click();
  await expect(officer.getByText("提名期结束后才能公示候选人名单。")).toBeVisible();
  await officer.context().close();

  // Four days on, nominations have closed: the cleared list is published on the notice board.
  await moveClock(browser, baseURL!, 4);
  const o2 = await fresh(browser, baseURL!, PHONES.officer);
  await o2.goto(HUB);
  expect((await serverNow(o2)).getTime()).toBeGreaterThanOrEqual(t0.getTime() + 4 * DAY);
  await expect(o2.getByTestId("election-stage")).toContainText("联审中");
  await o2.getByRole("button", { name: "公示候选人名单" }).click();
  await expect(o2.getByTestId("election-stage")).toContainText("候选人已公示");
  await expect(o2.getByRole("button", { name: "公示候选人名单" })).toHaveCount(0);
  await o2.getByRole("link", { name: "查看候选人名单公告" }).click();
  await expect(o2.getByRole("heading", { level: 1 })).toContainText("业主委员会委员候选人名单");
  await expect(o2.getByText(`1. ${candidate}`)).toBeVisible();

  // The street's overview shows the compound at the published stage.
  await o2.goto("/area/st_heping/elections");
  await expect(o2.getByRole("heading", { level: 1 })).toHaveText("业委会选举进展 · 和平街道");
  const fz = o2.getByRole("row").filter({ has: o2.getByRole("link", { name: "纺织厂宿舍" }) });
  await expect(fz).toContainText("候选人已公示");
  await o2.context().close();
});
