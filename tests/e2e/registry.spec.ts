import fs from "node:fs";
import { expect, test } from "./fixtures";

test.describe("registry", () => {
  test("@registry a street officer browses the street's compounds, sorts, exports and drills down to a compound's totals", async ({ asRole }) => {
    const page = await asRole("street_officer");
    await page.goto("/area/st_heping");
    await page.getByRole("link", { name: "小区列表" }).click();
    await expect(page).toHaveURL(/\/area\/st_heping\/compounds$/);
    await expect(page.getByRole("link", { name: "和平里一区" })).toBeVisible();
    await expect(page.getByRole("link", { name: "松林苑" })).toHaveCount(0);
    await page.getByRole("link", { name: /房屋数/ }).click();
    await expect(page).toHaveURL(/sort=units&dir=asc/);
    await page.getByRole("link", { name: /房屋数/ }).click();
    await expect(page).toHaveURL(/sort=units&dir=desc/);
    await expect(page.locator("tbody tr").first()).toContainText("纺织厂宿舍");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
    expect(fs.statSync((await download.path())!).size).toBeGreaterThan(1000);
    await page.getByRole("link", { name: "和平里一区" }).click();
    await expect(page).toHaveURL(/\/c\/cp_hepingli1$/);
    await expect(page.getByText("业主人数（计票）")).toBeVisible();
    await page.getByRole("link", { name: "房屋与业主" }).last().click();
    await page.getByLabel("房号或业主姓名").fill("张桂兰");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page.locator("tbody tr")).toHaveCount(2);
  });

  test("@registry an owner sees the compound's totals but not the unit list; another compound's owner gets 404", async ({ asRole }) => {
    const owner = await asRole("owner");
    await owner.goto("/c/cp_hepingli1");
    await expect(owner.getByText("计票专有面积")).toBeVisible();
    await expect(owner.getByRole("link", { name: "房屋与业主" })).toHaveCount(0);
    expect((await owner.goto("/c/cp_hepingli1/units"))?.status()).toBe(404);
    const other = await asRole("owner:other");
    expect((await other.goto("/c/cp_hepingli1"))?.status()).toBe(404);
  });
});
