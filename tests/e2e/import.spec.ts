import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

/** Rows of the import file: building, unit number, kind, area, area source, owners, phones, co-owned, developer, date. */
const line = (cells: string[]) => cells.join(",");

test.describe("registry import", () => {
  test("@registry a community worker downloads the template, sees every bad row, then imports the fixed file and watches it finish", async ({ asRole }) => {
    test.setTimeout(90_000);
    const page = await asRole("community_worker");
    await page.goto("/c/cp_hepingli2/import");
    await expect(page.getByRole("heading", { level: 1, name: /导入房屋与业主/ })).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载模板（CSV）" }).click()]);
    const template = fs.readFileSync((await download.path())!, "utf8");
    expect(template.split(/\r?\n/).slice(0, 2)).toEqual([
      "\ufeff楼栋,房号,类型,面积（平方米）,面积来源,业主姓名,业主手机,共有,开发商未售,产权起始日期",
      "building,unit number,kind,area m2,area source,owner names,owner phones,co-owned,developer unsold,owned from",
    ]);

    // 6,000 units, so that the import takes long enough (a few seconds) to show its progress.
    const tag = `导${Date.now() % 1_000_000}`;
    const building = `${tag}号楼`;
    const rows = Array.from({ length: 6000 }, (_, i) => line([building, `${tag}-${String(i + 1).padStart(4, "0")}`, "住宅", "85.23", "不动产登记", `${tag}业主${i + 1}`, "", "否", "否", "2020-06-01"]));
    const bad = [...rows];
    bad[1] = line([building, `${tag}-0002`, "住宅", "85.234", "不动产登记", `${tag}业主2`, "", "否", "否", ""]);
    const file = (r: string[]) => ({ name: "units.csv", mimeType: "text/csv", buffer: Buffer.from(`${template.trimEnd()}\r\n${r.join("\r\n")}\r\n`) });

    await page.getByLabel("导入文件").setInputFiles(file(bad));
    await page.getByRole("button", { name: "上传并检查" }).click();
    await expect(page.getByText("文件中有 1 行共 1 处问题，没有导入任何内容。", { exact: false })).toBeVisible();
    const report = page.getByRole("region", { name: "检查报告" });
    await expect(report.locator("tbody tr")).toHaveCount(1);
    await expect(report.locator("tbody tr").first()).toHaveText(/^4\s*面积\s*面积最多两位小数。$/);

    // Nothing was imported.
    await page.goto(`/c/cp_hepingli2/units?q=${encodeURIComponent(tag)}`);
    await expect(page.getByText("没有符合条件的记录。")).toBeVisible();

    await page.goto("/c/cp_hepingli2/import");
    await page.getByLabel("导入文件").setInputFiles(file(rows));
    // By keyboard: from the file input to the button, Enter submits.
    await page.getByLabel("导入文件").focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "上传并检查" })).toBeFocused();
    await page.keyboard.press("Enter");
    const progress = page.getByRole("progressbar", { name: "导入进度" });
    await expect(progress).toBeVisible();
    await expect(page.getByText(/\d+ \/ 6000 行/)).toBeVisible();
    await expect(page.getByText("导入完成：新增 6000 套，更新 0 套，未变 0 套。")).toBeVisible({ timeout: 60_000 });
    await expect(progress).toHaveCount(0);
    await expect(page.getByRole("region", { name: "最近的导入" }).locator("tbody tr").first()).toContainText("已完成");

    await page.getByRole("link", { name: "查看房屋列表" }).click();
    await expect(page).toHaveURL(/\/c\/cp_hepingli2\/units$/);
    await page.goto(`/c/cp_hepingli2/units?q=${encodeURIComponent(`${tag}-0001`)}`);
    const first = page.locator("tbody tr").first();
    await expect(first).toContainText(building);
    await expect(first).toContainText(`${tag}-0001`);
    await expect(first).toContainText("85.23 m²");
    await expect(first).toContainText(`${tag}业主1`);
  });

  test("@registry a file that is not a spreadsheet is refused with a clear message; the page passes axe and fits 375 px", async ({ asRole }) => {
    const page = await asRole("community_worker");
    await page.setViewportSize({ width: 375, height: 800 });
    // cp_hepingli1, so as not to meet the other test's import of cp_hepingli2 (one import per compound at a time).
    await page.goto("/c/cp_hepingli1/import");
    await page.getByLabel("导入文件").setInputFiles({ name: "photo.csv", mimeType: "text/csv", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) });
    await page.getByRole("button", { name: "上传并检查" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "这不是 Excel（.xlsx）或 UTF-8 编码的 CSV 文件，没有导入。" })).toBeVisible();
    await expect(page.getByLabel("导入文件")).toHaveAttribute("aria-invalid", "true");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    // Someone without registry:manage (an owner) does not find the page.
    const owner = await asRole("owner");
    expect((await owner.goto("/c/cp_hepingli1/import"))?.status()).toBe(404);
    expect((await owner.goto("/c/cp_hepingli1/import/template?format=csv"))?.status()).toBe(404);
  });
});
