import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// Independent of any seeded holidays: works on a day in 2027, which no seed holds.
test.describe("holiday calendar", () => {
  test("@registry the city administrator adds a 调休 working day, sees it, and removes it", async ({ asRole }) => {
    const page = await asRole("city_admin");
    await page.goto("/city/calendar?year=2027");
    await expect(page.getByRole("heading", { name: "节假日日历", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "2027年" })).toHaveAttribute("aria-current", "page");

    // Field errors next to the fields.
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByLabel("日期")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("名称")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("此项必填。").first()).toBeVisible();
    // A working day must be a Saturday or Sunday (2027-03-08 is a Monday).
    await page.getByLabel("日期").fill("2027-03-08");
    await page.getByLabel("类型").selectOption("workday");
    await page.getByLabel("名称").fill("测试调休");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("调休上班日只能是周六或周日。")).toBeVisible();
    await expect(page.getByLabel("类型")).toHaveAttribute("aria-invalid", "true");

    // 2027-03-06 is a Saturday.
    await page.getByLabel("日期").fill("2027-03-06");
    await page.getByLabel("类型").selectOption("workday");
    await page.getByLabel("名称").fill("测试调休");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("已保存 2027-03-06。")).toBeVisible();
    const item = page.getByRole("listitem").filter({ hasText: "测试调休" });
    await expect(item).toContainText("03-06");
    await expect(item).toContainText("调休上班");
    await expect(page.getByRole("heading", { name: "2027年3月" })).toBeVisible();

    // By keyboard: focus the row's remove button and press Enter.
    const remove = page.getByRole("button", { name: "删除 2027-03-06（测试调休，调休上班）" });
    await remove.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("已删除 2027-03-06。")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "测试调休" })).toHaveCount(0);
  });

  test("@registry the calendar page fits a 375 px phone and axe finds no violations", async ({ asRole }) => {
    const page = await asRole("city_admin");
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/city/calendar");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  test("@registry an owner gets 404 at /city/calendar, and cannot post to it", async ({ asRole }) => {
    const owner = await asRole("owner");
    expect((await owner.goto("/city/calendar"))?.status()).toBe(404);
    const res = await owner.request.post("/city/calendar", {
      form: { intent: "set", day: "2027-03-13", kind: "workday", name: "x" },
      headers: { Origin: new URL(owner.url()).origin },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(404);
  });
});
