import fs from "node:fs";
import { expect, test } from "./fixtures";
import { verifyRecord, type ElectionOut } from "~/decisions/record";

// The owners' committee after its election (issue 8), on the demo city at the e2e clock (2026-03-02):
// 新华二里's first election closed formed with alternates (not yet constituted), 新华里's not formed,
// 松林苑's committee with its filing overdue, 和平里一区's term ending within 3 months. 韩梅 (13800000020) is
// the 矿山街道 street officer, 冯建华 (13800000018) 松林苑's chair, 黄伟 (13800000011) the 松林街道 officer.
const HAN = "13800000020";
const FENG = "13800000018";
const HUANG = "13800000011";

/** A tiny valid PDF, as a scanned document would arrive. */
const pdf = (name: string) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1"),
});

test.describe("the committee's term", () => {
  test.describe.configure({ mode: "serial" });

  test("@elections an election formed with alternates: the results agree with verify; the committee is formed; a member resigns and the first alternate takes the seat", async ({ login }) => {
    const page = await login(HAN);
    await page.goto("/c/cp_xinhua2/decisions/dec_demo_xh2_election");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载表决记录（JSON）" }).click()]);
    const v = verifyRecord(fs.readFileSync((await download.path())!, "utf8"));
    if (v.exit === 2) throw new Error(v.message);
    const e = v.output.motions.find((m): m is ElectionOut => m.kind === "election")!;
    expect(e.formed).toBe(true);
    expect(e.alternates.length).toBeGreaterThan(0);
    // Each candidate's row says what verify says.
    await expect(page.getByTestId(`formed-${e.id}`)).toHaveText("业委会组成");
    for (const c of e.candidates) {
      const want = e.elected.includes(c.id) ? "当选" : e.alternates.includes(c.id) ? "候补" : "—";
      await expect(page.locator(`section[data-motion="${e.id}"] tr[data-candidate="${c.id}"] td`).nth(2)).toHaveText(want);
    }

    await page.getByRole("button", { name: "成立业主委员会" }).click();
    await expect(page).toHaveURL(/\/c\/cp_xinhua2\/committee/);
    await expect(page.locator("tr[data-member]")).toHaveCount(e.elected.length);
    await expect(page.locator("[data-testid=alternates] li")).toHaveCount(e.alternates.length);
    const firstAlternate = (await page.locator("[data-testid=alternates] li").first().textContent())!.trim();
    // Forming twice is not offered any more.
    await page.goto("/c/cp_xinhua2/decisions/dec_demo_xh2_election");
    await expect(page.getByRole("button", { name: "成立业主委员会" })).toHaveCount(0);
    await expect(page.getByText("已据此成立业主委员会。")).toBeVisible();

    // The last-ranked member resigns today: in office through today, the alternate takes the seat from tomorrow.
    await page.goto("/c/cp_xinhua2/committee");
    const last = page.locator("li[data-end-member]").last();
    const name = (await page.locator("tr[data-member]").last().locator("th, td").first().textContent())!.trim();
    await last.locator("summary").click();
    await last.getByLabel("终止原因").selectOption("resigned");
    await last.getByRole("button", { name: "终止任职" }).click();
    await expect(page.getByTestId("done")).toContainText("任职终止已记录");
    await page.getByRole("button", { name: "由候补委员递补空缺" }).click();
    await expect(page.getByTestId("done")).toContainText(`已递补：${firstAlternate}`);
    await expect(page.locator("[data-testid=alternates] li")).toHaveCount(e.alternates.length - 1);
    // Today the member who resigned is still in office; the alternate takes office tomorrow.
    await expect(page.locator("tr[data-member]").filter({ hasText: name })).toContainText("任职至");
    await expect(page.getByTestId("incoming")).toContainText(firstAlternate);
    await expect(page.getByRole("button", { name: "由候补委员递补空缺" })).toHaveCount(0);
  });

  test("@elections an election not formed: the page says why, and the street officer starts a run-off for the open seats", async ({ login }) => {
    const page = await login(HAN);
    await page.goto("/c/cp_xinhua/decisions/dec_demo_xh_election");
    await expect(page.getByText("业委会未能组成")).toBeVisible();
    await expect(page.getByText(/达到票数要求的候选人不足：当选 \d 名，至少需要 3 名。/)).toBeVisible();
    await expect(page.getByRole("button", { name: "成立业主委员会" })).toHaveCount(0);
    await page.getByRole("button", { name: "发起补选（决选）" }).click();
    await expect(page).toHaveURL(/\/c\/cp_xinhua\/decisions\/dec_/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("（补选）");
    await expect(page.getByText(/业主委员会委员补选/).first()).toBeVisible();
    // The earlier result now points at its run-off, and offers no second one.
    await page.goto("/c/cp_xinhua/decisions/dec_demo_xh_election");
    await expect(page.getByText("已发起补选：")).toBeVisible();
    await expect(page.getByRole("button", { name: "发起补选（决选）" })).toHaveCount(0);
  });

  test("@elections a filing overdue: a filing without the covenant is refused, the chair files the three documents, the street office accepts, and its list follows", async ({ login }) => {
    const street = await login(HUANG);
    await street.goto("/area/st_songlin/committees");
    await expect(street.locator("tr", { hasText: "松林苑" }).locator("[data-status]").first()).toHaveText("备案逾期");

    const chair = await login(FENG, true);
    await chair.goto("/c/cp_songlin/committee/filings");
    await expect(chair.getByTestId("filing-overdue")).toBeVisible();
    // Without the covenant: refused next to that field, nothing filed.
    await chair.getByLabel("业主大会成立和业主委员会选举情况报告", { exact: true }).setInputFiles(pdf("report.pdf"));
    await chair.getByLabel("业主大会议事规则", { exact: true }).setInputFiles(pdf("rules.pdf"));
    await chair.getByRole("button", { name: "提交首次备案" }).click();
    await expect(chair.getByText("请上传这项材料。")).toBeVisible();
    await chair.getByLabel("业主大会成立和业主委员会选举情况报告", { exact: true }).setInputFiles(pdf("report.pdf"));
    await chair.getByLabel("业主大会议事规则", { exact: true }).setInputFiles(pdf("rules.pdf"));
    await chair.getByLabel("管理规约", { exact: true }).setInputFiles(pdf("covenant.pdf"));
    await chair.getByRole("button", { name: "提交首次备案" }).click();
    await expect(chair.getByText("备案已提交，等待街道办事处审核。")).toBeVisible();
    expect(await chair.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await street.goto("/c/cp_songlin/committee/filings");
    // The attachments download for the street office.
    const link = street.getByRole("link", { name: "covenant.pdf" }).first();
    const res = await street.request.get((await link.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/pdf");
    await street.getByRole("button", { name: /^接受备案/ }).first().click();
    await expect(street.getByText("已接受备案。")).toBeVisible();
    await street.goto("/area/st_songlin/committees");
    await expect(street.locator("tr", { hasText: "松林苑" }).locator("[data-status]").first()).toHaveText("正常");
    // Another street's officer: the filing page does not exist.
    const other = await login(HAN);
    expect((await other.goto("/c/cp_songlin/committee/filings"))?.status()).toBe(404);
  });

  test("@elections the term ending: the committee sees its re-election date, the street office the prompt to form a re-election group", async ({ asRole }) => {
    const member = await asRole("committee_member");
    await member.goto("/c/cp_hepingli1/committee");
    await expect(member.getByTestId("committee-status")).toHaveText("任期即将届满");
    await expect(member.getByTestId("term-last-day")).toHaveText("2026-05-16");
    const officer = await asRole("street_officer");
    await officer.goto("/area/st_heping/committees");
    await expect(officer.getByTestId("re-election-prompts")).toBeVisible();
    await officer.getByRole("link", { name: "组建换届筹备组：和平里一区" }).click();
    await expect(officer).toHaveURL(/\/c\/cp_hepingli1\/elections\/group/);
  });
});
